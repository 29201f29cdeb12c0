// `mailkeeper bounce`: what each bounce among the given messages says about its recipients.
#pragma once

#include <mailkeeper/parser/bounce.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace mailkeeper::cli {

struct BounceOptions {
    std::vector<std::string> paths;
    bool json = false;
};

// Writes one JSON line per failed recipient (or per message with nothing to report, or per input
// that could not be read) with `json`, else a readable table. Returns the exit status: 0 when
// every input was read, 1 otherwise.
int run_bounce(const BounceOptions& options, std::ostream& out, std::ostream& err);

// One failed recipient as `bounce --json` prints it, without the file and index (`scan` nests it).
nlohmann::json recipient_json(const parser::BounceReport& report, const parser::Recipient& recipient);

}  // namespace mailkeeper::cli
