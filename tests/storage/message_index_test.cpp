// The message record: the index (orders, references, reply times), contact details from
// signatures, auto-replies, and the contacts they make. Records are built by hand: the store is
// tested on its own, not through the parser.
#include <doctest/doctest.h>
#include <mailkeeper/storage/store.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>

using namespace mailkeeper::storage;
namespace fs = std::filesystem;

namespace {

constexpr Timestamp kHour = 3600;
constexpr Timestamp kT0 = 1'795'000'000;

struct IndexStore {
    fs::path dir;
    std::unique_ptr<Store> store;
    IndexStore() {
        char tmpl[] = "/tmp/mk-index-XXXXXX";
        dir = mkdtemp(tmpl);
        reopen();
    }
    ~IndexStore() {
        store.reset();
        fs::remove_all(dir);
    }
    void reopen() {
        store.reset();
        SqliteOptions o;
        o.path = (dir / "mk.db").string();
        auto s = open_sqlite_store(o);
        REQUIRE_MESSAGE(s, (s ? "" : s.error().message));
        store = std::move(*s);
    }
    // Raw SQL for what the interface does not show (counts, the migration); after the queued
    // writes unless told not to wait (a test that counts the writer's transactions).
    std::int64_t scalar(const std::string& sql, bool flush = true) {
        if (flush) store->flush();
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open((dir / "mk.db").c_str(), &db) == SQLITE_OK);
        sqlite3_stmt* stmt = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
        std::int64_t v = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
        sqlite3_finalize(stmt);
        sqlite3_close(db);
        return v;
    }
    void exec(const std::string& sql) {
        store.reset();
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open((dir / "mk.db").c_str(), &db) == SQLITE_OK);
        char* err = nullptr;
        const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
        const std::string error = err ? err : "";
        sqlite3_free(err);
        sqlite3_close(db);
        REQUIRE_MESSAGE(rc == SQLITE_OK, error);
    }
    void record(const MessageRecord& m, BouncePolicy p = policy()) {
        REQUIRE(store->record_message(m, p));
        store->flush();
    }
    static BouncePolicy policy() {
        BouncePolicy p;
        p.internal_domains = {"our-trade.test"};
        return p;
    }
    Store* operator->() { return store.get(); }
};

MessageRecord mail(const std::string& id, const std::string& direction, const std::string& from,
                   std::vector<std::string> to, Timestamp date, const std::string& subject = "Quotation") {
    MessageRecord m;
    m.message_id = id;
    m.direction = direction;
    m.sender = from;
    m.recipients = std::move(to);
    m.date = date;
    m.subject = subject;
    return m;
}

// A rep's own mail, From the envelope sender.
MessageRecord outbound(const std::string& id, const std::string& rep, std::vector<std::string> to, Timestamp date,
                       std::vector<std::string> references = {}) {
    auto m = mail(id, "outbound", rep, std::move(to), date);
    m.references = std::move(references);
    m.from_person = true;
    return m;
}

// A person's mail whose From was verified (the envelope sender matched it).
MessageRecord inbound(const std::string& id, const std::string& from, Timestamp date) {
    auto m = mail(id, "inbound", from, {"alice@our-trade.test"}, date);
    m.from_person = true;
    return m;
}

// An automatic reply to the messages named in `references` (RFC 3834 §3.1.5).
MessageRecord left_reply(const std::string& id, const std::string& from, Timestamp date,
                         std::optional<std::string> replacement = std::nullopt, std::vector<std::string> references = {}) {
    auto m = inbound(id, from, date);
    m.from_person = false;
    m.subject = "Automatic reply: Quotation";
    m.tags = {"auto-reply"};
    m.references = std::move(references);
    m.autoreply = AutoReplyFact{"left", "no longer with the company", std::nullopt, std::move(replacement), "Lily Chen"};
    return m;
}

BounceEvent hard_bounce(const std::string& rcpt, const std::string& original_id, Timestamp at) {
    BounceEvent e;
    e.received_at = at;
    e.recipient = rcpt;
    e.reason = "userunknown";
    e.hard = true;
    e.status = "5.1.1";
    e.original_message_id = original_id;
    return e;
}

const FieldSighting* field(const ContactCardRecord& card, const std::string& name) {
    for (const auto& f : card.fields)
        if (f.field == name) return &f;
    return nullptr;
}

ContactCardRecord card_of(Store& s, const std::string& address) {
    auto cards = s.contact_cards();
    REQUIRE(cards);
    for (auto& c : *cards)
        if (c.contact.address == address) return c;
    FAIL("no card for " << address);
    return {};
}

Contact contact_of(Store& s, const std::string& address) {
    auto c = s.contact(address);
    REQUIRE(c);
    REQUIRE_MESSAGE(*c, "no contact " << address);
    return **c;
}

}  // namespace

TEST_CASE("a message recorded twice counts once: nothing of it happens twice") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    auto m = inbound("r1@buyer.test", "tom@buyer.test", kT0 + kHour);
    m.references = {"q1@our-trade.test"};
    m.fields = {{"name", "Tom Li", 0.9}, {"phone:mobile", "+8613812345678", 0.8}};
    m.orders = {{"PO-2026-041", "po", "subject"}};
    s.record(m);
    CHECK_FALSE(s->has_message("unknown@buyer.test").value());
    CHECK(s->has_message("<r1@buyer.test>").value());
    m.message_id = "<r1@buyer.test>";  // the same id as a header writes it
    s.record(m);
    CHECK(s.scalar("SELECT COUNT(*) FROM messages") == 2);
    CHECK(s.scalar("SELECT MAX(sightings) FROM contact_details") == 1);
    CHECK(s->order_messages("PO-2026-041")->size() == 1);
}

TEST_CASE("a weaker sighting of a detail never replaces a confident one; an equal one that is newer does") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    auto m = inbound("r1@buyer.test", "tom@buyer.test", kT0 + 1);
    m.fields = {{"name", "Tom Li", 0.9}, {"title", "Buyer", 0.6}};
    s.record(m);
    m = inbound("r2@buyer.test", "tom@buyer.test", kT0 + 2);
    m.fields = {{"name", "T. Li", 0.4}, {"title", "Purchasing Manager", 0.6}};
    s.record(m);
    auto card = card_of(*s.store, "tom@buyer.test");
    REQUIRE(field(card, "name"));
    CHECK(field(card, "name")->value == "Tom Li");
    CHECK(field(card, "title")->value == "Purchasing Manager");
    m = inbound("r3@buyer.test", "tom@buyer.test", kT0 + 3);
    m.fields = {{"name", "Tom Li", 0.95}};
    s.record(m);
    CHECK(s.scalar("SELECT sightings FROM contact_details WHERE field = 'name' AND value = 'Tom Li'") == 2);
    CHECK(field(card_of(*s.store, "tom@buyer.test"), "name")->confidence == doctest::Approx(0.95));
}

TEST_CASE("every phone number and email address seen in signatures is kept") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    auto m = inbound("r1@buyer.test", "tom@buyer.test", kT0 + 1);
    m.fields = {{"phone:mobile", "+8613812345678", 0.9}, {"email", "Tom.Li@Buyer.test", 0.7}};
    s.record(m);
    m = inbound("r2@buyer.test", "tom@buyer.test", kT0 + 2);
    m.fields = {{"phone:office", "+862161234567", 0.8}, {"phone:other", "+8613812345678", 0.3},
                {"email", "sales@buyer.test", 0.5}};
    s.record(m);
    auto card = card_of(*s.store, "tom@buyer.test");
    std::vector<std::string> phones, emails;
    for (const auto& f : card.fields) {
        if (f.field.starts_with("phone:")) phones.push_back(f.field + " " + f.value);
        if (f.field == "email") emails.push_back(f.value);
    }
    // one number seen under two kinds is listed once, with the kind it was surest of
    CHECK(phones == std::vector<std::string>{"phone:mobile +8613812345678", "phone:office +862161234567"});
    CHECK(emails == std::vector<std::string>{"tom.li@buyer.test", "sales@buyer.test"});
}

TEST_CASE("a rep's answer gives the reply time and makes the customer a contact of that rep") {
    IndexStore s;
    auto inquiry = inbound("inq1@newbuyer.test", "mary@newbuyer.test", kT0);
    inquiry.fields = {{"company", "New Buyer GmbH", 0.8}};
    s.record(inquiry);
    CHECK_FALSE(s->contact("mary@newbuyer.test").value());  // a stranger at an unknown company
    s.record(outbound("ans1@our-trade.test", "alice@our-trade.test", {"mary@newbuyer.test"}, kT0 + 2 * kHour,
                      {"inq1@newbuyer.test"}));
    s.record(outbound("ans2@our-trade.test", "bob@our-trade.test", {"mary@newbuyer.test"}, kT0 + 5 * kHour,
                      {"inq1@newbuyer.test"}));
    auto replies = s->reply_times(0).value();
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].inbound_message_id == "inq1@newbuyer.test");
    CHECK(replies[0].customer == "mary@newbuyer.test");
    CHECK(replies[0].rep == "alice@our-trade.test");
    CHECK(replies[0].received_at == kT0);
    CHECK(replies[0].replied_at == kT0 + 2 * kHour);
    auto card = card_of(*s.store, "mary@newbuyer.test");
    CHECK(card.source == "reply");
    CHECK(card.contact.first_seen == kT0);
    CHECK(card.contact.last_heard == kT0);
    REQUIRE(field(card, "company"));  // the signature kept from before it was a contact
    CHECK(field(card, "company")->value == "New Buyer GmbH");
}

TEST_CASE("an answer recorded before the message it answers still counts") {
    IndexStore s;
    s.record(outbound("ans1@our-trade.test", "alice@our-trade.test", {"mary@newbuyer.test"}, kT0 + 2 * kHour,
                      {"inq1@newbuyer.test"}));
    s.record(inbound("inq1@newbuyer.test", "mary@newbuyer.test", kT0));
    auto replies = s->reply_times(0).value();
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].rep == "alice@our-trade.test");
    CHECK(replies[0].replied_at - replies[0].received_at == 2 * kHour);
    auto card = card_of(*s.store, "mary@newbuyer.test");
    CHECK(card.source == "reply");
    CHECK(card.contact.first_seen == kT0);
}

TEST_CASE("an answer dated before the message it answers gives no reply time") {
    IndexStore s;
    s.record(inbound("inq1@newbuyer.test", "mary@newbuyer.test", kT0));
    s.record(outbound("ans1@our-trade.test", "alice@our-trade.test", {"mary@newbuyer.test"}, kT0 - kHour,
                      {"inq1@newbuyer.test"}));
    CHECK(s->reply_times(0)->empty());
}

TEST_CASE("reply times are read from a date on, oldest first") {
    IndexStore s;
    for (int i : {2, 0, 1}) {
        const std::string n = std::to_string(i);
        s.record(inbound("inq" + n + "@buyer.test", "tom@buyer.test", kT0 + i * kHour));
        s.record(outbound("ans" + n + "@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0 + i * kHour + 60,
                          {"inq" + n + "@buyer.test"}));
    }
    auto replies = s->reply_times(kT0 + kHour).value();
    REQUIRE(replies.size() == 2);
    CHECK(replies[0].inbound_message_id == "inq1@buyer.test");
    CHECK(replies[1].inbound_message_id == "inq2@buyer.test");
}

TEST_CASE("a left auto-reply from a contact we mailed makes it left, links the replacement and alerts the rep") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test", "sam@buyer.test"}, kT0));
    s.record(left_reply("ar1@buyer.test", "tom@buyer.test", kT0 + kHour, "Lily@Buyer.test", {"q1@our-trade.test"}));
    auto tom = contact_of(*s.store, "tom@buyer.test");
    CHECK(tom.state == ContactState::left);
    REQUIRE(tom.history.size() == 1);
    CHECK(tom.history[0].cause == "auto-reply");
    CHECK(tom.history[0].detail.find("no longer with the company") != std::string::npos);
    CHECK(tom.history[0].detail.find("lily@buyer.test") != std::string::npos);
    CHECK(card_of(*s.store, "tom@buyer.test").replacement == "lily@buyer.test");
    auto lily = card_of(*s.store, "lily@buyer.test");
    CHECK(lily.source == "replacement");
    CHECK(lily.contact.owner == "alice@our-trade.test");
    CHECK(lily.contact.state == ContactState::active);

    auto alerts = s->alerts(AlertStatus::pending, 10).value();
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].kind == "left");
    CHECK(alerts[0].rep == "alice@our-trade.test");
    CHECK(alerts[0].contact == "tom@buyer.test");
    auto facts = nlohmann::json::parse(alerts[0].facts);
    CHECK(facts["state"] == "left");
    CHECK(facts["evidence"] == "no longer with the company");
    CHECK(facts["replacement"] == "lily@buyer.test");
    CHECK(facts["replacement_name"] == "Lily Chen");
    CHECK(facts["replacement_other_domain"] == false);
    CHECK(facts["subject"] == "Automatic reply: Quotation");
    CHECK(facts["alternatives"] == nlohmann::json::array({"sam@buyer.test"}));
}

TEST_CASE("a left auto-reply in an import changes the contact without alerting anyone") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    auto reply = left_reply("ar1@buyer.test", "tom@buyer.test", kT0 + kHour, std::nullopt, {"q1@our-trade.test"});
    reply.alerts = false;
    s.record(reply);
    CHECK(contact_of(*s.store, "tom@buyer.test").state == ContactState::left);
    CHECK(s->alerts(std::nullopt, 10)->empty());
}

TEST_CASE("a left auto-reply from someone we never mailed changes nothing") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    // a colleague of Tom's who wrote in: a contact, but never mailed by us
    s.record(inbound("m1@buyer.test", "ann@buyer.test", kT0 + 1));
    REQUIRE(contact_of(*s.store, "ann@buyer.test").owner.empty());
    s.record(left_reply("ar1@buyer.test", "ann@buyer.test", kT0 + kHour, "eve@buyer.test"));
    s.record(left_reply("ar2@elsewhere.test", "nobody@elsewhere.test", kT0 + kHour));
    CHECK(contact_of(*s.store, "ann@buyer.test").state == ContactState::active);
    CHECK_FALSE(s->contact("eve@buyer.test").value());
    CHECK_FALSE(s->contact("nobody@elsewhere.test").value());
    CHECK(s->alerts(std::nullopt, 10)->empty());
}

TEST_CASE("mail from the person revives a contact that left; another auto-reply does not") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    s.record(left_reply("ar1@buyer.test", "tom@buyer.test", kT0 + kHour, std::nullopt, {"q1@our-trade.test"}));
    s.record(left_reply("ar2@buyer.test", "tom@buyer.test", kT0 + 2 * kHour, std::nullopt, {"q1@our-trade.test"}));
    auto tom = contact_of(*s.store, "tom@buyer.test");
    CHECK(tom.state == ContactState::left);
    CHECK(tom.history.size() == 1);
    CHECK(s->alerts(std::nullopt, 10)->size() == 1);
    s.record(inbound("m1@buyer.test", "tom@buyer.test", kT0 + 3 * kHour));
    tom = contact_of(*s.store, "tom@buyer.test");
    CHECK(tom.state == ContactState::active);
    CHECK(tom.history.back().cause == "mail-received");
}

TEST_CASE("an away auto-reply keeps the contact active with its return date, until the person writes again") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    auto away = inbound("ar1@buyer.test", "tom@buyer.test", kT0 + kHour);
    away.from_person = false;
    away.tags = {"auto-reply"};
    away.autoreply = AutoReplyFact{"away", "Auto-Submitted: auto-replied", "3 January", std::nullopt, std::nullopt};
    s.record(away);
    auto tom = contact_of(*s.store, "tom@buyer.test");
    CHECK(tom.state == ContactState::active);
    CHECK(tom.away_until == "3 January");
    CHECK(tom.away_since == kT0 + kHour);
    CHECK(tom.history.empty());
    s.record(inbound("m1@buyer.test", "tom@buyer.test", kT0 + 2 * kHour));
    CHECK_FALSE(contact_of(*s.store, "tom@buyer.test").away_until);
}

TEST_CASE("an order number is found whatever its spacing and case, its messages oldest first") {
    IndexStore s;
    auto later = outbound("pi@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0 + kHour);
    later.orders = {{"PO 2026-041", "po", "subject"}, {"po2026041", "po", "body"}};
    s.record(later);
    auto earlier = inbound("po@buyer.test", "tom@buyer.test", kT0);
    earlier.subject = "Purchase order";
    earlier.orders = {{"PO-2026/041", "po", "attachment_name"}, {"PO-2026-042", "po", "body"}};
    s.record(earlier);
    auto found = s->order_messages("po_2026.041").value();
    REQUIRE(found.size() == 2);
    CHECK(found[0].message_id == "po@buyer.test");
    CHECK(found[0].direction == "inbound");
    CHECK(found[0].sender == "tom@buyer.test");
    CHECK(found[0].recipients == std::vector<std::string>{"alice@our-trade.test"});
    CHECK(found[0].where == "attachment_name");
    CHECK(found[0].number == "PO-2026/041");
    CHECK(found[1].message_id == "pi@our-trade.test");
    CHECK((found[1].where == "subject,body" || found[1].where == "body,subject"));
    CHECK(s->order_messages("PO2026043")->empty());
    CHECK(normalise_order_number(" po 2026-041/a.b_c ") == "PO2026041ABC");
}

TEST_CASE("a number filed after its label and the same number written with it find each other") {
    IndexStore s;
    auto quote = outbound("q@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0);
    quote.orders = {{"7788123", "po", "subject"}};  // "Quotation for PO 7788123": the label before it
    s.record(quote);
    auto answer = inbound("t@buyer.test", "tom@buyer.test", kT0 + kHour);
    answer.orders = {{"PO7788123", "po", "body"}};  // written glued: filed whole
    s.record(answer);
    for (const char* query : {"PO 7788123", "po7788123", "7788123"}) {
        CAPTURE(query);
        const auto found = s->order_messages(query).value();
        REQUIRE(found.size() == 2);
        CHECK(found[0].message_id == "q@our-trade.test");
    }
    // a different label with the same digits is another document: INV-001 is not PO-001
    auto invoice = outbound("i@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0);
    invoice.orders = {{"INV-001", "invoice", "subject"}};
    s.record(invoice);
    CHECK(s->order_messages("PO-001")->empty());
    CHECK(order_number_core("PO7788123") == "7788123");
    CHECK(order_number_core("ABC12") == "ABC12");
}

TEST_CASE("outbound mail makes contacts of external recipients, owned by whoever mailed them last by date") {
    IndexStore s;
    s.record(outbound("b@our-trade.test", "bob@our-trade.test", {"tom@buyer.test", "carol@our-trade.test"}, kT0 + kHour));
    s.record(outbound("a@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    auto tom = card_of(*s.store, "tom@buyer.test");
    CHECK(tom.contact.owner == "bob@our-trade.test");
    CHECK(tom.contact.last_mailed == kT0 + kHour);
    CHECK(tom.contact.first_seen == kT0);
    CHECK(tom.source == "outbound");
    CHECK_FALSE(s->contact("carol@our-trade.test").value());
}

TEST_CASE("a contact card gives the first message exchanged, even when imported last") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0 + 10 * kHour));
    s.record(inbound("old@buyer.test", "tom@buyer.test", kT0));
    auto card = card_of(*s.store, "tom@buyer.test");
    CHECK(card.first_contact == kT0);
    CHECK(card.contact.last_heard == kT0);
    CHECK(card.contact.last_mailed == kT0 + 10 * kHour);
}

TEST_CASE("a bounce of an imported outbound message correlates by its Message-ID") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"ghost@buyer.test"}, kT0));
    BounceEvent e;
    e.received_at = kT0 + 60;
    e.recipient = "ghost@buyer.test";
    e.reason = "userunknown";
    e.hard = true;
    e.status = "5.1.1";
    e.original_message_id = "q1@our-trade.test";
    auto p = IndexStore::policy();
    p.alerts_enabled = false;
    REQUIRE(s->record_bounce(e, p));
    s->flush();
    CHECK(contact_of(*s.store, "ghost@buyer.test").state == ContactState::dead);
    CHECK(s->bounces({})->front().correlation == "message-id");
    CHECK(s->alerts(std::nullopt, 10)->empty());
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"ghost@buyer.test"}, kT0));
    CHECK(s.scalar("SELECT COUNT(*) FROM outbound") == 1);
}

TEST_CASE("a bounce older than mail received from the address changes nothing") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    s.record(inbound("m1@buyer.test", "tom@buyer.test", kT0 + 10 * kHour));
    BounceEvent e;
    e.received_at = kT0 + kHour;
    e.recipient = "tom@buyer.test";
    e.reason = "userunknown";
    e.hard = true;
    e.original_message_id = "q1@our-trade.test";
    REQUIRE(s->record_bounce(e, IndexStore::policy()));
    s->flush();
    CHECK(contact_of(*s.store, "tom@buyer.test").state == ContactState::active);
    CHECK(s->alerts(std::nullopt, 10)->empty());
}

TEST_CASE("an old message does not revive a contact that died after it was written") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    BounceEvent e;
    e.received_at = kT0 + 10 * kHour;
    e.recipient = "tom@buyer.test";
    e.reason = "userunknown";
    e.hard = true;
    e.original_message_id = "q1@our-trade.test";
    REQUIRE(s->record_bounce(e, IndexStore::policy()));
    s.record(inbound("old@buyer.test", "tom@buyer.test", kT0 + kHour));
    CHECK(contact_of(*s.store, "tom@buyer.test").state == ContactState::dead);
}

TEST_CASE("bounces and auto-replies neither make contacts nor count as mail from a person") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    auto report = inbound("dsn1@buyer.test", "mailer-daemon@buyer.test", kT0 + 1);
    report.from_person = false;
    report.tags = {"bounce"};
    s.record(report);
    CHECK_FALSE(s->contact("mailer-daemon@buyer.test").value());
    // an answer to a report is no reply time
    s.record(outbound("q2@our-trade.test", "alice@our-trade.test", {"postmaster@buyer.test"}, kT0 + 2, {"dsn1@buyer.test"}));
    CHECK(s->reply_times(0)->empty());
}

TEST_CASE("migration 3 keeps the contacts of an older database and says how each came in") {
    IndexStore s;
    OutboundMessage m;
    m.sender = "alice@our-trade.test";
    m.recipients = {"tom@buyer.test"};
    m.sent_at = kT0;
    REQUIRE(s->record_outbound(m));
    InboundMessage in;
    in.sender = "ann@buyer.test";
    in.received_at = kT0 + 1;
    REQUIRE(s->record_inbound(in));
    s->flush();
    // back to schema 2: what step 3 added goes
    s.exec("DROP TABLE messages; DROP TABLE message_recipients; DROP TABLE message_references; DROP TABLE order_sightings; "
           "DROP TABLE contact_details; DROP TABLE replies; ALTER TABLE contacts DROP COLUMN source; "
           "ALTER TABLE contacts DROP COLUMN replaced_by; ALTER TABLE contacts DROP COLUMN away_since; "
           "ALTER TABLE contacts DROP COLUMN away_until; DELETE FROM schema_version WHERE version = 3;");
    s.reopen();
    CHECK(s.scalar("SELECT MAX(version) FROM schema_version") == 3);
    CHECK(card_of(*s.store, "tom@buyer.test").source == "outbound");
    CHECK(card_of(*s.store, "ann@buyer.test").source == "inbound");
}

// ---- a forged "I have left" (BEC) ----

TEST_CASE("a left auto-reply that answers no message we sent to that address changes nothing") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    s.record(outbound("q2@our-trade.test", "alice@our-trade.test", {"sam@buyer.test"}, kT0));
    // no references; a Message-ID we never sent; one we sent, but to a colleague of Tom's
    s.record(left_reply("ar1@buyer.test", "tom@buyer.test", kT0 + kHour, "lily@buyer.test"));
    s.record(left_reply("ar2@buyer.test", "tom@buyer.test", kT0 + kHour, "lily@buyer.test", {"guessed@our-trade.test"}));
    s.record(left_reply("ar3@buyer.test", "tom@buyer.test", kT0 + kHour, "lily@buyer.test", {"q2@our-trade.test"}));
    auto tom = contact_of(*s.store, "tom@buyer.test");
    CHECK(tom.state == ContactState::active);
    CHECK(tom.history.empty());
    CHECK_FALSE(card_of(*s.store, "tom@buyer.test").replacement);
    CHECK_FALSE(s->contact("lily@buyer.test").value());
    CHECK(s->alerts(std::nullopt, 10)->empty());
}

TEST_CASE("a left auto-reply answering mail the gateway sent to that address counts") {
    IndexStore s;
    OutboundMessage m;
    m.message_id = "q1@our-trade.test";
    m.sender = "alice@our-trade.test";
    m.recipients = {"tom@buyer.test"};
    m.sent_at = kT0;
    REQUIRE(s->record_outbound(m));
    // the References of a long thread: ours is among others
    s.record(left_reply("ar1@buyer.test", "tom@buyer.test", kT0 + kHour, std::nullopt,
                        {"older@buyer.test", "q1@our-trade.test"}));
    CHECK(contact_of(*s.store, "tom@buyer.test").state == ContactState::left);
    auto alerts = s->alerts(AlertStatus::pending, 10).value();
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].rep == "alice@our-trade.test");
}

TEST_CASE("a left auto-reply naming a successor at another domain makes no contact and tells the rep so") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test", "sam@buyer.test"}, kT0));
    s.record(left_reply("ar1@buyer.test", "tom@buyer.test", kT0 + kHour, "tom.buyer@freemail.test", {"q1@our-trade.test"}));
    auto tom = contact_of(*s.store, "tom@buyer.test");
    CHECK(tom.state == ContactState::left);
    REQUIRE(tom.history.size() == 1);
    CHECK(tom.history[0].detail.find("another domain") != std::string::npos);
    CHECK(tom.history[0].detail.find("tom.buyer@freemail.test") != std::string::npos);
    CHECK_FALSE(s->contact("tom.buyer@freemail.test").value());
    CHECK_FALSE(card_of(*s.store, "tom@buyer.test").replacement);
    auto alerts = s->alerts(AlertStatus::pending, 10).value();
    REQUIRE(alerts.size() == 1);
    auto facts = nlohmann::json::parse(alerts[0].facts);
    CHECK(facts["replacement"] == "tom.buyer@freemail.test");
    CHECK(facts["replacement_other_domain"] == true);
    CHECK(facts["alternatives"] == nlohmann::json::array({"sam@buyer.test"}));
}

// ---- only a person's verified mail proves an address alive ----

TEST_CASE("mail with a forged From neither revives a contact nor makes one nor files its signature") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    REQUIRE(s->record_bounce(hard_bounce("tom@buyer.test", "q1@our-trade.test", kT0 + kHour), IndexStore::policy()));
    s->flush();
    REQUIRE(contact_of(*s.store, "tom@buyer.test").state == ContactState::dead);
    auto forged = inbound("f1@buyer.test", "tom@buyer.test", kT0 + 2 * kHour);
    forged.from_person = false;  // the envelope sender was someone else
    forged.fields = {{"phone:mobile", "+8613900000000", 0.9}};
    s.record(forged);
    auto stranger = inbound("f2@buyer.test", "ann@buyer.test", kT0 + 2 * kHour);
    stranger.from_person = false;
    s.record(stranger);
    auto tom = contact_of(*s.store, "tom@buyer.test");
    CHECK(tom.state == ContactState::dead);
    CHECK_FALSE(tom.last_heard);
    CHECK_FALSE(s->contact("ann@buyer.test").value());
    CHECK(s.scalar("SELECT COUNT(*) FROM contact_details") == 0);
    CHECK(s.scalar("SELECT from_person FROM messages WHERE message_id = 'f1@buyer.test'") == 0);
}

TEST_CASE("a person's mail recorded twice revives a contact once and counts its signature once") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    REQUIRE(s->record_bounce(hard_bounce("tom@buyer.test", "q1@our-trade.test", kT0 + kHour), IndexStore::policy()));
    auto m = inbound("m1@buyer.test", "tom@buyer.test", kT0 + 2 * kHour);
    m.fields = {{"name", "Tom Li", 0.9}};
    s.record(m);
    s.record(m);
    auto tom = contact_of(*s.store, "tom@buyer.test");
    CHECK(tom.state == ContactState::active);
    REQUIRE(tom.history.size() == 2);  // dead, then active: once
    CHECK(tom.history[1].cause == "mail-received");
    CHECK(tom.last_heard == kT0 + 2 * kHour);
    CHECK(s.scalar("SELECT sightings FROM contact_details WHERE field = 'name'") == 1);
    CHECK(s.scalar("SELECT from_person FROM messages WHERE message_id = 'm1@buyer.test'") == 1);
}

// ---- only a person's answer to a person's mail is a reply ----

TEST_CASE("a rep's out-of-office reply is no answer: no reply time, and the customer does not come in as answered") {
    IndexStore s;
    s.record(inbound("inq1@newbuyer.test", "mary@newbuyer.test", kT0));
    auto ooo = outbound("ooo1@our-trade.test", "alice@our-trade.test", {"mary@newbuyer.test"}, kT0 + 60,
                        {"inq1@newbuyer.test"});
    ooo.from_person = false;
    ooo.tags = {"auto-reply"};
    s.record(ooo);
    CHECK(s->reply_times(0)->empty());
    CHECK(card_of(*s.store, "mary@newbuyer.test").source != "reply");
    // the real answer, later, is the reply
    s.record(outbound("ans1@our-trade.test", "alice@our-trade.test", {"mary@newbuyer.test"}, kT0 + 3 * kHour,
                      {"inq1@newbuyer.test"}));
    auto replies = s->reply_times(0).value();
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].replied_at == kT0 + 3 * kHour);
}

TEST_CASE("an out-of-office reply recorded before the inquiry it answers is no answer either") {
    IndexStore s;
    auto ooo = outbound("ooo1@our-trade.test", "alice@our-trade.test", {"mary@newbuyer.test"}, kT0 + 60,
                        {"inq1@newbuyer.test"});
    ooo.from_person = false;
    s.record(ooo);
    s.record(inbound("inq1@newbuyer.test", "mary@newbuyer.test", kT0));
    CHECK(s->reply_times(0)->empty());
    CHECK(s.scalar("SELECT COUNT(*) FROM contacts WHERE source = 'reply'") == 0);
}

TEST_CASE("an answer to mail with a forged From gives no reply time") {
    IndexStore s;
    auto forged = inbound("inq1@newbuyer.test", "mary@newbuyer.test", kT0);
    forged.from_person = false;
    s.record(forged);
    s.record(outbound("ans1@our-trade.test", "alice@our-trade.test", {"mary@newbuyer.test"}, kT0 + kHour,
                      {"inq1@newbuyer.test"}));
    CHECK(s->reply_times(0)->empty());
    CHECK(card_of(*s.store, "mary@newbuyer.test").source == "outbound");
}

// ---- the contact owner ----

TEST_CASE("one outbound message recorded by record_outbound and record_message leaves one owner") {
    IndexStore s;
    OutboundMessage m;
    m.message_id = "q1@our-trade.test";
    m.sender = "alice@our-trade.test";  // the envelope sender
    m.recipients = {"tom@buyer.test"};
    m.sent_at = kT0;
    REQUIRE(s->record_outbound(m));
    // the gateway's record of the same message, its sender the envelope sender as well
    s.record(outbound("q1@our-trade.test", "Alice@Our-Trade.test", {"tom@buyer.test"}, kT0));
    auto tom = contact_of(*s.store, "tom@buyer.test");
    CHECK(tom.owner == "alice@our-trade.test");
    CHECK(tom.last_mailed == kT0);
    CHECK(s.scalar("SELECT COUNT(*) FROM outbound") == 1);
    // a record that names another sender (a shared mailbox's From) does not move the owner
    m.message_id = "q2@our-trade.test";
    m.sent_at = kT0 + kHour;
    REQUIRE(s->record_outbound(m));
    s.record(outbound("q2@our-trade.test", "sales@our-trade.test", {"tom@buyer.test"}, kT0 + kHour));
    CHECK(contact_of(*s.store, "tom@buyer.test").owner == "alice@our-trade.test");
    CHECK(s.scalar("SELECT COUNT(*) FROM outbound") == 2);
}

// ---- strangers' signature details are not kept for ever ----

TEST_CASE("signature details of a stranger go after the retention; a contact's stay") {
    IndexStore s;
    s.record(outbound("q1@our-trade.test", "alice@our-trade.test", {"tom@buyer.test"}, kT0));
    auto contact_mail = inbound("m1@buyer.test", "tom@buyer.test", kT0 + 1);
    contact_mail.fields = {{"name", "Tom Li", 0.9}};
    s.record(contact_mail);
    auto spam = inbound("s1@spam.test", "seller@spam.test", kT0 + 1);
    spam.fields = {{"name", "Best Seller", 0.9}, {"phone:mobile", "+8613700000000", 0.8}};
    s.record(spam);
    auto fresh = inbound("n1@newbuyer.test", "mary@newbuyer.test", kT0 + 2);
    fresh.fields = {{"name", "Mary Stone", 0.9}};
    s.record(fresh);
    REQUIRE(s.scalar("SELECT COUNT(*) FROM contact_details") == 4);
    // Tom's and the spammer's rows were written 31 days ago; Mary's just now
    s.exec("UPDATE contact_details SET recorded_at = recorded_at - 31 * 86400 WHERE address <> 'mary@newbuyer.test'");
    s.reopen();
    s->flush();  // the first transaction after opening purges
    CHECK(s.scalar("SELECT COUNT(*) FROM contact_details WHERE address = 'seller@spam.test'") == 0);
    CHECK(s.scalar("SELECT COUNT(*) FROM contact_details WHERE address = 'tom@buyer.test'") == 1);
    CHECK(s.scalar("SELECT COUNT(*) FROM contact_details WHERE address = 'mary@newbuyer.test'") == 1);
    // answered within the retention, Mary's card has her signature
    s.record(outbound("ans1@our-trade.test", "alice@our-trade.test", {"mary@newbuyer.test"}, kT0 + kHour,
                      {"n1@newbuyer.test"}));
    REQUIRE(field(card_of(*s.store, "mary@newbuyer.test"), "name"));
}

TEST_CASE("one transaction purges at most a thousand stale details; the rest go in the next ones") {
    IndexStore s;
    s.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500) "
           "INSERT INTO contact_details(address, field, value, confidence, first_seen, last_seen, sightings, recorded_at) "
           "SELECT 'spam' || i || '@spam.test', 'name', 'x', 0.5, 0, 0, 1, 1000 FROM n");
    s.reopen();
    s->flush();  // one transaction
    CHECK(s.scalar("SELECT COUNT(*) FROM contact_details", false) == 1500);
    s->flush();
    CHECK(s.scalar("SELECT COUNT(*) FROM contact_details", false) == 500);
    s->flush();
    CHECK(s.scalar("SELECT COUNT(*) FROM contact_details", false) == 0);
}
