#include "mailkeeper/milter/alerts.h"

#include <mailkeeper/parser/compose.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <ctime>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "mailkeeper/milter/pipeline.h"

namespace mailkeeper::milter {
namespace {

using json = nlohmann::json;

// Placeholders each template may use.
const std::set<std::string> kAlertNames{"rep", "contact", "state", "state_words", "reason", "reason_words", "status",
                                        "diagnostic", "subject", "sent_at", "bounced_at", "alternatives", "domain_note"};
const std::set<std::string> kDigestNames{"rep", "count", "items"};
const std::set<std::string> kDlpNames{"rep", "rule", "description", "action", "action_words", "sender", "recipients",
                                      "subject", "direction", "queue_id", "time", "matches"};
const std::set<std::string> kLeftNames{"rep", "contact", "evidence", "replacement", "replacement_name", "replacement_note",
                                       "subject", "received_at", "alternatives", "domain_note"};
const std::set<std::string> kGuardNames{"rep", "contact", "reason", "reason_words", "status", "diagnostic", "subject",
                                        "dead_since", "alternatives", "domain_note"};

struct ReasonWords {
    const char* reason;
    const char* en;
    const char* zh;
};

// What each reason means to a rep, in plain words.
constexpr std::array<ReasonWords, 24> kReasonWords{{
    {"userunknown", "the mailbox does not exist (the person may have left, or the address is mistyped)",
     "邮箱地址不存在(对方可能已离职,或地址拼写有误)"},
    {"hostunknown", "the company's mail domain does not exist or receives no mail", "对方邮件域名不存在或不接收邮件"},
    {"hasmoved", "the address has moved and no longer receives mail", "该地址已迁移,不再接收邮件"},
    {"notaccept", "the recipient's server accepts no mail", "对方服务器不接收任何邮件"},
    {"mailboxfull", "the mailbox is full", "对方邮箱已满"},
    {"suspend", "the mailbox is suspended or disabled", "对方邮箱已停用或被冻结"},
    {"expired", "the message could not be delivered for days and was given up", "邮件多日无法投递,已放弃"},
    {"filtered", "the recipient's server refused the message for this address", "对方服务器拒收了发往该地址的邮件"},
    {"systemfull", "the recipient's mail server is out of space", "对方邮件服务器存储已满"},
    {"systemerror", "the recipient's mail server failed", "对方邮件服务器出错"},
    {"networkerror", "the recipient's mail server could not be reached", "无法连接对方邮件服务器"},
    {"mailererror", "the recipient's mail program failed", "对方邮件程序出错"},
    {"undefined", "the message was refused for an unstated reason", "邮件被拒收,原因未说明"},
    {"blocked", "our mail server is blocked by the recipient's", "我方邮件服务器被对方屏蔽"},
    {"spamdetected", "the message was judged to be spam", "邮件被判为垃圾邮件"},
    {"policyviolation", "the message broke the recipient's policy", "邮件违反对方的策略"},
    {"rejected", "our sender address was refused", "我方发件地址被拒绝"},
    {"authfailure", "our mail failed SPF/DKIM/DMARC checks", "我方邮件未通过 SPF/DKIM/DMARC 验证"},
    {"badreputation", "our mail server's reputation is too low", "我方邮件服务器信誉不足"},
    {"mesgtoobig", "the message is too large", "邮件过大"},
    {"exceedlimit", "the message exceeds the recipient's size limit", "邮件超过对方的大小限制"},
    {"speeding", "we sent too fast for the recipient's server", "发送频率过高"},
    {"virusdetected", "a virus was found in the message", "邮件中检测到病毒"},
    {"contenterror", "the message's content was refused", "邮件内容被拒收"},
}};

std::string fill(const std::string& text, const std::map<std::string, std::string>& values) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto open = text.find("{{", pos);
        if (open == std::string::npos) break;
        auto close = text.find("}}", open + 2);
        if (close == std::string::npos) break;
        out.append(text, pos, open - pos);
        auto it = values.find(text.substr(open + 2, close - open - 2));
        if (it != values.end()) out += it->second;
        pos = close + 2;
    }
    out.append(text, pos);
    return out;
}

// `with_subject`: the file starts with a Subject line and an empty line (a whole mail); otherwise
// it is all body (a piece of a digest).
std::expected<Template, std::string> read_template(const std::string& file, const std::set<std::string>& names,
                                                   bool with_subject, std::vector<std::string>& errors) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::unexpected(file + ": cannot read the template");
    Template t;
    t.file = file;
    std::string line;
    int number = 0;
    bool in_body = !with_subject;
    std::ostringstream body;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        for (auto open = line.find("{{"); open != std::string::npos; open = line.find("{{", open + 2)) {
            auto close = line.find("}}", open);
            const std::string name = close == std::string::npos ? "" : line.substr(open + 2, close - open - 2);
            if (close == std::string::npos || !names.contains(name)) {
                std::string known;
                for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
                errors.push_back(file + ":" + std::to_string(number) + ":" + std::to_string(open + 1) +
                                 ": unknown placeholder {{" + name + "}} (known: " + known + ")");
            }
        }
        if (number == 1 && with_subject) {
            if (!line.starts_with("Subject:")) {
                errors.push_back(file + ":1:1: the first line must be 'Subject: ...'");
            } else {
                t.subject = line.substr(8);
                while (!t.subject.empty() && t.subject.front() == ' ') t.subject.erase(0, 1);
            }
            continue;
        }
        if (!in_body) {
            if (!line.empty()) errors.push_back(file + ":" + std::to_string(number) + ":1: an empty line must follow the Subject line");
            in_body = true;
            continue;
        }
        body << line << '\n';
    }
    t.body = body.str();
    return t;
}

std::string str(const json& facts, const char* key) {
    auto it = facts.find(key);
    if (it == facts.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    return it->dump();
}

// An alert's facts as stored; damaged JSON reads as no facts (the mail still goes, with blanks).
json facts_of(const storage::Alert& alert) {
    json facts = json::parse(alert.facts, nullptr, false);
    return facts.is_discarded() ? json::object() : facts;
}

// A time among the facts (seconds since the epoch) as reps read times; "" when absent.
std::string local_time_fact(const json& facts, const char* key) {
    const auto it = facts.find(key);
    return it != facts.end() && it->is_number_integer() ? format_local_time(it->get<storage::Timestamp>()) : "";
}

std::string alternatives_text(const json& facts, bool zh) {
    std::string alternatives;
    if (auto it = facts.find("alternatives"); it != facts.end() && it->is_array())
        for (const auto& a : *it)
            if (a.is_string()) alternatives += "  - " + a.get<std::string>() + "\n";
    if (alternatives.empty()) alternatives = zh ? "  (暂无该公司的其他有效联系人)\n" : "  (no other live contact known at this company)\n";
    return alternatives;
}

std::string domain_note(const json& facts, bool zh) {
    if (!facts.value("domain_dead", false)) return "";
    return zh ? "注意:该公司域名下的多数地址均已失效,整个域名可能已停用。\n"
              : "Note: most addresses at this company's domain are dead; the whole domain may be gone.\n";
}

std::map<std::string, std::string> values_for(const Config& config, const std::string& rep, const storage::Alert& alert) {
    const bool zh = config.alerts.language == "zh";
    const json facts = facts_of(alert);
    std::map<std::string, std::string> v;
    v["rep"] = rep;
    v["contact"] = alert.contact;
    v["state"] = str(facts, "state");
    v["state_words"] = v["state"] == "dead" ? (zh ? "已失效" : "dead") : (zh ? "可能失效" : "in doubt");
    v["reason"] = str(facts, "reason");
    v["reason_words"] = reason_in_words(v["reason"], config.alerts.language);
    v["status"] = str(facts, "status");
    v["diagnostic"] = str(facts, "diagnostic");
    v["subject"] = str(facts, "subject");
    for (const char* key : {"sent_at", "bounced_at", "dead_since"}) v[key] = local_time_fact(facts, key);
    v["alternatives"] = alternatives_text(facts, zh);
    v["domain_note"] = domain_note(facts, zh);
    return v;
}

// A contact that left: what the auto-reply said and whom it names instead.
std::map<std::string, std::string> left_values_for(const Config& config, const std::string& rep, const storage::Alert& alert) {
    const bool zh = config.alerts.language == "zh";
    const json facts = facts_of(alert);
    std::map<std::string, std::string> v;
    v["rep"] = rep;
    v["contact"] = alert.contact;
    for (const char* key : {"evidence", "replacement", "replacement_name", "subject"}) v[key] = str(facts, key);
    v["received_at"] = local_time_fact(facts, "received_at");
    const std::string who = v["replacement"] + (v["replacement_name"].empty() ? "" : " (" + v["replacement_name"] + ")");
    const std::string contact_domain = alert.contact.substr(alert.contact.find('@') + 1);
    if (v["replacement"].empty())
        v["replacement_note"] = zh ? "自动回复未指明接替人。\n" : "The reply names no one to write to instead.\n";
    else if (facts.value("replacement_other_domain", false))
        // a successor at another domain is how payment fraud (BEC) starts: the store made no contact of it
        v["replacement_note"] =
            zh ? "自动回复指明的接替人:" + who + "。注意:该地址不在 " + contact_domain +
                     " 域名下,属于另一个域名,未加入您的联系人。在向该地址发送任何内容(尤其是付款或银行信息)之前,"
                     "请先通过电话向该公司核实。\n"
               : "The reply names " + who + " to write to instead. Careful: that address is at another domain than " +
                     contact_domain +
                     " and was not added to your contacts. Confirm it with the company by phone before sending anything "
                     "to it, payment details especially.\n";
    else
        v["replacement_note"] = zh ? "自动回复指明的接替人:" + who + ",已加入您的联系人。\n"
                                   : "The reply names " + who + " to write to instead; that address is now among your contacts.\n";
    v["alternatives"] = alternatives_text(facts, zh);
    v["domain_note"] = domain_note(facts, zh);
    return v;
}

// An incident for a compliance officer: what the rule did and where it matched, the excerpts
// masked as stored.
std::map<std::string, std::string> dlp_values_for(const Config& config, const std::string& rep, const storage::Alert& alert) {
    const bool zh = config.alerts.language == "zh";
    const json facts = facts_of(alert);
    std::map<std::string, std::string> v;
    v["rep"] = rep;
    for (const char* key : {"rule", "action", "sender", "subject", "direction", "queue_id"}) v[key] = str(facts, key);
    static const std::map<std::string, std::pair<std::string, std::string>> kActionWords{
        {"reject", {"退回发件人(SMTP 拒收)", "refused at SMTP"}},
        {"quarantine", {"已扣留,等待审批(mailkeeper quarantine release 放行)", "held for approval (mailkeeper quarantine release)"}},
        {"tag", {"已加标记并投递", "tagged and delivered"}},
        {"notify", {"已投递,仅通知", "delivered; this notice only"}},
        {"log", {"已投递,仅记录", "delivered; recorded only"}}};
    const auto w = kActionWords.find(v["action"]);
    v["action_words"] = w == kActionWords.end() ? v["action"] : (zh ? w->second.first : w->second.second);
    std::string recipients;
    if (auto it = facts.find("recipients"); it != facts.end() && it->is_array())
        for (const auto& r : *it)
            if (r.is_string()) recipients += (recipients.empty() ? "" : ", ") + r.get<std::string>();
    v["recipients"] = recipients;
    v["time"] = local_time_fact(facts, "at");
    std::string matches, description;
    if (auto it = facts.find("matches"); it != facts.end() && it->is_array())
        for (const auto& m : *it) {
            if (description.empty()) description = m.value("description", "");
            matches += "  - " + m.value("where", "") + " (x" + std::to_string(m.value("count", 0)) + "): " +
                       m.value("excerpt", "") + "\n";
        }
    v["description"] = description;
    v["matches"] = matches;
    return v;
}

std::string make_message_id(const Config& config, storage::Timestamp now) {
    static std::mt19937_64 rng{std::random_device{}()};
    static std::mutex m;
    std::lock_guard lock(m);
    std::ostringstream id;
    id << "mailkeeper." << now << '.' << std::hex << rng() << '@'
       << (config.direction.internal_domains.empty() ? "localhost" : config.direction.internal_domains.front());
    return id.str();
}

}  // namespace

std::expected<AlertTemplates, ConfigError> load_templates(const std::string& dir, const std::string& language) {
    std::vector<std::string> errors;
    AlertTemplates t;
    const auto load = [&](const char* name, const std::set<std::string>& names, bool with_subject, Template& out) {
        auto r = read_template(dir + "/" + name + "." + language + ".txt", names, with_subject, errors);
        if (!r) errors.push_back(r.error());
        else out = std::move(*r);
    };
    load("alert", kAlertNames, true, t.alert);
    load("digest", kDigestNames, true, t.digest);
    load("digest-item", kAlertNames, false, t.digest_item);
    load("guard", kGuardNames, true, t.guard);
    load("dlp", kDlpNames, true, t.dlp);
    load("left", kLeftNames, true, t.left);
    load("left-item", kLeftNames, false, t.left_item);
    if (!errors.empty()) return std::unexpected(ConfigError{errors});
    return t;
}

std::string reason_in_words(const std::string& reason, const std::string& language) {
    for (const auto& w : kReasonWords)
        if (reason == w.reason) return language == "zh" ? w.zh : w.en;
    return language == "zh" ? "邮件被退回(" + reason + ")" : "the message was returned (" + reason + ")";
}

std::string render_alert_mail(const Config& config, const AlertTemplates& templates, const std::string& rep,
                              const std::vector<storage::Alert>& alerts, storage::Timestamp now) {
    std::string subject, body, kind;
    if (alerts.size() == 1) {
        const auto& a = alerts.front();
        const Template& t = a.kind == "guard" ? templates.guard
                            : a.kind == "dlp" ? templates.dlp
                            : a.kind == "left" ? templates.left
                                               : templates.alert;
        auto v = a.kind == "dlp"    ? dlp_values_for(config, rep, a)
                 : a.kind == "left" ? left_values_for(config, rep, a)
                                    : values_for(config, rep, a);
        subject = fill(t.subject, v);
        body = fill(t.body, v);
        kind = a.kind;
    } else {
        std::string items;
        for (const auto& a : alerts)
            items += (a.kind == "dlp"    ? fill(templates.dlp.body, dlp_values_for(config, rep, a))
                      : a.kind == "left" ? fill(templates.left_item.body, left_values_for(config, rep, a))
                                         : fill(templates.digest_item.body, values_for(config, rep, a))) +
                     "\n";
        std::map<std::string, std::string> v{{"rep", rep}, {"count", std::to_string(alerts.size())}, {"items", items}};
        subject = fill(templates.digest.subject, v);
        body = fill(templates.digest.body, v);
        kind = "digest";
    }
    parser::PlainTextMail mail;
    mail.from_name = config.alerts.from_name;
    mail.from_address = config.alerts.from;
    mail.to = {rep};
    mail.subject = subject;
    mail.body = body;
    mail.date = now;
    mail.message_id = make_message_id(config, now);
    // RFC 3834 §5: automatic mail says so, and is never answered automatically
    mail.headers = {{"Auto-Submitted", "auto-generated"}, {kAlertHeader, kind}, {"Precedence", "bulk"}};
    return parser::compose_plain_text(mail);
}

storage::Timestamp last_digest_time(const Config& config, storage::Timestamp now) {
    std::time_t t = static_cast<std::time_t>(now);
    std::tm tm{};
    localtime_r(&t, &tm);
    tm.tm_hour = config.alerts.digest_hour;
    tm.tm_min = config.alerts.digest_minute;
    tm.tm_sec = 0;
    tm.tm_isdst = -1;
    std::time_t today = std::mktime(&tm);
    if (today > t) {
        tm.tm_mday -= 1;
        tm.tm_isdst = -1;
        today = std::mktime(&tm);
    }
    return today;
}

Notifier::Notifier(storage::Store& store, ConfigSource config, TemplateSource templates, Submitter submit)
    : store_(store), config_(std::move(config)), templates_(std::move(templates)), submit_(std::move(submit)) {}

Notifier::~Notifier() { stop(); }

int Notifier::run_once(storage::Timestamp now) {
    const auto config = config_();
    const auto templates = templates_();
    if (!config || !templates) return 0;
    if (!unrecorded_.empty()) {
        // mails that went out while the store could not note it: note it now
        std::vector<std::int64_t> ids(unrecorded_.begin(), unrecorded_.end());
        if (store_.mark_alerts_sent(ids, now)) unrecorded_.clear();
        else return 0;
    }
    auto due = store_.due_alerts(now);
    if (!due) {
        spdlog::error("alerts: cannot read the outbox: {}", due.error().message);
        return 0;
    }
    std::map<std::string, std::vector<storage::Alert>> by_rep;
    for (auto& a : *due) by_rep[a.rep].push_back(std::move(a));

    int sent = 0;
    const storage::Timestamp digest_at = last_digest_time(*config, now);
    for (auto& [rep, all] : by_rep) {
        std::vector<std::int64_t> all_ids;
        for (const auto& a : all) all_ids.push_back(a.id);
        if (!config->alerts.enabled) {
            (void)store_.mark_alerts_skipped(all_ids, "alerts are disabled");
            continue;
        }
        if (!storage::in_domains(rep, config->direction.internal_domains)) {
            (void)store_.mark_alerts_skipped(all_ids, "rep is not in internal_domains");
            spdlog::warn("alerts: {} alerts for {} skipped: not an internal address", all.size(), rep);
            continue;
        }
        // Guard notices are for the mail the rep is writing now; the rest wait for the digest
        // when the config asks for one.
        std::vector<storage::Alert> batch;
        for (auto& a : all) {
            if (unrecorded_.contains(a.id)) continue;  // sent; the store has not taken the news yet
            if (a.kind == "guard" || a.kind == "dlp" || config->alerts.mode == AlertMode::immediate || a.created_at <= digest_at)
                batch.push_back(a);
        }
        if (batch.empty()) continue;
        auto recent = store_.alert_mails_since(rep, now - 3600);
        if (recent && *recent >= config->alerts.max_per_rep_per_hour) {
            spdlog::info("alerts: {} pending for {}: rate limit of {} mails an hour reached, they wait", batch.size(), rep,
                         config->alerts.max_per_rep_per_hour);
            continue;
        }
        std::vector<std::int64_t> ids;
        for (const auto& a : batch) ids.push_back(a.id);
        std::string message;
        try {
            message = render_alert_mail(*config, *templates, rep, batch, now);
        } catch (const std::exception& e) {
            spdlog::error("alerts: cannot render the mail for {}: {}", rep, e.what());
            (void)store_.mark_alerts_failed(ids, std::string("cannot render: ") + e.what(), std::nullopt);
            continue;
        }
        auto result = submit_(*config, rep, message);
        if (result) {
            ++sent;
            spdlog::info("alerts: mail to {} with {} alert(s) submitted", rep, ids.size());
            // A mail that went out must never go again because the store failed to note it: the
            // ids are kept here until the store has them, and the pass stops (the store is ill).
            auto marked = store_.mark_alerts_sent(ids, now);
            auto counted = marked ? store_.record_alert_mail(rep, static_cast<int>(ids.size()), now) : marked;
            if (!marked || !counted) {
                unrecorded_.insert(ids.begin(), ids.end());
                spdlog::error("alerts: mail to {} sent but not recorded ({}); it will not be sent again", rep,
                              (!marked ? marked : counted).error().message);
                break;
            }
            continue;
        }
        const int attempts = batch.front().attempts + 1;
        std::optional<storage::Timestamp> retry;
        if (attempts < config->alerts.max_attempts) {
            storage::Timestamp delay = config->alerts.retry_after << std::min(attempts - 1, 16);
            retry = now + std::min<storage::Timestamp>(delay, 3600);
        }
        (void)store_.mark_alerts_failed(ids, result.error(), retry);
        spdlog::error("alerts: submitting to {} failed (attempt {} of {}): {}{}", rep, attempts, config->alerts.max_attempts,
                      result.error(), retry ? "; will retry" : "; given up");
    }
    return sent;
}

void Notifier::start() {
    thread_ = std::thread([this] {
        for (;;) {
            storage::Timestamp interval = 5;
            if (auto c = config_()) interval = std::max<storage::Timestamp>(1, c->alerts.poll_interval);
            {
                std::unique_lock lock(mutex_);
                cv_.wait_for(lock, std::chrono::seconds(interval), [&] { return stopping_ || woken_; });
                if (stopping_) return;
                woken_ = false;
            }
            try {
                run_once(static_cast<storage::Timestamp>(std::time(nullptr)));
            } catch (const std::exception& e) {
                spdlog::error("alerts: outbox pass failed: {}", e.what());
            }
        }
    });
}

void Notifier::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Notifier::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    cv_.notify_all();
}

}  // namespace mailkeeper::milter
