// Which parts of a message are the sender's own text.
#pragma once

#include <string_view>

#include "mailkeeper/parser/message.h"

namespace mailkeeper::parser::detail {

// The first text part outside any returned or attached message and not itself an attachment: what
// the sender wrote (with the quoted history, if any, below it). Plain or HTML reduced to text.
inline std::string_view first_text(const Message& m) {
    for (const Part& p : m.parts) {
        if (p.in_returned_message || !p.filename.empty()) continue;
        if (p.media_type == "text/plain" || p.media_type == "text/html") return p.text;
    }
    return {};
}

}  // namespace mailkeeper::parser::detail
