// Text as the rules see it: one canonical form for keywords and mail alike, so that spacing,
// full-width letters, Traditional characters or invisible characters do not hide a phrase.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailkeeper::rules {

// The normalised form of a UTF-8 text, with a map back to the original for excerpts.
struct NormalizedText {
    std::string text;               // normalised UTF-8
    // origin[i] is the byte offset in the original text of the character that produced byte i of
    // `text`; origin[text.size()] is the original's size. Offsets always fall on character starts.
    // It may hold more entries than that (a reused NormalizedText keeps its buffers).
    std::vector<std::uint32_t> origin;

    // The original byte range [begin, end) that produced normalised bytes [from, to) of a
    // non-empty range: from the first character's start to the last one's end (with its combining
    // marks), without separators that normalisation dropped after it.
    std::size_t original_begin(std::size_t from) const { return origin[from]; }
    std::size_t original_end(std::size_t to, std::string_view original) const;
};

// NFKC with case folding (full-width to half-width, ligatures, circled digits; ZWSP, ZWJ, BOM and
// soft hyphen removed), Traditional to Simplified Chinese plus a table of variant characters
// (帐 -> 账 ...), every run of whitespace collapsed to one space, and whitespace, punctuation and
// symbols between two CJK characters dropped (合 同 总 价, 合-同-总-价 -> 合同总价). Invalid UTF-8
// bytes become U+FFFD. The same function prepares keywords when rules load.
NormalizedText normalize(std::string_view utf8);
// The same into an existing value, reusing its buffers (the scanner's per-part loop).
void normalize(std::string_view utf8, NormalizedText& reuse);

// The same normalisation without the offset map (keywords, tests).
std::string normalized(std::string_view utf8);

}  // namespace mailkeeper::rules
