// Why a recipient failed: the reason vocabulary and the classifier that picks one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mailkeeper::parser {

// Sisimai 5's reason names, so that results compare with the reference parser and with the
// vocabulary mail admins already know. `feedback`, `vacation` and `delivered` label complaint
// reports, auto-replies and success notices: they are reports, not failures.
enum class Reason {
    undefined,
    userunknown,
    hostunknown,
    mailboxfull,
    suspend,
    hasmoved,
    notaccept,
    blocked,
    rejected,
    spamdetected,
    filtered,
    policyviolation,
    authfailure,
    badreputation,
    requireptr,
    toomanyconn,
    speeding,
    exceedlimit,
    mesgtoobig,
    expired,
    networkerror,
    systemerror,
    systemfull,
    securityerror,
    norelaying,
    syntaxerror,
    contenterror,
    virusdetected,
    mailererror,
    notcompliantrfc,
    onhold,
    emptymailbox,
    feedback,
    vacation,
    delivered,
};

std::string_view to_string(Reason r);
std::optional<Reason> reason_from_string(std::string_view name);

// Everything a bounce says about one recipient's failure, as found in the report. All strings are
// UTF-8; empty means "not stated".
struct Evidence {
    std::string status;      // RFC 3463 enhanced status code, "5.1.1"
    std::string reply_code;  // RFC 5321 reply code, "550"
    std::string diagnostic;  // the remote server's or the reporting MTA's text, lines joined by spaces
    std::string diagnostic_type;  // RFC 3464 §2.3.6 diagnostic type: "smtp", "x-unix", "x-postfix"
    std::string command;     // SMTP command the error answered: "CONN", "HELO", "MAIL", "RCPT", "DATA"
    std::string remote_mta;  // the remote host that refused, lowercased ("mx.example.com")
    // The host that wrote the bounce (the "by" of its oldest Received: field): names the provider
    // when the report does not name the remote host.
    std::string reporting_host;
    std::string action;      // RFC 3464 Action: failed, delayed, delivered, relayed, expanded
    std::string format;      // the bounce format that produced the evidence: "postfix", "qmail", ...
    // A reason the format's own parser already knows for certain (for example a provider's
    // documented error code); the classifier still checks it against the text.
    std::optional<Reason> format_reason;
};

struct Classification {
    Reason reason = Reason::undefined;
    std::string status;  // the evidence's status, or one derived from the reason when absent
    bool hard = false;   // the address itself is dead: userunknown, hostunknown, hasmoved, 5xx notaccept
};

// Picks the reason from the status code, the reply code and the diagnostic text together. The text
// wins over a generic or contradicting code: a rate limit sent as 5.1.1 is `speeding`, not a dead
// mailbox. Pure and linear in the length of the diagnostic.
Classification classify(const Evidence& evidence);

}  // namespace mailkeeper::parser
