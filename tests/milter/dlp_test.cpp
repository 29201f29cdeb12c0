// The DLP verdict turned into milter actions and incidents (milter/dlp.h), and the incident mail.
#include <doctest/doctest.h>
#include <mailkeeper/milter/alerts.h>
#include <mailkeeper/milter/dlp.h>

#include <filesystem>

#include "facts.h"

using namespace mailkeeper;
using namespace mailkeeper::milter;

namespace {

std::shared_ptr<const Config> gateway(const std::string& extra = "") {
    return parse_config("direction:\n  internal_domains: [our-trade.test]\n  internal_networks: [10.20.0.0/16]\n"
                        "alerts:\n  language: en\n" + extra,
                        "test.yaml")
        .value();
}

std::shared_ptr<const rules::RuleSet> rule_set() {
    return rules::load_rules({{"dlp.yaml", R"(
rules:
  - id: hold-contract
    description: contract totals need approval
    severity: high
    match: {any: [{keywords: [合同总价]}]}
    action: quarantine
    notify: [compliance@our-trade.test, auditor@elsewhere.test]
  - id: no-ids
    match: {all: [{detector: cn_resident_id, min_count: 2}]}
    action: reject
    message: Too many ID numbers
  - id: tag-quote
    match: {any: [{keywords: [quotation]}]}
    action: tag
    subject_prefix: "[报价]"
)"}})
        .value();
}

MessageFacts outbound_mail(const std::string& subject, const std::string& body) {
    const std::string raw = "From: rep@our-trade.test\r\nTo: buyer@customer.test\r\nSubject: " + subject +
                            "\r\nMessage-ID: <m1@our-trade.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body;
    Envelope e;
    e.client_addr = "10.20.0.5";
    e.mail_from = "rep@our-trade.test";
    e.recipients = {"buyer@customer.test"};
    e.queue_id = "4Q1";
    return facts_from(raw, e);
}

const auto kNever = [] { return false; };

}  // namespace

TEST_CASE("a matching quarantine rule holds the message, tags it and records a masked incident") {
    auto facts = outbound_mail("Order", "合同总价 USD 1,250,000");
    auto o = dlp_decide(*gateway(), *rule_set(), facts, Direction::outbound, 1000, kNever);
    CHECK(o.quarantine);
    CHECK_FALSE(o.reject);
    CHECK(o.quarantine_reason == "mailkeeper DLP hold-contract");
    CHECK(o.dlp_header == "hold-contract");
    REQUIRE(o.incident);
    CHECK(o.incident->action == "quarantine");
    CHECK(o.incident->queue_id == "4Q1");
    REQUIRE(o.incident->matches.size() == 1);
    CHECK(o.incident->matches[0].excerpt.find("1,250,000") == std::string::npos);
    CHECK(o.incident->notify.size() == 2);
    CHECK(o.summary == "dlp=quarantine rules=hold-contract");
}

TEST_CASE("a reject rule gives 550 5.7.1 text in plain ASCII") {
    auto facts = outbound_mail("IDs", "11010519491231002X 440524188001010014");
    auto o = dlp_decide(*gateway(), *rule_set(), facts, Direction::outbound, 1000, kNever);
    CHECK(o.reject);
    CHECK(o.reply_text == "Too many ID numbers");
}

TEST_CASE("a tag rule adds the header and an encoded subject prefix once") {
    auto facts = outbound_mail("Our quotation", "see the quotation");
    auto o = dlp_decide(*gateway(), *rule_set(), facts, Direction::outbound, 1000, kNever);
    CHECK_FALSE(o.quarantine);
    CHECK(o.dlp_header == "tag-quote");
    REQUIRE(o.subject);
    CHECK(o.subject->starts_with("=?"));
    CHECK(decoded_header("Subject", *o.subject) == "[报价] Our quotation");
    CHECK_FALSE(o.add_subject);
    // a reply to the tagged message is not prefixed twice
    auto again = outbound_mail(*o.subject, "quotation");
    CHECK_FALSE(dlp_decide(*gateway(), *rule_set(), again, Direction::outbound, 1000, kNever).subject);
}

TEST_CASE("with dlp.mode monitor nothing is held or refused but the incident is kept") {
    auto config = gateway("dlp:\n  mode: monitor\n");
    auto facts = outbound_mail("IDs", "11010519491231002X 440524188001010014 合同总价");
    auto o = dlp_decide(*config, *rule_set(), facts, Direction::outbound, 1000, kNever);
    CHECK_FALSE(o.reject);
    CHECK_FALSE(o.quarantine);
    CHECK(o.dlp_header.empty());
    REQUIRE(o.incident);
    CHECK(o.incident->action == "log");
    CHECK(o.incident->notify.empty());  // trials notify nobody
    CHECK(o.summary.find("monitor=reject") != std::string::npos);
}

TEST_CASE("a message cut at the size limit is unscannable for the rules") {
    auto set = rules::load_rules({{"u.yaml", "rules:\n  - id: cut\n    match: {any: [{attachment: unscannable}]}\n    action: quarantine\n"}}).value();
    auto facts = outbound_mail("big", "text");
    facts.truncated = true;
    CHECK(dlp_decide(*gateway(), *set, facts, Direction::outbound, 1000, kNever).quarantine);
    facts.truncated = false;
    CHECK_FALSE(dlp_decide(*gateway(), *set, facts, Direction::outbound, 1000, kNever).quarantine);
}

TEST_CASE("an incident mail names the rule, the action and the masked excerpts") {
    storage::Alert a;
    a.id = 1;
    a.kind = "dlp";
    a.rep = "compliance@our-trade.test";
    a.contact = "rep@our-trade.test";
    a.facts = R"({"rule":"hold-contract","action":"quarantine","sender":"rep@our-trade.test",)"
              R"("recipients":["buyer@customer.test"],"subject":"Order","queue_id":"4Q1","direction":"outbound","at":1000,)"
              R"("matches":[{"rule":"hold-contract","description":"contract totals","where":"body","excerpt":"[合同总价] USD *,***,***","count":1}]})";
    auto config = gateway();
    auto templates = load_templates(MAILKEEPER_ETC "/templates", "en").value();
    const std::string mail = render_alert_mail(*config, templates, a.rep, {a}, 2000);
    CHECK(mail.find("hold-contract") != std::string::npos);
    CHECK(mail.find("X-Mailkeeper-Alert: dlp") != std::string::npos);
    auto parsed = parser::parse_message(mail).value();
    const std::string body = parsed.parts.at(0).text;
    CHECK(body.find("held for approval") != std::string::npos);
    CHECK(body.find("body (x1): [合同总价] USD *,***,***") != std::string::npos);
    CHECK(body.find("buyer@customer.test") != std::string::npos);
}
