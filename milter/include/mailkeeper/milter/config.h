// The gateway's settings, read from one YAML file (etc/mailkeeper.yaml documents every key).
// Immutable once loaded: each SMTP connection takes the current `shared_ptr<const Config>` at
// connect, and a reload (SIGHUP) builds a new one aside and swaps it in; a file that fails to load
// keeps the old one running.
#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <vector>

#include <mailkeeper/parser/attachment.h>
#include <mailkeeper/parser/orders.h>
#include <mailkeeper/storage/contact_policy.h>

namespace mailkeeper::milter {

// An IPv4 or IPv6 network in CIDR notation ("10.0.0.0/8", "2001:db8::/32", "127.0.0.1").
struct Network {
    std::string text;
    int family = 0;  // AF_INET or AF_INET6
    std::array<unsigned char, 16> bytes{};
    int prefix = 0;
    // `address` as libmilter's {client_addr} gives it: "192.0.2.1", "2001:db8::1" or "IPv6:2001:db8::1".
    bool contains(const std::string& address) const;
};
std::expected<Network, std::string> parse_network(const std::string& text);

enum class OnError { accept, tempfail };
enum class GuardMode { off, header, notify, reject };
enum class AlertMode { immediate, digest };
enum class AlertSubmit { sendmail, smtp };
std::string_view to_string(GuardMode mode);

struct Config {
    std::string path;  // the file it was read from

    struct Milter {
        std::string socket = "unix:/run/mailkeeper/milter.sock";
        std::string socket_mode = "0660";  // octal permissions of a unix socket
        std::string socket_group;          // group that owns a unix socket (the MTA's)
        std::string user;                  // drop to this user after opening the socket
        std::string pid_file;
        int timeout_seconds = 300;         // I/O timeout towards the MTA
        OnError on_error = OnError::accept;
        std::size_t max_message_bytes = 10 * 1024 * 1024;  // buffered per message; the rest flows unread
    } milter;

    struct Log {
        std::string level = "info";
        std::string target = "stderr";  // stderr (journald under systemd) or syslog
    } log;

    struct Direction {
        std::vector<std::string> internal_domains;
        std::vector<Network> internal_networks;
        std::vector<Network> trusted_networks;
    } direction;

    struct Database {
        std::string path = "/var/lib/mailkeeper/mailkeeper.db";
        int busy_timeout_ms = 200;
        std::size_t max_queue = 10000;
        std::size_t max_batch = 500;
    } database;

    storage::ContactPolicy contacts;

    struct Alerts {
        bool enabled = true;
        std::string language = "zh";  // zh or en
        AlertMode mode = AlertMode::immediate;
        int digest_hour = 9, digest_minute = 0;  // local time of the daily digest
        std::string from;                        // sender of alerts; defaults to mailkeeper@<first internal domain>
        std::string from_name = "mailkeeper";
        AlertSubmit submit = AlertSubmit::sendmail;
        std::vector<std::string> sendmail_command{"/usr/sbin/sendmail", "-t", "-i"};
        std::string smtp_url = "smtp://127.0.0.1:25";
        std::string templates_dir = "/etc/mailkeeper/templates";
        int max_per_rep_per_hour = 10;
        int max_attempts = 8;
        storage::Timestamp retry_after = 60;  // first retry; doubles each attempt, at most an hour
        storage::Timestamp poll_interval = 5;
    } alerts;

    struct Guard {
        GuardMode mode = GuardMode::header;
    } guard;

    struct Dlp {
        bool enabled = true;
        std::string rules_dir = "/etc/mailkeeper/rules.d";
        bool monitor = false;                 // the whole rule set only logs what it would do
        int watch_interval_seconds = 2;       // how often the rules directory is checked for changes
        int scan_time_limit_ms = 10000;       // attachment extraction per message; the rest is unscannable
        std::string default_region = "CN";    // phone numbers written without a country code
        std::string postfix_config_dir = "/etc/postfix";  // whose hold queue `mailkeeper quarantine` reads
        parser::ExtractLimits attachments;  // archive depth, expanded bytes, text, entries, PDF pages
    } dlp;

    // Order numbers: the built-in patterns plus orders.patterns, compiled once at load.
    std::shared_ptr<const parser::OrderFinder> orders;
};

struct ConfigError {
    std::vector<std::string> messages;  // each "FILE:LINE:COLUMN: what is wrong"
    std::string text() const;
};

// Reads and checks the whole file; every problem is reported, not only the first.
std::expected<std::shared_ptr<const Config>, ConfigError> load_config(const std::string& path);
std::expected<std::shared_ptr<const Config>, ConfigError> parse_config(const std::string& yaml, const std::string& name);

// "30s", "15m", "2h", "14d" -> seconds; "250ms" -> milliseconds when `millis`.
std::expected<std::int64_t, std::string> parse_duration(const std::string& text, bool millis = false);
// "512", "64K", "10M", "1G" (KiB, MiB, GiB) -> bytes.
std::expected<std::size_t, std::string> parse_size(const std::string& text);

}  // namespace mailkeeper::milter
