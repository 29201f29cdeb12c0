#include "rules_command.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include <mailkeeper/milter/config.h>
#include <mailkeeper/milter/rule_files.h>
#include <mailkeeper/storage/contact_policy.h>
#include <mailkeeper/parser/message.h>
#include <mailkeeper/rules/verdict.h>

#include "inputs.h"
#include "json_lines.h"

namespace mailkeeper::cli {
namespace {

using nlohmann::json;

// Attachments kept per message for the test: as much as the milter keeps by default.
constexpr std::size_t kTestAttachmentBytes = 25 * 1024 * 1024;

struct Setup {
    std::string dir;
    std::vector<std::string> internal_domains;
    std::string default_region = "CN";
    bool monitor = false;
};

// The rules directory and the company's domains from the configuration when the file exists (a
// compliance officer's machine may have none), the directory given on the command line first. A
// configuration that exists but has errors is an error.
std::optional<Setup> setup_of(const RulesDirOptions& options, std::ostream& err) {
    Setup s;
    std::error_code ec;
    if (std::filesystem::exists(options.config, ec)) {
        auto config = milter::load_config(options.config);
        if (!config) {
            err << config.error().text() << '\n';
            return std::nullopt;
        }
        s.dir = (*config)->dlp.rules_dir;
        s.internal_domains = (*config)->direction.internal_domains;
        s.default_region = (*config)->dlp.default_region;
        s.monitor = (*config)->dlp.monitor;
    } else {
        s.dir = "/etc/mailkeeper/rules.d";
    }
    if (!options.dir.empty()) s.dir = options.dir;
    return s;
}


std::vector<std::string> addresses_in(const parser::HeaderList& headers, const char* name) {
    std::vector<std::string> out;
    for (const auto& h : headers) {
        if (!std::equal(h.name.begin(), h.name.end(), name, name + std::char_traits<char>::length(name),
                        [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); }))
            continue;
        for (auto& a : parser::addresses_of(h.value)) out.push_back(std::move(a));
    }
    return out;
}

std::string action_text(const rules::Verdict& v) { return v.action ? std::string(rules::name_of(*v.action)) : "accept"; }

json verdict_json(const std::string& file, const rules::Verdict& v) {
    json matches = json::array();
    for (const auto& m : v.matches)
        for (const auto& h : m.hits)
            matches.push_back({{"rule", m.rule},
                               {"where", h.where},
                               {"excerpt", h.excerpt},
                               {"count", h.count},
                               {"action", rules::name_of(m.action)},
                               {"mode", m.mode == rules::Mode::monitor ? "monitor" : "enforce"}});
    json j{{"file", file}, {"action", action_text(v)}, {"matches", matches}};
    if (v.monitored) j["monitor_action"] = rules::name_of(*v.monitored);
    return j;
}

void explain(std::ostream& out, const std::string& file, const rules::Verdict& v, const rules::MessageContext& ctx) {
    out << file << ": " << action_text(v);
    if (const auto* d = v.deciding()) out << " (rule " << d->rule << ")";
    out << '\n';
    out << "  " << rules::name_of(ctx.direction) << " from " << (ctx.sender.empty() ? "<>" : ctx.sender) << " to ";
    for (std::size_t i = 0; i < ctx.recipients.size(); ++i) out << (i ? ", " : "") << ctx.recipients[i];
    if (ctx.recipients.empty()) out << "(nobody)";
    out << '\n';
    if (v.matches.empty()) out << "  no rule matched\n";
    for (const auto& m : v.matches) {
        out << "  " << m.rule << " [" << rules::name_of(m.severity) << "] " << rules::name_of(m.action);
        if (m.mode == rules::Mode::monitor) out << " (monitor: logged only)";
        if (!m.description.empty()) out << " - " << m.description;
        out << '\n';
        for (const auto& h : m.hits) out << "    " << h.where << " x" << h.count << ": " << h.excerpt << '\n';
        if (!m.message.empty()) out << "    message: " << m.message << '\n';
    }
}

}  // namespace

int run_rules_check(const RulesDirOptions& options, std::ostream& out, std::ostream& err) {
    auto setup = setup_of(options, err);
    if (!setup) return 1;
    const auto t0 = std::chrono::steady_clock::now();
    auto files = milter::read_rule_files(setup->dir);
    if (!files) {
        err << files.error().text() << '\n';
        return 1;
    }
    auto set = rules::load_rules(*files);
    if (!set) {
        for (const auto& e : set.error()) err << e.text() << '\n';
        err << set.error().size() << (set.error().size() == 1 ? " error" : " errors") << " in " << setup->dir << '\n';
        return 1;
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    // incident mails never leave the company (the outbox skips them): say so now, not when one is due
    if (!setup->internal_domains.empty())
        for (const auto& r : (*set)->rules())
            for (const auto& to : r.notify) {
                if (!storage::in_domains(to, setup->internal_domains))
                    err << r.location.file << ':' << r.location.line << ':' << r.location.column << ": warning: rule '" << r.id
                        << "' notifies " << to << ", outside direction.internal_domains: that incident mail is never sent\n";
            }
    out << setup->dir << ": " << (*set)->rules().size() << ((*set)->rules().size() == 1 ? " rule in " : " rules in ")
        << files->size() << (files->size() == 1 ? " file, " : " files, ")
        << (*set)->keyword_count() << ((*set)->keyword_count() == 1 ? " keyword, " : " keywords, ")
        << (*set)->regex_count() << ((*set)->regex_count() == 1 ? " regex" : " regexes") << "; compiled in " << ms << " ms\n";
    return 0;
}

int run_rules_test(const RulesTestOptions& options, std::ostream& out, std::ostream& err) {
    rules::Direction direction;
    if (options.direction == "outbound") direction = rules::Direction::outbound;
    else if (options.direction == "inbound") direction = rules::Direction::inbound;
    else {
        err << "--direction must be outbound or inbound, not '" << options.direction << "'\n";
        return 1;
    }
    auto setup = setup_of(options.rules, err);
    if (!setup) return 1;
    auto set = milter::load_rule_dir(setup->dir);
    if (!set) {
        for (const auto& e : set.error()) err << e.text() << '\n';
        return 1;
    }
    parser::Limits limits;
    limits.max_attachment_bytes = kTestAttachmentBytes;
    limits.max_scan_bytes = 64 * 1024 * 1024;
    const rules::Mode mode = options.monitor || setup->monitor ? rules::Mode::monitor : rules::Mode::enforce;
    bool ok = for_each_message(
        options.paths,
        [&](const InputMessage& in) {
            auto message = parser::parse_message(in.bytes, limits);
            if (!message) {
                if (options.json) out << dump_json(json{{"file", in.path}, {"error", message.error().message}}) << '\n';
                else err << in.path << ": " << message.error().message << '\n';
                return;
            }
            rules::MessageContext ctx;
            ctx.direction = direction;
            ctx.internal_domains = setup->internal_domains;
            ctx.default_region = setup->default_region;
            if (!options.from.empty()) {
                ctx.sender = options.from;
            } else if (auto from = addresses_in(message->headers, "From"); !from.empty()) {
                ctx.sender = from.front();
            }
            ctx.recipients = options.to;
            if (ctx.recipients.empty()) {
                ctx.recipients = addresses_in(message->headers, "To");
                for (auto& a : addresses_in(message->headers, "Cc")) ctx.recipients.push_back(std::move(a));
            }
            const auto verdict = rules::evaluate(**set, rules::content_of(*message), ctx, mode);
            if (options.json) out << dump_json(verdict_json(in.path, verdict)) << '\n';
            else explain(out, in.path, verdict, ctx);
        },
        [&](const InputError& e) {
            if (options.json) out << dump_json(json{{"file", e.path}, {"error", e.message}}) << '\n';
            else err << e.path << ": " << e.message << '\n';
        });
    return ok ? 0 : 1;
}

}  // namespace mailkeeper::cli
