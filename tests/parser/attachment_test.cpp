// Attachment text extraction: each format, then every limit fed hostile input. Fixtures are in
// tests/data/attachments/, written by make_fixtures.py there.
#include <doctest/doctest.h>
#include <mailkeeper/parser/attachment.h>
#include <mailkeeper/parser/charset.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using mailkeeper::parser::AttachmentStatus;
using mailkeeper::parser::extract_attachment;
using mailkeeper::parser::ExtractedFile;
using mailkeeper::parser::ExtractLimits;
using mailkeeper::parser::name_of;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(MAILKEEPER_TEST_DATA) + "/attachments/" + name, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing fixture " << name);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string listing(const std::vector<ExtractedFile>& files) {
    std::string out;
    for (const auto& f : files)
        out += f.name + " [" + std::string(name_of(f.status)) + "] " + f.detail + "\n";
    return out;
}

const ExtractedFile* find(const std::vector<ExtractedFile>& files, const std::string& name) {
    for (const auto& f : files)
        if (f.name == name) return &f;
    return nullptr;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The one file an attachment that is not an archive comes out as.
ExtractedFile only(const std::string& name, const std::string& media_type = {}) {
    const auto files = extract_attachment(name, media_type, fixture(name), false);
    INFO(listing(files));
    REQUIRE(files.size() == 1);
    CHECK(files[0].name == name);
    return files[0];
}

}  // namespace

TEST_CASE("a DOCX attachment's phrase split over two runs comes out joined, one paragraph per line") {
    const auto f = only("contract.docx");
    CHECK(f.status == AttachmentStatus::text);
    CHECK(contains(f.text, "合同总价：人民币 100 万元\n"));
    CHECK(contains(f.text, "\nPayment due in 30 days.\n"));
    CHECK(contains(f.text, "旧报价"));  // tracked deletions are still in the file
}

TEST_CASE("an XLSX attachment comes out row by row with shared strings, inline strings and values") {
    const auto f = only("prices.xlsx");
    CHECK(f.status == AttachmentStatus::text);
    CHECK(contains(f.text, "客户名称\t身份证号\n"));
    CHECK(contains(f.text, "张三\t11010519491231002X\t1200.5\n"));
    CHECK_FALSE(contains(f.text, "ZHANG"));       // a phonetic guide is not the cell's text
    CHECK_FALSE(contains(f.text, "1000+200.5"));  // nor is a formula
    CHECK(contains(f.text, "机密备注"));  // a shared string no cell shows is still in the file
}

TEST_CASE("a worksheet embedded in a DOCX attachment is extracted as a file of its own") {
    const auto files = extract_attachment("embedded.docx", "", fixture("embedded.docx"), false);
    INFO(listing(files));
    REQUIRE(files.size() == 2);
    CHECK(files[0].status == AttachmentStatus::text);
    CHECK(contains(files[0].text, "See the price list below."));
    CHECK(files[1].name == "embedded.docx/word/embeddings/Microsoft_Excel_Worksheet.xlsx");
    CHECK(files[1].status == AttachmentStatus::text);
    CHECK(contains(files[1].text, "张三\t11010519491231002X"));
}

TEST_CASE("a PPTX attachment's slides come out in slide number order") {
    const auto f = only("deck.pptx");
    CHECK(f.status == AttachmentStatus::text);
    CHECK(contains(f.text, "季度报告\nRevenue up 12%\n"));
    const auto second = f.text.find("Next steps");
    const auto tenth = f.text.find("Thank you");
    REQUIRE(second != std::string::npos);
    REQUIRE(tenth != std::string::npos);
    CHECK(second < tenth);
}

TEST_CASE("an ODT attachment comes out with spans joined and spaces and tabs kept") {
    const auto f = only("minutes.odt");
    CHECK(f.status == AttachmentStatus::text);
    CHECK(contains(f.text, "会议纪要\n"));
    CHECK(contains(f.text, "Budget approved\t2024\n"));
}

TEST_CASE("a PDF attachment comes out page by page with its English and Chinese text") {
    const auto f = only("statement.pdf");
    CHECK(f.status == AttachmentStatus::text);
    CHECK(contains(f.text, "Invoice total: 1200 USD"));
    CHECK(contains(f.text, "合同总价"));  // through the font's ToUnicode map
    CHECK(contains(f.text, "6222 0200 1234 5678"));
    CHECK(f.text.find("Invoice") < f.text.find("Second page"));
}

TEST_CASE("a CSV attachment written in GBK comes out as UTF-8") {
    const auto f = only("contacts.csv");
    CHECK(f.status == AttachmentStatus::text);
    CHECK(contains(f.text, "姓名,身份证号,电话\n"));
    CHECK(contains(f.text, "张三,11010519491231002X,13800138000\n"));
}

TEST_CASE("a UTF-16 text attachment with a byte order mark comes out as UTF-8") {
    const std::string utf16le("\xFF\xFE\x08T\x0CT\x3B`\xF7N", 10);  // 合同总价
    const auto files = extract_attachment("notes.txt", "text/plain", utf16le, false);
    REQUIRE(files.size() == 1);
    CHECK(files[0].text == "合同总价");
}

TEST_CASE("an HTML attachment comes out as its visible text with entities decoded") {
    const auto f = only("page.html");
    CHECK(f.status == AttachmentStatus::text);
    CHECK(contains(f.text, "客户名单"));
    CHECK(contains(f.text, "6222 0200"));
    CHECK_FALSE(contains(f.text, "script text"));
    CHECK_FALSE(contains(f.text, "hidden title"));
}

TEST_CASE("an attachment's type comes from its magic bytes before its file name") {
    const auto files = extract_attachment("notes.txt", "text/plain", fixture("statement.pdf"), false);
    REQUIRE(files.size() == 1);
    CHECK(files[0].status == AttachmentStatus::text);
    CHECK(contains(files[0].text, "Invoice total: 1200 USD"));
    CHECK_FALSE(contains(files[0].text, "%PDF"));
}

TEST_CASE("a zip inside a zip attachment is read to the bottom with names joined by slashes") {
    const auto files = extract_attachment("nested.zip", "application/zip", fixture("nested.zip"), false);
    INFO(listing(files));
    REQUIRE(files.size() == 6);
    CHECK(files[0].name == "nested.zip");
    CHECK(files[0].status == AttachmentStatus::text);
    CHECK(files[1].name == "nested.zip/readme.txt");
    CHECK(files[2].name == "nested.zip/inner.zip");
    const auto* docx = find(files, "nested.zip/inner.zip/合同.docx");
    REQUIRE(docx != nullptr);
    CHECK(docx->status == AttachmentStatus::text);
    CHECK(contains(docx->text, "合同总价"));
    // A Windows-written entry name in GBK, without the zip UTF-8 flag.
    const auto* csv = find(files, "nested.zip/prices/gbk-names.zip/报价.csv");
    REQUIRE(csv != nullptr);
    CHECK(contains(csv->text, "张三"));
}

TEST_CASE("archives nested in an attachment deeper than the depth limit are unscannable") {
    const auto files = extract_attachment("deep.zip", "", fixture("deep.zip"), false);
    INFO(listing(files));
    const auto* deepest = find(files, "deep.zip/level5.zip/level4.zip/level3.zip/level2.zip");
    REQUIRE(deepest != nullptr);
    CHECK(deepest->status == AttachmentStatus::unscannable);
    CHECK(deepest->detail == "archive nesting over 4 levels");
    CHECK(files.back().name == deepest->name);  // nothing below it was opened

    ExtractLimits deeper;
    deeper.max_depth = 6;
    const auto all = extract_attachment("deep.zip", "", fixture("deep.zip"), false, deeper);
    INFO(listing(all));
    CHECK(all.back().name.ends_with("/level1.zip/secret.txt"));
    CHECK(all.back().status == AttachmentStatus::text);
}

TEST_CASE("a zip bomb attachment stops at the expanded-size limit while inflating") {
    // 480 bytes: an archive holding an archive holding 80 MiB of zeros.
    const auto files = extract_attachment("bomb.zip", "", fixture("bomb.zip"), false);
    INFO(listing(files));
    const auto* zeros = find(files, "bomb.zip/layer.zip/report.txt");
    REQUIRE(zeros != nullptr);
    CHECK(zeros->status == AttachmentStatus::unscannable);
    CHECK(zeros->detail == "expanded size over 64 MiB");
    CHECK(zeros->text.empty());
}

TEST_CASE("the expanded-size limit counts all entries of an attachment together") {
    ExtractLimits small;
    small.max_expanded_bytes = 2000;  // the inner archives alone are more
    const auto files = extract_attachment("nested.zip", "", fixture("nested.zip"), false, small);
    INFO(listing(files));
    CHECK(find(files, "nested.zip/readme.txt")->status == AttachmentStatus::text);
    const auto* over = find(files, "nested.zip/prices/gbk-names.zip");
    REQUIRE(over != nullptr);
    CHECK(over->status == AttachmentStatus::unscannable);
    CHECK(over->detail == "expanded size over 2000 bytes");
}

TEST_CASE("an archive attachment with more entries than the entry limit is unscannable") {
    ExtractLimits few;
    few.max_entries = 2;
    const auto files = extract_attachment("nested.zip", "", fixture("nested.zip"), false, few);
    INFO(listing(files));
    CHECK(files.size() <= 1 + few.max_entries);
    CHECK(files[0].status == AttachmentStatus::unscannable);
    CHECK(files[0].detail == "over 2 archive entries");
}

TEST_CASE("attachment text over the text limit is cut at a character boundary and unscannable") {
    ExtractLimits tight;
    tight.max_text_bytes = 10;  // 合同总 is 9 bytes; 价 would cross the limit
    const auto files = extract_attachment("contract.docx", "", fixture("contract.docx"), false, tight);
    REQUIRE(files.size() == 1);
    CHECK(files[0].status == AttachmentStatus::unscannable);
    CHECK(files[0].detail == "text over 10 bytes");
    CHECK(files[0].text == "合同总");
}

TEST_CASE("a PDF attachment over the page limit is unscannable with the pages read kept") {
    ExtractLimits one_page;
    one_page.max_pdf_pages = 1;
    const auto files = extract_attachment("statement.pdf", "", fixture("statement.pdf"), false, one_page);
    REQUIRE(files.size() == 1);
    CHECK(files[0].status == AttachmentStatus::unscannable);
    CHECK(files[0].detail == "over 1 PDF pages");
    CHECK(contains(files[0].text, "Invoice total"));
    CHECK_FALSE(contains(files[0].text, "Second page"));
}

TEST_CASE("an encrypted zip entry in an attachment is encrypted and its content is not read") {
    const auto files = extract_attachment("encrypted.zip", "", fixture("encrypted.zip"), false);
    INFO(listing(files));
    REQUIRE(files.size() == 2);
    CHECK(files[0].status == AttachmentStatus::text);
    CHECK(files[1].name == "encrypted.zip/salaries.txt");
    CHECK(files[1].status == AttachmentStatus::encrypted);
    CHECK(files[1].text.empty());
}

TEST_CASE("a PDF attachment that needs a password is encrypted") {
    const auto f = only("encrypted.pdf");
    CHECK(f.status == AttachmentStatus::encrypted);
    CHECK(f.text.empty());
}

TEST_CASE("a password-protected OOXML attachment, an OLE container with EncryptedPackage, is encrypted") {
    const auto f = only("encrypted.docx");
    CHECK(f.status == AttachmentStatus::encrypted);
    CHECK(f.detail == "encrypted Office document");
}

TEST_CASE("a truncated zip attachment is unscannable") {
    const std::string whole = fixture("nested.zip");
    const auto files = extract_attachment("nested.zip", "", std::string_view(whole).substr(0, whole.size() / 2), true);
    INFO(listing(files));
    REQUIRE(files.size() == 1);
    CHECK(files[0].status == AttachmentStatus::unscannable);
    CHECK(contains(files[0].detail, "cut before its end"));
}

TEST_CASE("a truncated text attachment keeps its text and is unscannable") {
    const auto files = extract_attachment("contacts.csv", "", fixture("contacts.csv"), true);
    REQUIRE(files.size() == 1);
    CHECK(files[0].status == AttachmentStatus::unscannable);
    CHECK(contains(files[0].text, "张三"));
}

TEST_CASE("an attachment's zip entry whose data fails its CRC is unscannable") {
    std::string zip = fixture("nested.zip");
    const auto at = zip.find("Quotation attached");  // stored, not deflated: the bytes are there
    REQUIRE(at != std::string::npos);
    zip[at] = 'q';
    const auto files = extract_attachment("nested.zip", "", zip, false);
    INFO(listing(files));
    const auto* readme = find(files, "nested.zip/readme.txt");
    REQUIRE(readme != nullptr);
    CHECK(readme->status == AttachmentStatus::unscannable);
    CHECK(contains(readme->detail, "damaged zip entry"));
    CHECK(find(files, "nested.zip/inner.zip/合同.docx")->status == AttachmentStatus::text);
}

TEST_CASE("an attachment of garbage under a document's name is unscannable, not unsupported") {
    const auto files = extract_attachment("report.docx", "", "this is not a zip archive at all", false);
    REQUIRE(files.size() == 1);
    CHECK(files[0].status == AttachmentStatus::unscannable);
    CHECK(contains(files[0].detail, "damaged zip"));
}

TEST_CASE("once the deadline expires the files of an attachment not yet read are unscannable") {
    int calls = 0;
    const auto files = extract_attachment("nested.zip", "", fixture("nested.zip"), false, {},
                                          [&] { return ++calls > 2; });
    INFO(listing(files));
    REQUIRE(files.size() >= 3);
    CHECK(files[0].status == AttachmentStatus::text);
    CHECK(files[1].name == "nested.zip/readme.txt");
    CHECK(files[1].status == AttachmentStatus::text);
    bool expired = false;
    for (const auto& f : files) {
        if (f.detail == "time limit") expired = true;
        else CHECK_MESSAGE(!expired, f.name << " was read after the deadline");
    }
    CHECK(expired);
    CHECK(files.back().status == AttachmentStatus::unscannable);
    CHECK(calls == 3);  // asked no more once it said yes
}

TEST_CASE("a deadline passed before the start leaves the attachment unscannable") {
    const auto files = extract_attachment("contract.docx", "", fixture("contract.docx"), false, {}, [] { return true; });
    REQUIRE(files.size() == 1);
    CHECK(files[0].status == AttachmentStatus::unscannable);
    CHECK(files[0].detail == "time limit");
    CHECK(files[0].text.empty());
}

TEST_CASE("a PNG attachment is unsupported") {
    const auto f = only("image.png");
    CHECK(f.status == AttachmentStatus::unsupported);
    CHECK(f.detail == "PNG image");
}

TEST_CASE("an XML attachment's entities are never expanded: billion laughs is unscannable at once") {
    std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
    for (int i = 1; i <= 9; ++i) {
        xml += "<!ENTITY lol" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) xml += i == 1 ? "&lol;" : "&lol" + std::to_string(i - 1) + ";";
        xml += "\">\n";
    }
    xml += "]>\n<lolz>before &lol9; after</lolz>\n";
    const auto files = extract_attachment("lolz.xml", "", xml, false);
    REQUIRE(files.size() == 1);
    CHECK(files[0].status == AttachmentStatus::unscannable);
    CHECK(files[0].text.size() < 100);
}

TEST_CASE("an external entity in an XML attachment is never loaded") {
    const std::string xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n<x>&secret;</x>\n";
    const auto files = extract_attachment("x.xml", "application/xml", xml, false);
    REQUIRE(files.size() == 1);
    CHECK(files[0].status == AttachmentStatus::unscannable);
    CHECK_FALSE(contains(files[0].text, "root:"));
}

TEST_CASE("attachment and archive entry names are valid UTF-8 without control characters") {
    const auto files = extract_attachment("bad\x01name\xff.zip", "", fixture("encrypted.zip"), false);
    REQUIRE_FALSE(files.empty());
    for (const auto& f : files) {
        CHECK(mailkeeper::parser::is_valid_utf8(f.name));
        CHECK(f.name.find('\x01') == std::string::npos);
    }
}

TEST_CASE("attachment status names are the words callers log") {
    CHECK(name_of(AttachmentStatus::text) == "text");
    CHECK(name_of(AttachmentStatus::encrypted) == "encrypted");
    CHECK(name_of(AttachmentStatus::unscannable) == "unscannable");
    CHECK(name_of(AttachmentStatus::unsupported) == "unsupported");
}
