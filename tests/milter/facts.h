// The facts as the milter collects them, built from a raw message (tests only).
#pragma once

#include <sstream>
#include <string>

#include <mailkeeper/milter/pipeline.h>

namespace mailkeeper::milter {

// Headers in order and the raw message.
inline MessageFacts facts_from(const std::string& raw, Envelope env) {
    MessageFacts f;
    f.envelope = std::move(env);
    f.raw = raw;
    const auto end = raw.find("\n\n") != std::string::npos ? raw.find("\n\n") : raw.find("\r\n\r\n");
    std::istringstream in(raw.substr(0, end));
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !f.headers.empty()) {
            f.headers.back().second += "\n" + line;
            continue;
        }
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        auto value = line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.erase(0, 1);
        f.headers.emplace_back(line.substr(0, colon), value);
    }
    return f;
}

}  // namespace mailkeeper::milter
