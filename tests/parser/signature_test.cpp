// The sender's own text and signature: quote styles of the common clients, signature blocks in
// English and Chinese, and the bounds on hostile bodies.
#include <doctest/doctest.h>
#include <mailkeeper/parser/message.h>
#include <mailkeeper/parser/signature.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

using namespace mailkeeper::parser;
namespace fs = std::filesystem;

namespace {

const fs::path kMessages = fs::path(MAILKEEPER_TEST_DATA) / "signatures" / "messages";

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> signature_lines(std::string_view body, const Sender& sender) {
    const auto block = find_signature(strip_quotes(body).text, sender);
    return block ? block->lines : std::vector<std::string>{};
}

}  // namespace

TEST_CASE("every reply fixture yields its sender's signature and the quote style that was cut") {
    const auto expected = nlohmann::json::parse(read_file(kMessages / "expected.json"));
    REQUIRE(expected.size() >= 16);
    for (const auto& [name, want] : expected.items()) {
        CAPTURE(name);
        const std::string bytes = read_file(kMessages / (name + ".eml"));
        auto message = parse_message(bytes);
        REQUIRE(message);
        const Part* text = main_text(*message);
        REQUIRE(text != nullptr);
        const Sender sender = parse_sender(find_header(message->headers, "From").value_or(""));
        const ReplyText reply = strip_quotes(text->text);
        CHECK(reply.quote_style == (want["quote_style"].is_null() ? "" : want["quote_style"].get<std::string>()));
        const auto block = find_signature(reply.text, sender);
        if (want["signature"].is_null()) {
            CHECK_FALSE(block.has_value());
            continue;
        }
        REQUIRE(block.has_value());
        std::vector<std::string> lines;
        for (const auto& line : block->lines)
            if (line.find_first_not_of(" \t") != std::string::npos) lines.push_back(line);
        CHECK(lines == want["signature"].get<std::vector<std::string>>());
    }
}

TEST_CASE("a signature in the quoted history is never taken for the sender's") {
    const std::string body =
        "Agreed.\n\n"
        "-----Original Message-----\n"
        "From: Li Wei\nSent: Monday\nTo: Jane\nSubject: x\n\n"
        "Best regards,\nLi Wei\nSales Manager\nTel: +86 574 8788 1234\n";
    CHECK(signature_lines(body, parse_sender("Jane Doe <jane@buyer.com>")).empty());
}

TEST_CASE("the From line gives the name and the lowercased address in every common form") {
    CHECK(parse_sender("\"Cook  Diane H.\" <Diane.H.Cook@ENRON.com>").name == "Cook Diane H.");
    CHECK(parse_sender("\"Cook  Diane H.\" <Diane.H.Cook@ENRON.com>").address == "diane.h.cook@enron.com");
    CHECK(parse_sender("Vickers, Frank").name == "Vickers, Frank");
    CHECK(parse_sender("Vickers, Frank").address.empty());
    CHECK(parse_sender("mm@kptv.com [mailto:mm@kptv.com]").address == "mm@kptv.com");
    CHECK(parse_sender("王小红 <wangxh@sunrise-nb.cn>").name == "王小红");
    CHECK(parse_sender("Dean Drozdiak@ECT").name == "Dean Drozdiak");
}

TEST_CASE("lines quoted with > are dropped and the sender's lines around them kept") {
    const ReplyText reply = strip_quotes("> Can you ship Friday?\nYes, Friday works.\n> And the invoice?\nAttached.\n\nTom\n");
    CHECK(reply.quote_style == "quoted");
    CHECK(reply.text == "Yes, Friday works.\nAttached.\n\nTom");
}

TEST_CASE("an attribution wrapped over two lines opens the quote") {
    const ReplyText reply =
        strip_quotes("Fine by me.\n\nOn Mon, Nov 23, 2026 at 8:00 AM Li Wei <liwei@corp.example>\nwrote:\n> hello\n");
    CHECK(reply.quote_style == "gmail");
    CHECK(reply.text == "Fine by me.");
}

TEST_CASE("a message with no quote is returned whole") {
    const ReplyText reply = strip_quotes("Hello\n\nFrom the factory: all good.\nThanks\n");
    CHECK(reply.quote_style.empty());
    CHECK(reply.text == "Hello\n\nFrom the factory: all good.\nThanks");
}

TEST_CASE("a closing alone or a name list ends a message without a signature") {
    const Sender sender = parse_sender("Kate <kate@x.com>");
    CHECK(signature_lines("Received.\n\nThanks\n", sender).empty());
    CHECK(signature_lines("Please find:\n\nCertification Document\nProtocol Document\n", sender).empty());
    CHECK(signature_lines("Names:\nWong\tMichael\nTurnipseed\tEdith\n", sender).empty());
    CHECK(signature_lines("Please read it at:\nhttp://intranet.example/docs/long/path/file.html\n", sender).empty());
    CHECK(signature_lines("The new number is\n503-810-1105\n", sender).empty());
}

TEST_CASE("bare initials sign only with a closing or a number") {
    const Sender sender = parse_sender("Tycholiz, Barry");
    CHECK(signature_lines("See the form.\n\nBT\n", sender).empty());
    CHECK(signature_lines("Call me back.\n\nBT   3-1587.\n", sender) == std::vector<std::string>{"BT   3-1587."});
    CHECK(signature_lines("Will do.\n\nThanks. BT\n", sender) == std::vector<std::string>{"Thanks. BT"});
}

TEST_CASE("a sender's first name alone at the end is a signature") {
    CHECK(signature_lines("I will call you.\n\nGreg\n", parse_sender("Johnston, Greg")) == std::vector<std::string>{"Greg"});
}

TEST_CASE("a Chinese signature with a two-line closing is taken whole") {
    const auto lines = signature_lines("请查收附件。\n\n此致\n敬礼\n王小红\n外贸部经理\n手机：13812345678\n",
                                       parse_sender("王小红 <wangxh@x.cn>"));
    CHECK(lines == std::vector<std::string>{"此致", "敬礼", "王小红", "外贸部经理", "手机：13812345678"});
}

TEST_CASE("the signature search looks only at the last lines of a long body") {
    std::string body = "Intro.\n";
    for (int i = 0; i < 40; ++i) body += "Tel: +1 212 555 01" + std::to_string(10 + i) + "\n";
    const auto block = find_signature(body, parse_sender("A <a@b.com>"));
    REQUIRE(block.has_value());
    CHECK(block->lines.size() <= kMaxSignatureLines);
}

TEST_CASE("hostile bodies are read in bounded time and never crash") {
    std::string many_lines;
    for (int i = 0; i < 200000; ++i) many_lines += "> quoted line\n";
    CHECK(strip_quotes(many_lines).text.empty());
    const std::string long_line(2'000'000, 'x');
    CHECK_FALSE(find_signature(long_line, {}).has_value());
    std::string bad_utf8 = "Hello\n\n\xE4\xB8\n\xFF\xFE Name\n";
    (void)find_signature(bad_utf8, parse_sender("\xFF <x@y.z>"));
    std::string headers;
    for (int i = 0; i < 50000; ++i) headers += "From: x\n";
    CHECK(strip_quotes(headers).quote_style.empty());
}

TEST_CASE("two <br> in HTML make the blank line that sets a signature off") {
    const std::string raw =
        "From: Carlos <carlos@mendez.mx>\r\nTo: li@corp.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/html; charset=utf-8\r\n\r\n<p>We will pay on Friday.<br><br>Carlos Mendez<br>Import Manager</p>\r\n";
    auto message = parse_message(raw);
    REQUIRE(message);
    const Part* text = main_text(*message);
    REQUIRE(text != nullptr);
    CHECK(text->text.find("Friday.\n\nCarlos Mendez\nImport Manager") != std::string::npos);
}
