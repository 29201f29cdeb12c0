#include "mailkeeper/milter/record.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "mailkeeper/milter/pipeline.h"

namespace mailkeeper::milter {
namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    return s;
}

bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
    return true;
}

// FNV-1a, 64 bits: stable across builds and machines, unlike std::hash.
std::string fnv1a(std::string_view bytes) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    char buf[24];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

void add_field(std::vector<storage::FieldSighting>& out, const char* name, const std::optional<parser::Field>& f) {
    if (f && !f->value.empty()) out.push_back({name, f->value, f->confidence});
}

}  // namespace

std::vector<storage::BounceEvent> bounce_events(const parser::BounceReport& report, storage::Timestamp at,
                                                const std::string& bounce_message_id, const std::string& bounce_sender,
                                                const std::string& queue_id) {
    std::vector<storage::BounceEvent> events;
    for (const auto& r : report.recipients) {
        if (r.address.empty()) continue;
        const auto& action = r.evidence.action;
        if (!action.empty() && !iequal(action, "failed")) continue;
        storage::BounceEvent e;
        e.received_at = at;
        e.recipient = r.address;
        e.original_recipient = r.original_recipient;
        e.reason = std::string(parser::to_string(r.classification.reason));
        e.hard = r.classification.hard;
        e.status = r.classification.status;
        e.reply_code = r.evidence.reply_code;
        e.action = action;
        e.diagnostic = r.evidence.diagnostic;
        e.command = r.evidence.command;
        e.remote_mta = r.evidence.remote_mta;
        e.reporting_mta = r.reporting_mta.empty() ? report.reporting_mta : r.reporting_mta;
        e.format = report.format;
        if (report.original.message_id) {
            const auto ids = parser::message_ids(*report.original.message_id);
            if (!ids.empty()) e.original_message_id = ids.front();
        }
        e.original_sender = report.original.from;
        e.original_subject = report.original.subject;
        e.bounce_message_id = bounce_message_id;
        e.bounce_sender = bounce_sender;
        e.queue_id = queue_id;
        events.push_back(std::move(e));
    }
    return events;
}

std::string record_id(const parser::HeaderList& headers, std::string_view raw) {
    if (const auto value = parser::find_header(headers, "Message-ID")) {
        const auto ids = parser::message_ids(*value);
        if (!ids.empty()) return ids.front();
    }
    return "fnv:" + fnv1a(raw);
}

storage::MessageRecord message_record(const parser::Message& message, const parser::Analysis& a, std::string_view raw,
                                      const RecordContext& context) {
    storage::MessageRecord r;
    r.message_id = record_id(message.headers, raw);
    r.direction = context.direction;
    r.sender = a.sender.address;
    r.recipients = a.recipients;
    r.subject = parser::find_header(message.headers, "Subject").value_or("");
    r.date = context.date;
    for (const char* name : {"In-Reply-To", "References"})
        if (const auto value = parser::find_header(message.headers, name))
            for (auto& id : parser::message_ids(*value))
                if (std::find(r.references.begin(), r.references.end(), id) == r.references.end()) r.references.push_back(std::move(id));
    r.tags = a.tags;
    for (const auto& o : a.orders) r.orders.push_back({o.number, o.kind, o.where});
    if (a.contact && context.sender_verified && context.direction == "inbound") {
        const auto& c = *a.contact;
        add_field(r.fields, "name", c.name);
        add_field(r.fields, "title", c.title);
        add_field(r.fields, "company", c.company);
        add_field(r.fields, "website", c.website);
        add_field(r.fields, "linkedin", c.linkedin);
        add_field(r.fields, "whatsapp", c.whatsapp);
        add_field(r.fields, "wechat", c.wechat);
        add_field(r.fields, "skype", c.skype);
        add_field(r.fields, "address", c.address);
        add_field(r.fields, "country", c.country);
        for (const auto& p : c.phones)
            if (!p.e164.empty()) r.fields.push_back({"phone:" + (p.kind.empty() ? std::string("other") : p.kind), p.e164, p.confidence});
        for (const auto& e : c.emails) r.fields.push_back({"email", lower(e.value), e.confidence});
    }
    if (a.autoreply) {
        storage::AutoReplyFact f;
        f.kind = std::string(parser::to_string(a.autoreply->kind));
        f.evidence = a.autoreply->evidence;
        f.until = a.autoreply->until;
        f.replacement = a.autoreply->replacement;
        f.replacement_name = a.autoreply->replacement_name;
        r.autoreply = std::move(f);
    }
    r.queue_id = context.queue_id;
    r.alerts = context.alerts;
    // RFC 3834 §5: Auto-Submitted other than "no" is a machine writing, whatever the text says
    const auto auto_submitted = parser::find_header(message.headers, "Auto-Submitted");
    std::string keyword = auto_submitted ? lower(*auto_submitted) : std::string("no");
    keyword = keyword.substr(0, keyword.find_first_of("; \t("));
    const bool report = a.bounce.kind != parser::ReportKind::none && parser::may_be_report(message.headers, context.envelope_sender);
    const bool machine = a.autoreply || report || keyword != "no";
    r.from_person = context.sender_verified && !machine && !r.sender.empty();
    return r;
}

}  // namespace mailkeeper::milter
