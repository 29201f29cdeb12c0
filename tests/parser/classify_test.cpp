// The bounce reason classifier: the reason vocabulary, Sisimai-compatible precedence between the
// status code and the text, pseudo status codes, providers' own codes, and the input bound.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "mailkeeper/parser/reason.h"

using mailkeeper::parser::classify;
using mailkeeper::parser::Classification;
using mailkeeper::parser::Evidence;
using mailkeeper::parser::Reason;
using mailkeeper::parser::reason_from_string;
using mailkeeper::parser::to_string;

namespace {

struct Row {
    std::string diagnostic;
    std::string status;      // evidence status
    std::string command;
    std::string remote_mta;
    std::string want_reason;
    std::string want_status;  // empty: not checked
};

void check_rows(const std::vector<Row>& rows) {
    for (const auto& row : rows) {
        Evidence e;
        e.diagnostic = row.diagnostic;
        e.status = row.status;
        e.command = row.command;
        e.remote_mta = row.remote_mta;
        const auto got = classify(e);
        CAPTURE(row.diagnostic);
        CHECK(to_string(got.reason) == row.want_reason);
        if (!row.want_status.empty()) CHECK(got.status == row.want_status);
    }
}

Classification classify_text(std::string diagnostic, std::string status = {}, std::string command = {}) {
    Evidence e;
    e.diagnostic = std::move(diagnostic);
    e.status = std::move(status);
    e.command = std::move(command);
    return classify(e);
}

}  // namespace

TEST_CASE("every reason name round-trips through to_string and reason_from_string") {
    for (int i = 0; i <= static_cast<int>(Reason::delivered); ++i) {
        const auto r = static_cast<Reason>(i);
        CAPTURE(to_string(r));
        REQUIRE(reason_from_string(to_string(r)).has_value());
        CHECK(*reason_from_string(to_string(r)) == r);
    }
    CHECK(reason_from_string("UserUnknown") == Reason::userunknown);
}

TEST_CASE("an unknown reason name is not a reason") {
    CHECK_FALSE(reason_from_string("nosuchreason").has_value());
    CHECK_FALSE(reason_from_string("").has_value());
}

TEST_CASE("a 5.1.1 with an unknown-user text is a hard userunknown") {
    const auto c = classify_text("550 5.1.1 <kijitora@example.jp>... User Unknown", "5.1.1", "RCPT");
    CHECK(c.reason == Reason::userunknown);
    CHECK(c.status == "5.1.1");
    CHECK(c.hard);
}

TEST_CASE("a 5.1.1 with a rate-limit text is speeding") {
    const auto c = classify_text(
        "550 5.1.1 <neko@example.com>: Recipient address rejected: rate limit exceeded, please try "
        "again slower",
        "5.1.1", "RCPT");
    CHECK(c.reason == Reason::speeding);
    CHECK(c.status == "5.1.1");
    CHECK_FALSE(c.hard);
}

TEST_CASE("a connection rate limit is toomanyconn rather than speeding") {
    const auto c = classify_text("452 4.3.2 Connection rate limit exceeded.", "4.3.2", "MAIL");
    CHECK(c.reason == Reason::toomanyconn);
}

TEST_CASE("a mailbox-full text wins over a 5.1.1 status") {
    const auto c = classify_text("550 5.1.1 <neko@example.org>: mailbox is full", "5.1.1", "RCPT");
    CHECK(c.reason == Reason::mailboxfull);
    CHECK_FALSE(c.hard);
}

TEST_CASE("specific status codes decide the reason when the text says nothing more") {
    check_rows({
        {"550 5.2.2 mailbox over limit", "5.2.2", "RCPT", "", "mailboxfull", "5.2.2"},
        {"554 5.3.4 too large", "5.3.4", "DATA", "", "mesgtoobig", "5.3.4"},
        {"552 5.2.3 limit", "5.2.3", "DATA", "", "exceedlimit", "5.2.3"},
        {"550 5.1.6 recipient no longer on server", "5.1.6", "RCPT", "", "hasmoved", "5.1.6"},
        {"550 5.1.2 bad destination system", "5.1.2", "RCPT", "", "hostunknown", "5.1.2"},
        {"553 5.1.8 bad sender's system address", "5.1.8", "MAIL", "", "rejected", "5.1.8"},
        {"550 5.7.26 multiple authentication checks failed", "5.7.26", "DATA", "", "authfailure", "5.7.26"},
        {"550 5.7.25 reverse DNS validation failed", "5.7.25", "RCPT", "", "requireptr", "5.7.25"},
        {"554 5.6.0 media error", "5.6.0", "DATA", "", "contenterror", "5.6.0"},
        {"554 5.7.1 delivery not authorized", "5.7.1", "RCPT", "", "securityerror", "5.7.1"},
        {"525 5.7.13 user account disabled", "5.7.13", "RCPT", "", "suspend", "5.7.13"},
    });
}

TEST_CASE("a missing status is derived from the reason as Sisimai's pseudo code") {
    check_rows({
        {"550 Unknown user kijitora@example.jp", "", "RCPT", "", "userunknown", "5.0.911"},
        {"550 Mailbox full", "", "RCPT", "", "mailboxfull", "5.0.922"},
        {"553 Host unknown", "", "RCPT", "", "hostunknown", "5.0.912"},
        {"554 Relay access denied", "", "RCPT", "", "norelaying", "5.0.909"},
        {"550 Message filtered", "", "DATA", "", "filtered", "5.0.910"},
        {"This message has been in the queue too long", "", "", "", "expired", "5.0.947"},
        {"552 message size exceeds fixed maximum message size", "", "DATA", "", "mesgtoobig", "5.0.934"},
        {"550 Sender was rejected", "", "MAIL", "", "rejected", "5.0.918"},
        {"host does not accept mail", "", "", "", "notaccept", "5.0.932"},
    });
}

TEST_CASE("a temporary reply gives a 4.0.9xx pseudo status") {
    check_rows({
        {"452 mailbox full", "", "RCPT", "", "mailboxfull", "4.0.922"},
        {"421 Too many connections", "", "", "", "toomanyconn", "4.0.945"},
        {"Your message could not be delivered for more than 5 days: temporary failure", "", "", "",
         "expired", "4.0.947"},
    });
}

TEST_CASE("a generic status field gives way to the specific code in the text") {
    const auto c = classify_text("550 5.1.1 <kijitora@example.net>... User unknown", "5.0.0", "RCPT");
    CHECK(c.status == "5.1.1");
    CHECK(c.reason == Reason::userunknown);
}

TEST_CASE("a specific status field is kept when the text only repeats a generic code") {
    const auto c = classify_text("554 5.0.0 Service unavailable; mailbox full", "5.2.2", "RCPT");
    CHECK(c.status == "5.2.2");
    CHECK(c.reason == Reason::mailboxfull);
}

TEST_CASE("a generic status is kept when the text has no code") {
    const auto c = classify_text("Service refused, please try later.", "4.0.0", "HELO");
    CHECK(c.status == "4.0.0");
}

TEST_CASE("the reply code of the text settles a 4xx/5xx disagreement with the status field") {
    const auto c = classify_text(
        "554 st11p00im-smtpin005.me.com ESMTP not accepting connections 421 4.7.0 "
        "st11p00im-smtpin005.me.com Error: too many errors",
        "5.5.0", "QUIT");
    CHECK(c.status == "4.7.0");
    CHECK(c.reason == Reason::blocked);
}

TEST_CASE("a pseudo status the format already assigned is kept") {
    Evidence e;
    e.status = "4.0.901";
    e.diagnostic = "Delay reason: 450 service permits 2 unverifyable sending IPs - neko.example.com is not 203.0.113.222";
    e.command = "MAIL";
    e.format_reason = Reason::onhold;
    const auto c = classify(e);
    CHECK(c.reason == Reason::requireptr);
    CHECK(c.status == "4.0.901");
}

TEST_CASE("hard is true only for userunknown, hostunknown, hasmoved and notaccept with a 5xx code") {
    struct Case {
        Reason reason;
        std::string status;
        bool hard;
    };
    const std::vector<Case> cases{
        {Reason::userunknown, "5.1.1", true},   {Reason::hostunknown, "5.1.2", true},
        {Reason::hasmoved, "5.1.6", true},      {Reason::notaccept, "5.1.10", true},
        {Reason::notaccept, "4.0.0", false},    {Reason::mailboxfull, "5.2.2", false},
        {Reason::suspend, "5.2.1", false},      {Reason::blocked, "5.7.1", false},
        {Reason::filtered, "5.2.0", false},     {Reason::expired, "4.4.7", false},
    };
    for (const auto& c : cases) {
        Evidence e;
        e.status = c.status;
        e.format_reason = c.reason;
        e.diagnostic = "whatever the server said";
        CAPTURE(to_string(c.reason));
        CAPTURE(c.status);
        CHECK(classify(e).hard == c.hard);
    }
}

TEST_CASE("a format reason outside the retry set is kept as it is") {
    for (auto r : {Reason::feedback, Reason::vacation, Reason::mailererror, Reason::filtered,
                   Reason::rejected, Reason::notaccept}) {
        Evidence e;
        e.format_reason = r;
        e.diagnostic = "550 5.1.1 User unknown";
        CAPTURE(to_string(r));
        CHECK(classify(e).reason == r);
    }
}

TEST_CASE("complaint and auto-reply reports get no status") {
    Evidence e;
    e.format_reason = Reason::feedback;
    e.diagnostic = "This is an email abuse report for an email message received from IP 192.0.2.1";
    const auto c = classify(e);
    CHECK(c.reason == Reason::feedback);
    CHECK(c.status.empty());
    CHECK_FALSE(c.hard);
}

TEST_CASE("a retry format reason is checked again against the text") {
    Evidence e;
    e.format_reason = Reason::expired;
    e.diagnostic = "452 4.2.2 The email account that you tried to reach is over quota";
    CHECK(classify(e).reason == Reason::mailboxfull);

    e.diagnostic = "retry timeout exceeded";
    CHECK(classify(e).reason == Reason::expired);
}

TEST_CASE("a 2.x.x status is a delivery, not a failure") {
    const auto c = classify_text("250 2.1.5 OK", "2.1.5");
    CHECK(c.reason == Reason::delivered);
    CHECK(c.status == "2.1.5");
}

TEST_CASE("no evidence at all is undefined with the status 5.0.900") {
    const auto c = classify(Evidence{});
    CHECK(c.reason == Reason::undefined);
    CHECK(c.status == "5.0.900");
}

TEST_CASE("a text nobody knows is onhold") {
    const auto c = classify_text("Did not reach the following recipient: kijitora@nyaan.example.net");
    CHECK(c.reason == Reason::onhold);
    CHECK(c.status == "5.0.901");
}

TEST_CASE("fallbacks use the status class, the diagnostic type, the action and the command") {
    check_rows({
        {"554 5.6.9 something odd", "5.6.9", "DATA", "", "contenterror", "5.6.9"},
        {"554 5.7.99 something odd", "", "DATA", "", "securityerror", "5.7.99"},
        {"X-Unix; 255", "", "", "", "mailererror", "5.0.939"},
        {"501 who are you", "", "", "", "syntaxerror", "5.0.902"},
        {"the server closed the connection", "", "EHLO", "", "blocked", "5.0.971"},
    });
    Evidence e;
    e.action = "delayed";
    e.diagnostic = "the server closed the connection";
    CHECK(classify(e).reason == Reason::expired);
}

TEST_CASE("filters answer DATA, so a filtering text at RCPT is not filtered") {
    CHECK(classify_text("550 user reject", "", "DATA").reason == Reason::filtered);
    CHECK(classify_text("550 user reject", "", "RCPT").reason != Reason::filtered);
}

TEST_CASE("spam wording wins over the generic security status 5.7.1") {
    const std::string text = "550 5.7.1 Message rejected as spam by Content Filtering.";
    CHECK(classify_text(text, "5.7.1", "DATA").reason == Reason::spamdetected);
    // before DATA the step-3 check skips it, and the fallback phrases still find it
    CHECK(classify_text(text, "5.7.1", "RCPT").reason == Reason::spamdetected);
    CHECK(classify_text("554 5.7.1 Email flagged as junk", "5.7.1", "RCPT").reason ==
          Reason::securityerror);
}

TEST_CASE("sender and relay refusals are rejected and norelaying") {
    check_rows({
        {"553 5.1.8 <root@nijo.example.jp>... Domain of sender address root@nijo.example.jp does not exist",
         "5.1.8", "MAIL", "", "rejected", "5.1.8"},
        {"554 5.7.1 <kijitora@example.org>: Relay access denied", "5.7.1", "RCPT", "", "norelaying",
         "5.7.1"},
    });
}

TEST_CASE("multi-line replies with repeated codes are read as one sentence") {
    Evidence e;
    e.status = "5.7.1";
    e.command = "DATA";
    e.remote_mta = "gmail-smtp-in.l.google.com";
    e.diagnostic =
        "host gmail-smtp-in.l.google.com[64.233.188.26] said: 550-5.7.1 [192.0.2.22 18] Our system has "
        "detected that this message is 550-5.7.1 likely suspicious due to the very low reputation of "
        "the sending IP 550-5.7.1 address. To best protect our users from spam, the 550 5.7.1 message "
        "has been blocked. (in reply to end of DATA command)";
    CHECK(classify(e).reason == Reason::badreputation);
}

TEST_CASE("an IPv4 address is not mistaken for a status code") {
    const auto c = classify_text("host 192.0.2.5 said: 550 No such user here", "", "RCPT");
    CHECK(c.reason == Reason::userunknown);
    CHECK(c.status == "5.0.911");
}

TEST_CASE("command, host and the reply prefix are read case-insensitively") {
    Evidence e;
    e.diagnostic = "SMTP; 550 5.2.1 The email account that you tried to reach is disabled.";
    e.command = "data";
    e.remote_mta = "ASPMX.L.GOOGLE.COM.";
    const auto c = classify(e);
    CHECK(c.reason == Reason::suspend);
    CHECK(c.status == "5.2.1");
}

TEST_CASE("Gmail's documented replies are classified by code and wording") {
    check_rows({
        {"550-5.7.26 The MAIL FROM domain [mail4.example.com] has an SPF record with a hard fail "
         "policy (-all) but it fails to pass SPF checks",
         "5.7.26", "DATA", "gmail-smtp-in.l.google.com", "authfailure", "5.7.26"},
        {"550 5.2.1 The email account that you tried to reach is inactive.", "5.2.1", "DATA",
         "aspmx.l.google.com", "suspend", "5.2.1"},
        {"452 4.2.2 The recipient's inbox is out of storage space.", "4.2.2", "RCPT",
         "gmail-smtp-in.l.google.com", "mailboxfull", "4.2.2"},
        {"550 5.7.25 The IP address sending this message does not have a PTR record setup", "5.7.25",
         "DATA", "gmail-smtp-in.l.google.com", "requireptr", "5.7.25"},
        {"450 4.2.1 The user you are trying to contact is receiving mail too quickly.", "4.2.1", "RCPT",
         "gmail-smtp-in.l.google.com", "speeding", "4.2.1"},
    });
}

TEST_CASE("Exchange Online's enhanced codes map to their documented reasons") {
    check_rows({
        {"550 5.7.606 Access denied, banned sending IP [198.51.100.222].", "5.7.606", "DATA",
         "example-com.mail.protection.outlook.com", "blocked", "5.7.606"},
        {"550 5.4.1 Recipient address rejected: Access denied", "5.4.1", "RCPT",
         "example-org.mail.protection.outlook.com", "userunknown", "5.4.1"},
        {"451 4.7.650 The mail server [192.0.2.5] has been temporarily rate limited due to IP reputation.",
         "4.7.650", "MAIL", "outlook-com.olc.protection.outlook.com", "badreputation", "4.7.650"},
        {"550 5.7.509 Access denied, sending domain EXAMPLE.JP does not pass DMARC verification", "5.7.509",
         "DATA", "outlook-com.olc.protection.outlook.com", "authfailure", "5.7.509"},
    });
}

TEST_CASE("Orange and La Poste error labels decide the reason") {
    check_rows({
        {"550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]",
         "5.1.1", "RCPT", "smtp-in.orange.fr", "userunknown", "5.1.1"},
        {"550 5.5.0 Le compte du destinataire est bloque. The recipient account is blocked. LPN007_426",
         "5.5.0", "RCPT", "smtpz4.laposte.net", "suspend", "5.5.0"},
        {"550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. OFR006_102 [102]", "", "HELO",
         "smtp-in.orange.fr", "blocked", "5.0.971"},
        {"550 5.5.0 Service refuse. Veuillez essayer plus tard. LPN001_108", "5.5.0", "HELO",
         "smtpz4.laposte.net", "undefined", "5.5.0"},
    });
}

TEST_CASE("a GoDaddy IB code overrides the 5.1.1 status") {
    check_rows({
        {"550 5.1.1 <kijitora@example.com> - 198.51.100.225 has sent to too many recipients this hour. "
         "IB607 <http://x.co/rlbounce>",
         "5.1.1", "RCPT", "smtp.secureserver.net", "speeding", "5.1.1"},
    });
}

TEST_CASE("Cox and Spectrum AUP# codes are recognised whatever host relayed the reply") {
    check_rows({
        {"550 5.1.0 <bounce@example.com> sender rejected. AUP#CDRBL", "5.1.0", "MAIL",
         "cxr.mx.a.cloudfilter.net", "blocked", "5.1.0"},
        {"550 5.1.0 <bounce@amazonses.com> sender rejected. AUP#In-1310", "5.1.0", "",
         "d217-29.smtp-out.amazonses.com", "toomanyconn", "5.1.0"},
    });
}

TEST_CASE("NetEase and Coremail codes are classified wherever they appear") {
    check_rows({
        {"554 DT:SPM 163 mx29,aE0vCgBXQQ1Rk2xk 1684838225,please see "
         "http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5",
         "", "DATA", "163mx02.mxmail.netease.com", "spamdetected", "5.0.980"},
        {"550 MI:NHD 126 mx5 HELO command not allowed empty", "", "HELO", "", "blocked", "5.0.971"},
        {"451 MI:SFQ 163 smtp7,C8CowAD3Cj7Vk2xk,please see http://help.163.com/", "", "MAIL", "",
         "speeding", "4.0.946"},
        {"450 4.7.1 DT:RBL 163 mx14,QMCowAD3_zo0k2xk", "", "RCPT", "", "blocked", "4.7.1"},
        {"550 RP:TRC 163 smtp12, the sender's daily recipients are over the limit", "", "RCPT", "",
         "speeding", "5.0.946"},
        {"553 RP:RDN Recipient rejected", "", "RCPT", "", "userunknown", "5.0.911"},
        {"550 MI:SPF 163 mx3, the sending IP is not permitted by SPF", "", "MAIL", "", "authfailure",
         "5.0.926"},
        {"421 HL:ICC 126 mx8, too many concurrent connections", "", "CONN", "", "toomanyconn", "4.0.945"},
        {"554 MI:STC 163 mx18,I8CowAAHbXY8amlm2eIhBA--.41752S2 1719223375", "5.0.0", "MAIL",
         "163mx03.mxmail.netease.com", "toomanyconn", "5.0.0"},
        {"550 User suspended", "", "RCPT", "mx.qiye.163.com", "suspend", "5.0.921"},
        {"552 Requested mail action aborted: exceeded mailsize limit", "", "DATA",
         "qiye163mx01.mxmail.netease.com", "mesgtoobig", "5.0.934"},
    });
}

TEST_CASE("QQ Mail replies are classified by Tencent's documented wording") {
    check_rows({
        {"550 Ip frequency limited [V2VkIEFwciAgMyAxNjoz Blocked IP 192.0.2.22]", "", "DATA",
         "mx3.qq.com", "toomanyconn", "5.0.945"},
        {"550 Mail content denied. http://service.mail.qq.com/cgi-bin/help?subtype=1&&no=1000726", "",
         "DATA", "mx1.qq.com", "spamdetected", "5.0.980"},
        {"550 Mailbox not found. http://service.mail.qq.com/cgi-bin/help?subtype=1&&no=1000728", "",
         "RCPT", "mx3.qq.com", "userunknown", "5.0.911"},
        {"550 <x@qq.com>: is a deactivated mailbox", "", "RCPT", "mxbiz1.qq.com", "suspend", "5.0.921"},
        // no remote host in the evidence: the reply text names it
        {"host mx3.qq.com[103.7.30.40] said: 550 Connection frequency limited (in reply to end of DATA "
         "command)",
         "", "DATA", "", "toomanyconn", "5.0.945"},
    });
}

TEST_CASE("Alibaba, 263 and Sina replies use their providers' meanings") {
    check_rows({
        {"554 5.7.1 Reject by behaviour spam at Rcpt State(Connection IP address:203.0.113.9)", "",
         "RCPT", "mx1.mxhichina.com", "blocked", "5.7.1"},
        {"550 Mailbox not found.", "", "RCPT", "mxw.mxhichina.com", "userunknown", "5.0.911"},
        {"552 mail size limit exceeded", "", "DATA", "mxbiz1.263xmail.com", "mailboxfull", "5.0.922"},
        {"552 mail size limit exceeded", "", "DATA", "mx.example.com", "mesgtoobig", "5.0.934"},
        {"550 Too many connect", "", "", "freemx1.sinamail.sina.com.cn", "toomanyconn", "5.0.945"},
    });
}

TEST_CASE("Chinese-language diagnostics are classified") {
    check_rows({
        {"550 收件人不存在", "", "RCPT", "", "userunknown", "5.0.911"},
        {"552 对方邮箱已满，无法接收新邮件", "", "RCPT", "", "mailboxfull", "5.0.922"},
        {"550 5.2.1 该邮箱已被冻结", "5.2.1", "RCPT", "", "suspend", "5.2.1"},
        {"554 邮件被判定为垃圾邮件", "5.7.1", "DATA", "", "spamdetected", "5.7.1"},
        {"550 收件人域名不存在", "", "RCPT", "", "hostunknown", "5.0.912"},
        {"451 发信频率过快，请稍后再试", "", "MAIL", "", "speeding", "4.0.946"},
    });
}

TEST_CASE("a provider's notice in Chinese or Japanese without SMTP detail means what it says") {
    check_rows({
        {"退信原因： 该用户不存在（收件人的QQ号码尚未开通QQ邮箱），无法投递。", "", "", "", "userunknown",
         "5.0.911"},
        {"原因：收件人帐号已被停用（User suspended）。", "", "", "", "suspend", "5.0.921"},
        {"退信原因：收件人邮箱空间已满，无法接收新邮件。", "", "", "", "mailboxfull", "5.0.922"},
        {"理由： 受信者の迷惑メールフィルター設定（受信拒否設定）により、このメールの受信が拒否されました。", "",
         "", "", "filtered", "5.0.910"},
    });
    CHECK(classify_text("退信原因： 该用户不存在").hard);
}

TEST_CASE("an English unknown-user text without SMTP detail is filtered, as Sisimai reads it") {
    // Japanese carriers answer a sender their user filters refuse with "User unknown" after DATA;
    // without the command, Sisimai takes the filter reading.
    const auto c = classify_text("User unknown");
    CHECK(c.reason == Reason::filtered);
    CHECK(c.status == "5.0.910");
    CHECK_FALSE(c.hard);
}

TEST_CASE("classification reads a bounded prefix of a hostile diagnostic") {
    // 4 MiB of noise with a telling phrase at the far end: the phrase is out of reach, and the
    // work stays linear and quick.
    std::string huge(4 * 1024 * 1024, 'a');
    for (std::size_t i = 0; i < huge.size(); i += 7) huge[i] = ' ';
    huge += " mailbox full";
    const auto start = std::chrono::steady_clock::now();
    const auto c = classify_text(huge, "", "RCPT");
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(c.reason == Reason::onhold);
    CHECK(elapsed < std::chrono::seconds(2));

    // A pathological pattern-like text (many near-misses of globbed phrases) stays fast too.
    std::string stars;
    for (int i = 0; i < 200000; ++i) stars += "mailbox user ";
    const auto start2 = std::chrono::steady_clock::now();
    classify_text(stars, "5.1.1", "RCPT");
    CHECK(std::chrono::steady_clock::now() - start2 < std::chrono::seconds(2));
}

TEST_CASE("a two-part phrase matches when its second part also occurs before the first") {
    // "account is * quota": "quota" appears first in the signature line, then after the phrase
    const auto got = classify_text("A quota notice from the gateway: the account is now over its quota");
    CHECK(to_string(got.reason) == "mailboxfull");
    // the parts in the wrong order only: no match
    CHECK(to_string(classify_text("quota of this account is fine").reason) != "mailboxfull");
}

TEST_CASE("provider rows match the host name inside a commented Remote-MTA value") {
    Evidence e;
    e.diagnostic = "550 : User unknown";
    e.command = "RCPT";
    e.remote_mta = "lsean.ezweb.ne.jp. (27.85.176.228, the server for the domain ezweb.ne.jp.)";
    CHECK(to_string(classify(e).reason) == "filtered");  // EZweb's own meaning of this reply
    e.remote_mta = "mx.example.org. (192.0.2.1)";
    CHECK(to_string(classify(e).reason) == "userunknown");
}
