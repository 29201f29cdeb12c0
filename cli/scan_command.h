// `mailkeeper scan`: the whole analysis of each message, offline, without the database.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mailkeeper::cli {

struct ScanOptions {
    std::vector<std::string> paths;
    bool json = false;
    std::string config = "/etc/mailkeeper/mailkeeper.yaml";
    bool config_given = false;                  // an explicit --config must load; the default may be absent
    std::vector<std::string> internal_domains;  // override the configuration's direction.internal_domains
};

// One JSON line per message with `json` (docs/scan.md), else a short summary per message. Returns
// 0 when every input was read, 1 otherwise, 2 when the configuration cannot be loaded.
int run_scan(const ScanOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mailkeeper::cli
