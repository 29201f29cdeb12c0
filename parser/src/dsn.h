// RFC 3464 delivery-status fields, and the codes found in free text (RFC 3463, RFC 5321).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mailkeeper::parser::detail {

struct DsnRecipient {
    std::string final_recipient;     // RFC 3464 §2.3.2, address only
    std::string original_recipient;  // RFC 3464 §2.3.1
    std::string x_actual_recipient;  // Postfix/Sendmail extension
    std::string bounce_category;     // X-PowerMTA-BounceCategory, lowercased
    std::string action;              // §2.3.3, lowercased
    std::string status;              // §2.3.4, "5.1.1"
    std::string remote_mta;          // §2.3.5, host only
    std::string diagnostic_type;     // §2.3.6 type ("smtp", "x-unix", ...)
    std::string diagnostic;          // §2.3.6 text, continuation lines joined
};

struct DeliveryStatus {
    std::string reporting_mta;  // §2.2.2, host only
    std::string received_from_mta;
    std::vector<DsnRecipient> recipients;
};

// Reads the fields of a message/delivery-status body, or DSN-like fields written into a text part.
// Groups may lack the blank lines between them: a repeated Final-Recipient starts a new one.
DeliveryStatus parse_delivery_status(std::string_view text, std::size_t max_recipients);

// "rfc822; <user@example.com>" -> "user@example.com"
std::string field_address(std::string_view value);
// "dns; mx.example.com" -> "mx.example.com"
std::string field_value_after_type(std::string_view value);

// "5.1.1", "4.7.650": an RFC 3463 code (class 2/4/5, subject 0-7, detail of one to three digits).
bool is_status_code(std::string_view s);

// The first RFC 3463 enhanced status code in text ("5.1.1"), with class 2, 4 or 5; empty if none.
std::string find_status_code(std::string_view text);
// The first RFC 5321 reply code at a plausible place in text ("550"); empty if none.
std::string find_reply_code(std::string_view text);

}  // namespace mailkeeper::parser::detail
