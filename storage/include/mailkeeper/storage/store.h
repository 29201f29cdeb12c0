// The gateway's memory: outbound messages, bounce events, contacts with their state history, and
// the outbox of alerts to reps. A narrow set of domain operations, so that another backend
// (PostgreSQL, for sites with several gateways) is one more implementation of `Store`.
#pragma once

#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mailkeeper/storage/contact_policy.h"

namespace mailkeeper::storage {

struct StoreError {
    std::string message;
};

// A message this gateway sent out, with its external recipients.
struct OutboundMessage {
    std::optional<std::string> message_id;  // without angle brackets
    std::string sender;                      // envelope sender: the rep
    std::vector<std::string> recipients;     // external envelope recipients only
    std::string subject;
    Timestamp sent_at = 0;
    std::string queue_id;
};

// One failed recipient of one bounce, with the classification and the evidence it rests on.
struct BounceEvent {
    Timestamp received_at = 0;
    std::string recipient;
    std::string original_recipient;
    std::string reason;  // Sisimai vocabulary
    bool hard = false;
    std::string status;
    std::string reply_code;
    std::string action;
    std::string diagnostic;
    std::string command;
    std::string remote_mta;
    std::string reporting_mta;
    std::string format;
    std::optional<std::string> original_message_id;
    std::optional<std::string> original_sender;
    std::optional<std::string> original_subject;
    std::string bounce_message_id;
    std::string bounce_sender;  // envelope sender of the bounce ("" for the null sender)
    std::string queue_id;
};

// Mail received from an external address: proof that it is alive. record_message does this itself
// for mail from a person; this is for callers without a message record.
struct InboundMessage {
    std::string sender;  // the From address
    Timestamp received_at = 0;
    std::optional<std::string> message_id;
};

// A contact detail seen in a sender's signature: "name", "title", "company", "website", "linkedin",
// "whatsapp", "wechat", "skype", "address", "country", "email", or "phone:mobile" / "phone:office" /
// "phone:fax" / "phone:other" (value in E.164).
struct FieldSighting {
    std::string field;
    std::string value;
    double confidence = 0;
};

struct OrderSighting {
    std::string number;  // as written
    std::string kind;    // po, pi, contract, invoice, quotation, tag, or a configured kind
    std::string where;   // subject, subject_tag, body, attachment_name
};

// How order numbers are compared: "po 2026-041" and "PO2026041" are one order. Uppercase (ASCII),
// without spaces, '-', '_', '/' and '.'.
std::string normalise_order_number(std::string_view number);
// A normalised number without its leading label, so that "PO 7788123" (filed as 7788123 after the
// label) and "PO7788123" (filed whole) find each other: "PO7788123" -> "7788123". A number that
// does not continue with at least three characters from a digit stays whole.
std::string order_number_core(std::string_view normalised);

// An automatic reply: "away" leaves the contact as it is; "left" makes it `left` and links the
// replacement the reply names.
struct AutoReplyFact {
    std::string kind;  // away, left, other
    std::string evidence;
    std::optional<std::string> until;
    std::optional<std::string> replacement;
    std::optional<std::string> replacement_name;
};

// One message the gateway passed (or an archive import read), with what the analysis found.
struct MessageRecord {
    std::string message_id;      // without angle brackets; a digest of the message when it has none.
                                 // A message recorded twice counts once.
    std::string direction;       // inbound, outbound or internal
    std::string sender;          // From address, lowercase
    std::vector<std::string> recipients;  // To and Cc addresses, lowercase
    std::string subject;
    Timestamp date = 0;          // the Date header when sane, else the time it passed
    std::vector<std::string> references;  // In-Reply-To, then References, without angle brackets
    std::vector<std::string> tags;        // inquiry, quotation, order, ..., auto-reply, bounce
    std::vector<OrderSighting> orders;
    std::vector<FieldSighting> fields;    // the sender's signature (inbound mail from a person only)
    std::optional<AutoReplyFact> autoreply;
    std::string queue_id;
    bool alerts = true;          // false for imports: old news is not sent to reps
    // Written by a person (not an auto-reply, a report or a null-sender message) whose From is the
    // real sender (the envelope sender matched it at the gateway; an import of the company's own
    // archive trusts it). Only such mail proves an address alive, answers an inquiry, or makes a
    // contact.
    bool from_person = false;
};

// A message of an order, for `orders find`.
struct OrderMessage {
    std::string number;
    std::string kind;
    std::string where;
    std::string message_id;
    std::string direction;
    std::string sender;
    std::vector<std::string> recipients;
    std::string subject;
    Timestamp date = 0;
};

// An inbound message a rep answered: the first outbound message whose In-Reply-To/References
// names it.
struct ReplyTime {
    std::string inbound_message_id;
    std::string customer;  // who wrote in
    std::string rep;       // who answered
    Timestamp received_at = 0;
    Timestamp replied_at = 0;
};

// What the gateway's settings say about alerts when a bounce is applied.
struct BouncePolicy {
    ContactPolicy contacts;
    bool alerts_enabled = true;
    std::vector<std::string> internal_domains;  // alerts go only to reps in these domains
};

struct StateChange {
    Timestamp at = 0;
    ContactState from = ContactState::active;
    ContactState to = ContactState::active;
    std::string cause;   // "bounce", "mail-received", "revived", "auto-reply"
    std::optional<std::int64_t> bounce_id;
    std::string detail;  // the evidence in words: reason, status and diagnostic, or who revived
};

struct Contact {
    std::string address;
    std::string domain;
    ContactState state = ContactState::active;
    Timestamp state_since = 0;
    Timestamp first_seen = 0;
    std::optional<Timestamp> last_mailed;  // last outbound message to them
    std::optional<Timestamp> last_heard;   // last inbound message from them
    std::string owner;                     // the rep who mailed them last
    bool domain_dead = false;
    // The last "away" auto-reply (out of office): when it came and the return date it gave, as
    // written. Cleared by mail from the person sent after it.
    std::optional<Timestamp> away_since;
    std::optional<std::string> away_until;
    std::vector<StateChange> history;      // oldest first (filled by `contact`, not by `contacts`)
};

// A contact with the best known value of each detail: what `contacts export` writes for a CRM.
struct ContactCardRecord {
    Contact contact;
    std::vector<FieldSighting> fields;  // best value per single-valued field; every phone and email
    std::optional<Timestamp> first_contact;  // the first message from or to them, else first_seen
    // How the contact entered the base: "outbound" (we mailed them), "inbound" (they wrote to a
    // company we already correspond with), "reply" (a rep answered their mail), "replacement" (a
    // colleague's auto-reply named them). Contacts older than the message index were given
    // outbound or inbound when the database was migrated.
    std::string source;
    std::optional<std::string> replacement;  // for a contact that left: who took over
};

// The last bounce that made a contact dead or suspect: what the guard quotes.
struct DeathNotice {
    std::string address;
    ContactState state = ContactState::dead;
    Timestamp since = 0;
    std::string reason;
    std::string status;
    std::string diagnostic;
    bool by_domain = false;  // the domain is dead, not (only) this address
};

// A bounce as stored: the event, what it was matched to, and what it did.
struct StoredBounce {
    std::int64_t id = 0;
    BounceEvent event;
    std::optional<std::string> contact;  // set when correlated
    std::optional<std::string> rep;      // the sender of the message it returned
    std::string correlation;             // message-id, recipient-window or none
    std::string effect;                  // kill, wound, admin (our sending problem) or none
};

struct BounceQuery {
    std::optional<std::string> effect;  // only this effect
    bool uncorrelated_only = false;
    Timestamp since = 0;
    int limit = 100;
};

// A DLP rule matched a message. Excerpts are masked before they get here: the sensitive value is
// never stored.
struct IncidentMatch {
    std::string rule;
    std::string description;
    std::string severity;
    std::string action;     // the rule's action
    bool monitor = false;   // the rule only reported
    std::string where;
    std::string excerpt;    // masked
    std::size_t count = 0;
};

struct Incident {
    Timestamp at = 0;
    std::string queue_id;
    std::string message_id;
    std::string direction;
    std::string sender;
    std::vector<std::string> recipients;
    std::string subject;
    std::string action;     // what was done to the message: reject, quarantine, tag, notify, log
    std::vector<IncidentMatch> matches;
    // incident mails: (address, rule) per notify address of each matching rule
    std::vector<std::pair<std::string, std::string>> notify;
};

struct StoredIncident {
    std::int64_t id = 0;
    Incident incident;
};

// What a reviewer did with a message held for approval.
struct QuarantineDecision {
    std::string queue_id;
    std::string decision;  // "release" or "delete"
    std::string by;
    Timestamp at = 0;
};

enum class AlertStatus { pending, sent, failed, skipped };
std::string_view to_string(AlertStatus status);

struct Alert {
    std::int64_t id = 0;
    Timestamp created_at = 0;
    std::string rep;
    std::string contact;
    std::string kind;   // "dead", "suspect", "guard", "dlp", "left"
    std::string facts;  // JSON object: reason, status, diagnostic, subject, sent_at, alternatives ...
    AlertStatus status = AlertStatus::pending;
    int attempts = 0;
    Timestamp next_attempt_at = 0;
    std::optional<Timestamp> sent_at;
    std::string last_error;
};

class Store {
public:
    virtual ~Store() = default;

    // Writes. Queued and applied in order by one writer in batched transactions; the call never
    // waits on the disk. false: the queue is full or the store is failing; the caller logs and the
    // mail goes on (mail is never held for the database).
    virtual bool record_outbound(OutboundMessage message) = 0;
    // Correlates the bounce with a message we sent; only a correlated bounce changes the contact.
    virtual bool record_bounce(BounceEvent event, BouncePolicy policy) = 0;
    virtual bool record_inbound(InboundMessage message) = 0;
    // The guard told a rep that a recipient is dead (guard mode `notify`).
    virtual bool record_guard_notice(std::string rep, DeathNotice notice, std::string subject, Timestamp at,
                                     BouncePolicy policy) = 0;
    // A DLP incident, with an alert of kind "dlp" for each notify address inside the company.
    virtual bool record_incident(Incident incident, std::vector<std::string> internal_domains) = 0;
    // Every message: the message index (orders, tags, reply times), and for mail from a person
    // (`from_person`) the proof that the address lives, contact details from the signature (a value
    // replaces another only when at least as confident) and reply times; auto-replies (a "left" one
    // answering a message we sent to that address makes the contact `left`, links a replacement at
    // the same domain and alerts the rep who mailed them, as a dead contact does). The one place
    // where a recorded message touches contacts: the gateway sends no separate InboundMessage for
    // it. Returns false when queued writes are refused.
    virtual bool record_message(MessageRecord message, BouncePolicy policy) = 0;
    // Waits until every queued write is committed (shutdown, tests and the CLI).
    virtual void flush() = 0;

    // Reads, bounded by the store's busy timeout.
    virtual std::expected<std::optional<DeathNotice>, StoreError> death_notice(const std::string& address) = 0;
    virtual std::expected<std::optional<Contact>, StoreError> contact(const std::string& address) = 0;
    virtual std::expected<std::vector<Contact>, StoreError> contacts(std::optional<ContactState> state) = 0;
    // Newest first. `effect = "admin"` is the admin report: bounces that blame our sending.
    virtual std::expected<std::vector<StoredBounce>, StoreError> bounces(const BounceQuery& query) = 0;
    // Every contact with its best details, for a CRM export.
    virtual std::expected<std::vector<ContactCardRecord>, StoreError> contact_cards() = 0;
    // Messages of an order number (compared as normalise_order_number does), oldest first; one entry
    // per message, `where` listing every place the number was found ("subject,body").
    virtual std::expected<std::vector<OrderMessage>, StoreError> order_messages(const std::string& number) = 0;
    // Answered inbound messages received since `since`, oldest first (by received_at).
    virtual std::expected<std::vector<ReplyTime>, StoreError> reply_times(Timestamp since) = 0;
    // Whether a message is already recorded (import's duplicate check before parsing).
    virtual std::expected<bool, StoreError> has_message(const std::string& message_id) = 0;
    virtual std::expected<bool, StoreError> revive(const std::string& address, const std::string& who, Timestamp at) = 0;
    // Incidents, newest first; with a queue id, those of that message only.
    virtual std::expected<std::vector<StoredIncident>, StoreError> incidents(const std::string& queue_id, int limit) = 0;
    // Recorded at once (the reviewer's command waits for it).
    virtual std::expected<void, StoreError> record_quarantine_decision(const QuarantineDecision& decision) = 0;
    virtual std::expected<std::vector<QuarantineDecision>, StoreError> quarantine_decisions(const std::string& queue_id) = 0;

    // The outbox.
    virtual std::expected<std::vector<Alert>, StoreError> due_alerts(Timestamp now) = 0;
    virtual std::expected<std::vector<Alert>, StoreError> alerts(std::optional<AlertStatus> status, int limit) = 0;
    virtual std::expected<void, StoreError> mark_alerts_sent(const std::vector<std::int64_t>& ids, Timestamp at) = 0;
    virtual std::expected<void, StoreError> mark_alerts_failed(const std::vector<std::int64_t>& ids, const std::string& error,
                                                               std::optional<Timestamp> retry_at) = 0;
    virtual std::expected<void, StoreError> mark_alerts_skipped(const std::vector<std::int64_t>& ids, const std::string& why) = 0;
    // Alert mails already sent to a rep since `since` (the per-rep rate limit).
    virtual std::expected<int, StoreError> alert_mails_since(const std::string& rep, Timestamp since) = 0;
    virtual std::expected<void, StoreError> record_alert_mail(const std::string& rep, int alerts, Timestamp at) = 0;
};

// Signature details of an address that is not a contact (spam included: anyone may write in) are
// kept this long after they were last written, then purged by the writer; a contact's stay.
inline constexpr Timestamp kStrangerDetailsRetention = 30 * 86400;

struct SqliteOptions {
    std::string path;
    int busy_timeout_ms = 200;         // longest a read waits for a lock (the writer waits at least 1 s)
    std::size_t max_batch = 500;       // writes per transaction
    std::size_t max_queue = 10000;     // queued writes before new ones are refused (and logged)
    bool read_only = false;            // the CLI's listing commands
    Timestamp stranger_details_retention = kStrangerDetailsRetention;
};

// Opens (creating and migrating when needed) an SQLite database in WAL mode.
std::expected<std::unique_ptr<Store>, StoreError> open_sqlite_store(const SqliteOptions& options);

}  // namespace mailkeeper::storage
