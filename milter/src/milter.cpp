#include "mailkeeper/milter/milter.h"

#include <arpa/inet.h>
#include <libmilter/mfapi.h>
#include <netinet/in.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <thread>

#include "mailkeeper/milter/dlp.h"
#include "mailkeeper/milter/pipeline.h"

namespace mailkeeper::milter {
namespace {

Runtime* g_runtime = nullptr;
// Sessions between connect and close: a stop waits for them before the store goes away.
std::atomic<int> g_sessions{0};

// One SMTP connection. Owned by libmilter's context through smfi_setpriv, freed in close.
struct Session {
    std::shared_ptr<const Config> config;  // taken at connect: a reload never changes a session midway
    std::shared_ptr<const rules::RuleSet> rules;  // likewise
    std::string client_addr;

    // What the MTA agreed at negotiation: the stages it does not wait for an answer to.
    unsigned long no_reply_steps = 0;
    // An answer a no-reply stage could not give (an error in connect or a header): given at the
    // next stage the MTA waits for.
    std::optional<sfsistat> deferred;

    // per message, reset at MAIL FROM and on abort
    MessageFacts facts;
    bool message_started = false;
    std::vector<std::string> guard_headers;
    std::vector<storage::DeathNotice> guard_notices;
    std::size_t body_bytes = 0;  // all of it, buffered or not

    void reset_message() {
        facts = MessageFacts{};
        facts.envelope.client_addr = client_addr;
        message_started = false;
        guard_headers.clear();
        guard_notices.clear();
        body_bytes = 0;
    }
};

Session* session_of(SMFICTX* ctx) { return static_cast<Session*>(smfi_getpriv(ctx)); }

std::string macro(SMFICTX* ctx, const char* name) {
    const char* v = smfi_getsymval(ctx, const_cast<char*>(name));
    return v ? v : "";
}

std::string strip_brackets(const char* arg) {
    std::string s = arg ? arg : "";
    if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = s.substr(1, s.size() - 2);
    return s;
}

storage::Timestamp now() { return static_cast<storage::Timestamp>(std::time(nullptr)); }

// Every internal failure ends here: the configured on_error, never a lost or bounced message
// by mistake (milter.on_error: accept by default, or tempfail so the client retries).
sfsistat on_error(SMFICTX* ctx, const char* stage, const char* what) {
    const Session* s = ctx ? session_of(ctx) : nullptr;
    const auto config = s && s->config ? s->config : g_runtime->config.load();
    const bool tempfail = config && config->milter.on_error == OnError::tempfail;
    spdlog::error("milter {}: {} queue_id={} -> {}", stage, what, s ? s->facts.envelope.queue_id : "",
                  tempfail ? "tempfail" : "accept");
    if (tempfail) {
        smfi_setreply(ctx, const_cast<char*>("451"), const_cast<char*>("4.3.0"),
                      const_cast<char*>("mailkeeper: temporary error, try again later"));
        return SMFIS_TEMPFAIL;
    }
    return SMFIS_ACCEPT;
}

template <typename F>
sfsistat guarded(SMFICTX* ctx, const char* stage, F&& body) {
    try {
        return body();
    } catch (const std::exception& e) {
        return on_error(ctx, stage, e.what());
    } catch (...) {
        return on_error(ctx, stage, "unknown exception");
    }
}

// The answer of a stage the MTA may have agreed not to wait for (SMFIP_NR_*): libmilter must then
// get SMFIS_NOREPLY, and anything else is kept for the next stage that answers.
sfsistat answer(Session* s, unsigned long no_reply_flag, sfsistat status) {
    if (!s || !(s->no_reply_steps & no_reply_flag)) return status;
    if (status != SMFIS_CONTINUE && !s->deferred) s->deferred = status;
    return SMFIS_NOREPLY;
}

// A deferred answer, given once at the first stage that answers.
std::optional<sfsistat> take_deferred(Session* s) {
    if (!s || !s->deferred) return std::nullopt;
    auto status = s->deferred;
    s->deferred.reset();
    return status;
}

Session* session_for(SMFICTX* ctx) {
    Session* s = session_of(ctx);
    if (!s) {
        s = new Session;
        smfi_setpriv(ctx, s);
        ++g_sessions;
    }
    return s;
}

std::string address_text(const sockaddr* addr) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (!addr) return {};
    if (addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(addr)->sin_addr, buf, sizeof buf);
    else if (addr->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr, buf, sizeof buf);
    return buf;
}

// Asks the MTA to skip the stages mailkeeper does not use and not to wait for answers to those it
// only listens to: each answer is a round trip, and round trips are most of a milter's cost.
sfsistat on_negotiate(SMFICTX* ctx, unsigned long actions, unsigned long steps, unsigned long, unsigned long,
                      unsigned long* want_actions, unsigned long* want_steps, unsigned long* unused2,
                      unsigned long* unused3) {
    constexpr unsigned long kActions = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_QUARANTINE;
    constexpr unsigned long kSkip = SMFIP_NOHELO | SMFIP_NODATA | SMFIP_NOUNKNOWN;
    constexpr unsigned long kNoReply = SMFIP_NR_CONN | SMFIP_NR_HDR | SMFIP_NR_EOH | SMFIP_NR_BODY;
    *want_actions = actions & kActions;
    *want_steps = steps & (kSkip | kNoReply);
    *unused2 = *unused3 = 0;
    session_for(ctx)->no_reply_steps = *want_steps & kNoReply;
    return SMFIS_CONTINUE;
}

sfsistat on_connect(SMFICTX* ctx, char*, _SOCK_ADDR* hostaddr) {
    Session* s = session_for(ctx);
    return answer(s, SMFIP_NR_CONN, guarded(ctx, "connect", [&] {
                      s->config = g_runtime->config.load();
                      s->rules = g_runtime->rules.load();
                      s->client_addr = macro(ctx, "{client_addr}");
                      if (s->client_addr.empty()) s->client_addr = address_text(hostaddr);
                      s->reset_message();
                      return SMFIS_CONTINUE;
                  }));
}

sfsistat on_helo(SMFICTX*, char*) { return SMFIS_CONTINUE; }

sfsistat on_envfrom(SMFICTX* ctx, char** argv) {
    return guarded(ctx, "mail", [&] {
        Session* s = session_of(ctx);
        if (!s || !s->config) return SMFIS_ACCEPT;
        if (auto deferred = take_deferred(s)) return *deferred;
        s->reset_message();
        s->message_started = true;
        s->facts.envelope.mail_from = strip_brackets(argv ? argv[0] : nullptr);
        s->facts.envelope.auth_authen = macro(ctx, "{auth_authen}");
        return SMFIS_CONTINUE;
    });
}

sfsistat on_envrcpt(SMFICTX* ctx, char** argv) {
    return guarded(ctx, "rcpt", [&] {
        Session* s = session_of(ctx);
        if (!s || !s->config) return SMFIS_ACCEPT;
        if (auto deferred = take_deferred(s)) return *deferred;
        const std::string rcpt = strip_brackets(argv ? argv[0] : nullptr);
        const Config& config = *s->config;
        if (config.guard.mode != GuardMode::off && !s->facts.envelope.mail_from.empty() &&
            !storage::in_domains(rcpt, config.direction.internal_domains) &&
            direction_of(config, s->facts.envelope) == Direction::outbound) {
            auto notice = g_runtime->store->death_notice(rcpt);
            if (!notice) {
                // the database is locked or gone: on_error decides (accept: the recipient goes unchecked)
                if (s->config->milter.on_error == OnError::tempfail)
                    return on_error(ctx, "rcpt", ("guard lookup failed: " + notice.error().message).c_str());
                spdlog::error("guard: cannot look up {}: {}; recipient accepted unchecked", rcpt, notice.error().message);
            } else if (*notice) {
                const auto action = guard_action(config.guard.mode, **notice);
                if (action.reject) {
                    spdlog::info("guard: rejected rcpt={} from={} dead_since={}", rcpt, s->facts.envelope.mail_from,
                                 format_date((*notice)->since));
                    smfi_setreply(ctx, const_cast<char*>("550"), const_cast<char*>("5.1.1"),
                                  const_cast<char*>(action.reply_text.c_str()));
                    return SMFIS_REJECT;
                }
                if (!action.header_value.empty()) s->guard_headers.push_back(action.header_value);
                if (action.notify) s->guard_notices.push_back(**notice);
            }
        }
        s->facts.envelope.recipients.push_back(rcpt);
        return SMFIS_CONTINUE;
    });
}

sfsistat on_data(SMFICTX*) { return SMFIS_CONTINUE; }
sfsistat on_unknown(SMFICTX*, const char*) { return SMFIS_CONTINUE; }

sfsistat on_header(SMFICTX* ctx, char* name, char* value) {
    Session* s = session_of(ctx);
    return answer(s, SMFIP_NR_HDR, guarded(ctx, "header", [&] {
                      if (!s || !s->config) return SMFIS_ACCEPT;
                      if (s->facts.truncated) return SMFIS_CONTINUE;  // what is kept stays one contiguous prefix
                      std::string line = std::string(name ? name : "") + ": " + (value ? value : "") + "\r\n";
                      if (s->facts.headers.size() >= kMaxHeaders ||
                          s->facts.raw.size() + line.size() > s->config->milter.max_message_bytes) {
                          s->facts.truncated = true;
                          return SMFIS_CONTINUE;
                      }
                      s->facts.headers.emplace_back(name ? name : "", value ? value : "");
                      s->facts.raw += line;
                      return SMFIS_CONTINUE;
                  }));
}

sfsistat on_eoh(SMFICTX* ctx) {
    Session* s = session_of(ctx);
    return answer(s, SMFIP_NR_EOH, guarded(ctx, "eoh", [&] {
                      if (!s) return SMFIS_ACCEPT;
                      if (!s->facts.truncated) s->facts.raw += "\r\n";
                      return SMFIS_CONTINUE;
                  }));
}

sfsistat on_body(SMFICTX* ctx, unsigned char* chunk, size_t size) {
    Session* s = session_of(ctx);
    return answer(s, SMFIP_NR_BODY, guarded(ctx, "body", [&] {
                      if (!s || !s->config) return SMFIS_ACCEPT;
                      s->body_bytes += size;
                      // The size cap: the rest of the body is not buffered; the message itself flows on.
                      const std::size_t cap = s->config->milter.max_message_bytes;
                      const std::size_t room =
                          !s->facts.truncated && s->facts.raw.size() < cap ? cap - s->facts.raw.size() : 0;
                      if (size > room) s->facts.truncated = true;
                      s->facts.raw.append(reinterpret_cast<const char*>(chunk), std::min(size, room));
                      return SMFIS_CONTINUE;
                  }));
}

sfsistat on_eom(SMFICTX* ctx) {
    return guarded(ctx, "eom", [&] {
        Session* s = session_of(ctx);
        if (!s || !s->config) return SMFIS_ACCEPT;
        if (auto deferred = take_deferred(s)) {
            s->reset_message();
            return *deferred;
        }
        const Config& config = *s->config;
        s->facts.envelope.queue_id = macro(ctx, "i");
        const Direction direction = direction_of(config, s->facts.envelope);
        const storage::Timestamp t = now();
        // Parsed once: the analysis and the DLP scan read the same message. mailkeeper's own alerts
        // are not scanned (an incident mail quotes what matched); one that claims to be an alert but
        // goes outside the company is scanned like any other mail.
        const bool scan = s->rules && !(is_own_alert(config, s->facts, direction) &&
                                        std::all_of(s->facts.envelope.recipients.begin(), s->facts.envelope.recipients.end(),
                                                    [&](const std::string& r) {
                                                        return storage::in_domains(r, config.direction.internal_domains);
                                                    }));
        const auto message = parse_facts(config, s->facts, scan);
        Decision d = decide(config, s->facts, message ? &*message : nullptr, direction, t);

        for (const auto& name : d.remove_headers) {
            // smfi_chgheader counts from 1 per name; deleting the last first keeps the indexes valid
            int count = 0;
            for (const auto& [n, v] : s->facts.headers) count += strcasecmp(n.c_str(), name.c_str()) == 0;
            for (int i = count; i >= 1; --i) smfi_chgheader(ctx, const_cast<char*>(name.c_str()), i, nullptr);
            spdlog::warn("queue_id={} removed {} {} header(s) set outside mailkeeper", s->facts.envelope.queue_id, count, name);
        }
        for (const auto& [name, value] : d.add_headers)
            smfi_addheader(ctx, const_cast<char*>(name.c_str()), const_cast<char*>(value.c_str()));
        for (const auto& value : s->guard_headers)
            smfi_addheader(ctx, const_cast<char*>(kDeadRecipientHeader), const_cast<char*>(value.c_str()));

        auto& store = *g_runtime->store;
        bool queued = true;
        std::string dlp_summary;
        if (scan) {
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(config.dlp.scan_time_limit_ms);
            DlpOutcome o = dlp_decide(config, *s->rules, s->facts, message ? &*message : nullptr, direction, t,
                                      [deadline] { return std::chrono::steady_clock::now() >= deadline; });
            dlp_summary = o.summary.empty() ? "" : " " + o.summary;
            // the message's fate first, then the incident says what was actually done
            sfsistat fate = SMFIS_CONTINUE;
            if (o.reject) {
                smfi_setreply(ctx, const_cast<char*>("550"), const_cast<char*>("5.7.1"), const_cast<char*>(o.reply_text.c_str()));
                fate = SMFIS_REJECT;
            } else if (o.quarantine && smfi_quarantine(ctx, const_cast<char*>(o.quarantine_reason.c_str())) != MI_SUCCESS) {
                // A message the rules hold must not go out unheld: the client keeps it and retries.
                spdlog::error("queue_id={} the MTA refused to quarantine a message DLP holds{}; tempfail",
                              s->facts.envelope.queue_id, dlp_summary);
                smfi_setreply(ctx, const_cast<char*>("451"), const_cast<char*>("4.7.1"),
                              const_cast<char*>("mailkeeper: message held by policy, try again later"));
                fate = SMFIS_TEMPFAIL;
                if (o.incident) {
                    o.incident->action = "tempfail";
                    o.incident->notify.clear();  // the retry will be held and notified
                }
            } else {
                if (!o.dlp_header.empty())
                    smfi_addheader(ctx, const_cast<char*>(kDlpHeader), const_cast<char*>(o.dlp_header.c_str()));
                if (o.subject) {
                    if (o.add_subject) smfi_addheader(ctx, const_cast<char*>("Subject"), const_cast<char*>(o.subject->c_str()));
                    else smfi_chgheader(ctx, const_cast<char*>("Subject"), 1, const_cast<char*>(o.subject->c_str()));
                }
            }
            if (o.incident) {
                queued &= store.record_incident(std::move(*o.incident), config.direction.internal_domains);
                if (g_runtime->notifier) g_runtime->notifier->wake();
            }
            if (fate != SMFIS_CONTINUE) {
                spdlog::info("queue_id={} direction={} from=<{}> rcpts={} {}{}", s->facts.envelope.queue_id,
                             to_string(direction), s->facts.envelope.mail_from, s->facts.envelope.recipients.size(),
                             fate == SMFIS_REJECT ? "rejected" : "tempfailed", dlp_summary);
                s->reset_message();
                return fate;
            }
        }
        if (d.outbound) queued &= store.record_outbound(std::move(*d.outbound));
        const storage::BouncePolicy policy{config.contacts, config.alerts.enabled, config.direction.internal_domains};
        for (auto& e : d.bounces) queued &= store.record_bounce(std::move(e), policy);
        if (d.record) queued &= store.record_message(std::move(*d.record), policy);
        std::string subject;
        for (const auto& [n, v] : s->facts.headers)
            if (strcasecmp(n.c_str(), "Subject") == 0) subject = decoded_header(n, v);
        for (auto& n : s->guard_notices) {
            queued &= store.record_guard_notice(s->facts.envelope.mail_from, n, subject, t,
                                                {config.contacts, config.alerts.enabled, config.direction.internal_domains});
            spdlog::info("guard: rep {} told that {} is dead", s->facts.envelope.mail_from, n.address);
        }
        if ((!d.bounces.empty() || !s->guard_notices.empty()) && g_runtime->notifier) g_runtime->notifier->wake();

        spdlog::info("queue_id={} direction={} from=<{}> rcpts={} body={}{} {}{}{}", s->facts.envelope.queue_id,
                     to_string(direction), s->facts.envelope.mail_from, s->facts.envelope.recipients.size(),
                     s->body_bytes, s->facts.truncated ? " truncated" : "", d.summary, dlp_summary,
                     queued ? "" : " (not recorded: store unavailable)");
        s->reset_message();
        return SMFIS_CONTINUE;
    });
}

sfsistat on_abort(SMFICTX* ctx) {
    if (Session* s = session_of(ctx)) s->reset_message();
    return SMFIS_CONTINUE;
}

sfsistat on_close(SMFICTX* ctx) {
    if (Session* s = session_of(ctx)) {
        delete s;
        smfi_setpriv(ctx, nullptr);
        --g_sessions;
    }
    return SMFIS_CONTINUE;
}

smfiDesc g_description = {
    const_cast<char*>("mailkeeper"),
    SMFI_VERSION,
    SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_QUARANTINE,
    on_connect,
    on_helo,
    on_envfrom,
    on_envrcpt,
    on_header,
    on_eoh,
    on_body,
    on_eom,
    on_abort,
    on_close,
    on_unknown,
    on_data,
    on_negotiate,
};

}  // namespace

void install_runtime(Runtime* runtime) { g_runtime = runtime; }

bool wait_for_sessions(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (g_sessions.load() > 0) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

int open_sessions() { return g_sessions.load(); }
smfiDesc* filter_description() { return &g_description; }

}  // namespace mailkeeper::milter
