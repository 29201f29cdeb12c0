// Writing a message: the plain-text mails mailkeeper sends itself (alerts to reps). GMime does the
// RFC 2047 header encoding and the body's transfer encoding. Pure: the date comes in as a value.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mailkeeper::parser {

struct PlainTextMail {
    std::string from_name;
    std::string from_address;
    std::vector<std::string> to;
    std::string subject;  // UTF-8
    std::string body;     // UTF-8, LF line ends
    std::int64_t date = 0;  // seconds since the epoch
    std::string message_id;  // without angle brackets
    std::vector<std::pair<std::string, std::string>> headers;  // extra header fields, ASCII values
};

// An RFC 5322 message with a text/plain; charset=utf-8 body in base64, CRLF line ends.
std::string compose_plain_text(const PlainTextMail& mail);

}  // namespace mailkeeper::parser
