// One JSON value per line, as every --json output of the CLI prints it: compact, and invalid UTF-8
// from a damaged message replaced rather than thrown on.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace mailkeeper::cli {

inline std::string dump_json(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace mailkeeper::cli
