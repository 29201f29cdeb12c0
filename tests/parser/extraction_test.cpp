// How the evidence for each failed recipient is gathered from the shapes real reports take:
// format phrases, session transcripts, vendor categories, header marks, reports that name nobody.
#include <doctest/doctest.h>
#include <mailkeeper/parser/bounce.h>
#include <mailkeeper/parser/message.h>

#include <string>

using namespace mailkeeper::parser;

namespace {

BounceReport analyse(const std::string& raw) {
    auto message = parse_message(raw);
    REQUIRE(message.has_value());
    return analyse_bounce(*message);
}

Recipient only_recipient(const BounceReport& report) {
    REQUIRE(report.kind == ReportKind::bounce);
    REQUIRE(report.recipients.size() == 1);
    return report.recipients.front();
}

}  // namespace

TEST_CASE("an Exchange 2003 notice with code 000C05A6 is userunknown although it names no SMTP command") {
    const std::string raw =
        "From: postmaster@mail.buyer.example\n"
        "To: sales@our-trade.example\n"
        "Subject: Undeliverable: PI-2026-118\n"
        "X-MS-Embedded-Report: \n"
        "Content-Type: text/plain\n"
        "\n"
        "Your message\n"
        "\n"
        "  To:      Wang Fang\n"
        "  Subject: PI-2026-118\n"
        "\n"
        "did not reach the following recipient(s):\n"
        "\n"
        "wang.fang@buyer.example on Mon, 23 Nov 2026 09:12:00 +0800\n"
        "    The recipient name is not recognized\n"
        "\tMSEXCH:IMS:BUYER:HQ:MAIL01 0 (000C05A6) Unknown Recipient\n";
    const Recipient r = only_recipient(analyse(raw));
    CHECK(r.address == "wang.fang@buyer.example");
    CHECK(r.classification.reason == Reason::userunknown);
    CHECK(r.classification.hard);
}

TEST_CASE("a Sendmail transcript gives the whole multi-line reply that the Diagnostic-Code cut short") {
    const std::string raw =
        "From: Mail Delivery Subsystem <MAILER-DAEMON@relay.our-trade.example>\n"
        "To: sales@our-trade.example\n"
        "Subject: Returned mail: see transcript for details\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"T1\"\n"
        "\n"
        "--T1\n"
        "\n"
        "   ----- The following addresses had permanent fatal errors -----\n"
        "<anna@buyer.example>\n"
        "\n"
        "   ----- Transcript of session follows -----\n"
        "... while talking to mx.buyer.example.:\n"
        ">>> DATA\n"
        "<<< 550-5.7.26 Unauthenticated email from our-trade.example is not accepted due to domain's\n"
        "<<< 550 5.7.26 DMARC policy.\n"
        "554 5.0.0 Service unavailable\n"
        "\n"
        "--T1\n"
        "Content-Type: message/delivery-status\n"
        "\n"
        "Reporting-MTA: dns; relay.our-trade.example\n"
        "\n"
        "Final-Recipient: RFC822; anna@buyer.example\n"
        "Action: failed\n"
        "Status: 5.7.26\n"
        "Diagnostic-Code: SMTP; 550-5.7.26 Unauthenticated email from our-trade.example is not accepted due to domain's\n"
        "\n"
        "--T1--\n";
    const Recipient r = only_recipient(analyse(raw));
    CHECK(r.evidence.diagnostic.find("DMARC policy") != std::string::npos);
    CHECK(r.evidence.command == "DATA");
    CHECK(r.classification.reason == Reason::authfailure);
}

TEST_CASE("PowerMTA's bounce category names the reason the reply text leaves open") {
    const std::string raw =
        "From: postmaster@mta.our-trade.example\n"
        "To: sales@our-trade.example\n"
        "Subject: Delivery report\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"P1\"\n"
        "\n"
        "--P1\n"
        "Content-Type: text/plain\n"
        "\n"
        "Your message could not be delivered.\n"
        "\n"
        "--P1\n"
        "Content-Type: message/delivery-status\n"
        "\n"
        "Reporting-MTA: dns; mta.our-trade.example\n"
        "\n"
        "Final-Recipient: rfc822; carlos@buyer.example\n"
        "Action: failed\n"
        "Status: 5.0.0\n"
        "Diagnostic-Code: smtp; 554 delivery error: this user doesn't have an account here\n"
        "X-PowerMTA-BounceCategory: bad-mailbox\n"
        "\n"
        "--P1--\n";
    const Recipient r = only_recipient(analyse(raw));
    CHECK(r.classification.reason == Reason::userunknown);
}

TEST_CASE("a report that names no recipient is about the returned message's addressee") {
    const std::string raw =
        "From: MMS NDR Administrator <sysadmin@mms.carrier.example>\n"
        "To: sales@our-trade.example\n"
        "Subject: Undeliverable Message\n"
        "Content-Type: text/plain\n"
        "\n"
        "Message could not be delivered to mobile.\n"
        "Error: No valid recipients for this MM\n"
        "\n"
        "Original Message:\n"
        "From: Sales <sales@our-trade.example>\n"
        "To: 13800000000@mms.carrier.example\n"
        "Subject: sample photos\n";
    const Recipient r = only_recipient(analyse(raw));
    CHECK(r.address == "13800000000@mms.carrier.example");
    CHECK(r.classification.reason == Reason::userunknown);
}

TEST_CASE("an EZweb bounce marked X-SPASIGN: NG was refused by the recipient's content filter") {
    const std::string raw =
        "From: Postmaster@ezweb.ne.jp\n"
        "To: sales@our-trade.example\n"
        "Subject: Mail System Error - Returned Mail\n"
        "X-SPASIGN: NG\n"
        "Content-Type: text/plain\n"
        "\n"
        "Each of the following recipients was rejected by a remote mail server.\n"
        "\n"
        "    Recipient: <tanaka@ezweb.ne.jp>\n";
    const Recipient r = only_recipient(analyse(raw));
    CHECK(r.address == "tanaka@ezweb.ne.jp");
    CHECK(r.classification.reason == Reason::filtered);
    CHECK_FALSE(r.classification.hard);
}

TEST_CASE("a format's 'address not found' yields to a 5.1.8 reply that rejects the sender") {
    const std::string raw =
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
        "To: sales@our-trade.example\n"
        "Subject: Delivery Status Notification (Failure)\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"G1\"\n"
        "\n"
        "--G1\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "\n"
        "** Address not found **\n"
        "\n"
        "Your message wasn't delivered to li@buyer.example because the address couldn't be found.\n"
        "\n"
        "--G1\n"
        "Content-Type: message/delivery-status\n"
        "\n"
        "Reporting-MTA: dns; googlemail.com\n"
        "\n"
        "Final-Recipient: rfc822; li@buyer.example\n"
        "Action: failed\n"
        "Status: 5.1.8\n"
        "Diagnostic-Code: smtp; 501 5.1.8 Sender address rejected\n"
        "\n"
        "--G1--\n";
    const Recipient r = only_recipient(analyse(raw));
    CHECK(r.classification.reason == Reason::rejected);
    CHECK_FALSE(r.classification.hard);
}

TEST_CASE("an address-only Gmail report is explained by the text around the address") {
    const std::string raw =
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
        "To: sales@our-trade.example\n"
        "Subject: Delivery Status Notification (Failure)\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "\n"
        "Delivery to the following recipient failed permanently:\n"
        "\n"
        "     ahmed@buyer.example\n"
        "\n"
        "Technical details of permanent failure:\n"
        "The recipient server did not accept our requests to connect.\n"
        "\n"
        "----- Original message -----\n"
        "\n"
        "From: sales@our-trade.example\n"
        "To: ahmed@buyer.example\n"
        "Subject: quotation\n";
    const Recipient r = only_recipient(analyse(raw));
    CHECK(r.address == "ahmed@buyer.example");
    CHECK(r.classification.reason == Reason::expired);
    CHECK(r.evidence.diagnostic.find("did not accept our requests to connect") != std::string::npos);
}

TEST_CASE("an indented line that repeats the recipient's address continues its Postfix reply") {
    const std::string raw =
        "From: MAILER-DAEMON@relay.our-trade.example (Mail Delivery System)\n"
        "To: sales@our-trade.example\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        "Content-Type: text/plain\n"
        "\n"
        "This is the mail system at host relay.our-trade.example.\n"
        "\n"
        "<li.wei@buyer.example>: host mx.buyer.example[192.0.2.7] said: 550\n"
        "    <li.wei@buyer.example>: Recipient address rejected: User unknown in local\n"
        "    recipient table (in reply to RCPT TO command)\n";
    const Recipient r = only_recipient(analyse(raw));
    CHECK(r.address == "li.wei@buyer.example");
    CHECK(r.evidence.diagnostic.find("<li.wei@buyer.example>: Recipient address rejected") != std::string::npos);
    CHECK(r.evidence.command == "RCPT");
    CHECK(to_string(r.classification.reason) == "userunknown");
}

TEST_CASE("a label that states the reason before the address stays in the diagnostic") {
    const std::string raw =
        "From: postmaster@mail.buyer.example\n"
        "To: sales@our-trade.example\n"
        "Subject: Returned mail: PO-2026-031\n"
        "Content-Type: text/plain\n"
        "\n"
        "User's mailbox is full: <chen.jie@buyer.example>\n"
        "Unable to deliver mail.\n";
    const Recipient r = only_recipient(analyse(raw));
    CHECK(r.address == "chen.jie@buyer.example");
    CHECK(to_string(r.classification.reason) == "mailboxfull");
}
