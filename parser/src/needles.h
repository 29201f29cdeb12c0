// A fixed list of phrases searched in one pass over a text. The bounce tables hold hundreds of
// phrases; looking for each in turn walks the same report hundreds of times, so each table is
// compiled once into a vectorscan literal database and every text is scanned once per table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

struct hs_database;

namespace mailkeeper::parser::detail {

// One occurrence of needle `id` at [begin, end) of the scanned text.
struct NeedleHit {
    std::uint32_t id;
    std::size_t begin;
    std::size_t end;
};

class NeedleSet {
public:
    // Needles are matched ASCII case-insensitively, as bytes (UTF-8 needles match UTF-8 text).
    // Empty needles never match. Throws std::logic_error when the set cannot be compiled: the
    // tables are built into the program, so that is a programming error found by any test.
    explicit NeedleSet(std::span<const std::string_view> needles);
    ~NeedleSet();
    NeedleSet(const NeedleSet&) = delete;
    NeedleSet& operator=(const NeedleSet&) = delete;

    std::size_t size() const { return size_; }

    // Every occurrence of every needle, overlapping ones included, ordered by begin offset. With
    // `max_hits`, the scan stops after that many (the earliest by end offset): a text made of one
    // needle repeated must not cost a hit per byte to the callers that only need a few.
    std::vector<NeedleHit> all(std::string_view text, std::size_t max_hits = SIZE_MAX) const;
    // For each needle (by index) the offset of its first occurrence, or npos.
    std::vector<std::size_t> first_positions(std::string_view text) const;
    // True when any needle occurs; stops at the first one found.
    bool any(std::string_view text) const;

private:
    hs_database* db_ = nullptr;
    std::size_t size_ = 0;
    std::size_t serial_ = 0;  // this set's slot in the per-thread scratch bookkeeping
    std::vector<std::size_t> lengths_;
};

// The occurrences of a set in one text, for questions about parts of that text (one line of a
// report, say) without scanning it again. `within` takes a view into the scanned text.
class NeedleHits {
public:
    NeedleHits() = default;
    NeedleHits(const NeedleSet& set, std::string_view text) : text_(text), hits_(set.all(text)) {}
    bool any_within(std::string_view part) const;

private:
    std::string_view text_;
    std::vector<NeedleHit> hits_;
};

}  // namespace mailkeeper::parser::detail
