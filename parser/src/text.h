// Small text operations shared by the parsers: ASCII case, whitespace, line splitting.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mailkeeper::parser::detail {

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

inline std::string to_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = ascii_lower(c);
    return out;
}

inline std::string to_upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    return out;
}

inline bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

inline bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

inline bool iends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// Case-insensitive (ASCII) search; npos when absent.
std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from = 0);

inline bool icontains(std::string_view haystack, std::string_view needle) {
    return ifind(haystack, needle) != std::string_view::npos;
}

inline bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A phrase found at [b, e) of `text` is a whole word on each side where it starts or ends with a
// Latin letter or digit ("PO" not in "import" or "POSITION", "till" not in "still"); CJK phrases
// need no boundary.
inline bool at_word_boundaries(std::string_view text, std::size_t b, std::size_t e, std::string_view phrase) {
    if (phrase.empty()) return false;
    if (is_ascii_alnum(phrase.front()) && b > 0 && is_ascii_alnum(text[b - 1])) return false;
    if (is_ascii_alnum(phrase.back()) && e < text.size() && is_ascii_alnum(text[e])) return false;
    return true;
}

// Length of the UTF-8 sequence that starts with byte `c` (1 for a stray continuation byte).
inline std::size_t utf8_length(unsigned char c) {
    if (c < 0xC0) return 1;
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    return 4;
}

// At most `max` bytes of `s`, cut before a UTF-8 sequence rather than inside it.
inline std::string_view cut_utf8(std::string_view s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

// CJK Unified Ideographs and Extension A: the characters of Chinese names, companies and
// addresses.
inline bool is_han(char32_t cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF); }

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s);

// Past the spaces, tabs, no-break spaces and ideographic spaces (U+3000, Chinese text) at `i`.
inline std::size_t skip_spaces(std::string_view s, std::size_t i) {
    while (i < s.size()) {
        if (s[i] == ' ' || s[i] == '\t') ++i;
        else if (s.substr(i).starts_with("\xc2\xa0")) i += 2;
        else if (s.substr(i).starts_with("\xe3\x80\x80")) i += 3;
        else break;
    }
    return i;
}

// Collapses every run of whitespace to one space and trims.
std::string squeeze_spaces(std::string_view s);

// `host` is `suffix` or lies under it: "mx1.hotmail.com" has suffix "hotmail.com"; a suffix that
// starts with "." ("." + domain) matches the domain itself and any host under it. Both lowercase.
inline bool host_has_suffix(std::string_view host, std::string_view suffix) {
    if (host.empty() || suffix.empty()) return false;
    if (suffix.front() == '.') return host.ends_with(suffix) || host == suffix.substr(1);
    if (host == suffix) return true;
    return host.size() > suffix.size() && host.ends_with(suffix) && host[host.size() - suffix.size() - 1] == '.';
}

// Splits on '\n' (input is normalised to LF before it gets here).
std::vector<std::string_view> split_lines(std::string_view text);

// LF, CRLF and CR-only line endings all become LF.
std::string normalise_line_endings(std::string_view bytes);

}  // namespace mailkeeper::parser::detail
