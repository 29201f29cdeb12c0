// DLP rules: what compliance officers write (docs/rules.md), loaded, checked and compiled once into
// an immutable RuleSet that every connection shares, and the verdict for one message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailkeeper::rules {

enum class Direction { inbound, outbound, any };
// Ordered by strength: the strongest action of the rules that matched decides the message.
enum class Action { log, notify, tag, quarantine, reject };
enum class Severity { low, medium, high, critical };
enum class Mode { enforce, monitor };  // monitor: log what would have happened, change nothing

// Where a rule looks. Bits, so that a rule's scope is a set.
enum Scope : unsigned {
    kSubject = 1,
    kBody = 2,
    kAttachmentNames = 4,
    kAttachmentText = 8,
    kHeaders = 16,
};
inline constexpr unsigned kDefaultScope = kSubject | kBody | kAttachmentNames | kAttachmentText;

enum class MatcherKind { keywords, regex, detector, attachment };
// Attachments that could not be read are facts rules act on (Purview's "unscannable").
enum class AttachmentState { encrypted, unscannable };

std::string_view name_of(Action action);
std::string_view name_of(Severity severity);
std::string_view name_of(Direction direction);
std::optional<Action> action_named(std::string_view name);

struct Location {
    std::string file;
    int line = 0;
    int column = 0;
};

// Supporting keywords that must appear within `within` characters of each primary match for it to
// count (Purview's confidence levels).
struct Near {
    std::vector<std::string> keywords;  // normalised
    std::size_t within = 300;
    std::size_t min_count = 1;
};

struct Matcher {
    MatcherKind kind = MatcherKind::keywords;
    std::vector<std::string> keywords;  // normalised (docs: the same normalisation as the mail)
    std::string regex;                  // as written; matched against the normalised text
    int detector = 0;                   // a Detector (detectors.h), when kind == detector
    AttachmentState attachment = AttachmentState::encrypted;
    std::size_t min_count = 1;
    std::optional<Near> near;
    Location location;
};

// Address conditions: exact addresses, "@domain" (the domain and its subdomains) and group names.
struct Parties {
    std::vector<std::string> senders;     // lower case; "@domain" entries allowed
    std::vector<std::string> sender_domains;
    std::vector<std::string> sender_groups;
    std::vector<std::string> recipients;
    std::vector<std::string> recipient_domains;
    std::vector<std::string> recipient_groups;
    bool empty() const;
};

struct Rule {
    std::string id;
    std::string description;
    Severity severity = Severity::medium;
    Direction direction = Direction::outbound;  // DLP is about mail leaving; `any` on request
    std::vector<Matcher> any;   // at least one holds (when listed)
    std::vector<Matcher> all;   // every one holds
    std::vector<Matcher> none;  // none holds
    unsigned scope = kDefaultScope;
    // `when`: every key given holds (a recipient key: some recipient matches). `unless`: the rule
    // is skipped when a sender key matches, or when every recipient matches a recipient key.
    Parties when;
    Parties unless;
    bool external_only = false;  // only when some recipient is outside the internal domains
    Action action = Action::log;
    std::string message;                // reply text (reject), reason (quarantine), incident text
    std::vector<std::string> notify;    // incident mail recipients
    std::string subject_prefix;         // with action tag: prepended to the Subject
    Mode mode = Mode::enforce;
    Location location;
};

struct RuleError {
    Location location;
    std::string message;
    std::string text() const;  // "FILE:LINE:COLUMN: message"
};

struct RuleFile {
    std::string name;  // shown in errors
    std::string text;  // YAML
};

class Scanner;  // the compiled patterns (scanner.h)

// The loaded and compiled rules: immutable, shared by every connection.
class RuleSet {
public:
    RuleSet(std::vector<Rule> rules, std::map<std::string, std::vector<std::string>> groups,
            std::shared_ptr<const Scanner> scanner);
    ~RuleSet();
    const std::vector<Rule>& rules() const { return rules_; }
    const std::map<std::string, std::vector<std::string>>& groups() const { return groups_; }
    const Scanner& scanner() const { return *scanner_; }
    std::size_t keyword_count() const;
    std::size_t regex_count() const;

private:
    std::vector<Rule> rules_;
    std::map<std::string, std::vector<std::string>> groups_;
    std::shared_ptr<const Scanner> scanner_;
};

// Parses and checks every file, then compiles the patterns into one vectorscan database. Every
// problem is reported (unknown key, bad value, duplicate id, empty keyword list, a regex the
// scanner cannot compile), each with file:line:column; any error means no rule set.
std::expected<std::shared_ptr<const RuleSet>, std::vector<RuleError>> load_rules(const std::vector<RuleFile>& files);

}  // namespace mailkeeper::rules
