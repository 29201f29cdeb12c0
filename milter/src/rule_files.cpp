#include "mailkeeper/milter/rule_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace mailkeeper::milter {
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> rule_paths(const std::string& dir, std::error_code& ec) {
    std::vector<fs::path> out;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const auto ext = it->path().extension();
        std::error_code type_ec;
        if ((ext == ".yaml" || ext == ".yml") && it->is_regular_file(type_ec)) out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

std::expected<std::vector<rules::RuleFile>, rules::RuleError> read_rule_files(const std::string& dir) {
    std::error_code ec;
    const auto paths = rule_paths(dir, ec);
    if (ec) return std::unexpected(rules::RuleError{{dir, 0, 0}, "cannot read the rules directory: " + ec.message()});
    std::vector<rules::RuleFile> files;
    for (const auto& p : paths) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in && !in.eof())
            return std::unexpected(rules::RuleError{{p.string(), 0, 0}, "cannot read the file"});
        files.push_back({p.string(), text.str()});
    }
    return files;
}

std::expected<std::shared_ptr<const rules::RuleSet>, std::vector<rules::RuleError>> load_rule_dir(const std::string& dir) {
    auto files = read_rule_files(dir);
    if (!files) return std::unexpected(std::vector<rules::RuleError>{files.error()});
    return rules::load_rules(*files);
}

std::string rule_dir_fingerprint(const std::string& dir) {
    std::error_code ec;
    std::ostringstream out;
    for (const auto& p : rule_paths(dir, ec)) {
        std::error_code e1, e2;
        const auto size = fs::file_size(p, e1);
        const auto time = fs::last_write_time(p, e2);
        out << p.filename().string() << ':' << (e1 ? 0 : size) << ':'
            << (e2 ? 0 : time.time_since_epoch().count()) << '\n';
    }
    if (ec) out << "error:" << ec.value();
    return out.str();
}

}  // namespace mailkeeper::milter
