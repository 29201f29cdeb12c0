#include "contacts_command.h"

#include <mailkeeper/milter/config.h>
#include <mailkeeper/milter/pipeline.h>
#include <mailkeeper/storage/store.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>

#include "json_lines.h"

namespace mailkeeper::cli {

std::expected<std::unique_ptr<storage::Store>, std::string> open_store(const DatabaseOptions& o, bool write) {
    storage::SqliteOptions s;
    s.path = o.database;
    if (s.path.empty()) {
        auto config = milter::load_config(o.config);
        if (!config) return std::unexpected(config.error().text());
        s.path = (*config)->database.path;
    }
    s.read_only = !write;
    s.busy_timeout_ms = 5000;  // a person waits; the milter's writer holds the lock for milliseconds
    auto store = storage::open_sqlite_store(s);
    if (!store) return std::unexpected(store.error().message + "\n");
    return std::move(*store);
}

std::string login_name() {
    // sudo keeps the person's name; the history should say who, not "root"
    if (const char* sudo = std::getenv("SUDO_USER"); sudo && *sudo) return sudo;
    const char* login = getlogin();
    return login ? login : ("uid " + std::to_string(getuid()));
}

namespace {

using json = nlohmann::json;

std::string when(std::optional<storage::Timestamp> t) {
    return !t || *t == 0 ? "-" : milter::format_local_time(*t);
}

json optional_time(std::optional<storage::Timestamp> t) { return t ? json(*t) : json(nullptr); }

json contact_json(const storage::Contact& c) {
    json j{{"address", c.address},
           {"domain", c.domain},
           {"state", std::string(storage::to_string(c.state))},
           {"state_since", c.state_since},
           {"first_seen", c.first_seen},
           {"last_mailed", optional_time(c.last_mailed)},
           {"last_heard", optional_time(c.last_heard)},
           {"owner", c.owner.empty() ? json(nullptr) : json(c.owner)},
           {"domain_dead", c.domain_dead}};
    return j;
}


}  // namespace

int run_contacts_list(const ContactsListOptions& o, std::ostream& out, std::ostream& err) {
    std::optional<storage::ContactState> state;
    if (!o.status.empty()) {
        state = storage::contact_state_from_string(o.status);
        if (!state) {
            err << "mailkeeper contacts list: --status must be active, suspect, dead or left, not '" << o.status << "'\n";
            return 2;
        }
    }
    auto store = open_store(o.db, false);
    if (!store) return err << store.error(), 1;
    auto list = (*store)->contacts(state);
    if (!list) return err << list.error().message << '\n', 1;
    if (!o.json)
        out << std::left << std::setw(36) << "ADDRESS" << ' ' << std::setw(8) << "STATE" << ' ' << std::setw(17) << "SINCE"
            << ' ' << std::setw(17) << "LAST MAILED" << ' ' << std::setw(17) << "LAST HEARD" << " OWNER\n";
    for (const auto& c : *list) {
        if (o.json) {
            out << dump_json(contact_json(c)) << '\n';
            continue;
        }
        out << std::left << std::setw(36) << c.address << ' ' << std::setw(8)
            << (std::string(storage::to_string(c.state)) + (c.domain_dead ? "*" : "")) << ' ' << std::setw(17)
            << when(c.state_since) << ' ' << std::setw(17) << when(c.last_mailed) << ' ' << std::setw(17)
            << when(c.last_heard) << ' ' << (c.owner.empty() ? "-" : c.owner) << '\n';
    }
    if (!o.json && std::any_of(list->begin(), list->end(), [](const auto& c) { return c.domain_dead; }))
        out << "* the contact's whole domain is marked dead\n";
    return 0;
}

int run_contact_show(const ContactShowOptions& o, std::ostream& out, std::ostream& err) {
    auto store = open_store(o.db, false);
    if (!store) return err << store.error(), 1;
    auto c = (*store)->contact(o.address);
    if (!c) return err << c.error().message << '\n', 1;
    if (!*c) return err << "mailkeeper contacts show: no contact " << o.address << '\n', 1;
    const auto& contact = **c;
    if (o.json) {
        json j = contact_json(contact);
        json history = json::array();
        for (const auto& h : contact.history)
            history.push_back({{"at", h.at},
                               {"from", std::string(storage::to_string(h.from))},
                               {"to", std::string(storage::to_string(h.to))},
                               {"cause", h.cause},
                               {"bounce_id", h.bounce_id ? json(*h.bounce_id) : json(nullptr)},
                               {"detail", h.detail}});
        j["history"] = history;
        out << dump_json(j) << '\n';
        return 0;
    }
    out << contact.address << "\n"
        << "  state:        " << storage::to_string(contact.state) << " since " << when(contact.state_since)
        << (contact.domain_dead ? " (the whole domain is marked dead)" : "") << "\n"
        << "  first seen:   " << when(contact.first_seen) << "\n"
        << "  last mailed:  " << when(contact.last_mailed) << (contact.owner.empty() ? "" : " by " + contact.owner) << "\n"
        << "  last heard:   " << when(contact.last_heard) << "\n"
        << "  history:" << (contact.history.empty() ? " none" : "") << "\n";
    for (const auto& h : contact.history)
        out << "    " << when(h.at) << "  " << storage::to_string(h.from) << " -> " << storage::to_string(h.to) << "  ("
            << h.cause << (h.bounce_id ? " #" + std::to_string(*h.bounce_id) : "") << ") " << h.detail << '\n';
    return 0;
}

int run_contact_revive(const ContactReviveOptions& o, std::ostream& out, std::ostream& err) {
    auto store = open_store(o.db, true);
    if (!store) return err << store.error(), 1;
    const std::string by = o.by.empty() ? login_name() : o.by;
    auto r = (*store)->revive(o.address, by, static_cast<storage::Timestamp>(std::time(nullptr)));
    if (!r) return err << r.error().message << '\n', 1;
    if (!*r) return err << "mailkeeper contacts revive: no contact " << o.address << '\n', 1;
    out << o.address << ": active\n";
    return 0;
}

int run_bounces_list(const BouncesListOptions& o, std::ostream& out, std::ostream& err) {
    storage::BounceQuery q;
    if (!o.effect.empty()) {
        if (o.effect != "kill" && o.effect != "wound" && o.effect != "admin" && o.effect != "none") {
            err << "mailkeeper bounces list: --effect must be kill, wound, admin or none, not '" << o.effect << "'\n";
            return 2;
        }
        q.effect = o.effect;
    }
    if (!o.since.empty()) {
        auto d = milter::parse_duration(o.since);
        if (!d) return err << "mailkeeper bounces list: --since " << d.error() << '\n', 2;
        q.since = static_cast<storage::Timestamp>(std::time(nullptr)) - *d;
    }
    q.uncorrelated_only = o.uncorrelated;
    q.limit = o.limit;
    auto store = open_store(o.db, false);
    if (!store) return err << store.error(), 1;
    auto list = (*store)->bounces(q);
    if (!list) return err << list.error().message << '\n', 1;
    if (!o.json)
        out << std::left << std::setw(17) << "RECEIVED" << ' ' << std::setw(34) << "RECIPIENT" << ' ' << std::setw(15) << "REASON"
            << ' ' << std::setw(7) << "STATUS" << ' ' << std::setw(6) << "EFFECT" << ' ' << std::setw(16) << "CORRELATION"
            << " REP / DIAGNOSTIC\n";
    for (const auto& b : *list) {
        const auto& e = b.event;
        if (o.json) {
            out << dump_json(json{{"id", b.id},
                             {"received_at", e.received_at},
                             {"recipient", e.recipient},
                             {"reason", e.reason},
                             {"hard", e.hard},
                             {"status", e.status},
                             {"reply_code", e.reply_code},
                             {"diagnostic", e.diagnostic},
                             {"remote_mta", e.remote_mta},
                             {"format", e.format},
                             {"original_message_id", e.original_message_id ? json(*e.original_message_id) : json(nullptr)},
                             {"original_subject", e.original_subject ? json(*e.original_subject) : json(nullptr)},
                             {"contact", b.contact ? json(*b.contact) : json(nullptr)},
                             {"rep", b.rep ? json(*b.rep) : json(nullptr)},
                             {"correlation", b.correlation},
                             {"effect", b.effect}})
                << '\n';
            continue;
        }
        out << std::left << std::setw(17) << when(e.received_at) << ' ' << std::setw(34) << e.recipient << ' ' << std::setw(15)
            << e.reason << ' ' << std::setw(7) << (e.status.empty() ? "-" : e.status) << ' ' << std::setw(6) << b.effect << ' '
            << std::setw(16) << b.correlation << ' ' << b.rep.value_or("-") << ": " << e.diagnostic.substr(0, 100) << '\n';
    }
    return 0;
}

int run_alerts_list(const AlertsListOptions& o, std::ostream& out, std::ostream& err) {
    std::optional<storage::AlertStatus> status;
    if (!o.status.empty()) {
        for (auto s : {storage::AlertStatus::pending, storage::AlertStatus::sent, storage::AlertStatus::failed,
                       storage::AlertStatus::skipped})
            if (storage::to_string(s) == o.status) status = s;
        if (!status) {
            err << "mailkeeper alerts list: --status must be pending, sent, failed or skipped, not '" << o.status << "'\n";
            return 2;
        }
    }
    auto store = open_store(o.db, false);
    if (!store) return err << store.error(), 1;
    auto list = (*store)->alerts(status, o.limit);
    if (!list) return err << list.error().message << '\n', 1;
    if (!o.json)
        out << std::left << std::setw(6) << "ID" << ' ' << std::setw(17) << "CREATED" << ' ' << std::setw(8) << "KIND" << ' '
            << std::setw(8) << "STATUS" << ' ' << std::setw(30) << "REP" << " CONTACT\n";
    for (const auto& a : *list) {
        if (o.json) {
            json facts = json::parse(a.facts, nullptr, false);
            out << dump_json(json{{"id", a.id},
                             {"created_at", a.created_at},
                             {"rep", a.rep},
                             {"contact", a.contact},
                             {"kind", a.kind},
                             {"status", std::string(storage::to_string(a.status))},
                             {"attempts", a.attempts},
                             {"sent_at", optional_time(a.sent_at)},
                             {"last_error", a.last_error.empty() ? json(nullptr) : json(a.last_error)},
                             {"facts", facts.is_discarded() ? json(nullptr) : facts}})
                << '\n';
            continue;
        }
        out << std::left << std::setw(6) << a.id << ' ' << std::setw(17) << when(a.created_at) << ' ' << std::setw(8) << a.kind
            << ' ' << std::setw(8) << storage::to_string(a.status) << ' ' << std::setw(30) << a.rep << ' ' << a.contact
            << (a.last_error.empty() ? "" : "  (" + a.last_error + ")") << '\n';
    }
    return 0;
}

}  // namespace mailkeeper::cli
