#include "mailkeeper/milter/pipeline.h"

#include <mailkeeper/parser/analysis.h>
#include <mailkeeper/parser/bounce.h>
#include <mailkeeper/parser/message.h>

#include <algorithm>
#include <ctime>

#include "mailkeeper/milter/record.h"

namespace mailkeeper::milter {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

// The address in a From or Return-Path value: "Li Ming <li@x.com>" -> "li@x.com".
std::string address_in(std::string_view value) {
    auto lt = value.rfind('<');
    if (lt != std::string_view::npos) {
        auto gt = value.find('>', lt);
        if (gt != std::string_view::npos) return storage::normalise_address(value.substr(lt + 1, gt - lt - 1));
    }
    // a bare address, perhaps followed by a comment
    auto at = value.find('@');
    if (at == std::string_view::npos) return {};
    auto start = value.find_last_of(" \t,;:\"(", at);
    start = start == std::string_view::npos ? 0 : start + 1;
    auto end = value.find_first_of(" \t,;\")", at);
    return storage::normalise_address(value.substr(start, end == std::string_view::npos ? value.npos : end - start));
}

// A Message-ID header's id without its angle brackets (the first, should there be more).
std::string message_id_in(const std::string& value) {
    const auto ids = parser::message_ids(value);
    return ids.empty() ? std::string() : ids.front();
}


bool is_ours(std::string_view name) {
    return iequals(name, kAlertHeader) || iequals(name, kBounceHeader) || iequals(name, kDeadRecipientHeader) ||
           iequals(name, kDlpHeader) || iequals(name, kTagsHeader);
}

}  // namespace

const std::string* header(const MessageFacts& facts, std::string_view name) {
    for (const auto& [n, v] : facts.headers)
        if (iequals(n, name)) return &v;
    return nullptr;
}

std::string ascii_line(std::string_view text, std::size_t max) {
    std::string out;
    for (unsigned char c : text) {
        if (out.size() >= max) {
            out += "...";
            break;
        }
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
        if (c == '%') continue;  // libmilter reply texts are format strings for some MTAs
        out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
    }
    return out;
}

// mailkeeper's alerts leave through the local MTA as outbound mail from alerts.from.
bool is_own_alert(const Config& config, const MessageFacts& facts, Direction direction) {
    const std::string alerts_from = storage::normalise_address(config.alerts.from);
    const std::string* from = header(facts, "From");
    return header(facts, kAlertHeader) && direction == Direction::outbound && from &&
           storage::normalise_address(address_in(*from)) == alerts_from &&
           storage::normalise_address(facts.envelope.mail_from) == alerts_from;
}

std::string decoded_header(const std::string& name, const std::string& value) {
    auto list = parser::parse_header_block(name + ": " + value + "\n\n");
    return list.empty() ? value : list.front().value;
}

std::string_view to_string(Direction d) { return d == Direction::outbound ? "outbound" : "inbound"; }

Direction direction_of(const Config& config, const Envelope& env) {
    if (!env.auth_authen.empty()) return Direction::outbound;
    const auto in = [&](const std::vector<Network>& nets) {
        return std::any_of(nets.begin(), nets.end(), [&](const Network& n) { return n.contains(env.client_addr); });
    };
    if (in(config.direction.internal_networks)) return Direction::outbound;
    if (!env.mail_from.empty() && storage::in_domains(env.mail_from, config.direction.internal_domains) &&
        in(config.direction.trusted_networks))
        return Direction::outbound;
    return Direction::inbound;
}

std::string format_date(storage::Timestamp t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::string format_local_time(storage::Timestamp t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

std::optional<parser::Message> parse_facts(const Config& config, const MessageFacts& facts, bool with_attachments) {
    parser::Limits limits;
    limits.max_scan_bytes = std::max(limits.max_scan_bytes, config.milter.max_message_bytes);
    if (with_attachments) limits.max_attachment_bytes = config.milter.max_message_bytes;
    auto message = parser::parse_message(facts.raw, limits);
    if (!message) return std::nullopt;  // nothing at all to read (no headers, no body)
    return std::move(*message);
}

Decision decide(const Config& config, const MessageFacts& facts, Direction direction, storage::Timestamp now) {
    const auto message = parse_facts(config, facts, false);
    return decide(config, facts, message ? &*message : nullptr, direction, now);
}

Decision decide(const Config& config, const MessageFacts& facts, const parser::Message* message, Direction direction,
                storage::Timestamp now) {
    Decision d;
    const auto& env = facts.envelope;
    const std::string from = header(facts, "From") ? address_in(*header(facts, "From")) : std::string();

    // mailkeeper's alerts leave through the local MTA as outbound mail from alerts.from; anything
    // else carrying our headers is stripped of them.
    if (is_own_alert(config, facts, direction)) {
        d.summary = "mailkeeper alert passing through";
        return d;
    }
    for (const auto& [name, value] : facts.headers)
        if (is_ours(name) && std::find(d.remove_headers.begin(), d.remove_headers.end(), name) == d.remove_headers.end())
            d.remove_headers.push_back(name);

    // Every message is read whole (up to milter.max_message_bytes): bounce, auto-reply, signature,
    // orders, tags.
    std::optional<parser::Analysis> analysis;
    if (message) {
        parser::AnalysisOptions options;
        options.internal_domains = config.direction.internal_domains;
        options.contact.default_region = config.dlp.default_region;
        options.orders = config.orders.get();
        analysis = parser::analyse_message(*message, options);
    }
    const bool external_recipient = std::any_of(env.recipients.begin(), env.recipients.end(), [&](const std::string& r) {
        return !storage::in_domains(r, config.direction.internal_domains);
    });
    const std::string record_direction =
        direction == Direction::inbound ? "inbound" : (external_recipient ? "outbound" : "internal");
    const std::string bounce_id = header(facts, "Message-ID") ? message_id_in(*header(facts, "Message-ID")) : "";
    if (analysis) {
        RecordContext context;
        context.direction = record_direction;
        context.date = now;
        context.queue_id = env.queue_id;
        // mail going out left an authenticated client or the office network: its From is the
        // company's (a rep may send as sales@); mail coming in is its From's only when the envelope
        // sender says the same
        context.sender_verified =
            direction == Direction::outbound || (!from.empty() && from == storage::normalise_address(env.mail_from));
        context.envelope_sender = env.mail_from;
        d.record = message_record(*message, *analysis, facts.raw, context);
        // the rep is the envelope sender: a From of a shared mailbox (sales@) names nobody to alert
        if (direction == Direction::outbound && !env.mail_from.empty())
            d.record->sender = storage::normalise_address(env.mail_from);
        // our reading of a message is for the company: mail going out does not carry it
        if (!analysis->tags.empty() && record_direction != "outbound") {
            std::string tags;
            for (const auto& t : analysis->tags) tags += (tags.empty() ? "" : ", ") + t;
            d.add_headers.emplace_back(kTagsHeader, tags);
        }
    }

    // Only mail that looks like a report from its envelope and headers is taken for a bounce: a
    // customer's message quoting a bounce is not one.
    if (analysis && analysis->bounce.kind != parser::ReportKind::none && parser::may_be_report(message->headers, env.mail_from)) {
        const auto& report = analysis->bounce;
        if (report.kind == parser::ReportKind::bounce) {
            const bool returns_alert =
                (message->returned_headers && parser::find_header(*message->returned_headers, kAlertHeader)) ||
                (report.original.from && address_in(*report.original.from) == storage::normalise_address(config.alerts.from));
            if (returns_alert) {
                d.summary = "bounce of a mailkeeper alert: not answered";
                d.record.reset();
                d.add_headers.clear();
                return d;
            }
            d.bounces = bounce_events(report, now, bounce_id, env.mail_from, env.queue_id);
            std::size_t bounce_headers = 0;
            for (const auto& e : d.bounces)
                if (bounce_headers++ < kMaxBounceHeaders)
                    d.add_headers.emplace_back(kBounceHeader, e.reason + "; rcpt=" + ascii_line(e.recipient, 200) +
                                                                  (e.status.empty() ? "" : "; status=" + e.status));
            d.summary = "bounce format=" + report.format + " failed=" + std::to_string(d.bounces.size());
            return d;
        }
    }

    if (direction == Direction::outbound) {
        if (env.mail_from.empty()) {
            d.summary = "outbound with the null sender: not recorded";
            return d;
        }
        storage::OutboundMessage m;
        for (const auto& r : env.recipients)
            if (!storage::in_domains(r, config.direction.internal_domains)) m.recipients.push_back(storage::normalise_address(r));
        if (m.recipients.empty()) {
            d.summary = "internal mail";
            return d;
        }
        if (const auto* id = header(facts, "Message-ID")) m.message_id = message_id_in(*id);
        m.sender = storage::normalise_address(env.mail_from);
        if (const auto* s = header(facts, "Subject")) m.subject = decoded_header("Subject", *s);
        m.sent_at = now;
        m.queue_id = env.queue_id;
        d.summary = "outbound external=" + std::to_string(m.recipients.size());
        d.outbound = std::move(m);
        return d;
    }

    // Mail from a person proves the address alive (the store reads d.record->from_person). An
    // auto-reply or a report does not (an "I have left" auto-reply comes from a dead mailbox), and
    // the From must be the envelope sender: a forged From alone revives nothing.
    d.summary = d.record && d.record->from_person ? "inbound from " + from : "inbound";
    return d;
}

GuardAction guard_action(GuardMode mode, const storage::DeathNotice& n) {
    GuardAction a;
    std::string why = n.reason.empty() ? std::string("bounced") : n.reason;
    if (!n.status.empty()) why += " " + n.status;
    if (!n.diagnostic.empty()) why += ": " + n.diagnostic;
    switch (mode) {
        case GuardMode::off: break;
        case GuardMode::reject:
            if (!n.by_domain) {
                a.reject = true;
                a.reply_text = ascii_line("<" + n.address + ">: this address is dead, it bounced on " + format_date(n.since) +
                                              " (" + why + "); if it works again: mailkeeper contacts revive " + n.address,
                                          kMaxReplyText);
                break;
            }
            [[fallthrough]];
        case GuardMode::header:
            a.header_value = ascii_line(n.address, 200) + "; since=" + format_date(n.since) +
                             (n.reason.empty() ? "" : "; reason=" + n.reason) + (n.status.empty() ? "" : "; status=" + n.status) +
                             (n.by_domain ? "; domain=dead" : "");
            break;
        case GuardMode::notify: a.notify = true; break;
    }
    return a;
}

}  // namespace mailkeeper::milter
