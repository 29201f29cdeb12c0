// The rules directory on disk: its files read in name order, loaded into a RuleSet, and a
// fingerprint that tells when any of them changed.
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <vector>

#include <mailkeeper/rules/rules.h>

namespace mailkeeper::milter {

// Every *.yaml and *.yml regular file directly in `dir`, in name order. An unreadable directory
// or file is an error naming it.
std::expected<std::vector<rules::RuleFile>, rules::RuleError> read_rule_files(const std::string& dir);

std::expected<std::shared_ptr<const rules::RuleSet>, std::vector<rules::RuleError>> load_rule_dir(const std::string& dir);

// Names, sizes and modification times of the rule files: equal fingerprints, nothing changed.
std::string rule_dir_fingerprint(const std::string& dir);

}  // namespace mailkeeper::milter
