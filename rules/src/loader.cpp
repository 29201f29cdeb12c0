// Rule files (YAML) into Rule values, every mistake reported with its file, line and column: an
// officer fixing a rule set wants the whole list at once, not one error per attempt.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <sstream>

#include <mailkeeper/parser/address.h>

#include "detectors.h"
#include "mailkeeper/rules/normalize.h"
#include "mailkeeper/rules/rules.h"
#include "scanner.h"

namespace mailkeeper::rules {

std::string RuleError::text() const {
    std::ostringstream out;
    out << location.file;
    if (location.line > 0) out << ':' << location.line << ':' << location.column;
    out << ": " << message;
    return out.str();
}

bool Parties::empty() const {
    return senders.empty() && sender_domains.empty() && sender_groups.empty() && recipients.empty() &&
           recipient_domains.empty() && recipient_groups.empty();
}

std::string_view name_of(Action action) {
    switch (action) {
        case Action::log: return "log";
        case Action::notify: return "notify";
        case Action::tag: return "tag";
        case Action::quarantine: return "quarantine";
        case Action::reject: return "reject";
    }
    return "log";
}

std::string_view name_of(Severity severity) {
    switch (severity) {
        case Severity::low: return "low";
        case Severity::medium: return "medium";
        case Severity::high: return "high";
        case Severity::critical: return "critical";
    }
    return "medium";
}

std::string_view name_of(Direction direction) {
    switch (direction) {
        case Direction::inbound: return "inbound";
        case Direction::outbound: return "outbound";
        case Direction::any: return "any";
    }
    return "any";
}

std::optional<Action> action_named(std::string_view name) {
    for (Action a : {Action::log, Action::notify, Action::tag, Action::quarantine, Action::reject})
        if (name_of(a) == name) return a;
    return std::nullopt;
}

namespace {

using parser::is_address;
using parser::is_domain;

// Longest keyword and regex accepted, and the widest `near` window: bounds on compile and scan work.
constexpr std::size_t kMaxKeywordBytes = 256;
constexpr std::size_t kMaxRegexBytes = 1024;
constexpr std::size_t kMaxNearWindow = 10000;
constexpr std::size_t kMaxIdLength = 64;
constexpr std::size_t kMaxReplyBytes = 400;  // as the milter's guard: RFC 5321 §4.5.3.1.5

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

bool is_name(std::string_view id) {
    return !id.empty() && id.size() <= kMaxIdLength && std::isalnum(static_cast<unsigned char>(id.front())) &&
           std::all_of(id.begin(), id.end(), [](unsigned char c) {
               return std::isalnum(c) || c == '-' || c == '_' || c == '.';
           });
}

// The first non-ASCII character of a regex that normalisation turns into something else (a
// Traditional character, full-width punctuation), with what it becomes.
std::optional<std::pair<std::string, std::string>> unreachable_character(std::string_view regex) {
    for (std::size_t i = 0; i < regex.size();) {
        const auto c = static_cast<unsigned char>(regex[i]);
        std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        n = std::min(n, regex.size() - i);
        if (c >= 0x80) {
            const std::string ch(regex.substr(i, n));
            const std::string to = normalized(ch);
            if (to != ch) return std::make_pair(ch, to.empty() ? std::string("nothing (it is removed)") : to);
        }
        i += n;
    }
    return std::nullopt;
}

template <typename T>
std::string choices(std::initializer_list<T> names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

class Reader {
public:
    Reader(std::string file, std::vector<RuleError>& errors) : file_(std::move(file)), errors_(errors) {}

    Location at(const YAML::Node& node) const {
        const YAML::Mark m = node.Mark();
        return {file_, m.line + 1, m.column + 1};
    }
    void error(const YAML::Node& node, std::string message) { errors_.push_back({at(node), std::move(message)}); }
    void error(const Location& where, std::string message) { errors_.push_back({where, std::move(message)}); }

    bool mapping(const YAML::Node& node, const std::string& what, std::initializer_list<const char*> known) {
        if (!node.IsMap()) {
            error(node, what + " must be a mapping of keys to values");
            return false;
        }
        std::set<std::string> seen;
        for (const auto& kv : node) {
            const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
            // yaml-cpp keeps the first of two equal keys: an officer editing the second would
            // wonder why nothing changes
            if (!seen.insert(key).second) error(kv.first, "duplicate key '" + key + "' in " + what);
            if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; }))
                error(kv.first, "unknown key '" + key + "' in " + what + " (known: " + choices(known) + ")");
        }
        return true;
    }

    std::optional<std::string> scalar(const YAML::Node& node, const std::string& what) {
        if (!node.IsScalar()) {
            error(node, what + " must be a single value");
            return std::nullopt;
        }
        return node.Scalar();
    }

    // A list of strings; a single string is taken as a list of one.
    std::optional<std::vector<std::string>> strings(const YAML::Node& node, const std::string& what) {
        std::vector<std::string> out;
        if (node.IsScalar()) {
            out.push_back(node.Scalar());
            return out;
        }
        if (!node.IsSequence()) {
            error(node, what + " must be a list");
            return std::nullopt;
        }
        for (const auto& item : node) {
            if (!item.IsScalar()) {
                error(item, what + " must list single values");
                return std::nullopt;
            }
            out.push_back(item.Scalar());
        }
        return out;
    }

    std::optional<std::size_t> count(const YAML::Node& node, const std::string& what, std::size_t min, std::size_t max) {
        auto v = scalar(node, what);
        if (!v) return std::nullopt;
        std::size_t n = 0;
        const auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
        if (ec != std::errc() || p != v->data() + v->size() || n < min || n > max) {
            error(node, what + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                            ", not '" + *v + "'");
            return std::nullopt;
        }
        return n;
    }

    std::optional<bool> boolean(const YAML::Node& node, const std::string& what) {
        auto v = scalar(node, what);
        if (!v) return std::nullopt;
        const std::string l = lower(*v);
        if (l == "true" || l == "yes" || l == "on") return true;
        if (l == "false" || l == "no" || l == "off") return false;
        error(node, what + " must be true or false, not '" + *v + "'");
        return std::nullopt;
    }

    template <typename E>
    std::optional<E> choice(const YAML::Node& node, const std::string& what,
                            std::initializer_list<std::pair<const char*, E>> names) {
        auto v = scalar(node, what);
        if (!v) return std::nullopt;
        for (const auto& [name, value] : names)
            if (*v == name) return value;
        std::string list;
        for (const auto& [name, value] : names) list += (list.empty() ? "" : ", ") + std::string(name);
        error(node, what + " must be one of " + list + ", not '" + *v + "'");
        return std::nullopt;
    }

    std::vector<std::string> keywords(const YAML::Node& node, const std::string& what) {
        std::vector<std::string> out;
        auto list = strings(node, what);
        if (!list) return out;
        if (list->empty()) error(node, what + " is an empty keyword list");
        std::size_t i = 0;
        for (const auto& k : *list) {
            const YAML::Node item = node.IsSequence() ? node[i] : node;
            ++i;
            if (k.size() > kMaxKeywordBytes) {
                error(item, what + ": keyword longer than " + std::to_string(kMaxKeywordBytes) + " bytes");
                continue;
            }
            std::string n = normalized(k);
            while (!n.empty() && n.front() == ' ') n.erase(n.begin());
            while (!n.empty() && n.back() == ' ') n.pop_back();
            if (n.empty()) {
                error(item, what + ": keyword '" + k + "' is empty once spaces and invisible characters are removed");
                continue;
            }
            if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(std::move(n));
        }
        return out;
    }

    std::optional<Near> near(const YAML::Node& node, const std::string& what) {
        if (!mapping(node, what, {"keywords", "within", "min_count"})) return std::nullopt;
        Near n;
        if (node["keywords"]) n.keywords = keywords(node["keywords"], what + ".keywords");
        else error(node, what + " needs keywords");
        if (node["within"])
            if (auto w = count(node["within"], what + ".within", 1, kMaxNearWindow)) n.within = *w;
        if (node["min_count"])
            if (auto c = count(node["min_count"], what + ".min_count", 1, 1000)) n.min_count = *c;
        return n;
    }

    std::optional<Matcher> matcher(const YAML::Node& node, const std::string& what) {
        if (!mapping(node, what, {"keywords", "regex", "detector", "attachment", "min_count", "near"})) return std::nullopt;
        Matcher m;
        m.location = at(node);
        int kinds = 0;
        if (node["keywords"]) {
            ++kinds;
            m.kind = MatcherKind::keywords;
            m.keywords = keywords(node["keywords"], what + ".keywords");
        }
        if (node["regex"]) {
            ++kinds;
            m.kind = MatcherKind::regex;
            if (auto r = scalar(node["regex"], what + ".regex")) {
                m.regex = *r;
                m.location = at(node["regex"]);
                if (r->empty()) error(node["regex"], what + ".regex is empty");
                if (r->size() > kMaxRegexBytes)
                    error(node["regex"], what + ".regex is longer than " + std::to_string(kMaxRegexBytes) + " bytes");
                // the text a regex sees is normalised: a character normalisation replaces can never match
                if (auto bad = unreachable_character(*r))
                    error(node["regex"], what + ".regex: '" + bad->first + "' never appears in normalised text; write '" +
                                             bad->second + "'");
            }
        }
        if (node["detector"]) {
            ++kinds;
            m.kind = MatcherKind::detector;
            if (auto d = scalar(node["detector"], what + ".detector")) {
                if (auto det = detector_named(*d)) {
                    m.detector = static_cast<int>(*det);
                } else {
                    std::string list;
                    for (Detector x : kAllDetectors) list += (list.empty() ? "" : ", ") + std::string(name_of(x));
                    error(node["detector"], what + ".detector must be one of " + list + ", not '" + *d + "'");
                }
            }
        }
        if (node["attachment"]) {
            ++kinds;
            m.kind = MatcherKind::attachment;
            if (auto a = choice<AttachmentState>(node["attachment"], what + ".attachment",
                                                 {{"encrypted", AttachmentState::encrypted},
                                                  {"unscannable", AttachmentState::unscannable}}))
                m.attachment = *a;
        }
        if (kinds != 1) {
            error(node, what + " must have exactly one of keywords, regex, detector, attachment");
            return std::nullopt;
        }
        if (node["min_count"])
            if (auto c = count(node["min_count"], what + ".min_count", 1, kMaxHitsPerPattern)) m.min_count = *c;
        if (node["near"]) {
            if (m.kind == MatcherKind::attachment) error(node["near"], what + ".near does not apply to attachment");
            else m.near = near(node["near"], what + ".near");
        }
        return m;
    }

    std::vector<Matcher> matchers(const YAML::Node& node, const std::string& what) {
        std::vector<Matcher> out;
        if (!node.IsSequence()) {
            error(node, what + " must be a list of matchers");
            return out;
        }
        if (node.size() == 0) error(node, what + " is empty");
        for (std::size_t i = 0; i < node.size(); ++i)
            if (auto m = matcher(node[i], what + "[" + std::to_string(i) + "]")) out.push_back(std::move(*m));
        return out;
    }

    Parties parties(const YAML::Node& node, const std::string& what) {
        Parties p;
        if (!mapping(node, what, {"senders", "sender_domains", "sender_groups", "recipients", "recipient_domains",
                                  "recipient_groups"}))
            return p;
        auto addresses = [&](const char* key, std::vector<std::string>& out) {
            if (!node[key]) return;
            auto list = strings(node[key], what + "." + key);
            if (!list) return;
            for (std::size_t i = 0; i < list->size(); ++i) {
                std::string a = lower((*list)[i]);
                const YAML::Node item = node[key].IsSequence() ? node[key][i] : node[key];
                const bool ok = a.starts_with("@") ? is_domain(std::string_view(a).substr(1)) : is_address(a);
                if (!ok) error(item, what + "." + key + ": '" + (*list)[i] + "' is not an address or @domain");
                else out.push_back(std::move(a));
            }
        };
        auto domains = [&](const char* key, std::vector<std::string>& out) {
            if (!node[key]) return;
            auto list = strings(node[key], what + "." + key);
            if (!list) return;
            for (std::size_t i = 0; i < list->size(); ++i) {
                std::string d = lower((*list)[i]);
                if (d.starts_with("@")) d.erase(0, 1);
                const YAML::Node item = node[key].IsSequence() ? node[key][i] : node[key];
                if (!is_domain(d)) error(item, what + "." + key + ": '" + (*list)[i] + "' is not a domain");
                else out.push_back(std::move(d));
            }
        };
        auto groups = [&](const char* key, std::vector<std::string>& out) {
            if (!node[key]) return;
            auto list = strings(node[key], what + "." + key);
            if (!list) return;
            for (std::size_t i = 0; i < list->size(); ++i) {
                out.push_back((*list)[i]);
                group_uses_.push_back({(*list)[i], at(node[key].IsSequence() ? node[key][i] : node[key])});
            }
        };
        addresses("senders", p.senders);
        domains("sender_domains", p.sender_domains);
        groups("sender_groups", p.sender_groups);
        addresses("recipients", p.recipients);
        domains("recipient_domains", p.recipient_domains);
        groups("recipient_groups", p.recipient_groups);
        return p;
    }

    std::optional<Rule> rule(const YAML::Node& node, std::size_t index) {
        std::string where = "rule " + std::to_string(index + 1);
        if (node.IsMap() && node["id"] && node["id"].IsScalar()) where = "rule '" + node["id"].Scalar() + "'";
        if (!mapping(node, where,
                     {"id", "description", "severity", "direction", "match", "scope", "when", "unless",
                      "external_only", "action", "message", "notify", "subject_prefix", "mode"}))
            return std::nullopt;
        Rule r;
        r.location = at(node);
        if (!node["id"]) {
            error(node, where + " has no id");
        } else if (auto id = scalar(node["id"], where + ".id")) {
            r.id = *id;
            if (!is_name(r.id))
                error(node["id"], "rule id '" + r.id + "' must be letters, digits, '-', '_' or '.' (at most " +
                                      std::to_string(kMaxIdLength) + ")");
        }
        const std::string what = r.id.empty() ? where : "rule '" + r.id + "'";
        if (node["description"])
            if (auto d = scalar(node["description"], what + ".description")) r.description = *d;
        if (node["severity"])
            if (auto s = choice<Severity>(node["severity"], what + ".severity",
                                          {{"low", Severity::low}, {"medium", Severity::medium},
                                           {"high", Severity::high}, {"critical", Severity::critical}}))
                r.severity = *s;
        r.direction = Direction::outbound;
        if (node["direction"])
            if (auto d = choice<Direction>(node["direction"], what + ".direction",
                                           {{"outbound", Direction::outbound}, {"inbound", Direction::inbound},
                                            {"any", Direction::any}}))
                r.direction = *d;
        if (!node["match"]) {
            error(node, what + " has no match");
        } else if (mapping(node["match"], what + ".match", {"any", "all", "none"})) {
            const YAML::Node m = node["match"];
            if (m["any"]) r.any = matchers(m["any"], what + ".match.any");
            if (m["all"]) r.all = matchers(m["all"], what + ".match.all");
            if (m["none"]) r.none = matchers(m["none"], what + ".match.none");
            if (!m["any"] && !m["all"]) error(m, what + ".match needs 'any' or 'all' (a rule of 'none' alone would match everything)");
        }
        if (node["scope"]) {
            if (auto list = strings(node["scope"], what + ".scope")) {
                r.scope = 0;
                for (std::size_t i = 0; i < list->size(); ++i) {
                    const YAML::Node item = node["scope"].IsSequence() ? node["scope"][i] : node["scope"];
                    if (auto s = choice<unsigned>(item, what + ".scope",
                                                  {{"subject", kSubject}, {"body", kBody},
                                                   {"attachment_names", kAttachmentNames},
                                                   {"attachment_text", kAttachmentText}, {"headers", kHeaders}}))
                        r.scope |= *s;
                }
                if (list->empty()) error(node["scope"], what + ".scope is empty");
            }
        }
        if (node["when"]) r.when = parties(node["when"], what + ".when");
        if (node["unless"]) r.unless = parties(node["unless"], what + ".unless");
        if (node["external_only"])
            if (auto b = boolean(node["external_only"], what + ".external_only")) r.external_only = *b;
        if (!node["action"]) {
            error(node, what + " has no action (reject, quarantine, tag, notify or log)");
        } else if (auto a = scalar(node["action"], what + ".action")) {
            if (auto act = action_named(*a)) r.action = *act;
            else error(node["action"], what + ".action must be one of reject, quarantine, tag, notify, log, not '" + *a + "'");
        }
        if (node["message"])
            if (auto m = scalar(node["message"], what + ".message")) r.message = *m;
        if (r.message.find_first_of("\r\n") != std::string::npos)
            error(node["message"], what + ".message must be one line");
        if (r.action == Action::reject) {
            // The reply goes back over SMTP (RFC 5321 §4.2: ASCII text).
            if (std::any_of(r.message.begin(), r.message.end(), [](unsigned char c) { return c >= 0x80 || c < 0x20; }))
                error(node["message"], what + ".message is the SMTP reply of a reject and must be plain ASCII; "
                                              "put the Chinese text in the description");
            if (r.message.size() > kMaxReplyBytes)
                error(node["message"], what + ".message is longer than " + std::to_string(kMaxReplyBytes) + " bytes");
        }
        if (node["notify"]) {
            if (auto list = strings(node["notify"], what + ".notify")) {
                for (std::size_t i = 0; i < list->size(); ++i) {
                    const YAML::Node item = node["notify"].IsSequence() ? node["notify"][i] : node["notify"];
                    if (!is_address((*list)[i])) error(item, what + ".notify: '" + (*list)[i] + "' is not an address");
                    else r.notify.push_back(lower((*list)[i]));
                }
            }
        }
        if (r.action == Action::notify && r.notify.empty() && node["action"])
            error(node["action"], what + ": action notify needs a notify list of addresses");
        if (node["subject_prefix"])
            if (auto p = scalar(node["subject_prefix"], what + ".subject_prefix")) {
                r.subject_prefix = *p;
                if (p->find_first_of("\r\n") != std::string::npos)
                    error(node["subject_prefix"], what + ".subject_prefix must be one line");
            }
        if (node["mode"])
            if (auto m = choice<Mode>(node["mode"], what + ".mode", {{"enforce", Mode::enforce}, {"monitor", Mode::monitor}}))
                r.mode = *m;
        return r;
    }

    std::string file_;
    std::vector<RuleError>& errors_;
    std::vector<std::pair<std::string, Location>> group_uses_;
};

}  // namespace

std::expected<std::shared_ptr<const RuleSet>, std::vector<RuleError>> load_rules(const std::vector<RuleFile>& files) {
    std::vector<RuleError> errors;
    std::vector<Rule> rules;
    std::map<std::string, std::vector<std::string>> groups;
    std::map<std::string, Location> group_defined, rule_defined;
    std::vector<std::pair<std::string, Location>> group_uses;

    for (const auto& file : files) {
        Reader reader(file.name, errors);
        YAML::Node root;
        try {
            root = YAML::Load(file.text);
        } catch (const YAML::Exception& e) {
            errors.push_back({{file.name, e.mark.line + 1, e.mark.column + 1}, "not valid YAML: " + e.msg});
            continue;
        }
        if (!root || root.IsNull()) continue;  // an empty file: no rules
        if (!reader.mapping(root, "the file", {"rules", "groups"})) continue;
        if (const YAML::Node g = root["groups"]) {
            if (!g.IsMap()) {
                reader.error(g, "groups must be a mapping of group names to lists of addresses");
            } else {
                for (const auto& kv : g) {
                    const std::string name = kv.first.Scalar();
                    if (!is_name(name)) reader.error(kv.first, "group name '" + name + "' must be letters, digits, '-', '_' or '.'");
                    if (auto [it, fresh] = group_defined.emplace(name, reader.at(kv.first)); !fresh) {
                        reader.error(kv.first, "group '" + name + "' is already defined at " + it->second.file + ":" +
                                                   std::to_string(it->second.line));
                        continue;
                    }
                    auto list = reader.strings(kv.second, "group '" + name + "'");
                    if (!list) continue;
                    auto& members = groups[name];
                    for (std::size_t i = 0; i < list->size(); ++i) {
                        std::string a = lower((*list)[i]);
                        const YAML::Node item = kv.second.IsSequence() ? kv.second[i] : kv.second;
                        const bool ok = a.starts_with("@") ? is_domain(std::string_view(a).substr(1)) : is_address(a);
                        if (!ok) reader.error(item, "group '" + name + "': '" + (*list)[i] + "' is not an address or @domain");
                        else members.push_back(std::move(a));
                    }
                }
            }
        }
        if (const YAML::Node list = root["rules"]) {
            if (!list.IsSequence()) {
                reader.error(list, "rules must be a list of rules");
                continue;
            }
            for (std::size_t i = 0; i < list.size(); ++i) {
                auto r = reader.rule(list[i], i);
                if (!r) continue;
                if (!r->id.empty()) {
                    if (auto [it, fresh] = rule_defined.emplace(r->id, r->location); !fresh) {
                        // kept for the pattern check below; the set is refused anyway
                        reader.error(list[i]["id"], "duplicate rule id '" + r->id + "' (first at " + it->second.file +
                                                        ":" + std::to_string(it->second.line) + ")");
                    }
                }
                rules.push_back(std::move(*r));
            }
        }
        group_uses.insert(group_uses.end(), reader.group_uses_.begin(), reader.group_uses_.end());
    }
    for (const auto& [name, where] : group_uses)
        if (!groups.contains(name)) errors.push_back({where, "unknown group '" + name + "' (define it under groups:)"});
    // the patterns are compiled even when other errors were found: a bad regex is reported in the
    // same run, not after everything else is fixed
    auto scanner = compile_scanner(rules);
    if (!scanner) errors.insert(errors.end(), scanner.error().begin(), scanner.error().end());
    if (!errors.empty()) return std::unexpected(std::move(errors));
    return std::make_shared<const RuleSet>(std::move(rules), std::move(groups), std::move(*scanner));
}

}  // namespace mailkeeper::rules
