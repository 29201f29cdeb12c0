// Alerts to sales reps: templates that admins edit (etc/templates), the mail built from them, its
// submission to the local MTA, and the outbox worker that sends what the store has queued.
#pragma once

#include <atomic>
#include <condition_variable>
#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <mailkeeper/storage/store.h>

#include "mailkeeper/milter/config.h"

namespace mailkeeper::milter {

// A template file: "Subject: ..." on its first line, an empty line, then the body. {{name}}
// placeholders are filled in; an unknown name is an error when the file loads.
struct Template {
    std::string file;
    std::string subject;
    std::string body;
};

struct AlertTemplates {
    Template alert;        // one contact turned dead or suspect
    Template digest;       // several alerts in one mail
    Template digest_item;  // one alert inside a digest
    Template guard;        // the rep just mailed a dead address (guard mode notify)
    Template dlp;          // a DLP incident for the addresses a rule notifies
    Template left;         // an auto-reply says a contact has left the company
    Template left_item;    // one such contact inside a digest
};

// Reads `<dir>/{alert,digest,digest-item,guard,dlp,left,left-item}.<language>.txt`; errors name
// file:line:column.
std::expected<AlertTemplates, ConfigError> load_templates(const std::string& dir, const std::string& language);

// The reason in plain words for a rep ("the mailbox does not exist" / "邮箱地址不存在").
std::string reason_in_words(const std::string& reason, const std::string& language);

// The whole mail to one rep for one or more alerts (a digest when several).
std::string render_alert_mail(const Config& config, const AlertTemplates& templates, const std::string& rep,
                              const std::vector<storage::Alert>& alerts, storage::Timestamp now);

// Hands a message to the local MTA: `sendmail_command -f FROM` with the message on standard input,
// or SMTP to `smtp_url` (libcurl). The error text says what the MTA said.
using Submitter = std::function<std::expected<void, std::string>(const Config& config, const std::string& rep,
                                                                  const std::string& message)>;
std::expected<void, std::string> submit_to_mta(const Config& config, const std::string& rep, const std::string& message);

// The outbox worker: reads due alerts, groups them per rep, honours the digest time and the per-rep
// rate limit, submits, and records the outcome (sent, retry later, failed, skipped).
class Notifier {
public:
    using ConfigSource = std::function<std::shared_ptr<const Config>()>;
    using TemplateSource = std::function<std::shared_ptr<const AlertTemplates>()>;
    Notifier(storage::Store& store, ConfigSource config, TemplateSource templates, Submitter submit);
    ~Notifier();

    // One pass over the outbox at `now`; returns the number of mails submitted.
    int run_once(storage::Timestamp now);
    // A thread that runs a pass every poll_interval and whenever `wake` is called.
    void start();
    void stop();
    void wake();

private:
    storage::Store& store_;
    ConfigSource config_;
    TemplateSource templates_;
    Submitter submit_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    bool woken_ = false;
    std::set<std::int64_t> unrecorded_;  // alerts sent while the store could not record it
};

// The latest daily digest time (local time, from the config) at or before `now`.
storage::Timestamp last_digest_time(const Config& config, storage::Timestamp now);

}  // namespace mailkeeper::milter
