// `mailkeeper rules check|test`: the compliance officer's tools for DLP rule files.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mailkeeper::cli {

struct RulesDirOptions {
    std::string config = "/etc/mailkeeper/mailkeeper.yaml";  // read for dlp.rules_dir and internal domains
    std::string dir;                                         // overrides the config's dlp.rules_dir
};

// Loads every file of the rules directory. Prints each error as FILE:LINE:COLUMN: message to
// `err` and returns 1, or prints a one-line summary and returns 0.
int run_rules_check(const RulesDirOptions& options, std::ostream& out, std::ostream& err);

struct RulesTestOptions {
    RulesDirOptions rules;
    std::vector<std::string> paths;  // .eml files, directories, mbox files, Maildirs
    bool json = false;
    std::string direction = "outbound";
    std::string from;              // default: the message's From address
    std::vector<std::string> to;   // default: the message's To and Cc addresses
    bool monitor = false;          // run the whole set as in dlp.mode: monitor
};

// The verdict of the rules for each message: one JSON line {"file", "action", "matches": [...]}
// with `json`, else a readable explanation. Returns 0, or 1 when the rules or any input could not
// be read.
int run_rules_test(const RulesTestOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mailkeeper::cli
