// The verdict of a rule set on one message: which rules matched, where, and what happens.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <mailkeeper/parser/attachment.h>
#include <mailkeeper/parser/message.h>

#include "mailkeeper/rules/rules.h"

namespace mailkeeper::rules {

// What the rules read of a message, every text in UTF-8.
struct MessageContent {
    std::string subject;
    std::vector<std::string> bodies;  // the text of each body part (HTML reduced to text)
    std::vector<std::pair<std::string, std::string>> headers;
    std::vector<parser::ExtractedFile> attachments;  // each attachment and each archive entry
    // The message was cut at the size limit: what followed was not read. Counts as an
    // unscannable attachment, so that a rule on `attachment: unscannable` holds it.
    bool truncated = false;
};

// The message's texts and its attachments' text (parser::extract_attachment). `expired` bounds
// the time spent on attachments; the caller owns the clock.
MessageContent content_of(const parser::Message& message, const parser::ExtractLimits& limits = {},
                          const std::function<bool()>& expired = {});

struct MessageContext {
    Direction direction = Direction::outbound;  // inbound or outbound
    std::string sender;                         // envelope sender
    std::vector<std::string> recipients;
    std::vector<std::string> internal_domains;  // the company's own; subdomains included
    std::string default_region = "CN";          // phone numbers without a country code
};

// One place a rule matched: "subject", "body", "attachment:quote.docx",
// "attachment_name:quote.docx", "header:X-Foo". The excerpt is masked (docs/rules.md).
struct Hit {
    std::string where;
    std::string excerpt;
    std::size_t count = 0;
};

struct RuleMatch {
    std::string rule;
    std::string description;
    Severity severity = Severity::medium;
    Action action = Action::log;
    Mode mode = Mode::enforce;
    std::string message;
    std::vector<std::string> notify;
    std::string subject_prefix;
    std::vector<Hit> hits;
};

struct Verdict {
    std::optional<Action> action;     // strongest enforced action; none: accept
    std::optional<Action> monitored;  // strongest action of rules in monitor mode
    std::vector<RuleMatch> matches;   // in rule order
    // Set when part of the text could not be scanned (the scanner failed, or a text held more hits
    // than kept): the verdict may miss matches. For the log.
    std::string problem;

    // The enforced match that decided the action (its message is the reply text).
    const RuleMatch* deciding() const;
    // Ids of enforced rules whose action is tag or stronger: the X-Mailkeeper-DLP value.
    std::vector<std::string> tagged_rules() const;
};

// `mode` monitor runs every rule in monitor mode (the whole set on trial). `expired` (may be
// empty) is asked before each text: once it answers true the texts left are not scanned, the
// verdict's `problem` says so and `attachment: unscannable` holds (the caller owns the clock).
Verdict evaluate(const RuleSet& rules, const MessageContent& content, const MessageContext& context,
                 Mode mode = Mode::enforce, const std::function<bool()>& expired = {});

// A masked excerpt: `before` + match + `after`, where the matched value keeps its first and last
// two characters (keywords are kept whole: they are in the rule anyway) and every digit of the
// context is replaced by '*'. Line breaks become spaces.
std::string masked_excerpt(std::string_view before, std::string_view match, std::string_view after, bool keep_match);

}  // namespace mailkeeper::rules
