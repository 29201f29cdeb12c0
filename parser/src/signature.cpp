// Where the sender's own words end: quoted history cut off (strip_quotes), then the block of
// closing, name, title, company and contact lines at the end (find_signature).
//
// The signature is found from the bottom up, the way a reader finds it: contact lines (phones,
// addresses, links), titles and company names are taken while they last; the line naming the
// sender (or a name-shaped line) is the top of the block, with the closing ("Best regards,",
// "此致") just above it when there is one. A line that reads as a sentence stops the walk.
#include "mailkeeper/parser/signature.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

#include "address.h"
#include "contact_tables.h"
#include "signature_words.h"
#include "text.h"

namespace mailkeeper::parser {
namespace {

using detail::ascii_lower;
using detail::is_han;
using detail::istarts_with;
using detail::split_lines;
using detail::to_lower;
using detail::trim;

// Lines of a body read when looking for quoted history; a reply's own text is far shorter, and
// history below this point is never reached by the signature search anyway.
constexpr std::size_t kMaxQuoteScanLines = 20000;
// Longest line that may be a name, a title or a company line, and a contact line (in bytes).
constexpr std::size_t kMaxNameBytes = 48;
constexpr std::size_t kMaxTitleBytes = 90;
constexpr std::size_t kMaxContactBytes = 140;

bool is_blank(std::string_view line) { return trim(line).empty(); }

// Decodes one UTF-8 sequence at `i` (advancing it); malformed bytes come back as U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    return cp;
}


struct Shape {
    std::size_t han = 0, latin_upper = 0, latin_lower = 0, digits = 0, other = 0;
    std::size_t words = 0;          // space-separated tokens
    std::size_t lower_words = 0;    // tokens starting with a lowercase Latin letter
    bool tab_inside = false;        // a tab between tokens: a table row
    bool sentence_end = false;      // ends with . ? ! ; or their CJK forms (after a word, not an initial)
};

Shape shape_of(std::string_view t) {
    Shape s;
    bool in_word = false;
    for (std::size_t i = 0; i < t.size();) {
        const char c = t[i];
        if (c == ' ' || c == '\t') {
            if (c == '\t' && in_word) s.tab_inside = true;
            in_word = false;
            ++i;
            continue;
        }
        if (!in_word) {
            ++s.words;
            if (c >= 'a' && c <= 'z') ++s.lower_words;
            in_word = true;
        }
        const char32_t cp = next_code_point(t, i);
        if (cp >= 'A' && cp <= 'Z') ++s.latin_upper;
        else if (cp >= 'a' && cp <= 'z') ++s.latin_lower;
        else if (cp >= '0' && cp <= '9') ++s.digits;
        else if (is_han(cp)) ++s.han;
        else ++s.other;
    }
    if (!t.empty()) {
        // "Carole C. Frank" ends a name, not a sentence: a period after a single capital is an initial
        const std::string_view end = t.substr(t.size() >= 3 ? t.size() - 3 : 0);
        const char last = t.back();
        if (last == '?' || last == '!' || last == ';') s.sentence_end = true;
        // a period after a lowercase word ends a sentence; after an initial ("Carole C."), a number
        // ("713-853-1587.") or a company form ("Inc.", "Co.") it does not
        if (last == '.' && t.size() >= 2 && t[t.size() - 2] >= 'a' && t[t.size() - 2] <= 'z') {
            const std::size_t word = t.find_last_of(" ,", t.size() - 2);
            const std::string w = to_lower(t.substr(word == std::string_view::npos ? 0 : word + 1));
            if (!detail::has_legal_form(w)) s.sentence_end = true;
        }
        if (end.ends_with("。") || end.ends_with("？") || end.ends_with("！") || end.ends_with("；")) s.sentence_end = true;
    }
    return s;
}

// Lowercase word tokens of a line: runs of Latin letters, digits, apostrophes and hyphens.
std::vector<std::string> latin_words(std::string_view t) {
    std::vector<std::string> words;
    std::string cur;
    for (char c : t) {
        const bool part = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || c == '-';
        if (part) cur += ascii_lower(c);
        else if (!cur.empty()) words.push_back(std::exchange(cur, {}));
        if (words.size() > 16) break;
    }
    if (!cur.empty()) words.push_back(cur);
    return words;
}

template <typename Table>
bool has_word(const std::vector<std::string>& words, const Table& table) {
    for (const auto& w : words)
        for (auto t : table)
            if (w == t) return true;
    return false;
}

template <typename Table>
bool has_cjk_entry(std::string_view line, const Table& table) {
    for (auto t : table)
        if (static_cast<unsigned char>(t.front()) >= 0x80 && line.find(t) != std::string_view::npos) return true;
    return false;
}

// --- quoted history ---------------------------------------------------------------------------

std::string_view strip_decoration(std::string_view t) {
    // "*From:* x" (Gmail's HTML quote header as text), "> " prefixes are handled elsewhere
    while (!t.empty() && (t.front() == '*' || t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    return t;
}

// The label of a "Label: value" line, lowercased, when the line has one (ASCII or full-width colon).
std::string header_label(std::string_view line) {
    line = strip_decoration(trim(line));
    std::size_t colon = line.find(':');
    const std::size_t wide = line.find("：");
    if (wide != std::string_view::npos && (colon == std::string_view::npos || wide < colon)) colon = wide;
    if (colon == std::string_view::npos || colon == 0 || colon > 24) return {};
    std::string label = to_lower(trim(line.substr(0, colon)));
    while (!label.empty() && label.back() == '*') label.pop_back();
    return label;
}

bool in(std::span<const std::string_view> table, std::string_view s) {
    return std::find(table.begin(), table.end(), s) != table.end();
}

// A quoted message's header block starts here: a From label, then within four lines a date
// label and a To/Subject label (Outlook, Foxmail, QQ, NetEase, in English and Chinese).
std::string header_block_style(const std::vector<std::string_view>& lines, std::size_t i) {
    if (!in(detail::quote_from_labels(), header_label(lines[i]))) return {};
    bool date = false, other = false, sent = false;
    for (std::size_t k = i + 1; k < lines.size() && k <= i + 5; ++k) {
        const std::string label = header_label(lines[k]);
        if (label.empty()) {
            if (is_blank(lines[k])) break;
            continue;  // a wrapped recipient list
        }
        if (in(detail::quote_date_labels(), label)) {
            date = true;
            sent = sent || label == "sent" || label == "发送时间";
        } else if (in(detail::quote_other_labels(), label)) {
            other = true;
        }
    }
    if (!(date && other)) return {};
    return sent ? "outlook" : "foxmail";
}

// "On Mon, 3 Jun 2024 at 10:00, Li Ming <li@x.com> wrote:" and its translations, possibly wrapped
// over two lines. Returns the style, empty when the line opens no quote.
std::string attribution_style(const std::vector<std::string_view>& lines, std::size_t i, std::size_t& span) {
    const std::string_view t = trim(lines[i]);
    if (t.empty() || t.size() > 400) return {};
    static constexpr std::string_view kEnds[] = {"wrote:",  "写道：", "写道:", "寫道：", "寫道:",
                                                           "a écrit :", "a écrit:", "schrieb:", "escribió:"};
    const auto ends_attr = [](std::string_view s) {
        for (auto e : kEnds)
            if (s.ends_with(e)) return true;
        return false;
    };
    std::string joined(t);
    span = 1;
    if (!ends_attr(t) && i + 1 < lines.size() && (istarts_with(t, "on ") || t.starts_with("在")) &&
        ends_attr(trim(lines[i + 1])) && trim(lines[i + 1]).size() < 200) {
        joined += ' ';
        joined += trim(lines[i + 1]);
        span = 2;
    }
    if (!ends_attr(joined)) return {};
    // NetEase: "在 2024-06-03 10:00:00，"Li Ming" <li@x.com> 写道：" (also "At 2024-06-03 ..., wrote:")
    if (joined.starts_with("在 ") || istarts_with(joined, "at 20")) return "netease";
    // Apple Mail: "On 3 Jun 2024, at 10:00, Li Ming <li@x.com> wrote:" / "2024年6月3日 上午10:00，Li 写道："
    if (detail::icontains(joined, ", at ") || (joined.find("年") != std::string::npos && joined.find("，") != std::string::npos &&
                                               joined.find("于") == std::string::npos))
        return "apple";
    return "gmail";
}

// A separator line: "-----Original Message-----", "------------------ 原始邮件 ------------------".
std::string separator_style(std::string_view line) {
    std::string_view t = trim(line);
    if (t.size() < 6 || t.size() > 160) return {};
    const bool dashed = t.starts_with("--") || t.starts_with("__") || t.starts_with("==") || t.starts_with("＞");
    const auto strip = [](std::string_view s) {
        while (!s.empty() && (s.front() == '-' || s.front() == '_' || s.front() == '=' || s.front() == ' ')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == '-' || s.back() == '_' || s.back() == '=' || s.back() == ' ')) s.remove_suffix(1);
        return s;
    };
    const std::string core = to_lower(strip(t));
    for (const auto& row : detail::quote_separators()) {
        if (!core.starts_with(row.text)) continue;
        if (!dashed && row.text != "begin forwarded message:") continue;
        // QQ mail writes the Chinese separator with long dash runs and spaces around it
        if (row.text == "原始邮件" && t.starts_with("------------------ ")) return "qq";
        return std::string(row.style);
    }
    return {};
}

bool is_underscore_rule(std::string_view line) {
    const std::string_view t = trim(line);
    return t.size() >= 10 && t.find_first_not_of('_') == std::string_view::npos;
}

// --- signature lines ----------------------------------------------------------------------------

enum class LineKind {
    blank,
    closing,       // "Best regards," alone
    closing_name,  // "Thanks, BT", "Your pal, Craig."
    name,          // a person's name
    initials,      // "BT" alone
    title,         // a job title
    company,       // a company or department name
    contact,       // phone, address, link, handle, "Sent from my ..."
    separator,     // "--", "-----"
    short_line,    // a short capitalised line of no known kind: a department, a city
    body,          // part of the message
};

struct SenderWords {
    std::vector<std::string> names;     // lowercase name tokens of the display name and the local part
    std::vector<std::string> initials;  // "bt" and "tb" for Barry Tycholiz
};

SenderWords sender_words(const Sender& sender) {
    SenderWords w;
    const auto add = [&](std::string word) {
        if (word.size() >= 2 && std::find(w.names.begin(), w.names.end(), word) == w.names.end()) w.names.push_back(word);
    };
    std::vector<std::string> display = latin_words(sender.name);
    for (const auto& word : display) add(word);
    const std::string local = detail::local_part(sender.address);
    std::string cur;
    for (char c : local) {
        if (c == '.' || c == '_' || c == '-' || (c >= '0' && c <= '9')) {
            add(std::exchange(cur, {}));
        } else {
            cur += ascii_lower(c);
        }
    }
    add(cur);
    // Chinese display names are whole: "王小红"
    if (!sender.name.empty() && static_cast<unsigned char>(sender.name.front()) >= 0x80) w.names.push_back(std::string(trim(sender.name)));
    std::vector<std::string> parts;
    for (const auto& word : display)
        if (word.size() >= 2) parts.push_back(word);
    if (parts.size() >= 2) {
        w.initials.push_back(std::string{parts.front()[0], parts.back()[0]});
        w.initials.push_back(std::string{parts.back()[0], parts.front()[0]});
    }
    return w;
}

bool names_sender(std::string_view line, const SenderWords& sender) {
    for (const auto& word : latin_words(line)) {
        for (const auto& name : sender.names) {
            if (word == name) return true;
            // "JohnAnderson" for John Anderson
            if (name.size() >= 4 && word.size() > name.size() && word.find(name) != std::string::npos) return true;
        }
    }
    for (const auto& name : sender.names)
        if (static_cast<unsigned char>(name.front()) >= 0x80 && line.find(name) != std::string_view::npos) return true;
    return false;
}

// "Thanks", "Best regards," -> true; the closing's length in `len` (bytes of `t`).
bool starts_with_closing(std::string_view t, std::size_t& len) {
    const std::string lower = to_lower(t);
    std::size_t best = 0;
    for (auto c : detail::closing_phrases()) {
        if (c.size() > best && lower.starts_with(c)) {
            const std::size_t after = c.size();
            // a whole word: "Thanksgiving" is not a closing, "Best" not "Bestway"
            if (after < lower.size()) {
                const char n = lower[after];
                if ((n >= 'a' && n <= 'z') || (n >= '0' && n <= '9')) continue;
            }
            best = c.size();
        }
    }
    len = best;
    return best > 0;
}

bool only_punctuation(std::string_view s) {
    s = trim(s);
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = next_code_point(s, i);
        if (cp == ',' || cp == '.' || cp == '!' || cp == ':' || cp == ';' || cp == '-' || cp == ' ' || cp == 0xFF0C ||
            cp == 0x3002 || cp == 0xFF01 || cp == 0x3001 || cp == 0xFF1A)
            continue;
        return false;
    }
    return true;
}

bool is_name_shaped(std::string_view t, const Shape& s) {
    if (t.size() > kMaxNameBytes || s.digits > 0 || s.tab_inside) return false;
    if (s.han > 0) {
        // 王小红 / 王小红 Linda / Linda 王: two to four Han characters, optionally an English name
        return s.han >= 2 && s.han <= 4 && s.words <= 3 && s.other <= 2;
    }
    if (s.words == 0 || s.words > 4 || s.lower_words > 1) return false;
    // initials' dots, hyphens and apostrophes ("Carole C. Frank", "Ferron-Jones", "O'Shaughnessy");
    // a colon, an underscore or a file name ("Rowing.mpeg") is not a name
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c == ':' || c == '_' || c == '#' || c == '@' || c == '/' || c == '\\' || c == '>' || c == '<' || c == '=' ||
            c == '&' || c == '*' || c == '?' || c == '!')
            return false;
        if (c == '.' && i + 1 < t.size() && t[i + 1] >= 'a' && t[i + 1] <= 'z') return false;
    }
    if (t.front() == '-' || t.front() == '(') return false;
    const auto words = latin_words(t);
    if (words.empty() || detail::is_common_word(words.front())) return false;
    return true;
}

bool is_initials(std::string_view t) {
    t = trim(t);
    while (!t.empty() && t.back() == '.') t.remove_suffix(1);
    if (t.size() < 2 || t.size() > 3) return false;
    return std::all_of(t.begin(), t.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Phones: at least seven digits in a run of digits and separators; extensions: "x6721", "x-37059",
// "3-1587" after a name.
bool has_phone(std::string_view t) {
    const auto word_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '\\' || c == '/';
    };
    std::size_t i = 0;
    while (i < t.size()) {
        if (!(t[i] >= '0' && t[i] <= '9') && t[i] != '+' && t[i] != '(') {
            ++i;
            continue;
        }
        const std::size_t start = i;
        std::size_t digits = 0;
        while (i < t.size() && ((t[i] >= '0' && t[i] <= '9') || t[i] == ' ' || t[i] == '-' || t[i] == '.' ||
                                t[i] == '(' || t[i] == ')' || t[i] == '+')) {
            if (t[i] >= '0' && t[i] <= '9') ++digits;
            ++i;
        }
        std::size_t end = i;
        while (end > start && (t[end - 1] == ' ' || t[end - 1] == '.' || t[end - 1] == '-' || t[end - 1] == '(')) --end;
        // a number inside a word or a path ("2002010212.txt", "O:\files\2001") is no phone
        const bool glued = (start > 0 && word_char(t[start - 1]) && t[start - 1] != 'x') ||
                           (end == i && i < t.size() && word_char(t[i]));
        if (digits >= 7 && digits <= 15 && !glued) return true;
    }
    return false;
}

// An internal extension on its own line, or after a name: "x6721", "x-37059", "X3-6259", "*7086",
// "3-1587", "BT   3-1587."
bool is_extension(std::string_view t) {
    t = trim(t);
    while (!t.empty() && t.back() == '.') t.remove_suffix(1);
    const std::size_t space = t.find_last_of(" \t");
    if (space != std::string_view::npos) {
        const std::string_view before = trim(t.substr(0, space));
        const bool capitalised = !before.empty() && before.front() >= 'A' && before.front() <= 'Z' &&
                                 shape_of(before).lower_words == 0 && latin_words(before).size() <= 3;
        if (!is_initials(before) && !capitalised) return false;
        t = t.substr(space + 1);
    }
    if (!t.empty() && (t.front() == 'x' || t.front() == 'X' || t.front() == '*')) {
        t.remove_prefix(1);
        if (!t.empty() && (t.front() == '-' || t.front() == '.')) t.remove_prefix(1);
    }
    std::size_t digits = 0;
    for (char c : t) {
        if (c >= '0' && c <= '9') ++digits;
        else if (c != '-') return false;
    }
    return digits >= 4 && digits <= 6 && !t.empty() && t.front() != '-';
}

bool has_contact_label(std::string_view t) {
    static constexpr std::string_view kLabels[] = {
        "tel",   "phone",  "ph",    "p",    "fax",  "mobile", "mob",  "cell",    "m",      "t",       "f",
        "e",     "email",  "e-mail", "mail", "web",   "website", "www",  "skype",  "wechat",  "whatsapp",
        "address", "add",  "addr",  "office", "direct", "hp",  "linkedin", "qq",    "手机",     "电话",
        "传真",   "微信",   "地址",   "邮箱",  "网址",   "座机", "公司地址", "邮件"};
    std::string label = header_label(t);
    if (label.empty()) {
        // "Tel +86 ...", "Mobile 138..." without a colon
        const auto words = latin_words(t);
        if (words.empty() || !has_phone(t)) return false;
        label = words.front();
    }
    // "Tel/Fax", "Mob/WhatsApp"
    const std::size_t slash = label.find('/');
    if (slash != std::string::npos) label = label.substr(0, slash);
    return in(kLabels, label);
}

bool has_link(std::string_view t) {
    const std::string lower = to_lower(t);
    for (std::string_view marker : {"www.", "http://", "https://", "linkedin.com/", "wa.me/"}) {
        const std::size_t at = lower.find(marker);
        if (at == std::string::npos) continue;
        // a site, not a document: a signature's link has a short path at most
        std::size_t end = lower.find_first_of(" \t>)", at);
        if (end == std::string::npos) end = lower.size();
        const std::string_view url = std::string_view(lower).substr(at, end - at);
        const std::size_t scheme = url.find("//");
        const std::size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 2);
        if (marker == "linkedin.com/" || marker == "wa.me/") return true;
        if (path == std::string_view::npos || url.size() - path <= 16) return true;
    }
    return false;
}

bool is_address_line(std::string_view t, const std::vector<std::string>& words, const Shape& s) {
    static constexpr std::string_view kMore[] = {"broadway", "dr", "po"};
    if (s.digits > 0 && (has_word(words, detail::street_words()) || has_word(words, kMore))) return true;
    if (s.han > 0 && s.digits > 0) {
        int n = 0;
        for (auto k : detail::han_address_words())
            if (t.find(k) != std::string_view::npos) ++n;
        if (n >= 2) return true;
    }
    // "Butte, MT  59701", "Portland, OR 97204": city, state, ZIP
    const std::size_t comma = t.find(", ");
    if (comma != std::string_view::npos && comma < 30) {
        std::string_view rest = trim(t.substr(comma + 2));
        if (rest.size() >= 8 && rest[0] >= 'A' && rest[0] <= 'Z' && rest[1] >= 'A' && rest[1] <= 'Z' &&
            (rest[2] == ' ' || rest[2] == '\t')) {
            rest = trim(rest.substr(2));
            if (rest.size() >= 5 && std::all_of(rest.begin(), rest.begin() + 5, [](char c) { return c >= '0' && c <= '9'; }))
                return true;
        }
    }
    return false;
}

LineKind classify(std::string_view raw, const SenderWords& sender, bool& sender_named) {
    sender_named = false;
    const std::string_view t = trim(raw);
    if (t.empty()) return LineKind::blank;
    const std::string lower = to_lower(t.substr(0, std::min<std::size_t>(t.size(), 40)));
    for (auto p : detail::tagline_prefixes())
        if (lower.starts_with(p)) return LineKind::body;
    if (lower.starts_with("sent from my") || lower.starts_with("sent from ") || lower.starts_with("发自我的") ||
        lower.starts_with("get outlook for"))
        return LineKind::contact;
    if (t.find_first_not_of("-_=*~ ") == std::string_view::npos) return t.size() >= 2 ? LineKind::separator : LineKind::body;
    if (t.size() > kMaxContactBytes) return LineKind::body;

    const Shape s = shape_of(t);
    const auto words = latin_words(t);
    sender_named = names_sender(t, sender);

    std::size_t closing_len = 0;
    if (t.size() <= 60 && starts_with_closing(t, closing_len)) {
        const std::string_view rest = t.substr(closing_len);
        if (only_punctuation(rest)) return LineKind::closing;
        // "Thanks, BT", "Regards, Bert", "Thanks. BT", "Your pal, Craig."
        std::string_view name = trim(rest);
        while (!name.empty() && (name.front() == ',' || name.front() == '.' || name.front() == '!')) name.remove_prefix(1);
        while (!name.empty() && (name.back() == '.' || name.back() == ',')) name.remove_suffix(1);
        name = trim(name);
        if (rest.size() > name.size() && (is_initials(name) || is_name_shaped(name, shape_of(name)))) return LineKind::closing_name;
    }
    if (is_extension(t)) return LineKind::contact;
    const bool email = !detail::find_addresses(t, 2).empty();
    if (email || has_contact_label(t) || has_link(t)) return LineKind::contact;
    if (has_phone(t)) {
        // a phone among a few words is a contact line ("713.446.9307 cell", "Barry Tycholiz - 713-853-1587");
        // among many it is a sentence ("Please call me at 713 ...")
        static constexpr std::string_view kPhoneWords[] = {"cell", "home", "work", "fax", "tel", "mobile", "mob",
                                                           "office", "ext", "direct", "phone", "main", "voice"};
        std::size_t other_lower = 0;
        for (std::size_t k = 0, n = 0; k < t.size(); k = n) {
            while (k < t.size() && (t[k] == ' ' || t[k] == '\t')) ++k;
            n = k;
            while (n < t.size() && t[n] != ' ' && t[n] != '\t') ++n;
            const std::string_view token = t.substr(k, n - k);
            if (token.empty() || !(token.front() >= 'a' && token.front() <= 'z')) continue;
            const auto token_words = latin_words(token);
            if (token_words.empty() || !in(kPhoneWords, token_words.front())) ++other_lower;
        }
        if (other_lower == 0) return LineKind::contact;
        return LineKind::body;
    }
    if (is_address_line(t, words, s)) return LineKind::contact;
    if (s.sentence_end && !sender_named) return LineKind::body;
    if (is_initials(t)) return LineKind::initials;
    if (sender_named && t.size() <= kMaxNameBytes && s.digits == 0 && s.words <= 4 && !s.tab_inside) return LineKind::name;
    if (t.size() <= kMaxTitleBytes && s.words <= 8 && s.lower_words <= 2 && !s.sentence_end) {
        if (has_word(words, detail::title_words()) || has_cjk_entry(t, detail::han_title_words())) return LineKind::title;
        if (detail::has_legal_form(t) || has_word(words, detail::company_name_words()) ||
            has_cjk_entry(t, detail::han_company_words()))
            return LineKind::company;
    }
    if (is_name_shaped(t, s)) return LineKind::name;
    if (t.size() <= kMaxTitleBytes && s.words <= 5 && s.lower_words == 0 && !s.sentence_end && s.latin_upper > 0 &&
        s.digits <= 4)
        return LineKind::short_line;
    return LineKind::body;
}

}  // namespace

Sender parse_sender(std::string_view from_line) {
    Sender sender;
    std::string_view t = trim(from_line);
    // "x@y.com [mailto:x@y.com]" (Outlook's quoted From)
    if (const auto mailto = t.find("[mailto:"); mailto != std::string_view::npos) t = trim(t.substr(0, mailto));
    const auto found = detail::find_addresses(t, 1);
    std::string name;
    if (!found.empty()) {
        sender.address = to_lower(found.front().address);
        name = std::string(trim(t.substr(0, found.front().begin)));
        if (name.empty()) name = std::string(trim(t.substr(found.front().end)));
    } else {
        name = std::string(t);
        // "Dean Drozdiak@ECT": a Notes address, the name before the '@'
        if (const auto at = name.find('@'); at != std::string::npos) name.resize(at);
    }
    while (!name.empty() && (name.front() == '"' || name.front() == '\'' || name.front() == '(')) name.erase(0, 1);
    while (!name.empty() && (name.back() == '"' || name.back() == '\'' || name.back() == ')')) name.pop_back();
    sender.name = detail::squeeze_spaces(name);
    return sender;
}

ReplyText strip_quotes(std::string_view body) {
    ReplyText reply;
    const auto lines = split_lines(body);
    std::size_t cut = lines.size();
    std::vector<bool> quoted(lines.size(), false);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i == kMaxQuoteScanLines) {
            cut = i;  // a reply's own text is never this long: what follows is history or a listing
            break;
        }
        const std::string_view t = trim(lines[i]);
        if (t.empty()) continue;
        if (t.front() == '>') {
            // quoted lines without an attribution: dropped, the sender's lines around them kept
            quoted[i] = true;
            if (reply.quote_style.empty()) reply.quote_style = "quoted";
            continue;
        }
        std::string style = separator_style(t);
        if (style.empty() && is_underscore_rule(t) && i + 1 < lines.size()) {
            std::size_t next = i + 1;
            while (next < lines.size() && is_blank(lines[next]) && next < i + 3) ++next;
            if (next < lines.size() && !header_block_style(lines, next).empty()) style = header_block_style(lines, next);
        }
        if (style.empty()) style = header_block_style(lines, i);
        std::size_t span = 1;
        if (style.empty()) style = attribution_style(lines, i, span);
        if (!style.empty()) {
            cut = i;
            reply.quote_style = style;
            break;
        }
    }
    std::string text;
    for (std::size_t i = 0; i < cut; ++i) {
        if (quoted[i]) continue;
        text.append(lines[i]);
        text += '\n';
    }
    // trailing blank lines belong to neither the reply nor the quote
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t')) text.pop_back();
    reply.text = std::move(text);
    return reply;
}

std::string signature_text(const SignatureBlock& block) {
    std::string text;
    for (const auto& line : block.lines) {
        if (!text.empty()) text += '\n';
        text += line;
    }
    return text;
}

std::optional<SignatureBlock> find_signature(std::string_view reply_text, const Sender& sender) {
    const auto lines = split_lines(reply_text);
    std::size_t last = lines.size();
    while (last > 0 && is_blank(lines[last - 1])) --last;
    if (last == 0) return std::nullopt;
    const SenderWords words = sender_words(sender);

    // Walk up from the last line while lines are names, titles, companies and contact details; a
    // closing ends the walk (it opens the block), a sentence ends it before.
    std::size_t top = last;
    bool closing = false, named = false, name = false, contact = false, gap = false;
    std::size_t seen = 0, initials = 0, taken = 0;
    for (std::size_t i = last; i-- > 0;) {
        bool sender_named = false;
        const LineKind kind = classify(lines[i], words, sender_named);
        if (kind == LineKind::blank) {
            gap = true;
            continue;
        }
        if (++seen > kMaxSignatureLines || kind == LineKind::body) break;
        if (kind == LineKind::closing) {
            if (taken == 0) return std::nullopt;  // "Thanks" alone ends a message, it signs nothing
            top = i;
            closing = true;
            // a closing of two lines: "此致" / "敬礼"
            for (std::size_t k = i; k-- > 0;) {
                if (is_blank(lines[k])) continue;
                bool ignored = false;
                if (classify(lines[k], words, ignored) == LineKind::closing) top = k;
                break;
            }
            break;
        }
        // a short line of no known kind joins only the line right below it: "Happy New Year" above
        // a blank line and a name is the message's own
        if (kind == LineKind::short_line && gap && !sender_named) break;
        // above the name only the sender's own name or a department of unusual words: "Enjoy" over
        // "Leaf" is the message's last word
        if (kind == LineKind::short_line && name && !sender_named) {
            bool usual = false;
            for (const auto& w : latin_words(lines[i]))
                if (detail::is_common_word(w)) usual = true;
            if (usual) break;
        }
        gap = false;
        top = i;
        ++taken;
        named = named || sender_named;
        if (kind == LineKind::closing_name) {
            closing = true;
            break;
        }
        if (kind == LineKind::name || (kind == LineKind::short_line && sender_named)) name = true;
        if (kind == LineKind::initials) ++initials;
        if (kind == LineKind::contact) contact = true;
    }
    if (top >= last) return std::nullopt;
    if (!closing && !name && !named && !contact) return std::nullopt;   // titles and short lines alone: a list
    if (!closing && !contact && !name && initials == taken) return std::nullopt;  // "BT" alone
    if (!closing && !name && !named) {
        // contact details alone: a phone, an extension or an address, not a bare link, and not the
        // end of a sentence ("Cara's new number is" / "503-810-1105")
        bool strong = false;
        for (std::size_t i = top; i < last; ++i) {
            const std::string_view t = trim(lines[i]);
            if ((has_phone(t) && !has_link(t)) || !detail::find_addresses(t, 1).empty() || is_extension(t)) strong = true;
        }
        if (!strong) return std::nullopt;
        for (std::size_t i = top; i-- > 0;) {
            const std::string_view above = trim(lines[i]);
            if (above.empty()) continue;
            const char end = above.back();
            if (end == ':' || (end >= 'a' && end <= 'z')) return std::nullopt;
            break;
        }
    }
    SignatureBlock block;
    block.first_line = top;
    for (std::size_t i = top; i < last; ++i) block.lines.emplace_back(lines[i]);
    return block;
}

}  // namespace mailkeeper::parser
