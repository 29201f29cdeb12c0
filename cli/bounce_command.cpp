#include "bounce_command.h"

#include <mailkeeper/parser/bounce.h>
#include <mailkeeper/parser/message.h>

#include <iomanip>
#include <nlohmann/json.hpp>

#include "inputs.h"
#include "json_lines.h"

namespace mailkeeper::cli {
namespace {

using nlohmann::json;

json optional_string(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json optional_string(const std::optional<std::string>& s) { return s && !s->empty() ? json(*s) : json(nullptr); }

json recipient_line(const InputMessage& in, const parser::BounceReport& report, const parser::Recipient& r) {
    json line{{"file", in.path}, {"index", in.index}};
    line.update(recipient_json(report, r));
    return line;
}

std::string cut(std::string s, std::size_t width) {
    if (s.size() <= width) return s;
    std::size_t n = width - 1;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n) + "~";
}

}  // namespace

// The JSON Lines contract of `mailkeeper bounce --json` (README, "mailkeeper bounce").
json recipient_json(const parser::BounceReport& report, const parser::Recipient& r) {
    const auto& e = r.evidence;
    const auto& c = r.classification;
    return json{
        {"recipient", optional_string(r.address)},
        {"reason", std::string(parser::to_string(c.reason))},
        {"status", optional_string(c.status)},
        {"reply_code", optional_string(e.reply_code)},
        {"hard", c.hard},
        {"action", optional_string(e.action)},
        {"diagnostic", optional_string(e.diagnostic)},
        {"remote_mta", optional_string(e.remote_mta)},
        {"command", optional_string(e.command)},
        {"reporting_mta", optional_string(r.reporting_mta.empty() ? report.reporting_mta : r.reporting_mta)},
        {"original_message_id", optional_string(report.original.message_id)},
        {"original_sender", optional_string(report.original.from)},
        {"original_subject", optional_string(report.original.subject)},
        {"format", report.format},
    };
}

int run_bounce(const BounceOptions& options, std::ostream& out, std::ostream& err) {
    std::size_t messages = 0, bounces = 0, recipients = 0;
    if (!options.json)
        out << std::left << std::setw(34) << "RECIPIENT" << ' ' << std::setw(15) << "REASON" << ' ' << std::setw(9)
            << "STATUS" << ' ' << std::setw(4) << "HARD" << "  FILE / DIAGNOSTIC\n";
    const bool ok = for_each_message(
        options.paths,
        [&](const InputMessage& in) {
            ++messages;
            auto message = parser::parse_message(in.bytes);
            if (!message) {
                if (options.json) out << dump_json(json{{"file", in.path}, {"index", in.index}, {"error", message.error().message}}) << '\n';
                else err << in.path << ": " << message.error().message << '\n';
                return;
            }
            const parser::BounceReport report = parser::analyse_bounce(*message);
            if (report.recipients.empty()) {
                if (options.json) out << dump_json(json{{"file", in.path}, {"index", in.index}, {"bounce", false}}) << '\n';
                return;
            }
            ++bounces;
            for (const auto& r : report.recipients) {
                ++recipients;
                if (options.json) {
                    out << dump_json(recipient_line(in, report, r)) << '\n';
                    continue;
                }
                std::string where = in.path + (in.index > 1 ? ":" + std::to_string(in.index) : "");
                out << std::left << std::setw(34) << cut(r.address, 34) << ' ' << std::setw(15)
                    << parser::to_string(r.classification.reason) << ' ' << std::setw(9)
                    << (r.classification.status.empty() ? "-" : r.classification.status) << ' ' << std::setw(4)
                    << (r.classification.hard ? "yes" : "no") << "  " << where << '\n'
                    << std::string(66, ' ') << cut(r.evidence.diagnostic, 100) << '\n';
            }
        },
        [&](const InputError& e) {
            if (options.json) out << dump_json(json{{"file", e.path}, {"index", 1}, {"error", e.message}}) << '\n';
            else err << e.path << ": " << e.message << '\n';
        });
    if (!options.json)
        out << messages << " messages, " << bounces << " with failed recipients, " << recipients << " recipients\n";
    return ok ? 0 : 1;
}

}  // namespace mailkeeper::cli
