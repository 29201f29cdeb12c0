#include "mailkeeper/milter/dlp.h"

#include <gmime/gmime.h>

#include <algorithm>

#include <mailkeeper/parser/message.h>

namespace mailkeeper::milter {
namespace {

std::string header_value(const MessageFacts& facts, const char* name) {
    const std::string* v = header(facts, name);
    return v ? *v : std::string();
}

// A subject prefix in a raw header value: ASCII as it is, anything else as an RFC 2047 word.
std::string encoded_prefix(const std::string& prefix) {
    if (std::all_of(prefix.begin(), prefix.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; })) return prefix;
    char* encoded = g_mime_utils_header_encode_text(nullptr, prefix.c_str(), "utf-8");
    std::string out = encoded ? encoded : prefix;
    g_free(encoded);
    return out;
}

}  // namespace

DlpOutcome dlp_decide(const Config& config, const rules::RuleSet& rules, const MessageFacts& facts, Direction direction,
                      storage::Timestamp now, const std::function<bool()>& expired) {
    const auto message = parse_facts(config, facts, true);
    return dlp_decide(config, rules, facts, message ? &*message : nullptr, direction, now, expired);
}

DlpOutcome dlp_decide(const Config& config, const rules::RuleSet& rules, const MessageFacts& facts,
                      const parser::Message* message, Direction direction, storage::Timestamp now,
                      const std::function<bool()>& expired) {
    DlpOutcome out;
    if (!message) return out;  // nothing at all to read (no headers, no body)
    rules::MessageContent content = rules::content_of(*message, config.dlp.attachments, expired);
    content.truncated = content.truncated || facts.truncated;

    rules::MessageContext ctx;
    ctx.direction = direction == Direction::outbound ? rules::Direction::outbound : rules::Direction::inbound;
    ctx.sender = facts.envelope.mail_from;
    ctx.recipients = facts.envelope.recipients;
    ctx.internal_domains = config.direction.internal_domains;
    ctx.default_region = config.dlp.default_region;
    out.verdict = rules::evaluate(rules, content, ctx, config.dlp.monitor ? rules::Mode::monitor : rules::Mode::enforce,
                                  expired);
    const rules::Verdict& v = out.verdict;
    if (!v.problem.empty()) out.summary = "dlp_problem=\"" + v.problem + "\"";
    if (v.matches.empty()) return out;

    const rules::RuleMatch* deciding = v.deciding();
    const rules::Action action = v.action.value_or(rules::Action::log);
    if (v.action && action == rules::Action::reject) {
        out.reject = true;
        out.reply_text = ascii_line(deciding && !deciding->message.empty()
                                        ? deciding->message
                                        : "Message refused by the company's data protection policy (" + deciding->rule + ")",
                                    kMaxReplyText);
    }
    if (v.action && action == rules::Action::quarantine) {
        out.quarantine = true;
        // Postfix logs the reason with the hold ("... hold: ... mailkeeper DLP rule-id")
        out.quarantine_reason = "mailkeeper DLP " + (deciding ? deciding->rule : std::string("rule"));
    }
    const auto tagged = v.tagged_rules();
    for (const auto& id : tagged) out.dlp_header += (out.dlp_header.empty() ? "" : ",") + id;
    if (v.action && action == rules::Action::tag) {
        std::string prefix;
        for (const auto& m : v.matches)
            if (m.mode == rules::Mode::enforce && m.action == rules::Action::tag && !m.subject_prefix.empty()) {
                prefix = m.subject_prefix;
                break;
            }
        if (!prefix.empty()) {
            const std::string current = header_value(facts, "Subject");
            std::string trimmed = current;
            while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t')) trimmed.erase(0, 1);
            // a reply to a tagged message keeps one prefix, not two
            if (!decoded_header("Subject", current).starts_with(prefix)) {
                out.subject = encoded_prefix(prefix) + (trimmed.empty() ? "" : " " + trimmed);
                out.add_subject = header(facts, "Subject") == nullptr;
            }
        }
    }

    storage::Incident incident;
    incident.at = now;
    incident.queue_id = facts.envelope.queue_id;
    incident.message_id = header_value(facts, "Message-ID");
    incident.direction = std::string(to_string(direction));
    incident.sender = facts.envelope.mail_from;
    incident.recipients = facts.envelope.recipients;
    incident.subject = decoded_header("Subject", header_value(facts, "Subject"));
    incident.action = v.action ? std::string(rules::name_of(*v.action)) : "log";
    for (const auto& m : v.matches) {
        for (const auto& h : m.hits)
            incident.matches.push_back({m.rule, m.description, std::string(rules::name_of(m.severity)),
                                        std::string(rules::name_of(m.action)), m.mode == rules::Mode::monitor, h.where,
                                        h.excerpt, h.count});
        if (m.mode == rules::Mode::enforce)
            for (const auto& to : m.notify) incident.notify.emplace_back(to, m.rule);
    }
    out.incident = std::move(incident);

    out.summary = (out.summary.empty() ? "" : out.summary + " ") + "dlp=" + (v.action ? std::string(rules::name_of(*v.action)) : std::string("none"));
    if (v.monitored) out.summary += " monitor=" + std::string(rules::name_of(*v.monitored));
    out.summary += " rules=";
    for (std::size_t i = 0; i < v.matches.size(); ++i) out.summary += (i ? "," : "") + v.matches[i].rule;
    return out;
}

}  // namespace mailkeeper::milter
