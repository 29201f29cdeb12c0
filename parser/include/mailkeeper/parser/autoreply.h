// Automatic replies (RFC 3834): out of office, or "no longer with the company" with the
// replacement it names.
#pragma once

#include <optional>
#include <string>

#include "mailkeeper/parser/message.h"

namespace mailkeeper::parser {

enum class AutoReplyKind {
    away,   // out of office, on leave, travelling: the address lives
    left,   // no longer with the company / 已离职 / 不再负责: the person is gone
    other,  // an automatic reply of another kind (ticket received, "thank you for your mail")
};
std::string_view to_string(AutoReplyKind kind);

struct AutoReply {
    AutoReplyKind kind = AutoReplyKind::other;
    std::string evidence;                     // the header or phrase that told us ("Auto-Submitted: auto-replied", "已离职")
    std::optional<std::string> until;         // the return date as written ("3 January", "1月3日")
    std::optional<std::string> replacement;   // address the reply names for further mail (lowercased)
    std::optional<std::string> replacement_name;
};

// Pure; reads the headers and the first text part only.
std::optional<AutoReply> detect_autoreply(const Message& message);

}  // namespace mailkeeper::parser
