// A message read from raw bytes: its headers and its parts, every text decoded to UTF-8.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mailkeeper/parser/error.h"
#include "mailkeeper/parser/limits.h"

namespace mailkeeper::parser {

struct Header {
    std::string name;   // as written ("Content-Type")
    std::string value;  // unfolded, RFC 2047 words decoded, UTF-8
};

using HeaderList = std::vector<Header>;

// First value of a header, matched case-insensitively.
std::optional<std::string> find_header(const HeaderList& headers, std::string_view name);

struct Part {
    std::string media_type;  // lowercased type/subtype: "text/plain", "message/delivery-status"
    std::string text;        // UTF-8 text of textual parts (HTML reduced to text, except inside the
                             // returned message, where it stays HTML source); empty otherwise
    std::string charset;     // charset the text was decoded from ("UTF-8", "GB18030", ...)
    bool charset_detected = false;  // declared charset absent or wrong: the text was sniffed
    bool in_returned_message = false;  // inside an attached message/rfc822 (the bounced original)
    std::string filename;    // attachment file name, if any
    // Parts that are forms of the same content (children of one multipart/alternative) share a
    // number above 0; 0 for a part outside any alternative.
    int alternative = 0;
    // Transfer-decoded bytes of a non-textual part (a DOCX, a PDF, a ZIP), kept only when
    // Limits::max_attachment_bytes allows, cut at that size (data_truncated then set).
    std::string data;
    bool data_truncated = false;
};

struct Message {
    HeaderList headers;
    std::string media_type;   // top-level type/subtype, lowercased
    std::string report_type;  // multipart/report's report-type parameter, lowercased
    std::vector<Part> parts;  // leaf parts in document order
    // Headers of the message this one returns or answers (an attached message/rfc822 or
    // text/rfc822-headers part), when there is one.
    std::optional<HeaderList> returned_headers;
    // Set when the MIME structure was damaged and the text was read raw instead (rspamd's
    // fallback): the analysis still runs, on the text.
    bool mime_damaged = false;
    bool truncated = false;  // input was longer than Limits::max_scan_bytes
};

// Parses one message. Line endings may be LF, CRLF or CR alone: all give the same result.
// Fails only when nothing can be read at all (empty input).
std::expected<Message, Error> parse_message(std::string_view bytes, const Limits& limits = {});

// The plain addresses of an address-list header value ("A <a@x>, b@y" -> a@x, b@y), groups
// expanded, in order; what is not an address is skipped.
std::vector<std::string> addresses_of(std::string_view header_value);

// The text the sender wrote: the first text/plain part outside any returned message, else the
// first HTML part (as text). Null when the message has no text.
const Part* main_text(const Message& message);

// The Date header as seconds since the Unix epoch (RFC 5322 §3.3, obsolete forms too), or nothing
// when absent or unreadable.
std::optional<std::int64_t> message_date(const Message& message);

// The message ids of a Message-ID, In-Reply-To or References value, without angle brackets, in
// order ("<a@x> <b@y>" -> a@x, b@y); at most kMaxReferences.
inline constexpr std::size_t kMaxReferences = 100;
std::vector<std::string> message_ids(std::string_view header_value);

// Whether `bytes` start with an RFC 5322 header block (From, Subject, Date, Received, ...), as an
// .eml file does, rather than with a bare body.
bool looks_like_message(std::string_view bytes);

// Splits an mbox file into its messages, each without its "From " separator line. A separator is
// a line starting "From " at the start of the file or after an empty line (the mboxo/mboxrd
// convention; quoted ">From " body lines stay as they are). Returns views into `bytes`.
std::vector<std::string_view> split_mbox(std::string_view bytes);
bool looks_like_mbox(std::string_view bytes);

// Reads a block of RFC 5322 header lines (as found in text/rfc822-headers or quoted in a plain-text
// bounce) into a header list; stops at the first empty line.
HeaderList parse_header_block(std::string_view text);

}  // namespace mailkeeper::parser
