// The sender's own words and signature: quoted replies and forwarded history removed, then the
// block of closing, name and contact lines at the end of what the sender wrote.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailkeeper::parser {

// Who wrote the message, from its From line ("Li Ming <li.ming@buyer.com>", "Vickers, Frank").
struct Sender {
    std::string name;     // display name, unquoted; "Last, First" kept as written
    std::string address;  // lowercased; empty when the line has none
};
Sender parse_sender(std::string_view from_line);

// A body with the quoted history cut off.
struct ReplyText {
    std::string text;          // what the sender wrote, lines as in the input (LF line ends)
    std::string quote_style;   // what started the history: "outlook", "gmail", "apple", "foxmail",
                               // "qq", "netease", "original-message", "forwarded", "quoted" ("> ");
                               // empty when nothing was cut
};
ReplyText strip_quotes(std::string_view body);

struct SignatureBlock {
    std::vector<std::string> lines;  // as in the input, without line ends; inner blank lines kept
    std::size_t first_line = 0;      // index of lines[0] in the text it was found in
};

// The sender's signature at the end of `reply_text` (already stripped of quotes), or nothing when
// the text ends with the message itself. Looks at most kMaxSignatureLines lines from the end.
inline constexpr std::size_t kMaxSignatureLines = 15;
std::optional<SignatureBlock> find_signature(std::string_view reply_text, const Sender& sender);

// The block's lines joined by '\n', as `mailkeeper signature` prints them.
std::string signature_text(const SignatureBlock& block);

}  // namespace mailkeeper::parser
