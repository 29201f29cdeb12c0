// Contact details from a signature block. How it reads a block:
//  1. Each line is folded: invalid UTF-8 becomes a space, full-width forms ("：", "１３８") become
//     ASCII, odd spaces become spaces, bullets become '|'. A map back to the line as written is
//     kept for the phones' raw text.
//  2. A line is cut into pieces at '|', ';', runs of two spaces, and before every label found at a
//     word start ("Tel: 1 Fax: 2" is two pieces). A piece carries its label's kinds; compound labels
//     ("Mob/WhatsApp:", "Tel/Fax:") carry several.
//  3. A labelled piece is read as its label says. An unlabelled one is read by shape, in order:
//     closing phrase, mail address and links, phone number, postal address, company (legal form),
//     title (title word), name (capitalised words, or a Chinese surname and given name).
//  4. Phones are resolved last: numbers written with a country code first, then national ones in
//     the first region they are valid in, of: the region of the first of those, the sender's
//     ccTLD, the address's country, the default region.
// No regular expressions and no libphonenumber text parsing: PhoneNumberUtil::Parse costs 15-20 us
// a number on this machine where building the number from its digits and asking GetNumberType
// (which answers UNKNOWN exactly when IsValidNumber says no) costs 3.5 us.
#include "mailkeeper/parser/contact.h"
#include "mailkeeper/parser/phone.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/uchar.h>

#include "mailkeeper/parser/address.h"

#include "address.h"
#include "contact_tables.h"
#include "text.h"

namespace mailkeeper::parser {

bool ContactCard::empty() const {
    return !name && !title && !company && !website && !linkedin && !whatsapp && !wechat && !skype && !qq &&
           !address && !country && phones.empty() && emails.empty();
}

namespace {

using detail::ascii_lower;
using detail::cut_utf8;
using detail::is_han;
using detail::is_space;
using detail::trim;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// Confidences (see contact.h for the scale).
constexpr double kLabelledPhone = 0.95;      // "Tel: ..." and libphonenumber calls it valid
constexpr double kMarkedPhone = 0.9;         // "+86 574 8788 1235 (Fax)"
constexpr double kPossiblePhone = 0.6;       // labelled, the right length, not a known range
constexpr double kInternationalPhone = 0.7;  // unlabelled, valid, written with its country code
constexpr double kNationalPhone = 0.6;       // unlabelled, valid in the region we assumed
constexpr double kLabelled = 0.9;
constexpr double kLabelledEmail = 0.95;
constexpr double kAgreesWithSender = 0.9;
constexpr double kMarkedMessenger = 0.85;    // "13812345678 (微信同号)", "(WhatsApp)"
constexpr double kShapeEmail = 0.85;
constexpr double kShapeLinkedIn = 0.85;
constexpr double kShapeWebsite = 0.8;
constexpr double kBareWebsite = 0.7;  // "acme.de" alone on its line, or the sender's domain
constexpr double kLegalForm = 0.75;
constexpr double kTitleWord = 0.7;
constexpr double kStreetAddress = 0.65;
constexpr double kNameAfterClosing = 0.6;
constexpr double kNameElsewhere = 0.5;
constexpr double kCountryFromPhone = 0.85;
constexpr double kCountryFromAddress = 0.75;
constexpr double kCountryFromTld = 0.6;
constexpr double kCountryFromDefault = 0.5;

// Lengths that bound what a piece may be (bytes).
constexpr std::size_t kMaxNameBytes = 60;
constexpr std::size_t kMaxTitleBytes = 80;
constexpr std::size_t kMaxTitleWords = 8;
constexpr std::size_t kMaxHandleBytes = 64;
constexpr std::size_t kMaxAddressBytes = 400;

// ---------------------------------------------------------------------------------------------
// Characters

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || is_digit(c); }

// One UTF-8 character at s[i]: its code point and length; length 0 when the bytes there are not
// UTF-8 (a stray continuation byte, an overlong form, a surrogate, a truncated sequence).
struct Decoded {
    char32_t cp;
    std::size_t len;
};
Decoded decode(std::string_view s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) return {b, 1};
    std::size_t len = 0;
    char32_t cp = 0;
    if (b >= 0xC2 && b <= 0xDF) {
        len = 2;
        cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        len = 3;
        cp = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4;
        cp = b & 0x07;
    } else {
        return {0, 0};
    }
    if (i + len > s.size()) return {0, 0};
    for (std::size_t k = 1; k < len; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return {0, 0};
        cp = (cp << 6) | (c & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return {0, 0};
    return {cp, len};
}


// The character that ends just before `pos` (text is folded, so valid UTF-8).
char32_t char_before(std::string_view s, std::size_t pos) {
    if (pos == 0) return 0;
    std::size_t b = pos - 1;
    while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80 && pos - b < 4) --b;
    const Decoded d = decode(s, b);
    return d.len == pos - b ? d.cp : 0;
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const Decoded d = decode(s, i);
        if (d.len == 0) return false;
        i += d.len;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Lines

struct Line {
    std::string text;                 // folded (see the top of this file)
    std::vector<std::uint32_t> from;  // for each byte of text, where its character starts in original
    std::string_view original;        // as written, cut to the line limit
};

Line fold_line(std::string_view original, std::size_t max_bytes) {
    original = cut_utf8(original, max_bytes);
    Line line;
    line.original = original;
    line.text.reserve(original.size());
    line.from.reserve(original.size());
    auto put = [&](char c, std::size_t at) {
        line.text.push_back(c);
        line.from.push_back(static_cast<std::uint32_t>(at));
    };
    for (std::size_t i = 0; i < original.size();) {
        const Decoded d = decode(original, i);
        if (d.len == 0) {
            put(' ', i);
            ++i;
            continue;
        }
        const char32_t cp = d.cp;
        if (cp == '\t') {
            put(' ', i);  // a tab separates like two spaces
            put(' ', i);
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
            put(' ', i);
        } else if (cp < 0x80) {
            put(static_cast<char>(cp), i);
        } else if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000) {
            put(' ', i);
        } else if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF) {
            // zero-width characters and byte order marks: nothing
        } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
            put(static_cast<char>(cp - 0xFEE0), i);  // full-width ASCII: "：" ":", "１" "1", "＋" "+"
        } else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
            put('-', i);
        } else if (cp == 0x2022 || cp == 0xB7 || cp == 0x30FB || cp == 0x2027 || cp == 0x2016 ||
                   (cp >= 0x25A0 && cp <= 0x25CF)) {
            put('|', i);
        } else if (cp == 0x3002) {
            put('.', i);
        } else if (cp == 0x3001) {
            put(',', i);
        } else if (cp == 0x3010) {
            put('[', i);  // 【手机】
        } else if (cp == 0x3011) {
            put(']', i);
        } else {
            for (std::size_t k = 0; k < d.len; ++k) put(original[i + k], i);
        }
        i += d.len;
    }
    return line;
}

// ---------------------------------------------------------------------------------------------
// Word sets built once from the tables.

class WordSet {
public:
    explicit WordSet(const std::vector<std::string_view>& words) : words_(words) { std::sort(words_.begin(), words_.end()); }
    bool contains(std::string_view w) const { return std::binary_search(words_.begin(), words_.end(), w); }

private:
    std::vector<std::string_view> words_;
};

const WordSet& title_set() {
    static const WordSet kSet(detail::title_words());
    return kSet;
}
const WordSet& street_set() {
    static const WordSet kSet(detail::street_words());
    return kSet;
}
const WordSet& particle_set() {
    static const WordSet kSet(detail::name_particles());
    return kSet;
}
// Country names sorted for lookup; the Chinese ones also for a suffix test ("...中国").
struct CountryIndex {
    std::vector<detail::CountryName> sorted;
    std::vector<detail::CountryName> han;
    CountryIndex() : sorted(detail::country_names()) {
        std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
        for (const auto& row : sorted)
            if (static_cast<unsigned char>(row.name.front()) >= 0x80) han.push_back(row);
    }
    std::optional<std::string_view> find(std::string_view name) const {
        const auto it = std::lower_bound(sorted.begin(), sorted.end(), name,
                                         [](const detail::CountryName& row, std::string_view n) { return row.name < n; });
        if (it != sorted.end() && it->name == name) return it->code;
        return std::nullopt;
    }
};
const CountryIndex& country_index() {
    static const CountryIndex kIndex;
    return kIndex;
}

const WordSet& closing_set() {
    static const WordSet kSet(detail::closing_phrases());
    return kSet;
}

// Labels by the (lowercased) first byte of their text, longest first.
const std::array<std::vector<const detail::ContactLabel*>, 256>& label_buckets() {
    static const auto kBuckets = [] {
        std::array<std::vector<const detail::ContactLabel*>, 256> buckets;
        for (const auto& label : detail::contact_labels())
            buckets[static_cast<unsigned char>(ascii_lower(label.text.front()))].push_back(&label);
        return buckets;
    }();
    return kBuckets;
}

// A word lowercased with the punctuation that varies between spellings removed ("Co.," "co",
// "S.r.l." "srl", "(Tom)" "tom").
std::string normalise_word(std::string_view w) {
    std::string out;
    out.reserve(w.size());
    for (char c : w) {
        if (c == '.' || c == ',' || c == '(' || c == ')' || c == '\'' || c == '"' || c == ':' || c == ';' || c == '[' ||
            c == ']')
            continue;
        out.push_back(ascii_lower(c));
    }
    return out;
}

// Words of a piece: split at spaces and commas.
std::vector<std::string_view> words_of(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
        const std::size_t b = i;
        while (i < s.size() && s[i] != ' ' && s[i] != ',') ++i;
        if (i > b) out.push_back(s.substr(b, i - b));
    }
    return out;
}

bool has_digit(std::string_view s) { return std::any_of(s.begin(), s.end(), is_digit); }
std::size_t count_digits(std::string_view s) { return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), is_digit)); }

bool has_han(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const Decoded d = decode(s, i);
        if (d.len == 0) return false;
        if (is_han(d.cp)) return true;
        i += d.len;
    }
    return false;
}

bool contains_any(std::string_view s, const std::vector<std::string_view>& parts) {
    return std::any_of(parts.begin(), parts.end(), [&](std::string_view p) { return s.find(p) != std::string_view::npos; });
}

// Spaces and separators around a value; a final '.' stays ("Co., Ltd.", "Sales Mgr.").
std::string_view trim_punctuation(std::string_view s) {
    auto junk = [](char c) {
        return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '~' || c == '-' || c == '|' || c == '/' ||
               c == '*' || c == '_' || c == '=' || is_space(c);
    };
    while (!s.empty() && junk(s.back()) && s.back() != '.') s.remove_suffix(1);
    while (!s.empty() && junk(s.front())) s.remove_prefix(1);
    if (std::all_of(s.begin(), s.end(), junk)) return {};
    return s;
}

// The words of a closing without its punctuation: "Thanks!" "thanks", "Best regards," "best regards".
std::string closing_words(std::string_view s) {
    s = trim_punctuation(s);
    while (!s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == ',' || s.back() == '~' || is_space(s.back())))
        s.remove_suffix(1);
    return detail::to_lower(s);
}

std::string squeeze(std::string_view s) { return detail::squeeze_spaces(s); }

// ---------------------------------------------------------------------------------------------
// Labels

struct LabelWord {
    std::size_t len = 0;
    std::uint32_t kinds = 0;
    bool han = false;     // written in Chinese: no word boundary needed after it
    bool letter = false;  // a single letter ("T", "M", "E")
};

// The longest label spelled at s[pos].
LabelWord label_word_at(std::string_view s, std::size_t pos) {
    if (pos >= s.size()) return {};
    for (const detail::ContactLabel* label : label_buckets()[static_cast<unsigned char>(ascii_lower(s[pos]))]) {
        const std::string_view t = label->text;
        if (s.size() - pos < t.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < t.size() && same; ++k) same = ascii_lower(s[pos + k]) == t[k];
        if (!same) continue;
        const bool han = static_cast<unsigned char>(t.front()) >= 0x80;
        const std::size_t end = pos + t.size();
        if (!han && end < s.size() && is_ascii_alpha(s[end])) continue;  // "Tel" in "Telex", "M" in "Mark"
        return {t.size(), label->kinds, han, t.size() == 1};
    }
    return {};
}

// How many digits the phone-shaped run at s[pos] has ("+86 (574) 8788-1234": 13).
std::size_t phone_run_digits(std::string_view s, std::size_t pos) {
    std::size_t digits = 0, joiners = 0;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '(')) ++pos;
    for (; pos < s.size(); ++pos) {
        const char c = s[pos];
        if (is_digit(c)) {
            ++digits;
            joiners = 0;
        } else if ((c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') && ++joiners <= 2) {
        } else {
            break;
        }
    }
    return digits;
}

struct LabelMatch {
    std::size_t begin = 0;  // where the label starts
    std::size_t value = 0;  // where its value starts
    std::uint32_t kinds = 0;
};

// A label at s[pos]: label words joined by '/', '&', '+' or ',' ("Mob/WhatsApp", "Tel & Fax"), an
// optional '.', then ':' (or the ']' of "[Tel]"); or, with no colon, a label followed by what it
// announces: a phone label by 7 or more digits ("Tel +49 89 1234567", "手机13812345678"), "Email"
// by an address, "Web" by a link, a messenger at the start of a piece by an ID. Single letters
// ("T", "M", "F") go without a colon only at the start of a piece, so that initials and "Room 5 F"
// stay text.
std::optional<LabelMatch> label_at(std::string_view s, std::size_t pos, bool piece_start) {
    const bool bracketed = pos > 0 && (s[pos - 1] == '[' || s[pos - 1] == '(');
    LabelWord w = label_word_at(s, pos);
    if (w.len == 0) return std::nullopt;
    std::uint32_t kinds = w.kinds;
    bool letter = w.letter, han = w.han;
    std::size_t p = pos + w.len;
    // "Tel.", "Mob.:" but not "linkedin.com"
    auto abbreviation_dot = [&](std::size_t at) { return at < s.size() && s[at] == '.' && (at + 1 >= s.size() || !is_ascii_alnum(s[at + 1])); };
    if (abbreviation_dot(p)) ++p;
    for (int more = 0; more < 3; ++more) {
        std::size_t q = p;
        while (q < s.size() && s[q] == ' ') ++q;
        if (q >= s.size() || (s[q] != '/' && s[q] != '&' && s[q] != '+' && s[q] != ',')) break;
        ++q;
        while (q < s.size() && s[q] == ' ') ++q;
        const LabelWord next = label_word_at(s, q);
        if (next.len == 0) break;
        kinds |= next.kinds;
        letter = false;
        han = han || next.han;
        p = q + next.len;
        if (abbreviation_dot(p)) ++p;
    }
    std::size_t q = p;
    while (q < s.size() && s[q] == ' ') ++q;
    if (q < s.size() && s[q] == ':') return LabelMatch{bracketed ? pos - 1 : pos, q + 1, kinds};
    if (bracketed && q < s.size() && (s[q] == ']' || s[q] == ')')) {
        std::size_t v = q + 1;
        if (v < s.size() && s[v] == ':') ++v;
        return LabelMatch{pos - 1, v, kinds};
    }
    // No colon: the value has to announce itself.
    if (letter && !piece_start) return std::nullopt;
    if (q >= s.size()) return std::nullopt;
    const std::string_view rest = s.substr(q);
    const std::string_view token = rest.substr(0, rest.find(' '));
    if ((kinds & detail::kPhoneLabels) != 0 && (kinds & ~(detail::kPhoneLabels | detail::kLabelWeChat)) == 0) {
        if ((is_digit(rest[0]) || rest[0] == '+' || rest[0] == '(') && phone_run_digits(rest, 0) >= 7)
            return LabelMatch{pos, q, kinds};
        return std::nullopt;
    }
    if (letter) return std::nullopt;
    if (kinds == detail::kLabelEmail && token.find('@') != std::string_view::npos) return LabelMatch{pos, q, kinds};
    if (kinds == detail::kLabelWeb && (detail::istarts_with(token, "www.") || detail::istarts_with(token, "http")))
        return LabelMatch{pos, q, kinds};
    if (piece_start && q > p && (kinds & ~(detail::kLabelWeChat | detail::kLabelSkype | detail::kLabelQq | detail::kLabelLinkedIn |
                                  detail::kLabelWhatsApp)) == 0 &&
        (is_ascii_alnum(rest[0]) || rest[0] == '_'))
        return LabelMatch{pos, q, kinds};
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Pieces

struct Piece {
    std::string_view text;  // into Line::text, trimmed
    std::size_t offset = 0;  // of text in Line::text
    std::size_t line = 0;
    std::uint32_t kinds = 0;  // 0: unlabelled
};

bool label_position(std::string_view s, std::size_t pos) {
    const char c = s[pos];
    if (is_ascii_alpha(c)) return pos == 0 || !is_ascii_alnum(s[pos - 1]);
    if (static_cast<unsigned char>(c) >= 0x80) return !is_han(char_before(s, pos));  // "联系电话" is one label
    return false;
}

void add_piece(std::vector<Piece>& out, std::string_view seg, std::size_t seg_offset, std::size_t begin, std::size_t end,
               std::size_t line, std::uint32_t kinds) {
    std::string_view t = seg.substr(begin, end - begin);
    std::size_t b = 0, e = t.size();
    while (b < e && is_space(t[b])) ++b;
    while (e > b && is_space(t[e - 1])) --e;
    if (b == e) return;
    out.push_back({t.substr(b, e - b), seg_offset + begin + b, line, kinds});
}

// `carry`: the kinds of a label that ended the previous segment with no value ("Tel:\t+49 ..." is
// "Tel:" and "+49 ..." once the tab has cut the line); set in turn when this one ends so.
void split_segment(std::vector<Piece>& out, std::string_view seg, std::size_t seg_offset, std::size_t line,
                   std::uint32_t& carry) {
    std::size_t value = 0;
    std::uint32_t kinds = carry;
    carry = 0;
    std::size_t first_word = 0;
    while (first_word < seg.size() && (seg[first_word] == ' ' || seg[first_word] == '[' || seg[first_word] == '('))
        ++first_word;
    for (std::size_t pos = 0; pos < seg.size();) {
        if (!label_position(seg, pos)) {
            ++pos;
            continue;
        }
        const auto m = label_at(seg, pos, pos <= first_word || pos == value);
        if (!m) {
            // on to the next word, or the next character after a Chinese one
            if (is_ascii_alpha(seg[pos])) {
                while (pos < seg.size() && is_ascii_alpha(seg[pos])) ++pos;
            } else {
                pos += std::max<std::size_t>(1, decode(seg, pos).len);
            }
            continue;
        }
        add_piece(out, seg, seg_offset, value, m->begin, line, kinds);
        kinds = m->kinds;
        value = m->value;
        pos = m->value;
        while (value < seg.size() && seg[value] == ' ') ++value;
    }
    if (kinds != 0 && trim(seg.substr(std::min(value, seg.size()))).empty())
        carry = kinds;
    else
        add_piece(out, seg, seg_offset, value, seg.size(), line, kinds);
}

// A line cut at '|' and ';' and runs of two spaces, then before each label.
void split_line(std::vector<Piece>& out, const Line& line, std::size_t index) {
    const std::string_view s = line.text;
    std::size_t start = 0;
    std::uint32_t carry = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        bool cut = i == s.size() || s[i] == '|' || s[i] == ';';
        std::size_t skip = 1;
        if (!cut && s[i] == ' ' && i + 1 < s.size() && s[i + 1] == ' ') {
            cut = true;
            while (i + skip < s.size() && s[i + skip] == ' ') ++skip;
        }
        if (!cut) continue;
        if (i > start) split_segment(out, s.substr(start, i - start), start, index, carry);
        start = i + skip;
        i += skip - 1;
    }
}

// ---------------------------------------------------------------------------------------------
// Phones

struct PhoneText {
    std::string digits;  // after '+' or "00" when international
    bool international = false;
    std::size_t begin = 0, end = 0;  // in the piece
};

// Phone-shaped runs of 7 to 17 digits in a piece: '+' or '(' or a digit not glued to a letter or
// digit before it, then digits joined by at most two of space - . ( ) in a row. An extension
// ("ext. 808", "转808", "x12") ends the run. Every run counts against `budget`.
std::vector<PhoneText> phone_texts(std::string_view s, std::size_t& budget) {
    std::vector<PhoneText> out;
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n && budget > 0;) {
        while (i < n && !is_digit(s[i]) && s[i] != '+' && s[i] != '(') ++i;
        if (i >= n) break;
        const std::size_t begin = i;
        if (begin > 0 && is_ascii_alnum(s[begin - 1])) {
            // inside a word ("h(0)", "A4+B12"): past it, one character at least
            ++i;
            while (i < n && (is_ascii_alnum(s[i]) || s[i] == '+')) ++i;
            continue;
        }
        const bool plus = s[i] == '+';
        if (plus || s[i] == '(') ++i;
        PhoneText t;
        std::size_t end = i, joiners = 0;
        for (; i < n; ++i) {
            const char c = s[i];
            if (is_digit(c)) {
                t.digits.push_back(c);
                joiners = 0;
                end = i + 1;
            } else if ((c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') && ++joiners <= 2) {
                if (c == ')') end = i + 1;
            } else {
                break;
            }
        }
        if (t.digits.empty()) continue;
        if (end < n && is_ascii_alpha(s[end]) && !(s[end] == 'x' || s[end] == 'X' || s[end] == 'e' || s[end] == 'E')) {
            while (i < n && is_ascii_alnum(s[i])) ++i;  // glued to a word: a part number, not a phone
            continue;
        }
        if (t.digits.size() < 7 || t.digits.size() > 17) continue;
        --budget;
        t.international = plus;
        if (!plus && t.digits.starts_with("00")) {
            t.digits.erase(0, 2);
            t.international = true;
        }
        t.begin = begin;
        t.end = end;
        out.push_back(std::move(t));
    }
    return out;
}

struct Number {
    bool valid = false;
    bool possible = false;
    std::string e164;
    PhoneNumberUtil::PhoneNumberType type = PhoneNumberUtil::UNKNOWN;
    PhoneNumber number;
};

class Dialer {
public:
    Dialer() : util_(*PhoneNumberUtil::GetInstance()) {}

    bool known_region(const std::string& region) const { return util_.GetCountryCodeForRegion(region) != 0; }

    // Where a valid number is: +1 647 is CA, not US; +44 7911 12 is Guernsey's range.
    std::string region_of(const Number& n) const {
        std::string region;
        util_.GetRegionCodeForNumber(n.number, &region);
        return region;
    }

    // Digits after '+' or "00". "+44 (0)20 ..." and "+86-0574-..." keep a trunk prefix that goes.
    Number international(std::string_view digits) const {
        for (std::size_t len = 1; len <= 3 && len < digits.size(); ++len) {
            int cc = 0;
            for (std::size_t k = 0; k < len; ++k) cc = cc * 10 + (digits[k] - '0');
            std::string region;
            util_.GetRegionCodeForCountryCode(cc, &region);
            if (region == "ZZ") continue;
            return in_country(cc, region, digits.substr(len), false, true);
        }
        return {};
    }

    // Digits written without a country code, in `region`. "86-574-..." written without its '+' is
    // tried as international when it is not valid as national.
    Number national(std::string_view digits, const std::string& region) const {
        const int cc = util_.GetCountryCodeForRegion(region);
        if (cc == 0) return {};
        Number n = in_country(cc, region, digits, true, false);
        if (n.valid) return n;
        const std::string code = std::to_string(cc);
        if (digits.starts_with(code)) {
            Number m = in_country(cc, region, digits.substr(code.size()), false, false);
            if (m.valid) return m;
        }
        return n;
    }

private:
    // `want_possible`: say whether an invalid number is at least possible (only international ones
    // are kept when merely possible, so national ones skip the cost).
    Number in_country(int cc, const std::string& region, std::string_view national, bool strip_first,
                      bool want_possible) const {
        std::string ndd;
        util_.GetNddPrefixForRegion(region, true, &ndd);
        Number n;
        if (strip_first && !ndd.empty() && national.starts_with(ndd)) national.remove_prefix(ndd.size());
        if (build(cc, national, n)) return n;
        // A trunk prefix written after the country code: "+44 (0)20", "+86 0574".
        if (!strip_first && !ndd.empty() && national.starts_with(ndd)) {
            Number m;
            if (build(cc, national.substr(ndd.size()), m)) return m;
        }
        // possible as a full number, not just as a local one ("0577-1234" without its area code)
        n.possible = want_possible && n.number.country_code() != 0 &&
                     util_.IsPossibleNumberWithReason(n.number) == PhoneNumberUtil::IS_POSSIBLE;
        if (n.possible) util_.Format(n.number, PhoneNumberUtil::E164, &n.e164);
        return n;
    }

    bool build(int cc, std::string_view national, Number& out) const {
        PhoneNumber& number = out.number;
        if (!build_phone_number(cc, national, number)) return false;
        out.type = util_.GetNumberType(number);
        if (out.type == PhoneNumberUtil::UNKNOWN) return false;
        out.valid = out.possible = true;
        util_.Format(number, PhoneNumberUtil::E164, &out.e164);
        return true;
    }

    const PhoneNumberUtil& util_;
};

// ---------------------------------------------------------------------------------------------
// Recognisers for unlabelled text

bool is_closing(std::string_view text, std::string_view& rest) {
    const std::string lower = closing_words(text);
    if (lower.empty()) return false;
    if (closing_set().contains(lower)) {
        rest = {};
        return true;
    }
    // "Best regards, John Smith", "Thanks - Tom"
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != ',' && c != '-' && c != '!' && c != ':') continue;
        const std::string head = closing_words(text.substr(0, i));
        if (closing_set().contains(head)) {
            rest = trim_punctuation(text.substr(i + 1));
            return true;
        }
        break;
    }
    return false;
}

bool skipped_line(std::string_view text) {
    for (std::string_view start : detail::skipped_line_starts())
        if (detail::istarts_with(text, start)) return true;
    return false;
}

// A country named at the end of an address ("..., China", "80802 München, Germany", "P.R. China").
std::optional<std::string_view> country_at_end(std::string_view text) {
    const auto words = words_of(text);
    std::string tail;
    for (std::size_t k = 1; k <= 4 && k <= words.size(); ++k) {
        // the last k words, dots removed, postcodes skipped
        tail.clear();
        for (std::size_t w = words.size() - k; w < words.size(); ++w) {
            const std::string norm = normalise_word(words[w]);
            if (norm.empty()) continue;
            if (!tail.empty()) tail.push_back(' ');
            tail += norm;
        }
        if (tail.empty()) continue;
        if (const auto code = country_index().find(tail)) return code;
        if (k == 1) {
            // 中国 glued to what precedes it: "浙江省宁波市...中国"
            for (const auto& row : country_index().han)
                if (tail.ends_with(row.name)) return row.code;
            const std::size_t slash = tail.find('/');  // "istanbul/türkiye"
            if (slash != std::string::npos)
                if (const auto code = country_index().find(std::string_view(tail).substr(slash + 1))) return code;
        }
    }
    return std::nullopt;
}

// A postcode: 4 to 6 digits ("315800", "80802", "1010"), Brazil's 5-3 ("01310-100") or a UK outward
// and inward code ("SW1A 1AA", "M1 1AE").
bool has_postcode(std::string_view text) {
    const auto words = words_of(text);
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string_view w = words[i];
        while (!w.empty() && (w.back() == '.' || w.back() == ')')) w.remove_suffix(1);
        if (w.size() >= 4 && w.size() <= 6 && std::all_of(w.begin(), w.end(), is_digit)) return true;
        if (w.size() == 9 && w[5] == '-' && count_digits(w) == 8) return true;
        const auto uk_inward = [](std::string_view v) {
            return v.size() == 3 && is_digit(v[0]) && is_ascii_alpha(v[1]) && is_ascii_alpha(v[2]) && v[1] >= 'A' &&
                   v[1] <= 'Z' && v[2] >= 'A' && v[2] <= 'Z';
        };
        if (i + 1 < words.size() && w.size() >= 2 && w.size() <= 4 && w[0] >= 'A' && w[0] <= 'Z' && has_digit(w) &&
            std::all_of(w.begin(), w.end(), [](char c) { return is_digit(c) || (c >= 'A' && c <= 'Z'); }) &&
            uk_inward(words[i + 1]))
            return true;
    }
    return false;
}

bool has_street_word(std::string_view text) {
    const auto words = words_of(text);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string norm = normalise_word(words[i]);
        if (street_set().contains(norm)) return true;
        // "Leopoldstraße 1", "Hauptstr. 5"
        if (i + 1 < words.size() && is_digit(words[i + 1].front()))
            for (std::string_view end : detail::street_endings())
                if (norm.size() > end.size() + 2 && norm.ends_with(end)) return true;
    }
    return false;
}

std::size_t han_address_words_in(std::string_view text) {
    std::size_t n = 0;
    for (std::string_view w : detail::han_address_words())
        if (text.find(w) != std::string_view::npos) ++n;
    return n;
}

// A postal address line: a street word and a number, a postcode and a country, or at least two
// parts of a Chinese address with a number or three without.
bool looks_like_address(std::string_view text) {
    const bool digits = has_digit(text);
    if (digits && has_street_word(text)) return true;
    if (has_postcode(text) && country_at_end(text)) return true;
    const std::size_t han = han_address_words_in(text);
    return han >= 3 || (han >= 2 && digits);
}

bool has_legal_form(std::string_view text) {
    for (std::string_view w : words_of(text)) {
        const std::string norm = normalise_word(w);
        if (norm.empty()) continue;
        for (const auto& form : detail::legal_forms()) {
            if (norm != form.word) continue;
            if (form.upper_only &&
                !std::all_of(w.begin(), w.end(), [](char c) { return !is_ascii_alpha(c) || (c >= 'A' && c <= 'Z'); }))
                continue;
            // "Co." is a company, "CO 80202" is Colorado
            if (form.word == "co" && w.find('.') == std::string_view::npos) continue;
            return true;
        }
    }
    if (has_han(text)) {
        const std::string_view t = trim_punctuation(text);
        for (std::string_view w : detail::han_company_words()) {
            if (t.ends_with(w)) return true;
            if (w.size() > 3 && t.find(w) != std::string_view::npos) return true;  // 公司, 集团 inside
        }
    }
    return false;
}

bool has_title_word(std::string_view text) {
    for (std::string_view w : words_of(text)) {
        // "Sales/Export Manager": each part of a slashed word
        std::size_t b = 0;
        while (b <= w.size()) {
            const std::size_t e = std::min(w.find('/', b), w.size());
            if (title_set().contains(normalise_word(w.substr(b, e - b)))) return true;
            b = e + 1;
        }
    }
    return has_han(text) && contains_any(text, detail::han_title_words());
}

bool is_country_name(std::string_view text) { return country_index().find(normalise_word(text)).has_value(); }

// Tokens of a name for comparing with the sender: ASCII words lowercased, runs of Chinese as they are.
std::vector<std::string> name_tokens(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    bool cur_han = false;
    auto flush = [&] {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
    };
    for (std::size_t i = 0; i < s.size();) {
        const Decoded d = decode(s, i);
        if (d.len == 0) {
            flush();
            ++i;
            continue;
        }
        if (d.len == 1 && is_ascii_alpha(static_cast<char>(d.cp))) {
            if (cur_han) flush();
            cur_han = false;
            cur.push_back(ascii_lower(static_cast<char>(d.cp)));
        } else if (is_han(d.cp)) {
            if (!cur_han) flush();
            cur_han = true;
            cur.append(s.substr(i, d.len));
        } else if (d.len > 1 && u_isalpha(static_cast<UChar32>(d.cp))) {
            if (cur_han) flush();
            cur_han = false;
            cur.append(s.substr(i, d.len));  // "Müller"
        } else {
            flush();
        }
        i += d.len;
    }
    flush();
    return out;
}

struct SenderNames {
    std::vector<std::string> tokens;  // of the display name and the local part's words
    std::string local_letters;        // the local part's letters ("tomli" of "tomli88")
};

SenderNames sender_names(const Sender& sender) {
    SenderNames out;
    out.tokens = name_tokens(sender.name);
    const std::size_t at = sender.address.rfind('@');
    const std::string_view local = std::string_view(sender.address).substr(0, at == std::string::npos ? 0 : at);
    for (auto& t : name_tokens(local)) out.tokens.push_back(std::move(t));
    for (char c : local)
        if (is_ascii_alpha(c)) out.local_letters.push_back(ascii_lower(c));
    return out;
}

// How many words the candidate shares with the From name or its address's local part ("Li Ming
// (Tom)" and "Tom Li <tom@...>": 2, "John Smith" and "Smith, John": 2, "Smith" in "jsmith": 1), a
// Chinese name counting as one.
std::size_t agreement_with_sender(std::string_view candidate, const SenderNames& sender) {
    std::size_t shared = 0;
    for (const std::string& t : name_tokens(candidate)) {
        const bool han = has_han(t);
        bool found = !han && t.size() >= 3 && sender.local_letters.find(t) != std::string::npos;
        for (const std::string& s : sender.tokens) {
            if (found) break;
            found = (t == s && t.size() >= 2) ||
                    (han && s.size() >= 6 && t.size() >= 6 && (s.find(t) != std::string::npos || t.find(s) != std::string::npos));
        }
        if (found) ++shared;
    }
    return shared;
}

bool agrees_with_sender(std::string_view candidate, const SenderNames& sender) {
    return agreement_with_sender(candidate, sender) > 0;
}

bool starts_with_surname(std::string_view han) {
    for (std::string_view s : detail::han_surnames())
        if (han.starts_with(s) && han.size() > s.size()) return true;
    return false;
}

// A person's name: one to four capitalised words (with particles, initials, hyphens, a nickname in
// brackets, one comma for "Smith, John"), or two to four Chinese characters that start with a
// family name, or both ("王小红 Linda").
bool looks_like_name(std::string_view text, bool single_word_ok) {
    if (text.empty() || text.size() > kMaxNameBytes) return false;
    if (has_digit(text) || text.find_first_of("@:/&+=#*_<>|") != std::string_view::npos) return false;
    if (std::count(text.begin(), text.end(), ',') > 1) return false;
    std::size_t words = 0;
    for (std::string_view w : words_of(text)) {
        if (w.front() == '(' && w.back() == ')') continue;  // "(Tom)"
        if (w.front() == '(' || w.back() == ')') return false;
        const Decoded first = decode(w, 0);
        if (first.len == 0) return false;
        if (is_han(first.cp)) {
            std::size_t chars = 0;
            for (std::size_t i = 0; i < w.size();) {
                const Decoded d = decode(w, i);
                if (d.len == 0 || !is_han(d.cp)) return false;
                ++chars;
                i += d.len;
            }
            if (chars < 2 || chars > 4 || !starts_with_surname(w)) return false;
            for (std::string_view non : detail::han_non_names())
                if (w == non) return false;
            ++words;
            continue;
        }
        const std::string norm = normalise_word(w);
        if (particle_set().contains(norm)) continue;
        if (!u_isupper(static_cast<UChar32>(first.cp)) && !u_istitle(static_cast<UChar32>(first.cp))) return false;
        for (std::size_t i = 0; i < w.size();) {
            const Decoded d = decode(w, i);
            if (d.len == 0) return false;
            const char32_t c = d.cp;
            if (!(u_isalpha(static_cast<UChar32>(c)) || c == '.' || c == '-' || c == '\'' || c == 0x2019 || c == ','))
                return false;
            i += d.len;
        }
        if (title_set().contains(norm) || is_country_name(w)) return false;
        ++words;
    }
    if (words == 0 || words > 4) return false;
    if (words == 1 && !single_word_ok) return false;
    return true;
}

// ---------------------------------------------------------------------------------------------
// Links

struct Link {
    enum Kind { website, linkedin, whatsapp, social } kind = website;
    std::string_view text;  // as written, trailing '/' and punctuation removed
    std::string host;       // lowercase
    std::string_view path;  // from the first '/' after the host
    bool explicit_link = false;  // written with http(s):// or www.
};

bool common_tld(std::string_view tld) {
    static constexpr std::string_view kGeneric[] = {"com", "net", "org", "info", "biz", "edu", "gov", "shop", "store",
                                                    "online", "tech", "site", "xyz", "top", "asia", "global", "trade",
                                                    "world", "pro"};
    if (tld.size() == 2 && std::all_of(tld.begin(), tld.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return true;
    return std::find(std::begin(kGeneric), std::end(kGeneric), tld) != std::end(kGeneric);
}

std::optional<Link> parse_link(std::string_view token) {
    while (!token.empty() && (token.front() == '(' || token.front() == '<' || token.front() == '[' || token.front() == '"'))
        token.remove_prefix(1);
    while (!token.empty() && (token.back() == ')' || token.back() == '>' || token.back() == ']' || token.back() == '"' ||
                              token.back() == ',' || token.back() == ';' || token.back() == '.' || token.back() == '!' ||
                              token.back() == '/'))
        token.remove_suffix(1);
    if (token.empty() || token.find('@') != std::string_view::npos) return std::nullopt;
    Link link;
    link.text = token;
    std::string_view rest = token;
    if (detail::istarts_with(rest, "https://")) {
        rest.remove_prefix(8);
        link.explicit_link = true;
    } else if (detail::istarts_with(rest, "http://")) {
        rest.remove_prefix(7);
        link.explicit_link = true;
    }
    if (detail::istarts_with(rest, "www.")) link.explicit_link = true;
    const std::size_t slash = std::min(rest.find_first_of("/?#"), rest.size());
    link.host = detail::to_lower(rest.substr(0, slash));
    link.path = rest.substr(slash);
    // a host: labels of letters, digits and '-', at least two, the last a top-level domain
    if (link.host.size() < 4 || link.host.front() == '.' || link.host.find("..") != std::string::npos) return std::nullopt;
    for (char c : link.host)
        if (!(is_ascii_alnum(c) || c == '-' || c == '.')) return std::nullopt;
    const std::size_t dot = link.host.rfind('.');
    if (dot == std::string::npos) return std::nullopt;
    const std::string_view tld = std::string_view(link.host).substr(dot + 1);
    if (!std::all_of(tld.begin(), tld.end(), is_ascii_alpha) || tld.size() < 2) return std::nullopt;
    const std::size_t before = link.host.rfind('.', dot - 1);
    const std::size_t second = before == std::string::npos ? dot : dot - before - 1;
    if (second < 2) return std::nullopt;  // "S.A", "S.r.l"
    if (!link.explicit_link && !common_tld(tld)) return std::nullopt;
    if (detail::host_has_suffix(link.host, "linkedin.com"))
        link.kind = Link::linkedin;
    else if (link.host == "wa.me" || detail::host_has_suffix(link.host, "whatsapp.com"))
        link.kind = Link::whatsapp;
    else
        for (std::string_view social : detail::social_hosts())
            if (detail::host_has_suffix(link.host, social)) link.kind = Link::social;
    return link;
}

// ---------------------------------------------------------------------------------------------
// The card being built

struct PendingPhone {
    PhoneText text;
    std::uint32_t kinds = 0;  // label kinds, markers included
    bool labelled = false;    // by a label before it
    bool marked = false;      // by a word after it ("(Fax)", "(微信同号)")
    bool messenger_only = false;  // "WhatsApp: +86 ...", wa.me/86...: the messenger's number, no phone entry
    std::string raw;
};

void set_better(std::optional<Field>& field, std::string value, double confidence) {
    if (value.empty()) return;
    if (!field || confidence > field->confidence) field = Field{std::move(value), confidence};
}

class Reader {
public:
    Reader(const std::vector<Line>& lines, const Sender& sender, const ContactOptions& options)
        : lines_(lines), sender_(sender), options_(options), names_(sender_names(sender)),
          phone_budget_(options.max_phone_candidates) {
        const std::size_t at = sender.address.rfind('@');
        if (at != std::string::npos) sender_domain_ = detail::to_lower(std::string_view(sender.address).substr(at + 1));
    }

    void read(const Piece& p) {
        const bool continues = address_open_ && (p.line == address_line_ || p.line == address_line_ + 1);
        const bool was_address = address_open_;
        address_open_ = false;
        if (p.kinds != 0) {
            read_labelled(p);
        } else {
            read_unlabelled(p, was_address && continues);
        }
    }

    ContactCard finish();

private:
    void read_labelled(const Piece& p);
    void read_unlabelled(const Piece& p, bool may_continue_address);
    // `offset`: where `text` starts in p.text (text may be a copy of that part with some words blanked)
    bool read_text(std::string_view text, const Piece& p, std::size_t offset);
    bool read_phones(std::string_view text, const Piece& p, std::size_t offset, std::uint32_t kinds, bool labelled);
    void read_emails(std::string_view text, bool labelled);
    // `alone`: the link is all its piece holds (a bare "acme.de" line)
    void read_link(const Link& link, bool labelled, bool alone = false);
    void read_handle(std::string_view text, const Piece& p, std::uint32_t kinds);
    void start_address(std::string_view text, const Piece& p, double confidence);
    void add_name(std::string_view text, double confidence);

    std::string raw_of(const Piece& p, std::size_t begin, std::size_t end) const {
        const Line& line = lines_[p.line];
        const std::size_t b = p.offset + begin, e = p.offset + end;
        const std::size_t ob = line.from[b];
        const std::size_t oe = e < line.from.size() ? line.from[e] : line.original.size();
        std::string_view raw = line.original.substr(ob, oe > ob ? oe - ob : 0);
        while (!raw.empty() && is_space(raw.back())) raw.remove_suffix(1);
        if (!valid_utf8(raw)) return std::string(p.text.substr(begin, end - begin));
        return std::string(raw);
    }

    const std::vector<Line>& lines_;
    const Sender& sender_;
    const ContactOptions& options_;
    SenderNames names_;
    std::string sender_domain_;
    std::size_t phone_budget_;
    ContactCard card_;
    std::vector<PendingPhone> phones_;
    bool after_closing_ = false;
    bool seen_text_ = false;
    bool address_open_ = false;
    std::size_t address_line_ = 0;
    std::size_t address_lines_ = 0;
};

// A name that shares words with the From line is surer the more it shares: "Oliver Hughes" beats
// the "Oliver" above it.
void Reader::add_name(std::string_view text, double confidence) {
    std::string value = squeeze(text);
    const std::size_t shared = agreement_with_sender(value, names_);
    if (shared > 0) confidence = std::max(confidence, kAgreesWithSender) + (shared > 1 ? 0.05 : 0.0);
    set_better(card_.name, std::move(value), std::min(confidence, 0.95));
}

void Reader::start_address(std::string_view text, const Piece& p, double confidence) {
    const std::string_view t = trim_punctuation(text);
    if (t.empty()) return;
    if (card_.address && card_.address->confidence >= confidence) return;
    card_.address = Field{std::string(cut_utf8(t, kMaxAddressBytes)), confidence};
    // keep the trailing comma's promise of a next line
    if (trim(text).ends_with(',')) card_.address->value.push_back(',');
    address_open_ = true;
    address_line_ = p.line;
    address_lines_ = 1;
}

void Reader::read_emails(std::string_view text, bool labelled) {
    for (const auto& found : detail::find_addresses(text, kMaxContactEmails)) {
        std::string address = detail::to_lower(found.address);
        if (!is_address(address)) continue;
        double confidence = labelled ? kLabelledEmail : kShapeEmail;
        if (address == sender_.address) confidence = kLabelledEmail;
        auto same = std::find_if(card_.emails.begin(), card_.emails.end(), [&](const Field& f) { return f.value == address; });
        if (same != card_.emails.end()) {
            same->confidence = std::max(same->confidence, confidence);
        } else if (card_.emails.size() < kMaxContactEmails) {
            card_.emails.push_back({std::move(address), confidence});
        }
    }
}

void Reader::read_link(const Link& link, bool labelled, bool alone) {
    switch (link.kind) {
        case Link::linkedin:
            set_better(card_.linkedin, std::string(link.text), labelled ? kLabelled : kShapeLinkedIn);
            return;
        case Link::whatsapp: {
            // wa.me/8613812345678, api.whatsapp.com/send?phone=8613812345678
            std::string digits;
            for (char c : link.path)
                if (is_digit(c)) digits.push_back(c);
            if (digits.size() >= 7 && digits.size() <= 17 && phone_budget_ > 0) {
                --phone_budget_;
                PendingPhone pending;
                pending.text.digits = std::move(digits);
                pending.text.international = true;
                pending.kinds = detail::kLabelWhatsApp;
                pending.labelled = labelled;
                pending.marked = !labelled;
                pending.messenger_only = true;
                pending.raw = std::string(link.text);
                phones_.push_back(std::move(pending));
            }
            return;
        }
        case Link::social:
            return;
        case Link::website: {
            double confidence = 0;
            if (labelled)
                confidence = kLabelled;
            else if (link.explicit_link)
                confidence = kShapeWebsite;
            else if (alone || (!sender_domain_.empty() && (link.host == sender_domain_ || link.host == "www." + sender_domain_)))
                confidence = kBareWebsite;
            if (confidence > 0) set_better(card_.website, std::string(link.text), confidence);
            return;
        }
    }
}

bool Reader::read_phones(std::string_view text, const Piece& p, std::size_t offset, std::uint32_t kinds, bool labelled) {
    const auto found = phone_texts(text, phone_budget_);
    if (found.empty()) return false;
    // Words beside the numbers that say more: "(WhatsApp)", "（微信同号）", "(Fax)".
    std::uint32_t marks = 0;
    std::size_t from = 0;
    auto scan_words = [&](std::string_view part) {
        for (std::size_t i = 0; i < part.size(); ++i) {
            if (!label_position(part, i)) continue;
            const LabelWord w = label_word_at(part, i);
            if (w.len == 0 || w.letter) continue;
            marks |= w.kinds;
            i += w.len - 1;
        }
    };
    for (const auto& t : found) {
        scan_words(text.substr(from, t.begin - from));
        from = t.end;
    }
    scan_words(text.substr(from));
    const std::uint32_t allowed = labelled ? (detail::kLabelWhatsApp | detail::kLabelWeChat)
                                           : (detail::kPhoneLabels | detail::kLabelWeChat);
    marks &= allowed;
    for (const auto& t : found) {
        PendingPhone pending;
        pending.text = t;
        pending.kinds = kinds | marks;
        pending.labelled = labelled;
        pending.marked = !labelled && marks != 0;
        pending.messenger_only =
            labelled && (pending.kinds & (detail::kLabelPhone | detail::kLabelOffice | detail::kLabelMobile | detail::kLabelFax)) == 0;
        pending.raw = raw_of(p, offset + t.begin, offset + t.end);
        phones_.push_back(std::move(pending));
    }
    return true;
}

void Reader::read_handle(std::string_view text, const Piece& p, std::uint32_t kinds) {
    // the first word: "live:tomli", "wxh_2020", "tomli88 (same as WhatsApp)"
    std::string_view token = text.substr(0, std::min(text.find_first_of(" ,(["), text.size()));
    while (!token.empty() && (token.back() == '.' || token.back() == ';')) token.remove_suffix(1);
    if (token.empty() || token.size() > kMaxHandleBytes) return;
    if (kinds & detail::kLabelLinkedIn) {
        if (const auto link = parse_link(token); link && link->kind == Link::linkedin)
            set_better(card_.linkedin, std::string(link->text), kLabelled);
        else if (std::all_of(token.begin(), token.end(), [](char c) { return is_ascii_alnum(c) || c == '-' || c == '_' || c == '.'; }))
            set_better(card_.linkedin, std::string(token), kLabelled);
        return;
    }
    const bool digits_only = std::all_of(token.begin(), token.end(), [](char c) { return is_digit(c) || c == '+' || c == '-'; });
    if (kinds & detail::kLabelQq) {
        if (std::all_of(token.begin(), token.end(), is_digit) && token.size() >= 5 && token.size() <= 12)
            set_better(card_.qq, std::string(token), kLabelled);
        return;
    }
    if ((kinds & (detail::kLabelWeChat | detail::kLabelWhatsApp)) && digits_only && count_digits(text) >= 7) {
        read_phones(text, p, 0, kinds, true);  // a WeChat ID that is a phone number: E.164 when valid
        return;
    }
    const auto handle_char = [](char c) {
        return is_ascii_alnum(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '@';
    };
    if (!std::all_of(token.begin(), token.end(), handle_char)) return;
    if (kinds & detail::kLabelWeChat) set_better(card_.wechat, std::string(token), kLabelled);
    if (kinds & detail::kLabelSkype) set_better(card_.skype, std::string(token), kLabelled);
}

void Reader::read_labelled(const Piece& p) {
    const std::uint32_t k = p.kinds;
    const std::string_view text = p.text;
    if (k & detail::kLabelIgnored) return;
    if (k & detail::kLabelWhatsApp) {
        const std::string_view first = text.substr(0, std::min(text.find(' '), text.size()));
        if (const auto link = parse_link(first); link && link->kind == Link::whatsapp) {
            read_link(*link, true);  // "WhatsApp: wa.me/8613812345678"
            return;
        }
    }
    if (k & detail::kPhoneLabels) {
        if (read_phones(text, p, 0, k, true)) return;
    }
    if (k & (detail::kLabelWeChat | detail::kLabelSkype | detail::kLabelQq | detail::kLabelLinkedIn | detail::kLabelWhatsApp)) {
        read_handle(text, p, k);
        return;
    }
    if (k & detail::kLabelEmail) {
        read_emails(text, true);
        return;
    }
    if (k & detail::kLabelWeb) {
        for (std::string_view w : words_of(text))
            if (const auto link = parse_link(w)) {
                read_link(*link, true);
                break;
            }
        return;
    }
    if (k & detail::kLabelAddress) {
        start_address(text, p, kLabelled);
        return;
    }
    const std::string value = squeeze(trim_punctuation(text));
    if (value.empty() || value.size() > kMaxAddressBytes) return;
    if (k & detail::kLabelName) add_name(value, kLabelled);
    if (k & detail::kLabelTitle) set_better(card_.title, value, kLabelled);
    if (k & detail::kLabelCompany) set_better(card_.company, value, kLabelled);
}

void Reader::read_unlabelled(const Piece& p, bool may_continue_address) {
    std::string_view text = p.text;
    if (skipped_line(text)) return;
    if (trim_punctuation(text).empty()) return;  // "--", "______"
    std::string_view rest;
    if (is_closing(text, rest)) {
        after_closing_ = true;
        if (rest.empty()) return;
        text = rest;
    }
    // Addresses and links anywhere in the piece; what is left is read as text.
    std::string left(text);
    bool took = false;
    if (text.find('@') != std::string_view::npos) {
        const auto found = detail::find_addresses(text, kMaxContactEmails);
        if (!found.empty()) {
            read_emails(text, false);
            for (const auto& f : found) std::fill(left.begin() + f.begin, left.begin() + f.end, ' ');
            took = true;
        }
    }
    for (std::size_t i = 0; i < left.size();) {
        while (i < left.size() && left[i] == ' ') ++i;
        const std::size_t b = i;
        while (i < left.size() && left[i] != ' ') ++i;
        if (i == b) break;
        const std::string_view word = std::string_view(text).substr(b, i - b);
        if (word.find('.') == std::string_view::npos) continue;
        const auto link = parse_link(word);
        if (!link) continue;
        // A bare domain counts as a link when it is the whole piece, or the sender's domain.
        const bool alone = trim(text).size() == word.size();
        if (!link->explicit_link && link->kind == Link::website && !alone &&
            !(link->host == sender_domain_ || link->host == "www." + sender_domain_))
            continue;
        read_link(*link, false, alone);
        std::fill(left.begin() + static_cast<std::ptrdiff_t>(b), left.begin() + static_cast<std::ptrdiff_t>(i), ' ');
        took = true;
    }
    const std::size_t offset = static_cast<std::size_t>(text.data() - p.text.data());
    if (took) {
        const std::string_view remaining = trim_punctuation(left);
        if (std::any_of(remaining.begin(), remaining.end(),
                        [](char c) { return is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0x80; }))
            read_text(left, p, offset);  // "John Smith <john@acme.de>": the name
        return;
    }
    if (may_continue_address && address_lines_ < kMaxAddressLines && card_.address) {
        const std::string_view t = trim_punctuation(text);
        const bool phone = count_digits(t) >= 7 && !looks_like_address(t);
        const bool promised = card_.address->value.ends_with(',');
        const bool addressy = looks_like_address(t) || country_at_end(t) || has_postcode(t) ||
                              han_address_words_in(t) >= 1 || has_street_word(t);
        if (!phone && (addressy || promised) && !has_title_word(t) && !(has_legal_form(t) && !addressy) &&
            card_.address->value.size() + t.size() < kMaxAddressBytes) {
            std::string& value = card_.address->value;
            if (value.ends_with(',')) value.pop_back();
            const bool han_join = has_han(t) && static_cast<unsigned char>(value.back()) >= 0x80;
            if (!han_join) value += ", ";
            value += t;
            if (trim(text).ends_with(',')) value.push_back(',');
            ++address_lines_;
            address_open_ = true;
            address_line_ = p.line;
            return;
        }
    }
    read_text(text, p, offset);
}

// An unlabelled piece with no address or link in it: phone, address, company, title or name.
bool Reader::read_text(std::string_view text, const Piece& p, std::size_t offset) {
    const bool first = !seen_text_ || after_closing_;
    seen_text_ = true;
    after_closing_ = false;
    if (count_digits(text) >= 7 && !looks_like_address(text) && read_phones(text, p, offset, 0, false)) return true;
    const std::string_view t = trim_punctuation(text);
    if (t.empty()) return false;
    if (looks_like_address(t)) {
        start_address(text, p, kStreetAddress);
        return true;
    }
    // "Purchasing Director at ACME GmbH", "Sales Manager - Ningbo Sunrise Co., Ltd.", "Li Ming, Sales"
    const bool legal = has_legal_form(t), title = has_title_word(t);
    if (legal && title) {
        static constexpr std::string_view kJoins[] = {" - ", " at ", " @ ", ", "};
        for (std::string_view join : kJoins) {
            const std::size_t at = t.find(join);
            if (at == std::string_view::npos) continue;
            const std::string_view left = trim(t.substr(0, at)), right = trim(t.substr(at + join.size()));
            if (has_title_word(left) && !has_legal_form(left) && has_legal_form(right)) {
                set_better(card_.title, squeeze(left), kTitleWord);
                set_better(card_.company, squeeze(right), kLegalForm);
                return true;
            }
        }
    }
    if (legal) {
        set_better(card_.company, squeeze(t), kLegalForm);
        return true;
    }
    if (title && t.size() <= kMaxTitleBytes && words_of(t).size() <= kMaxTitleWords &&
        !(has_han(t) && t.size() > 36)) {
        // "Li Ming - Sales Manager": a name before the title
        for (std::string_view join : {std::string_view(" - "), std::string_view(", ")}) {
            const std::size_t at = t.find(join);
            if (at == std::string_view::npos) continue;
            const std::string_view left = trim(t.substr(0, at)), right = trim(t.substr(at + join.size()));
            if (looks_like_name(left, true) && has_title_word(right)) {
                add_name(left, first ? kNameAfterClosing : kNameElsewhere);
                set_better(card_.title, squeeze(right), kTitleWord);
                return true;
            }
        }
        set_better(card_.title, squeeze(t), kTitleWord);
        return true;
    }
    if (looks_like_name(t, first || agrees_with_sender(t, names_))) {
        add_name(t, first ? kNameAfterClosing : kNameElsewhere);
        return true;
    }
    if (country_at_end(t) && card_.address && address_lines_ < kMaxAddressLines && words_of(t).size() <= 3) {
        card_.address->value += ", ";
        card_.address->value += t;
        ++address_lines_;
        return true;
    }
    return false;
}

// The sender's ccTLD as a region: ".cn" CN, ".co.uk" GB; nothing for generic TLDs and the ccTLDs
// sold as generic names.
std::string tld_region(std::string_view domain, const Dialer& dialer) {
    while (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
    const std::size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos) return {};
    const std::string tld = detail::to_lower(domain.substr(dot + 1));
    if (tld.size() != 2 || !std::all_of(tld.begin(), tld.end(), is_ascii_alpha)) return {};
    for (std::string_view generic : detail::generic_cctlds())
        if (tld == generic) return {};
    std::string region = tld == "uk" ? std::string("GB") : detail::to_upper(tld);
    return dialer.known_region(region) ? region : std::string();
}

std::string_view kind_name(std::uint32_t kind) {
    switch (kind) {
        case detail::kLabelMobile:
            return "mobile";
        case detail::kLabelOffice:
            return "office";
        case detail::kLabelFax:
            return "fax";
        default:
            return "other";
    }
}

ContactCard Reader::finish() {
    static const Dialer kDialer;  // immutable; PhoneNumberUtil's metadata is built once per process
    const Dialer& dialer = kDialer;
    if (card_.address) {
        std::string& value = card_.address->value;
        while (!value.empty() && (value.back() == ',' || value.back() == ' ')) value.pop_back();
    }
    // Numbers written with a country code first: they name the region of the others.
    std::vector<Number> numbers(phones_.size());
    std::string block_region;
    for (std::size_t i = 0; i < phones_.size(); ++i) {
        if (!phones_[i].text.international) continue;
        numbers[i] = dialer.international(phones_[i].text.digits);
        if (numbers[i].valid && block_region.empty()) block_region = dialer.region_of(numbers[i]);
    }
    const std::string tld = tld_region(sender_domain_, dialer);
    std::optional<std::string_view> address_country;
    if (card_.address) {
        address_country = country_at_end(card_.address->value);
        // "浙江省杭州市余杭区文一西路1000号": a province or city with the simplified 区/号 is the
        // mainland, written without 中国
        const std::string_view a = card_.address->value;
        const auto has = [&](std::string_view w) { return a.find(w) != std::string_view::npos; };
        if (!address_country && (has("省") || has("市")) && (has("区") || has("号"))) address_country = "CN";
    }
    // National numbers: the first region they are valid in, of the block's, the ccTLD's, the
    // address's and the default (a German buyer's block may hold his Ningbo agent's mobile).
    std::vector<std::string> regions;
    for (std::string r : {block_region, tld, address_country ? std::string(*address_country) : std::string(),
                          detail::to_upper(options_.default_region)})
        if (!r.empty() && std::find(regions.begin(), regions.end(), r) == regions.end()) regions.push_back(std::move(r));
    // With nothing in the block or the sender naming a country, a number written the North
    // American way in an English signature ("713-345-8008") is American before it is anything
    // else, whatever the default region (+86 713 is a Chinese area code too); a signature with
    // Chinese in it keeps the default first.
    if (block_region.empty() && tld.empty() && !address_country) {
        bool han = false;
        for (const auto& line : lines_)
            for (unsigned char c : line.original) han = han || c >= 0xE3;
        if (!han && (regions.empty() || regions.front() != "US")) {
            regions.erase(std::remove(regions.begin(), regions.end(), "US"), regions.end());
            regions.insert(regions.begin(), "US");
        }
    }
    std::vector<std::string> national_regions(phones_.size());
    for (std::size_t i = 0; i < phones_.size(); ++i) {
        if (phones_[i].text.international) continue;
        for (const std::string& r : regions) {
            numbers[i] = dialer.national(phones_[i].text.digits, r);
            if (numbers[i].valid) {
                national_regions[i] = r;
                break;
            }
        }
    }
    const std::string default_region = detail::to_upper(options_.default_region);

    bool valid_in_default = false;
    std::string national_region;  // where the first national number was valid
    for (std::size_t i = 0; i < phones_.size(); ++i) {
        const PendingPhone& pending = phones_[i];
        const Number& number = numbers[i];
        // A labelled number written with its country code that libphonenumber finds the right length
        // for but in no range it knows (a range newer than its metadata) is kept, less sure; one
        // written nationally is more likely mistyped ("0577-1234" lacks digits).
        const bool keep = number.valid || (pending.labelled && pending.text.international && number.possible);
        if (!keep || number.e164.empty()) continue;
        if (number.valid && !pending.text.international && national_regions[i] == default_region) valid_in_default = true;
        if (number.valid && !pending.text.international && national_region.empty()) national_region = national_regions[i];
        double confidence = 0;
        if (pending.labelled)
            confidence = number.valid ? kLabelledPhone : kPossiblePhone;
        else if (pending.marked)
            confidence = kMarkedPhone;
        else
            confidence = pending.text.international ? kInternationalPhone : kNationalPhone;
        const std::uint32_t k = pending.kinds;
        const double messenger = pending.labelled ? (number.valid ? kLabelledPhone : kPossiblePhone) : kMarkedMessenger;
        if (k & detail::kLabelWhatsApp) set_better(card_.whatsapp, number.e164, messenger);
        if (k & detail::kLabelWeChat) set_better(card_.wechat, number.e164, std::min(messenger, kLabelled));
        // The entries this number makes: "Tel/Fax:" two, "WhatsApp:" alone none.
        std::vector<std::uint32_t> kinds;
        if (k & detail::kLabelMobile) kinds.push_back(detail::kLabelMobile);
        if (k & detail::kLabelOffice) kinds.push_back(detail::kLabelOffice);
        if ((k & detail::kLabelPhone) && !(k & (detail::kLabelMobile | detail::kLabelOffice)))
            kinds.push_back(number.type == PhoneNumberUtil::MOBILE && !(k & detail::kLabelFax) ? detail::kLabelMobile
                                                                                              : detail::kLabelOffice);
        if (k & detail::kLabelFax) kinds.push_back(detail::kLabelFax);
        if (pending.messenger_only) continue;
        if (kinds.empty()) {
            if (number.type == PhoneNumberUtil::MOBILE)
                kinds.push_back(detail::kLabelMobile);
            else if (number.type == PhoneNumberUtil::FIXED_LINE)
                kinds.push_back(detail::kLabelOffice);
            else
                kinds.push_back(0);
        }
        for (std::uint32_t kind : kinds) {
            const std::string_view name = kind_name(kind);
            auto same = std::find_if(card_.phones.begin(), card_.phones.end(),
                                     [&](const Phone& ph) { return ph.e164 == number.e164 && ph.kind == name; });
            if (same != card_.phones.end()) {
                same->confidence = std::max(same->confidence, confidence);
                continue;
            }
            if (card_.phones.size() >= kMaxContactPhones) break;
            card_.phones.push_back({number.e164, std::string(name), pending.raw, confidence});
        }
    }
    if (!block_region.empty())
        card_.country = Field{block_region, kCountryFromPhone};
    else if (address_country)
        card_.country = Field{std::string(*address_country), kCountryFromAddress};
    else if (!tld.empty())
        card_.country = Field{tld, kCountryFromTld};
    else if (valid_in_default)
        card_.country = Field{default_region, kCountryFromDefault};
    else if (!national_region.empty())
        card_.country = Field{national_region, kCountryFromDefault};
    return std::move(card_);
}

}  // namespace

namespace detail {
bool has_legal_form(std::string_view text) { return parser::has_legal_form(text); }
}  // namespace detail

ContactCard extract_contact(const SignatureBlock& block, const Sender& sender, const ContactOptions& options) {
    const std::size_t count = std::min(block.lines.size(), kMaxSignatureLines);
    std::vector<Line> lines;
    lines.reserve(count);
    for (std::size_t i = 0; i < count; ++i) lines.push_back(fold_line(block.lines[i], options.max_line_bytes));
    std::vector<Piece> pieces;
    for (std::size_t i = 0; i < lines.size(); ++i) split_line(pieces, lines[i], i);
    if (pieces.size() > options.max_pieces) pieces.resize(options.max_pieces);
    Reader reader(lines, sender, options);
    for (const Piece& p : pieces) reader.read(p);
    return reader.finish();
}

}  // namespace mailkeeper::parser
