// The bounce reason classifier. The knowledge lives in reason_table.cpp; this file walks it in the
// order Sisimai 5 does, so that our results compare with the reference parser:
//
//   1. a reason the bounce format already knows for certain is kept, except the "retry" reasons
//      (userunknown, hostunknown, expired, ...), which formats guess from generic wording;
//   2. a provider's own documented replies and codes (Sisimai's "Rhost");
//   3. the per-reason checks in a fixed order, where a specific status code or the text decides
//      (MailboxFull ... Blocked);
//   4. the fallback: more text patterns, then the status class, the reply code, the Action: field
//      and the SMTP command;
//   5. a missing status is derived from the reason (Sisimai's pseudo codes such as 5.0.911).
#include "mailkeeper/parser/reason.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <utility>

#include "mailkeeper/parser/limits.h"
#include "dsn.h"
#include "needles.h"
#include "reason_table.h"
#include "text.h"

namespace mailkeeper::parser {
namespace {

namespace table = reason_table;
using namespace std::string_view_literals;

constexpr std::array<std::pair<Reason, std::string_view>, static_cast<std::size_t>(Reason::delivered) + 1> kNames{{
    {Reason::undefined, "undefined"},
    {Reason::userunknown, "userunknown"},
    {Reason::hostunknown, "hostunknown"},
    {Reason::mailboxfull, "mailboxfull"},
    {Reason::suspend, "suspend"},
    {Reason::hasmoved, "hasmoved"},
    {Reason::notaccept, "notaccept"},
    {Reason::blocked, "blocked"},
    {Reason::rejected, "rejected"},
    {Reason::spamdetected, "spamdetected"},
    {Reason::filtered, "filtered"},
    {Reason::policyviolation, "policyviolation"},
    {Reason::authfailure, "authfailure"},
    {Reason::badreputation, "badreputation"},
    {Reason::requireptr, "requireptr"},
    {Reason::toomanyconn, "toomanyconn"},
    {Reason::speeding, "speeding"},
    {Reason::exceedlimit, "exceedlimit"},
    {Reason::mesgtoobig, "mesgtoobig"},
    {Reason::expired, "expired"},
    {Reason::networkerror, "networkerror"},
    {Reason::systemerror, "systemerror"},
    {Reason::systemfull, "systemfull"},
    {Reason::securityerror, "securityerror"},
    {Reason::norelaying, "norelaying"},
    {Reason::syntaxerror, "syntaxerror"},
    {Reason::contenterror, "contenterror"},
    {Reason::virusdetected, "virusdetected"},
    {Reason::mailererror, "mailererror"},
    {Reason::notcompliantrfc, "notcompliantrfc"},
    {Reason::onhold, "onhold"},
    {Reason::emptymailbox, "emptymailbox"},
    {Reason::feedback, "feedback"},
    {Reason::vacation, "vacation"},
    {Reason::delivered, "delivered"},
}};

// ---------------------------------------------------------------------------------------------
// Text helpers

bool is_digit(char c) { return c >= '0' && c <= '9'; }
using detail::ascii_lower;
using detail::is_space;
using detail::to_lower;

std::string uppercase(std::string_view in) {
    std::string out(in);
    for (auto& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return out;
}

// Lowercase (ASCII only: UTF-8 text passes through unchanged), whitespace runs collapsed to one
// space, trimmed. Only the first kMaxDiagnosticChars bytes are read: every phrase we know sits in
// the first lines of a reply, and the cap bounds the work per recipient.
std::string normalize(std::string_view in) {
    return to_lower(detail::squeeze_spaces(in.substr(0, std::min(in.size(), kMaxDiagnosticChars))));
}

// Every phrase pattern of the tables, split at '*' into pieces; the distinct pieces of all patterns
// form one set, so a diagnostic is scanned once and each pattern is then a lookup of its pieces.
class PatternIndex {
public:
    using Pattern = std::uint32_t;  // index into patterns_
    struct ReasonPatterns {
        std::vector<Pattern> phrases, unless;
    };

    PatternIndex() {
        std::vector<std::string_view> pieces;
        std::unordered_map<std::string_view, std::uint32_t> piece_ids;
        auto add = [&](std::string_view pattern) {
            std::vector<std::uint32_t> ids;
            for (std::string_view rest = pattern;;) {
                const auto star = rest.find('*');
                const auto piece = rest.substr(0, star);
                if (!piece.empty()) {
                    auto [it, added] = piece_ids.emplace(piece, static_cast<std::uint32_t>(pieces.size()));
                    if (added) pieces.push_back(piece);
                    ids.push_back(it->second);
                }
                if (star == std::string_view::npos) break;
                rest.remove_prefix(star + 1);
            }
            patterns_.push_back(std::move(ids));
            return static_cast<Pattern>(patterns_.size() - 1);
        };
        for (const auto& [reason, name] : kNames) {
            const auto& set = table::phrases_for(reason);
            auto& mine = by_reason_[static_cast<std::size_t>(reason)];
            for (auto p : set.phrases) mine.phrases.push_back(add(p));
            for (auto p : set.unless) mine.unless.push_back(add(p));
        }
        for (const auto& row : table::provider_rows()) provider_rows_.push_back(add(row.phrase));
        pieces_ = std::make_unique<detail::NeedleSet>(pieces);
        piece_text_ = std::move(pieces);
    }

    std::vector<std::size_t> scan(std::string_view text) const { return pieces_->first_positions(text); }

    const ReasonPatterns& of(Reason r) const { return by_reason_[static_cast<std::size_t>(r)]; }
    Pattern of_provider_row(std::size_t row) const { return provider_rows_[row]; }

    // Whether `text`, whose scan is `at`, holds the pattern: each piece found after the one before.
    bool contains(std::string_view text, const std::vector<std::size_t>& at, Pattern pattern) const {
        const auto& ids = patterns_[pattern];
        if (ids.empty()) return false;
        std::size_t from = 0;
        for (const std::uint32_t id : ids) {
            std::size_t pos = at[id];
            if (pos == std::string_view::npos) return false;
            // the first occurrence lies before the previous piece ended: look further on
            if (pos < from) pos = text.find(piece_text_[id], from);
            if (pos == std::string_view::npos) return false;
            from = pos + piece_text_[id].size();
        }
        return true;
    }

private:
    std::unique_ptr<detail::NeedleSet> pieces_;
    std::vector<std::string_view> piece_text_;
    std::vector<std::vector<std::uint32_t>> patterns_;  // the piece ids of each pattern, in order
    std::array<ReasonPatterns, static_cast<std::size_t>(Reason::delivered) + 1> by_reason_;
    std::vector<Pattern> provider_rows_;
};

const PatternIndex& pattern_index() {
    static const PatternIndex kIndex;
    return kIndex;
}

struct Fact {
    std::string text;     // normalised diagnostic
    std::vector<std::size_t> pieces;  // where each table phrase piece first occurs in `text`
    std::string status;   // the chosen enhanced status code, empty when none is known
    std::string reply;    // SMTP reply code from the evidence or the text
    std::string command;  // CONN, EHLO, HELO, MAIL, RCPT, DATA, ...
    std::string host;     // remote host, lowercase
    std::string action;   // lowercase
    std::string type;     // diagnostic type: "SMTP", "X-UNIX", "X-POSTFIX", ...
    std::optional<Reason> known;  // the format's reason, when it is one to re-check
};

bool says(const Fact& f, PatternIndex::Pattern pattern) {
    return !f.text.empty() && pattern_index().contains(f.text, f.pieces, pattern);
}

bool text_says(Reason reason, const Fact& f) {
    if (f.text.empty()) return false;
    const auto& mine = pattern_index().of(reason);
    for (auto p : mine.unless)
        if (says(f, p)) return false;
    for (auto p : mine.phrases)
        if (says(f, p)) return true;
    return false;
}

// ---------------------------------------------------------------------------------------------
// Status codes (RFC 3463) and reply codes (RFC 5321)

using detail::is_status_code;

bool is_reply(std::string_view s) {
    return s.size() == 3 && (s[0] == '2' || s[0] == '4' || s[0] == '5') && is_digit(s[1]) &&
           is_digit(s[2]);
}

// Blank out dotted quads so that "192.0.2.5" is never read as the status "2.5.x".
std::string mask_ipv4(std::string_view text) {
    std::string out(text);
    std::size_t i = 0;
    while (i < out.size()) {
        if (!is_digit(out[i]) || (i > 0 && (is_digit(out[i - 1]) || out[i - 1] == '.'))) {
            ++i;
            continue;
        }
        std::size_t j = i;
        int groups = 0;
        while (groups < 4) {
            std::size_t k = j;
            while (k < out.size() && k - j < 3 && is_digit(out[k])) ++k;
            if (k == j || (k < out.size() && is_digit(out[k]))) break;
            ++groups;
            j = k;
            if (groups < 4) {
                if (j < out.size() && out[j] == '.') ++j;
                else break;
            }
        }
        if (groups == 4) {
            for (std::size_t k = i; k < j; ++k)
                if (out[k] != '.') out[k] = '*';
            i = j;
        } else {
            ++i;
        }
    }
    return out;
}

bool is_zero_code(std::string_view code) { return code.size() == 5 && code.substr(1) == ".0.0"; }

// Which of two status codes describes the failure better: the Status: field or the code in the
// server's reply text. The reply code's class breaks a 4/5 disagreement; a generic code (X.0.0,
// X.Y.0, 4.4.7, X.5.Y) loses to a specific one.
std::string prefer_status(std::string_view field, std::string_view in_text, std::string_view reply) {
    if (field.empty()) return std::string(in_text);
    if (in_text.empty()) return std::string(field);
    if (field.size() < 5) return std::string(in_text);
    if (in_text.size() < 5) return std::string(field);
    const char r0 = reply.empty() ? '0' : reply[0];
    if (field[0] != in_text[0]) {
        if (r0 == field[0]) return std::string(field);
        if (r0 == in_text[0]) return std::string(in_text);
    }
    if (field == in_text) return std::string(field);

    const bool field_x00 = field.find(".0.0") != std::string_view::npos;
    const bool text_x00 = in_text.find(".0.0") != std::string_view::npos;
    const bool field_x0 = field.find(".0") != std::string_view::npos;
    const bool text_x0 = in_text.find(".0") != std::string_view::npos;
    if (field_x00) return std::string(text_x00 ? field : in_text);
    if (field_x0 && !text_x0) return std::string(in_text);
    if (text_x00) return std::string(field);
    if (field == "4.4.7" || field == "4.7.0") return std::string(in_text);
    if (field.starts_with("5.3.")) return std::string(in_text);
    for (auto generic : {".5.1"sv, ".5.2"sv, ".5.4"sv, ".5.5"sv})
        if (field.substr(1, 4) == generic) return std::string(in_text);
    if (field == "5.1.1")
        return std::string(text_x0 || in_text.starts_with("5.5.") ? field : in_text);
    if (field == "5.1.3" && in_text.starts_with("5.7.")) return std::string(in_text);
    return std::string(field);
}

// The enhanced status code a reply text carries ("550-5.7.1", "(#5.4.4)"): the first specific one,
// or the last generic one (X.0.0, 4.4.7) when there is nothing better.
std::string find_status(std::string_view raw) {
    if (raw.size() < 5) return {};
    const std::string text = mask_ipv4(raw);
    std::string generic;
    for (std::size_t i = 0; i + 4 < text.size(); ++i) {
        const char c = text[i];
        if ((c != '2' && c != '4' && c != '5') || text[i + 1] != '.') continue;
        if (i > 0) {
            const char prev = text[i - 1];
            if (is_digit(prev) || prev == '.' || prev == '/' || prev == 'v' || prev == 'V') continue;
        }
        if (!is_digit(text[i + 2]) || text[i + 2] > '7' || text[i + 3] != '.') continue;
        std::size_t j = i + 4;
        while (j < text.size() && j - (i + 4) < 3 && is_digit(text[j])) ++j;
        if (j == i + 4 || (j < text.size() && is_digit(text[j]))) continue;
        // "5.1.1.2" is the tail of something else, not a status code
        if (j + 1 < text.size() && text[j] == '.' && is_digit(text[j + 1])) continue;
        std::string code = text.substr(i, j - i);
        if (is_zero_code(code) || code == "4.4.7") {
            generic = std::move(code);
            continue;
        }
        return code;
    }
    return generic;
}

// The SMTP reply code in a text ("said: 550 ..."), preferring one of the status code's class.
std::string find_reply(std::string_view raw, char status_class) {
    const std::string text = mask_ipv4(raw);
    std::string first;
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        const char c = text[i];
        if (c != '4' && c != '5') continue;
        if (i > 0) {
            const char prev = text[i - 1];
            // part of a word, a number, a URL or a label ("ofr_416", "/550-bl23.html")
            if (std::isalnum(static_cast<unsigned char>(prev)) || prev == '.' || prev == '-' ||
                prev == '_' || prev == '/' || prev == '*' || prev == '=')
                continue;
        }
        if (!is_digit(text[i + 1]) || text[i + 1] > '5' || !is_digit(text[i + 2])) continue;
        if (i + 3 < text.size()) {
            const char next = text[i + 3];
            if (next != ' ' && next != '-' && next != ')' && next != ']' && next != ',' && next != ';')
                continue;
        }
        const std::string code = text.substr(i, 3);
        if (status_class == 0 || c == status_class) return code;
        if (first.empty()) first = code;
    }
    return first;
}

// Multi-line replies repeat their codes on every line ("550-5.7.1 ... 550-5.7.1 ... 550 5.7.1"),
// which splits phrases apart; drop the repeats so that the phrase tables see one sentence.
std::string drop_line_codes(std::string text, std::string_view reply, std::string_view status) {
    if (reply.size() != 3) return text;
    std::string dash(reply);
    dash.push_back('-');
    if (text.find(dash) == std::string::npos) return text;
    const auto erase_all = [&](const std::string& what) {
        if (what.empty()) return;
        std::string out;
        out.reserve(text.size());
        std::size_t from = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, from)) {
            out.append(text, from, at - from);
            from = at + what.size();
        }
        out.append(text, from, std::string::npos);
        text = std::move(out);
    };
    for (char sep : {'-', ' '}) {
        std::string head(reply);
        head.push_back(sep);
        if (!status.empty()) erase_all(head + std::string(status));
        erase_all(head);
    }
    if (text.find(reply) != std::string::npos) {
        std::string prefixed(reply);
        prefixed.push_back(' ');
        if (!status.empty()) prefixed.append(status).push_back(' ');
        text = prefixed + text;
    }
    return normalize(text);
}

// ---------------------------------------------------------------------------------------------
// The working record, built once from the evidence.


std::optional<Reason> status_reason(const Fact& f) {
    if (!is_status_code(f.status)) return std::nullopt;
    return table::reason_of_status(f.status);
}

bool is(const Fact& f, Reason r) { return f.known && *f.known == r; }

// Sisimai's "retry" reasons: formats set them from generic wording, so the text and the codes
// get a chance to say something more precise.
bool is_retry_reason(Reason r) {
    switch (r) {
        case Reason::undefined:
        case Reason::onhold:
        case Reason::systemerror:
        case Reason::securityerror:
        case Reason::expired:
        case Reason::suspend:
        case Reason::networkerror:
        case Reason::hostunknown:
        case Reason::userunknown:
            return true;
        default:
            return false;
    }
}

// A provider's own notice written for people in Chinese or Japanese: no status, reply code or SMTP
// command, and non-ASCII text. Sisimai reads an unknown-user text without SMTP detail as a filter
// answering DATA (filtered); such a notice means what it says.
bool is_local_notice(const Fact& f) {
    if (!f.status.empty() || !f.reply.empty() || !f.command.empty()) return false;
    return std::any_of(f.text.begin(), f.text.end(),
                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

bool command_before_data(std::string_view cmd) {
    return cmd == "CONN" || cmd == "EHLO" || cmd == "HELO" || cmd == "MAIL" || cmd == "RCPT" ||
           cmd == "STARTTLS" || cmd == "AUTH";
}

// ---------------------------------------------------------------------------------------------
// Step 2: provider rows

using detail::host_has_suffix;

bool is_host_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
}

// The text names a host (or an address) under `suffix`: "host mx3.qq.com[...] said",
// "<user@qq.com>". Used when the evidence does not say which host refused.
bool text_mentions_host(std::string_view text, std::string_view suffix) {
    const std::string_view bare = suffix.front() == '.' ? suffix.substr(1) : suffix;
    std::size_t from = 0;
    while (true) {
        const auto at = text.find(bare, from);
        if (at == std::string_view::npos) return false;
        from = at + 1;
        const auto end = at + bare.size();
        if (end < text.size() && is_host_char(text[end]) &&
            !(text[end] == '.' && (end + 1 >= text.size() || !is_host_char(text[end + 1]))))
            continue;
        if (at == 0) return suffix.front() != '.';
        const char before = text[at - 1];
        if (before == '.' || before == '@') return true;
        if (suffix.front() != '.' && !is_host_char(before)) return true;
    }
}

bool status_fits(std::string_view want, std::string_view status) {
    if (want.empty()) return true;
    if (status.size() < 5) return false;
    if (want[0] == 'x') {
        want.remove_prefix(1);
        status.remove_prefix(1);
    }
    const auto dash = want.find('-');
    if (dash == std::string_view::npos) return want == status;
    // "5.7.606-649": same class and subject, detail within the range
    const auto dot = want.rfind('.', dash);
    if (dot == std::string_view::npos || status.substr(0, dot + 1) != want.substr(0, dot + 1))
        return false;
    const auto number = [](std::string_view s) {
        int n = 0;
        for (char c : s) {
            if (!is_digit(c)) return -1;
            n = n * 10 + (c - '0');
        }
        return s.empty() ? -1 : n;
    };
    const int detail = number(status.substr(dot + 1));
    return detail >= number(want.substr(dot + 1, dash - dot - 1)) && detail <= number(want.substr(dash + 1));
}

bool reply_fits(std::string_view want, std::string_view reply) {
    if (want.empty()) return true;
    if (reply.size() != 3) return false;
    if (want[0] == 'x') return want.substr(1) == reply.substr(1);
    return want == reply;
}

std::string cut_code(std::string_view after, table::CodeTake take) {
    const auto word = after.substr(0, after.find_first_of(" /)]>,;"));
    std::string out;
    switch (take) {
        case table::CodeTake::word:
            return std::string(word);
        case table::CodeTake::leading_digits:
            for (char c : after) {
                if (!is_digit(c)) break;
                out.push_back(c);
            }
            return out;
        case table::CodeTake::four_digits:
            for (std::size_t i = 0; i < word.size(); ++i) {
                if (!is_digit(word[i])) continue;
                std::size_t j = i;
                while (j < word.size() && is_digit(word[j])) ++j;
                return j - i == 4 ? std::string(word.substr(i, 4)) : std::string();
            }
            return {};
        case table::CodeTake::numbered_label: {
            // "_416", "007_420", "aaa_101", "-416": an optional three-character part, a
            // separator, then the three-digit code.
            auto rest = word;
            if (rest.size() > 3 && rest[0] != '_' && rest[0] != '-') rest.remove_prefix(3);
            if (rest.size() != 4 || (rest[0] != '_' && rest[0] != '-')) return {};
            rest.remove_prefix(1);
            return std::all_of(rest.begin(), rest.end(), is_digit) ? std::string(rest) : std::string();
        }
    }
    return {};
}

bool code_fits(std::string_view want, std::string_view code) {
    const auto dash = want.find('-');
    if (dash == std::string_view::npos) return want == code;
    if (code.empty() || !std::all_of(code.begin(), code.end(), is_digit)) return false;
    const auto lo = want.substr(0, dash), hi = want.substr(dash + 1);
    if (code.size() != lo.size() || code.size() != hi.size()) return false;
    return code >= lo && code <= hi;
}

std::optional<Reason> coded_reason(table::Provider provider, const Fact& f, bool anywhere_only) {
    for (const auto& label : table::code_labels()) {
        if (label.provider != provider || (anywhere_only && !label.anywhere)) continue;
        for (auto at = f.text.find(label.label); at != std::string::npos;
             at = f.text.find(label.label, at + 1)) {
            const auto code =
                cut_code(std::string_view(f.text).substr(at + label.label.size()), label.take);
            if (code.empty()) continue;
            for (const auto& row : table::code_rows())
                if (row.provider == provider && code_fits(row.code, code)) return row.reason;
        }
    }
    return std::nullopt;
}

std::optional<Reason> provider_says(table::Provider provider, const Fact& f) {
    if (auto r = coded_reason(provider, f, false)) return r;
    const auto rows = table::provider_rows();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        if (row.provider != provider) continue;
        if (!status_fits(row.status, f.status) || !reply_fits(row.reply, f.reply)) continue;
        if (!row.command.empty() && row.command != f.command) continue;
        if (row.phrase.empty() && row.status.empty()) continue;
        if (!row.phrase.empty() && !says(f, pattern_index().of_provider_row(i))) continue;
        return row.reason;
    }
    return std::nullopt;
}

std::optional<Reason> provider_reason(const Fact& f) {
    if (f.text.empty()) return std::nullopt;
    const auto hosts = table::provider_hosts();
    // The provider that runs the remote host speaks first; failing that, one the text names.
    auto owner = std::find_if(hosts.begin(), hosts.end(), [&](const table::ProviderHosts& p) {
        return std::any_of(p.suffixes.begin(), p.suffixes.end(),
                           [&](std::string_view s) { return host_has_suffix(f.host, s); });
    });
    if (owner == hosts.end()) {
        owner = std::find_if(hosts.begin(), hosts.end(), [&](const table::ProviderHosts& p) {
            return std::any_of(p.suffixes.begin(), p.suffixes.end(),
                               [&](std::string_view s) { return text_mentions_host(f.text, s); });
        });
    }
    if (owner != hosts.end())
        if (auto r = provider_says(owner->provider, f)) return r;
    // Labels and codes that name their provider on their own
    for (const auto& p : hosts) {
        if (owner != hosts.end() && p.provider == owner->provider) continue;
        if (auto r = p.codes_anywhere ? provider_says(p.provider, f) : coded_reason(p.provider, f, true))
            return r;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Step 3: the per-reason checks, where the status code or the text decides.

bool probe(Reason r, const Fact& f) {
    if (is(f, r)) return true;
    const auto by_status = status_reason(f);
    const auto status_is = [&](Reason x) { return by_status && *by_status == x; };
    switch (r) {
        case Reason::mailboxfull:
        case Reason::exceedlimit:
        case Reason::authfailure:
        case Reason::requireptr:
        case Reason::toomanyconn:
        case Reason::blocked:
            return status_is(r) || text_says(r, f);
        case Reason::mesgtoobig:
            if (status_is(Reason::mesgtoobig)) return true;
            if (status_is(Reason::exceedlimit) || f.status == "5.2.3") return false;
            return text_says(r, f);
        case Reason::suspend:
            // Sisimai only trusts the text when some status code is known
            if (f.reply == "525" || status_is(Reason::suspend)) return true;
            return !f.status.empty() && text_says(r, f);
        case Reason::hasmoved:
        case Reason::notcompliantrfc:
        case Reason::badreputation:
        case Reason::speeding:
            return text_says(r, f);
        case Reason::norelaying:
            if (f.known && (*f.known == Reason::securityerror || *f.known == Reason::systemerror ||
                            *f.known == Reason::undefined))
                return false;
            if (f.command == "CONN" || f.command == "EHLO" || f.command == "HELO") return false;
            return text_says(r, f);
        case Reason::userunknown:
            if (status_is(Reason::suspend)) return false;
            if (status_is(Reason::userunknown)) {
                // 5.1.1 with a text that says something else is that something else: a rate
                // limit sent as 5.1.1 is not a dead mailbox
                for (auto other : {Reason::norelaying, Reason::blocked, Reason::mailboxfull,
                                   Reason::hasmoved, Reason::rejected, Reason::notaccept,
                                   Reason::speeding, Reason::toomanyconn})
                    if (text_says(other, f)) return false;
                return true;
            }
            // the words alone count only in a reply to RCPT, or in a provider's own notice
            return (f.command == "RCPT" || is_local_notice(f)) && text_says(r, f);
        case Reason::filtered:
            if (status_is(Reason::suspend)) return false;
            if (status_is(Reason::filtered))
                return text_says(Reason::userunknown, f) || text_says(r, f);
            // filters read the message, so they answer DATA, not an earlier command
            if (command_before_data(f.command)) return false;
            return text_says(r, f) ||
                   (!is_local_notice(f) && text_says(Reason::userunknown, f));
        case Reason::rejected: {
            if (status_is(Reason::rejected)) return true;
            const Reason tmp = by_status.value_or(Reason::undefined);
            if (f.command == "MAIL") return text_says(r, f);
            if (f.command == "DATA") return tmp != Reason::userunknown && text_says(r, f);
            if (tmp == Reason::undefined || tmp == Reason::onhold || tmp == Reason::securityerror ||
                tmp == Reason::systemerror)
                return text_says(r, f);
            return false;
        }
        case Reason::hostunknown:
            if (status_is(Reason::hostunknown)) return !text_says(Reason::networkerror, f);
            return text_says(r, f);
        case Reason::spamdetected:
            if (f.status.empty()) return false;
            if (status_is(Reason::spamdetected)) return true;
            if (command_before_data(f.command)) return false;
            return text_says(r, f);
        case Reason::syntaxerror:
            return f.reply.size() == 3 && (f.reply[0] == '4' || f.reply[0] == '5') &&
                   f.reply[1] == '0' && f.reply[2] <= '7';
        default:
            return false;
    }
}

constexpr std::array kProbeOrder{
    Reason::mailboxfull, Reason::mesgtoobig, Reason::exceedlimit, Reason::suspend,
    Reason::hasmoved,    Reason::norelaying, Reason::authfailure, Reason::userunknown,
    Reason::filtered,    Reason::requireptr, Reason::notcompliantrfc, Reason::badreputation,
    Reason::rejected,
    Reason::hostunknown, Reason::spamdetected, Reason::speeding, Reason::toomanyconn,
    Reason::blocked,
};

// Step 4: phrases alone, in this order, when neither the code nor step 3 decided.
constexpr std::array kFallbackOrder{
    Reason::mailboxfull,   Reason::spamdetected, Reason::policyviolation, Reason::virusdetected,
    Reason::norelaying,    Reason::authfailure,  Reason::badreputation,   Reason::securityerror,
    Reason::systemerror,   Reason::networkerror, Reason::speeding,        Reason::suspend,
    Reason::expired,       Reason::contenterror, Reason::systemfull,      Reason::notaccept,
    Reason::mailererror,
};

std::optional<Reason> fallback(const Fact& f) {
    if (f.known) return f.known;
    auto by_status = status_reason(f);
    if (by_status && !is_retry_reason(*by_status) && f.type == "SMTP") return by_status;

    for (auto r : kFallbackOrder)
        if (text_says(r, f)) return r;
    if (by_status) return by_status;

    const auto subject = std::string_view(f.status).substr(0, 3);
    if (subject == "5.6" || subject == "4.6") return Reason::contenterror;
    if (subject == "5.7" || subject == "4.7") return Reason::securityerror;
    if (f.type.starts_with("X-UNIX")) return Reason::mailererror;
    if (probe(Reason::syntaxerror, f)) return Reason::syntaxerror;
    if (f.action.starts_with("delayed") || f.action.starts_with("expired")) return Reason::expired;
    if (f.command == "EHLO" || f.command == "HELO") return Reason::blocked;
    return std::nullopt;
}

Reason decide(const Fact& f) {
    if (f.status.starts_with("2.")) return Reason::delivered;
    if (f.type == "SMTP" || f.type.empty())
        for (auto r : kProbeOrder)
            if (probe(r, f)) return r;

    auto r = fallback(f);
    if (r && *r == Reason::undefined) r.reset();
    if (!r && f.action == "delayed") r = Reason::expired;
    if (r) return *r;
    if (text_says(Reason::vacation, f)) return Reason::vacation;
    return f.text.empty() ? Reason::undefined : Reason::onhold;
}

// Sisimai's test for a temporary failure: the first code in the text says 4xx, or, with no code,
// the words "temporary"/"persistent".
bool looks_temporary(std::string_view reply, std::string_view text) {
    std::string probe_text;
    if (!reply.empty()) probe_text.append(reply).push_back(' ');
    probe_text.append(text);
    auto code = find_status(probe_text);
    if (code.empty()) code = find_reply(probe_text, 0);
    if (!code.empty()) return code[0] == '4';
    return probe_text.find("temporar") != std::string::npos ||
           probe_text.find("persistent") != std::string::npos;
}

// "smtp; 550 ...", "X-Unix; ...": the diagnostic type the text starts with, if any.
std::pair<std::string, std::string_view> split_type(std::string_view diagnostic) {
    auto start = diagnostic.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return {{}, {}};
    diagnostic.remove_prefix(start);
    const auto semi = diagnostic.find(';');
    if (semi == std::string_view::npos || semi > 32) return {{}, diagnostic};
    const auto head = uppercase(diagnostic.substr(0, semi));
    if (head == "SMTP" || (head.starts_with("X-") &&
                           std::all_of(head.begin(), head.end(), [](char c) {
                               return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
                           })))
        return {head, diagnostic.substr(semi + 1)};
    return {{}, diagnostic};
}

}  // namespace

std::string_view to_string(Reason r) {
    for (const auto& [reason, name] : kNames)
        if (reason == r) return name;
    return "undefined";
}

// The host name in a Remote-MTA value: "lsean.ezweb.ne.jp. (27.85.176.228, the server for the
// domain ezweb.ne.jp.)" or "[mx.example.org]" or "user@mx.example.org" give the bare name.
std::string host_name_of(std::string_view value) {
    value = detail::trim(value);
    if (const auto at = value.rfind('@'); at != std::string_view::npos) value = value.substr(at + 1);
    std::string out;
    for (char c : value) {
        if (c == '[' || c == ']' || c == '(' || c == ')') continue;
        if (is_space(c)) break;
        out.push_back(ascii_lower(c));
    }
    while (!out.empty() && out.back() == '.') out.pop_back();
    return out;
}

std::optional<Reason> reason_from_string(std::string_view name) {
    const auto lower = to_lower(name);
    for (const auto& [reason, n] : kNames)
        if (n == lower) return reason;
    return std::nullopt;
}

Classification classify(const Evidence& evidence) {
    Fact f;
    auto [type, body] = split_type(evidence.diagnostic);
    f.type = evidence.diagnostic_type.empty() ? type : uppercase(evidence.diagnostic_type);
    f.text = normalize(body);
    f.command = uppercase(evidence.command);
    f.host = host_name_of(evidence.remote_mta.empty() ? evidence.reporting_host : evidence.remote_mta);
    f.action = to_lower(evidence.action);

    // The status: the Status: field or the code in the reply text, whichever is more specific; a
    // reply code of the text code's class breaks a 4xx/5xx disagreement.
    const std::string field = is_status_code(evidence.status) ? evidence.status : std::string();
    const std::string in_text = find_status(f.text);
    const std::string text_reply = find_reply(f.text, in_text.empty() ? 0 : in_text[0]);
    f.status = prefer_status(field, in_text, text_reply);
    if (!is_status_code(f.status)) f.status.clear();
    f.reply = is_reply(evidence.reply_code) ? evidence.reply_code : text_reply;
    f.text = drop_line_codes(std::move(f.text), text_reply, in_text);
    f.pieces = pattern_index().scan(f.text);

    // A pseudo status (X.0.9xx) the format already assigned is kept like any other status: it
    // names no RFC 3463 code, so it never decides the reason.
    if (f.type.empty()) f.type = "SMTP";

    Classification out;
    auto known = evidence.format_reason;
    // A format's guess among the retry reasons yields to a status code that blames the sender or
    // its policy (RFC 3463 X.1.7, X.1.8, X.7.*): "Address not found" over a 5.1.8 reply is the
    // sender being rejected.
    if (known && is_retry_reason(*known) && f.status.size() >= 5) {
        const std::string_view detail = std::string_view(f.status).substr(1);
        if (detail.starts_with(".7.") || detail == ".1.7" || detail == ".1.8") known.reset();
    }
    if (known && !is_retry_reason(*known)) {
        out.reason = *known;
    } else {
        if (known) f.known = known;
        if (auto r = provider_reason(f)) out.reason = *r;
        else out.reason = decide(f);
    }

    out.status = f.status;
    if (out.status.empty())
        out.status = std::string(table::pseudo_status(out.reason, looks_temporary(f.reply, f.text)));

    switch (out.reason) {
        case Reason::userunknown:
        case Reason::hostunknown:
        case Reason::hasmoved:
            out.hard = true;
            break;
        case Reason::notaccept:
            // RFC 7505 null MX and friends: permanent unless the server said 4xx
            out.hard = out.status.empty() || out.status[0] != '4';
            break;
        default:
            out.hard = false;
    }
    return out;
}

}  // namespace mailkeeper::parser
