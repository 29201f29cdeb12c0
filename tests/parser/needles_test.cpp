// The phrase sets the bounce tables compile into: one pass finds every phrase, as the per-phrase
// case-insensitive search it replaces would.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "needles.h"

using mailkeeper::parser::detail::NeedleHits;
using mailkeeper::parser::detail::NeedleSet;

namespace {
constexpr auto npos = std::string_view::npos;
}

TEST_CASE("a phrase set reports the first place of each phrase, ignoring ASCII case") {
    const std::vector<std::string_view> phrases{"user unknown", "Mailbox Full", "quota", "absent"};
    const NeedleSet set(phrases);
    const std::string text = "550 5.1.1 User Unknown; MAILBOX FULL? no, mailbox full and over quota";
    const auto at = set.first_positions(text);
    REQUIRE(at.size() == 4);
    CHECK(at[0] == text.find("User Unknown"));
    CHECK(at[1] == text.find("MAILBOX FULL"));
    CHECK(at[2] == text.find("quota"));
    CHECK(at[3] == npos);
    CHECK(set.any(text));
    CHECK_FALSE(set.any("delivered to the mailbox"));
}

TEST_CASE("a phrase set finds overlapping and repeated phrases, in text order") {
    const std::vector<std::string_view> phrases{"aa", "aab"};
    const NeedleSet set(phrases);
    const auto hits = set.all("aaab aa");
    std::vector<std::pair<std::uint32_t, std::size_t>> got;
    for (const auto& h : hits) got.emplace_back(h.id, h.begin);
    const std::vector<std::pair<std::uint32_t, std::size_t>> want{{0, 0}, {0, 1}, {1, 1}, {0, 5}};
    CHECK(got == want);
}

TEST_CASE("UTF-8 phrases match UTF-8 text byte for byte") {
    const std::vector<std::string_view> phrases{"用户不存在", "收件人"};
    const NeedleSet set(phrases);
    const std::string text = "退信原因：收件人 a@b.cn 用户不存在";
    const auto at = set.first_positions(text);
    CHECK(at[0] == text.find("用户不存在"));
    CHECK(at[1] == text.find("收件人"));
}

TEST_CASE("an empty phrase or an empty text never matches") {
    const std::vector<std::string_view> phrases{"", "x"};
    const NeedleSet set(phrases);
    CHECK(set.first_positions("abc")[0] == npos);
    CHECK_FALSE(set.any(""));
    const std::vector<std::string_view> none{""};
    const NeedleSet empty(none);
    CHECK_FALSE(empty.any("anything"));
    CHECK(empty.all("anything").empty());
}

TEST_CASE("occurrences found once answer for each line of the text") {
    const std::vector<std::string_view> phrases{"following address", "failed"};
    const NeedleSet set(phrases);
    const std::string text = "Hello\nThe following address(es) failed:\n  a@b.example\nfail ed";
    const NeedleHits hits(set, text);
    const std::string_view view(text);
    CHECK_FALSE(hits.any_within(view.substr(0, 5)));                       // "Hello"
    CHECK(hits.any_within(view.substr(6, 33)));                            // the opener line
    CHECK_FALSE(hits.any_within(view.substr(6 + 4, 9)));                   // "following" alone is no phrase
    CHECK_FALSE(hits.any_within(view.substr(view.rfind('\n') + 1)));       // "fail ed"
}

TEST_CASE("a phrase set asked for at most N occurrences stops after the first N") {
    const std::vector<std::string_view> phrases{"po"};
    const NeedleSet set(phrases);
    std::string text;
    for (int i = 0; i < 1000; ++i) text += "PO1 ";
    const auto hits = set.all(text, 10);
    REQUIRE(hits.size() == 10);
    CHECK(hits.front().begin == 0);
    CHECK(hits.back().begin == 36);
    CHECK(set.all(text).size() == 1000);
    CHECK(set.all(text, 0).empty());
}
