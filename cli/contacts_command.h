// `mailkeeper contacts ...` and `mailkeeper alerts list`: the contact base and the alert outbox of
// the configured database.
#pragma once

#include <expected>
#include <memory>

#include <mailkeeper/storage/store.h>

#include <iosfwd>
#include <optional>
#include <string>

namespace mailkeeper::cli {

struct DatabaseOptions {
    std::string config = "/etc/mailkeeper/mailkeeper.yaml";
    std::string database;  // overrides the config's database.path
};

// The store named by --db, or by the configuration's database.path; read-only unless `write`.
std::expected<std::unique_ptr<storage::Store>, std::string> open_store(const DatabaseOptions& o, bool write);
// Who runs the command, for histories: the sudo user, else the login, else the uid.
std::string login_name();

struct ContactsListOptions {
    DatabaseOptions db;
    std::string status;  // active, suspect, dead, left; empty: all
    bool json = false;
};

struct ContactShowOptions {
    DatabaseOptions db;
    std::string address;
    bool json = false;
};

struct ContactReviveOptions {
    DatabaseOptions db;
    std::string address;
    std::string by;  // who revived it; default: the login name
};

struct AlertsListOptions {
    DatabaseOptions db;
    std::string status;  // pending, sent, failed, skipped; empty: all
    int limit = 100;
    bool json = false;
};

struct BouncesListOptions {
    DatabaseOptions db;
    std::string effect;         // kill, wound, admin, none; empty: all
    bool uncorrelated = false;  // only bounces that matched no message we sent
    std::string since;          // a duration back from now: 7d, 24h
    int limit = 100;
    bool json = false;
};

int run_bounces_list(const BouncesListOptions& options, std::ostream& out, std::ostream& err);
int run_contacts_list(const ContactsListOptions& options, std::ostream& out, std::ostream& err);
int run_contact_show(const ContactShowOptions& options, std::ostream& out, std::ostream& err);
int run_contact_revive(const ContactReviveOptions& options, std::ostream& out, std::ostream& err);
int run_alerts_list(const AlertsListOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mailkeeper::cli
