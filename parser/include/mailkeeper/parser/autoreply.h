// Automatic replies (RFC 3834): out of office, or "no longer with the company" with the
// replacement it names.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

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
    // The header or phrase that told us it is automatic ("Auto-Submitted: auto-replied",
    // "Subject: 自动回复"); a weak header and the phrase that confirmed it are joined by " + "
    // ("X-Auto-Response-Suppress: All + out of office").
    std::string evidence;
    std::string kind_phrase;                  // the phrase that set the kind, as written ("已离职",
                                              // "Out of Office"); empty when nothing said
    std::optional<std::string> until;         // the return date as written ("3 January", "1月3日")
    std::optional<std::string> replacement;   // address the reply names for further mail (lowercased)
    std::optional<std::string> replacement_name;  // the name written with it ("Jane Smith", "王小姐")
};

// Bytes of the first text part read; an auto-reply says what it has to say at the top, and the
// rest of a long first part is the quoted history.
inline constexpr std::size_t kMaxAutoReplyScanBytes = 16 * 1024;

// Pure; reads the headers, the Subject and the first text part only (never a part of a returned
// or attached message), and never takes a delivery report (RFC 3464 DSN, RFC 8098 MDN, RFC 5965
// ARF) for an automatic reply, although DSNs carry "Auto-Submitted: auto-replied" too.
std::optional<AutoReply> detect_autoreply(const Message& message);

}  // namespace mailkeeper::parser
