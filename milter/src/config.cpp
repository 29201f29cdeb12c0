#include "mailkeeper/milter/config.h"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <yaml-cpp/yaml.h>

#include <mailkeeper/parser/address.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <fstream>
#include <set>
#include <sstream>

namespace mailkeeper::milter {
namespace {

using parser::is_address;
using parser::is_domain;

// Smallest useful analysis window: a bounce with its report and the returned headers.
constexpr std::size_t kMinMessageSize = 64 * 1024;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// Walks the YAML tree against the known keys, collecting every error with its position.
class Reader {
public:
    explicit Reader(std::string name) : name_(std::move(name)) {}

    void error(const YAML::Mark& mark, const std::string& what) {
        std::ostringstream out;
        out << name_ << ':' << mark.line + 1 << ':' << mark.column + 1 << ": " << what;
        errors_.push_back(out.str());
    }
    void error(const YAML::Node& node, const std::string& what) { error(node.Mark(), what); }

    // A mapping whose keys must all be in `known`; `where` names it in messages.
    bool mapping(const YAML::Node& node, const std::string& where, std::initializer_list<const char*> known) {
        if (!node || node.IsNull()) return false;
        if (!node.IsMap()) {
            error(node, "'" + where + "' must be a mapping of keys to values");
            return false;
        }
        std::set<std::string> keys(known.begin(), known.end());
        std::set<std::string> seen;
        for (const auto& kv : node) {
            const auto key = kv.first.as<std::string>();
            // yaml-cpp keeps the first of two equal keys; an admin editing the second would
            // wonder why nothing changes
            if (!seen.insert(key).second) error(kv.first, "duplicate key '" + key + "' in '" + where + "'");
            if (!keys.contains(key)) {
                std::string list;
                for (const auto& k : keys) list += (list.empty() ? "" : ", ") + k;
                error(kv.first, "unknown key '" + key + "' in '" + where + "' (known: " + list + ")");
            }
        }
        return true;
    }

    bool scalar(const YAML::Node& parent, const char* key, const std::string& where, std::string& out) {
        const YAML::Node node = parent[key];
        if (!node || node.IsNull()) return false;
        if (!node.IsScalar()) {
            error(node, "'" + where + "." + key + "' must be a single value");
            return false;
        }
        out = node.Scalar();
        return true;
    }

    void string(const YAML::Node& parent, const char* key, const std::string& where, std::string& out) {
        std::string v;
        if (scalar(parent, key, where, v)) out = v;
    }

    void boolean(const YAML::Node& parent, const char* key, const std::string& where, bool& out) {
        std::string v;
        if (!scalar(parent, key, where, v)) return;
        const auto l = lower(v);
        if (l == "true" || l == "yes" || l == "on") out = true;
        else if (l == "false" || l == "no" || l == "off") out = false;
        else error(parent[key], "'" + where + "." + key + "' must be true or false, not '" + v + "'");
    }

    template <typename T>
    void integer(const YAML::Node& parent, const char* key, const std::string& where, T& out, long long min, long long max) {
        std::string v;
        if (!scalar(parent, key, where, v)) return;
        long long n = 0;
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || p != v.data() + v.size() || n < min || n > max) {
            error(parent[key], "'" + where + "." + key + "' must be a whole number from " + std::to_string(min) + " to " +
                                   std::to_string(max) + ", not '" + v + "'");
            return;
        }
        out = static_cast<T>(n);
    }

    void fraction(const YAML::Node& parent, const char* key, const std::string& where, double& out) {
        std::string v;
        if (!scalar(parent, key, where, v)) return;
        try {
            std::size_t used = 0;
            double d = std::stod(v, &used);
            if (used != v.size() || d <= 0 || d > 1) throw std::invalid_argument(v);
            out = d;
        } catch (const std::exception&) {
            error(parent[key], "'" + where + "." + key + "' must be a number above 0 and at most 1, not '" + v + "'");
        }
    }

    // Durations are at least one unit (a second, or a millisecond with `millis`): a zero timeout
    // or window silently turns a feature off.
    template <typename T>
    void duration(const YAML::Node& parent, const char* key, const std::string& where, T& out, bool millis = false) {
        std::string v;
        if (!scalar(parent, key, where, v)) return;
        auto d = parse_duration(v, millis);
        if (!d) error(parent[key], "'" + where + "." + key + "': " + d.error());
        else if (*d == 0) error(parent[key], "'" + where + "." + key + "' must be more than zero");
        else if (*d > std::numeric_limits<int>::max()) error(parent[key], "'" + where + "." + key + "' is too long");
        else out = static_cast<T>(*d);
    }

    void size(const YAML::Node& parent, const char* key, const std::string& where, std::size_t& out) {
        std::string v;
        if (!scalar(parent, key, where, v)) return;
        auto d = parse_size(v);
        if (!d) error(parent[key], "'" + where + "." + key + "': " + d.error());
        else out = *d;
    }

    template <typename E>
    void choice(const YAML::Node& parent, const char* key, const std::string& where, E& out,
                std::initializer_list<std::pair<const char*, E>> choices) {
        std::string v;
        if (!scalar(parent, key, where, v)) return;
        std::string names;
        for (const auto& [name, value] : choices) {
            if (v == name) {
                out = value;
                return;
            }
            names += (names.empty() ? "" : ", ") + std::string(name);
        }
        error(parent[key], "'" + where + "." + key + "' must be one of " + names + ", not '" + v + "'");
    }

    void list(const YAML::Node& parent, const char* key, const std::string& where, std::vector<std::string>& out) {
        const YAML::Node node = parent[key];
        if (!node || node.IsNull()) return;
        if (!node.IsSequence()) {
            error(node, "'" + where + "." + key + "' must be a list");
            return;
        }
        out.clear();
        for (const auto& item : node) {
            if (!item.IsScalar()) error(item, "'" + where + "." + key + "' items must be single values");
            else out.push_back(item.Scalar());
        }
    }

    void networks(const YAML::Node& parent, const char* key, const std::string& where, std::vector<Network>& out) {
        std::vector<std::string> items;
        list(parent, key, where, items);
        if (items.empty()) return;
        out.clear();
        std::size_t i = 0;
        for (const auto& text : items) {
            auto n = parse_network(text);
            if (!n) error(parent[key][i], "'" + where + "." + key + "': " + n.error());
            else out.push_back(*n);
            ++i;
        }
    }

    std::vector<std::string>& errors() { return errors_; }
    const std::string& name() const { return name_; }

private:
    std::string name_;
    std::vector<std::string> errors_;
};

void read_config(Reader& r, const YAML::Node& root, Config& c) {
    if (!root || root.IsNull()) return;
    if (!root.IsMap()) {
        r.error(root, "the file must be a mapping of sections (milter, direction, database, ...)");
        return;
    }
    r.mapping(root, "top level", {"milter", "log", "direction", "database", "contacts", "alerts", "guard", "dlp", "orders"});

    if (const auto m = root["milter"]; r.mapping(m, "milter", {"socket", "socket_mode", "socket_group", "user", "pid_file",
                                                               "timeout", "on_error", "max_message_size"})) {
        r.string(m, "socket", "milter", c.milter.socket);
        if (!c.milter.socket.starts_with("unix:") && !c.milter.socket.starts_with("local:") &&
            !c.milter.socket.starts_with("inet:") && !c.milter.socket.starts_with("inet6:"))
            r.error(m["socket"], "'milter.socket' must be unix:/path or inet:PORT@ADDRESS, not '" + c.milter.socket + "'");
        r.string(m, "socket_mode", "milter", c.milter.socket_mode);
        if (c.milter.socket_mode.size() != 4 || c.milter.socket_mode.find_first_not_of("01234567") != std::string::npos)
            r.error(m["socket_mode"], "'milter.socket_mode' must be four octal digits like 0660");
        r.string(m, "socket_group", "milter", c.milter.socket_group);
        r.string(m, "user", "milter", c.milter.user);
        r.string(m, "pid_file", "milter", c.milter.pid_file);
        r.duration(m, "timeout", "milter", c.milter.timeout_seconds);
        r.choice(m, "on_error", "milter", c.milter.on_error, {{"accept", OnError::accept}, {"tempfail", OnError::tempfail}});
        r.size(m, "max_message_size", "milter", c.milter.max_message_bytes);
        if (c.milter.max_message_bytes < kMinMessageSize)
            r.error(m["max_message_size"], "'milter.max_message_size' must be at least 64K (a bounce with its report)");
    }
    if (const auto m = root["log"]; r.mapping(m, "log", {"level", "target"})) {
        r.choice(m, "level", "log", c.log.level,
                 {{"trace", std::string("trace")}, {"debug", std::string("debug")}, {"info", std::string("info")},
                  {"warn", std::string("warn")}, {"error", std::string("error")}});
        r.choice(m, "target", "log", c.log.target, {{"stderr", std::string("stderr")}, {"syslog", std::string("syslog")}});
    }
    if (const auto m = root["direction"];
        r.mapping(m, "direction", {"internal_domains", "internal_networks", "trusted_networks"})) {
        r.list(m, "internal_domains", "direction", c.direction.internal_domains);
        std::size_t i = 0;
        for (auto& d : c.direction.internal_domains) {
            d = lower(d);
            if (!is_domain(d))
                r.error(m["internal_domains"][i], "'direction.internal_domains': '" + d + "' is not a domain name (like example.com)");
            ++i;
        }
        r.networks(m, "internal_networks", "direction", c.direction.internal_networks);
        r.networks(m, "trusted_networks", "direction", c.direction.trusted_networks);
    }
    if (const auto m = root["database"]; r.mapping(m, "database", {"path", "busy_timeout", "max_queue", "max_batch"})) {
        r.string(m, "path", "database", c.database.path);
        r.duration(m, "busy_timeout", "database", c.database.busy_timeout_ms, true);
        r.integer(m, "max_queue", "database", c.database.max_queue, 1, 10'000'000);
        r.integer(m, "max_batch", "database", c.database.max_batch, 1, 100'000);
    }
    if (const auto m = root["contacts"];
        r.mapping(m, "contacts", {"correlation_window", "soft_bounces_to_dead", "soft_window", "domain_hostunknown_contacts",
                                  "domain_min_contacts", "domain_dead_share", "max_alternatives"})) {
        r.duration(m, "correlation_window", "contacts", c.contacts.correlation_window);
        r.integer(m, "soft_bounces_to_dead", "contacts", c.contacts.soft_bounces_to_dead, 1, 1000);
        r.duration(m, "soft_window", "contacts", c.contacts.soft_window);
        r.integer(m, "domain_hostunknown_contacts", "contacts", c.contacts.domain_hostunknown_contacts, 0, 100000);
        r.integer(m, "domain_min_contacts", "contacts", c.contacts.domain_min_contacts, 1, 100000);
        r.fraction(m, "domain_dead_share", "contacts", c.contacts.domain_dead_share);
        r.integer(m, "max_alternatives", "contacts", c.contacts.max_alternatives, 0, 50);
    }
    if (const auto m = root["alerts"];
        r.mapping(m, "alerts", {"enabled", "language", "mode", "digest_time", "from", "from_name", "submit",
                                "sendmail_command", "smtp_url", "templates_dir", "max_per_rep_per_hour", "max_attempts",
                                "retry_after", "poll_interval"})) {
        r.boolean(m, "enabled", "alerts", c.alerts.enabled);
        r.choice(m, "language", "alerts", c.alerts.language, {{"zh", std::string("zh")}, {"en", std::string("en")}});
        r.choice(m, "mode", "alerts", c.alerts.mode, {{"immediate", AlertMode::immediate}, {"digest", AlertMode::digest}});
        std::string t;
        if (r.scalar(m, "digest_time", "alerts", t)) {
            int h = -1, mi = -1;
            char colon = 0;
            std::istringstream in(t);
            if (!(in >> h >> colon >> mi) || colon != ':' || h < 0 || h > 23 || mi < 0 || mi > 59 || !in.eof())
                r.error(m["digest_time"], "'alerts.digest_time' must be HH:MM (24-hour local time), not '" + t + "'");
            else c.alerts.digest_hour = h, c.alerts.digest_minute = mi;
        }
        r.string(m, "from", "alerts", c.alerts.from);
        if (!c.alerts.from.empty() && !is_address(c.alerts.from))
            r.error(m["from"], "'alerts.from' must be a plain address like mailkeeper@example.com");
        r.string(m, "from_name", "alerts", c.alerts.from_name);
        if (c.alerts.from_name.find_first_of("\r\n") != std::string::npos)
            r.error(m["from_name"], "'alerts.from_name' must be one line");
        r.choice(m, "submit", "alerts", c.alerts.submit, {{"sendmail", AlertSubmit::sendmail}, {"smtp", AlertSubmit::smtp}});
        r.list(m, "sendmail_command", "alerts", c.alerts.sendmail_command);
        if (m["sendmail_command"] && (c.alerts.sendmail_command.empty() || !c.alerts.sendmail_command[0].starts_with("/")))
            r.error(m["sendmail_command"], "'alerts.sendmail_command' must start with a program's absolute path");
        r.string(m, "smtp_url", "alerts", c.alerts.smtp_url);
        if (!c.alerts.smtp_url.starts_with("smtp://") && !c.alerts.smtp_url.starts_with("smtps://"))
            r.error(m["smtp_url"], "'alerts.smtp_url' must start with smtp:// or smtps://");
        r.string(m, "templates_dir", "alerts", c.alerts.templates_dir);
        r.integer(m, "max_per_rep_per_hour", "alerts", c.alerts.max_per_rep_per_hour, 1, 10000);
        r.integer(m, "max_attempts", "alerts", c.alerts.max_attempts, 1, 1000);
        r.duration(m, "retry_after", "alerts", c.alerts.retry_after);
        r.duration(m, "poll_interval", "alerts", c.alerts.poll_interval);
    }
    if (const auto m = root["guard"]; r.mapping(m, "guard", {"mode"})) {
        r.choice(m, "mode", "guard", c.guard.mode,
                 {{"off", GuardMode::off}, {"header", GuardMode::header}, {"notify", GuardMode::notify},
                  {"reject", GuardMode::reject}});
    }
    if (const auto m = root["dlp"]; r.mapping(m, "dlp", {"enabled", "rules_dir", "mode", "watch_interval", "scan_time_limit",
                                                          "default_region", "postfix_config_dir", "attachments"})) {
        r.boolean(m, "enabled", "dlp", c.dlp.enabled);
        r.string(m, "rules_dir", "dlp", c.dlp.rules_dir);
        if (c.dlp.rules_dir.empty()) r.error(m["rules_dir"], "'dlp.rules_dir' must name a directory");
        r.choice(m, "mode", "dlp", c.dlp.monitor, {{"enforce", false}, {"monitor", true}});
        r.duration(m, "watch_interval", "dlp", c.dlp.watch_interval_seconds);
        r.duration(m, "scan_time_limit", "dlp", c.dlp.scan_time_limit_ms, true);
        r.string(m, "default_region", "dlp", c.dlp.default_region);
        if (c.dlp.default_region.size() != 2 ||
            !std::all_of(c.dlp.default_region.begin(), c.dlp.default_region.end(), [](unsigned char ch) { return std::isupper(ch); }))
            r.error(m["default_region"], "'dlp.default_region' must be a two-letter country code like CN");
        r.string(m, "postfix_config_dir", "dlp", c.dlp.postfix_config_dir);
        if (const auto a = m["attachments"];
            r.mapping(a, "dlp.attachments", {"max_depth", "max_expanded_size", "max_text_size", "max_entries", "max_pdf_pages"})) {
            auto& l = c.dlp.attachments;
            r.integer(a, "max_depth", "dlp.attachments", l.max_depth, 1, 16);
            r.size(a, "max_expanded_size", "dlp.attachments", l.max_expanded_bytes);
            r.size(a, "max_text_size", "dlp.attachments", l.max_text_bytes);
            r.integer(a, "max_entries", "dlp.attachments", l.max_entries, 1, 100000);
            r.integer(a, "max_pdf_pages", "dlp.attachments", l.max_pdf_pages, 1, 100000);
            if (l.max_expanded_bytes == 0) r.error(a["max_expanded_size"], "'dlp.attachments.max_expanded_size' must be more than zero");
            if (l.max_text_bytes == 0) r.error(a["max_text_size"], "'dlp.attachments.max_text_size' must be more than zero");
        }
    }

    // orders.patterns: the site's own numbers, added to the built-in PO/PI/contract/invoice/quotation
    // patterns ("- kind: shipment" / "labels: [SO, 出货单号]")
    std::vector<parser::OrderPattern> patterns = parser::default_order_patterns();
    if (const auto m = root["orders"]; r.mapping(m, "orders", {"patterns"})) {
        const auto list = m["patterns"];
        if (list && !list.IsNull() && !list.IsSequence()) r.error(list, "'orders.patterns' must be a list of {kind, labels}");
        else if (list)
            for (const auto& item : list) {
                if (!r.mapping(item, "orders.patterns[]", {"kind", "labels"})) {
                    if (!item || item.IsNull()) r.error(item, "'orders.patterns[]' must be a mapping with kind and labels");
                    continue;
                }
                parser::OrderPattern p;
                r.string(item, "kind", "orders.patterns[]", p.kind);
                if (p.kind.empty()) r.error(item, "'orders.patterns[]' needs a kind (po, invoice, or a name of your own)");
                const auto labels = item["labels"];
                if (!labels || !labels.IsSequence() || labels.size() == 0) {
                    r.error(item, "'orders.patterns[].labels' must be a non-empty list of labels");
                    continue;
                }
                for (const auto& l : labels) {
                    if (!l.IsScalar() || l.Scalar().empty()) r.error(l, "an order label must be a non-empty text");
                    else p.labels.push_back(l.Scalar());
                }
                patterns.push_back(std::move(p));
            }
    }
    if (auto finder = parser::compile_order_patterns(std::move(patterns)))
        c.orders = std::make_shared<const parser::OrderFinder>(std::move(*finder));
    else
        r.error(root["orders"] ? root["orders"].Mark() : root.Mark(), "'orders.patterns': " + finder.error().message);

    if (c.direction.internal_domains.empty())
        r.error(root["direction"] ? root["direction"].Mark() : root.Mark(),
                "'direction.internal_domains' must list the company's own mail domains");
    if (c.alerts.from.empty() && !c.direction.internal_domains.empty())
        c.alerts.from = "mailkeeper@" + c.direction.internal_domains.front();
}

}  // namespace

std::string_view to_string(GuardMode mode) {
    switch (mode) {
        case GuardMode::off: return "off";
        case GuardMode::header: return "header";
        case GuardMode::notify: return "notify";
        case GuardMode::reject: return "reject";
    }
    return "off";
}

bool Network::contains(const std::string& raw) const {
    std::string address = raw;
    if (lower(address.substr(0, 5)) == "ipv6:") address = address.substr(5);
    if (!address.empty() && address.front() == '[' && address.back() == ']') address = address.substr(1, address.size() - 2);
    std::array<unsigned char, 16> b{};
    int fam = AF_INET;
    if (inet_pton(AF_INET, address.c_str(), b.data()) != 1) {
        if (inet_pton(AF_INET6, address.c_str(), b.data()) != 1) return false;
        fam = AF_INET6;
        // an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is matched as IPv4
        static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (family == AF_INET && std::equal(kMapped, kMapped + 12, b.begin())) {
            std::copy(b.begin() + 12, b.end(), b.begin());
            fam = AF_INET;
        }
    }
    if (fam != family) return false;
    int bits = prefix;
    for (int i = 0; bits > 0; ++i, bits -= 8) {
        const unsigned char mask = bits >= 8 ? 0xff : static_cast<unsigned char>(0xff << (8 - bits));
        if ((b[i] & mask) != (bytes[i] & mask)) return false;
    }
    return true;
}

std::expected<Network, std::string> parse_network(const std::string& text) {
    Network n;
    n.text = text;
    auto slash = text.find('/');
    std::string address = text.substr(0, slash);
    if (inet_pton(AF_INET, address.c_str(), n.bytes.data()) == 1) n.family = AF_INET;
    else if (inet_pton(AF_INET6, address.c_str(), n.bytes.data()) == 1) n.family = AF_INET6;
    else return std::unexpected("'" + text + "' is not an IPv4 or IPv6 address or network");
    const int max = n.family == AF_INET ? 32 : 128;
    n.prefix = max;
    if (slash != std::string::npos) {
        const std::string p = text.substr(slash + 1);
        auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), n.prefix);
        if (ec != std::errc() || end != p.data() + p.size() || p.empty() || n.prefix < 0 || n.prefix > max)
            return std::unexpected("'" + text + "' has a bad prefix length (0 to " + std::to_string(max) + ")");
    }
    return n;
}

std::expected<std::int64_t, std::string> parse_duration(const std::string& text, bool millis) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    const std::string unit(end, text.data() + text.size());
    if (ec != std::errc() || end == text.data() || n < 0)
        return std::unexpected("'" + text + "' is not a duration (like 30s, 15m, 2h, 14d" + (millis ? ", 250ms" : "") + ")");
    std::int64_t per = 0;
    if (unit == "ms") per = 1;
    else if (unit == "s" || unit.empty()) per = 1000;
    else if (unit == "m") per = 60'000;
    else if (unit == "h") per = 3'600'000;
    else if (unit == "d") per = 86'400'000;
    else return std::unexpected("'" + text + "' has an unknown unit '" + unit + "' (ms, s, m, h, d)");
    if (n > std::numeric_limits<std::int64_t>::max() / per) return std::unexpected("'" + text + "' is too long");
    const std::int64_t ms = n * per;
    if (!millis && ms % 1000 != 0) return std::unexpected("'" + text + "' must be whole seconds");
    return millis ? ms : ms / 1000;
}

std::expected<std::size_t, std::string> parse_size(const std::string& text) {
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    std::string unit = lower(std::string(end, text.data() + text.size()));
    if (ec != std::errc() || end == text.data())
        return std::unexpected("'" + text + "' is not a size (like 512K, 10M, 1G)");
    if (unit.ends_with("ib")) unit.erase(unit.size() - 2);
    else if (unit.ends_with("b") && unit.size() == 2) unit.pop_back();
    int shift = 0;
    if (unit == "k") shift = 10;
    else if (unit == "m") shift = 20;
    else if (unit == "g") shift = 30;
    else if (!unit.empty()) return std::unexpected("'" + text + "' has an unknown unit (K, M, G)");
    if (n > (std::numeric_limits<std::size_t>::max() >> shift)) return std::unexpected("'" + text + "' is too large");
    return n << shift;
}

std::string ConfigError::text() const {
    std::string out;
    for (const auto& m : messages) out += m + "\n";
    return out;
}

std::expected<std::shared_ptr<const Config>, ConfigError> parse_config(const std::string& yaml, const std::string& name) {
    Reader r(name);
    auto config = std::make_shared<Config>();
    config->path = name;
    try {
        read_config(r, YAML::Load(yaml), *config);
    } catch (const YAML::Exception& e) {
        r.error(e.mark, e.msg);
    }
    if (!r.errors().empty()) return std::unexpected(ConfigError{r.errors()});
    return config;
}

std::expected<std::shared_ptr<const Config>, ConfigError> load_config(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::unexpected(ConfigError{{path + ": cannot read the file"}});
    std::ostringstream text;
    text << in.rdbuf();
    return parse_config(text.str(), path);
}

}  // namespace mailkeeper::milter
