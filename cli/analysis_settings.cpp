#include "analysis_settings.h"

#include <filesystem>

namespace mailkeeper::cli {

std::expected<AnalysisSettings, std::string> load_analysis_settings(const std::string& config, bool config_given,
                                                                    const std::vector<std::string>& internal_domains) {
    AnalysisSettings s;
    if (config_given || std::filesystem::exists(config)) {
        auto loaded = milter::load_config(config);
        if (!loaded) return std::unexpected(loaded.error().text());
        s.config = *loaded;
        s.analysis.internal_domains = s.config->direction.internal_domains;
        s.analysis.contact.default_region = s.config->dlp.default_region;
        s.analysis.orders = s.config->orders.get();  // owned by s.config
    }
    if (!internal_domains.empty()) s.analysis.internal_domains = internal_domains;
    for (auto& d : s.analysis.internal_domains)
        for (auto& c : d) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    return s;
}

}  // namespace mailkeeper::cli
