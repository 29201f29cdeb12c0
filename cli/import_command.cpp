#include "import_command.h"

#include <mailkeeper/milter/record.h>
#include <mailkeeper/parser/analysis.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <deque>
#include <memory>
#include <string>
#include <unordered_set>

#include "analysis_settings.h"
#include "inputs.h"

namespace mailkeeper::cli {
namespace {

// Queued writes are flushed this often: the writer keeps up, and the queue never fills.
constexpr long kFlushEvery = 1000;
// Dates outside these bounds are a wrong clock or a forged header: the import time is used.
constexpr storage::Timestamp kEarliestDate = 631152000;  // 1990-01-01
constexpr storage::Timestamp kDateSlack = 86400;         // ahead of now

// A delivery report or an auto-reply kept for the end of the run.
struct Deferred {
    std::string where;  // for error messages
    std::string bytes;
    std::string id;
};

// One line on a terminal, rewritten in place at most ten times a second.
class ProgressLine {
public:
    ProgressLine(std::ostream& err, bool on) : err_(err), on_(on), start_(Clock::now()), last_(start_) {}
    void update(long done, bool force = false) {
        if (!on_) return;
        const auto now = Clock::now();
        if (!force && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        const double seconds = std::chrono::duration<double>(now - start_).count();
        char line[96];
        std::snprintf(line, sizeof line, "\r%ld messages, %.0f/s", done, seconds > 0 ? done / seconds : 0.0);
        err_ << line << std::flush;
    }
    void finish(long done) {
        if (!on_) return;
        update(done, true);
        err_ << '\n' << std::flush;
    }

private:
    using Clock = std::chrono::steady_clock;
    std::ostream& err_;
    bool on_;
    Clock::time_point start_, last_;
};

}  // namespace

int run_import(const ImportOptions& o, std::ostream& out, std::ostream& err) {
    auto settings = load_analysis_settings(o.db.config, o.config_given, o.internal_domains);
    if (!settings) {
        err << settings.error() << '\n';
        return 2;
    }
    DatabaseOptions db = o.db;
    if (db.database.empty() && settings->config) db.database = settings->config->database.path;
    auto opened = open_store(db, true);
    if (!opened) return err << opened.error(), 1;
    storage::Store& store = **opened;
    const parser::AnalysisOptions& analysis = settings->analysis;
    if (analysis.internal_domains.empty())
        err << "mailkeeper import: no internal domains (direction.internal_domains or --internal-domain): every message's "
               "direction is unknown, no contacts are made\n";

    storage::BouncePolicy policy;
    if (settings->config) policy.contacts = settings->config->contacts;
    policy.internal_domains = analysis.internal_domains;
    policy.alerts_enabled = false;  // old news is not sent to reps

    long read = 0, added = 0, duplicates = 0, unreadable = 0, bounces = 0, failed_recipients = 0, autoreplies = 0,
         refused = 0;
    const auto now = static_cast<storage::Timestamp>(std::time(nullptr));
    // Ids recorded by this run, as digests: a message twice in one archive is a duplicate before
    // its first copy is committed. A digest hit is confirmed against the store.
    std::unordered_set<std::uint64_t> seen;
    // Delivery reports and auto-replies wait for the end of the run, in the order read, so that the
    // sent mail they answer is on file whatever the order of the files; their bytes are kept,
    // bounded by max_deferred_bytes.
    std::deque<Deferred> deferred;
    std::unordered_set<std::string> deferred_ids;
    std::size_t deferred_bytes = 0;
    ProgressLine progress(err, o.progress && isatty(STDERR_FILENO));

    // A queued write refused (the queue full): wait for the writer once, then try again.
    const auto submit = [&](const auto& write) {
        if (write()) return true;
        store.flush();
        if (write()) return true;
        ++refused;
        return false;
    };

    // Parses, analyses and records one message; false when it answers mail (a delivery report or
    // an auto-reply) and `defer` asks to keep such messages for later.
    const auto record = [&](const std::string& where, std::string_view bytes, const std::string& id, bool defer) {
        auto message = parser::parse_message(bytes, analysis.limits);
        if (!message) {
            err << where << ": " << message.error().message << '\n';
            ++unreadable;
            return true;
        }
        const parser::Analysis a = parser::analyse_message(*message, analysis);
        // The envelope sender the archive kept: Return-Path (RFC 5321 §4.4, written by the MTA
        // that delivered it; "<>" is the null sender).
        const auto return_path = parser::find_header(message->headers, "Return-Path");
        std::string envelope_sender;
        if (return_path) {
            const auto ids = parser::message_ids(*return_path);
            if (!ids.empty()) envelope_sender = ids.front();
        }
        // As at the gateway, a bounce only when the envelope and headers say it may be a report: a
        // customer forwarding a bounce is not one. Without a Return-Path (a sent folder, an export
        // that dropped it) the From stands in, and the headers must tell.
        const std::string context_envelope = return_path ? envelope_sender : a.sender.address;
        const bool is_bounce =
            a.bounce.kind == parser::ReportKind::bounce &&
            parser::may_be_report(message->headers, context_envelope);
        if (defer && (is_bounce || a.autoreply)) return false;
        // dates outside these bounds are a wrong clock or a forged header: the import time is used
        storage::Timestamp date = parser::message_date(*message).value_or(now);
        if (date < kEarliestDate || date > now + kDateSlack) date = now;
        milter::RecordContext context;
        context.direction = std::string(parser::to_string(a.direction));
        context.date = date;
        context.sender_verified = true;  // the company's own archive
        context.envelope_sender = context_envelope;
        context.alerts = false;          // old news is not sent to reps
        const storage::MessageRecord r = milter::message_record(*message, a, bytes, context);
        if (is_bounce) {
            ++bounces;
            for (auto& e : milter::bounce_events(a.bounce, date, id, envelope_sender, "")) {
                ++failed_recipients;
                submit([&] { return store.record_bounce(e, policy); });
            }
        }
        if (a.autoreply) ++autoreplies;
        if (submit([&] { return store.record_message(r, policy); })) ++added;
        return true;
    };

    const auto record_oldest_deferred = [&] {
        Deferred d = std::move(deferred.front());
        deferred.pop_front();
        deferred_bytes -= d.bytes.size();
        deferred_ids.erase(d.id);
        record(d.where, d.bytes, d.id, false);
    };

    const bool inputs_ok = for_each_message(
        o.paths,
        [&](const InputMessage& in) {
            ++read;
            progress.update(read);
            if (read % kFlushEvery == 0) store.flush();
            const std::string where = in.path + (in.index > 1 ? " #" + std::to_string(in.index) : "");

            // The duplicate check comes before the MIME parse: a second import of an archive costs
            // a header read per message.
            const std::string id = milter::record_id(parser::parse_header_block(in.bytes), in.bytes);
            if (deferred_ids.contains(id)) {
                ++duplicates;
                return;
            }
            const bool maybe_seen = !seen.insert(std::hash<std::string>{}(id)).second;
            if (maybe_seen) store.flush();
            auto known = store.has_message(id);
            if (!known) {
                err << where << ": " << known.error().message << '\n';
                ++refused;
                return;
            }
            if (*known) {
                ++duplicates;
                return;
            }
            if (record(where, in.bytes, id, true)) return;
            deferred.push_back({where, std::string(in.bytes), id});
            deferred_ids.insert(id);
            deferred_bytes += in.bytes.size();
            // Beyond the bound the oldest go now: an archive of reports alone stays in memory bounds,
            // at the price of the order independence for those.
            while (deferred_bytes > o.max_deferred_bytes && !deferred.empty()) record_oldest_deferred();
        },
        [&](const InputError& e) {
            err << e.path << ": " << e.message << '\n';
            ++unreadable;
        });
    // Every sent message of the archive is queued by now (one writer, in order): the reports and
    // auto-replies follow it.
    while (!deferred.empty()) {
        record_oldest_deferred();
        if (deferred.size() % kFlushEvery == 0) store.flush();
    }
    store.flush();
    progress.finish(read);

    auto contacts = store.contacts(std::nullopt);
    out << "read:         " << read << " messages\n"
        << "new:          " << added << '\n'
        << "duplicates:   " << duplicates << '\n'
        << "unreadable:   " << unreadable << '\n'
        << "bounces:      " << bounces << " (" << failed_recipients << " failed recipients)\n"
        << "auto-replies: " << autoreplies << '\n'
        << "contacts:     " << (contacts ? std::to_string(contacts->size()) : "?") << " in the base\n";
    if (refused) err << "mailkeeper import: " << refused << " writes refused by the database (see the messages above)\n";
    if (!contacts) err << contacts.error().message << '\n';
    return inputs_ok && unreadable == 0 && refused == 0 && contacts ? 0 : 1;
}

}  // namespace mailkeeper::cli
