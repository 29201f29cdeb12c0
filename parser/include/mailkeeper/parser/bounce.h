// Bounce analysis: which recipients of a message we sent failed, why, and what was sent.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mailkeeper/parser/limits.h"
#include "mailkeeper/parser/message.h"
#include "mailkeeper/parser/reason.h"

namespace mailkeeper::parser {

enum class ReportKind {
    none,       // an ordinary message
    bounce,     // a delivery status notification, standard (RFC 3464) or not
    feedback,   // an ARF complaint report (RFC 5965)
    autoreply,  // an automatic reply (RFC 3834): out of office, "has left"
};

struct Recipient {
    std::string address;             // the failed address (RFC 3464 Final-Recipient)
    std::string original_recipient;  // RFC 3461 ORCPT as the sender gave it, when stated
    Evidence evidence;
    Classification classification;
    std::string reporting_mta;
};

// The message that bounced, as the report returns it (whole, headers only, or quoted as text).
struct ReturnedMessage {
    std::optional<std::string> message_id;
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> subject;
    std::optional<std::string> date;
};

struct BounceReport {
    ReportKind kind = ReportKind::none;
    std::string format;  // the format that matched: "rfc3464", "postfix", "qmail", "exim", ...
    std::vector<Recipient> recipients;
    ReturnedMessage original;
    std::string reporting_mta;
};

// Whether a message may be a delivery report judging by its envelope and headers: RFC 3464 §2 and
// RFC 5321 §4.5.5 send reports with the null sender; non-standard bouncers still come from
// MAILER-DAEMON or postmaster, or carry X-Failed-Recipients (Exim) or a report content type. The
// gateway and an archive import (with Return-Path as the envelope sender) take only such mail for
// a bounce: a customer forwarding a bounce is not one.
bool may_be_report(const HeaderList& headers, std::string_view envelope_sender);

// Pure: looks only at the message. Linear in its size; every loop bounded by `limits`.
BounceReport analyse_bounce(const Message& message, const Limits& limits = {});

}  // namespace mailkeeper::parser
