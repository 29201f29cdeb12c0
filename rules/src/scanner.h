// The compiled patterns of a rule set: every keyword (normalised) and every regex of every rule in
// one vectorscan database, scanned in a single pass over a normalised text.
#pragma once

#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mailkeeper/rules/rules.h"

struct hs_database;

namespace mailkeeper::rules {

struct RawHit {
    std::uint32_t pattern = 0;  // literal ids first, then regex ids
    std::uint32_t begin = 0;    // byte range in the normalised text
    std::uint32_t end = 0;
};

// Hits kept per pattern in one text: enough for any min_count (the loader caps min_count here);
// a text made of one keyword repeated cannot crowd out the others. Hits past it are counted as
// dropped: the verdict says the text was not fully scanned.
inline constexpr std::size_t kMaxHitsPerPattern = 1000;
// Hits kept per text, all patterns together; past this the text is not fully scanned, which the
// verdict reports and `attachment: unscannable` rules act on.
inline constexpr std::size_t kMaxHitsPerText = 1000000;

class Scanner {
public:
    ~Scanner();
    Scanner() = default;
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;

    // Every keyword and regex hit in `text`, sorted by begin; keyword hits respect word
    // boundaries when the keyword starts or ends with a Latin letter or digit. Returns false when
    // the scanner failed (the verdict then says so); `dropped` counts hits over kMaxHitsPerText.
    bool scan(std::string_view text, std::vector<RawHit>& hits, std::size_t& dropped) const;

    // The pattern ids of matcher `index` (rules in order, then any, all, none within a rule), and
    // of its `near` keywords.
    const std::vector<std::uint32_t>& patterns(std::size_t index) const { return matcher_patterns_[index]; }
    const std::vector<std::uint32_t>& near_patterns(std::size_t index) const { return near_patterns_[index]; }
    // The matchers whose primary patterns include `pattern`.
    const std::vector<std::uint32_t>& users(std::uint32_t pattern) const { return users_[pattern]; }
    std::size_t matcher_count() const { return matcher_patterns_.size(); }
    bool is_literal(std::uint32_t pattern) const { return pattern < literals_.size(); }
    std::size_t literal_count() const { return literals_.size(); }
    std::size_t regex_count() const { return regexes_.size(); }
    std::size_t database_bytes() const;

private:
    friend std::expected<std::shared_ptr<const Scanner>, std::vector<RuleError>> compile_scanner(const std::vector<Rule>&);
    struct Literal {
        std::string text;
        bool word_start = false;  // must not continue a word before it
        bool word_end = false;
    };
    struct Regex;
    void find_regex_starts(std::string_view text, std::vector<RawHit>& hits) const;

    std::vector<Literal> literals_;
    std::vector<std::unique_ptr<Regex>> regexes_;
    std::vector<std::vector<std::uint32_t>> matcher_patterns_;
    std::vector<std::vector<std::uint32_t>> near_patterns_;
    std::vector<std::vector<std::uint32_t>> users_;
    hs_database* database_ = nullptr;
    std::uint64_t serial_ = 0;  // identifies this scanner to the per-thread scratch
};

std::expected<std::shared_ptr<const Scanner>, std::vector<RuleError>> compile_scanner(const std::vector<Rule>& rules);

// Each rule's matchers in the scanner's order.
template <typename F>
void for_each_matcher(const std::vector<Rule>& rules, F&& f) {
    std::size_t index = 0;
    for (std::size_t r = 0; r < rules.size(); ++r) {
        for (const auto& m : rules[r].any) f(index++, r, m);
        for (const auto& m : rules[r].all) f(index++, r, m);
        for (const auto& m : rules[r].none) f(index++, r, m);
    }
}

}  // namespace mailkeeper::rules
