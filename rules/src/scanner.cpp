#include "scanner.h"

#include <hs/hs.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <map>

namespace mailkeeper::rules {

namespace {

// How far back a match of an unbounded regex (\s+, .*) is looked for when its start is needed
// for the excerpt: the main pass reports only where matches end (start-of-match tracking costs
// the whole scan a factor of ten).
constexpr std::size_t kRegexStartWindow = 1024;

// Regexes see the normalised text, which is case-folded: they match without regard to case, so
// that [A-Z] still finds what normalisation lowered. \d, \s and \w are ASCII classes (no
// HS_FLAG_UCP): normalisation already made full-width digits ASCII and every space one ' ', and the
// Unicode classes make compiling 15 times slower (0.9 s against 0.06 s for 50 regexes here).
constexpr unsigned kRegexFlags = HS_FLAG_UTF8 | HS_FLAG_CASELESS;

std::atomic<std::uint64_t> next_serial{1};

struct DatabaseDeleter {
    void operator()(hs_database_t* db) const { hs_free_database(db); }
};
using DatabasePtr = std::unique_ptr<hs_database_t, DatabaseDeleter>;

struct CompileErrorDeleter {
    void operator()(hs_compile_error_t* e) const { hs_free_compile_error(e); }
};
using CompileErrorPtr = std::unique_ptr<hs_compile_error_t, CompileErrorDeleter>;

// One scratch space per thread, grown to fit the scanner in use. The cache is per thread because
// vectorscan's scratch cannot be shared between concurrent scans, and allocating one per message
// costs more than scanning a small message.
struct ThreadScratch {
    hs_scratch_t* scratch = nullptr;
    std::uint64_t serial = 0;
    ~ThreadScratch() {
        if (scratch) hs_free_scratch(scratch);
    }
};
thread_local ThreadScratch thread_scratch;

bool is_word_char(UChar32 c) {
    if (c < 0x80) return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
    // CJK text has no spaces between words: a Latin keyword next to a Chinese character is whole
    return u_isalnum(c) && !u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC);
}

bool word_before(std::string_view text, std::size_t pos) {
    if (pos == 0) return false;
    std::int32_t i = static_cast<std::int32_t>(pos);
    UChar32 c;
    U8_PREV(reinterpret_cast<const std::uint8_t*>(text.data()), 0, i, c);
    return c >= 0 && is_word_char(c);
}

bool word_after(std::string_view text, std::size_t pos) {
    if (pos >= text.size()) return false;
    std::int32_t i = static_cast<std::int32_t>(pos);
    UChar32 c;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data()), i, static_cast<std::int32_t>(text.size()), c);
    return c >= 0 && is_word_char(c);
}

bool is_latin_edge(std::string_view keyword, bool front) {
    const unsigned char c = static_cast<unsigned char>(front ? keyword.front() : keyword.back());
    return c < 0x80 && (std::isalnum(c) || c == '_');
}

// A keyword as a vectorscan pattern: every byte that is not a letter or digit escaped, so that
// the pattern is the literal bytes of the normalised keyword.
std::string literal_pattern(std::string_view keyword) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(keyword.size() * 4);
    for (unsigned char c : keyword) {
        if (std::isalnum(c) && c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else {
            out += "\\x";
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

}  // namespace

struct Scanner::Regex {
    std::string text;
    DatabasePtr with_start;        // the same pattern with start-of-match, for excerpts
    unsigned max_width = UINT_MAX;  // bytes; UINT_MAX: unbounded
};

Scanner::~Scanner() {
    if (database_) hs_free_database(database_);
}

std::size_t Scanner::database_bytes() const {
    std::size_t size = 0;
    if (database_) hs_database_size(database_, &size);
    return size;
}

std::expected<std::shared_ptr<const Scanner>, std::vector<RuleError>> compile_scanner(const std::vector<Rule>& rules) {
    auto scanner = std::make_shared<Scanner>();
    std::vector<RuleError> errors;
    std::map<std::string, std::uint32_t> literal_ids;
    struct PendingRegex {
        std::string text;
        Location where;
    };
    std::vector<PendingRegex> regex_texts;
    std::map<std::string, std::uint32_t> regex_ids;

    auto literal = [&](const std::string& k) {
        auto [it, fresh] = literal_ids.emplace(k, static_cast<std::uint32_t>(scanner->literals_.size()));
        if (fresh) scanner->literals_.push_back({k, is_latin_edge(k, true), is_latin_edge(k, false)});
        return it->second;
    };
    // Literal ids come first: collect them in a first pass, regexes after.
    for_each_matcher(rules, [&](std::size_t, std::size_t, const Matcher& m) {
        for (const auto& k : m.keywords) literal(k);
        if (m.near)
            for (const auto& k : m.near->keywords) literal(k);
    });
    const auto literal_count = static_cast<std::uint32_t>(scanner->literals_.size());
    for_each_matcher(rules, [&](std::size_t, std::size_t, const Matcher& m) {
        std::vector<std::uint32_t> ids, near_ids;
        for (const auto& k : m.keywords) ids.push_back(literal_ids.at(k));
        if (m.near)
            for (const auto& k : m.near->keywords) near_ids.push_back(literal_ids.at(k));
        if (m.kind == MatcherKind::regex) {
            auto [it, fresh] = regex_ids.emplace(m.regex, literal_count + static_cast<std::uint32_t>(regex_texts.size()));
            if (fresh) regex_texts.push_back({m.regex, m.location});
            ids.push_back(it->second);
        }
        scanner->matcher_patterns_.push_back(std::move(ids));
        scanner->near_patterns_.push_back(std::move(near_ids));
    });

    // Each regex alone first: a bad one is reported where it is written, with vectorscan's reason.
    for (const auto& pending : regex_texts) {
        auto regex = std::make_unique<Scanner::Regex>();
        regex->text = pending.text;
        hs_database_t* db = nullptr;
        hs_compile_error_t* raw_error = nullptr;
        if (hs_compile(pending.text.c_str(), kRegexFlags | HS_FLAG_SOM_LEFTMOST, HS_MODE_BLOCK, nullptr, &db, &raw_error) !=
            HS_SUCCESS) {
            CompileErrorPtr error(raw_error);
            // Some patterns compile only without start tracking: accept them, excerpts then end at
            // the match.
            hs_database_t* plain = nullptr;
            hs_compile_error_t* plain_error = nullptr;
            if (hs_compile(pending.text.c_str(), kRegexFlags, HS_MODE_BLOCK, nullptr, &plain, &plain_error) != HS_SUCCESS) {
                CompileErrorPtr second(plain_error);
                errors.push_back({pending.where, "regex '" + pending.text + "' cannot be compiled: " +
                                                     std::string(second && second->message ? second->message : "unknown error")});
                continue;
            }
            hs_free_database(plain);
        } else {
            regex->with_start.reset(db);
        }
        hs_expr_info_t* info = nullptr;
        hs_compile_error_t* info_error = nullptr;
        if (hs_expression_info(pending.text.c_str(), kRegexFlags, &info, &info_error) == HS_SUCCESS && info) {
            regex->max_width = info->max_width;
            std::free(info);
        } else {
            CompileErrorPtr ignored(info_error);
        }
        scanner->regexes_.push_back(std::move(regex));
    }
    if (!errors.empty()) return std::unexpected(std::move(errors));
    scanner->users_.resize(literal_count + scanner->regexes_.size());
    for (std::size_t m = 0; m < scanner->matcher_patterns_.size(); ++m)
        for (std::uint32_t p : scanner->matcher_patterns_[m]) scanner->users_[p].push_back(static_cast<std::uint32_t>(m));

    std::vector<std::string> patterns;
    std::vector<unsigned> flags, ids;
    for (std::uint32_t i = 0; i < literal_count; ++i) {
        patterns.push_back(literal_pattern(scanner->literals_[i].text));
        flags.push_back(0);
        ids.push_back(i);
    }
    for (std::size_t i = 0; i < scanner->regexes_.size(); ++i) {
        patterns.push_back(scanner->regexes_[i]->text);
        flags.push_back(kRegexFlags);
        ids.push_back(literal_count + static_cast<unsigned>(i));
    }
    if (!patterns.empty()) {
        std::vector<const char*> expressions;
        for (const auto& p : patterns) expressions.push_back(p.c_str());
        hs_compile_error_t* raw_error = nullptr;
        if (hs_compile_multi(expressions.data(), flags.data(), ids.data(), static_cast<unsigned>(expressions.size()),
                             HS_MODE_BLOCK, nullptr, &scanner->database_, &raw_error) != HS_SUCCESS) {
            CompileErrorPtr error(raw_error);
            Location where{"rules", 0, 0};
            std::string what = error && error->message ? error->message : "unknown error";
            if (error && error->expression >= 0) {
                const auto id = static_cast<std::uint32_t>(error->expression);
                if (id >= literal_count) where = regex_texts[id - literal_count].where;
                what = (id < literal_count ? "keyword '" + scanner->literals_[id].text + "'"
                                           : "regex '" + regex_texts[id - literal_count].text + "'") + ": " + what;
            }
            errors.push_back({where, "the rule set cannot be compiled: " + what});
            return std::unexpected(std::move(errors));
        }
    }
    scanner->serial_ = next_serial.fetch_add(1);
    return std::shared_ptr<const Scanner>(std::move(scanner));
}

namespace {

struct ScanContext {
    std::string_view text;
    std::vector<RawHit>* hits;
    std::size_t* dropped;
    const std::uint32_t* literal_lengths;
    const std::uint8_t* literal_edges;  // bit 1: word start needed, bit 2: word end needed
    std::uint32_t literal_count;
    std::vector<std::uint32_t>* counts;  // hits per pattern, kept once the text has many hits
};

// Per-pattern counting starts once a text has this many hits: most texts never get there, and
// zeroing a counter per pattern for every small text would cost more than its scan.
constexpr std::size_t kCountFrom = 1000;

int on_match(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/, void* context) {
    auto* c = static_cast<ScanContext*>(context);
    const auto end = static_cast<std::uint32_t>(to);
    std::uint32_t begin = UINT32_MAX;
    if (id < c->literal_count) {
        begin = end - c->literal_lengths[id];
        // whole words for Latin keywords, checked here so that rejected hits take no room
        const std::uint8_t edges = c->literal_edges[id];
        if (((edges & 1) && word_before(c->text, begin)) || ((edges & 2) && word_after(c->text, end))) return 0;
    }
    auto& hits = *c->hits;
    if (hits.size() >= kCountFrom) {
        auto& counts = *c->counts;
        if (counts.empty()) {
            counts.assign(c->literal_count + 64, 0);
            for (const RawHit& h : hits) {
                if (h.pattern >= counts.size()) counts.resize(h.pattern + 1, 0);
                ++counts[h.pattern];
            }
        }
        if (id >= counts.size()) counts.resize(id + 1, 0);
        if (counts[id] >= kMaxHitsPerPattern) {
            // enough of this one for any min_count, but later hits may matter for `near`: the
            // text counts as not fully scanned
            ++*c->dropped;
            return 0;
        }
        if (hits.size() >= kMaxHitsPerText) {
            ++*c->dropped;
            return 0;
        }
        ++counts[id];
    }
    hits.push_back({id, begin, end});
    return 0;
}

}  // namespace

bool Scanner::scan(std::string_view text, std::vector<RawHit>& hits, std::size_t& dropped) const {
    hits.clear();
    if (!database_ || text.empty()) return true;
    if (text.size() > UINT32_MAX) return false;
    ThreadScratch& ts = thread_scratch;
    if (ts.serial != serial_) {
        ts.serial = 0;  // a failed allocation frees the scratch: nothing is cached until one succeeds
        if (hs_alloc_scratch(database_, &ts.scratch) != HS_SUCCESS) return false;
        for (const auto& r : regexes_)
            if (r->with_start && hs_alloc_scratch(r->with_start.get(), &ts.scratch) != HS_SUCCESS) return false;
        ts.serial = serial_;
    }
    // literal lengths and word edges in flat arrays: the callback runs for every hit
    thread_local std::vector<std::uint32_t> lengths;
    thread_local std::vector<std::uint8_t> edges;
    thread_local std::vector<std::uint32_t> counts;
    thread_local std::uint64_t lengths_serial = 0;
    if (lengths_serial != serial_) {
        lengths.clear();
        edges.clear();
        for (const auto& l : literals_) {
            lengths.push_back(static_cast<std::uint32_t>(l.text.size()));
            edges.push_back(static_cast<std::uint8_t>((l.word_start ? 1 : 0) | (l.word_end ? 2 : 0)));
        }
        lengths_serial = serial_;
    }
    counts.clear();
    ScanContext context{text, &hits, &dropped, lengths.data(), edges.data(), static_cast<std::uint32_t>(literals_.size()), &counts};
    if (hs_scan(database_, text.data(), static_cast<unsigned>(text.size()), 0, ts.scratch, on_match, &context) !=
        HS_SUCCESS)
        return false;
    find_regex_starts(text, hits);
    std::sort(hits.begin(), hits.end(), [](const RawHit& a, const RawHit& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    return true;
}

void Scanner::find_regex_starts(std::string_view text, std::vector<RawHit>& hits) const {
    const auto literal_count = static_cast<std::uint32_t>(literals_.size());
    // vectorscan reports every end of a match ("a+" over "aaaa" ends four times); ends of one long
    // match beyond the start window would each look like a match of their own: they extend the
    // previous hit of the same regex instead
    std::vector<std::size_t> last(regexes_.size(), SIZE_MAX);
    bool merged = false;
    for (std::size_t index = 0; index < hits.size(); ++index) {
        RawHit& h = hits[index];
        if (h.begin != UINT32_MAX) continue;
        const Regex& r = *regexes_[h.pattern - literal_count];
        const std::size_t width = r.max_width == UINT_MAX ? kRegexStartWindow : std::min<std::size_t>(r.max_width, kRegexStartWindow);
        std::size_t from = h.end > width ? h.end - width : 0;
        while (from < h.end && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;  // a character start
        h.begin = static_cast<std::uint32_t>(from);
        struct Found {
            unsigned long long want;
            unsigned long long best = ULLONG_MAX;
        } found{h.end - from};
        if (r.with_start)
            hs_scan(
            r.with_start.get(), text.data() + from, static_cast<unsigned>(h.end - from), 0, thread_scratch.scratch,
            [](unsigned, unsigned long long f, unsigned long long t, unsigned, void* ctx) -> int {
                auto* s = static_cast<Found*>(ctx);
                if (t == s->want && f < s->best) s->best = f;
                return 0;
            },
            &found);
        if (found.best != ULLONG_MAX) h.begin = static_cast<std::uint32_t>(from + found.best);
        std::size_t& previous = last[h.pattern - literal_count];
        if (found.best == ULLONG_MAX && previous != SIZE_MAX && hits[previous].end >= from) {
            hits[previous].end = h.end;
            h.pattern = UINT32_MAX;  // merged
            merged = true;
            continue;
        }
        previous = index;
    }
    if (merged) std::erase_if(hits, [](const RawHit& h) { return h.pattern == UINT32_MAX; });
}

}  // namespace mailkeeper::rules
