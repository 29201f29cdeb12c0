// How the offline commands read messages as the gateway would: the company's domains and the
// phone region from the configuration, `--internal-domain` overriding. `scan` and `import` share it.
#pragma once

#include <mailkeeper/milter/config.h>
#include <mailkeeper/parser/analysis.h>

#include <expected>
#include <memory>
#include <string>
#include <vector>

namespace mailkeeper::cli {

struct AnalysisSettings {
    parser::AnalysisOptions analysis;
    std::shared_ptr<const milter::Config> config;  // null when no configuration was read
};

// Reads `config` when it was given on the command line or exists (an explicit one must load; the
// default may be absent). The error is the configuration's errors, FILE:LINE:COLUMN each.
std::expected<AnalysisSettings, std::string> load_analysis_settings(const std::string& config, bool config_given,
                                                                    const std::vector<std::string>& internal_domains);

}  // namespace mailkeeper::cli
