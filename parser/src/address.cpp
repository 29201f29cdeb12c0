#include "address.h"

#include <algorithm>

#include <cctype>

#include "mailkeeper/parser/address.h"

#include "text.h"

namespace mailkeeper::parser::detail {
namespace {

bool is_local_char(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
        case '.': case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
        case '/': case '=': case '?': case '^': case '_': case '`': case '{': case '|': case '}':
        case '~': case '-':
            return true;
        default:
            return false;
    }
}

bool is_domain_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_' || c == '[' || c == ']' || c == ':';
}

}  // namespace

std::vector<FoundAddress> find_addresses(std::string_view text, std::size_t max) {
    std::vector<FoundAddress> out;
    std::size_t at = text.find('@');
    std::size_t floor = 0;  // never expand left into the previous address
    while (at != std::string_view::npos && out.size() < max) {
        std::size_t b = at;
        while (b > floor && is_local_char(text[b - 1])) --b;
        std::size_t e = at + 1;
        while (e < text.size() && is_domain_char(text[e])) ++e;
        std::string_view local = text.substr(b, at - b);
        std::string_view domain = text.substr(at + 1, e - at - 1);
        while (!local.empty() && (local.front() == '.' || local.front() == '\'' || local.front() == '=')) {
            local.remove_prefix(1);
            ++b;
        }
        while (!domain.empty() && (domain.back() == '.' || domain.back() == '-' || domain.back() == ':' ||
                                   domain.back() == ']' || domain.back() == '_')) {
            // a literal [1.2.3.4] keeps its bracket
            if (domain.back() == ']' && domain.front() == '[') break;
            domain.remove_suffix(1);
        }
        e = at + 1 + domain.size();
        const bool plausible = !local.empty() && local.size() <= 64 && !domain.empty() && domain.size() <= 255 &&
                               (domain.find('.') != std::string_view::npos || domain.front() == '[' ||
                                iequals(domain, "localhost"));
        if (plausible) {
            FoundAddress f{std::string(local) + "@" + std::string(domain), b, e, false};
            if (b > 0 && text[b - 1] == '<' && e < text.size() && text[e] == '>') {
                f.angled = true;
                f.begin = b - 1;
                f.end = e + 1;
            }
            out.push_back(std::move(f));
            floor = e;
        }
        at = text.find('@', std::max(e, at + 1));
    }
    return out;
}

std::string header_address(std::string_view value) {
    auto found = find_addresses(value, 4);
    if (found.empty()) return {};
    for (const auto& f : found)
        if (f.angled) return f.address;
    return found.front().address;
}

std::string local_part(std::string_view address) {
    const std::size_t at = address.rfind('@');
    return to_lower(address.substr(0, at));
}

}  // namespace mailkeeper::parser::detail

namespace mailkeeper::parser {

bool is_domain(std::string_view d) {
    if (d.empty() || d.size() > 253 || d.front() == '.' || d.back() == '.' || d.find('.') == std::string_view::npos)
        return false;
    return std::all_of(d.begin(), d.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c >= 0x80; });
}

bool is_address(std::string_view a) {
    const auto at = a.rfind('@');
    if (at == std::string_view::npos || at == 0) return false;
    if (a.find_first_of(" \t\r\n<>,;\"") != std::string_view::npos) return false;
    return is_domain(a.substr(at + 1));
}

std::string domain_of(std::string_view address) {
    const auto at = address.rfind('@');
    if (at == std::string_view::npos) return {};
    std::string domain(detail::trim(address.substr(at + 1)));
    for (auto& c : domain) c = detail::ascii_lower(c);
    return domain;
}

bool in_domains(std::string_view address, const std::vector<std::string>& domains) {
    const std::string domain = domain_of(address);
    if (domain.empty()) return false;
    for (const auto& d : domains) {
        if (domain == d) return true;
        if (domain.size() > d.size() && domain.ends_with(d) && domain[domain.size() - d.size() - 1] == '.') return true;
    }
    return false;
}

}  // namespace mailkeeper::parser
