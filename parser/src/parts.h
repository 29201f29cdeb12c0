// Which parts of a message are the sender's own text.
#pragma once

#include <string_view>

#include "mailkeeper/parser/message.h"

namespace mailkeeper::parser::detail {

// The first text part outside any returned or attached message and not itself an attachment: what
// the sender wrote (with the quoted history, if any, below it). Plain or HTML reduced to text.
inline std::string_view first_text(const Message& m) {
    const Part* p = main_text(m);
    return p ? std::string_view(p->text) : std::string_view();
}

}  // namespace mailkeeper::parser::detail
