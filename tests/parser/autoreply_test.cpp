// Automatic replies: the fixtures in tests/data/autoreplies, then one sign at a time.
#include <doctest/doctest.h>
#include <mailkeeper/parser/autoreply.h>
#include <mailkeeper/parser/bounce.h>
#include <mailkeeper/parser/message.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

// Work on hostile input is bounded by the limits, linear in what they let through: a megabyte
// read quadratically takes minutes, linearly milliseconds. The bound leaves room for sanitizer
// builds on a loaded CI machine; it is no speed target.
constexpr auto kBounded = std::chrono::seconds(2);

using namespace mailkeeper::parser;
namespace fs = std::filesystem;

namespace {

const fs::path kDir = fs::path(MAILKEEPER_TEST_DATA) / "autoreplies";

Message fixture(const char* name) {
    std::ifstream in(kDir / name, std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    auto m = parse_message(ss.str());
    REQUIRE(m);
    return *m;
}

// A plain-text message from header lines and a body.
Message mail(const std::string& headers, const std::string& body) {
    auto m = parse_message("From: Li Ming <li.ming@buyer.example>\nTo: sales@our-trade.example\n" + headers +
                           "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n" + body);
    REQUIRE(m);
    return *m;
}

}  // namespace

// ---- the fixtures, one responder each

TEST_CASE("an Exchange English out-of-office reply is away until the date it names, with the colleague to contact") {
    const auto r = detect_autoreply(fixture("exchange-en-ooo.eml"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::away);
    CHECK(r->evidence == "Subject: Automatic reply");
    CHECK(r->kind_phrase == "out of the office");
    CHECK(r->until == "Monday, 6 January 2025");
    CHECK(r->replacement == "jane.smith@buyer-eu.example");
    CHECK(r->replacement_name == "Jane Smith");
}

TEST_CASE("Exchange's Chinese 自动答复 subject makes an automatic reply of a message with only weak headers") {
    const auto r = detect_autoreply(fixture("exchange-zh-auto-answer.eml"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::away);
    CHECK(r->evidence == "Subject: 自动答复");
    CHECK(r->kind_phrase == "出差");
    CHECK(r->until == "1月3日");
    CHECK(r->replacement == "li.jing@buyer-cn.example");
    CHECK(r->replacement_name == "李经理");
}

TEST_CASE("a Gmail vacation responder is known by Auto-Submitted: auto-replied although its subject is a plain Re:") {
    const auto r = detect_autoreply(fixture("gmail-vacation.eml"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::away);
    CHECK(r->evidence == "Auto-Submitted: auto-replied");
    CHECK(r->until == "3 January");
    CHECK_FALSE(r->replacement);
}

TEST_CASE("a QQ Mail 自动回复 with no special header is an automatic reply of another kind") {
    const auto r = detect_autoreply(fixture("qq-autoreply.eml"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::other);
    CHECK(r->evidence == "Subject: 自动回复");
    CHECK_FALSE(r->until);
}

TEST_CASE("a NetEase 163 自动回复 names the day work starts again and the address to write to") {
    const auto r = detect_autoreply(fixture("netease163-autoreply.eml"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::away);
    CHECK(r->evidence == "Subject: 自动回复");
    CHECK(r->until == "2月18日");
    CHECK(r->replacement == "chen.li@126.com");
    CHECK_FALSE(r->replacement_name);
}

TEST_CASE("has left the company gives kind left, the replacement and the name written with it") {
    const auto r = detect_autoreply(fixture("left-en-replacement.eml"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::left);
    CHECK(r->replacement == "jane@buyer.example");
    CHECK(r->replacement_name == "Jane Smith");
}

TEST_CASE("a GBK-encoded 已离职 reply gives 王小姐 and her address") {
    const Message m = fixture("left-zh-gbk.eml");
    const auto r = detect_autoreply(m);
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::left);
    CHECK(r->kind_phrase == "已离职");
    CHECK(r->replacement == "wang@buyer.cn");
    CHECK(r->replacement_name == "王小姐");
}

TEST_CASE("no longer with the company and no address to write to is left without a replacement") {
    const auto r = detect_autoreply(fixture("left-en-no-replacement.eml"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::left);
    CHECK(r->evidence == "X-Autoreply: yes");
    CHECK_FALSE(r->replacement);
    CHECK_FALSE(r->replacement_name);
}

TEST_CASE("an Out of Office subject without any header decides, and away until 3 January gives the date as written") {
    const auto r = detect_autoreply(fixture("away-until-en.eml"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::away);
    CHECK(r->evidence == "Subject: Out of Office");
    CHECK(r->until == "3 January");
}

TEST_CASE("1月3日返回 gives the return date as written") {
    const auto r = detect_autoreply(fixture("away-until-zh.eml"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::away);
    CHECK(r->until == "1月3日");
}

TEST_CASE("a ticket autoresponder is an automatic reply of another kind") {
    const auto r = detect_autoreply(fixture("ticket-other.eml"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::other);
    CHECK(r->evidence == "Auto-Submitted: auto-replied");
    CHECK_FALSE(r->until);
    CHECK_FALSE(r->replacement);
}

TEST_CASE("a person who writes out of office in a sentence has written no automatic reply") {
    const Message m = fixture("human-mentions-ooo.eml");
    CHECK_FALSE(detect_autoreply(m));
    CHECK(analyse_bounce(m).kind == ReportKind::none);
}

TEST_CASE("a delivery status notification is never an automatic reply although it says Auto-Submitted: auto-replied") {
    const Message m = fixture("dsn-postfix.eml");
    CHECK_FALSE(detect_autoreply(m));
    const BounceReport report = analyse_bounce(m);
    CHECK(report.kind == ReportKind::bounce);
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].address == "old.buyer@buyer.example");
    CHECK(report.recipients[0].classification.reason == Reason::userunknown);
}

TEST_CASE("the bounce analysis reports what the detector finds as an auto-reply from the sender, reason vacation") {
    const BounceReport report = analyse_bounce(fixture("left-zh-gbk.eml"));
    CHECK(report.kind == ReportKind::autoreply);
    CHECK(report.format == "rfc3834");
    REQUIRE(report.recipients.size() == 1);
    CHECK(report.recipients[0].address == "zhang.wei@buyer.cn");
    CHECK(report.recipients[0].classification.reason == Reason::vacation);
}

// ---- headers

TEST_CASE("each responder header decides on its own") {
    for (const char* header : {"Auto-Submitted: auto-replied\n", "Auto-Submitted: auto-notified\n", "X-Autoreply: yes\n",
                               "X-Autorespond: vacation\n", "X-Autoresponder: true\n", "Precedence: auto_reply\n",
                               "X-Apple-Action: vacation\n"}) {
        INFO(header);
        const auto r = detect_autoreply(mail(std::string("Subject: Re: Quotation\n") + header, "Thanks.\n"));
        REQUIRE(r);
        CHECK(r->kind == AutoReplyKind::other);
    }
}

TEST_CASE("Auto-Submitted: no is an ordinary message") {
    CHECK_FALSE(detect_autoreply(mail("Subject: Re: Quotation\nAuto-Submitted: no\n", "I am on leave next week.\n")));
}

TEST_CASE("Auto-Submitted: auto-generated alone is a notification, not a reply") {
    CHECK_FALSE(detect_autoreply(mail("Subject: Your statement is ready\nAuto-Submitted: auto-generated\n",
                                      "Your monthly statement is ready.\n")));
}

TEST_CASE("a weak header and an away phrase together make an automatic reply, named by both in the evidence") {
    const auto r = detect_autoreply(mail("Subject: Re: Quotation\nX-Auto-Response-Suppress: All\n",
                                         "I am on leave and will reply when I am back.\n"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::away);
    CHECK(r->evidence == "X-Auto-Response-Suppress: All + on leave");
}

TEST_CASE("Precedence: bulk or X-Auto-Response-Suppress without any phrase is no automatic reply") {
    CHECK_FALSE(detect_autoreply(mail("Subject: Re: Quotation\nPrecedence: bulk\n", "Price confirmed, thanks.\n")));
    CHECK_FALSE(detect_autoreply(mail("Subject: Meeting\nX-Auto-Response-Suppress: All\n", "See you at ten.\n")));
}

TEST_CASE("weak headers do not count on mailing-list and newsletter mail") {
    CHECK_FALSE(detect_autoreply(mail("Subject: Holiday notice\nPrecedence: bulk\n"
                                      "List-Unsubscribe: <mailto:unsubscribe@news.example>\n",
                                      "Our office is closed for the Spring Festival; our staff are on leave.\n")));
}

// ---- subject and text

TEST_CASE("a person answering an automatic reply (Re: Automatic reply:) has written no automatic reply") {
    CHECK_FALSE(detect_autoreply(mail("Subject: RE: Automatic reply: Quotation\n", "Noted, thank you.\n")));
}

TEST_CASE("a subject tag before the opener does not hide it") {
    const auto r = detect_autoreply(mail("Subject: [External] Automatic reply: Quotation\n", "Thank you.\n"));
    REQUIRE(r);
    CHECK(r->evidence == "Subject: Automatic reply");
}

TEST_CASE("OOO opens a subject only as a word") {
    CHECK(detect_autoreply(mail("Subject: OOO until Friday\n", "\n")));
    CHECK_FALSE(detect_autoreply(mail("Subject: Ooops, wrong attachment\n", "Sorry.\n")));
}

TEST_CASE("an absence named at the start of the subject decides, in English, German and Chinese") {
    for (const char* subject : {"On vacation until 5 May", "Abwesenheitsnotiz: Angebot", "休假通知：1月3日返回"}) {
        INFO(subject);
        const auto r = detect_autoreply(mail(std::string("Subject: ") + subject + "\n", "\n"));
        REQUIRE(r);
        CHECK(r->kind == AutoReplyKind::away);
    }
}

TEST_CASE("a text that says it is an automatic reply decides without any header") {
    const auto r = detect_autoreply(mail("Subject: Re: 询价\n", "这是一封自动回复邮件，我已离职。\n"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::left);
    CHECK(r->evidence == "这是一封自动回复");
}

TEST_CASE("left beats away when both are written") {
    const auto r = detect_autoreply(mail("Subject: Automatic reply: PO 4711\n",
                                         "I am away at the moment. In fact I have left the company; "
                                         "please contact jane@buyer.example.\n"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::left);
}

TEST_CASE("has left for a trip is away, not left") {
    const auto r = detect_autoreply(mail("Subject: Automatic reply: PO 4711\n",
                                         "Li Ming has left for a business trip until 10 March.\n"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::away);
    CHECK(r->until == "10 March");
}

TEST_CASE("phrases in the quoted history below the reply are not read") {
    const auto r = detect_autoreply(mail("Subject: Re: Sample\nAuto-Submitted: auto-replied\n",
                                         "Thank you, your mail has been received.\n\n"
                                         "-----Original Message-----\nFrom: sales@our-trade.example\n"
                                         "Our former manager has left the company; please contact new@our-trade.example.\n"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::other);
    CHECK_FALSE(r->replacement);
}

TEST_CASE("the text of an attached message is never read") {
    auto m = parse_message(
        "From: li.ming@buyer.example\nSubject: Fwd: notice\nMIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"B\"\n\n"
        "--B\nContent-Type: text/plain\n\nSee below.\n"
        "--B\nContent-Type: message/rfc822\n\n"
        "From: x@y.example\nSubject: Automatic reply: hello\nAuto-Submitted: auto-replied\n\n"
        "This is an automatic reply. I have left the company.\n"
        "--B--\n");
    REQUIRE(m);
    CHECK_FALSE(detect_autoreply(*m));
}

// ---- return dates

TEST_CASE("English return dates are kept as written") {
    const std::pair<const char*, const char*> kCases[] = {
        {"I am out of the office until 3 January.", "3 January"},
        {"I will be back on Jan 3rd, 2025.", "Jan 3rd, 2025"},
        {"Back in the office on Monday, 6 January.", "Monday, 6 January"},
        {"Out of office till 03/01/2025.", "03/01/2025"},
        {"I am travelling, returning 2025-01-03.", "2025-01-03"},
        {"I will return on the 3rd of January.", "3rd of January"},
        {"On leave, back Monday.", "Monday"},
    };
    for (const auto& [text, date] : kCases) {
        INFO(text);
        const auto r = detect_autoreply(mail("Subject: Re: PO 4711\nAuto-Submitted: auto-replied\n", std::string(text) + "\n"));
        REQUIRE(r);
        CHECK(r->until == date);
    }
}

TEST_CASE("Chinese return dates are kept as written") {
    const std::pair<const char*, const char*> kCases[] = {
        {"本人休假至2025年1月3日，期间不便回复。", "2025年1月3日"},
        {"春节放假，1月3号上班。", "1月3号"},
        {"我于1月3日（周五）返回办公室。", "1月3日"},
        {"出差中，１月３日回来。", "１月３日"},
        {"1月1日至1月3日休假。", "1月3日"},
    };
    for (const auto& [text, date] : kCases) {
        INFO(text);
        const auto r = detect_autoreply(mail("Subject: Re: PO 4711\nAuto-Submitted: auto-replied\n", std::string(text) + "\n"));
        REQUIRE(r);
        CHECK(r->until == date);
    }
}

TEST_CASE("until further notice is no date") {
    const auto r = detect_autoreply(mail("Subject: Automatic reply: x\n", "I am on leave until further notice.\n"));
    REQUIRE(r);
    CHECK_FALSE(r->until);
}

TEST_CASE("a return date makes a reply that named no kind away") {
    const auto r = detect_autoreply(mail("Subject: 自动回复: 报价\n", "您好，我1月3日返回，届时回复。\n"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::away);
}

// ---- replacements

TEST_CASE("the replacement is never the auto-replier's own address") {
    const auto r = detect_autoreply(mail("Subject: Automatic reply: x\n",
                                         "I have left the company. Please contact li.ming@buyer.example or "
                                         "my successor Wang Fang <wang.fang@buyer.example>.\n"));
    REQUIRE(r);
    CHECK(r->replacement == "wang.fang@buyer.example");
    CHECK(r->replacement_name == "Wang Fang");
}

TEST_CASE("please send to and 请发邮件至 name the address that follows, lowercased") {
    auto r = detect_autoreply(mail("Subject: Automatic reply: x\n", "Please send all orders to Orders@Buyer.example.\n"));
    REQUIRE(r);
    CHECK(r->replacement == "orders@buyer.example");
    r = detect_autoreply(mail("Subject: 自动回复: x\n", "本人已离职，请发邮件至 chen@buyer.example\n"));
    REQUIRE(r);
    CHECK(r->replacement == "chen@buyer.example");
}

TEST_CASE("接替 names the address written before it, with the name") {
    const auto r = detect_autoreply(mail("Subject: 自动回复: x\n", "本人已离职，工作由王小姐（wang@buyer.example）接替。\n"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::left);
    CHECK(r->replacement == "wang@buyer.example");
    CHECK(r->replacement_name == "王小姐");
}

TEST_CASE("a name after the address in brackets is taken, a phrase before it is not") {
    auto r = detect_autoreply(mail("Subject: Automatic reply: x\n", "I am away. Please contact anna@buyer.example (Anna Lee).\n"));
    REQUIRE(r);
    CHECK(r->replacement_name == "Anna Lee");
    r = detect_autoreply(mail("Subject: Automatic reply: x\n", "I am away. Please contact our sales team at sales@buyer.example.\n"));
    REQUIRE(r);
    CHECK(r->replacement == "sales@buyer.example");
    CHECK_FALSE(r->replacement_name);
}

// ---- bounds

TEST_CASE("only the first 16 KiB of the first text part are read") {
    const std::string filler(kMaxAutoReplyScanBytes, 'x');
    const auto r = detect_autoreply(mail("Subject: Re: x\nAuto-Submitted: auto-replied\n",
                                         filler + "\nI have left the company; please contact jane@buyer.example\n"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::other);
    CHECK_FALSE(r->replacement);
}

TEST_CASE("a megabyte of one trigger word repeated is read in bounded time") {
    std::string body;
    while (body.size() < 1024 * 1024) body += "至到 until back contact ";
    const Message m = mail("Subject: 自动回复: 至至至\nAuto-Submitted: auto-replied\n", body);
    const auto start = std::chrono::steady_clock::now();
    const auto r = detect_autoreply(m);
    const auto took = std::chrono::steady_clock::now() - start;
    REQUIRE(r);
    CHECK_FALSE(r->until);
    CHECK(took < kBounded);
}

TEST_CASE("each kind has its name") {
    CHECK(to_string(AutoReplyKind::away) == "away");
    CHECK(to_string(AutoReplyKind::left) == "left");
    CHECK(to_string(AutoReplyKind::other) == "other");
}

TEST_CASE("an out-of-office reply that says a colleague has left is away, not left") {
    const auto r = detect_autoreply(mail("Auto-Submitted: auto-replied\nSubject: Automatic reply: order\n",
                                         "I am out of the office until 10 June. Peter Brown is no longer with Buyer GmbH; "
                                         "for his orders please contact mary@buyer.example.\n"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::away);
    CHECK(r->until == std::optional<std::string>("10 June"));
}

TEST_CASE("a writer who has left and names a return date of the mailbox's check is still left") {
    const auto r = detect_autoreply(mail("Auto-Submitted: auto-replied\nSubject: Automatic reply: order\n",
                                         "I have left Buyer GmbH. This mailbox is checked until 30 June; "
                                         "please contact mary@buyer.example.\n"));
    REQUIRE(r);
    CHECK(r->kind == AutoReplyKind::left);
}
