// Alerts to reps: the templates admins edit, the mail built from them, and the outbox worker.
#include <doctest/doctest.h>
#include <mailkeeper/milter/alerts.h>
#include <mailkeeper/milter/pipeline.h>
#include <mailkeeper/parser/message.h>

#include <filesystem>
#include <fstream>

using namespace mailkeeper;
using namespace mailkeeper::milter;
namespace fs = std::filesystem;

namespace {

constexpr storage::Timestamp kT0 = 1'795'000'000;

std::shared_ptr<const Config> gateway(const std::string& extra = "", const std::string& language = "en") {
    return parse_config("direction:\n  internal_domains: [our-trade.test]\nalerts:\n  language: " + language +
                            "\n  templates_dir: " +
                            std::string(MAILKEEPER_ETC) + "/templates\n" + extra,
                        "test.yaml")
        .value();
}

storage::Alert alert(std::int64_t id, const std::string& contact, const std::string& kind = "dead") {
    storage::Alert a;
    a.id = id;
    a.rep = "alice@our-trade.test";
    a.contact = contact;
    a.kind = kind;
    a.created_at = kT0;
    a.facts = R"({"reason":"userunknown","status":"5.1.1","diagnostic":"550 5.1.1 User unknown","subject":"报价单 PI-2026-041",
                  "sent_at":1795000000,"bounced_at":1795000060,"state":"dead","domain_dead":false,
                  "alternatives":["lily@dead-buyer.test"]})";
    return a;
}

std::string body_text(const std::string& mail) {
    auto m = parser::parse_message(mail).value();
    REQUIRE(!m.parts.empty());
    return m.parts.front().text;
}

struct TempDir {
    fs::path path;
    TempDir() {
        char tmpl[] = "/tmp/mk-alerts-XXXXXX";
        path = mkdtemp(tmpl);
    }
    ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("the shipped alert templates load in Chinese and English") {
    for (const char* lang : {"zh", "en"}) {
        auto t = load_templates(std::string(MAILKEEPER_ETC) + "/templates", lang);
        REQUIRE_MESSAGE(t, (t ? "" : t.error().text()));
        CHECK_FALSE(t->alert.subject.empty());
        CHECK_FALSE(t->digest.subject.empty());
        CHECK_FALSE(t->guard.subject.empty());
        CHECK_FALSE(t->digest_item.body.empty());
        CHECK_FALSE(t->left.subject.empty());
        CHECK_FALSE(t->left_item.body.empty());
    }
}

TEST_CASE("a template with an unknown placeholder or no Subject line is reported with file:line:column") {
    TempDir dir;
    for (const char* name : {"digest", "digest-item", "guard", "dlp", "left", "left-item"})
        fs::copy_file(fs::path(MAILKEEPER_ETC) / "templates" / (std::string(name) + ".en.txt"),
                      dir.path / (std::string(name) + ".en.txt"));
    std::ofstream(dir.path / "alert.en.txt") << "Subject: {{contact}} bounced\n\nDear {{rep}},\nreason: {{reson}}\n";
    auto t = load_templates(dir.path.string(), "en");
    REQUIRE_FALSE(t);
    REQUIRE(t.error().messages.size() == 1);
    CHECK(t.error().messages[0].starts_with((dir.path / "alert.en.txt").string() + ":4:9: unknown placeholder {{reson}}"));

    std::ofstream(dir.path / "alert.en.txt") << "Hello {{contact}}\n";
    t = load_templates(dir.path.string(), "en");
    REQUIRE_FALSE(t);
    CHECK(t.error().messages[0].ends_with(":1:1: the first line must be 'Subject: ...'"));
}

TEST_CASE("an alert mail is UTF-8 text marked as automatic, with the reason in plain words") {
    auto config = gateway();
    auto templates = load_templates(config->alerts.templates_dir, "en").value();
    const std::string mail = render_alert_mail(*config, templates, "alice@our-trade.test", {alert(1, "ghost@dead-buyer.test")}, kT0);
    auto m = parser::parse_message(mail).value();
    CHECK(parser::find_header(m.headers, "Auto-Submitted") == "auto-generated");
    CHECK(parser::find_header(m.headers, kAlertHeader) == "dead");
    CHECK(parser::find_header(m.headers, "To") == "alice@our-trade.test");
    CHECK(parser::find_header(m.headers, "From").value().find("mailkeeper@our-trade.test") != std::string::npos);
    CHECK(parser::find_header(m.headers, "Subject").value().find("ghost@dead-buyer.test is dead") != std::string::npos);
    const std::string body = body_text(mail);
    CHECK(body.find("the mailbox does not exist") != std::string::npos);
    CHECK(body.find("报价单 PI-2026-041") != std::string::npos);
    CHECK(body.find("  - lily@dead-buyer.test") != std::string::npos);
    CHECK(body.find("{{") == std::string::npos);
    CHECK(mail.find("\r\n") != std::string::npos);
}

TEST_CASE("a Chinese alert reads in Chinese") {
    auto config = gateway("", "zh");
    auto templates = load_templates(config->alerts.templates_dir, "zh").value();
    const std::string mail = render_alert_mail(*config, templates, "alice@our-trade.test", {alert(1, "ghost@dead-buyer.test")}, kT0);
    auto m = parser::parse_message(mail).value();
    CHECK(parser::find_header(m.headers, "Subject").value().find("客户邮箱已失效") != std::string::npos);
    CHECK(body_text(mail).find("邮箱地址不存在") != std::string::npos);
}

static storage::Alert left_alert(std::int64_t id, const std::string& contact, bool with_replacement = true) {
    storage::Alert a = alert(id, contact, "left");
    a.facts = with_replacement
                  ? R"({"evidence":"已离职","replacement":"lily@buyer.test","replacement_name":"Lily Chen",
                       "subject":"自动回复: 报价单 PI-2026-041","received_at":1795000060,"state":"left",
                       "alternatives":["sam@buyer.test"]})"
                  : R"({"evidence":"no longer with the company","replacement":null,"replacement_name":null,
                       "subject":"Automatic reply: Quotation","received_at":1795000060,"state":"left","alternatives":[]})";
    return a;
}

TEST_CASE("a left alert names the auto-reply's evidence and the replacement to write to") {
    auto config = gateway();
    auto templates = load_templates(config->alerts.templates_dir, "en").value();
    const std::string mail =
        render_alert_mail(*config, templates, "alice@our-trade.test", {left_alert(1, "tom@buyer.test")}, kT0);
    auto m = parser::parse_message(mail).value();
    CHECK(parser::find_header(m.headers, kAlertHeader) == "left");
    CHECK(parser::find_header(m.headers, "Subject").value().find("tom@buyer.test has left the company") != std::string::npos);
    const std::string body = body_text(mail);
    CHECK(body.find("已离职") != std::string::npos);
    CHECK(body.find("lily@buyer.test (Lily Chen) to write to instead") != std::string::npos);
    CHECK(body.find("  - sam@buyer.test") != std::string::npos);
    CHECK(body.find("mailkeeper contacts revive tom@buyer.test") != std::string::npos);
    CHECK(body.find("{{") == std::string::npos);
}

TEST_CASE("a Chinese left alert without a replacement says that none was named") {
    auto config = gateway("", "zh");
    auto templates = load_templates(config->alerts.templates_dir, "zh").value();
    const std::string mail =
        render_alert_mail(*config, templates, "alice@our-trade.test", {left_alert(1, "tom@buyer.test", false)}, kT0);
    auto m = parser::parse_message(mail).value();
    CHECK(parser::find_header(m.headers, "Subject").value().find("客户联系人已离职") != std::string::npos);
    const std::string body = body_text(mail);
    CHECK(body.find("自动回复未指明接替人") != std::string::npos);
    CHECK(body.find("暂无该公司的其他有效联系人") != std::string::npos);
}

TEST_CASE("a left alert naming a successor at another domain says to confirm it by phone, in English and Chinese") {
    for (const char* lang : {"en", "zh"}) {
        CAPTURE(lang);
        auto config = gateway("", lang);
        auto templates = load_templates(config->alerts.templates_dir, lang).value();
        storage::Alert a = alert(1, "tom@buyer.test", "left");
        a.facts = R"({"evidence":"no longer with the company","replacement":"tom.buyer@freemail.test",
                      "replacement_name":null,"replacement_other_domain":true,"subject":"Automatic reply: Quotation",
                      "received_at":1795000060,"state":"left","alternatives":[]})";
        for (const auto& mail : {render_alert_mail(*config, templates, "alice@our-trade.test", {a}, kT0),
                                 render_alert_mail(*config, templates, "alice@our-trade.test", {alert(2, "x@dead.test"), a}, kT0)}) {
            const std::string body = body_text(mail);
            CHECK(body.find("tom.buyer@freemail.test") != std::string::npos);
            if (std::string(lang) == "en") {
                CHECK(body.find("at another domain than buyer.test") != std::string::npos);
                CHECK(body.find("Confirm it with the company by phone before sending anything") != std::string::npos);
                CHECK(body.find("payment details") != std::string::npos);
                CHECK(body.find("now among your contacts") == std::string::npos);
            } else {
                CHECK(body.find("属于另一个域名") != std::string::npos);
                CHECK(body.find("请先通过电话向该公司核实") != std::string::npos);
                CHECK(body.find("已加入您的联系人") == std::string::npos);
            }
            CHECK(body.find("{{") == std::string::npos);
        }
    }
}

TEST_CASE("a left contact inside a digest reads as left, not as a bounce") {
    auto config = gateway();
    auto templates = load_templates(config->alerts.templates_dir, "en").value();
    const std::string mail = render_alert_mail(*config, templates, "alice@our-trade.test",
                                               {alert(1, "a@dead-buyer.test"), left_alert(2, "tom@buyer.test")}, kT0);
    const std::string body = body_text(mail);
    CHECK(body.find("* a@dead-buyer.test: dead") != std::string::npos);
    CHECK(body.find("* tom@buyer.test: has left the company") != std::string::npos);
    CHECK(body.find("lily@buyer.test (Lily Chen)") != std::string::npos);
    CHECK(body.find("{{") == std::string::npos);
}

TEST_CASE("several alerts for one rep go out as one digest") {
    auto config = gateway();
    auto templates = load_templates(config->alerts.templates_dir, "en").value();
    const std::string mail = render_alert_mail(*config, templates, "alice@our-trade.test",
                                               {alert(1, "a@dead-buyer.test"), alert(2, "b@dead-buyer.test")}, kT0);
    auto m = parser::parse_message(mail).value();
    CHECK(parser::find_header(m.headers, kAlertHeader) == "digest");
    CHECK(parser::find_header(m.headers, "Subject").value().find("2 of your contacts bounced") != std::string::npos);
    const std::string body = body_text(mail);
    CHECK(body.find("* a@dead-buyer.test") != std::string::npos);
    CHECK(body.find("* b@dead-buyer.test") != std::string::npos);
}

TEST_CASE("every reason has words in both languages; an unknown one is still named") {
    for (const char* r : {"userunknown", "hostunknown", "mailboxfull", "suspend", "blocked", "expired"}) {
        CHECK_FALSE(reason_in_words(r, "en").starts_with("the message was returned ("));
        CHECK_FALSE(reason_in_words(r, "zh").empty());
    }
    CHECK(reason_in_words("onhold", "en") == "the message was returned (onhold)");
}

TEST_CASE("the digest time is the latest one at or before now, in local time") {
    auto config = gateway("  mode: digest\n  digest_time: \"09:30\"\n");
    const auto at = last_digest_time(*config, kT0);
    CHECK(at <= kT0);
    CHECK(kT0 - at < 86400);
    std::time_t t = static_cast<std::time_t>(at);
    std::tm tm{};
    localtime_r(&t, &tm);
    CHECK(tm.tm_hour == 9);
    CHECK(tm.tm_min == 30);
}

// A store whose outbox bookkeeping can be made to fail, as a full disk would.
class FlakyStore : public storage::Store {
public:
    explicit FlakyStore(storage::Store& real) : real_(real) {}
    bool fail_marking = false;
    bool record_outbound(storage::OutboundMessage m) override { return real_.record_outbound(std::move(m)); }
    bool record_bounce(storage::BounceEvent e, storage::BouncePolicy p) override { return real_.record_bounce(std::move(e), std::move(p)); }
    bool record_inbound(storage::InboundMessage m) override { return real_.record_inbound(std::move(m)); }
    bool record_guard_notice(std::string r, storage::DeathNotice n, std::string s, storage::Timestamp at,
                             storage::BouncePolicy p) override {
        return real_.record_guard_notice(std::move(r), std::move(n), std::move(s), at, std::move(p));
    }
    bool record_incident(storage::Incident i, std::vector<std::string> d) override {
        return real_.record_incident(std::move(i), std::move(d));
    }
    bool record_message(storage::MessageRecord m, storage::BouncePolicy p) override {
        return real_.record_message(std::move(m), std::move(p));
    }
    std::expected<std::vector<storage::ContactCardRecord>, storage::StoreError> contact_cards() override {
        return real_.contact_cards();
    }
    std::expected<std::vector<storage::OrderMessage>, storage::StoreError> order_messages(const std::string& n) override {
        return real_.order_messages(n);
    }
    std::expected<std::vector<storage::ReplyTime>, storage::StoreError> reply_times(storage::Timestamp since) override {
        return real_.reply_times(since);
    }
    std::expected<bool, storage::StoreError> has_message(const std::string& id) override { return real_.has_message(id); }
    void flush() override { real_.flush(); }
    std::expected<std::vector<storage::StoredIncident>, storage::StoreError> incidents(const std::string& q, int l) override {
        return real_.incidents(q, l);
    }
    std::expected<void, storage::StoreError> record_quarantine_decision(const storage::QuarantineDecision& d) override {
        return real_.record_quarantine_decision(d);
    }
    std::expected<std::vector<storage::QuarantineDecision>, storage::StoreError> quarantine_decisions(const std::string& q) override {
        return real_.quarantine_decisions(q);
    }
    std::expected<std::optional<storage::DeathNotice>, storage::StoreError> death_notice(const std::string& a) override {
        return real_.death_notice(a);
    }
    std::expected<std::optional<storage::Contact>, storage::StoreError> contact(const std::string& a) override { return real_.contact(a); }
    std::expected<std::vector<storage::Contact>, storage::StoreError> contacts(std::optional<storage::ContactState> s) override {
        return real_.contacts(s);
    }
    std::expected<std::vector<storage::StoredBounce>, storage::StoreError> bounces(const storage::BounceQuery& q) override {
        return real_.bounces(q);
    }
    std::expected<bool, storage::StoreError> revive(const std::string& a, const std::string& w, storage::Timestamp at) override {
        return real_.revive(a, w, at);
    }
    std::expected<std::vector<storage::Alert>, storage::StoreError> due_alerts(storage::Timestamp now) override {
        return real_.due_alerts(now);
    }
    std::expected<std::vector<storage::Alert>, storage::StoreError> alerts(std::optional<storage::AlertStatus> s, int l) override {
        return real_.alerts(s, l);
    }
    std::expected<void, storage::StoreError> mark_alerts_sent(const std::vector<std::int64_t>& ids, storage::Timestamp at) override {
        if (fail_marking) return std::unexpected(storage::StoreError{"database or disk is full"});
        return real_.mark_alerts_sent(ids, at);
    }
    std::expected<void, storage::StoreError> mark_alerts_failed(const std::vector<std::int64_t>& ids, const std::string& e,
                                                                std::optional<storage::Timestamp> r) override {
        return real_.mark_alerts_failed(ids, e, r);
    }
    std::expected<void, storage::StoreError> mark_alerts_skipped(const std::vector<std::int64_t>& ids, const std::string& w) override {
        return real_.mark_alerts_skipped(ids, w);
    }
    std::expected<int, storage::StoreError> alert_mails_since(const std::string& rep, storage::Timestamp since) override {
        return real_.alert_mails_since(rep, since);
    }
    std::expected<void, storage::StoreError> record_alert_mail(const std::string& rep, int n, storage::Timestamp at) override {
        return real_.record_alert_mail(rep, n, at);
    }

private:
    storage::Store& real_;
};

// The outbox worker against a real store and a submitter that records or fails.
struct OutboxFixture {
    TempDir dir;
    std::unique_ptr<storage::Store> store;
    std::shared_ptr<const Config> config;
    std::shared_ptr<const AlertTemplates> templates;
    std::vector<std::pair<std::string, std::string>> submitted;  // rep, message
    std::string fail_with;

    explicit OutboxFixture(const std::string& extra = "") {
        storage::SqliteOptions o;
        o.path = (dir.path / "mk.db").string();
        store = storage::open_sqlite_store(o).value();
        config = gateway(extra);
        templates = std::make_shared<const AlertTemplates>(load_templates(config->alerts.templates_dir, "en").value());
    }
    Notifier notifier() { return notifier_on(*store); }
    Notifier notifier_on(storage::Store& s) {
        return Notifier(
            s, [this] { return config; }, [this] { return templates; },
            [this](const Config&, const std::string& rep, const std::string& message) -> std::expected<void, std::string> {
                if (!fail_with.empty()) return std::unexpected(fail_with);
                submitted.emplace_back(rep, message);
                return {};
            });
    }
    void dead_contact(const std::string& rep, const std::string& contact, storage::Timestamp at) {
        storage::OutboundMessage m;
        m.message_id = contact + ".msg";
        m.sender = rep;
        m.recipients = {contact};
        m.sent_at = at;
        store->record_outbound(m);
        storage::BounceEvent e;
        e.received_at = at + 1;
        e.recipient = contact;
        e.reason = "userunknown";
        e.hard = true;
        e.status = "5.1.1";
        e.original_message_id = contact + ".msg";
        storage::BouncePolicy p;
        p.internal_domains = {"our-trade.test"};
        store->record_bounce(e, p);
        store->flush();
    }
};

TEST_CASE("the outbox sends one mail per rep and marks the alerts sent") {
    OutboxFixture f;
    f.dead_contact("alice@our-trade.test", "a@buyer.test", kT0);
    f.dead_contact("alice@our-trade.test", "b@buyer.test", kT0);
    f.dead_contact("bob@our-trade.test", "c@buyer.test", kT0);
    auto n = f.notifier();
    CHECK(n.run_once(kT0 + 10) == 2);
    REQUIRE(f.submitted.size() == 2);
    CHECK(f.submitted[0].first == "alice@our-trade.test");
    CHECK(f.submitted[0].second.find("X-Mailkeeper-Alert: digest") != std::string::npos);
    CHECK(f.submitted[1].first == "bob@our-trade.test");
    CHECK(f.store->alerts(storage::AlertStatus::sent, 10)->size() == 3);
    CHECK(n.run_once(kT0 + 20) == 0);  // nothing sent twice
}

TEST_CASE("a failed submission is retried later with backoff, then marked failed") {
    OutboxFixture f("  max_attempts: 2\n  retry_after: 1m\n");
    f.dead_contact("alice@our-trade.test", "a@buyer.test", kT0);
    auto n = f.notifier();
    f.fail_with = "sendmail exited with status 75: queue file write error";
    CHECK(n.run_once(kT0 + 10) == 0);
    auto pending = f.store->alerts(storage::AlertStatus::pending, 10).value();
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].next_attempt_at == kT0 + 70);
    CHECK(pending[0].last_error == f.fail_with);
    CHECK(n.run_once(kT0 + 30) == 0);  // not due yet
    CHECK(n.run_once(kT0 + 70) == 0);  // second and last attempt fails
    CHECK(f.store->alerts(storage::AlertStatus::failed, 10)->size() == 1);
    f.fail_with.clear();
    CHECK(n.run_once(kT0 + 10000) == 0);
    CHECK(f.submitted.empty());
}

TEST_CASE("the per-rep rate limit holds alerts back; they go together later") {
    OutboxFixture f("  max_per_rep_per_hour: 1\n");
    auto n = f.notifier();
    f.dead_contact("alice@our-trade.test", "a@buyer.test", kT0);
    CHECK(n.run_once(kT0 + 10) == 1);
    f.dead_contact("alice@our-trade.test", "b@buyer.test", kT0 + 20);
    f.dead_contact("alice@our-trade.test", "c@buyer.test", kT0 + 30);
    CHECK(n.run_once(kT0 + 40) == 0);
    CHECK(f.store->alerts(storage::AlertStatus::pending, 10)->size() == 2);
    CHECK(n.run_once(kT0 + 3700) == 1);
    REQUIRE(f.submitted.size() == 2);
    CHECK(f.submitted[1].second.find("X-Mailkeeper-Alert: digest") != std::string::npos);
}

TEST_CASE("in digest mode alerts wait for the digest time; guard notices go at once") {
    OutboxFixture f("  mode: digest\n");
    auto n = f.notifier();
    const auto next_digest = last_digest_time(*f.config, kT0) + 86400;
    f.dead_contact("alice@our-trade.test", "a@buyer.test", next_digest - 3600);
    storage::DeathNotice notice;
    notice.address = "a@buyer.test";
    notice.since = next_digest - 3599;
    storage::BouncePolicy policy;
    policy.internal_domains = {"our-trade.test"};
    f.store->record_guard_notice("alice@our-trade.test", notice, "Re: quote", next_digest - 1800, policy);
    f.store->flush();
    CHECK(n.run_once(next_digest - 1700) == 1);
    REQUIRE(f.submitted.size() == 1);
    CHECK(f.submitted[0].second.find("X-Mailkeeper-Alert: guard") != std::string::npos);
    CHECK(n.run_once(next_digest + 60) == 1);
    CHECK(f.submitted[1].second.find("X-Mailkeeper-Alert: dead") != std::string::npos);
}

TEST_CASE("a mail that went out is not sent again when the store cannot record it") {
    OutboxFixture f;
    FlakyStore flaky(*f.store);
    auto n = f.notifier_on(flaky);
    f.dead_contact("alice@our-trade.test", "a@buyer.test", kT0);
    flaky.fail_marking = true;
    CHECK(n.run_once(kT0 + 10) == 1);
    CHECK(n.run_once(kT0 + 20) == 0);
    CHECK(n.run_once(kT0 + 30) == 0);
    CHECK(f.submitted.size() == 1);
    flaky.fail_marking = false;
    CHECK(n.run_once(kT0 + 40) == 0);  // the store takes the news now
    CHECK(f.store->alerts(storage::AlertStatus::sent, 10)->size() == 1);
}
