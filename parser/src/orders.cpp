#include "mailkeeper/parser/orders.h"

#include <algorithm>
#include <cstdint>

#include "needles.h"
#include "orders_table.h"
#include "parts.h"
#include "text.h"

namespace mailkeeper::parser {

using namespace detail;

struct OrderFinder::Compiled {
    std::vector<OrderPattern> patterns;
    std::vector<std::string_view> labels;  // views into `patterns`
    std::vector<std::uint32_t> pattern_of;  // label index -> pattern index
    std::unique_ptr<NeedleSet> set;
};

namespace {

// A number: 3 to 40 characters with at least one digit; ERP and hand-made numbers fit, sentences do not.
constexpr std::size_t kMinNumberChars = 3;
constexpr std::size_t kMaxNumberChars = 40;
// Characters of a Subject tag that may be an order reference on its own, and the bytes of a
// Subject read at all.
constexpr std::size_t kMinTagChars = 3;
constexpr std::size_t kMaxTagChars = 60;
constexpr std::size_t kMaxSubjectBytes = 2048;
// Separators read between a label and its number ("PO No.: #123" has three).
constexpr int kMaxSeparators = 4;

bool is_token_char(char c) { return is_ascii_alnum(c) || c == '-' || c == '_' || c == '.' || c == '/'; }

// Characters before a label that make it part of something else: a path or URL, an address.
bool joins_label(char c) {
    return is_ascii_alnum(c) || c == '/' || c == '.' || c == '@' || c == '=' || c == '&' || c == '?' || c == '%' ||
           c == '\\';
}

// A label written only with number characters and ending in a letter or digit ("PO", "P.O",
// "INV") can start an unlabelled number: "PO2023-001".
bool can_prefix(std::string_view label) {
    return !label.empty() && is_ascii_alnum(label.back()) && std::all_of(label.begin(), label.end(), is_token_char);
}

std::size_t skip_separators(std::string_view s, std::size_t i) {
    for (int n = 0; n < kMaxSeparators; ++n) {
        i = skip_spaces(s, i);
        bool took = false;
        for (std::string_view sep : number_separators()) {
            if (!istarts_with(s.substr(i), sep)) continue;
            // a word separator is a whole word: "No" but not "Nov", "is" but not "issued"
            if (is_ascii_letter(sep.back()) && i + sep.size() < s.size() && is_ascii_letter(s[i + sep.size()])) continue;
            i += sep.size();
            took = true;
            break;
        }
        if (!took) break;
    }
    return skip_spaces(s, i);
}

// "3.50", "12.5": an amount, not a number of a document.
bool is_amount(std::string_view t) {
    const std::size_t dot = t.find('.');
    if (dot == std::string_view::npos || dot == 0 || t.size() - dot - 1 > 2 || t.size() - dot - 1 == 0) return false;
    return std::all_of(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(dot), is_ascii_digit) &&
           std::all_of(t.begin() + static_cast<std::ptrdiff_t>(dot) + 1, t.end(), is_ascii_digit);
}

// The number token at i, trimmed and checked; empty when there is none. `end` is set past the
// characters read.
std::string_view number_at(std::string_view s, std::size_t i, std::size_t& end) {
    end = i;
    if (i >= s.size() || !is_ascii_alnum(s[i])) return {};
    std::size_t e = i;
    // one past the longest number is enough to refuse it: a token of 100 KB is not read to its end
    // for every label inside it
    while (e < s.size() && is_token_char(s[e]) && e - i <= kMaxNumberChars + 8) ++e;
    end = e;
    std::string_view t = s.substr(i, e - i);
    while (!t.empty() && (t.back() == '.' || t.back() == '-' || t.back() == '_' || t.back() == '/')) t.remove_suffix(1);
    for (std::string_view ext : file_extensions())
        if (iends_with(t, ext) && t.size() > ext.size()) {
            t.remove_suffix(ext.size());
            break;
        }
    if (t.size() < kMinNumberChars || t.size() > kMaxNumberChars) return {};
    if (std::none_of(t.begin(), t.end(), is_ascii_digit) || is_amount(t)) return {};
    return t;
}

class Collector {
public:
    bool full() const { return out_.size() >= kMaxOrders; }
    void add(std::string_view number, std::string_view kind, std::string_view where) {
        if (full()) return;
        for (const OrderRef& r : out_)
            if (iequals(r.number, number)) return;  // the first place found wins
        out_.push_back({std::string(number), std::string(kind), std::string(where)});
    }
    std::vector<OrderRef> take() { return std::move(out_); }

private:
    std::vector<OrderRef> out_;
};

// Every labelled or label-prefixed number in `text`. Returns how many were found.
std::size_t scan(const OrderFinder::Compiled& c, std::string_view text, std::string_view where, Collector& out) {
    if (!c.set || text.empty()) return 0;
    std::vector<NeedleHit> hits = c.set->all(text, kMaxOrderLabelHits);
    // at one position the longest label first: "Purchase Order" before "Order No", "PO No." before "PO"
    std::stable_sort(hits.begin(), hits.end(), [](const NeedleHit& a, const NeedleHit& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    std::size_t found = 0;
    std::size_t consumed = 0;
    for (const NeedleHit& h : hits) {
        if (out.full()) break;
        if (h.begin < consumed) continue;
        const std::string_view label = c.labels[h.id];
        if (is_ascii_alnum(label.front()) && h.begin > 0 && joins_label(text[h.begin - 1])) continue;
        const std::string_view kind = c.patterns[c.pattern_of[h.id]].kind;
        std::size_t end = h.end;
        std::string_view number;
        const char next = h.end < text.size() ? text[h.end] : ' ';
        if (is_ascii_alnum(label.back()) && is_ascii_letter(next)) continue;  // "POSITION", "PIN", "Refund"
        if (can_prefix(label) && (is_ascii_digit(next) || ((next == '-' || next == '_' || next == '/') &&
                                                           h.end + 1 < text.size() && is_ascii_alnum(text[h.end + 1])))) {
            number = number_at(text, h.begin, end);  // "PO2023-001", "PI-88123": the label is part of it
        } else {
            const std::size_t at = skip_separators(text, h.end);
            const bool separated = at > skip_spaces(text, h.end);  // ":", "#", "No." and not only spaces
            number = number_at(text, at, end);
            const bool ambiguous = std::any_of(labels_needing_separator().begin(), labels_needing_separator().end(),
                                               [&](std::string_view l) { return iequals(l, label); });
            // a year after a word ("Inv 2024 budget", "PO 2024 plan") is a year
            const bool year = number.size() == 4 && (number.starts_with("19") || number.starts_with("20")) &&
                              std::all_of(number.begin(), number.end(), is_ascii_digit);
            if (!separated && (ambiguous || year)) number = {};
        }
        if (number.empty()) {
            // past a token too long to be a number, so that the labels inside it are not read again
            consumed = end > h.end + kMaxNumberChars ? end : h.end;
            continue;
        }
        out.add(number, kind, where);
        ++found;
        consumed = end;
    }
    return found;
}

std::string_view strip_reply_prefixes(std::string_view s) {
    for (int round = 0; round < 16; ++round) {
        s = trim(s);
        bool took = false;
        for (std::string_view p : subject_prefixes())
            if (istarts_with(s, p)) {
                s.remove_prefix(p.size());
                took = true;
                break;
            }
        // "Re[2]:", "RE^2:"
        if (!took && (istarts_with(s, "re[") || istarts_with(s, "re^"))) {
            std::size_t i = 3;
            while (i < s.size() && is_ascii_digit(s[i])) ++i;
            if (i < s.size() && s[i] == ']') ++i;
            if (i < s.size() && s[i] == ':') {
                s.remove_prefix(i + 1);
                took = true;
            }
        }
        if (!took) break;
    }
    return s;
}

std::size_t utf8_chars(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); i += utf8_length(static_cast<unsigned char>(s[i]))) ++n;
    return n;
}

bool is_non_order_tag(std::string_view content) {
    for (std::string_view t : non_order_tags())
        if (istarts_with(content, t) && (content.size() == t.size() || !is_ascii_letter(content[t.size()])))
            return true;
    return false;
}

// "[ABC公司-PO2023-001]", "【PI-88123】": a labelled number inside, or the tag itself when it
// carries a digit (a list's own tags, "[users]", are not read on list mail).
void scan_tags(const OrderFinder::Compiled& c, std::string_view subject, bool list_mail, Collector& out) {
    static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {{"[", "]"}, {"\xe3\x80\x90", "\xe3\x80\x91"}};
    std::size_t i = 0;
    while (i < subject.size() && !out.full()) {
        std::size_t best = std::string_view::npos;
        std::string_view close;
        std::size_t open_len = 0;
        for (const auto& [o, cl] : kPairs) {
            const std::size_t at = subject.find(o, i);
            if (at < best) {
                best = at;
                close = cl;
                open_len = o.size();
            }
        }
        if (best == std::string_view::npos) break;
        const std::size_t from = best + open_len;
        const std::size_t to = subject.find(close, from);
        if (to == std::string_view::npos) break;
        const std::string_view content = trim(subject.substr(from, to - from));
        i = to + close.size();
        if (scan(c, content, "subject_tag", out) > 0 || list_mail) continue;
        const std::size_t chars = utf8_chars(content);
        if (chars < kMinTagChars || chars > kMaxTagChars) continue;
        if (std::none_of(content.begin(), content.end(), is_ascii_digit) || is_non_order_tag(content)) continue;
        out.add(content, "tag", "subject_tag");
    }
}

// The text parts the sender wrote: outside any returned or attached message, not attachments,
// one form of each multipart/alternative.
std::vector<std::string_view> body_texts(const Message& m) {
    std::vector<std::string_view> out;
    std::vector<int> alternatives_seen;
    for (const Part& p : m.parts) {
        if (p.in_returned_message || !p.filename.empty() || p.text.empty()) continue;
        if (p.media_type != "text/plain" && p.media_type != "text/html") continue;
        if (p.alternative > 0) {
            if (std::find(alternatives_seen.begin(), alternatives_seen.end(), p.alternative) != alternatives_seen.end())
                continue;
            alternatives_seen.push_back(p.alternative);
        }
        out.push_back(p.text);
    }
    return out;
}

// "ABC_PO2023-001.pdf" -> "ABC PO2023-001": the extension goes, '_' separates words in names.
std::string name_for_scan(std::string_view filename) {
    std::string name(filename.substr(0, std::min<std::size_t>(filename.size(), 1024)));
    const std::size_t dot = name.rfind('.');
    if (dot != std::string::npos && name.size() - dot <= 6 && dot > 0) name.resize(dot);
    std::replace(name.begin(), name.end(), '_', ' ');
    return name;
}

bool is_list_mail(const Message& m) {
    return find_header(m.headers, "List-Id").has_value() || find_header(m.headers, "List-Post").has_value();
}

std::unique_ptr<OrderFinder::Compiled> compile(std::vector<OrderPattern> patterns) {
    auto c = std::make_unique<OrderFinder::Compiled>();
    c->patterns = std::move(patterns);
    for (std::size_t p = 0; p < c->patterns.size(); ++p)
        for (const std::string& label : c->patterns[p].labels) {
            c->labels.push_back(label);
            c->pattern_of.push_back(static_cast<std::uint32_t>(p));
        }
    c->set = std::make_unique<NeedleSet>(c->labels);
    return c;
}

}  // namespace

OrderFinder::OrderFinder(std::unique_ptr<Compiled> compiled) : compiled_(std::move(compiled)) {}
OrderFinder::OrderFinder(OrderFinder&&) noexcept = default;
OrderFinder& OrderFinder::operator=(OrderFinder&&) noexcept = default;
OrderFinder::~OrderFinder() = default;

const std::vector<OrderPattern>& OrderFinder::patterns() const { return compiled_->patterns; }

std::vector<OrderRef> OrderFinder::find(const Message& message) const {
    const Compiled& c = *compiled_;
    Collector out;
    const std::string subject_value = find_header(message.headers, "Subject").value_or("");
    const std::string_view subject = cut_utf8(subject_value, kMaxSubjectBytes);
    scan_tags(c, subject, is_list_mail(message), out);
    scan(c, strip_reply_prefixes(subject), "subject", out);
    std::size_t budget = kMaxOrderScanBytes;
    for (std::string_view text : body_texts(message)) {
        if (budget == 0 || out.full()) break;
        const std::string_view part = cut_utf8(text, budget);
        scan(c, part, "body", out);
        budget -= part.size();
    }
    for (const Part& p : message.parts) {
        if (out.full()) break;
        if (p.in_returned_message || p.filename.empty()) continue;
        scan(c, name_for_scan(p.filename), "attachment_name", out);
    }
    return out.take();
}

std::expected<OrderFinder, Error> compile_order_patterns(std::vector<OrderPattern> patterns) {
    std::size_t labels = 0;
    for (const OrderPattern& p : patterns) {
        if (p.kind.empty()) return std::unexpected(Error{ErrorCode::invalid_pattern, "an order pattern has no kind", true});
        if (p.kind == "tag")
            return std::unexpected(Error{ErrorCode::invalid_pattern, "order pattern kind \"tag\" is reserved for subject tags", true});
        if (p.labels.empty())
            return std::unexpected(Error{ErrorCode::invalid_pattern, "order pattern \"" + p.kind + "\" has no labels", true});
        for (const std::string& l : p.labels) {
            if (trim(l).empty() || l.size() > kMaxOrderLabelBytes)
                return std::unexpected(Error{ErrorCode::invalid_pattern,
                                             "order pattern \"" + p.kind + "\" has an empty or overlong label", true});
            ++labels;
        }
    }
    if (labels > kMaxOrderLabels)
        return std::unexpected(Error{ErrorCode::invalid_pattern, "more than " + std::to_string(kMaxOrderLabels) + " order labels", true});
    return OrderFinder(compile(std::move(patterns)));
}

const OrderFinder& default_order_finder() {
    static const OrderFinder kFinder = *compile_order_patterns(default_order_patterns());
    return kFinder;
}

std::vector<OrderRef> find_orders(const Message& message, const OrderFinder& finder) { return finder.find(message); }

std::vector<OrderRef> find_orders(const Message& message, const std::vector<OrderPattern>& patterns) {
    if (&patterns == &default_order_patterns()) return default_order_finder().find(message);
    auto finder = compile_order_patterns(patterns);
    return finder ? finder->find(message) : std::vector<OrderRef>{};
}

// ---- topics

namespace {

struct TopicPhrase {
    std::size_t topic;
    int points;  // strong 2, weak 1
};

struct CompiledTopics {
    std::vector<std::string_view> phrases;
    std::vector<TopicPhrase> rows;
    std::unique_ptr<NeedleSet> set;
};

const CompiledTopics& compiled_topics() {
    static const CompiledTopics kTopics = [] {
        CompiledTopics c;
        const auto& topics = detail::topics();
        for (std::size_t t = 0; t < topics.size(); ++t) {
            for (std::string_view p : topics[t].strong) {
                c.phrases.push_back(p);
                c.rows.push_back({t, 2});
            }
            for (std::string_view p : topics[t].weak) {
                c.phrases.push_back(p);
                c.rows.push_back({t, 1});
            }
        }
        c.set = std::make_unique<NeedleSet>(c.phrases);
        return c;
    }();
    return kTopics;
}

// Hits that count: whole words, and not inside a longer phrase found at the same place ("quotation"
// inside "request for quotation" is the inquiry's).
std::vector<NeedleHit> topic_hits(const CompiledTopics& c, std::string_view text) {
    std::vector<NeedleHit> hits = c.set->all(text, kMaxOrderLabelHits);
    std::stable_sort(hits.begin(), hits.end(), [](const NeedleHit& a, const NeedleHit& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    std::vector<NeedleHit> out;
    std::size_t covered = 0;
    for (const NeedleHit& h : hits) {
        if (h.end <= covered) continue;
        if (!at_word_boundaries(text, h.begin, h.end, c.phrases[h.id])) continue;
        out.push_back(h);
        covered = h.end;
    }
    return out;
}

}  // namespace

std::vector<std::string> message_tags(const Message& message, const std::vector<OrderRef>& orders, bool autoreply,
                                      bool bounce) {
    const CompiledTopics& c = compiled_topics();
    const auto& topics = detail::topics();
    std::vector<int> score(topics.size(), 0);
    // one count per phrase and place: "payment" five times in a text is one mention
    std::vector<std::uint8_t> seen(c.phrases.size(), 0);
    auto add = [&](std::string_view text, int weight, std::uint8_t place) {
        for (const NeedleHit& h : topic_hits(c, text)) {
            if (seen[h.id] & place) continue;
            seen[h.id] |= place;
            score[c.rows[h.id].topic] += c.rows[h.id].points * weight;
        }
    };
    const std::string subject = find_header(message.headers, "Subject").value_or("");
    add(cut_utf8(subject, kMaxSubjectBytes), 2, 1);
    add(cut_utf8(first_text(message), kMaxTagScanBytes), 1, 2);

    std::vector<std::string> out;
    for (std::size_t t = 0; t < topics.size(); ++t)
        if (score[t] >= 2) out.emplace_back(topics[t].tag);
    for (const OrderRef& r : orders)
        for (const KindTopic& k : kind_topics())
            if (r.kind == k.kind) out.emplace_back(k.tag);
    if (autoreply) out.emplace_back("auto-reply");
    if (bounce) out.emplace_back("bounce");
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace mailkeeper::parser
