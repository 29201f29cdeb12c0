#include <doctest/doctest.h>
#include <mailkeeper/parser/bounce.h>
#include <mailkeeper/parser/message.h>

#include <string>

using namespace mailkeeper::parser;

namespace {

const std::string kDsn =
    "From: MAILER-DAEMON@mx.our-trade.example (Mail Delivery System)\n"
    "To: sales@our-trade.example\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B1\"\n"
    "\n"
    "--B1\n"
    "Content-Type: text/plain; charset=us-ascii\n"
    "\n"
    "<li.ming@buyer.example>: host mx.buyer.example[192.0.2.7] said: 550 5.1.1\n"
    "    <li.ming@buyer.example>: Recipient address rejected: User unknown (in reply to\n"
    "    RCPT TO command)\n"
    "\n"
    "--B1\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; mx.our-trade.example\n"
    "\n"
    "Final-Recipient: rfc822; li.ming@buyer.example\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "Remote-MTA: dns; mx.buyer.example\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <li.ming@buyer.example>: Recipient address\n"
    "    rejected: User unknown\n"
    "\n"
    "--B1\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "From: Sales <sales@our-trade.example>\n"
    "To: li.ming@buyer.example\n"
    "Subject: =?GB2312?B?sai827Wl?=\n"
    "Message-ID: <q-2026-118@our-trade.example>\n"
    "Date: Mon, 23 Nov 2026 09:00:00 +0800\n"
    "\n"
    "Dear Li Ming, please find our quotation.\n"
    "--B1--\n";

std::string with_endings(const std::string& lf, const std::string& eol) {
    std::string out;
    for (char c : lf) {
        if (c == '\n') out += eol;
        else out += c;
    }
    return out;
}

}  // namespace

TEST_CASE("a multipart report yields its parts, report type and returned headers") {
    auto m = parse_message(kDsn);
    REQUIRE(m);
    CHECK(m->media_type == "multipart/report");
    CHECK(m->report_type == "delivery-status");
    REQUIRE(m->parts.size() == 3);
    CHECK(m->parts[0].media_type == "text/plain");
    CHECK(m->parts[1].media_type == "message/delivery-status");
    CHECK(m->parts[2].in_returned_message);
    REQUIRE(m->returned_headers);
    CHECK(find_header(*m->returned_headers, "Message-ID") == "<q-2026-118@our-trade.example>");
}

TEST_CASE("an RFC 2047 GB2312 subject in the returned message is decoded to UTF-8") {
    auto m = parse_message(kDsn);
    REQUIRE(m);
    CHECK(find_header(*m->returned_headers, "Subject") == "报价单");
}

TEST_CASE("LF, CRLF and CR-only line endings give identical analyses") {
    auto lf = parse_message(kDsn);
    auto crlf = parse_message(with_endings(kDsn, "\r\n"));
    auto cr = parse_message(with_endings(kDsn, "\r"));
    REQUIRE(lf);
    REQUIRE(crlf);
    REQUIRE(cr);
    for (const auto* other : {&*crlf, &*cr}) {
        REQUIRE(other->parts.size() == lf->parts.size());
        for (std::size_t i = 0; i < lf->parts.size(); ++i) CHECK(other->parts[i].text == lf->parts[i].text);
        const auto a = analyse_bounce(*lf);
        const auto b = analyse_bounce(*other);
        REQUIRE(a.recipients.size() == b.recipients.size());
        CHECK(a.recipients[0].address == b.recipients[0].address);
        CHECK(a.recipients[0].evidence.diagnostic == b.recipients[0].evidence.diagnostic);
    }
}

TEST_CASE("empty input is an error, not a crash") {
    auto m = parse_message("  \n\n");
    REQUIRE_FALSE(m);
    CHECK(m.error().code == ErrorCode::empty_input);
}

TEST_CASE("a message without MIME headers is one plain text part") {
    auto m = parse_message("From: a@b.example\nSubject: hi\n\nhello\n");
    REQUIRE(m);
    REQUIRE(m->parts.size() == 1);
    CHECK(m->parts[0].media_type == "text/plain");
    CHECK(m->parts[0].text == "hello\n");
}

TEST_CASE("an HTML-only part is reduced to its text") {
    auto m = parse_message(
        "From: a@b.example\nContent-Type: text/html; charset=utf-8\n\n"
        "<html><head><style>p{}</style></head><body><p>Delivery&nbsp;has failed</p><p>to &lt;x@y.example&gt;</p></body></html>\n");
    REQUIRE(m);
    REQUIRE(m->parts.size() == 1);
    CHECK(m->parts[0].text.find("Delivery has failed\nto <x@y.example>") != std::string::npos);
    CHECK(m->parts[0].text.find("p{}") == std::string::npos);
}

TEST_CASE("a GBK body with no charset parameter is decoded by detection") {
    std::string body;
    for (int i = 0; i < 3; ++i)
        body += "\xc4\xfa\xb5\xc4\xd3\xca\xbc\xfe\xce\xde\xb7\xa8\xcb\xcd\xb4\xef\xa3\xba\xca\xd5\xbc\xfe\xc8\xcb\xb5\xd8"
                "\xd6\xb7\xb2\xbb\xb4\xe6\xd4\xda\xa1\xa3\n";
    auto m = parse_message("From: postmaster@163.example\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n" + body);
    REQUIRE(m);
    CHECK(m->parts[0].charset_detected);
    CHECK(m->parts[0].text.starts_with("您的邮件无法送达：收件人地址不存在。"));
}

TEST_CASE("an mbox is split on its From separator lines") {
    const std::string mbox =
        "From a@b Mon Nov 23 09:00:00 2026\nSubject: one\n\nbody one\nFrom the text, not a separator\n\n"
        "From c@d Mon Nov 23 09:01:00 2026\nSubject: two\n\nbody two\n";
    CHECK(looks_like_mbox(mbox));
    const auto messages = split_mbox(mbox);
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].starts_with("Subject: one"));
    CHECK(messages[0].find("From the text") != std::string_view::npos);
    CHECK(messages[1].starts_with("Subject: two"));
    CHECK_FALSE(looks_like_mbox("From: a@b\n\nx"));
}

TEST_CASE("MIME nesting deeper than the limit is cut, not followed") {
    std::string msg = "From: a@b.example\n";
    const int depth = 200;
    for (int i = 0; i < depth; ++i)
        msg += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\n\n--b" + std::to_string(i) + "\n";
    msg += "Content-Type: text/plain\n\ndeep\n";
    Limits limits;
    limits.max_mime_depth = 16;
    auto m = parse_message(msg, limits);
    REQUIRE(m);
    CHECK(m->truncated);
    CHECK(m->parts.empty());
}

TEST_CASE("parts beyond the part limit are dropped") {
    std::string msg = "From: a@b.example\nContent-Type: multipart/mixed; boundary=\"x\"\n\n";
    for (int i = 0; i < 50; ++i) msg += "--x\nContent-Type: text/plain\n\npart " + std::to_string(i) + "\n";
    msg += "--x--\n";
    Limits limits;
    limits.max_parts = 10;
    auto m = parse_message(msg, limits);
    REQUIRE(m);
    CHECK(m->parts.size() == 10);
    CHECK(m->truncated);
}

TEST_CASE("input beyond the scan limit is cut and flagged") {
    std::string msg = "From: a@b.example\nSubject: big\n\n" + std::string(100000, 'a');
    Limits limits;
    limits.max_scan_bytes = 1000;
    auto m = parse_message(msg, limits);
    REQUIRE(m);
    CHECK(m->truncated);
    CHECK(m->parts[0].text.size() < 1000);
}

TEST_CASE("a header block quoted in text is read with continuation lines and encoded words") {
    const auto h = parse_header_block("\nMessage-ID: <a@b>\nSubject: =?UTF-8?B?5oql5Lu35Y2V?=\n  continued\nTo: x@y\n\nbody: no\n");
    REQUIRE(h.size() == 3);
    CHECK(h[0].value == "<a@b>");
    CHECK(h[1].value == "报价单 continued");
    CHECK(find_header(h, "to") == "x@y");
}
