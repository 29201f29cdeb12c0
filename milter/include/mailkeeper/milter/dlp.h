// What the DLP rules do to one message at the gateway: the verdict turned into milter actions
// (reply, quarantine, headers) and the incident to store. Pure, like pipeline.h: the adapter
// applies the outcome.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <mailkeeper/rules/verdict.h>
#include <mailkeeper/storage/store.h>

#include "mailkeeper/milter/config.h"
#include "mailkeeper/milter/pipeline.h"

namespace mailkeeper::milter {

struct DlpOutcome {
    rules::Verdict verdict;
    bool reject = false;             // 550 5.7.1 + reply_text
    std::string reply_text;
    bool quarantine = false;         // smfi_quarantine with quarantine_reason
    std::string quarantine_reason;
    std::string dlp_header;          // X-Mailkeeper-DLP value; empty: none
    std::optional<std::string> subject;  // the new Subject (raw header value) of a tagged message
    bool add_subject = false;        // the message had no Subject: add one instead of changing it
    std::optional<storage::Incident> incident;
    std::string summary;             // for the log: rules and actions, never excerpts
};

// Parses the kept bytes, reads attachments and scans texts until `expired`, evaluates the rules (the whole set in
// monitor mode when dlp.mode is monitor) and builds the outcome. A message that was cut at
// milter.max_message_size is unscannable for the rules.
DlpOutcome dlp_decide(const Config& config, const rules::RuleSet& rules, const MessageFacts& facts, Direction direction,
                      storage::Timestamp now, const std::function<bool()>& expired);
// The same on a message already parsed by parse_facts(config, facts, true).
DlpOutcome dlp_decide(const Config& config, const rules::RuleSet& rules, const MessageFacts& facts,
                      const parser::Message* message, Direction direction, storage::Timestamp now,
                      const std::function<bool()>& expired);

}  // namespace mailkeeper::milter
