#include "scan_command.h"

#include <mailkeeper/parser/analysis.h>

#include <nlohmann/json.hpp>

#include "analysis_settings.h"
#include "bounce_command.h"
#include "card_json.h"
#include "inputs.h"
#include "json_lines.h"

namespace mailkeeper::cli {
namespace {

using nlohmann::json;

json optional(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json autoreply_json(const parser::AutoReply& r) {
    return json{{"kind", std::string(parser::to_string(r.kind))},
                {"evidence", r.evidence},
                {"until", optional(r.until)},
                {"replacement", optional(r.replacement)},
                {"replacement_name", optional(r.replacement_name)}};
}

// The contract of `mailkeeper scan --json`, field by field in docs/scan.md.
json analysis_json(const InputMessage& in, const parser::Analysis& a) {
    json bounce = json::array();
    if (a.bounce.kind == parser::ReportKind::bounce)
        for (const auto& r : a.bounce.recipients) bounce.push_back(recipient_json(a.bounce, r));
    json orders = json::array();
    for (const auto& o : a.orders) orders.push_back(json{{"number", o.number}, {"kind", o.kind}, {"where", o.where}});
    return json{{"file", in.path},
                {"index", in.index},
                {"direction", std::string(parser::to_string(a.direction))},
                {"from", a.sender.address.empty() ? json(nullptr) : json(a.sender.address)},
                {"bounce", std::move(bounce)},
                {"autoreply", a.autoreply ? autoreply_json(*a.autoreply) : json(nullptr)},
                {"quote_style", a.quote_style.empty() ? json(nullptr) : json(a.quote_style)},
                {"signature_text", a.signature ? json(parser::signature_text(*a.signature)) : json(nullptr)},
                {"contact", a.contact ? card_json(*a.contact) : json(nullptr)},
                {"orders", std::move(orders)},
                {"tags", a.tags}};
}

}  // namespace

int run_scan(const ScanOptions& options, std::ostream& out, std::ostream& err) {
    auto settings = load_analysis_settings(options.config, options.config_given, options.internal_domains);
    if (!settings) {
        err << settings.error() << '\n';
        return 2;
    }
    const parser::AnalysisOptions& analysis = settings->analysis;

    bool unreadable = false;
    const bool ok = for_each_message(
        options.paths,
        [&](const InputMessage& in) {
            auto message = parser::parse_message(in.bytes, analysis.limits);
            if (!message) {
                unreadable = true;
                if (options.json) out << dump_json(json{{"file", in.path}, {"index", in.index}, {"error", message.error().message}}) << '\n';
                else err << in.path << ": " << message.error().message << '\n';
                return;
            }
            const parser::Analysis a = parser::analyse_message(*message, analysis);
            if (options.json) {
                out << dump_json(analysis_json(in, a)) << '\n';
                return;
            }
            out << in.path;
            if (in.index > 1) out << " #" << in.index;
            out << "  " << parser::to_string(a.direction);
            if (a.bounce.kind == parser::ReportKind::bounce) out << "  bounce(" << a.bounce.recipients.size() << ")";
            if (a.autoreply) out << "  auto-reply:" << parser::to_string(a.autoreply->kind);
            if (a.contact && a.contact->name) out << "  contact:" << a.contact->name->value;
            for (const auto& o : a.orders) out << "  " << o.kind << ':' << o.number;
            if (!a.tags.empty()) {
                out << "  [";
                for (std::size_t i = 0; i < a.tags.size(); ++i) out << (i ? "," : "") << a.tags[i];
                out << ']';
            }
            out << '\n';
        },
        [&](const InputError& e) {
            if (options.json) out << dump_json(json{{"file", e.path}, {"index", 1}, {"error", e.message}}) << '\n';
            else err << e.path << ": " << e.message << '\n';
        });
    return ok && !unreadable ? 0 : 1;
}

}  // namespace mailkeeper::cli
