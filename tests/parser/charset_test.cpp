#include <doctest/doctest.h>
#include <mailkeeper/parser/charset.h>

#include <string>

using mailkeeper::parser::to_utf8;

namespace {

// A paragraph long enough for detection, the way a Chinese mail server writes a bounce notice.
std::string gbk_paragraph() {
    // "您的邮件无法送达：收件人地址不存在，请核对后重新发送。系统退信通知，请勿直接回复本邮件。" x3, in GBK
    const std::string one =
        "\xc4\xfa\xb5\xc4\xd3\xca\xbc\xfe\xce\xde\xb7\xa8\xcb\xcd\xb4\xef\xa3\xba\xca\xd5\xbc\xfe\xc8\xcb\xb5\xd8"
        "\xd6\xb7\xb2\xbb\xb4\xe6\xd4\xda\xa3\xac\xc7\xeb\xba\xcb\xb6\xd4\xba\xf3\xd6\xd8\xd0\xc2\xb7\xa2\xcb\xcd"
        "\xa1\xa3\xcf\xb5\xcd\xb3\xcd\xcb\xd0\xc5\xcd\xa8\xd6\xaa\xa3\xac\xc7\xeb\xce\xf0\xd6\xb1\xbd\xd3\xbb\xd8"
        "\xb8\xb4\xb1\xbe\xd3\xca\xbc\xfe\xa1\xa3\n";
    return one + one + one;
}

const std::string kGbkParagraphUtf8 =
    "您的邮件无法送达：收件人地址不存在，请核对后重新发送。系统退信通知，请勿直接回复本邮件。\n";

}  // namespace

TEST_CASE("GBK text declared as gb2312 decodes through the GB18030 superset") {
    // 合同总价 in GBK; Outlook labels GBK as gb2312.
    const auto d = to_utf8("\xba\xcf\xcd\xac\xd7\xdc\xbc\xdb", "gb2312");
    CHECK(d.utf8 == "合同总价");
    CHECK(d.charset == "GB18030");
    CHECK_FALSE(d.detected);
}

TEST_CASE("Big5 text decodes to UTF-8") {
    const auto d = to_utf8("\xb0\x68\xab\x48\xb3\x71\xaa\xbe", "big5");
    CHECK(d.utf8 == "退信通知");
}

TEST_CASE("ISO-2022-JP text decodes to UTF-8") {
    const auto d = to_utf8("\x1b\x24\x42\x25\x46\x25\x39\x25\x48\x1b\x28\x42", "ISO-2022-JP");
    CHECK(d.utf8 == "テスト");
}

TEST_CASE("Shift_JIS, KOI8-R and windows-1252 texts decode to UTF-8") {
    CHECK(to_utf8("\x83\x65\x83\x58\x83\x67", "Shift_JIS").utf8 == "テスト");
    CHECK(to_utf8("\xf0\xd2\xc9\xd7\xc5\xd4", "koi8-r").utf8 == "Привет");
    CHECK(to_utf8("\x47\x72\xfc\xdf\x65", "iso-8859-1").utf8 == "Grüße");
}

TEST_CASE("GBK text with no declared charset is detected") {
    const auto d = to_utf8(gbk_paragraph(), "");
    CHECK(d.detected);
    CHECK(d.utf8 == kGbkParagraphUtf8 + kGbkParagraphUtf8 + kGbkParagraphUtf8);
}

TEST_CASE("GBK text wrongly declared as iso-8859-1 is detected, not turned into mojibake") {
    const auto d = to_utf8(gbk_paragraph(), "iso-8859-1");
    CHECK(d.detected);
    CHECK(d.charset == "GB18030");
    CHECK(d.utf8.starts_with("您的邮件无法送达"));
}

TEST_CASE("UTF-8 text labelled us-ascii is kept as UTF-8") {
    const auto d = to_utf8("用户不存在 user unknown", "us-ascii");
    CHECK(d.utf8 == "用户不存在 user unknown");
    CHECK(d.charset == "UTF-8");
}

TEST_CASE("an unknown charset label falls back to detection") {
    const auto d = to_utf8(gbk_paragraph(), "x-no-such-charset");
    CHECK(d.utf8.starts_with("您的邮件无法送达"));
}

TEST_CASE("pure ASCII passes through unchanged whatever the label") {
    CHECK(to_utf8("550 5.1.1 user unknown", "gb2312").utf8 == "550 5.1.1 user unknown");
}

TEST_CASE("bytes invalid in every charset still give valid UTF-8") {
    const auto d = to_utf8(std::string("\xff\xfe\x80\x81 550 \xc3", 9), "utf-8");
    CHECK(mailkeeper::parser::is_valid_utf8(d.utf8));
    CHECK(d.utf8.find("550") != std::string::npos);
}
