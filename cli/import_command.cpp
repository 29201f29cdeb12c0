#include "import_command.h"

#include <gmime/gmime.h>
#include <mailkeeper/milter/pipeline.h>
#include <mailkeeper/parser/analysis.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <unordered_set>

#include "analysis_settings.h"
#include "inputs.h"

namespace mailkeeper::cli {
namespace {

// Message-IDs taken from In-Reply-To and References: a long thread's References is cut here.
constexpr std::size_t kMaxReferences = 100;
// Queued writes are flushed this often: the writer keeps up, and the queue never fills.
constexpr long kFlushEvery = 1000;
// Dates outside these bounds are a wrong clock or a forged header: the import time is used.
constexpr storage::Timestamp kEarliestDate = 631152000;  // 1990-01-01
constexpr storage::Timestamp kDateSlack = 86400;         // ahead of now

struct DateTimeUnref {
    void operator()(GDateTime* d) const { g_date_time_unref(d); }
};

std::string strip_angles(std::string_view id) {
    while (!id.empty() && (id.front() == '<' || std::isspace(static_cast<unsigned char>(id.front())))) id.remove_prefix(1);
    while (!id.empty() && (id.back() == '>' || std::isspace(static_cast<unsigned char>(id.back())))) id.remove_suffix(1);
    return std::string(id);
}

// RFC 5322 §3.3 dates, and the obsolete forms real mailers still write, through GMime.
std::optional<storage::Timestamp> header_date(const parser::HeaderList& headers, storage::Timestamp now) {
    const auto value = parser::find_header(headers, "Date");
    if (!value) return std::nullopt;
    std::unique_ptr<GDateTime, DateTimeUnref> date(g_mime_utils_header_decode_date(value->c_str()));
    if (!date) return std::nullopt;
    const storage::Timestamp t = g_date_time_to_unix(date.get());
    if (t < kEarliestDate || t > now + kDateSlack) return std::nullopt;
    return t;
}

std::uint64_t fnv1a(std::string_view bytes) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::vector<storage::FieldSighting> fields_of(const parser::ContactCard& card) {
    std::vector<storage::FieldSighting> out;
    const std::pair<const char*, const std::optional<parser::Field>*> singles[] = {
        {"name", &card.name},         {"title", &card.title},   {"company", &card.company}, {"website", &card.website},
        {"linkedin", &card.linkedin}, {"whatsapp", &card.whatsapp}, {"wechat", &card.wechat}, {"skype", &card.skype},
        {"address", &card.address},   {"country", &card.country}};
    for (const auto& [name, field] : singles)
        if (*field && !(*field)->value.empty()) out.push_back({name, (*field)->value, (*field)->confidence});
    for (const auto& p : card.phones)
        if (!p.e164.empty()) out.push_back({"phone:" + (p.kind.empty() ? std::string("other") : p.kind), p.e164, p.confidence});
    for (const auto& e : card.emails)
        if (!e.value.empty()) out.push_back({"email", e.value, e.confidence});
    return out;
}

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

std::string digest_id(std::string_view bytes) {
    char out[24];
    std::snprintf(out, sizeof out, "fnv:%016llx", static_cast<unsigned long long>(fnv1a(bytes)));
    return out;
}

std::vector<std::string> referenced_ids(const std::vector<std::string>& header_values, std::size_t max) {
    std::vector<std::string> out;
    const auto add = [&](std::string id) {
        if (!id.empty() && out.size() < max && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
    };
    for (const auto& value : header_values) {
        std::string_view v = value;
        if (v.find('<') != std::string_view::npos) {
            // RFC 5322 §3.6.4: msg-id is "<" id-left "@" id-right ">"; text between them is CFWS
            for (auto open = v.find('<'); open != std::string_view::npos; open = v.find('<', open + 1)) {
                const auto close = v.find('>', open);
                if (close == std::string_view::npos) break;
                add(strip_angles(v.substr(open + 1, close - open - 1)));
                open = close;
            }
            continue;
        }
        // Mailers that drop the brackets: the words with an '@'
        std::size_t pos = 0;
        while (pos < v.size()) {
            while (pos < v.size() && std::isspace(static_cast<unsigned char>(v[pos]))) ++pos;
            auto end = pos;
            while (end < v.size() && !std::isspace(static_cast<unsigned char>(v[end]))) ++end;
            const auto word = v.substr(pos, end - pos);
            if (word.find('@') != std::string_view::npos) add(std::string(word));
            pos = end;
        }
    }
    return out;
}

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
    ProgressLine progress(err, o.progress && isatty(STDERR_FILENO));

    // A queued write refused (the queue full): wait for the writer once, then try again.
    const auto submit = [&](const auto& write) {
        if (write()) return true;
        store.flush();
        if (write()) return true;
        ++refused;
        return false;
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
            const auto headers = parser::parse_header_block(in.bytes);
            std::string id;
            if (auto h = parser::find_header(headers, "Message-ID")) id = strip_angles(*h);
            if (id.empty()) id = digest_id(in.bytes);
            const bool maybe_seen = !seen.insert(fnv1a(id)).second;
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

            auto message = parser::parse_message(in.bytes, analysis.limits);
            if (!message) {
                err << where << ": " << message.error().message << '\n';
                ++unreadable;
                return;
            }
            const parser::Analysis a = parser::analyse_message(*message, analysis);
            const storage::Timestamp date = header_date(message->headers, now).value_or(now);

            storage::MessageRecord r;
            r.message_id = id;
            r.direction = std::string(parser::to_string(a.direction));
            r.sender = a.sender.address;
            r.recipients = a.recipients;
            r.subject = parser::find_header(message->headers, "Subject").value_or("");
            r.date = date;
            std::vector<std::string> reference_values;
            for (const char* name : {"In-Reply-To", "References"})
                if (auto v = parser::find_header(message->headers, name)) reference_values.push_back(*v);
            r.references = referenced_ids(reference_values, kMaxReferences);
            r.tags = a.tags;
            const bool is_bounce = a.bounce.kind == parser::ReportKind::bounce;
            // The store tells mail from a person by these tags: they are there whatever the
            // tagger says.
            if (is_bounce) r.tags.push_back("bounce");
            if (a.autoreply) r.tags.push_back("auto-reply");
            std::sort(r.tags.begin(), r.tags.end());
            r.tags.erase(std::unique(r.tags.begin(), r.tags.end()), r.tags.end());
            for (const auto& order : a.orders) r.orders.push_back({order.number, order.kind, order.where});
            if (a.direction == parser::MessageDirection::inbound && a.contact) r.fields = fields_of(*a.contact);
            if (a.autoreply)
                r.autoreply = storage::AutoReplyFact{std::string(parser::to_string(a.autoreply->kind)), a.autoreply->evidence,
                                                     a.autoreply->until, a.autoreply->replacement,
                                                     a.autoreply->replacement_name};
            r.alerts = false;

            if (is_bounce) {
                ++bounces;
                const std::string bounce_sender = strip_angles(parser::find_header(message->headers, "Return-Path").value_or(""));
                for (auto& e : milter::bounce_events(a.bounce, date, id, bounce_sender, "")) {
                    ++failed_recipients;
                    submit([&] { return store.record_bounce(e, policy); });
                }
            }
            if (a.autoreply) ++autoreplies;
            if (submit([&] { return store.record_message(r, policy); })) ++added;
        },
        [&](const InputError& e) {
            err << e.path << ": " << e.message << '\n';
            ++unreadable;
        });
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
