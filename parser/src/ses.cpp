#include "ses.h"

#include <nlohmann/json.hpp>

#include "dsn.h"
#include "text.h"

namespace mailkeeper::parser::detail {
namespace {

using nlohmann::json;

std::string string_at(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json* object_at(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_object() ? &*it : nullptr;
}

void read_original(const json& payload, BounceReport& report) {
    const json* mail = object_at(payload, "mail");
    if (!mail) return;
    if (auto id = string_at(*mail, "messageId"); !id.empty()) report.original.message_id = id;
    if (auto source = string_at(*mail, "source"); !source.empty()) report.original.from = source;
    if (const json* common = object_at(*mail, "commonHeaders")) {
        if (auto subject = string_at(*common, "subject"); !subject.empty()) report.original.subject = subject;
        if (auto date = string_at(*common, "date"); !date.empty()) report.original.date = date;
        if (auto id = common->find("messageId"); id != common->end() && id->is_string())
            report.original.message_id = id->get<std::string>();
    }
}

}  // namespace

std::optional<BounceReport> read_ses_notification(std::string_view body, std::size_t max_recipients) {
    // SNS appends an unsubscribe footer after a "--" line.
    if (const std::size_t footer = body.find("\n--\n"); footer != std::string_view::npos) body = body.substr(0, footer);
    body = trim(body);
    if (!body.starts_with("{") || body.find("notificationType") == std::string_view::npos) return std::nullopt;
    json outer = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (outer.is_discarded()) {
        // Long JSON lines arrive folded by the mail path: "...!\n " or "\n " continuations.
        std::string unfolded;
        unfolded.reserve(body.size());
        for (std::size_t i = 0; i < body.size(); ++i) {
            if (body[i] == '!' && i + 2 < body.size() && body[i + 1] == '\n' && body[i + 2] == ' ') {
                i += 2;
                continue;
            }
            if (body[i] == '\n' && i + 1 < body.size() && body[i + 1] == ' ' && i > 0 && body[i - 1] != ',' &&
                body[i - 1] != '{' && body[i - 1] != '[') {
                ++i;
                continue;
            }
            unfolded.push_back(body[i]);
        }
        outer = json::parse(unfolded, nullptr, false);
    }
    if (outer.is_discarded() || !outer.is_object()) return std::nullopt;
    // SNS wraps the SES event as a JSON string in "Message".
    json payload = outer;
    if (auto message = string_at(outer, "Message"); !message.empty()) {
        payload = json::parse(message, nullptr, false);
        if (payload.is_discarded() || !payload.is_object()) return std::nullopt;
    }
    const std::string type = to_lower(string_at(payload, "notificationType").empty()
                                          ? string_at(payload, "eventType")
                                          : string_at(payload, "notificationType"));
    BounceReport report;
    report.format = "amazonses";
    read_original(payload, report);

    auto add = [&](const std::string& address, Reason fixed) -> Recipient* {
        if (address.empty() || report.recipients.size() >= max_recipients) return nullptr;
        Recipient r;
        r.address = field_address(address);
        r.evidence.format = "amazonses";
        r.classification.reason = fixed;
        report.recipients.push_back(std::move(r));
        return &report.recipients.back();
    };

    if (type == "bounce") {
        const json* bounce = object_at(payload, "bounce");
        if (!bounce) return std::nullopt;
        report.kind = ReportKind::bounce;
        report.reporting_mta = field_value_after_type(string_at(*bounce, "reportingMTA"));
        const std::string sub_type = to_lower(string_at(*bounce, "bounceSubType"));
        const bool transient = iequals(string_at(*bounce, "bounceType"), "Transient");
        const auto list = bounce->find("bouncedRecipients");
        if (list == bounce->end() || !list->is_array()) return std::nullopt;
        for (const json& item : *list) {
            if (!item.is_object()) continue;
            Recipient* r = add(string_at(item, "emailAddress"), Reason::undefined);
            if (!r) continue;
            Evidence& e = r->evidence;
            e.action = to_lower(string_at(item, "action"));
            e.status = find_status_code(string_at(item, "status"));
            const std::string code = string_at(item, "diagnosticCode");
            const std::size_t semi = code.find(';');
            e.diagnostic = std::string(trim(semi != std::string::npos && semi < 12 ? std::string_view(code).substr(semi + 1) : code));
            e.reply_code = find_reply_code(e.diagnostic);
            // SES's own classification, when it names one (docs: "bounce types").
            if (transient && sub_type == "mailboxfull") e.format_reason = Reason::mailboxfull;
            else if (transient && sub_type == "messagetoolarge") e.format_reason = Reason::mesgtoobig;
            else if (sub_type == "suppressed" || sub_type == "onaccountsuppressionlist") e.format_reason = Reason::suspend;
            if (e.action.empty()) e.action = transient ? "delayed" : "failed";
            r->reporting_mta = report.reporting_mta;
            r->classification = classify(e);
        }
    } else if (type == "complaint") {
        const json* complaint = object_at(payload, "complaint");
        if (!complaint) return std::nullopt;
        report.kind = ReportKind::feedback;
        const auto list = complaint->find("complainedRecipients");
        if (list != complaint->end() && list->is_array())
            for (const json& item : *list)
                if (item.is_object()) add(string_at(item, "emailAddress"), Reason::feedback);
    } else if (type == "delivery") {
        const json* delivery = object_at(payload, "delivery");
        if (!delivery) return std::nullopt;
        report.kind = ReportKind::bounce;
        report.reporting_mta = string_at(*delivery, "reportingMTA");
        const std::string response = string_at(*delivery, "smtpResponse");
        const auto list = delivery->find("recipients");
        if (list != delivery->end() && list->is_array())
            for (const json& item : *list) {
                if (!item.is_string()) continue;
                Recipient* r = add(item.get<std::string>(), Reason::delivered);
                if (!r) continue;
                r->evidence.action = "delivered";
                r->evidence.diagnostic = response;
                r->evidence.status = find_status_code(response);
                r->evidence.reply_code = find_reply_code(response);
                r->classification.status = r->evidence.status;
                r->reporting_mta = report.reporting_mta;
            }
    } else {
        return std::nullopt;
    }
    if (report.recipients.empty()) return std::nullopt;
    return report;
}

}  // namespace mailkeeper::parser::detail
