// The per-message decisions: direction, what is recorded, what a bounce yields, the guard's answers.
#include <doctest/doctest.h>
#include <mailkeeper/milter/pipeline.h>

#include "facts.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace mailkeeper;
using namespace mailkeeper::milter;

namespace {

std::shared_ptr<const Config> gateway() {
    return parse_config(R"(direction:
  internal_domains: [our-trade.test]
  internal_networks: [10.20.0.0/16]
  trusted_networks: [192.0.2.10]
)",
                        "test.yaml")
        .value();
}

std::string read(const std::string& name) {
    std::ifstream in(std::string(MAILKEEPER_TEST_DATA) + "/" + name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Envelope envelope(std::string client, std::string from, std::vector<std::string> rcpts, std::string auth = "") {
    Envelope e;
    e.client_addr = std::move(client);
    e.mail_from = std::move(from);
    e.recipients = std::move(rcpts);
    e.auth_authen = std::move(auth);
    e.queue_id = "4Xk2Lq0Z3sz9sWb";
    return e;
}

}  // namespace

TEST_CASE("direction: authenticated or internal clients send outbound, the rest is inbound") {
    auto c = gateway();
    CHECK(direction_of(*c, envelope("203.0.113.5", "alice@our-trade.test", {}, "alice")) == Direction::outbound);
    CHECK(direction_of(*c, envelope("10.20.1.2", "alice@our-trade.test", {})) == Direction::outbound);
    CHECK(direction_of(*c, envelope("192.0.2.10", "alice@our-trade.test", {})) == Direction::outbound);
    // a trusted relay with an outside sender, or an outside client claiming our domain: inbound
    CHECK(direction_of(*c, envelope("192.0.2.10", "tom@buyer.test", {})) == Direction::inbound);
    CHECK(direction_of(*c, envelope("203.0.113.5", "alice@our-trade.test", {})) == Direction::inbound);
}

TEST_CASE("outbound mail is recorded with its external recipients, Message-ID and decoded subject") {
    auto c = gateway();
    const std::string raw =
        "From: Alice <alice@our-trade.test>\r\nTo: tom@buyer.test, bob@our-trade.test\r\n"
        "Subject: =?UTF-8?B?5oql5Lu35Y2VIFBJLTIwMjYtMDQx?=\r\nMessage-ID: <quote-041@our-trade.test>\r\n\r\nHello\r\n";
    auto f = facts_from(raw, envelope("10.20.1.2", "Alice@our-trade.test", {"Tom@Buyer.test", "bob@our-trade.test"}));
    auto d = decide(*c, f, Direction::outbound, 1000);
    REQUIRE(d.outbound);
    CHECK(d.outbound->recipients == std::vector<std::string>{"tom@buyer.test"});
    CHECK(d.outbound->message_id == "quote-041@our-trade.test");
    CHECK(d.outbound->subject == "报价单 PI-2026-041");
    CHECK(d.outbound->sender == "alice@our-trade.test");
    CHECK(d.outbound->sent_at == 1000);
    CHECK(d.bounces.empty());
}

TEST_CASE("mail between colleagues is not recorded") {
    auto c = gateway();
    auto f = facts_from("From: alice@our-trade.test\r\nSubject: lunch\r\n\r\nx\r\n",
                        envelope("10.20.1.2", "alice@our-trade.test", {"bob@our-trade.test"}));
    auto d = decide(*c, f, Direction::outbound, 1000);
    CHECK_FALSE(d.outbound);
    CHECK(d.summary == "internal mail");
}

TEST_CASE("Postfix's DSN yields one bounce event with the returned Message-ID and a header") {
    auto c = gateway();
    auto f = facts_from(read("gateway/postfix-dsn-userunknown.eml"), envelope("127.0.0.1", "", {"alice@our-trade.test"}));
    auto d = decide(*c, f, Direction::outbound, 2000);
    REQUIRE(d.bounces.size() == 1);
    const auto& e = d.bounces[0];
    CHECK(e.recipient == "ghost@dead-buyer.test");
    CHECK(e.reason == "userunknown");
    CHECK(e.hard);
    CHECK(e.status == "5.1.1");
    CHECK(e.original_message_id == "quote-041@our-trade.test");
    CHECK(e.bounce_message_id == "20261123011241.4Xk2Lq0Z3sz9sWb@gw.our-trade.test");
    CHECK(e.received_at == 2000);
    CHECK(e.diagnostic.find("User unknown") != std::string::npos);
    std::vector<std::string> bounce_headers;
    for (const auto& [name, value] : d.add_headers)
        if (name == kBounceHeader) bounce_headers.push_back(value);
    CHECK(bounce_headers == std::vector<std::string>{"userunknown; rcpt=ghost@dead-buyer.test; status=5.1.1"});
    CHECK(d.record);  // indexed too, tagged bounce
    CHECK_FALSE(d.outbound);  // a bounce is never recorded as mail we sent
}

TEST_CASE("a delay warning is not a failure") {
    auto c = gateway();
    auto f = facts_from(read("bounces/dsn-delayed-4.4.7.eml"), envelope("127.0.0.1", "", {"alice@our-trade.test"}));
    auto d = decide(*c, f, Direction::inbound, 2000);
    CHECK(d.bounces.empty());
}

TEST_CASE("a bounce that returns one of mailkeeper's own alerts is never answered") {
    auto c = gateway();
    std::string raw = read("gateway/postfix-dsn-userunknown.eml");
    const std::string at = "Message-ID: <quote-041@our-trade.test>\n";
    raw.replace(raw.find(at), at.size(), at + std::string(kAlertHeader) + ": dead\n");
    auto d = decide(*c, facts_from(raw, envelope("127.0.0.1", "", {"mailkeeper@our-trade.test"})), Direction::inbound, 1);
    CHECK(d.bounces.empty());
    CHECK(d.summary == "bounce of a mailkeeper alert: not answered");
}

TEST_CASE("mailkeeper's own alerts pass through unrecorded") {
    auto c = gateway();
    auto f = facts_from("From: mailkeeper <mailkeeper@our-trade.test>\r\nTo: alice@our-trade.test\r\n"
                        "X-Mailkeeper-Alert: dead\r\nSubject: x\r\n\r\nbody\r\n",
                        envelope("127.0.0.1", "mailkeeper@our-trade.test", {"alice@our-trade.test"}));
    auto d = decide(*c, f, Direction::outbound, 1);
    CHECK_FALSE(d.outbound);
    CHECK(d.summary == "mailkeeper alert passing through");
}

TEST_CASE("inbound mail from an outside address is evidence that it is alive") {
    auto c = gateway();
    auto f = facts_from("From: \"Tom\" <Tom@Buyer.test>\r\nMessage-ID: <r1@buyer.test>\r\nSubject: Re: quote\r\n\r\nOK\r\n",
                        envelope("198.51.100.7", "tom@buyer.test", {"alice@our-trade.test"}));
    auto d = decide(*c, f, Direction::inbound, 3000);
    REQUIRE(d.record);
    CHECK(d.record->from_person);
    CHECK(d.record->sender == "tom@buyer.test");
    CHECK(d.record->message_id == "r1@buyer.test");
    CHECK(d.record->date == 3000);
}

TEST_CASE("the guard's reject text is one ASCII line naming the date and the diagnostic") {
    storage::DeathNotice n;
    n.address = "ghost@dead-buyer.test";
    n.since = 1795438922;  // 2026-11-23
    n.reason = "userunknown";
    n.status = "5.1.1";
    n.diagnostic = "550 5.1.1 用户不存在 100%\r\nUser unknown";
    auto a = guard_action(GuardMode::reject, n);
    CHECK(a.reject);
    CHECK(a.reply_text.find("bounced on 2026-11-23") != std::string::npos);
    CHECK(a.reply_text.find("User unknown") != std::string::npos);
    CHECK(a.reply_text.find_first_of("\r\n%") == std::string::npos);
    CHECK(std::all_of(a.reply_text.begin(), a.reply_text.end(), [](unsigned char ch) { return ch >= 0x20 && ch < 0x7f; }));

    auto h = guard_action(GuardMode::header, n);
    CHECK_FALSE(h.reject);
    CHECK(h.header_value == "ghost@dead-buyer.test; since=2026-11-23; reason=userunknown; status=5.1.1");
    CHECK(guard_action(GuardMode::notify, n).notify);
    auto off = guard_action(GuardMode::off, n);
    CHECK_FALSE(off.reject);
    CHECK_FALSE(off.notify);
    CHECK(off.header_value.empty());
}

TEST_CASE("headers only mailkeeper may set are removed from mail that arrives with them") {
    auto c = gateway();
    auto f = facts_from("From: MAILER-DAEMON <mailkeeper@our-trade.test>\r\nX-Mailkeeper-Alert: dead\r\n"
                        "X-Mailkeeper-Bounce: userunknown; rcpt=boss@our-trade.test\r\nSubject: Your mailbox\r\n\r\nclick\r\n",
                        envelope("203.0.113.9", "mailkeeper@our-trade.test", {"alice@our-trade.test"}));
    auto d = decide(*c, f, Direction::inbound, 1);
    CHECK(d.summary != "mailkeeper alert passing through");
    CHECK(d.remove_headers == std::vector<std::string>{"X-Mailkeeper-Alert", "X-Mailkeeper-Bounce"});
}

TEST_CASE("an auto-reply, a report or a forged From revives nobody") {
    auto c = gateway();
    // "I have left": an auto-reply from the dead mailbox itself
    auto autoreply = facts_from("From: Li Ming <li.ming@buyer.test>\r\nAuto-Submitted: auto-replied\r\n"
                                "Subject: Automatic reply: quote\r\n\r\nI have left the company.\r\n",
                                envelope("198.51.100.7", "li.ming@buyer.test", {"alice@our-trade.test"}));
    CHECK_FALSE(decide(*c, autoreply, Direction::inbound, 1).record->from_person);
    // From names the dead address, the envelope someone else
    auto forged = facts_from("From: ghost@buyer.test\r\nSubject: hello\r\n\r\nhi\r\n",
                             envelope("203.0.113.9", "spammer@elsewhere.test", {"alice@our-trade.test"}));
    CHECK_FALSE(decide(*c, forged, Direction::inbound, 1).record->from_person);
    // a machine that says so (RFC 3834 §5), whatever its text
    auto generated = facts_from("From: tom@buyer.test\r\nAuto-Submitted: auto-generated\r\nSubject: Your order\r\n\r\nshipped\r\n",
                                envelope("198.51.100.7", "tom@buyer.test", {"alice@our-trade.test"}));
    CHECK_FALSE(decide(*c, generated, Direction::inbound, 1).record->from_person);
    // a complaint report
    auto arf = facts_from(read("bounces/arf-complaint.eml"), envelope("198.51.100.7", "fbl@isp.test", {"alice@our-trade.test"}));
    CHECK_FALSE(decide(*c, arf, Direction::inbound, 1).record->from_person);
}

TEST_CASE("the guard refuses only addresses whose own bounce killed them; a dead domain is tagged") {
    storage::DeathNotice n;
    n.address = "new@gone.test";
    n.since = 1795438922;
    n.reason = "hostunknown";
    n.by_domain = true;
    auto a = guard_action(GuardMode::reject, n);
    CHECK_FALSE(a.reject);
    CHECK(a.header_value == "new@gone.test; since=2026-11-23; reason=hostunknown; domain=dead");
}

TEST_CASE("the guard's reply stays within an SMTP line however long the diagnostic") {
    storage::DeathNotice n;
    n.address = "ghost@dead-buyer.test";
    n.since = 1795438922;
    n.reason = "userunknown";
    n.diagnostic = std::string(5000, 'x');
    auto a = guard_action(GuardMode::reject, n);
    CHECK(a.reply_text.size() <= kMaxReplyText + 3);
}

TEST_CASE("every message is indexed with its references, tags header and, from a verified sender, signature details") {
    auto c = gateway();
    const std::string raw =
        "From: Tom Baker <tom@buyer.test>\r\nTo: alice@our-trade.test\r\nSubject: RFQ: 500 pcs, please quote\r\n"
        "Message-ID: <rfq-1@buyer.test>\r\nIn-Reply-To: <quote-041@our-trade.test>\r\n"
        "References: <first@our-trade.test> <quote-041@our-trade.test>\r\n\r\n"
        "Please send your best price for PO 7788123.\r\n\r\nBest regards,\r\nTom Baker\r\nPurchasing Manager\r\n"
        "Baker Imports Ltd\r\nTel: +44 20 7946 0018\r\n";
    auto d = decide(*c, facts_from(raw, envelope("203.0.113.5", "tom@buyer.test", {"alice@our-trade.test"})),
                    Direction::inbound, 1000);
    REQUIRE(d.record);
    CHECK(d.record->message_id == "rfq-1@buyer.test");
    CHECK(d.record->direction == "inbound");
    CHECK(d.record->sender == "tom@buyer.test");
    CHECK(d.record->date == 1000);
    CHECK(d.record->references == std::vector<std::string>{"quote-041@our-trade.test", "first@our-trade.test"});
    CHECK_FALSE(d.record->fields.empty());
    const auto name = std::find_if(d.record->fields.begin(), d.record->fields.end(),
                                   [](const storage::FieldSighting& f) { return f.field == "name"; });
    REQUIRE(name != d.record->fields.end());
    CHECK(name->value == "Tom Baker");
    CHECK(std::find(d.record->tags.begin(), d.record->tags.end(), "inquiry") != d.record->tags.end());
    const auto tags = std::find_if(d.add_headers.begin(), d.add_headers.end(),
                                   [](const auto& h) { return h.first == std::string(kTagsHeader); });
    REQUIRE(tags != d.add_headers.end());
    CHECK(tags->second.find("inquiry") != std::string::npos);
}

TEST_CASE("signature details under a forged From are not recorded for that address") {
    auto c = gateway();
    const std::string raw = "From: Tom Baker <tom@buyer.test>\r\nTo: alice@our-trade.test\r\nSubject: hi\r\n\r\n"
                            "Call me.\r\n\r\nTom Baker\r\nTel: +44 20 7946 0018\r\n";
    auto d = decide(*c, facts_from(raw, envelope("203.0.113.5", "someone@elsewhere.test", {"alice@our-trade.test"})),
                    Direction::inbound, 1000);
    REQUIRE(d.record);
    CHECK(d.record->fields.empty());
}

TEST_CASE("a message without a Message-ID gets a stable digest for a key") {
    auto c = gateway();
    const std::string raw = "From: tom@buyer.test\r\nTo: alice@our-trade.test\r\nSubject: x\r\n\r\nbody\r\n";
    const auto f = facts_from(raw, envelope("203.0.113.5", "tom@buyer.test", {"alice@our-trade.test"}));
    auto a = decide(*c, f, Direction::inbound, 1000);
    auto b = decide(*c, f, Direction::inbound, 2000);
    REQUIRE(a.record);
    REQUIRE(b.record);
    CHECK(a.record->message_id.starts_with("fnv:"));
    CHECK(a.record->message_id == b.record->message_id);
}

TEST_CASE("outbound mail to colleagues only is indexed as internal") {
    auto c = gateway();
    auto d = decide(*c, facts_from("From: alice@our-trade.test\r\nTo: bob@our-trade.test\r\nSubject: lunch\r\n\r\nx\r\n",
                                   envelope("10.20.1.2", "alice@our-trade.test", {"bob@our-trade.test"})),
                    Direction::outbound, 1000);
    REQUIRE(d.record);
    CHECK(d.record->direction == "internal");
}

TEST_CASE("mail going out carries no tags header, and its record names the envelope sender as the rep") {
    auto c = gateway();
    const std::string raw = "From: Sales <sales@our-trade.test>\r\nTo: tom@buyer.test\r\nSubject: Quotation for your inquiry\r\n"
                            "Message-ID: <q9@our-trade.test>\r\n\r\nPlease find our quotation and payment terms.\r\n";
    auto d = decide(*c, facts_from(raw, envelope("10.20.1.2", "Alice@our-trade.test", {"tom@buyer.test"})),
                    Direction::outbound, 1000);
    REQUIRE(d.record);
    CHECK(d.record->sender == "alice@our-trade.test");
    CHECK_FALSE(d.record->tags.empty());
    CHECK(std::none_of(d.add_headers.begin(), d.add_headers.end(),
                       [](const auto& h) { return h.first == std::string(kTagsHeader); }));
}

TEST_CASE("a rep's mail from the office is a person's even when its From is a shared mailbox") {
    auto c = gateway();
    auto d = decide(*c,
                    facts_from("From: Sales <sales@our-trade.test>\r\nTo: tom@buyer.test\r\nSubject: Re: price\r\n"
                               "In-Reply-To: <t1@buyer.test>\r\n\r\nOK.\r\n",
                               envelope("10.20.1.2", "alice@our-trade.test", {"tom@buyer.test"})),
                    Direction::outbound, 1000);
    REQUIRE(d.record);
    CHECK(d.record->from_person);
    CHECK(d.record->sender == "alice@our-trade.test");
}

TEST_CASE("a delivery report is indexed but is no person's mail") {
    auto c = gateway();
    const std::string dsn = read("gateway/postfix-dsn-userunknown.eml");
    auto d = decide(*c, facts_from(dsn, envelope("127.0.0.1", "", {"alice@our-trade.test"})), Direction::inbound, 1000);
    REQUIRE(d.record);
    CHECK_FALSE(d.record->from_person);
    CHECK_FALSE(d.bounces.empty());
}
