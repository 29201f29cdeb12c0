// The gateway's configuration: every key checked, every error placed at file:line:column.
#include <doctest/doctest.h>
#include <mailkeeper/milter/config.h>

#include <algorithm>

using namespace mailkeeper::milter;

namespace {

bool has(const ConfigError& e, const std::string& needle) {
    return std::any_of(e.messages.begin(), e.messages.end(), [&](const auto& m) { return m.find(needle) != std::string::npos; });
}

}  // namespace

TEST_CASE("the shipped configuration loads and documents the defaults it states") {
    auto c = load_config(std::string(MAILKEEPER_ETC) + "/mailkeeper.yaml");
    REQUIRE_MESSAGE(c, (c ? "" : c.error().text()));
    const Config& config = **c;
    CHECK(config.milter.on_error == OnError::accept);
    CHECK(config.milter.max_message_bytes == 10u << 20);
    CHECK(config.direction.internal_domains == std::vector<std::string>{"example.com"});
    CHECK(config.alerts.from == "mailkeeper@example.com");
    CHECK(config.contacts.correlation_window == 14 * 86400);
    CHECK(config.database.busy_timeout_ms == 200);
    CHECK(config.guard.mode == GuardMode::header);
    CHECK(config.alerts.digest_hour == 9);
}

TEST_CASE("unknown keys and bad values are all reported, each with file, line and column") {
    auto c = parse_config(R"(milter:
  sockt: unix:/x
  on_error: maybe
direction:
  internal_domains: [Our-Trade.test]
  internal_networks: [10.0.0.0/33, 10.1.0.0/16]
contacts:
  soft_window: 3y
  domain_dead_share: 1.5
alerts:
  digest_time: "25:00"
guard:
  mode: bounce
)",
                          "gw.yaml");
    REQUIRE_FALSE(c);
    const auto& e = c.error();
    CHECK(e.messages.size() == 7);
    CHECK(has(e, "gw.yaml:2:3: unknown key 'sockt' in 'milter'"));
    CHECK(has(e, "gw.yaml:3:13: 'milter.on_error' must be one of accept, tempfail, not 'maybe'"));
    CHECK(has(e, "gw.yaml:6:23: 'direction.internal_networks': '10.0.0.0/33' has a bad prefix length"));
    CHECK(has(e, "gw.yaml:8:16: 'contacts.soft_window': '3y' has an unknown unit"));
    CHECK(has(e, "gw.yaml:9:22: 'contacts.domain_dead_share' must be a number above 0 and at most 1"));
    CHECK(has(e, "gw.yaml:11:16: 'alerts.digest_time' must be HH:MM"));
    CHECK(has(e, "gw.yaml:13:9: 'guard.mode' must be one of off, header, notify, reject, not 'bounce'"));
}

TEST_CASE("a key given twice is an error, not a silent choice") {
    auto c = parse_config("direction:\n  internal_domains: [a.test]\nguard:\n  mode: off\n  mode: reject\n", "twice.yaml");
    REQUIRE_FALSE(c);
    CHECK(has(c.error(), "twice.yaml:5:3: duplicate key 'mode' in 'guard'"));
}

TEST_CASE("a YAML syntax error names its line and column") {
    auto c = parse_config("direction:\n  internal_domains: [a.test\nguard: {mode: off}\n", "broken.yaml");
    REQUIRE_FALSE(c);
    REQUIRE(c.error().messages.size() == 1);
    CHECK(c.error().messages[0].starts_with("broken.yaml:"));
}

TEST_CASE("internal domains are required, lowercased, and give the alert sender its default") {
    auto missing = parse_config("guard:\n  mode: off\n", "x.yaml");
    REQUIRE_FALSE(missing);
    CHECK(has(missing.error(), "'direction.internal_domains' must list the company's own mail domains"));
    auto c = parse_config("direction:\n  internal_domains: [Our-Trade.TEST]\n", "x.yaml");
    REQUIRE(c);
    CHECK((*c)->direction.internal_domains.front() == "our-trade.test");
    CHECK((*c)->alerts.from == "mailkeeper@our-trade.test");
}

TEST_CASE("a file that cannot be read is named") {
    auto c = load_config("/nonexistent/mailkeeper.yaml");
    REQUIRE_FALSE(c);
    CHECK(c.error().text() == "/nonexistent/mailkeeper.yaml: cannot read the file\n");
}

TEST_CASE("durations and sizes are read with their units") {
    CHECK(parse_duration("30s").value() == 30);
    CHECK(parse_duration("15m").value() == 900);
    CHECK(parse_duration("2h").value() == 7200);
    CHECK(parse_duration("14d").value() == 14 * 86400);
    CHECK(parse_duration("250ms", true).value() == 250);
    CHECK(parse_duration("2s", true).value() == 2000);
    CHECK_FALSE(parse_duration("250ms"));  // whole seconds only where seconds are meant
    CHECK_FALSE(parse_duration("-1s"));
    CHECK_FALSE(parse_duration("soon"));
    CHECK(parse_size("512").value() == 512);
    CHECK(parse_size("64K").value() == 64u << 10);
    CHECK(parse_size("10M").value() == 10u << 20);
    CHECK(parse_size("1GiB").value() == 1u << 30);
    CHECK_FALSE(parse_size("10X"));
}

TEST_CASE("networks match IPv4, IPv6, IPv4-mapped and Sendmail's IPv6: prefix") {
    auto lan = parse_network("10.20.0.0/16").value();
    CHECK(lan.contains("10.20.3.4"));
    CHECK_FALSE(lan.contains("10.21.0.1"));
    CHECK(lan.contains("::ffff:10.20.9.9"));
    CHECK_FALSE(lan.contains("not an address"));
    auto v6 = parse_network("2001:db8::/32").value();
    CHECK(v6.contains("2001:db8:1::5"));
    CHECK(v6.contains("IPv6:2001:db8::1"));
    CHECK_FALSE(v6.contains("2001:db9::1"));
    CHECK_FALSE(v6.contains("10.20.3.4"));
    auto host = parse_network("127.0.0.1").value();
    CHECK(host.contains("127.0.0.1"));
    CHECK_FALSE(host.contains("127.0.0.2"));
    CHECK_FALSE(parse_network("10.0.0.0/8x"));
    CHECK_FALSE(parse_network("example.com"));
}

TEST_CASE("values that would silently switch a feature off, or inject a header, are refused") {
    auto c = parse_config(R"(milter:
  timeout: 0s
  max_message_size: 1K
direction:
  internal_domains: ["@ours.test"]
alerts:
  from: "mk@ours.test\r\nBcc: all@ours.test"
  sendmail_command: [sendmail, -t]
  poll_interval: 99999999999999999d
)",
                          "zero.yaml");
    REQUIRE_FALSE(c);
    const auto& e = c.error();
    CHECK(has(e, "zero.yaml:2:12: 'milter.timeout' must be more than zero"));
    CHECK(has(e, "zero.yaml:3:21: 'milter.max_message_size' must be at least 64K"));
    CHECK(has(e, "zero.yaml:5:22: 'direction.internal_domains': '@ours.test' is not a domain name"));
    CHECK(has(e, "zero.yaml:7:9: 'alerts.from' must be a plain address"));
    CHECK(has(e, "zero.yaml:8:21: 'alerts.sendmail_command' must start with a program's absolute path"));
    CHECK(has(e, "zero.yaml:9:18: 'alerts.poll_interval': '99999999999999999d' is too long"));
}

TEST_CASE("the dlp section: rules directory, monitor mode and attachment bounds, with errors placed") {
    auto c = parse_config("direction:\n  internal_domains: [a.test]\ndlp:\n  rules_dir: /srv/rules\n  mode: monitor\n"
                          "  attachments:\n    max_depth: 2\n    max_expanded_size: 16M\n",
                          "dlp.yaml");
    REQUIRE(c);
    CHECK((*c)->dlp.rules_dir == "/srv/rules");
    CHECK((*c)->dlp.monitor);
    CHECK((*c)->dlp.attachments.max_depth == 2);
    CHECK((*c)->dlp.attachments.max_expanded_bytes == 16u * 1024 * 1024);
    CHECK((*c)->dlp.attachments.max_text_bytes == mailkeeper::parser::kMaxExtractedText);
    auto bad = parse_config("direction:\n  internal_domains: [a.test]\ndlp:\n  mode: loud\n  default_region: china\n"
                            "  attachments:\n    max_depth: 0\n    max_expanded_size: 0\n",
                            "bad.yaml");
    REQUIRE_FALSE(bad);
    const std::string text = bad.error().text();
    CHECK(text.find("bad.yaml:4:9: 'dlp.mode' must be one of enforce, monitor") != std::string::npos);
    CHECK(text.find("bad.yaml:5:19: 'dlp.default_region' must be a two-letter country code") != std::string::npos);
    CHECK(text.find("bad.yaml:7:16: 'dlp.attachments.max_depth' must be a whole number from 1 to 16") != std::string::npos);
    CHECK(text.find("bad.yaml:8:24: 'dlp.attachments.max_expanded_size' must be more than zero") != std::string::npos);
}

TEST_CASE("orders.patterns add the site's own numbers to the built-in ones") {
    auto c = parse_config(R"(direction:
  internal_domains: [corp.example]
orders:
  patterns:
    - kind: shipment
      labels: [SO, 出货单号]
)",
                          "orders.yaml");
    REQUIRE(c);
    REQUIRE((*c)->orders);
    const auto& patterns = (*c)->orders->patterns();
    CHECK(std::any_of(patterns.begin(), patterns.end(), [](const auto& p) { return p.kind == "shipment"; }));
    CHECK(std::any_of(patterns.begin(), patterns.end(), [](const auto& p) { return p.kind == "po"; }));
}

TEST_CASE("a malformed order pattern is reported with its position") {
    auto c = parse_config(R"(direction:
  internal_domains: [corp.example]
orders:
  patterns:
    - kind: shipment
      labels: []
    - labels: [X]
      colour: red
)",
                          "orders.yaml");
    REQUIRE_FALSE(c);
    const std::string text = c.error().text();
    CHECK(text.find("orders.yaml:5:") != std::string::npos);
    CHECK(text.find("unknown key 'colour'") != std::string::npos);
    CHECK(text.find("needs a kind") != std::string::npos);
}
