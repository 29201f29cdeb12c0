// `mailkeeper bounce`: what each bounce among the given messages says about its recipients.
#pragma once

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

}  // namespace mailkeeper::cli
