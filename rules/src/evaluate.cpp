// The verdict: which rules apply to this message (direction, parties), one scan per text, the
// matchers counted, the rules decided, the strongest action.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "detectors.h"
#include "mailkeeper/rules/normalize.h"
#include "mailkeeper/rules/verdict.h"
#include "scanner.h"

namespace mailkeeper::rules {

RuleSet::RuleSet(std::vector<Rule> rules, std::map<std::string, std::vector<std::string>> groups,
                 std::shared_ptr<const Scanner> scanner)
    : rules_(std::move(rules)), groups_(std::move(groups)), scanner_(std::move(scanner)) {}
RuleSet::~RuleSet() = default;
std::size_t RuleSet::keyword_count() const { return scanner_->literal_count(); }
std::size_t RuleSet::regex_count() const { return scanner_->regex_count(); }

const RuleMatch* Verdict::deciding() const {
    if (!action) return nullptr;
    for (const auto& m : matches)
        if (m.mode == Mode::enforce && m.action == *action) return &m;
    return nullptr;
}

std::vector<std::string> Verdict::tagged_rules() const {
    std::vector<std::string> out;
    for (const auto& m : matches)
        if (m.mode == Mode::enforce && m.action >= Action::tag) out.push_back(m.rule);
    return out;
}

namespace {

// Characters of context on each side of a match in an excerpt.
constexpr std::size_t kExcerptContext = 30;
// Characters of a masked value shown; a longer match (a regex over a paragraph) is shortened.
constexpr std::size_t kMaxMaskedChars = 40;
// Longest keyword in bytes (the loader's bound): how far before a match a supporting keyword may start.
constexpr std::size_t kMaxKeywordBytes = 256;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string domain_of(const std::string& address) {
    const auto at = address.rfind('@');
    return at == std::string::npos ? std::string() : lower(address.substr(at + 1));
}

bool in_domain(const std::string& domain, const std::string& parent) {
    return domain == parent || (domain.size() > parent.size() && domain.ends_with(parent) &&
                                domain[domain.size() - parent.size() - 1] == '.');
}

// An address against a list of addresses and "@domain" entries.
bool address_in(const std::string& address, const std::vector<std::string>& entries) {
    const std::string a = lower(address);
    const std::string d = domain_of(a);
    for (const auto& e : entries) {
        if (e.starts_with('@') ? in_domain(d, e.substr(1)) : e == a) return true;
    }
    return false;
}

bool domain_in(const std::string& address, const std::vector<std::string>& domains) {
    const std::string d = domain_of(address);
    return std::any_of(domains.begin(), domains.end(), [&](const std::string& p) { return in_domain(d, p); });
}

bool in_groups(const std::string& address, const std::vector<std::string>& names,
               const std::map<std::string, std::vector<std::string>>& groups) {
    for (const auto& n : names)
        if (auto it = groups.find(n); it != groups.end() && address_in(address, it->second)) return true;
    return false;
}

bool sender_matches(const Parties& p, const std::string& sender, const std::map<std::string, std::vector<std::string>>& groups) {
    return (!p.senders.empty() && address_in(sender, p.senders)) ||
           (!p.sender_domains.empty() && domain_in(sender, p.sender_domains)) ||
           (!p.sender_groups.empty() && in_groups(sender, p.sender_groups, groups));
}

bool recipient_matches(const Parties& p, const std::string& rcpt, const std::map<std::string, std::vector<std::string>>& groups) {
    return (!p.recipients.empty() && address_in(rcpt, p.recipients)) ||
           (!p.recipient_domains.empty() && domain_in(rcpt, p.recipient_domains)) ||
           (!p.recipient_groups.empty() && in_groups(rcpt, p.recipient_groups, groups));
}

bool applies(const Rule& rule, const MessageContext& ctx, const std::map<std::string, std::vector<std::string>>& groups) {
    if (rule.direction != Direction::any && rule.direction != ctx.direction) return false;
    if (rule.external_only &&
        std::all_of(ctx.recipients.begin(), ctx.recipients.end(),
                    [&](const std::string& r) { return domain_in(r, ctx.internal_domains); }))
        return false;
    const Parties& w = rule.when;
    const bool has_sender_keys = !w.senders.empty() || !w.sender_domains.empty() || !w.sender_groups.empty();
    const bool has_rcpt_keys = !w.recipients.empty() || !w.recipient_domains.empty() || !w.recipient_groups.empty();
    if (has_sender_keys && !sender_matches(w, ctx.sender, groups)) return false;
    if (has_rcpt_keys && std::none_of(ctx.recipients.begin(), ctx.recipients.end(),
                                      [&](const std::string& r) { return recipient_matches(w, r, groups); }))
        return false;
    const Parties& u = rule.unless;
    if (sender_matches(u, ctx.sender, groups)) return false;
    const bool unless_rcpt = !u.recipients.empty() || !u.recipient_domains.empty() || !u.recipient_groups.empty();
    // An exception for recipients holds only when every recipient is excepted: one outside
    // address among partners still gets the rule.
    if (unless_rcpt && !ctx.recipients.empty() &&
        std::all_of(ctx.recipients.begin(), ctx.recipients.end(),
                    [&](const std::string& r) { return recipient_matches(u, r, groups); }))
        return false;
    return true;
}

struct Piece {
    unsigned scope;
    std::string where;
    std::string_view text;
};

std::vector<Piece> pieces_of(const MessageContent& content, unsigned scopes) {
    std::vector<Piece> out;
    if ((scopes & kSubject) && !content.subject.empty()) out.push_back({kSubject, "subject", content.subject});
    if (scopes & kBody)
        for (const auto& b : content.bodies) out.push_back({kBody, "body", b});
    for (const auto& a : content.attachments) {
        if (scopes & kAttachmentNames) out.push_back({kAttachmentNames, "attachment_name:" + a.name, a.name});
        if ((scopes & kAttachmentText) && !a.text.empty()) out.push_back({kAttachmentText, "attachment:" + a.name, a.text});
    }
    if (scopes & kHeaders)
        for (const auto& [name, value] : content.headers) out.push_back({kHeaders, "header:" + name, value});
    return out;
}

// Start of the character `n` characters before `pos` (or 0).
std::size_t back_chars(std::string_view s, std::size_t pos, std::size_t n) {
    while (pos > 0 && n > 0) {
        --pos;
        while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
        --n;
    }
    return pos;
}

std::size_t forward_chars(std::string_view s, std::size_t pos, std::size_t n) {
    while (pos < s.size() && n > 0) {
        ++pos;
        while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
        --n;
    }
    return pos;
}

std::size_t chars_between(std::string_view s, std::size_t from, std::size_t to, std::size_t limit) {
    std::size_t n = 0;
    for (std::size_t i = from; i < to && n <= limit; ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
    return n;
}

struct Candidate {
    std::uint32_t begin, end;
    std::string value;  // detectors: the canonical value (distinct values are counted)
};

struct Accumulator {
    std::size_t count = 0;
    std::set<std::string> values;
    std::vector<Hit> hits;
};

// The normalised text and the raw hits of the piece being scanned, kept per thread between
// messages: allocating them per message (a few hundred KiB for a long mail) cost more in page
// faults than the scan itself. They keep the size of the largest text seen on the thread.
struct Scratch {
    NormalizedText text;
    std::vector<RawHit> raw;
};
thread_local Scratch thread_scratch;

class Evaluation {
public:
    Evaluation(const RuleSet& set, const MessageContent& content, const MessageContext& ctx)
        : set_(set), scanner_(set.scanner()), content_(content), ctx_(ctx), text_(thread_scratch.text),
          raw_(thread_scratch.raw) {}

    Verdict run(Mode mode, const std::function<bool()>& expired) {
        const auto& rules = set_.rules();
        active_rule_.assign(rules.size(), false);
        matcher_rule_.clear();
        matchers_.clear();
        unsigned scopes = 0;
        for_each_matcher(rules, [&](std::size_t, std::size_t r, const Matcher& m) {
            matcher_rule_.push_back(r);
            matchers_.push_back(&m);
        });
        for (std::size_t r = 0; r < rules.size(); ++r) {
            if (!applies(rules[r], ctx_, set_.groups())) continue;
            active_rule_[r] = true;
            scopes |= rules[r].scope;
        }
        acc_.assign(matchers_.size(), {});
        if (scopes == 0) return {};
        detector_options_.internal_domains = ctx_.internal_domains;
        detector_options_.default_region = ctx_.default_region;
        for (const Piece& piece : pieces_of(content_, scopes)) {
            if (expired && expired()) {
                out_of_time_ = true;
                break;
            }
            scan_piece(piece);
        }
        count_attachments();
        return decide(mode);
    }

private:
    bool wants(std::size_t matcher, unsigned scope) const {
        const std::size_t r = matcher_rule_[matcher];
        return active_rule_[r] && (set_.rules()[r].scope & scope);
    }

    void scan_piece(const Piece& piece) {
        normalize(piece.text, text_);
        const std::string_view t(text_.text);
        std::size_t dropped = 0;
        if (!scanner_.scan(t, raw_, dropped)) scan_failed_ = true;
        dropped_ += dropped;
        std::unordered_map<std::uint32_t, std::vector<Candidate>> found;
        for (const RawHit& h : raw_)
            for (std::uint32_t m : scanner_.users(h.pattern))
                if (wants(m, piece.scope)) found[m].push_back({h.begin, h.end, {}});
        // detectors: each one the active rules use, once per text
        std::unordered_map<int, std::vector<DetectorHit>> detected;
        for (std::size_t m = 0; m < matchers_.size(); ++m) {
            if (matchers_[m]->kind != MatcherKind::detector || !wants(m, piece.scope)) continue;
            auto it = detected.find(matchers_[m]->detector);
            if (it == detected.end())
                it = detected.emplace(matchers_[m]->detector,
                                      detect(static_cast<Detector>(matchers_[m]->detector), text_, piece.text, detector_options_))
                         .first;
            auto& list = found[static_cast<std::uint32_t>(m)];
            for (const auto& d : it->second)
                list.push_back({static_cast<std::uint32_t>(d.begin), static_cast<std::uint32_t>(d.end), d.value});
        }
        for (auto& [m, candidates] : found) record(m, piece, std::move(candidates));
    }

    // Supporting keywords of `index` in this text, by begin (raw_ is sorted so).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> supports_of(std::size_t index) const {
        const auto& near_ids = scanner_.near_patterns(index);
        std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
        for (const RawHit& h : raw_)
            if (std::find(near_ids.begin(), near_ids.end(), h.pattern) != near_ids.end()) out.emplace_back(h.begin, h.end);
        return out;
    }

    // Whether enough supporting keywords lie within `within` characters of the candidate: only the
    // supports within 4 bytes a character (plus a keyword's length) are looked at.
    bool near_enough(const Matcher& m, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& supports,
                     const Candidate& c) const {
        const std::string_view t(text_.text);
        const std::size_t reach = 4 * m.near->within;
        const std::size_t lowest = c.begin > reach + kMaxKeywordBytes ? c.begin - reach - kMaxKeywordBytes : 0;
        auto it = std::lower_bound(supports.begin(), supports.end(), std::make_pair(static_cast<std::uint32_t>(lowest), 0u));
        std::size_t supporting = 0;
        for (; it != supports.end() && it->first <= c.end + reach; ++it) {
            const auto [b, e] = *it;
            std::size_t gap = 0;
            if (e <= c.begin) {
                if (c.begin - e > reach) continue;
                gap = chars_between(t, e, c.begin, m.near->within);
            } else if (b >= c.end) {
                gap = chars_between(t, c.end, b, m.near->within);
            }
            if (gap <= m.near->within && ++supporting >= m.near->min_count) return true;
        }
        return false;
    }

    void record(std::uint32_t index, const Piece& piece, std::vector<Candidate> candidates) {
        const Matcher& m = *matchers_[index];
        if (m.near) {
            const auto supports = supports_of(index);
            std::erase_if(candidates, [&](const Candidate& c) { return !near_enough(m, supports, c); });
        }
        std::sort(candidates.begin(), candidates.end(),
                  [](const Candidate& a, const Candidate& b) { return a.begin != b.begin ? a.begin < b.begin : a.end > b.end; });
        Accumulator& acc = acc_[index];
        std::size_t count = 0;
        const Candidate* first = nullptr;
        std::uint32_t last_end = 0;
        for (const Candidate& c : candidates) {
            if (m.kind == MatcherKind::detector) {
                // a value repeated (quoted history, a signature) is one value
                if (!acc.values.insert(c.value).second) continue;
            } else if (c.begin < last_end) {
                continue;  // overlapping matches of one matcher count once
            }
            last_end = c.end;
            ++count;
            if (!first) first = &c;
        }
        if (count == 0) return;
        acc.count += count;
        acc.hits.push_back({piece.where, excerpt(piece.text, *first, m.kind == MatcherKind::keywords), count});
    }

    std::string excerpt(std::string_view original, const Candidate& c, bool keyword) const {
        const std::size_t b = text_.original_begin(c.begin);
        const std::size_t e = std::max(b, text_.original_end(c.end, original));
        const std::size_t from = back_chars(original, b, kExcerptContext);
        const std::size_t to = forward_chars(original, e, kExcerptContext);
        return masked_excerpt(original.substr(from, b - from), original.substr(b, e - b), original.substr(e, to - e), keyword);
    }

    void count_attachments() {
        for (std::size_t m = 0; m < matchers_.size(); ++m) {
            if (matchers_[m]->kind != MatcherKind::attachment || !active_rule_[matcher_rule_[m]]) continue;
            const auto want = matchers_[m]->attachment == AttachmentState::encrypted ? parser::AttachmentStatus::encrypted
                                                                                      : parser::AttachmentStatus::unscannable;
            for (const auto& a : content_.attachments) {
                if (a.status != want) continue;
                ++acc_[m].count;
                acc_[m].hits.push_back({"attachment:" + a.name, a.detail.empty() ? std::string(parser::name_of(a.status)) : a.detail, 1});
            }
            if (want == parser::AttachmentStatus::unscannable && content_.truncated) {
                ++acc_[m].count;
                acc_[m].hits.push_back({"message", "message over the size limit: the rest was not read", 1});
            }
            // a text the scanner could not finish is not a clean one: rules on unscannable mail hold
            if (want == parser::AttachmentStatus::unscannable && (scan_failed_ || dropped_ > 0 || out_of_time_)) {
                ++acc_[m].count;
                acc_[m].hits.push_back({"message", "text not fully scanned (scanner failure or too many matches)", 1});
            }
        }
    }

    Verdict decide(Mode mode) {
        Verdict v;
        const auto& rules = set_.rules();
        std::size_t index = 0;
        for (std::size_t r = 0; r < rules.size(); ++r) {
            const Rule& rule = rules[r];
            const std::size_t any_begin = index, all_begin = any_begin + rule.any.size(),
                              none_begin = all_begin + rule.all.size(), end = none_begin + rule.none.size();
            index = end;
            if (!active_rule_[r]) continue;
            auto holds = [&](std::size_t i) { return acc_[i].count >= matchers_[i]->min_count; };
            bool ok = true;
            std::vector<std::size_t> held;
            if (!rule.any.empty()) {
                bool some = false;
                for (std::size_t i = any_begin; i < all_begin; ++i)
                    if (holds(i)) {
                        some = true;
                        held.push_back(i);
                    }
                ok = some;
            }
            for (std::size_t i = all_begin; ok && i < none_begin; ++i) {
                if (!holds(i)) ok = false;
                else held.push_back(i);
            }
            for (std::size_t i = none_begin; ok && i < end; ++i)
                if (holds(i)) ok = false;
            if (!ok) continue;
            RuleMatch match{rule.id, rule.description, rule.severity, rule.action,
                            mode == Mode::monitor ? Mode::monitor : rule.mode, rule.message, rule.notify, rule.subject_prefix, {}};
            for (std::size_t i : held)
                match.hits.insert(match.hits.end(), acc_[i].hits.begin(), acc_[i].hits.end());
            auto& slot = match.mode == Mode::enforce ? v.action : v.monitored;
            if (!slot || *slot < rule.action) slot = rule.action;
            v.matches.push_back(std::move(match));
        }
        if (out_of_time_) v.problem = "scan time limit reached: the texts left were not scanned";
        else if (scan_failed_) v.problem = "the pattern scanner failed on a text: rules may have missed it";
        else if (dropped_ > 0) v.problem = std::to_string(dropped_) + " pattern hits over the per-text limit were not counted";
        return v;
    }

    const RuleSet& set_;
    const Scanner& scanner_;
    const MessageContent& content_;
    const MessageContext& ctx_;
    DetectorOptions detector_options_;
    std::vector<bool> active_rule_;
    std::vector<std::size_t> matcher_rule_;
    std::vector<const Matcher*> matchers_;
    std::vector<Accumulator> acc_;
    NormalizedText& text_;
    std::vector<RawHit>& raw_;
    bool scan_failed_ = false;
    bool out_of_time_ = false;
    std::size_t dropped_ = 0;
};

}  // namespace

Verdict evaluate(const RuleSet& rules, const MessageContent& content, const MessageContext& context, Mode mode,
                 const std::function<bool()>& expired) {
    return Evaluation(rules, content, context).run(mode, expired);
}

std::string masked_excerpt(std::string_view before, std::string_view match, std::string_view after, bool keep_match) {
    // every digit (full-width and other scripts too) becomes '*', control characters a space
    auto context = [](std::string_view s) {
        std::string out;
        out.reserve(s.size());
        const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
        const auto n = static_cast<std::int32_t>(s.size());
        for (std::int32_t i = 0; i < n;) {
            const std::int32_t start = i;
            UChar32 c;
            U8_NEXT(p, i, n, c);
            if (c >= 0 && u_isdigit(c)) out.push_back('*');
            else if (c >= 0 && (u_iscntrl(c) || c == 0x2028 || c == 0x2029)) out.push_back(' ');
            else out.append(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        }
        return out;
    };
    std::string middle;
    if (keep_match) {
        // the keyword itself stays readable even when it holds digits
        middle = std::string(match);
        for (char& c : middle)
            if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    } else {
        // first two and last two characters kept, the rest masked one '*' per character
        std::vector<std::size_t> starts;
        for (std::size_t i = 0; i < match.size(); ++i)
            if ((static_cast<unsigned char>(match[i]) & 0xC0) != 0x80) starts.push_back(i);
        const std::size_t n = starts.size();
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t b = starts[k], e = k + 1 < n ? starts[k + 1] : match.size();
            if (n > 6 && (k < 2 || k >= n - 2)) middle.append(match.substr(b, e - b));
            else if (n <= 6 && k == 0) middle.append(match.substr(b, e - b));
            else if (n > kMaxMaskedChars && k == kMaxMaskedChars - 2) middle += "...";  // a long match, shortened
            else if (n > kMaxMaskedChars && k > kMaxMaskedChars - 2 && k < n - 2) continue;
            else middle.push_back(match[b] == ' ' ? ' ' : '*');
        }
    }
    return context(before) + "[" + middle + "]" + context(after);
}

}  // namespace mailkeeper::rules
