// What the gateway does with one message, decided from the envelope, the headers and the text.
// Pure: the libmilter adapter (milter.cpp) gathers the facts, calls these functions, then applies
// the result (headers, replies) and hands the events to the store.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <mailkeeper/parser/bounce.h>
#include <mailkeeper/parser/message.h>
#include <mailkeeper/storage/store.h>

#include "mailkeeper/milter/config.h"

namespace mailkeeper::milter {

enum class Direction { inbound, outbound };
std::string_view to_string(Direction d);

struct Envelope {
    std::string client_addr;   // {client_addr}
    std::string auth_authen;   // {auth_authen}: the SASL login, when the client authenticated
    std::string mail_from;     // envelope sender without brackets; "" for the null sender
    std::vector<std::string> recipients;
    std::string queue_id;      // {i}
};

// Outbound when the client authenticated or sits in internal_networks, or when the envelope
// sender is in internal_domains and the client is in trusted_networks; inbound otherwise.
Direction direction_of(const Config& config, const Envelope& envelope);

// The message as the milter saw it: headers in order (values as the MTA passed them) and the raw
// bytes (headers and as much of the body as the size cap let through).
struct MessageFacts {
    Envelope envelope;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string raw;
    bool truncated = false;
};

struct Decision {
    // mailkeeper's own header names found in the message, to be removed before ours are added:
    // nobody outside may hand us a verdict or pose as an alert
    std::vector<std::string> remove_headers;
    std::vector<std::pair<std::string, std::string>> add_headers;
    std::optional<storage::OutboundMessage> outbound;
    std::vector<storage::BounceEvent> bounces;
    // the message in the index: orders, tags, signature details, auto-reply (every message but
    // mailkeeper's own alerts)
    std::optional<storage::MessageRecord> record;
    std::string summary;  // one log line: what was seen and done
};

// Marks the alerts mailkeeper itself sends; a bounce that returns one is never answered.
inline constexpr const char* kAlertHeader = "X-Mailkeeper-Alert";
inline constexpr const char* kBounceHeader = "X-Mailkeeper-Bounce";
inline constexpr const char* kDeadRecipientHeader = "X-Mailkeeper-Dead-Recipient";
// What the message is about: "inquiry, order".
inline constexpr const char* kTagsHeader = "X-Mailkeeper-Tags";
// The DLP rules that tagged (or held) a message: "rule-id,rule-id".
inline constexpr const char* kDlpHeader = "X-Mailkeeper-DLP";
// At most this many X-Mailkeeper-Bounce headers are added to one bounce.
inline constexpr std::size_t kMaxBounceHeaders = 20;
// Header fields of one message kept for analysis; the rest still flow to the MTA.
inline constexpr std::size_t kMaxHeaders = 1000;
// Longest SMTP reply text the guard writes (RFC 5321 §4.5.3.1.5 allows 512 octets a line).
inline constexpr std::size_t kMaxReplyText = 400;

// The kept bytes as a message, parsed once for the analysis and the DLP scan alike; the bytes of
// attachments are kept (up to milter.max_message_size) only `with_attachments` (rules will read
// them). Nothing when there is nothing at all to read.
std::optional<parser::Message> parse_facts(const Config& config, const MessageFacts& facts, bool with_attachments);

Decision decide(const Config& config, const MessageFacts& facts, const parser::Message* message, Direction direction,
                storage::Timestamp now);
// The same, parsing the facts itself (tests, one-off callers).
Decision decide(const Config& config, const MessageFacts& facts, Direction direction, storage::Timestamp now);

// One of mailkeeper's own alerts on its way out (From and envelope sender are alerts.from): never
// analysed, never scanned by DLP (an incident mail quotes what the rule matched).
bool is_own_alert(const Config& config, const MessageFacts& facts, Direction direction);

// The guard's answer for a recipient known to be dead, by `guard.mode`. `reject` refuses only an
// address whose own bounce killed it; an address at a domain marked dead (a share of its
// contacts, perhaps an outage) is tagged instead, as in `header` mode.
struct GuardAction {
    bool reject = false;
    std::string reply_text;   // with `reject`: the text after "550 5.1.1"
    std::string header_value; // with `header`: the X-Mailkeeper-Dead-Recipient value
    bool notify = false;
};
GuardAction guard_action(GuardMode mode, const storage::DeathNotice& notice);

// The first value of a header the milter collected (case-insensitive name), or null.
const std::string* header(const MessageFacts& facts, std::string_view name);

// One line of printable ASCII for an SMTP reply or a header value: line breaks become spaces,
// '%' goes (libmilter reply texts are format strings for some MTAs), anything else non-printable
// becomes '?', and text past `max` bytes becomes "...".
std::string ascii_line(std::string_view text, std::size_t max);

// A header value as text: folded lines joined, RFC 2047 words decoded.
std::string decoded_header(const std::string& name, const std::string& value);

// "2026-11-23" in UTC.
std::string format_date(storage::Timestamp t);
// "2026-11-23 09:12" in local time, as reps and admins read times.
std::string format_local_time(storage::Timestamp t);

}  // namespace mailkeeper::milter
