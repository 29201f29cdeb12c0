#include "text.h"

#include <cctype>
#include <cstring>

namespace mailkeeper::parser::detail {

std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from) {
    if (needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
    if (needle.size() > haystack.size() || from > haystack.size() - needle.size()) return std::string_view::npos;
    // Anchor on the needle's first letter or digit (markers often start with runs of '-' that are
    // everywhere in MIME text) and let memchr skip to its candidates in either case.
    std::size_t k = 0;
    while (k < needle.size() && !std::isalnum(static_cast<unsigned char>(needle[k]))) ++k;
    if (k == needle.size()) k = 0;
    const char lo = ascii_lower(needle[k]);
    const char up = (lo >= 'a' && lo <= 'z') ? static_cast<char>(lo - 32) : lo;
    const char* const base = haystack.data();
    const std::size_t last = haystack.size() - needle.size();  // last valid start
    std::size_t i = from + k;                                   // position of the anchor
    while (i <= last + k) {
        const std::size_t span = last + k - i + 1;
        const char* a = static_cast<const char*>(std::memchr(base + i, lo, span));
        const char* b = lo == up ? nullptr
                                 : static_cast<const char*>(std::memchr(base + i, up, a ? static_cast<std::size_t>(a - (base + i)) : span));
        const char* hit = b ? b : a;
        if (!hit) return std::string_view::npos;
        const std::size_t start = static_cast<std::size_t>(hit - base) - k;
        std::size_t m = 0;
        while (m < needle.size() && ascii_lower(base[start + m]) == ascii_lower(needle[m])) ++m;
        if (m == needle.size()) return start;
        i = static_cast<std::size_t>(hit - base) + 1;
    }
    return std::string_view::npos;
}

std::string_view trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && is_space(s[b])) ++b;
    while (e > b && is_space(s[e - 1])) --e;
    return s.substr(b, e - b);
}

std::string squeeze_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : s) {
        if (is_space(c)) {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            if (start < text.size()) lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

std::string normalise_line_endings(std::string_view bytes) {
    if (std::memchr(bytes.data(), '\r', bytes.size()) == nullptr) return std::string(bytes);
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '\r') {
            out.push_back('\n');
            if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace mailkeeper::parser::detail
