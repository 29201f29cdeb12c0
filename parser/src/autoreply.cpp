#include "mailkeeper/parser/autoreply.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "address.h"
#include "autoreply_table.h"
#include "needles.h"
#include "parts.h"
#include "text.h"

namespace mailkeeper::parser {

std::string_view to_string(AutoReplyKind kind) {
    switch (kind) {
        case AutoReplyKind::away: return "away";
        case AutoReplyKind::left: return "left";
        case AutoReplyKind::other: return "other";
    }
    return "other";
}

namespace {

using namespace detail;

// Bytes of the Subject searched; RFC 5322 §2.1.1 lines are at most 998 characters, a folded
// Subject a few of them.
constexpr std::size_t kMaxSubjectBytes = 2048;
// Phrase occurrences looked at per text: a text of "至至至..." must not cost a check per byte.
constexpr std::size_t kMaxPhraseHits = 2048;
// How far after "please contact" the address may stand, and before "接替" (bytes).
constexpr std::size_t kContactWindow = 200;
constexpr std::size_t kContactWindowBefore = 100;
// A name written with the replacement: at most this many Latin words or CJK characters.
constexpr std::size_t kMaxNameWords = 4;
constexpr std::size_t kMaxNameCjkChars = 6;
// Bytes of a header value quoted in the evidence.
constexpr std::size_t kMaxEvidenceValue = 64;

const NeedleSet& phrase_set() {
    static const NeedleSet kSet = [] {
        std::vector<std::string_view> texts;
        for (const AutoReplyPhrase& p : autoreply_phrases()) texts.push_back(p.text);
        return NeedleSet(texts);
    }();
    return kSet;
}

std::size_t line_start(std::string_view text, std::size_t at) {
    const std::size_t nl = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
}

std::size_t line_end(std::string_view text, std::size_t at) {
    const std::size_t nl = text.find('\n', at);
    return nl == std::string_view::npos ? text.size() : nl;
}

// Brackets around Subject tags: [ ] ( ) 【 】 （ ）
int bracket_at(std::string_view s, std::size_t i, std::size_t& len) {
    static constexpr std::array<std::pair<std::string_view, int>, 8> kBrackets{{
        {"[", 1}, {"(", 1}, {"\xe3\x80\x90", 1}, {"\xef\xbc\x88", 1},
        {"]", -1}, {")", -1}, {"\xe3\x80\x91", -1}, {"\xef\xbc\x89", -1},
    }};
    for (const auto& [b, d] : kBrackets)
        if (s.substr(i).starts_with(b)) {
            len = b.size();
            return d;
        }
    len = 0;
    return 0;
}

// The phrase opens the Subject: nothing but space, punctuation and bracketed tags before it
// ("[External] Automatic reply: ...", "【自动回复】..."). "Re: Automatic reply: ..." is a person
// answering an automatic reply.
bool opens(std::string_view subject, std::size_t at) {
    int depth = 0;
    for (std::size_t i = 0; i < at;) {
        std::size_t len = 0;
        if (const int d = bracket_at(subject, i, len)) {
            depth = std::max(0, depth + d);
            i += len;
            continue;
        }
        const char c = subject[i];
        if (depth == 0 && (is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80)) return false;
        i += utf8_length(static_cast<unsigned char>(c));
    }
    return true;
}

bool is_delivery_report(const Message& m) {
    for (std::string_view t : report_types())
        if (m.report_type == t) return true;
    for (const Part& p : m.parts)
        if (!p.in_returned_message)
            for (std::string_view t : report_part_types())
                if (p.media_type == t) return true;
    for (std::string_view h : report_headers())
        if (find_header(m.headers, h)) return true;
    const std::string from = find_header(m.headers, "From").value_or("");
    std::string local = local_part(header_address(from));
    if (local.empty()) local = to_lower(trim(from));  // "From: mailer-daemon"
    for (std::string_view l : report_senders())
        if (local == l) return true;
    return false;
}

struct Sign {
    Strength strength = Strength::none;
    std::string evidence;
};

// The strongest header sign; weak ones do not count on a list's or a newsletter's mail.
Sign header_sign(const HeaderList& headers) {
    Sign best;
    bool list = false;
    for (const Header& h : headers) {
        for (std::string_view l : list_headers())
            if (iequals(h.name, l)) list = true;
        for (const AutoReplyHeader& row : autoreply_headers()) {
            if (!iequals(h.name, row.name)) continue;
            const std::string_view value = trim(h.value);
            if (!row.value.empty() && !istarts_with(value, row.value)) continue;
            if (row.strength > best.strength) {
                best.strength = row.strength;
                best.evidence = std::string(row.name) + ": " + std::string(cut_utf8(value, kMaxEvidenceValue));
            }
            break;  // the first matching row is this field's sign
        }
    }
    if (list && best.strength == Strength::weak) return {};
    return best;
}

// The phrase occurrences of one text that count: whole words, not followed by an exception,
// and (in the text) before the quoted history.
struct Found {
    const AutoReplyPhrase* row;
    std::size_t begin;
    std::size_t end;
};

std::vector<Found> phrases_in(std::string_view text) {
    std::vector<Found> out;
    const auto& rows = autoreply_phrases();
    for (const NeedleHit& h : phrase_set().all(text, kMaxPhraseHits)) {
        const AutoReplyPhrase& row = rows[h.id];
        if (!at_word_boundaries(text, h.begin, h.end, row.text)) continue;
        const std::string_view next = text.substr(h.end);
        if (std::any_of(row.unless_next.begin(), row.unless_next.end(),
                        [&](std::string_view u) { return istarts_with(next, u); }))
            continue;
        out.push_back({&row, h.begin, h.end});
    }
    return out;
}

// Where the quoted history starts: a marker line, a "... wrote:" line, or the first "> " line.
std::size_t quote_start(std::string_view text, const std::vector<Found>& found) {
    std::size_t cut = text.size();
    for (const Found& f : found) {
        if (f.begin >= cut) break;
        if (f.row->role == PhraseRole::quote_start) {
            const std::size_t ls = line_start(text, f.begin);
            const std::string_view lead = text.substr(ls, f.begin - ls);
            if (lead.find_first_not_of(" \t-=*_") == std::string_view::npos) cut = ls;
        } else if (f.row->role == PhraseRole::quote_end) {
            if (trim(text.substr(f.end, line_end(text, f.end) - f.end)).empty()) cut = line_start(text, f.begin);
        }
    }
    for (std::size_t ls = 0; ls < cut;) {
        if (text[ls] == '>') return ls;
        const std::size_t nl = text.find('\n', ls);
        if (nl == std::string_view::npos) break;
        ls = nl + 1;
    }
    return cut;
}

// ---- return dates

// The ASCII word (letters, '.', '\'') starting at i.
std::string_view word_at(std::string_view s, std::size_t i) {
    std::size_t e = i;
    while (e < s.size() && ((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z'))) ++e;
    return s.substr(i, e - i);
}

bool is_one_of(std::string_view word, const std::vector<std::string_view>& names) {
    return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return iequals(word, n); });
}

// Digits at i, 1..max of them; returns the end or i.
std::size_t digits_at(std::string_view s, std::size_t i, std::size_t max) {
    std::size_t e = i;
    while (e < s.size() && e - i < max && is_ascii_digit(s[e])) ++e;
    if (e < s.size() && is_ascii_digit(s[e])) return i;  // too many
    return e;
}

// A day number with an optional English ordinal suffix ("3", "3rd", "03").
std::size_t day_at(std::string_view s, std::size_t i) {
    const std::size_t e = digits_at(s, i, 2);
    if (e == i) return i;
    for (std::string_view suffix : {"st", "nd", "rd", "th"})
        if (istarts_with(s.substr(e), suffix) && !is_ascii_alnum(e + 2 < s.size() ? s[e + 2] : ' ')) return e + 2;
    return e;
}

// A month name at i (with an optional '.'); returns the end or i.
std::size_t month_at(std::string_view s, std::size_t i) {
    const std::string_view w = word_at(s, i);
    if (w.empty() || !is_one_of(w, month_names())) return i;
    std::size_t e = i + w.size();
    if (w.size() <= 4 && e < s.size() && s[e] == '.') ++e;  // "Jan.", not the full stop after "January."
    return e;
}

// ", 2025" or " 2025" after a date.
std::size_t year_after(std::string_view s, std::size_t e) {
    std::size_t i = e;
    if (i < s.size() && s[i] == ',') ++i;
    i = skip_spaces(s, i);
    const std::size_t y = digits_at(s, i, 4);
    return y == i + 4 ? y : e;
}

// An English date as written at i: "3 January", "3rd of Jan 2025", "January 3", "Jan 3rd, 2025",
// "03/01/2025", "2025-01-03", optionally after a weekday ("Monday, 6 January"), or the weekday
// alone ("Monday").
std::optional<std::string_view> english_date_at(std::string_view s, std::size_t start) {
    std::size_t i = start;
    std::size_t weekday_end = std::string_view::npos;
    if (const std::string_view w = word_at(s, i); !w.empty() && is_one_of(w, weekday_names())) {
        weekday_end = i + w.size();
        i = weekday_end;
        if (i < s.size() && s[i] == '.') ++i;
        if (i < s.size() && s[i] == ',') ++i;
        i = skip_spaces(s, i);
        if (const std::string_view the = word_at(s, i); iequals(the, "the")) i = skip_spaces(s, i + 3);
    }
    // numeric: 03/01/2025, 3.1, 2025-01-03
    if (const std::size_t n = digits_at(s, i, 4); n != i && n < s.size() && (s[n] == '/' || s[n] == '.' || s[n] == '-')) {
        const std::size_t n2 = digits_at(s, n + 1, 2);
        if (n2 != n + 1) {
            std::size_t end = n2;
            if (n2 < s.size() && s[n2] == s[n]) {
                const std::size_t n3 = digits_at(s, n2 + 1, 4);
                if (n3 != n2 + 1) end = n3;
            }
            return s.substr(start, end - start);
        }
    }
    // day month: "3 January", "3rd of Jan"
    if (const std::size_t d = day_at(s, i); d != i) {
        std::size_t m = skip_spaces(s, d);
        if (const std::string_view of = word_at(s, m); iequals(of, "of")) m = skip_spaces(s, m + 2);
        if (const std::size_t me = month_at(s, m); me != m) return s.substr(start, year_after(s, me) - start);
    }
    // month day: "January 3", "Jan 3rd, 2025"
    if (const std::size_t me = month_at(s, i); me != i) {
        const std::size_t d0 = skip_spaces(s, me);
        if (const std::size_t d = day_at(s, d0); d != d0) return s.substr(start, year_after(s, d) - start);
    }
    if (weekday_end != std::string_view::npos) return s.substr(start, weekday_end - start);
    return std::nullopt;
}

// A digit, ASCII or full-width, at i: its value and length.
bool cjk_digit_at(std::string_view s, std::size_t i, int& value, std::size_t& len) {
    if (i < s.size() && is_ascii_digit(s[i])) {
        value = s[i] - '0';
        len = 1;
        return true;
    }
    // U+FF10..U+FF19: EF BC 90..99
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
        value = static_cast<unsigned char>(s[i + 2]) - 0x90;
        len = 3;
        return true;
    }
    return false;
}

std::size_t cjk_number_at(std::string_view s, std::size_t i, std::size_t max_digits) {
    std::size_t n = 0, e = i;
    int v;
    std::size_t len;
    while (n < max_digits && cjk_digit_at(s, e, v, len)) {
        e += len;
        ++n;
    }
    return n == 0 || cjk_digit_at(s, e, v, len) ? i : e;
}

// A Chinese date as written at i: "1月3日", "1月3号", "2025年1月3日".
std::optional<std::string_view> chinese_date_at(std::string_view s, std::size_t start) {
    std::size_t i = start;
    if (const std::size_t y = cjk_number_at(s, i, 4); y != i && s.substr(y).starts_with("年")) i = y + 3;
    const std::size_t m = cjk_number_at(s, i, 2);
    if (m == i || !s.substr(m).starts_with("月")) return std::nullopt;
    const std::size_t d0 = m + 3;
    const std::size_t d = cjk_number_at(s, d0, 2);
    if (d == d0) return std::nullopt;
    if (!s.substr(d).starts_with("日") && !s.substr(d).starts_with("号") && !s.substr(d).starts_with("號"))
        return std::nullopt;
    return s.substr(start, d + 3 - start);
}

// The date after "until"/"back"/"至", past filler words ("back in the office on ...").
std::optional<std::string_view> date_after(std::string_view s, std::size_t i) {
    i = skip_spaces(s, i);
    if (i < s.size() && (s[i] == ':' || s[i] == ',')) i = skip_spaces(s, i + 1);
    if (auto d = chinese_date_at(s, i)) return d;
    for (int words = 0; words < 6 && i < s.size(); ++words) {
        if (auto d = english_date_at(s, i)) return d;
        const std::string_view w = word_at(s, i);
        if (w.empty() || !is_one_of(w, date_fillers())) return std::nullopt;
        i = skip_spaces(s, i + w.size());
    }
    return std::nullopt;
}

// The date before "返回"/"上班": "1月3日返回", "1月3日（周一）上班", "1月3日后回复".
std::optional<std::string_view> date_before(std::string_view s, std::size_t at) {
    const std::size_t from = at > 40 ? at - 40 : 0;
    for (std::size_t b = from; b < at; ++b) {
        if ((static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) continue;
        const auto d = chinese_date_at(s, b);
        if (!d) continue;
        std::size_t e = b + d->size();
        e = skip_spaces(s, e);
        // a weekday in brackets, then "起"/"后"/"正式"
        for (std::string_view open : {"（", "("}) {
            if (!s.substr(e).starts_with(open)) continue;
            const std::string_view close = open == "（" ? "）" : ")";
            const std::size_t c = s.find(close, e);
            if (c != std::string_view::npos && c - e <= 16) e = skip_spaces(s, c + close.size());
        }
        for (std::string_view w : {"起", "开始", "正式", "后"})
            if (s.substr(e).starts_with(w)) e = skip_spaces(s, e + w.size());
        if (e == at) return d;
    }
    return std::nullopt;
}

// ---- replacement

// The name written just before the replacement address: "please contact Jane Smith
// (jane@x.com)", "请联系王小姐 wang@x.cn", "my colleague Jane Smith at jane@x.com".
std::optional<std::string> name_before(std::string_view segment) {
    const NameTrim& t = name_trim();
    std::string_view s = segment;
    // the name starts after the last lead-in
    for (std::string_view lead : t.lead_ins) {
        std::size_t at = std::string_view::npos;
        for (std::size_t p = ifind(s, lead); p != std::string_view::npos; p = ifind(s, lead, p + 1))
            if (at_word_boundaries(s, p, p + lead.size(), lead)) at = p;
        if (at != std::string_view::npos) s = s.substr(at + lead.size());
    }
    // then trailers and punctuation come off the end, and spaces and punctuation off the start
    static constexpr std::string_view kPunct[] = {" ", "\t", "\n", "(", "<", "[", ":", ",", "-", "\"", "'",
                                                  "（", "【", "：", "，", "、", "—", "“", "《"};
    for (int round = 0; round < 8; ++round) {
        const std::size_t before = s.size();
        for (std::string_view p : kPunct) {
            while (s.ends_with(p)) s.remove_suffix(p.size());
            while (s.starts_with(p)) s.remove_prefix(p.size());
        }
        for (std::string_view w : t.trailers)
            if (iends_with(s, w) && at_word_boundaries(s, s.size() - w.size(), s.size(), w))
                s.remove_suffix(w.size());
        if (s.size() == before) break;
    }
    if (s.empty()) return std::nullopt;
    if (static_cast<unsigned char>(s.front()) >= 0x80) {
        // CJK: a short run with no punctuation ("王小姐", "李经理", "王晓明")
        std::size_t chars = 0;
        for (std::size_t i = 0; i < s.size(); i += utf8_length(static_cast<unsigned char>(s[i]))) {
            const auto c = static_cast<unsigned char>(s[i]);
            // U+4E00..U+9FFF: E4 B8 80 .. E9 BF BF
            if (c < 0xE4 || c > 0xE9) return std::nullopt;
            ++chars;
        }
        if (chars < 2 || chars > kMaxNameCjkChars) return std::nullopt;
        return std::string(s);
    }
    // Latin: a few capitalised words and nothing else ("Jane Smith", "Ms. Jane Smith"); "our sales
    // team" or "the offer to Jane" is no name.
    std::size_t words = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t e = std::min(s.find(' ', i), s.size());
        const std::string_view w = s.substr(i, e - i);
        i = e + 1;
        if (w.empty()) continue;
        const bool capitalised = w[0] >= 'A' && w[0] <= 'Z' && std::all_of(w.begin(), w.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '\'';
        });
        if (!capitalised || ++words > kMaxNameWords) return std::nullopt;
    }
    if (words == 0) return std::nullopt;
    return std::string(s);
}

// "jane@x.com (Jane Smith)"
std::optional<std::string> name_after(std::string_view text, std::size_t addr_end) {
    std::size_t i = skip_spaces(text, addr_end);
    for (std::string_view open : {"(", "（"}) {
        if (!text.substr(i).starts_with(open)) continue;
        const std::string_view close = open == "(" ? ")" : "）";
        const std::size_t c = text.find(close, i);
        if (c == std::string_view::npos || c - i > 64) return std::nullopt;
        return name_before(text.substr(i + open.size(), c - i - open.size()));
    }
    return std::nullopt;
}

struct Replacement {
    std::string address;
    std::optional<std::string> name;
};

std::optional<Replacement> replacement_in(std::string_view text, const std::vector<Found>& found, std::size_t cut,
                                          const std::vector<std::string>& own) {
    auto eligible = [&](const FoundAddress& a) {
        const std::string lower = to_lower(a.address);
        return std::find(own.begin(), own.end(), lower) == own.end();
    };
    for (const Found& f : found) {
        if (f.begin >= cut) break;
        if (f.row->role != PhraseRole::contact && f.row->role != PhraseRole::contact_near) continue;
        const std::size_t end = std::min(cut, f.end + kContactWindow);
        if (end <= f.end) continue;  // the trigger runs into the quoted history
        const std::string_view after = text.substr(f.end, end - f.end);
        std::size_t name_from = 0;  // a name stands after the address before it, if any
        for (const FoundAddress& a : find_addresses(after, 4)) {
            if (!eligible(a)) {
                name_from = a.end;
                continue;
            }
            Replacement r{to_lower(a.address), name_before(after.substr(name_from, a.begin - name_from))};
            if (!r.name) r.name = name_after(after, a.end);
            return r;
        }
        if (f.row->role != PhraseRole::contact_near) continue;
        // "由王小姐（wang@x.cn）接替": the address before, on the same line
        const std::size_t from = std::max(line_start(text, f.begin), f.begin > kContactWindowBefore ? f.begin - kContactWindowBefore : 0);
        const std::string_view before = text.substr(from, f.begin - from);
        const auto addresses = find_addresses(before, 4);
        for (auto it = addresses.rbegin(); it != addresses.rend(); ++it) {
            if (!eligible(*it)) continue;
            return Replacement{to_lower(it->address), name_before(before.substr(0, it->begin))};
        }
    }
    return std::nullopt;
}

int rank(Tells t) {
    switch (t) {
        case Tells::left: return 3;
        case Tells::away: return 2;
        case Tells::other: return 1;
        case Tells::nothing: return 0;
    }
    return 0;
}

// Whether the sentence holding the phrase at `at` is the writer speaking of themself: "I have
// left", "I am no longer with", "我已离职", "本人已离职", "this mailbox is no longer monitored".
bool said_of_self(std::string_view text, std::size_t at) {
    std::size_t start = at;
    // back to the sentence start, at most 80 bytes
    while (start > 0 && at - start < 80) {
        const char c = text[start - 1];
        if (c == '.' || c == '!' || c == '?' || c == '\n') break;
        if (start >= 3 && text.substr(start - 3, 3) == "\xe3\x80\x82") break;  // 。
        --start;
    }
    const std::string before = " " + to_lower(text.substr(start, at - start));
    for (std::string_view self : {" i ", " i'm", " i’m", " i've", " my ", "this mailbox", "this address", "this email",
                                  "我", "本人"})
        if (before.find(self) != std::string::npos) return true;
    // the phrase opens the sentence ("Has left the company"): a mailbox's own notice
    return trim(before).empty();
}

}  // namespace

std::optional<AutoReply> detect_autoreply(const Message& message) {
    if (is_delivery_report(message)) return std::nullopt;
    const Sign header = header_sign(message.headers);

    const std::string subject_value = find_header(message.headers, "Subject").value_or("");
    const std::string_view subject = cut_utf8(subject_value, kMaxSubjectBytes);
    const std::string_view text = cut_utf8(first_text(message), kMaxAutoReplyScanBytes);
    const std::vector<Found> in_subject = phrases_in(subject);
    const std::vector<Found> in_text = phrases_in(text);
    const std::size_t cut = quote_start(text, in_text);

    // What the phrases say: the first deciding one, the first weak one, the strongest kind.
    std::string decided_by;
    std::string confirmed_by;
    const Found* kind_hit = nullptr;
    std::string_view kind_source;
    bool away_said = false;  // an away phrase anywhere, beside a stronger "left"
    auto consider = [&](const Found& f, std::string_view source, bool is_subject) {
        const AutoReplyPhrase& row = *f.row;
        if (row.role != PhraseRole::sign) return;
        const std::string_view written = source.substr(f.begin, f.end - f.begin);
        const bool opening = is_subject && row.opens_subject && opens(source, f.begin);
        const Strength s = opening ? Strength::decides : row.in_text;
        if (s == Strength::decides && decided_by.empty())
            decided_by = is_subject ? "Subject: " + std::string(written) : std::string(written);
        if (s == Strength::weak && confirmed_by.empty()) confirmed_by = std::string(written);
        if (row.tells == Tells::away) away_said = true;
        if (!kind_hit || rank(row.tells) > rank(kind_hit->row->tells)) {
            kind_hit = &f;
            kind_source = source;
        }
    };
    for (const Found& f : in_subject) consider(f, subject, true);
    for (const Found& f : in_text) {
        if (f.begin >= cut) break;
        consider(f, text, false);
    }

    AutoReply reply;
    if (header.strength == Strength::decides) reply.evidence = header.evidence;
    else if (!decided_by.empty()) reply.evidence = decided_by;
    else if (header.strength == Strength::weak && !confirmed_by.empty()) reply.evidence = header.evidence + " + " + confirmed_by;
    else return std::nullopt;

    if (kind_hit && kind_hit->row->tells != Tells::nothing) {
        const Tells t = kind_hit->row->tells;
        reply.kind = t == Tells::left ? AutoReplyKind::left : t == Tells::away ? AutoReplyKind::away : AutoReplyKind::other;
        reply.kind_phrase = std::string(kind_source.substr(kind_hit->begin, kind_hit->end - kind_hit->begin));
    }

    // The return date: the Subject first ("Out of office until 3 January"), then the text.
    auto find_until = [&](std::string_view source, const std::vector<Found>& found, std::size_t limit) -> std::optional<std::string> {
        for (const Found& f : found) {
            if (f.begin >= limit) break;
            std::optional<std::string_view> d;
            if (f.row->role == PhraseRole::until_before) d = date_after(source, f.end);
            else if (f.row->role == PhraseRole::until_after) d = date_before(source, f.begin);
            if (d) {
                std::string_view date = trim(*d);
                // the sentence's full stop is not part of the date: "until 10 June."
                while (!date.empty() && (date.back() == '.' || date.back() == ',' || date.back() == ';')) date.remove_suffix(1);
                if (!date.empty()) return std::string(date);
            }
        }
        return std::nullopt;
    };
    reply.until = find_until(subject, in_subject, subject.size());
    if (!reply.until) reply.until = find_until(text, in_text, cut);

    // A return date makes a reply that named no kind (or only "thank you for your mail") away.
    if (reply.until && reply.kind == AutoReplyKind::other) reply.kind = AutoReplyKind::away;
    // "I am out of the office until 10 June. Peter Brown is no longer with us": the writer is away,
    // someone else left. Left wins over away only when the writer says it of themself.
    if (reply.kind == AutoReplyKind::left && away_said && reply.until &&
        !said_of_self(kind_source, kind_hit->begin))
        reply.kind = AutoReplyKind::away;

    std::vector<std::string> own;
    for (const char* name : {"From", "Sender"})
        if (auto v = find_header(message.headers, name))
            for (const FoundAddress& a : find_addresses(*v, 4)) own.push_back(to_lower(a.address));
    if (auto r = replacement_in(text, in_text, cut, own)) {
        reply.replacement = std::move(r->address);
        reply.replacement_name = std::move(r->name);
    }
    return reply;
}

}  // namespace mailkeeper::parser
