// The SQLite Store: WAL journal, one writer thread that applies queued writes in batched
// transactions, a small pool of read connections for the milter's lookups.
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "mailkeeper/storage/store.h"
#include "sqlite.h"

namespace mailkeeper::storage {
namespace {

using sqlite::Connection;
using sqlite::SqliteError;
using json = nlohmann::json;

// Schema migrations, applied in order; schema_version holds the number applied. Never edit an
// applied step: add one.
const char* const kMigrations[] = {
    // 1: outbound mail, bounces, contacts with history, domains, the alert outbox
    R"sql(
CREATE TABLE outbound (
    id INTEGER PRIMARY KEY,
    message_id TEXT,
    sender TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    sent_at INTEGER NOT NULL,
    queue_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbound_message_id ON outbound(message_id);
CREATE TABLE outbound_recipients (
    outbound_id INTEGER NOT NULL REFERENCES outbound(id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    PRIMARY KEY (outbound_id, address)
);
CREATE INDEX outbound_recipients_address ON outbound_recipients(address, outbound_id);
CREATE TABLE bounces (
    id INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    recipient TEXT NOT NULL,
    original_recipient TEXT NOT NULL DEFAULT '',
    contact TEXT,                       -- the contact it was applied to (correlated bounces only)
    reason TEXT NOT NULL,
    hard INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT '',
    reply_code TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL DEFAULT '',
    diagnostic TEXT NOT NULL DEFAULT '',
    command TEXT NOT NULL DEFAULT '',
    remote_mta TEXT NOT NULL DEFAULT '',
    reporting_mta TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    original_message_id TEXT,
    original_sender TEXT,
    original_subject TEXT,
    bounce_message_id TEXT NOT NULL DEFAULT '',
    bounce_sender TEXT NOT NULL DEFAULT '',
    queue_id TEXT NOT NULL DEFAULT '',
    outbound_id INTEGER REFERENCES outbound(id),
    correlation TEXT NOT NULL,          -- message-id | recipient-window | none
    effect TEXT NOT NULL                -- kill | wound | admin | none
);
CREATE INDEX bounces_contact ON bounces(contact, received_at);
CREATE INDEX bounces_received ON bounces(received_at);
CREATE TABLE contacts (
    address TEXT PRIMARY KEY,
    domain TEXT NOT NULL,
    state TEXT NOT NULL,
    state_since INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_mailed INTEGER,
    last_heard INTEGER,
    owner TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contacts_domain ON contacts(domain, state);
CREATE INDEX contacts_state ON contacts(state);
CREATE TABLE contact_history (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL,
    at INTEGER NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    cause TEXT NOT NULL,
    bounce_id INTEGER REFERENCES bounces(id),
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contact_history_address ON contact_history(address, id);
CREATE TABLE domains (
    domain TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    since INTEGER NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    rep TEXT NOT NULL,
    contact TEXT NOT NULL,
    kind TEXT NOT NULL,
    facts TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at INTEGER,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alerts_due ON alerts(status, next_attempt_at);
CREATE TABLE alert_mails (
    id INTEGER PRIMARY KEY,
    rep TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    alerts INTEGER NOT NULL
);
CREATE INDEX alert_mails_rep ON alert_mails(rep, sent_at);
)sql",
    // 2: DLP incidents (masked excerpts only) and the reviewers' decisions on held messages
    R"sql(
CREATE TABLE dlp_incidents (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    queue_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    direction TEXT NOT NULL,
    sender TEXT NOT NULL,
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    action TEXT NOT NULL,
    matches TEXT NOT NULL
);
CREATE INDEX dlp_incidents_queue ON dlp_incidents(queue_id);
CREATE INDEX dlp_incidents_at ON dlp_incidents(at);
CREATE TABLE quarantine_decisions (
    id INTEGER PRIMARY KEY,
    queue_id TEXT NOT NULL,
    decision TEXT NOT NULL,
    by_whom TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX quarantine_decisions_queue ON quarantine_decisions(queue_id);
)sql",
    // 3: the message index (recipients, references, order numbers), contact details from
    // signatures, reply times, and what a contact gained: how it entered the base, who replaced
    // it, its last out-of-office reply
    R"sql(
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,    -- without angle brackets; "fnv:..." when the message had none
    direction TEXT NOT NULL,            -- inbound | outbound | internal | unknown
    sender TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    date INTEGER NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',    -- JSON array
    from_person INTEGER NOT NULL,       -- a person wrote it and the From is the sender (MessageRecord::from_person)
    queue_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX messages_sender ON messages(sender, date);
CREATE TABLE message_recipients (
    message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    address TEXT NOT NULL,
    PRIMARY KEY (message, position)
);
CREATE INDEX message_recipients_address ON message_recipients(address, message);
CREATE TABLE message_references (
    message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    referenced TEXT NOT NULL,           -- a Message-ID of In-Reply-To or References
    PRIMARY KEY (message, referenced)
);
CREATE INDEX message_references_referenced ON message_references(referenced);
CREATE TABLE order_sightings (
    message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    number TEXT NOT NULL,               -- as written
    normalised TEXT NOT NULL,           -- uppercase, without spaces, '-', '_', '/', '.'
    core TEXT NOT NULL,                 -- normalised without a leading label: PO7788123 -> 7788123
    kind TEXT NOT NULL,
    found_in TEXT NOT NULL,             -- subject | subject_tag | body | attachment_name
    PRIMARY KEY (message, normalised, kind, found_in)
);
CREATE INDEX order_sightings_number ON order_sightings(normalised);
CREATE INDEX order_sightings_core ON order_sightings(core);
CREATE TABLE contact_details (
    address TEXT NOT NULL,              -- whose signature it was (the sender of inbound mail)
    field TEXT NOT NULL,                -- name, title, ..., email, phone:mobile, ...
    value TEXT NOT NULL,
    confidence REAL NOT NULL,           -- the highest this value was seen with
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    sightings INTEGER NOT NULL,
    -- when the store last wrote the row (its clock, not the message's Date): a non-contact's rows
    -- are purged kStrangerDetailsRetention after it
    recorded_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER)),
    PRIMARY KEY (address, field, value)
);
CREATE INDEX contact_details_recorded ON contact_details(recorded_at);
CREATE TABLE replies (
    inbound_message_id TEXT PRIMARY KEY,
    customer TEXT NOT NULL,
    rep TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    replied_at INTEGER NOT NULL,
    reply_message_id TEXT NOT NULL      -- the first answer (earliest date)
);
CREATE INDEX replies_received ON replies(received_at);
ALTER TABLE contacts ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN replaced_by TEXT;
ALTER TABLE contacts ADD COLUMN away_since INTEGER;
ALTER TABLE contacts ADD COLUMN away_until TEXT;
-- Before this step contacts came from mail we sent (record_outbound, or a bounce of it: an owner)
-- or from mail received at a company we knew (record_inbound: no owner).
UPDATE contacts SET source = CASE WHEN owner <> '' OR last_mailed IS NOT NULL THEN 'outbound' ELSE 'inbound' END;
)sql",
};

// Bounds of one message record: a References header of a long thread, an analysis gone wild.
constexpr std::size_t kMaxReferences = 100;
constexpr std::size_t kMaxRecipients = 1000;
constexpr std::size_t kMaxOrdersPerMessage = 100;
constexpr std::size_t kMaxFieldsPerMessage = 64;
constexpr std::size_t kMaxFieldBytes = 1000;

// Details a contact has one of: the best sighting wins. Phones and emails keep every value.
constexpr std::array<std::string_view, 10> kSingleFields{"name",     "title",    "company", "website", "linkedin",
                                                          "whatsapp", "wechat",   "skype",   "address", "country"};

bool single_valued(std::string_view field) {
    return std::find(kSingleFields.begin(), kSingleFields.end(), field) != kSingleFields.end();
}

// "<abc@x>" -> "abc@x": Message-IDs are compared without brackets and surrounding space, and with
// their case (RFC 5322 §3.6.4 makes the id-left case-sensitive).
std::string message_id_of(std::string_view id) {
    while (!id.empty() && (id.front() == '<' || id.front() == ' ' || id.front() == '\t')) id.remove_prefix(1);
    while (!id.empty() && (id.back() == '>' || id.back() == ' ' || id.back() == '\t' || id.back() == '\r' ||
                           id.back() == '\n'))
        id.remove_suffix(1);
    return std::string(id);
}

std::string trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

bool has_tag(const MessageRecord& r, std::string_view tag) {
    return std::find(r.tags.begin(), r.tags.end(), tag) != r.tags.end();
}

bool is_address(std::string_view a) { return a.find('@') != std::string_view::npos && a.find(' ') == std::string_view::npos; }

std::string bounce_detail(const BounceEvent& e) {
    std::string out = e.reason;
    if (!e.status.empty()) out += " " + e.status;
    if (!e.diagnostic.empty()) out += ": " + e.diagnostic;
    return out;
}

// Everything one writer transaction needs: the domain operations, in SQL.
class Writer {
public:
    explicit Writer(Connection& c) : c_(c) {}

    void record_outbound(const OutboundMessage& m) {
        c_.prepare("INSERT INTO outbound(message_id, sender, subject, sent_at, queue_id) VALUES(?,?,?,?,?)")
            .bind_all(m.message_id, normalise_address(m.sender), m.subject, m.sent_at, m.queue_id)
            .run();
        const auto id = c_.last_insert_id();
        const std::string owner = normalise_address(m.sender);
        for (const auto& r : m.recipients) {
            const std::string address = normalise_address(r);
            if (address.empty()) continue;
            c_.prepare("INSERT OR IGNORE INTO outbound_recipients(outbound_id, address) VALUES(?,?)")
                .bind_all(id, address)
                .run();
            mailed(address, owner, m.sent_at);
        }
    }

    void record_bounce(const BounceEvent& e, const BouncePolicy& policy) {
        const std::string recipient = normalise_address(e.recipient);
        const std::string orcpt = e.original_recipient.empty() ? recipient : normalise_address(e.original_recipient);
        const BounceEffect effect = effect_of(parser::reason_from_string(e.reason).value_or(parser::Reason::undefined), e.hard);

        // Correlation: the returned message's Message-ID names the message we sent; without it,
        // the recipient and the time window. A Message-ID we never sent means a forged or foreign
        // bounce, whatever the recipient.
        std::optional<std::int64_t> outbound_id;
        std::string contact, rep, subject, correlation = "none";
        Timestamp sent_at = 0;
        const bool has_id = e.original_message_id && !e.original_message_id->empty();
        if (has_id) {
            auto q = c_.prepare(
                "SELECT o.id, r.address, o.sender, o.subject, o.sent_at FROM outbound o "
                "JOIN outbound_recipients r ON r.outbound_id = o.id "
                "WHERE o.message_id = ? AND r.address IN (?, ?) ORDER BY o.id DESC LIMIT 1");
            q.bind_all(*e.original_message_id, recipient, orcpt);
            if (q.step()) {
                outbound_id = q.integer(0), contact = q.text(1), rep = q.text(2), subject = q.text(3), sent_at = q.integer(4);
                correlation = "message-id";
            }
        }
        if (!outbound_id) {
            // Without the returned headers: the recipient and the time window. With a Message-ID
            // that matched nothing, only messages that had none when they passed (the MTA added
            // one after us) may still explain the bounce.
            auto q = c_.prepare(
                "SELECT o.id, r.address, o.sender, o.subject, o.sent_at FROM outbound_recipients r "
                "JOIN outbound o ON o.id = r.outbound_id "
                "WHERE r.address IN (?, ?) AND o.sent_at BETWEEN ? AND ? AND (? = 0 OR o.message_id IS NULL) "
                "ORDER BY o.sent_at DESC, o.id DESC LIMIT 1");
            // a minute of slack: the bounce may be stamped before the outbound record's clock
            q.bind_all(recipient, orcpt, e.received_at - policy.contacts.correlation_window, e.received_at + 60,
                       has_id ? 1 : 0);
            if (q.step()) {
                outbound_id = q.integer(0), contact = q.text(1), rep = q.text(2), subject = q.text(3), sent_at = q.integer(4);
                correlation = "recipient-window";
            }
        }

        c_.prepare(
              "INSERT INTO bounces(received_at, recipient, original_recipient, contact, reason, hard, status, reply_code, "
              "action, diagnostic, command, remote_mta, reporting_mta, format, original_message_id, original_sender, "
              "original_subject, bounce_message_id, bounce_sender, queue_id, outbound_id, correlation, effect) "
              "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
            .bind_all(e.received_at, recipient, e.original_recipient, outbound_id ? std::optional(contact) : std::nullopt,
                      e.reason, e.hard, e.status, e.reply_code, e.action, e.diagnostic, e.command, e.remote_mta,
                      e.reporting_mta, e.format, e.original_message_id, e.original_sender, e.original_subject,
                      e.bounce_message_id, e.bounce_sender, e.queue_id, outbound_id, correlation,
                      std::string(to_string(effect)))
            .run();
        const auto bounce_id = c_.last_insert_id();

        if (!outbound_id) {
            spdlog::info("bounce uncorrelated rcpt={} reason={} message_id={} queue_id={}: no message we sent matches; "
                         "contact unchanged",
                         recipient, e.reason, e.original_message_id.value_or("-"), e.queue_id.empty() ? "-" : e.queue_id);
            return;
        }
        if (effect == BounceEffect::admin) {
            spdlog::warn("bounce blames our sending rcpt={} reason={} status={} rep={}: admin report, contact unchanged",
                         contact, e.reason, e.status, rep);
            return;
        }
        if (effect == BounceEffect::none) return;

        auto current = state_of(contact);
        if (const auto heard = last_heard(contact); current && heard && *heard > e.received_at) {
            // Mail from the address came after the bounce (an archive imported out of order): the
            // bounce is old news about a mailbox that lives.
            spdlog::info("bounce older than mail from the address rcpt={} reason={}: contact unchanged", contact, e.reason);
            return;
        }
        int wounds = 0;
        if (effect == BounceEffect::wound) {
            // soft bounces within the window, and none from before the contact last came back
            auto q = c_.prepare(
                "SELECT COUNT(*) FROM bounces WHERE contact = ?1 AND effect = 'wound' AND received_at >= MAX(?2, "
                "COALESCE((SELECT MAX(at) FROM contact_history WHERE address = ?1 AND to_state = 'active'), 0))");
            q.bind_all(contact, e.received_at - policy.contacts.soft_window);
            if (q.step()) wounds = static_cast<int>(q.integer(0));
        }
        const ContactState before = current.value_or(ContactState::active);
        const ContactState after = next_state(before, effect, wounds, policy.contacts);
        if (!current) insert_contact(contact, e.received_at, rep);
        if (after == before) return;
        change_state(contact, before, after, e.received_at, "bounce", bounce_id, bounce_detail(e));
        spdlog::info("contact {} -> {} rcpt={} reason={} status={} rep={} correlation={}", to_string(before), to_string(after),
                     contact, e.reason, e.status, rep, correlation);

        if (after == ContactState::dead) check_domain(domain_of(contact), e.received_at, policy.contacts);
        if (policy.alerts_enabled && (after == ContactState::dead || after == ContactState::suspect)) {
            json facts{{"reason", e.reason},
                       {"status", e.status},
                       {"reply_code", e.reply_code},
                       {"diagnostic", e.diagnostic},
                       {"remote_mta", e.remote_mta},
                       {"subject", subject},
                       {"sent_at", sent_at},
                       {"bounced_at", e.received_at},
                       {"state", std::string(to_string(after))},
                       {"domain_dead", domain_dead(domain_of(contact))},
                       {"alternatives", alternatives(contact, policy.contacts.max_alternatives)}};
            add_alert(rep, contact, std::string(to_string(after)), facts, e.received_at, policy.internal_domains);
        }
    }

    void record_inbound(const InboundMessage& m) {
        const std::string address = normalise_address(m.sender);
        const std::string domain = domain_of(address);
        if (domain.empty()) return;
        auto current = state_of(address);
        if (!current) {
            // A stranger becomes a contact only at a company we already correspond with: spam from
            // random domains must not fill the contact base.
            auto q = c_.prepare("SELECT 1 FROM contacts WHERE domain = ? LIMIT 1");
            q.bind_all(domain);
            if (!q.step()) return;
            c_.prepare("INSERT INTO contacts(address, domain, state, state_since, first_seen, last_heard, source) "
                       "VALUES(?,?,'active',?,?,?,'inbound')")
                .bind_all(address, domain, m.received_at, m.received_at, m.received_at)
                .run();
            return;
        }
        c_.prepare("UPDATE contacts SET last_heard = MAX(COALESCE(last_heard, 0), ?1), "
                   "first_seen = MIN(first_seen, ?1) WHERE address = ?2")
            .bind_all(m.received_at, address)
            .run();
        // Only mail written after the contact changed state revives it: an old message imported
        // from an archive says nothing about a bounce or a farewell that came later.
        if (*current != ContactState::active && m.received_at >= state_since(address)) {
            change_state(address, *current, ContactState::active, m.received_at, "mail-received", std::nullopt,
                         "mail received from the address" + (m.message_id ? " (Message-ID " + *m.message_id + ")" : ""));
            spdlog::info("contact {} -> active rcpt={}: mail received from it", to_string(*current), address);
        }
        if (domain_dead(domain)) {
            c_.prepare("DELETE FROM domains WHERE domain = ?").bind_all(domain).run();
            spdlog::info("domain {} alive again: mail received from {}", domain, address);
        }
    }

    bool revive(const std::string& raw, const std::string& who, Timestamp at) {
        const std::string address = normalise_address(raw);
        auto current = state_of(address);
        if (!current) return false;
        if (*current != ContactState::active)
            change_state(address, *current, ContactState::active, at, "revived", std::nullopt, "revived by " + who);
        c_.prepare("DELETE FROM domains WHERE domain = ?").bind_all(domain_of(address)).run();
        return true;
    }

    void record_guard_notice(const std::string& rep, const DeathNotice& n, const std::string& subject, Timestamp at,
                             const BouncePolicy& policy) {
        json facts{{"reason", n.reason},        {"status", n.status},   {"diagnostic", n.diagnostic},
                   {"subject", subject},        {"dead_since", n.since}, {"state", std::string(to_string(n.state))},
                   {"domain_dead", n.by_domain}, {"alternatives", alternatives(n.address, policy.contacts.max_alternatives)}};
        add_alert(normalise_address(rep), n.address, "guard", facts, at, policy.internal_domains);
    }

    void record_incident(const Incident& i, const std::vector<std::string>& internal_domains) {
        json matches = json::array();
        for (const auto& m : i.matches)
            matches.push_back({{"rule", m.rule}, {"description", m.description}, {"severity", m.severity},
                               {"action", m.action}, {"monitor", m.monitor}, {"where", m.where},
                               {"excerpt", m.excerpt}, {"count", m.count}});
        const std::string dumped = matches.dump(-1, ' ', false, json::error_handler_t::replace);
        c_.prepare("INSERT INTO dlp_incidents(at, queue_id, message_id, direction, sender, recipients, subject, action, matches) "
                   "VALUES(?,?,?,?,?,?,?,?,?)")
            .bind_all(i.at, i.queue_id, i.message_id, i.direction, i.sender,
                      json(i.recipients).dump(-1, ' ', false, json::error_handler_t::replace), i.subject, i.action, dumped)
            .run();
        for (const auto& [address, rule] : i.notify) {
            json facts{{"rule", rule},       {"action", i.action},         {"sender", i.sender},
                       {"recipients", i.recipients}, {"subject", i.subject}, {"queue_id", i.queue_id},
                       {"direction", i.direction},   {"at", i.at}};
            json mine = json::array();
            for (const auto& m : matches)
                if (m["rule"] == rule) mine.push_back(m);
            facts["matches"] = mine;
            add_alert(normalise_address(address), i.sender, "dlp", facts, i.at, internal_domains);
        }
    }

    void record_message(const MessageRecord& r, const BouncePolicy& policy) {
        const std::string id = message_id_of(r.message_id);
        if (id.empty()) {
            spdlog::warn("message without an id not recorded sender={} subject={}", r.sender, r.subject);
            return;
        }
        const std::string sender = normalise_address(r.sender);
        const bool automatic = r.autoreply.has_value() || has_tag(r, "auto-reply") || has_tag(r, "bounce");
        // Only mail a person wrote, from the address its From names, proves an address alive,
        // answers an inquiry or makes a contact: a forged From or an out-of-office reply does none
        // of these. A record that also says it is automatic is taken for the machine.
        const bool person = r.from_person && !automatic;
        c_.prepare("INSERT INTO messages(message_id, direction, sender, subject, date, tags, from_person, queue_id) "
                   "VALUES(?,?,?,?,?,?,?,?) ON CONFLICT(message_id) DO NOTHING")
            .bind_all(id, r.direction, sender, r.subject, r.date,
                      json(r.tags).dump(-1, ' ', false, json::error_handler_t::replace), person, r.queue_id)
            .run();
        // Recorded before (the milter and an import, or two imports): nothing at all happens twice.
        if (c_.changes() == 0) return;
        const auto row = c_.last_insert_id();

        std::vector<std::string> recipients;
        for (const auto& raw : r.recipients) {
            if (recipients.size() >= kMaxRecipients) break;
            std::string a = normalise_address(raw);
            if (a.empty() || std::find(recipients.begin(), recipients.end(), a) != recipients.end()) continue;
            c_.prepare("INSERT INTO message_recipients(message, position, address) VALUES(?,?,?)")
                .bind_all(row, static_cast<std::int64_t>(recipients.size()), a)
                .run();
            recipients.push_back(std::move(a));
        }
        std::vector<std::string> references;
        for (const auto& raw : r.references) {
            if (references.size() >= kMaxReferences) break;
            std::string ref = message_id_of(raw);
            if (ref.empty() || ref == id) continue;
            c_.prepare("INSERT OR IGNORE INTO message_references(message, referenced) VALUES(?,?)").bind_all(row, ref).run();
            references.push_back(std::move(ref));
        }
        std::size_t orders = 0;
        for (const auto& o : r.orders) {
            if (orders >= kMaxOrdersPerMessage) break;
            const std::string normalised = normalise_order_number(o.number);
            if (normalised.empty()) continue;
            c_.prepare("INSERT OR IGNORE INTO order_sightings(message, number, normalised, core, kind, found_in) "
                       "VALUES(?,?,?,?,?,?)")
                .bind_all(row, trimmed(o.number), normalised, order_number_core(normalised), o.kind, o.where)
                .run();
            ++orders;
        }

        const bool external_sender = !sender.empty() && !in_domains(sender, policy.internal_domains);
        if (r.direction == "inbound" && external_sender) {
            if (r.autoreply) {
                record_autoreply(r, sender, references, policy);
            } else if (person) {
                record_details(sender, r.fields, r.date);
                // Answered before it was recorded (an import reads the sent folder first): the
                // first answer a person wrote already on file counts now.
                std::optional<std::tuple<std::string, std::string, Timestamp>> reply;
                {
                    auto q = c_.prepare(
                        "SELECT m.message_id, m.sender, m.date FROM message_references x JOIN messages m ON m.id = x.message "
                        "WHERE x.referenced = ? AND m.direction = 'outbound' AND m.from_person = 1 AND m.date >= ? "
                        "ORDER BY m.date, m.id LIMIT 1");
                    q.bind_all(id, r.date);
                    if (q.step()) reply.emplace(q.text(0), q.text(1), q.integer(2));
                }
                if (reply) answered(id, sender, r.date, std::get<0>(*reply), std::get<1>(*reply), std::get<2>(*reply));
                record_inbound(InboundMessage{sender, r.date, id});
                c_.prepare("UPDATE contacts SET away_since = NULL, away_until = NULL WHERE address = ? AND away_since <= ?")
                    .bind_all(sender, r.date)
                    .run();
            } else {
                spdlog::debug("inbound {} from {}: not from a person with a verified From, indexed only", id, sender);
            }
        } else if (r.direction == "outbound" && !sender.empty()) {
            // The rep is the record's sender (the envelope sender at the gateway). When
            // record_outbound already kept this message, its sender stays the owner: one message,
            // one owner, whatever the two records say.
            std::string rep = sender;
            bool kept = false;
            {
                auto q = c_.prepare("SELECT sender FROM outbound WHERE message_id = ? ORDER BY id LIMIT 1");
                q.bind_all(id);
                if (q.step()) {
                    kept = true;
                    if (!q.text(0).empty() && q.text(0) != sender) {
                        spdlog::warn("outbound {}: record sender {} differs from the envelope sender {} already recorded; "
                                     "the owner stays {}",
                                     id, sender, q.text(0), q.text(0));
                        rep = q.text(0);
                    }
                }
            }
            // A rep answering mail a person sent in: reply times, and the customer becomes a
            // contact (how new inquiries enter the base). Only a person's answer counts: an
            // out-of-office reply answers nothing. Before the recipients, so that such a contact is
            // known as answered rather than merely mailed.
            if (person) {
                for (const auto& ref : references) {
                    std::string customer;
                    Timestamp received_at = 0;
                    {
                        auto q = c_.prepare(
                            "SELECT sender, date FROM messages WHERE message_id = ? AND direction = 'inbound' AND from_person = 1");
                        q.bind_all(ref);
                        if (!q.step()) continue;
                        customer = q.text(0);
                        received_at = q.integer(1);
                    }
                    if (customer.empty() || in_domains(customer, policy.internal_domains)) continue;
                    answered(ref, customer, received_at, id, rep, r.date);
                }
            }
            // record_outbound made contacts of the envelope recipients already.
            if (!kept) {
                std::vector<std::string> external;
                for (const auto& a : recipients)
                    if (!in_domains(a, policy.internal_domains)) external.push_back(a);
                if (!external.empty()) sent_record(id, rep, external, r);
                for (const auto& a : external) mailed(a, rep, r.date);
            }
        }
    }

    // The writer's clock for this transaction (the time rows are written, not a message's Date).
    void begin_transaction(Timestamp now) { now_ = now; }

    // Signature details of addresses that are not contacts, last written before `before`: at most
    // `limit` rows. Returns how many went. Contacts' details stay, whatever their age.
    std::size_t purge_stranger_details(Timestamp before, std::size_t limit) {
        c_.prepare("DELETE FROM contact_details WHERE rowid IN (SELECT d.rowid FROM contact_details d "
                   "WHERE d.recorded_at < ? AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.address = d.address) LIMIT ?)")
            .bind_all(before, static_cast<std::int64_t>(limit))
            .run();
        return static_cast<std::size_t>(c_.changes());
    }

    void record_quarantine_decision(const QuarantineDecision& d) {
        c_.prepare("INSERT INTO quarantine_decisions(queue_id, decision, by_whom, at) VALUES(?,?,?,?)")
            .bind_all(d.queue_id, d.decision, d.by, d.at)
            .run();
    }

private:
    std::optional<ContactState> state_of(const std::string& address) {
        auto q = c_.prepare("SELECT state FROM contacts WHERE address = ?");
        q.bind_all(address);
        if (!q.step()) return std::nullopt;
        return contact_state_from_string(q.text(0)).value_or(ContactState::active);
    }

    // Signature details of an external sender, whether a contact yet or not: the rep may answer
    // later, and the card is ready then. A stranger's are purged after a while (purge_stranger_details).
    void record_details(const std::string& address, const std::vector<FieldSighting>& fields, Timestamp at) {
        std::size_t n = 0;
        for (const auto& f : fields) {
            if (n >= kMaxFieldsPerMessage) break;
            std::string value = trimmed(f.value);
            if (f.field.empty() || value.empty() || value.size() > kMaxFieldBytes) continue;
            if (f.field == "email") value = normalise_address(value);
            const double confidence = std::clamp(f.confidence, 0.0, 1.0);
            // The best value of a field is chosen when read (highest confidence, then the latest):
            // a weak sighting adds a row or a count, it never overwrites a confident one.
            c_.prepare("INSERT INTO contact_details(address, field, value, confidence, first_seen, last_seen, sightings, "
                       "recorded_at) VALUES(?1,?2,?3,?4,?5,?5,1,?6) ON CONFLICT(address, field, value) DO UPDATE SET "
                       "confidence = MAX(confidence, excluded.confidence), first_seen = MIN(first_seen, excluded.first_seen), "
                       "last_seen = MAX(last_seen, excluded.last_seen), sightings = sightings + 1, "
                       "recorded_at = MAX(recorded_at, excluded.recorded_at)")
                .bind_all(address, f.field, value, confidence, at, now_)
                .run();
            ++n;
        }
    }

    // `rep` answered `customer`'s message: a reply time (the earliest answer counts), and the
    // customer a contact of that rep.
    void answered(const std::string& inbound_id, const std::string& customer, Timestamp received_at,
                  const std::string& reply_id, const std::string& rep, Timestamp replied_at) {
        if (replied_at < received_at) {
            // clocks or Date headers that disagree: no negative reply time
            spdlog::debug("reply {} dated before the message it answers {}: no reply time", reply_id, inbound_id);
        } else {
            c_.prepare("INSERT INTO replies(inbound_message_id, customer, rep, received_at, replied_at, reply_message_id) "
                       "VALUES(?,?,?,?,?,?) ON CONFLICT(inbound_message_id) DO UPDATE SET rep = excluded.rep, "
                       "replied_at = excluded.replied_at, reply_message_id = excluded.reply_message_id "
                       "WHERE excluded.replied_at < replies.replied_at")
                .bind_all(inbound_id, customer, rep, received_at, replied_at, reply_id)
                .run();
        }
        // A contact that only the answer itself had made (its recipients went first in an import
        // read in the wrong order) came in through the answer too.
        c_.prepare("INSERT INTO contacts(address, domain, state, state_since, first_seen, last_heard, owner, source) "
                   "VALUES(?1,?2,'active',?3,?3,?3,?4,'reply') ON CONFLICT(address) DO UPDATE SET "
                   "source = CASE WHEN source = 'outbound' AND first_seen >= ?5 THEN 'reply' ELSE source END, "
                   "first_seen = MIN(first_seen, excluded.first_seen), "
                   "owner = CASE WHEN owner = '' THEN excluded.owner ELSE owner END")
            .bind_all(customer, domain_of(customer), received_at, rep, replied_at)
            .run();
    }

    // An outbound message seen by the index and not by record_outbound (an archive import): it is
    // kept as sent mail too, so that the bounces of the same archive correlate with it.
    void sent_record(const std::string& id, const std::string& sender, const std::vector<std::string>& recipients,
                     const MessageRecord& r) {
        auto q = c_.prepare("SELECT 1 FROM outbound WHERE message_id = ? LIMIT 1");
        q.bind_all(id);
        if (q.step()) return;
        c_.prepare("INSERT INTO outbound(message_id, sender, subject, sent_at, queue_id) VALUES(?,?,?,?,?)")
            .bind_all(id, sender, r.subject, r.date, r.queue_id)
            .run();
        const auto outbound_id = c_.last_insert_id();
        for (const auto& a : recipients)
            c_.prepare("INSERT OR IGNORE INTO outbound_recipients(outbound_id, address) VALUES(?,?)").bind_all(outbound_id, a).run();
    }

    // The rep who mails the contact: its owner, else the sender of the last message we sent it.
    std::string rep_of(const std::string& address) {
        {
            auto q = c_.prepare("SELECT owner FROM contacts WHERE address = ?");
            q.bind_all(address);
            if (q.step() && !q.text(0).empty()) return q.text(0);
        }
        auto q = c_.prepare("SELECT o.sender FROM outbound_recipients r JOIN outbound o ON o.id = r.outbound_id "
                            "WHERE r.address = ? ORDER BY o.sent_at DESC, o.id DESC LIMIT 1");
        q.bind_all(address);
        return q.step() ? q.text(0) : std::string();
    }

    // The sender of the message we sent to `address` that one of `references` names, if any.
    std::optional<std::string> sent_to(const std::string& address, const std::vector<std::string>& references) {
        for (const auto& ref : references) {
            auto q = c_.prepare(
                "SELECT o.sender FROM outbound o JOIN outbound_recipients x ON x.outbound_id = o.id "
                "WHERE o.message_id = ?1 AND x.address = ?2 "
                "UNION ALL SELECT m.sender FROM messages m JOIN message_recipients x ON x.message = m.id "
                "WHERE m.message_id = ?1 AND m.direction = 'outbound' AND x.address = ?2 LIMIT 1");
            q.bind_all(ref, address);
            if (q.step()) return q.text(0);
        }
        return std::nullopt;
    }

    void record_autoreply(const MessageRecord& r, const std::string& sender, const std::vector<std::string>& references,
                          const BouncePolicy& policy) {
        const AutoReplyFact& a = *r.autoreply;
        const auto current = state_of(sender);
        if (a.kind == "away") {
            if (!current) return;
            c_.prepare("UPDATE contacts SET away_since = ?1, away_until = ?2 WHERE address = ?3 AND COALESCE(away_since, 0) <= ?1")
                .bind_all(r.date, a.until, sender)
                .run();
            return;
        }
        if (a.kind != "left") return;
        // Anyone can write "I have left, write to my successor" under a contact's name: the BEC
        // fraud's opening move. Only a reply to a message we sent to that very address counts
        // (RFC 3834 §3.1.5: an automatic response carries the subject message's Message-ID in
        // In-Reply-To and References), so a forger must know a Message-ID we sent to the person.
        if (!current) {
            spdlog::info("left auto-reply from {} ignored: not a contact", sender);
            return;
        }
        const auto sent_by = sent_to(sender, references);
        if (!sent_by) {
            spdlog::info("left auto-reply from {} ignored: it answers no message we sent to that address", sender);
            return;
        }
        std::string rep = rep_of(sender);
        if (rep.empty()) rep = *sent_by;
        if (const auto heard = last_heard(sender); heard && *heard > r.date) {
            spdlog::info("left auto-reply from {} ignored: the person wrote after it", sender);
            return;
        }
        std::optional<std::string> replacement;
        if (a.replacement) {
            std::string x = normalise_address(*a.replacement);
            if (is_address(x) && x != sender && !in_domains(x, policy.internal_domains)) replacement = std::move(x);
        }
        // A successor at another domain (a free-mail or look-alike address) is what a fraudster
        // names: it is told to the rep, to be confirmed by phone, and neither linked nor made a
        // contact.
        const bool other_domain = replacement && domain_of(*replacement) != domain_of(sender);
        json others = alternatives(sender, policy.contacts.max_alternatives + 1);
        if (replacement && !other_domain) {
            c_.prepare("UPDATE contacts SET replaced_by = ? WHERE address = ?").bind_all(*replacement, sender).run();
            // The colleague named to write to instead, for the same rep.
            c_.prepare("INSERT OR IGNORE INTO contacts(address, domain, state, state_since, first_seen, owner, source) "
                       "VALUES(?1,?2,'active',?3,?3,?4,'replacement')")
                .bind_all(*replacement, domain_of(*replacement), r.date, rep)
                .run();
            json rest = json::array();
            for (const auto& x : others)
                if (x != *replacement) rest.push_back(x);
            others = std::move(rest);
        } else if (replacement) {
            spdlog::warn("left auto-reply from {} names {} at another domain: not made a contact, rep {} to confirm it by phone",
                         sender, *replacement, rep);
        }
        while (others.size() > static_cast<std::size_t>(std::max(0, policy.contacts.max_alternatives)))
            others.erase(others.size() - 1);
        if (*current == ContactState::left) return;  // said before: one change, one alert
        const std::string detail =
            "auto-reply: " + a.evidence +
            (!replacement    ? ""
             : other_domain ? "; replacement at another domain, not confirmed: " + *replacement
                            : "; replacement " + *replacement);
        change_state(sender, *current, ContactState::left, r.date, "auto-reply", std::nullopt, detail);
        spdlog::info("contact {} -> left rcpt={} rep={} replacement={}{}", to_string(*current), sender, rep,
                     replacement.value_or("-"), other_domain ? " (another domain)" : "");
        if (!r.alerts || !policy.alerts_enabled) return;
        json facts{{"evidence", a.evidence},
                   {"replacement", replacement ? json(*replacement) : json(nullptr)},
                   {"replacement_name", a.replacement_name ? json(*a.replacement_name) : json(nullptr)},
                   {"replacement_other_domain", other_domain},
                   {"subject", r.subject},
                   {"received_at", r.date},
                   {"state", "left"},
                   {"domain_dead", domain_dead(domain_of(sender))},
                   {"alternatives", others}};
        add_alert(rep, sender, "left", facts, r.date, policy.internal_domains);
    }

    Timestamp state_since(const std::string& address) {
        auto q = c_.prepare("SELECT state_since FROM contacts WHERE address = ?");
        q.bind_all(address);
        return q.step() ? q.integer(0) : 0;
    }

    std::optional<Timestamp> last_heard(const std::string& address) {
        auto q = c_.prepare("SELECT last_heard FROM contacts WHERE address = ?");
        q.bind_all(address);
        return q.step() ? q.optional_integer(0) : std::nullopt;
    }

    // We sent mail to `address` at `at`: a contact of ours, owned by the rep who mailed it last.
    // Dates decide, not the order of the calls: an archive import goes through messages in any order.
    void mailed(const std::string& address, const std::string& rep, Timestamp at) {
        c_.prepare(
              "INSERT INTO contacts(address, domain, state, state_since, first_seen, last_mailed, owner, source) "
              "VALUES(?1,?2,'active',?3,?3,?3,?4,'outbound') ON CONFLICT(address) DO UPDATE SET "
              "owner = CASE WHEN excluded.last_mailed >= COALESCE(last_mailed, 0) OR owner = '' THEN excluded.owner "
              "ELSE owner END, "
              "last_mailed = MAX(COALESCE(last_mailed, 0), excluded.last_mailed), "
              "first_seen = MIN(first_seen, excluded.first_seen)")
            .bind_all(address, domain_of(address), at, rep)
            .run();
    }

    void insert_contact(const std::string& address, Timestamp at, const std::string& owner) {
        c_.prepare("INSERT OR IGNORE INTO contacts(address, domain, state, state_since, first_seen, owner, source) "
                   "VALUES(?,?,'active',?,?,?,'outbound')")
            .bind_all(address, domain_of(address), at, at, owner)
            .run();
    }

    void change_state(const std::string& address, ContactState from, ContactState to, Timestamp at,
                      const std::string& cause, std::optional<std::int64_t> bounce_id, const std::string& detail) {
        c_.prepare("UPDATE contacts SET state = ?, state_since = ? WHERE address = ?")
            .bind_all(std::string(to_string(to)), at, address)
            .run();
        c_.prepare("INSERT INTO contact_history(address, at, from_state, to_state, cause, bounce_id, detail) "
                   "VALUES(?,?,?,?,?,?,?)")
            .bind_all(address, at, std::string(to_string(from)), std::string(to_string(to)), cause, bounce_id, detail)
            .run();
    }

    bool domain_dead(const std::string& domain) {
        auto q = c_.prepare("SELECT 1 FROM domains WHERE domain = ? AND state = 'dead'");
        q.bind_all(domain);
        return q.step();
    }

    void check_domain(const std::string& domain, Timestamp at, const ContactPolicy& policy) {
        if (domain.empty() || domain_dead(domain)) return;
        auto q = c_.prepare(
            "SELECT COUNT(*), SUM(state = 'dead'), "
            "(SELECT COUNT(DISTINCT contact) FROM bounces WHERE contact IN (SELECT address FROM contacts WHERE domain = ?1) "
            " AND reason = 'hostunknown') FROM contacts WHERE domain = ?1");
        q.bind_all(domain);
        if (!q.step()) return;
        const int known = static_cast<int>(q.integer(0));
        const int dead = static_cast<int>(q.integer(1));
        const int hostunknown = static_cast<int>(q.integer(2));
        if (!domain_is_dead(known, dead, hostunknown, policy)) return;
        const std::string detail = std::to_string(dead) + " of " + std::to_string(known) + " known contacts dead, " +
                                   std::to_string(hostunknown) + " with hostunknown";
        c_.prepare("INSERT OR REPLACE INTO domains(domain, state, since, detail) VALUES(?, 'dead', ?, ?)")
            .bind_all(domain, at, detail)
            .run();
        spdlog::warn("domain {} dead: {}", domain, detail);
    }

    json alternatives(const std::string& contact, int limit) {
        json out = json::array();
        auto q = c_.prepare(
            "SELECT address FROM contacts WHERE domain = ? AND state = 'active' AND address <> ? "
            "ORDER BY MAX(COALESCE(last_heard, 0), COALESCE(last_mailed, 0)) DESC, address LIMIT ?");
        q.bind_all(domain_of(contact), contact, limit);
        while (q.step()) out.push_back(q.text(0));
        return out;
    }

    void add_alert(const std::string& rep, const std::string& contact, const std::string& kind, const json& facts,
                   Timestamp at, const std::vector<std::string>& internal_domains) {
        // Alerts never leave the company: a rep outside the internal domains (mail relayed for a
        // partner, say) is recorded as skipped, not mailed.
        const bool internal = !rep.empty() && in_domains(rep, internal_domains);
        c_.prepare("INSERT INTO alerts(created_at, rep, contact, kind, facts, status, next_attempt_at, last_error) "
                   "VALUES(?,?,?,?,?,?,?,?)")
            .bind_all(at, rep, contact, kind, facts.dump(-1, ' ', false, json::error_handler_t::replace),
                      internal ? "pending" : "skipped", at, internal ? "" : "sender is not in internal_domains")
            .run();
    }

    Connection& c_;
    Timestamp now_ = 0;
};

AlertStatus alert_status_from(std::string_view s) {
    if (s == "sent") return AlertStatus::sent;
    if (s == "failed") return AlertStatus::failed;
    if (s == "skipped") return AlertStatus::skipped;
    return AlertStatus::pending;
}

Alert read_alert(const sqlite::Statement& q) {
    Alert a;
    a.id = q.integer(0);
    a.created_at = q.integer(1);
    a.rep = q.text(2);
    a.contact = q.text(3);
    a.kind = q.text(4);
    a.facts = q.text(5);
    a.status = alert_status_from(q.text(6));
    a.attempts = static_cast<int>(q.integer(7));
    a.next_attempt_at = q.integer(8);
    a.sent_at = q.optional_integer(9);
    a.last_error = q.text(10);
    return a;
}

// Alerts gathered into one mail to a rep; more wait for the next one.
constexpr std::size_t kMaxAlertsPerMail = 200;
// Read connections kept open for reuse (the milter's threads look up the guard concurrently).
constexpr std::size_t kMaxPooledReaders = 8;
// The purge of non-contacts' signature details: how often, and how many rows one transaction
// deletes at most (a backlog is worked off a batch at a time, never in one long transaction).
constexpr Timestamp kStrangerPurgeInterval = 3600;
constexpr std::size_t kMaxStrangerPurgeRows = 1000;

constexpr const char* kAlertColumns =
    "id, created_at, rep, contact, kind, facts, status, attempts, next_attempt_at, sent_at, last_error";

// Applies the missing migrations. The version is read under the write lock, so two processes
// opening a new database at once (the milter and the CLI) do not both apply step 1.
void migrate(Connection& c) {
    c.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    const int known = static_cast<int>(std::size(kMigrations));
    for (;;) {
        c.exec("BEGIN IMMEDIATE");
        try {
            int version = 0;
            {
                auto q = c.prepare("SELECT MAX(version) FROM schema_version");
                if (q.step() && !q.is_null(0)) version = static_cast<int>(q.integer(0));
            }
            if (version > known)
                throw SqliteError(SQLITE_ERROR, "database schema version " + std::to_string(version) +
                                                    " is newer than this mailkeeper knows (" + std::to_string(known) + ")");
            if (version == known) {
                c.exec("COMMIT");
                return;
            }
            c.exec(kMigrations[version]);
            c.prepare("INSERT INTO schema_version(version) VALUES(?)").bind_all(version + 1).run();
            c.exec("COMMIT");
        } catch (...) {
            c.exec("ROLLBACK");
            throw;
        }
    }
}

class SqliteStore final : public Store {
public:
    explicit SqliteStore(const SqliteOptions& options) : options_(options) {
        if (!options.read_only) {
            writer_conn_ = std::make_unique<Connection>(options.path, false, std::max(options.busy_timeout_ms, 1000));
            writer_conn_->exec("PRAGMA journal_mode=WAL");
            writer_conn_->exec("PRAGMA synchronous=NORMAL");
            writer_conn_->exec("PRAGMA foreign_keys=ON");
            if (sqlite3_db_readonly(writer_conn_->handle(), "main") == 1)
                throw SqliteError(SQLITE_READONLY, "the database file is read-only for this user");
            migrate(*writer_conn_);
            thread_ = std::thread([this] { write_loop(); });
        }
    }

    ~SqliteStore() override {
        if (thread_.joinable()) {
            {
                std::lock_guard lock(mutex_);
                stopping_ = true;
            }
            wake_.notify_all();
            thread_.join();
        }
    }

    bool record_outbound(OutboundMessage message) override {
        return enqueue([m = std::move(message)](Writer& w) { w.record_outbound(m); });
    }
    bool record_bounce(BounceEvent event, BouncePolicy policy) override {
        return enqueue([e = std::move(event), p = std::move(policy)](Writer& w) { w.record_bounce(e, p); });
    }
    bool record_inbound(InboundMessage message) override {
        return enqueue([m = std::move(message)](Writer& w) { w.record_inbound(m); });
    }
    bool record_guard_notice(std::string rep, DeathNotice notice, std::string subject, Timestamp at,
                             BouncePolicy policy) override {
        return enqueue([rep = std::move(rep), n = std::move(notice), s = std::move(subject), at,
                        p = std::move(policy)](Writer& w) { w.record_guard_notice(rep, n, s, at, p); });
    }

    bool record_incident(Incident incident, std::vector<std::string> internal_domains) override {
        return enqueue([i = std::move(incident), d = std::move(internal_domains)](Writer& w) { w.record_incident(i, d); });
    }

    bool record_message(MessageRecord message, BouncePolicy policy) override {
        return enqueue([m = std::move(message), p = std::move(policy)](Writer& w) { w.record_message(m, p); });
    }

    void flush() override {
        if (!thread_.joinable()) return;
        auto done = std::make_shared<std::promise<void>>();
        auto future = done->get_future();
        {
            std::lock_guard lock(mutex_);
            queue_.push_back(Job{[](Writer&) {}, [done](bool, const std::string&) { done->set_value(); }});
        }
        wake_.notify_all();
        future.wait();
    }

    std::expected<std::optional<DeathNotice>, StoreError> death_notice(const std::string& raw) override {
        return read([&](Connection& c) -> std::optional<DeathNotice> {
            const std::string address = normalise_address(raw);
            DeathNotice n;
            n.address = address;
            bool dead = false;
            {
                auto q = c.prepare("SELECT state, state_since FROM contacts WHERE address = ?");
                q.bind_all(address);
                if (q.step() && q.text(0) == "dead") dead = true, n.since = q.integer(1);
            }
            if (!dead) {
                auto q = c.prepare("SELECT since FROM domains WHERE domain = ? AND state = 'dead'");
                q.bind_all(domain_of(address));
                if (!q.step()) return std::nullopt;
                n.by_domain = true, n.since = q.integer(0);
            }
            auto q = c.prepare(
                "SELECT reason, status, diagnostic FROM bounces WHERE contact = ? AND effect IN ('kill','wound') "
                "ORDER BY id DESC LIMIT 1");
            q.bind_all(address);
            if (q.step()) n.reason = q.text(0), n.status = q.text(1), n.diagnostic = q.text(2);
            if (n.by_domain && n.reason.empty()) {
                auto d = c.prepare(
                    "SELECT reason, status, diagnostic FROM bounces WHERE contact IN "
                    "(SELECT address FROM contacts WHERE domain = ?) AND effect = 'kill' ORDER BY id DESC LIMIT 1");
                d.bind_all(domain_of(address));
                if (d.step()) n.reason = d.text(0), n.status = d.text(1), n.diagnostic = d.text(2);
            }
            return n;
        });
    }

    std::expected<std::optional<Contact>, StoreError> contact(const std::string& raw) override {
        return read([&](Connection& c) -> std::optional<Contact> {
            const std::string address = normalise_address(raw);
            auto list = select_contacts(c, "WHERE c.address = ?", address);
            if (list.empty()) return std::nullopt;
            Contact out = std::move(list.front());
            auto q = c.prepare(
                "SELECT at, from_state, to_state, cause, bounce_id, detail FROM contact_history WHERE address = ? ORDER BY id");
            q.bind_all(address);
            while (q.step()) {
                StateChange s;
                s.at = q.integer(0);
                s.from = contact_state_from_string(q.text(1)).value_or(ContactState::active);
                s.to = contact_state_from_string(q.text(2)).value_or(ContactState::active);
                s.cause = q.text(3);
                s.bounce_id = q.optional_integer(4);
                s.detail = q.text(5);
                out.history.push_back(std::move(s));
            }
            return out;
        });
    }

    std::expected<std::vector<Contact>, StoreError> contacts(std::optional<ContactState> state) override {
        return read([&](Connection& c) {
            return state ? select_contacts(c, "WHERE c.state = ?", std::string(to_string(*state)))
                         : select_contacts(c, "", "");
        });
    }

    std::expected<std::vector<StoredBounce>, StoreError> bounces(const BounceQuery& query) override {
        return read([&](Connection& c) {
            std::vector<StoredBounce> out;
            auto q = c.prepare(
                "SELECT b.id, b.received_at, b.recipient, b.original_recipient, b.contact, b.reason, b.hard, b.status, "
                "b.reply_code, b.action, b.diagnostic, b.command, b.remote_mta, b.reporting_mta, b.format, "
                "b.original_message_id, b.original_sender, b.original_subject, b.bounce_message_id, b.bounce_sender, "
                "b.queue_id, b.correlation, b.effect, o.sender FROM bounces b LEFT JOIN outbound o ON o.id = b.outbound_id "
                "WHERE b.received_at >= ?1 AND (?2 IS NULL OR b.effect = ?2) AND (?3 = 0 OR b.outbound_id IS NULL) "
                "ORDER BY b.id DESC LIMIT ?4");
            q.bind_all(query.since, query.effect, query.uncorrelated_only ? 1 : 0, query.limit);
            while (q.step()) {
                StoredBounce b;
                b.id = q.integer(0);
                auto& e = b.event;
                e.received_at = q.integer(1);
                e.recipient = q.text(2);
                e.original_recipient = q.text(3);
                b.contact = q.optional_text(4);
                e.reason = q.text(5);
                e.hard = q.integer(6) != 0;
                e.status = q.text(7);
                e.reply_code = q.text(8);
                e.action = q.text(9);
                e.diagnostic = q.text(10);
                e.command = q.text(11);
                e.remote_mta = q.text(12);
                e.reporting_mta = q.text(13);
                e.format = q.text(14);
                e.original_message_id = q.optional_text(15);
                e.original_sender = q.optional_text(16);
                e.original_subject = q.optional_text(17);
                e.bounce_message_id = q.text(18);
                e.bounce_sender = q.text(19);
                e.queue_id = q.text(20);
                b.correlation = q.text(21);
                b.effect = q.text(22);
                b.rep = q.optional_text(23);
                out.push_back(std::move(b));
            }
            return out;
        });
    }

    std::expected<std::vector<ContactCardRecord>, StoreError> contact_cards() override {
        return read([&](Connection& c) {
            std::vector<ContactCardRecord> out;
            for (auto& contact : select_contacts(c, "", "")) {
                ContactCardRecord card;
                card.contact = std::move(contact);
                out.push_back(std::move(card));
            }
            std::unordered_map<std::string, ContactCardRecord*> by_address;
            for (auto& card : out) by_address.emplace(card.contact.address, &card);
            {
                auto q = c.prepare("SELECT address, source, replaced_by FROM contacts");
                while (q.step())
                    if (auto it = by_address.find(q.text(0)); it != by_address.end())
                        it->second->source = q.text(1), it->second->replacement = q.optional_text(2);
            }
            {
                // Best first within each field: the first row of a single-valued field is its
                // value; phones and emails keep every value, a number seen under two kinds once.
                auto q = c.prepare(
                    "SELECT address, field, value, confidence FROM contact_details "
                    "WHERE address IN (SELECT address FROM contacts) "
                    "ORDER BY address, CASE WHEN field LIKE 'phone:%' THEN 'phone:' ELSE field END, confidence DESC, "
                    "last_seen DESC, sightings DESC, field, value");
                std::string last_address, last_field;
                std::vector<std::string> phones;
                while (q.step()) {
                    auto it = by_address.find(q.text(0));
                    if (it == by_address.end()) continue;
                    const std::string field = q.text(1);
                    std::string value = q.text(2);
                    if (q.text(0) != last_address) phones.clear();
                    const bool first_of_field = q.text(0) != last_address || field != last_field;
                    last_address = q.text(0), last_field = field;
                    if (field.starts_with("phone:")) {
                        if (std::find(phones.begin(), phones.end(), value) != phones.end()) continue;
                        phones.push_back(value);
                    } else if (single_valued(field) && !first_of_field) {
                        continue;
                    }
                    it->second->fields.push_back({field, std::move(value), q.real(3)});
                }
            }
            for (auto& card : out) {
                auto q = c.prepare(
                    "SELECT MIN(t) FROM (SELECT MIN(date) AS t FROM messages WHERE sender = ?1 "
                    "UNION ALL SELECT MIN(m.date) FROM message_recipients r JOIN messages m ON m.id = r.message WHERE r.address = ?1 "
                    "UNION ALL SELECT MIN(o.sent_at) FROM outbound_recipients r JOIN outbound o ON o.id = r.outbound_id "
                    "WHERE r.address = ?1)");
                q.bind_all(card.contact.address);
                std::optional<Timestamp> first = q.step() ? q.optional_integer(0) : std::nullopt;
                card.first_contact = first ? std::min(*first, card.contact.first_seen) : card.contact.first_seen;
            }
            return out;
        });
    }

    std::expected<std::vector<OrderMessage>, StoreError> order_messages(const std::string& number) override {
        return read([&](Connection& c) {
            std::vector<OrderMessage> out;
            std::vector<std::int64_t> rows;
            const std::string normalised = normalise_order_number(number);
            if (normalised.empty()) return out;
            {
                auto q = c.prepare(
                    "SELECT MIN(o.number), MIN(o.kind), group_concat(DISTINCT o.found_in), m.id, m.message_id, m.direction, "
                    "m.sender, m.subject, m.date FROM order_sightings o JOIN messages m ON m.id = o.message "
                    "WHERE o.normalised IN (?1, ?2) OR o.core = ?1 GROUP BY m.id ORDER BY m.date, m.id");
                q.bind_all(normalised, order_number_core(normalised));
                while (q.step()) {
                    OrderMessage m;
                    m.number = q.text(0);
                    m.kind = q.text(1);
                    m.where = q.text(2);
                    rows.push_back(q.integer(3));
                    m.message_id = q.text(4);
                    m.direction = q.text(5);
                    m.sender = q.text(6);
                    m.subject = q.text(7);
                    m.date = q.integer(8);
                    out.push_back(std::move(m));
                }
            }
            for (std::size_t i = 0; i < out.size(); ++i) {
                auto q = c.prepare("SELECT address FROM message_recipients WHERE message = ? ORDER BY position");
                q.bind_all(rows[i]);
                while (q.step()) out[i].recipients.push_back(q.text(0));
            }
            return out;
        });
    }

    std::expected<std::vector<ReplyTime>, StoreError> reply_times(Timestamp since) override {
        return read([&](Connection& c) {
            std::vector<ReplyTime> out;
            auto q = c.prepare("SELECT inbound_message_id, customer, rep, received_at, replied_at FROM replies "
                               "WHERE received_at >= ? ORDER BY received_at, inbound_message_id");
            q.bind_all(since);
            while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.integer(3), q.integer(4)});
            return out;
        });
    }

    std::expected<bool, StoreError> has_message(const std::string& message_id) override {
        return read([&](Connection& c) {
            auto q = c.prepare("SELECT 1 FROM messages WHERE message_id = ?");
            q.bind_all(message_id_of(message_id));
            return q.step();
        });
    }

    std::expected<bool, StoreError> revive(const std::string& address, const std::string& who, Timestamp at) override {
        return write_now<bool>([&](Writer& w) { return w.revive(address, who, at); });
    }

    std::expected<std::vector<StoredIncident>, StoreError> incidents(const std::string& queue_id, int limit) override {
        return read([&](Connection& c) {
            std::vector<StoredIncident> out;
            auto q = c.prepare("SELECT id, at, queue_id, message_id, direction, sender, recipients, subject, action, matches "
                               "FROM dlp_incidents WHERE ?1 = '' OR queue_id = ?1 ORDER BY id DESC LIMIT ?2");
            q.bind(1, queue_id).bind(2, limit);
            while (q.step()) {
                StoredIncident s;
                s.id = q.integer(0);
                Incident& i = s.incident;
                i.at = q.integer(1);
                i.queue_id = q.text(2);
                i.message_id = q.text(3);
                i.direction = q.text(4);
                i.sender = q.text(5);
                if (auto r = json::parse(q.text(6), nullptr, false); r.is_array())
                    for (const auto& a : r)
                        if (a.is_string()) i.recipients.push_back(a.get<std::string>());
                i.subject = q.text(7);
                i.action = q.text(8);
                if (auto m = json::parse(q.text(9), nullptr, false); m.is_array())
                    for (const auto& x : m)
                        i.matches.push_back({x.value("rule", ""), x.value("description", ""), x.value("severity", ""),
                                             x.value("action", ""), x.value("monitor", false), x.value("where", ""),
                                             x.value("excerpt", ""), x.value("count", std::size_t{0})});
                out.push_back(std::move(s));
            }
            return out;
        });
    }

    std::expected<void, StoreError> record_quarantine_decision(const QuarantineDecision& d) override {
        return write_now<void>([&](Writer& w) { w.record_quarantine_decision(d); });
    }

    std::expected<std::vector<QuarantineDecision>, StoreError> quarantine_decisions(const std::string& queue_id) override {
        return read([&](Connection& c) {
            std::vector<QuarantineDecision> out;
            auto q = c.prepare("SELECT queue_id, decision, by_whom, at FROM quarantine_decisions WHERE queue_id = ? ORDER BY id");
            q.bind_all(queue_id);
            while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.integer(3)});
            return out;
        });
    }

    std::expected<std::vector<Alert>, StoreError> due_alerts(Timestamp now) override {
        return read([&](Connection& c) {
            // per rep, so that one rep's backlog (held back by the rate limit) starves no one else
            std::vector<std::string> reps;
            {
                auto q = c.prepare("SELECT DISTINCT rep FROM alerts WHERE status = 'pending' AND next_attempt_at <= ?");
                q.bind_all(now);
                while (q.step()) reps.push_back(q.text(0));
            }
            std::vector<Alert> out;
            for (const auto& rep : reps) {
                auto q = c.prepare(std::string("SELECT ") + kAlertColumns +
                                   " FROM alerts WHERE rep = ? AND status = 'pending' AND next_attempt_at <= ? "
                                   "ORDER BY id LIMIT ?");
                q.bind_all(rep, now, static_cast<std::int64_t>(kMaxAlertsPerMail));
                while (q.step()) out.push_back(read_alert(q));
            }
            return out;
        });
    }

    std::expected<std::vector<Alert>, StoreError> alerts(std::optional<AlertStatus> status, int limit) override {
        return read([&](Connection& c) {
            std::vector<Alert> out;
            auto q = c.prepare(std::string("SELECT ") + kAlertColumns +
                               " FROM alerts WHERE ?1 IS NULL OR status = ?1 ORDER BY id DESC LIMIT ?2");
            q.bind(1, status ? std::optional(std::string(to_string(*status))) : std::nullopt).bind(2, limit);
            while (q.step()) out.push_back(read_alert(q));
            return out;
        });
    }

    std::expected<void, StoreError> mark_alerts_sent(const std::vector<std::int64_t>& ids, Timestamp at) override {
        return write_now<void>([&](Writer&) {
            for (auto id : ids)
                writer_conn_->prepare("UPDATE alerts SET status = 'sent', sent_at = ?, attempts = attempts + 1, "
                                      "last_error = '' WHERE id = ?")
                    .bind_all(at, id)
                    .run();
        });
    }

    std::expected<void, StoreError> mark_alerts_failed(const std::vector<std::int64_t>& ids, const std::string& error,
                                                       std::optional<Timestamp> retry_at) override {
        return write_now<void>([&](Writer&) {
            for (auto id : ids)
                writer_conn_->prepare("UPDATE alerts SET attempts = attempts + 1, last_error = ?, "
                                      "status = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END, "
                                      "next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?")
                    .bind_all(error, retry_at, retry_at, id)
                    .run();
        });
    }

    std::expected<void, StoreError> mark_alerts_skipped(const std::vector<std::int64_t>& ids, const std::string& why) override {
        return write_now<void>([&](Writer&) {
            for (auto id : ids)
                writer_conn_->prepare("UPDATE alerts SET status = 'skipped', last_error = ? WHERE id = ?").bind_all(why, id).run();
        });
    }

    std::expected<int, StoreError> alert_mails_since(const std::string& rep, Timestamp since) override {
        return read([&](Connection& c) {
            auto q = c.prepare("SELECT COUNT(*) FROM alert_mails WHERE rep = ? AND sent_at >= ?");
            q.bind_all(normalise_address(rep), since);
            return q.step() ? static_cast<int>(q.integer(0)) : 0;
        });
    }

    std::expected<void, StoreError> record_alert_mail(const std::string& rep, int alerts, Timestamp at) override {
        return write_now<void>([&](Writer&) {
            writer_conn_->prepare("INSERT INTO alert_mails(rep, sent_at, alerts) VALUES(?,?,?)")
                .bind_all(normalise_address(rep), at, alerts)
                .run();
        });
    }

private:
    // A queued write. `done`, when set, is called once the write's transaction has committed (or
    // failed to), so that a caller waiting for a result never sees data that is not on disk yet.
    struct Job {
        std::function<void(Writer&)> run;
        std::function<void(bool committed, const std::string& error)> done;
    };

    bool enqueue(std::function<void(Writer&)> run) { return enqueue(Job{std::move(run), {}}); }

    bool enqueue(Job job) {
        if (!thread_.joinable()) {
            spdlog::error("store {}: opened read-only, write dropped", options_.path);
            return false;
        }
        {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                spdlog::error("store {}: closing, write dropped", options_.path);
                return false;
            }
            if (queue_.size() >= options_.max_queue) {
                ++dropped_;
                if (dropped_ == 1 || dropped_ % 1000 == 0)
                    spdlog::error("store {}: write queue full ({} writes), {} writes dropped so far; mail goes on",
                                  options_.path, queue_.size(), dropped_);
                return false;
            }
            queue_.push_back(std::move(job));
        }
        wake_.notify_one();
        return true;
    }

    // A write whose result the caller waits for (CLI, outbox bookkeeping): it goes through the
    // same queue so that there is still one writer.
    template <typename T, typename F>
    std::expected<T, StoreError> write_now(F&& fn) {
        using Result = std::expected<T, StoreError>;
        auto promise = std::make_shared<std::promise<Result>>();
        auto future = promise->get_future();
        auto result = std::make_shared<std::optional<Result>>();
        Job job{[result, fn = std::forward<F>(fn)](Writer& w) mutable {
                    if constexpr (std::is_void_v<T>) {
                        fn(w);
                        *result = Result{};
                    } else {
                        *result = Result(fn(w));
                    }
                },
                [promise, result](bool committed, const std::string& error) {
                    if (committed && *result) promise->set_value(std::move(**result));
                    else promise->set_value(std::unexpected(StoreError{error.empty() ? "write not committed" : error}));
                }};
        if (!enqueue(std::move(job))) return std::unexpected(StoreError{"store write queue full or store read-only"});
        return future.get();
    }

    template <typename F>
    auto read(F&& fn) -> std::expected<decltype(fn(std::declval<Connection&>())), StoreError> {
        std::unique_ptr<Connection> c;
        try {
            {
                std::lock_guard lock(readers_mutex_);
                if (!readers_.empty()) {
                    c = std::move(readers_.back());
                    readers_.pop_back();
                }
            }
            if (!c) {
                c = std::make_unique<Connection>(options_.path, true, options_.busy_timeout_ms);
                c->exec("PRAGMA query_only=1");
            }
            auto result = fn(*c);
            c->reset_all();
            std::lock_guard lock(readers_mutex_);
            if (readers_.size() < kMaxPooledReaders) readers_.push_back(std::move(c));
            return result;
        } catch (const std::exception& e) {
            return std::unexpected(StoreError{options_.path + ": " + e.what()});
        }
    }

    static std::vector<Contact> select_contacts(Connection& c, const std::string& where, const std::string& arg) {
        std::vector<Contact> out;
        auto q = c.prepare(
            "SELECT c.address, c.domain, c.state, c.state_since, c.first_seen, c.last_mailed, c.last_heard, c.owner, "
            "EXISTS(SELECT 1 FROM domains d WHERE d.domain = c.domain AND d.state = 'dead'), c.away_since, c.away_until "
            "FROM contacts c " +
            where + " ORDER BY c.domain, c.address");
        if (!where.empty()) q.bind(1, arg);
        while (q.step()) {
            Contact x;
            x.address = q.text(0);
            x.domain = q.text(1);
            x.state = contact_state_from_string(q.text(2)).value_or(ContactState::active);
            x.state_since = q.integer(3);
            x.first_seen = q.integer(4);
            x.last_mailed = q.optional_integer(5);
            x.last_heard = q.optional_integer(6);
            x.owner = q.text(7);
            x.domain_dead = q.integer(8) != 0;
            x.away_since = q.optional_integer(9);
            x.away_until = q.optional_text(10);
            out.push_back(std::move(x));
        }
        return out;
    }

    void write_loop() {
        Writer writer(*writer_conn_);
        std::vector<Job> batch;
        for (;;) {
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
                if (queue_.empty() && stopping_) return;
                while (!queue_.empty() && batch.size() < options_.max_batch) {
                    batch.push_back(std::move(queue_.front()));
                    queue_.pop_front();
                }
            }
            apply(writer, batch);
            batch.clear();
        }
    }

    // One transaction per batch; one savepoint per write so that a write that fails (a constraint,
    // a bug) is rolled back alone. When the transaction itself cannot commit (disk full, database
    // locked beyond the timeout, read-only file) the batch is logged and dropped: mail never waits.
    void apply(Writer& writer, std::vector<Job>& batch) {
        auto& c = *writer_conn_;
        std::vector<std::string> errors(batch.size());
        const auto finish = [&](bool committed, const std::string& why) {
            for (std::size_t i = 0; i < batch.size(); ++i)
                if (batch[i].done) batch[i].done(committed && errors[i].empty(), errors[i].empty() ? why : errors[i]);
        };
        c.reset_all();
        const auto now = static_cast<Timestamp>(std::time(nullptr));
        writer.begin_transaction(now);
        try {
            c.exec("BEGIN IMMEDIATE");
        } catch (const SqliteError& e) {
            spdlog::error("store {}: cannot begin a transaction ({}); {} writes dropped", options_.path, e.what(),
                          batch.size());
            return finish(false, e.what());
        }
        for (std::size_t i = 0; i < batch.size(); ++i) {
            try {
                c.exec("SAVEPOINT job");
                batch[i].run(writer);
                c.exec("RELEASE job");
            } catch (const std::exception& e) {
                errors[i] = e.what();
                // Some errors (a full disk, I/O) roll the whole transaction back: then nothing of
                // the batch is on disk, and the remaining writes must not commit one by one.
                if (!c.in_transaction()) {
                    spdlog::error("store {}: the transaction was rolled back ({}); {} writes dropped", options_.path,
                                  e.what(), batch.size());
                    c.reset_all();
                    return finish(false, e.what());
                }
                spdlog::error("store {}: write failed and rolled back: {}", options_.path, e.what());
                try {
                    c.exec("ROLLBACK TO job");
                    c.exec("RELEASE job");
                } catch (const std::exception&) {
                }
            }
        }
        if (!purge(writer, now)) return finish(false, "the transaction was rolled back");
        c.reset_all();
        try {
            c.exec("COMMIT");
        } catch (const SqliteError& e) {
            spdlog::error("store {}: commit failed ({}); {} writes dropped", options_.path, e.what(), batch.size());
            try {
                c.exec("ROLLBACK");
            } catch (const std::exception&) {
            }
            return finish(false, e.what());
        }
        finish(true, "");
    }

    // Signature details of non-contacts past the retention, inside the batch's transaction: once
    // per kStrangerPurgeInterval (and in the first batch after opening), at most
    // kMaxStrangerPurgeRows rows, and again in the next batch while more remain. false: the purge
    // rolled the whole transaction back.
    bool purge(Writer& writer, Timestamp now) {
        if (!purge_backlog_ && last_purge_ != 0 && now - last_purge_ < kStrangerPurgeInterval) return true;
        auto& c = *writer_conn_;
        last_purge_ = now;
        try {
            c.exec("SAVEPOINT purge");
            const std::size_t purged =
                writer.purge_stranger_details(now - options_.stranger_details_retention, kMaxStrangerPurgeRows);
            c.exec("RELEASE purge");
            purge_backlog_ = purged >= kMaxStrangerPurgeRows;
            if (purged > 0)
                spdlog::info("store {}: {} signature details of non-contacts older than {} days purged{}", options_.path,
                             purged, options_.stranger_details_retention / 86400, purge_backlog_ ? ", more next time" : "");
        } catch (const std::exception& e) {
            purge_backlog_ = false;
            if (!c.in_transaction()) {
                spdlog::error("store {}: the transaction was rolled back by the purge ({})", options_.path, e.what());
                c.reset_all();
                return false;
            }
            spdlog::error("store {}: purge of old signature details failed: {}", options_.path, e.what());
            try {
                c.exec("ROLLBACK TO purge");
                c.exec("RELEASE purge");
            } catch (const std::exception&) {
            }
        }
        return true;
    }

    SqliteOptions options_;
    std::unique_ptr<Connection> writer_conn_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> queue_;
    bool stopping_ = false;
    std::size_t dropped_ = 0;
    Timestamp last_purge_ = 0;  // writer thread only
    bool purge_backlog_ = false;
    std::mutex readers_mutex_;
    std::vector<std::unique_ptr<Connection>> readers_;
};

}  // namespace

std::string_view to_string(AlertStatus status) {
    switch (status) {
        case AlertStatus::pending: return "pending";
        case AlertStatus::sent: return "sent";
        case AlertStatus::failed: return "failed";
        case AlertStatus::skipped: return "skipped";
    }
    return "pending";
}

std::string normalise_order_number(std::string_view number) {
    std::string out;
    for (unsigned char ch : number) {
        if (std::isspace(ch) || ch == '-' || ch == '_' || ch == '/' || ch == '.') continue;
        out += ch < 0x80 ? static_cast<char>(std::toupper(ch)) : static_cast<char>(ch);
    }
    return out;
}

std::string order_number_core(std::string_view normalised) {
    std::size_t letters = 0;
    while (letters < normalised.size() && std::isalpha(static_cast<unsigned char>(normalised[letters]))) ++letters;
    const std::string_view rest = normalised.substr(letters);
    if (letters == 0 || rest.size() < 3 || !std::isdigit(static_cast<unsigned char>(rest.front()))) return std::string(normalised);
    return std::string(rest);
}

std::expected<std::unique_ptr<Store>, StoreError> open_sqlite_store(const SqliteOptions& options) {
    try {
        return std::make_unique<SqliteStore>(options);
    } catch (const std::exception& e) {
        return std::unexpected(StoreError{options.path + ": " + e.what()});
    }
}

}  // namespace mailkeeper::storage
