#include "mailkeeper/parser/message.h"

namespace mailkeeper::parser {
namespace {

bool is_separator_at(std::string_view bytes, std::size_t pos) {
    if (bytes.compare(pos, 5, "From ") != 0) return false;
    if (pos == 0) return true;
    // preceded by an empty line: "\n\n" or "\r\n\r\n"
    if (pos >= 2 && bytes[pos - 1] == '\n' && bytes[pos - 2] == '\n') return true;
    return pos >= 4 && bytes.compare(pos - 4, 4, "\r\n\r\n") == 0;
}

}  // namespace

bool looks_like_mbox(std::string_view bytes) {
    // An mbox starts with its "From sender date" separator; a message file starts with a header
    // field, and "From:" has no space before its colon.
    return bytes.starts_with("From ");
}

std::vector<std::string_view> split_mbox(std::string_view bytes) {
    std::vector<std::string_view> messages;
    std::size_t start = std::string_view::npos;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        if (is_separator_at(bytes, pos)) {
            if (start != std::string_view::npos) messages.push_back(bytes.substr(start, pos - start));
            const std::size_t nl = bytes.find('\n', pos);
            start = nl == std::string_view::npos ? bytes.size() : nl + 1;
            pos = start;
            continue;
        }
        const std::size_t nl = bytes.find('\n', pos);
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    if (start != std::string_view::npos && start < bytes.size()) messages.push_back(bytes.substr(start));
    return messages;
}

}  // namespace mailkeeper::parser
