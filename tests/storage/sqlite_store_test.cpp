// The SQLite store: correlation, contact states with evidence, domains, the alert outbox.
#include <doctest/doctest.h>
#include <mailkeeper/storage/store.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>

using namespace mailkeeper::storage;
namespace fs = std::filesystem;

namespace {

constexpr Timestamp kDay = 86400;
constexpr Timestamp kT0 = 1'795'000'000;

struct TempStore {
    fs::path dir;
    std::unique_ptr<Store> store;
    TempStore() {
        char tmpl[] = "/tmp/mk-store-XXXXXX";
        dir = mkdtemp(tmpl);
        store = open(false);
    }
    ~TempStore() {
        store.reset();
        fs::remove_all(dir);
    }
    std::unique_ptr<Store> open(bool read_only) {
        SqliteOptions o;
        o.path = (dir / "mk.db").string();
        o.read_only = read_only;
        auto s = open_sqlite_store(o);
        REQUIRE_MESSAGE(s, (s ? "" : s.error().message));
        return std::move(*s);
    }
    Store& operator*() { return *store; }
    Store* operator->() { return store.get(); }
};

BouncePolicy policy() {
    BouncePolicy p;
    p.internal_domains = {"our-trade.test"};
    return p;
}

void send(Store& s, const std::string& id, const std::string& rep, std::vector<std::string> rcpts, Timestamp at,
          const std::string& subject = "Quotation") {
    OutboundMessage m;
    if (!id.empty()) m.message_id = id;
    m.sender = rep;
    m.recipients = std::move(rcpts);
    m.subject = subject;
    m.sent_at = at;
    REQUIRE(s.record_outbound(m));
}

BounceEvent bounce(const std::string& rcpt, const std::string& reason, bool hard, std::optional<std::string> id, Timestamp at,
                   const std::string& status = "5.1.1") {
    BounceEvent e;
    e.received_at = at;
    e.recipient = rcpt;
    e.reason = reason;
    e.hard = hard;
    e.status = status;
    e.diagnostic = "550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown";
    e.original_message_id = std::move(id);
    return e;
}

ContactState state(Store& s, const std::string& a) {
    auto c = s.contact(a);
    REQUIRE(c);
    REQUIRE(*c);
    return (*c)->state;
}

}  // namespace

TEST_CASE("a bounce returning a message we sent kills the contact, keeps the evidence and queues an alert") {
    TempStore s;
    send(*s, "q-1@our-trade.test", "Alice@our-trade.test", {"Ghost@Dead-Buyer.test", "lily@dead-buyer.test"}, kT0);
    s->record_bounce(bounce("ghost@dead-buyer.test", "userunknown", true, "q-1@our-trade.test", kT0 + 60), policy());
    s->flush();
    auto c = s->contact("ghost@dead-buyer.test");
    REQUIRE(c);
    REQUIRE(*c);
    CHECK((*c)->state == ContactState::dead);
    CHECK((*c)->owner == "alice@our-trade.test");
    REQUIRE((*c)->history.size() == 1);
    CHECK((*c)->history[0].cause == "bounce");
    CHECK((*c)->history[0].bounce_id.has_value());
    CHECK((*c)->history[0].detail.find("userunknown 5.1.1: 550 5.1.1") == 0);
    CHECK(state(*s, "lily@dead-buyer.test") == ContactState::active);

    auto alerts = s->due_alerts(kT0 + 61);
    REQUIRE(alerts);
    REQUIRE(alerts->size() == 1);
    const auto& a = alerts->front();
    CHECK(a.rep == "alice@our-trade.test");
    CHECK(a.contact == "ghost@dead-buyer.test");
    CHECK(a.kind == "dead");
    auto facts = nlohmann::json::parse(a.facts);
    CHECK(facts["subject"] == "Quotation");
    CHECK(facts["alternatives"] == nlohmann::json::array({"lily@dead-buyer.test"}));

    auto notice = s->death_notice("GHOST@dead-buyer.test");
    REQUIRE(notice);
    REQUIRE(*notice);
    CHECK((*notice)->since == kT0 + 60);
    CHECK((*notice)->reason == "userunknown");
    CHECK((*notice)->status == "5.1.1");
    CHECK_FALSE(*s->death_notice("lily@dead-buyer.test"));
}

TEST_CASE("a bounce naming a Message-ID we never sent is uncorrelated and changes nothing") {
    TempStore s;
    send(*s, "q-1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0);
    s->record_bounce(bounce("tom@buyer.test", "userunknown", true, "forged@elsewhere.test", kT0 + 60), policy());
    s->record_bounce(bounce("never@mailed.test", "userunknown", true, std::nullopt, kT0 + 60), policy());
    s->flush();
    CHECK(state(*s, "tom@buyer.test") == ContactState::active);
    CHECK(s->contact("tom@buyer.test")->value().history.empty());
    CHECK_FALSE(*s->contact("never@mailed.test"));
    CHECK(s->due_alerts(kT0 + kDay)->empty());
}

TEST_CASE("a bounce without the returned headers correlates by recipient within the window only") {
    TempStore s;
    send(*s, "", "alice@our-trade.test", {"old@buyer.test"}, kT0);
    send(*s, "", "bob@our-trade.test", {"new@buyer.test"}, kT0 + 20 * kDay);
    // 14 days by default: the mail to old@ is too old to explain a bounce on day 21
    s->record_bounce(bounce("old@buyer.test", "userunknown", true, std::nullopt, kT0 + 21 * kDay), policy());
    s->record_bounce(bounce("new@buyer.test", "userunknown", true, std::nullopt, kT0 + 21 * kDay), policy());
    s->flush();
    CHECK(state(*s, "old@buyer.test") == ContactState::active);
    CHECK(state(*s, "new@buyer.test") == ContactState::dead);
    auto alerts = s->due_alerts(kT0 + 22 * kDay);
    REQUIRE(alerts->size() == 1);
    CHECK(alerts->front().rep == "bob@our-trade.test");
}

TEST_CASE("a block or a spam verdict is our problem: the contact stays, no alert") {
    TempStore s;
    send(*s, "q-1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0);
    s->record_bounce(bounce("tom@buyer.test", "blocked", false, "q-1@our-trade.test", kT0 + 1, "5.7.1"), policy());
    s->record_bounce(bounce("tom@buyer.test", "spamdetected", false, "q-1@our-trade.test", kT0 + 2, "5.7.1"), policy());
    s->flush();
    CHECK(state(*s, "tom@buyer.test") == ContactState::active);
    CHECK(s->due_alerts(kT0 + kDay)->empty());
}

TEST_CASE("soft bounces: suspect first, dead after the configured count within the window") {
    TempStore s;
    auto p = policy();
    p.contacts.soft_bounces_to_dead = 3;
    for (int i = 0; i < 3; ++i) {
        const std::string id = "m" + std::to_string(i) + "@our-trade.test";
        send(*s, id, "alice@our-trade.test", {"full@buyer.test"}, kT0 + i * kDay);
        s->record_bounce(bounce("full@buyer.test", "mailboxfull", false, id, kT0 + i * kDay + 60, "4.2.2"), p);
        s->flush();
        CHECK(state(*s, "full@buyer.test") == (i < 2 ? ContactState::suspect : ContactState::dead));
    }
    auto c = s->contact("full@buyer.test");
    REQUIRE(c->value().history.size() == 2);  // active -> suspect -> dead
    auto alerts = s->alerts(std::nullopt, 10);
    REQUIRE(alerts->size() == 2);  // one when it turned suspect, one when it died
    CHECK(alerts->at(0).kind == "dead");
    CHECK(alerts->at(1).kind == "suspect");
}

TEST_CASE("soft bounces outside the window do not add up") {
    TempStore s;
    auto p = policy();
    p.contacts.soft_bounces_to_dead = 2;
    p.contacts.soft_window = 7 * kDay;
    send(*s, "a@our-trade.test", "alice@our-trade.test", {"full@buyer.test"}, kT0);
    s->record_bounce(bounce("full@buyer.test", "mailboxfull", false, "a@our-trade.test", kT0 + 60), p);
    send(*s, "b@our-trade.test", "alice@our-trade.test", {"full@buyer.test"}, kT0 + 30 * kDay);
    s->record_bounce(bounce("full@buyer.test", "mailboxfull", false, "b@our-trade.test", kT0 + 30 * kDay + 60), p);
    s->flush();
    CHECK(state(*s, "full@buyer.test") == ContactState::suspect);
}

TEST_CASE("mail received from a dead contact revives it, with the history kept") {
    TempStore s;
    send(*s, "q-1@our-trade.test", "alice@our-trade.test", {"ghost@buyer.test"}, kT0);
    s->record_bounce(bounce("ghost@buyer.test", "userunknown", true, "q-1@our-trade.test", kT0 + 60), policy());
    s->record_inbound({"Ghost@buyer.test", kT0 + kDay, std::string("reply@buyer.test")});
    s->flush();
    auto c = s->contact("ghost@buyer.test")->value();
    CHECK(c.state == ContactState::active);
    REQUIRE(c.history.size() == 2);
    CHECK(c.history[1].cause == "mail-received");
    CHECK(c.history[1].detail.find("reply@buyer.test") != std::string::npos);
    CHECK(c.last_heard == kT0 + kDay);
}

TEST_CASE("mail from a stranger at a company we know makes a contact; from an unknown company it does not") {
    TempStore s;
    send(*s, "q-1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0);
    s->record_inbound({"lily@buyer.test", kT0 + 1, std::nullopt});
    s->record_inbound({"spam@random.test", kT0 + 1, std::nullopt});
    s->flush();
    CHECK(state(*s, "lily@buyer.test") == ContactState::active);
    CHECK_FALSE(*s->contact("spam@random.test"));
}

TEST_CASE("an alert for a sender outside the internal domains is recorded as skipped, never mailed") {
    TempStore s;
    send(*s, "q-1@partner.test", "someone@partner.test", {"ghost@buyer.test"}, kT0);
    s->record_bounce(bounce("ghost@buyer.test", "userunknown", true, "q-1@partner.test", kT0 + 60), policy());
    s->flush();
    CHECK(state(*s, "ghost@buyer.test") == ContactState::dead);
    CHECK(s->due_alerts(kT0 + kDay)->empty());
    auto all = s->alerts(AlertStatus::skipped, 10);
    REQUIRE(all->size() == 1);
    CHECK(all->front().last_error.find("internal_domains") != std::string::npos);
}

TEST_CASE("hostunknown for two contacts marks the domain dead, and the guard sees every address there") {
    TempStore s;
    send(*s, "q-1@our-trade.test", "alice@our-trade.test", {"a@gone.test", "b@gone.test", "c@gone.test"}, kT0);
    s->record_bounce(bounce("a@gone.test", "hostunknown", true, "q-1@our-trade.test", kT0 + 60, "5.1.2"), policy());
    s->flush();
    CHECK_FALSE(*s->death_notice("c@gone.test"));
    s->record_bounce(bounce("b@gone.test", "hostunknown", true, "q-1@our-trade.test", kT0 + 61, "5.1.2"), policy());
    s->flush();
    auto n = s->death_notice("c@gone.test");
    REQUIRE(n);
    REQUIRE(*n);
    CHECK((*n)->by_domain);
    CHECK((*n)->reason == "hostunknown");
    CHECK(s->contact("c@gone.test")->value().domain_dead);
    // mail from the domain proves it alive
    s->record_inbound({"c@gone.test", kT0 + kDay, std::nullopt});
    s->flush();
    CHECK_FALSE(*s->death_notice("c@gone.test"));
}

TEST_CASE("revive marks a contact active again and says who did it") {
    TempStore s;
    send(*s, "q-1@our-trade.test", "alice@our-trade.test", {"ghost@buyer.test"}, kT0);
    s->record_bounce(bounce("ghost@buyer.test", "userunknown", true, "q-1@our-trade.test", kT0 + 60), policy());
    auto r = s->revive("Ghost@buyer.test", "admin", kT0 + kDay);
    REQUIRE(r);
    CHECK(*r);
    auto c = s->contact("ghost@buyer.test")->value();
    CHECK(c.state == ContactState::active);
    CHECK(c.history.back().cause == "revived");
    CHECK(c.history.back().detail == "revived by admin");
    CHECK_FALSE(*s->revive("nobody@buyer.test", "admin", kT0));
}

TEST_CASE("the outbox: sent, retried, failed, skipped, and mails counted per rep") {
    TempStore s;
    send(*s, "q-1@our-trade.test", "alice@our-trade.test", {"a@buyer.test", "b@buyer.test"}, kT0);
    s->record_bounce(bounce("a@buyer.test", "userunknown", true, "q-1@our-trade.test", kT0 + 1), policy());
    s->record_bounce(bounce("b@buyer.test", "userunknown", true, "q-1@our-trade.test", kT0 + 1), policy());
    s->flush();
    auto due = s->due_alerts(kT0 + 2).value();
    REQUIRE(due.size() == 2);
    REQUIRE(s->mark_alerts_failed({due[0].id}, "sendmail exited with status 75", kT0 + 100));
    REQUIRE(s->mark_alerts_sent({due[1].id}, kT0 + 2));
    REQUIRE(s->record_alert_mail("alice@our-trade.test", 1, kT0 + 2));
    CHECK(s->due_alerts(kT0 + 50)->empty());
    auto again = s->due_alerts(kT0 + 100).value();
    REQUIRE(again.size() == 1);
    CHECK(again[0].attempts == 1);
    CHECK(again[0].last_error == "sendmail exited with status 75");
    REQUIRE(s->mark_alerts_failed({again[0].id}, "gave up", std::nullopt));
    CHECK(s->alerts(AlertStatus::failed, 10)->size() == 1);
    CHECK(s->alerts(AlertStatus::sent, 10)->size() == 1);
    CHECK(s->alert_mails_since("Alice@our-trade.test", kT0).value() == 1);
    CHECK(s->alert_mails_since("alice@our-trade.test", kT0 + 3).value() == 0);
}

TEST_CASE("the schema is migrated once and a newer schema is refused") {
    TempStore s;
    s.store.reset();
    s.store = s.open(false);  // reopening applies nothing twice
    s.store.reset();
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((s.dir / "mk.db").c_str(), &db) == SQLITE_OK);
    sqlite3_exec(db, "INSERT INTO schema_version(version) VALUES(999)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    SqliteOptions o;
    o.path = (s.dir / "mk.db").string();
    auto r = open_sqlite_store(o);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("newer than this mailkeeper knows") != std::string::npos);
}

TEST_CASE("a store that cannot write drops writes with false instead of throwing") {
    TempStore s;
    auto ro = s.open(true);
    OutboundMessage m;
    m.sender = "alice@our-trade.test";
    m.recipients = {"tom@buyer.test"};
    CHECK_FALSE(ro->record_outbound(m));
    CHECK(ro->contacts(std::nullopt)->empty());
    SqliteOptions missing;
    missing.path = (s.dir / "no-such-dir" / "mk.db").string();
    auto r = open_sqlite_store(missing);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("no-such-dir") != std::string::npos);
}

TEST_CASE("a full write queue refuses new writes instead of blocking the caller") {
    TempStore s;
    SqliteOptions o;
    o.path = (s.dir / "small.db").string();
    o.max_queue = 1;
    auto small = open_sqlite_store(o).value();
    // Another process holds the database: the writer waits on its lock and the queue fills.
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(o.path.c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
    OutboundMessage m;
    m.sender = "alice@our-trade.test";
    m.recipients = {"tom@buyer.test"};
    int refused = 0;
    for (int i = 0; i < 3; ++i) refused += small->record_outbound(m) ? 0 : 1;
    CHECK(refused >= 1);
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    small->flush();
    CHECK(small->contacts(std::nullopt)->size() == 1);
}

TEST_CASE("soft bounces from before a revival do not count") {
    TempStore s;
    auto p = policy();
    p.contacts.soft_bounces_to_dead = 3;
    for (int i = 0; i < 2; ++i) {
        const std::string id = "m" + std::to_string(i) + "@our-trade.test";
        send(*s, id, "alice@our-trade.test", {"full@buyer.test"}, kT0 + i * 60);
        s->record_bounce(bounce("full@buyer.test", "mailboxfull", false, id, kT0 + i * 60 + 1, "4.2.2"), p);
    }
    s->record_inbound({"full@buyer.test", kT0 + 3600, std::nullopt});  // they wrote back: alive
    send(*s, "m2@our-trade.test", "alice@our-trade.test", {"full@buyer.test"}, kT0 + 7200);
    s->record_bounce(bounce("full@buyer.test", "mailboxfull", false, "m2@our-trade.test", kT0 + 7201, "4.2.2"), p);
    s->flush();
    CHECK(state(*s, "full@buyer.test") == ContactState::suspect);
}

TEST_CASE("a message that had no Message-ID when it passed still explains its bounce by the window") {
    TempStore s;
    send(*s, "", "alice@our-trade.test", {"ghost@buyer.test"}, kT0);  // the MTA added the id after us
    s->record_bounce(bounce("ghost@buyer.test", "userunknown", true, "added-by-mta@gw.our-trade.test", kT0 + 60), policy());
    s->flush();
    CHECK(state(*s, "ghost@buyer.test") == ContactState::dead);
    auto b = s->bounces({}).value();
    REQUIRE(b.size() == 1);
    CHECK(b[0].correlation == "recipient-window");
}

TEST_CASE("the admin report lists the bounces that blame our sending, and the uncorrelated ones") {
    TempStore s;
    send(*s, "q-1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0);
    s->record_bounce(bounce("tom@buyer.test", "blocked", false, "q-1@our-trade.test", kT0 + 1, "5.7.1"), policy());
    s->record_bounce(bounce("tom@buyer.test", "userunknown", true, "forged@x.test", kT0 + 2), policy());
    s->flush();
    BounceQuery admin;
    admin.effect = "admin";
    auto a = s->bounces(admin).value();
    REQUIRE(a.size() == 1);
    CHECK(a[0].event.reason == "blocked");
    CHECK(a[0].rep == "alice@our-trade.test");
    CHECK(a[0].contact == "tom@buyer.test");
    BounceQuery uncorrelated;
    uncorrelated.uncorrelated_only = true;
    auto u = s->bounces(uncorrelated).value();
    REQUIRE(u.size() == 1);
    CHECK(u[0].event.original_message_id == "forged@x.test");
    CHECK(u[0].correlation == "none");
    CHECK_FALSE(u[0].rep);
}

TEST_CASE("a guard notice for a sender outside the internal domains is skipped") {
    TempStore s;
    DeathNotice n;
    n.address = "ghost@buyer.test";
    s->record_guard_notice("someone@partner.test", n, "hi", kT0, policy());
    s->flush();
    CHECK(s->alerts(AlertStatus::skipped, 10)->size() == 1);
}

TEST_CASE("a DLP incident is kept with its matches and alerts only the internal notify addresses") {
    TempStore s;
    Incident i;
    i.at = kT0;
    i.queue_id = "4Q1";
    i.message_id = "<m1@our-trade.test>";
    i.direction = "outbound";
    i.sender = "rep@our-trade.test";
    i.recipients = {"buyer@customer.test"};
    i.subject = "Order";
    i.action = "quarantine";
    i.matches.push_back({"hold-contract", "contract totals", "high", "quarantine", false, "body", "[合同总价] USD ***", 1});
    i.notify = {{"compliance@our-trade.test", "hold-contract"}, {"auditor@elsewhere.test", "hold-contract"}};
    REQUIRE(s->record_incident(i, {"our-trade.test"}));
    s->flush();
    auto found = s->incidents("4Q1", 10);
    REQUIRE(found);
    REQUIRE(found->size() == 1);
    const Incident& back = found->front().incident;
    CHECK(back.action == "quarantine");
    CHECK(back.recipients == std::vector<std::string>{"buyer@customer.test"});
    REQUIRE(back.matches.size() == 1);
    CHECK(back.matches[0].excerpt == "[合同总价] USD ***");
    CHECK(s->incidents("other", 10)->empty());
    auto due = s->due_alerts(kT0);
    REQUIRE(due->size() == 1);
    CHECK(due->front().kind == "dlp");
    CHECK(due->front().rep == "compliance@our-trade.test");
    CHECK(s->alerts(AlertStatus::skipped, 10)->size() == 1);
}

TEST_CASE("release and delete decisions on held mail are recorded with who made them") {
    TempStore s;
    REQUIRE(s->record_quarantine_decision({"4Q1", "release", "alice", kT0}));
    auto d = s->quarantine_decisions("4Q1");
    REQUIRE(d);
    REQUIRE(d->size() == 1);
    CHECK(d->front().by == "alice");
    CHECK(d->front().decision == "release");
}
