#include "mailkeeper/parser/bounce.h"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "mailkeeper/parser/autoreply.h"

#include "address.h"
#include "dsn.h"
#include "formats.h"
#include "needles.h"
#include "ses.h"
#include "text.h"

namespace mailkeeper::parser {
namespace {

using namespace detail;

// One failed recipient as read from the report, before classification.
struct Finding {
    std::string address;
    std::string original_recipient;
    std::string action;
    std::string status;
    std::string remote_mta;
    std::string diagnostic;
    std::string text_diagnostic;  // the human-readable paragraph about this recipient, if any
    std::string diagnostic_type;  // RFC 3464 §2.3.6, from the delivery-status part
    bool from_dsn = false;        // read from a delivery-status part rather than from text
    std::string bounce_category;  // the sending MTA's own category (X-PowerMTA-BounceCategory)
};

bool is_report_part(const Part& p) {
    return p.media_type == "message/delivery-status" || p.media_type == "message/global-delivery-status";
}

bool is_headers_part(const Part& p) {
    return p.media_type == "text/rfc822-headers" || p.media_type == "message/rfc822-headers" ||
           p.media_type == "message/global-headers";
}

// The human-readable text of the report: text parts outside the returned message. Plain text is
// preferred; HTML only when a report has nothing else (Office 365 sends both).
std::string report_text(const Message& m) {
    std::string out;
    for (int pass = 0; pass < 2 && out.empty(); ++pass) {
        for (const Part& p : m.parts) {
            if (p.in_returned_message || is_report_part(p) || is_headers_part(p)) continue;
            if (p.media_type == "message/feedback-report") continue;
            const bool wanted = pass == 0 ? p.media_type == "text/plain" || p.media_type == "text/enriched"
                                          : p.media_type == "text/html";
            if (!wanted || p.text.empty()) continue;
            if (!out.empty()) out += "\n\n";
            out += p.text;
        }
    }
    return out;
}

// A bounce forwarded by a person ("Fwd: Returned mail: ...") arrives with every line quoted.
std::string unquote_if_forwarded(const Message& m, std::string text) {
    const std::string subject = std::string(trim(find_header(m.headers, "Subject").value_or("")));
    if (!istarts_with(subject, "fwd:") && !istarts_with(subject, "fw:")) return text;
    std::string out;
    out.reserve(text.size());
    for (std::string_view line : split_lines(text)) {
        std::size_t k = 0;
        while (k < line.size() && line[k] == '>') ++k;
        if (k > 0 && k < line.size() && line[k] == ' ') ++k;
        out.append(line.substr(k));
        out.push_back('\n');
    }
    return out;
}

struct Regions {
    std::string_view report;    // where the reporting MTA speaks
    std::string_view returned;  // the original message quoted inline, if any
};

// RFC 3464 puts the original in its own part; plain-text bounces quote it after a marker line.
Regions split_at_returned(std::string_view text) {
    static const NeedleSet kMarkers(returned_message_markers());
    // the earliest marker that opens its line (after indentation)
    for (const NeedleHit& hit : kMarkers.all(text)) {
        std::size_t ls = text.rfind('\n', hit.begin);
        ls = ls == std::string_view::npos ? 0 : ls + 1;
        // only rule characters may stand before it: "---------- 原邮件信息 ----------"
        const std::string_view lead = text.substr(ls, hit.begin - ls);
        if (lead.find_first_not_of(" \t-=*_") != std::string_view::npos) continue;
        const std::size_t nl = text.find('\n', hit.begin);
        return {text.substr(0, hit.begin), text.substr(nl == std::string_view::npos ? text.size() : nl + 1)};
    }
    return {text, {}};
}

// Whether any phrase of `table` occurs in `text`. `table` is one of the static tables of
// formats.h; each is compiled once, on first use, into a set searched in a single pass.
const NeedleSet& compiled(const std::vector<std::string_view>& table);

bool any_of_in(std::string_view text, const std::vector<std::string_view>& table) {
    return compiled(table).any(text);
}

bool sender_is_daemon(const Message& m) {
    const std::string from = find_header(m.headers, "From").value_or("");
    const std::string address = header_address(from);
    if (address.empty() && (from.empty() || from.find("<>") != std::string::npos)) return true;  // RFC 5321 null sender
    const std::string local = local_part(address);
    const auto& hints = bounce_hints();
    for (std::string_view l : hints.sender_local_parts)
        if (local == l) return true;
    return any_of_in(from, hints.sender_names);
}

// Addresses that are never the failed recipient: the bounce's own sender and addressee (our
// user, who sent the original) and the daemons.
std::unordered_set<std::string> excluded_addresses(const Message& m, const std::optional<HeaderList>& returned) {
    std::unordered_set<std::string> out;
    auto add = [&](const std::optional<std::string>& v) {
        if (!v) return;
        for (const auto& a : find_addresses(*v, 16)) out.insert(to_lower(a.address));
    };
    // the bounce's own sender and addressee: the daemon, and our user who sent the original
    for (const char* name : {"From", "Return-Path", "Sender", "To", "Envelope-To", "Delivered-To"}) add(find_header(m.headers, name));
    if (returned) {
        add(find_header(*returned, "From"));
        add(find_header(*returned, "Return-Path"));
        add(find_header(*returned, "Sender"));
        add(find_header(*returned, "Reply-To"));
    }
    return out;
}

// local@domain with a dotted domain, nothing around it.
bool is_mailbox(std::string_view a) {
    const std::size_t at = a.rfind('@');
    if (at == 0 || at == std::string_view::npos || at + 1 >= a.size()) return false;
    if (a.find_first_of(" \t<>,;:|") != std::string_view::npos && a.front() != '"') return false;
    const std::string_view domain = a.substr(at + 1);
    return domain.find('.') != std::string_view::npos || domain.front() == '[';
}

bool is_daemon_address(std::string_view address) {
    const std::string local = local_part(address);
    return local == "mailer-daemon" || local == "postmaster" || local == "mail-daemon" || local == "maildaemon";
}

// The phrases of a table of rows, in row order, compiled once.
template <typename Row>
NeedleSet phrases_of(const std::vector<Row>& rows) {
    std::vector<std::string_view> phrases;
    for (const Row& r : rows) phrases.push_back(r.phrase);
    return NeedleSet(phrases);
}

// The command named earliest in the text; on a tie, the earlier row.
std::string find_command(std::string_view text) {
    static const NeedleSet kPhrases = phrases_of(command_phrases());
    const auto at = kPhrases.first_positions(text);
    std::size_t best = std::string_view::npos;
    std::string_view command;
    for (std::size_t i = 0; i < at.size(); ++i) {
        if (at[i] < best) {
            best = at[i];
            command = command_phrases()[i].command;
        }
    }
    return std::string(command);
}

std::optional<Reason> format_reason(std::string_view text, const HeaderList& headers, std::string_view host) {
    static const NeedleSet kPhrases = phrases_of(format_reasons());
    const auto at = kPhrases.first_positions(text);
    for (std::size_t i = 0; i < at.size(); ++i) {
        const FormatReason& r = format_reasons()[i];
        if (at[i] == std::string_view::npos && !r.phrase.empty()) continue;  // no phrase: the header decides
        if (!r.header.empty()) {
            const std::size_t colon = r.header.find(':');
            const auto value = find_header(headers, r.header.substr(0, colon));
            if (!value) continue;
            if (colon != std::string_view::npos && !istarts_with(trim(*value), trim(r.header.substr(colon + 1)))) continue;
        }
        if (!r.host.empty() && !host_has_suffix(host, r.host)) continue;
        return r.reason;
    }
    return std::nullopt;
}

std::optional<Reason> category_reason(std::string_view category) {
    for (const BounceCategory& c : bounce_categories())
        if (category == c.category) return c.reason;
    return std::nullopt;
}

// "host mx.example.com[192.0.2.1] said:", "host mx.example.com [192.0.2.1]:", "remote host 192.0.2.1 said"
std::string find_remote_host(std::string_view text) {
    std::size_t pos = ifind(text, "host ");
    while (pos != std::string_view::npos) {
        if (pos == 0 || !std::isalnum(static_cast<unsigned char>(text[pos - 1]))) {
            std::size_t b = pos + 5;
            std::size_t e = b;
            while (e < text.size() && (std::isalnum(static_cast<unsigned char>(text[e])) || text[e] == '.' ||
                                       text[e] == '-' || text[e] == '_'))
                ++e;
            const std::string_view host = text.substr(b, e - b);
            if (host.find('.') != std::string_view::npos && host.size() > 3) return to_lower(host);
        }
        pos = ifind(text, "host ", pos + 5);
    }
    return {};
}

// Where the report's list openers and failure words are, found once per report and asked per line.
struct ReportPhrases {
    NeedleHits list_openers;
    NeedleHits failure_words;
};

// "To:", "From:", "Sent:" in a report's summary of the original message: not the failed recipient's label.
bool is_header_label(std::string_view before) {
    static constexpr std::string_view kLabels[] = {"to:", "from:", "cc:", "bcc:", "sent:", "subject:", "date:",
                                                   "reply-to:", "sender:", "return-path:", "envelope-from:"};
    for (auto l : kLabels)
        if (iequals(before, l)) return true;
    return false;
}

// "There was an error delivering your mail to <a@b>.": an address after "to"/"for" in a sentence
// that says something failed.
bool is_failure_sentence(std::string_view before, std::string_view line, const ReportPhrases& said) {
    const bool to_before = (before.size() >= 3 && iequals(before.substr(before.size() - 3), " to")) ||
                           (before.size() >= 4 && iequals(before.substr(before.size() - 4), " for")) ||
                           iequals(before, "to") || iequals(before, "for");
    return to_before && said.failure_words.any_within(line);
}

// The sender of the returned message, as reports quote it: "MAIL FROM:<a@b>", "Original Sender: a@b".
bool is_sender_label(std::string_view before) {
    static constexpr std::string_view kLabels[] = {"mail from:", "from:", "sender:", "original sender:",
                                                   "envelope-from:", "return-path:", "envelope from:"};
    for (auto l : kLabels)
        if (before.size() >= l.size() && iequals(before.substr(before.size() - l.size()), l)) return true;
    return false;
}

// "Did not reach the following recipient:" at the end of a line: the address follows below.
bool ends_with_label(std::string_view line) {
    for (std::string_view label : recipient_labels())
        if (line.size() >= label.size() && iequals(line.substr(line.size() - label.size()), label)) return true;
    return false;
}

// A label such as "Recipient address:" directly before the address.
bool has_label_before(std::string_view line, std::size_t addr_begin) {
    const std::string_view before = trim(line.substr(0, addr_begin));
    if (before.empty()) return false;
    for (std::string_view label : recipient_labels())
        if (before.size() >= label.size() && iequals(before.substr(before.size() - label.size()), label)) return true;
    // "RCPT TO:<a@b>" in an SMTP transcript (">>> RCPT To:<a@b>")
    return before.size() >= 8 && iequals(before.substr(before.size() - 8), "rcpt to:");
}

// The text after a reason label at the start of a line, with its continuation lines.
std::string labelled_reason(const std::vector<std::string_view>& lines) {
    std::string out;
    bool in_block = false;
    int taken = 0;
    for (std::string_view raw : lines) {
        const std::string_view line = trim(raw);
        if (line.empty()) {
            in_block = false;
            continue;
        }
        if (in_block && taken < 6) {
            out += ' ';
            out += line;
            ++taken;
            continue;
        }
        for (std::string_view label : reason_labels()) {
            if (!istarts_with(line, label)) continue;
            std::string_view rest = trim(line.substr(label.size()));
            if (!rest.starts_with(":") && !rest.starts_with("\xef\xbc\x9a")) continue;  // ':' or '：'
            rest = trim(rest.substr(rest.starts_with(":") ? 1 : 3));
            if (!out.empty()) out += ' ';
            out += rest;
            in_block = true;
            taken = 0;
            break;
        }
    }
    return out;
}

// Reads recipients out of a plain-text report. The shapes covered, each seen from many MTAs:
//   <user@example.com>: text            Postfix, qmail, OpenSMTPD, DragonFly
//   user@example.com  (alone, indented) Exim, Gmail, Courier, after a "following ... failed" line
//   Recipient address: user@...         key-value notices (Exchange, Domino, many providers)
//   <user@example.com>... User unknown  Sendmail
//   >>> RCPT To:<user@example.com>      SMTP transcripts
// The lines that follow a recipient up to an empty line (or the next recipient) are its diagnostic.
std::vector<Finding> read_text_recipients(std::string_view report, const std::unordered_set<std::string>& excluded,
                                          std::size_t max_recipients) {
    std::vector<Finding> out;
    const auto lines = split_lines(report);
    const ReportPhrases said{NeedleHits(compiled(recipient_list_openers()), report),
                             NeedleHits(compiled(failure_words()), report)};
    bool in_list = false;     // after a list opener: bare addresses are recipients
    Finding* current = nullptr;
    int diag_lines = 0;
    auto find_existing = [&](const std::string& address) -> Finding* {
        for (auto& f : out)
            if (iequals(f.address, address)) return &f;
        return nullptr;
    };
    for (std::string_view raw : lines) {
        const std::string_view line = trim(raw);
        if (line.empty()) {
            current = nullptr;
            continue;
        }
        if (said.list_openers.any_within(line) || ends_with_label(line)) {
            in_list = true;
            current = nullptr;
            continue;
        }
        const auto addresses = find_addresses(line, 8);
        const FoundAddress* rcpt = nullptr;
        const bool indented = raw.starts_with(" ") || raw.starts_with("\t");
        // An indented line that starts with the address being explained continues its reply:
        // "<a@b>: host mx said: 550\n    <a@b>: Recipient address rejected. (in reply to RCPT TO)"
        if (current && indented && diag_lines < 12 && !addresses.empty() && addresses.front().begin <= 1 &&
            iequals(addresses.front().address, current->address)) {
            current->text_diagnostic += ' ';
            current->text_diagnostic += line;
            ++diag_lines;
            continue;
        }
        for (const auto& a : addresses) {
            if (excluded.contains(to_lower(a.address)) || is_daemon_address(a.address)) continue;
            std::string_view before = trim(line.substr(0, a.begin));
            if (is_sender_label(before)) continue;
            std::string_view after = trim(line.substr(a.end));
            if (before == "\"" && after.starts_with("\"")) {  // GMX: "a@b": opens the recipient's block
                before = {};
                after.remove_prefix(1);
            }
            const bool at_start = before.empty() || before == "-" || before == "*" || before == "o" || before == ">" ||
                                  before == ">>>" || before == "=>" || before == "--";
            const bool trailer = after.empty() || after.starts_with(":") || after.starts_with("(") ||
                                 after.starts_with("[") || after.starts_with(",") || after.starts_with(";") ||
                                 after.starts_with("...") || istarts_with(after, "on ") || after.starts_with("<");
            if (at_start && trailer &&
                (a.angled || in_list || indented || after.starts_with(":") || after.starts_with("...") ||
                 (out.empty() && addresses.size() == 1))) {
                rcpt = &a;
            } else if (has_label_before(line, a.begin) || after.starts_with("...")) {
                rcpt = &a;
            } else if (a.angled && is_failure_sentence(before, line, said)) {
                rcpt = &a;
            } else if (before.ends_with(":") && before.find(' ') != std::string_view::npos && !is_header_label(before) &&
                       (after.empty() || said.failure_words.any_within(line))) {
                // "User mailbox exceeds allowed size: a@b", "returned permanent errors: a@b. Reason: ..."
                rcpt = &a;
            } else if (at_start && !after.empty() && said.failure_words.any_within(after)) {
                // "a@b Error, ERROR_CODE :421, Host not reachable."
                rcpt = &a;
            }
            if (rcpt) break;
        }
        if (rcpt) {
            if (out.size() >= max_recipients) break;
            Finding* existing = find_existing(rcpt->address);
            if (!existing) {
                out.push_back(Finding{});
                existing = &out.back();
                existing->address = rcpt->address;
            }
            current = existing;
            diag_lines = 0;
            std::string_view rest = trim(line.substr(rcpt->end));
            while (!rest.empty() && (rest.front() == ':' || rest.front() == '.' || rest.front() == ',' || rest.front() == '"')) rest.remove_prefix(1);
            rest = trim(rest);
            if (!rest.empty()) {
                if (!current->text_diagnostic.empty()) current->text_diagnostic += ' ';
                current->text_diagnostic += rest;
            }
            // The text before the address is part of the reason when it is a reply ("550 5.1.1
            // <a>... User unknown") or a sentence ("User's mailbox is full: <a>"), not a label.
            const std::string_view before = trim(line.substr(0, rcpt->begin));
            const bool labelled = has_label_before(line, rcpt->begin);
            const bool sentence = !labelled && before.find(' ') != std::string_view::npos && !is_header_label(before) &&
                                  !is_sender_label(before);
            const bool says_why = labelled && std::any_of(explaining_labels().begin(), explaining_labels().end(),
                                                          [&](std::string_view l) { return iends_with(before, l); });
            const bool coded = !find_reply_code(before).empty() || !find_status_code(before).empty();
            if (!before.empty() && (sentence || says_why || (!labelled && coded))) {
                current->text_diagnostic.insert(0, std::string(before) + " ");
            }
            continue;
        }
        // A line that names a recipient already found, without being a recipient line itself
        // ("552 5.2.2 <a@b>: Mailbox full" under a heading): the start of its diagnostic.
        if (!addresses.empty()) {
            for (const auto& a : addresses)
                if (Finding* known = find_existing(a.address)) {
                    current = known;
                    diag_lines = 0;
                    break;
                }
        }
        if (current && diag_lines < 12) {
            if (!current->text_diagnostic.empty()) current->text_diagnostic += ' ';
            current->text_diagnostic += line;
            ++diag_lines;
        }
    }
    // "退信原因：…", "Reason: …": a labelled explanation that names no address belongs to every
    // recipient the report lists (almost always one).
    const std::string reason = labelled_reason(lines);
    if (!reason.empty())
        for (auto& f : out) {
            if (!f.text_diagnostic.empty()) f.text_diagnostic += ' ';
            f.text_diagnostic += reason;
        }
    return out;
}

// The paragraph of the report that talks about `address`: used when the delivery-status part
// gives no usable diagnostic, and to find the SMTP command and remote host.
std::string paragraph_about(std::string_view report, std::string_view address) {
    const std::size_t pos = ifind(report, address);
    if (pos == std::string_view::npos) return {};
    std::size_t b = report.rfind("\n\n", pos);
    b = b == std::string_view::npos ? 0 : b + 2;
    std::size_t e = report.find("\n\n", pos);
    if (e == std::string_view::npos) e = report.size();
    return squeeze_spaces(report.substr(b, std::min<std::size_t>(e - b, kMaxDiagnosticChars)));
}

ReturnedMessage returned_from(const HeaderList& h) {
    ReturnedMessage r;
    r.message_id = find_header(h, "Message-ID");
    if (r.message_id) {
        std::string id = std::string(trim(*r.message_id));
        if (id.size() > 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
        r.message_id = id;
    }
    if (auto from = find_header(h, "From")) {
        const std::string a = header_address(*from);
        r.from = a.empty() ? *from : a;
    }
    r.to = find_header(h, "To");
    r.subject = find_header(h, "Subject");
    r.date = find_header(h, "Date");
    return r;
}

std::string clip(std::string s) {
    if (s.size() <= kMaxDiagnosticChars) return s;
    std::size_t cut = kMaxDiagnosticChars;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
    s.resize(cut);
    return s;
}

// The server's reply in a Sendmail session transcript ("----- Transcript of session follows -----"):
// the "<<<" lines after the ">>>" command that named `address`, or the "<<<" lines just before a
// "554 <address>... Remote protocol error" line, or, in a report about one recipient, every "<<<"
// line. `command` is the SMTP command the reply answered, when the transcript shows it.
struct TranscriptReply {
    std::string reply;
    std::string command;
};

// The Sendmail session transcript of a report, from its heading on; empty when there is none.
std::string_view session_transcript(std::string_view report) {
    const std::size_t start = ifind(report, "transcript of session follows");
    return start == std::string_view::npos ? std::string_view() : report.substr(start);
}

TranscriptReply transcript_reply(std::string_view transcript, std::string_view address, bool only_one) {
    if (transcript.empty()) return {};
    TranscriptReply mine;
    std::string all, last, last_command;
    bool in_mine = false;
    auto append = [](std::string& into, std::string_view text) {
        if (!into.empty()) into += ' ';
        into += text;
    };
    for (std::string_view raw : split_lines(transcript)) {
        const std::string_view line = trim(raw);
        if (line.starts_with(">>>")) {
            in_mine = icontains(line, address);
            last.clear();
            last_command = find_command(line);
            if (in_mine) mine.command = last_command;
            continue;
        }
        if (line.starts_with("<<<")) {
            const std::string_view said = trim(line.substr(3));
            append(in_mine ? mine.reply : all, said);
            append(last, said);
            continue;
        }
        // "554 <a@b>... Remote protocol error": the reply just above was about this recipient
        if (mine.reply.empty() && !line.empty() && std::isdigit(static_cast<unsigned char>(line.front())) &&
            icontains(line, address) && !last.empty()) {
            mine.reply = last;
            mine.command = last_command;
        }
        if (!line.empty() && std::isdigit(static_cast<unsigned char>(line.front()))) last.clear();
    }
    if (mine.reply.empty()) {
        mine.command.clear();
        if (only_one) mine.reply = all;
    }
    mine.reply = squeeze_spaces(mine.reply);
    return mine;
}

// The host that wrote the bounce: the "by" host of its oldest Received: field (RFC 5321 §4.4),
// "Received: from localhost by mx.example.com (Postfix) id ...".
std::string bounce_host(const Message& m) {
    std::string_view oldest;
    for (const Header& h : m.headers)
        if (iequals(h.name, "Received")) oldest = h.value;
    if (oldest.empty() || icontains(oldest, "invoked by") || icontains(oldest, "invoked for")) return {};
    std::size_t by = ifind(oldest, "by ");
    while (by != std::string_view::npos && by > 0 && !std::isspace(static_cast<unsigned char>(oldest[by - 1])))
        by = ifind(oldest, "by ", by + 3);
    if (by == std::string_view::npos) return {};
    std::string_view host = trim(oldest.substr(by + 3));
    host = host.substr(0, host.find_first_of(" \t\r\n;()[]"));
    std::string out = to_lower(host);
    while (!out.empty() && out.back() == '.') out.pop_back();
    return out.find('.') != std::string::npos ? out : std::string();
}

// What a Sendmail DSN's session transcript says, read once per report (Sendmail's own layout, as
// Sisimai's Lhost::Sendmail reads it):
//   ----- Transcript of session follows -----
//   554 5.3.0 unknown mailer error 255           Sendmail's own verdict, before any session
//   ... while talking to mx.example.org.:
//   >>> RCPT To:<a@example.org>
//   <<< 550 5.7.1 IP address blacklisted         the remote server's words
//   550 5.1.1 <a@example.org>... User unknown     Sendmail's summary: never the diagnostic
struct SendmailSession {
    std::vector<std::string> replies;  // distinct "<<<" lines, in order
    std::string last_command;          // of the last ">>>" line
    std::string own_diagnosis;         // Sendmail's coded lines before the first session
    std::string own_status;            // the status of the last of them
};

SendmailSession read_sendmail_session(std::string_view transcript) {
    SendmailSession out;
    bool in_session = false;
    auto lines = split_lines(transcript);
    for (std::size_t i = 1; i < lines.size(); ++i) {  // line 0 is the heading
        const std::string_view line = lines[i];
        if (line.empty() || line.front() == ' ' || line.front() == '\t') continue;
        if (line.starts_with(">>>")) {
            const std::string_view cmd = trim(line.substr(3));
            if (cmd.size() >= 4) out.last_command = to_upper(cmd.substr(0, 4));
            continue;
        }
        if (line.starts_with("<<<")) {
            const std::string said(trim(line.substr(3)));
            if (!said.empty() && std::find(out.replies.begin(), out.replies.end(), said) == out.replies.end())
                out.replies.push_back(said);
            continue;
        }
        if (in_session) continue;
        if (line.starts_with("... while talking to ")) {
            in_session = true;
            continue;
        }
        if (line.starts_with("<")) {
            // "<a@b>... Deferred: Name server: example.co.jp.: host name lookup failure"
            const std::size_t dots = line.find(">...");
            if (dots != std::string_view::npos) {
                const std::size_t sp = line.find(' ', dots);
                if (sp != std::string_view::npos) out.own_diagnosis = std::string(trim(line.substr(sp + 1)));
            }
            continue;
        }
        const std::string reply = find_reply_code(line.substr(0, 3));
        const std::string status = line.size() > 4 ? find_status_code(line.substr(4, 8)) : std::string();
        if (!reply.empty() && !status.empty() && line.size() > 3 && (line[3] == ' ' || line[3] == '\t')) {
            out.own_status = status;
            out.own_diagnosis += (out.own_diagnosis.empty() ? "" : " ") + std::string(line);
        } else if (line.starts_with("Message: ") || line.starts_with("Warning: ")) {
            out.own_diagnosis += (out.own_diagnosis.empty() ? "" : " ") + std::string(line);
        }
    }
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// True when `diagnostic` says more than the address it is about: "<a@b>:" alone explains nothing.
bool explains_something(std::string_view diagnostic, std::string_view address) {
    std::size_t letters = 0;
    std::size_t i = 0;
    while (i < diagnostic.size()) {
        if (!address.empty() && i + address.size() <= diagnostic.size() &&
            iequals(diagnostic.substr(i, address.size()), address)) {
            i += address.size();
            continue;
        }
        if (std::isalnum(static_cast<unsigned char>(diagnostic[i])) || static_cast<unsigned char>(diagnostic[i]) >= 0x80)
            ++letters;
        ++i;
    }
    return letters >= 4;
}

void apply_format_quirks(std::string_view format, Evidence& e) {
    for (const FormatQuirk& q : format_quirks()) {
        if (q.format != format) continue;
        if (q.status_from_text) e.status = find_status_code(e.diagnostic);
        const bool generic = e.status.size() >= 5 && (e.status.substr(1, 4) == ".0.0" || e.status.substr(1, 4) == ".1.0");
        if (!q.quote_open.empty() && generic) {
            const std::size_t open = e.diagnostic.find(q.quote_open);
            const std::size_t close = e.diagnostic.rfind(q.quote_close);
            if (open != std::string::npos && close != std::string::npos && close > open) {
                const std::string code = find_status_code(
                    std::string_view(e.diagnostic).substr(open + q.quote_open.size(), close - open - q.quote_open.size()));
                if (!code.empty()) e.status = code;
            }
        }
    }
}

// What is known of the whole report, the same for each of its recipients.
struct ReportContext {
    std::string format;
    std::string_view whole_report;  // the report text before the returned message
    std::string_view transcript;    // its Sendmail session transcript, if any
    SendmailSession session;        // ... as read from it
    bool only_one = false;          // the report is about one recipient: what it says anywhere applies to it
    std::string reporting_host;     // the host that wrote the bounce
    const HeaderList* headers = nullptr;
};

// A Sendmail DSN with a transcript: the Diagnostic-Code, or Sendmail's own coded lines when the
// field holds only an exit status ("X-Unix; 77"), after what the server said ("<<<") when the
// report is about one recipient. Sendmail's summary lines ("550 5.1.1 <a>... User unknown") are
// its verdict on the session, not the server's reason, and are left out.
std::string sendmail_diagnostic(const Finding& f, const ReportContext& c) {
    std::string diagnostic = squeeze_spaces(f.diagnostic);
    if ((diagnostic.empty() || all_digits(diagnostic)) && !c.session.own_diagnosis.empty())
        diagnostic = squeeze_spaces(c.session.own_diagnosis);
    if (c.only_one && !c.session.replies.empty()) {
        std::string said;
        for (const auto& r : c.session.replies) said += (said.empty() ? "" : " ") + r;
        diagnostic = squeeze_spaces(said + " " + diagnostic);
    }
    return diagnostic;
}

Recipient make_recipient(const Finding& f, const std::string& report_paragraph, const ReportContext& c) {
    const std::string_view whole_report = c.whole_report;
    const bool only_one = c.only_one;
    const std::string& reporting_host = c.reporting_host;
    const HeaderList& headers = *c.headers;
    const bool sendmail_dsn = f.from_dsn && !c.transcript.empty();
    Recipient r;
    r.address = f.address;
    r.original_recipient = f.original_recipient;
    Evidence& e = r.evidence;
    e.format = c.format;
    e.action = f.action;
    e.remote_mta = f.remote_mta;
    // The DSN's Diagnostic-Code is the remote server's own words; the text paragraph is the
    // reporting MTA's retelling, used when the DSN has none.
    std::string diagnostic = squeeze_spaces(f.diagnostic);
    const std::string text = squeeze_spaces(f.text_diagnostic);
    // The report's own text often quotes the whole reply where the Diagnostic-Code field kept only
    // its first line (Postfix's "host X said: ... (in reply to RCPT TO command)"): the longer text
    // that contains the field says the same, and more. A transcript without a DSN (V5 Sendmail)
    // gives the reply itself.
    const TranscriptReply said = sendmail_dsn ? TranscriptReply{} : transcript_reply(c.transcript, f.address, only_one);
    const std::string& reply = said.reply;
    if (sendmail_dsn) {
        diagnostic = sendmail_diagnostic(f, c);
    } else {
        if (!reply.empty() && (diagnostic.empty() || istarts_with(reply, diagnostic))) diagnostic = reply;
        else if (!reply.empty() && !icontains(diagnostic, reply)) diagnostic = reply + " " + diagnostic;
        if (!text.empty() && (diagnostic.empty() || (text.size() > diagnostic.size() && icontains(text, diagnostic))))
            diagnostic = text;
    }
    if (!explains_something(diagnostic, f.address)) diagnostic = report_paragraph;
    // "There was an error delivering your mail to <a@b>." with the server's reply in the next
    // paragraph (DragonFly, many appliances): a report about one recipient lends it its reply.
    if (only_one && !f.from_dsn && find_status_code(diagnostic).empty() && find_reply_code(diagnostic).empty()) {
        const std::string code = find_status_code(whole_report);
        if (!code.empty()) {
            const std::string around = paragraph_about(whole_report, code);
            if (!around.empty() && !icontains(diagnostic, around)) diagnostic += " " + around;
        }
    }
    // Reports that list the address on its own (Gmail, Exim, Google Groups, Domino) explain the
    // failure in the text around the list: the whole report, within the diagnostic cap.
    if (!f.from_dsn && !explains_something(diagnostic, f.address))
        diagnostic = squeeze_spaces(whole_report.substr(0, kMaxDiagnosticChars * 2));
    e.diagnostic = clip(std::move(diagnostic));
    e.diagnostic_type = f.diagnostic_type;
    e.reporting_host = reporting_host;
    e.status = f.status;
    if (sendmail_dsn && !is_status_code(e.status)) e.status = c.session.own_status;
    if (e.status.empty()) e.status = find_status_code(e.diagnostic);
    apply_format_quirks(c.format, e);
    e.reply_code = find_reply_code(e.diagnostic);
    const std::string context = f.text_diagnostic + " " + report_paragraph + " " + e.diagnostic;
    if (sendmail_dsn) {
        // the session's last command; a server that answered without one refused the greeting
        e.command = !c.session.last_command.empty() ? c.session.last_command
                    : !c.session.replies.empty()    ? "EHLO"
                                                    : std::string();
    } else {
        e.command = !said.command.empty() ? said.command : find_command(context);
        if (e.command.empty() && only_one) e.command = find_command(whole_report);
    }
    e.format_reason = category_reason(f.bounce_category);
    if (!e.format_reason) e.format_reason = format_reason(e.diagnostic, headers, reporting_host);
    // (a Sendmail transcript's diagnostic is complete as built: the rest of its text is the session)
    if (!e.format_reason && only_one && !sendmail_dsn) e.format_reason = format_reason(whole_report, headers, reporting_host);
    if (e.remote_mta.empty()) e.remote_mta = find_remote_host(context);
    if (e.action.empty()) {
        if (e.status.starts_with("4")) e.action = "delayed";
        else if (e.status.starts_with("2")) e.action = "delivered";
        else e.action = "failed";
    }
    r.classification = classify(e);
    return r;
}

// The format's name, from the most specific evidence first: a header only that software writes,
// then its sender address, then its own wording, and last the subject (several MTAs share subjects
// such as "Delivery Status Notification").
std::string name_format(const Message& m, std::string_view report, bool has_dsn) {
    const std::string from = find_header(m.headers, "From").value_or("");
    const std::string subject = find_header(m.headers, "Subject").value_or("");
    for (const TextFormat& f : text_formats())
        for (std::string_view h : f.header_hints) {
            const std::size_t colon = h.find(':');
            const auto value = find_header(m.headers, h.substr(0, colon));
            if (value && (colon == std::string_view::npos || icontains(*value, trim(h.substr(colon + 1)))))
                return std::string(f.name);
        }
    for (const TextFormat& f : text_formats())
        if (any_of_in(from, f.from_hints)) return std::string(f.name);
    for (const TextFormat& f : text_formats())
        if (any_of_in(report, f.body_hints)) return std::string(f.name);
    for (const TextFormat& f : text_formats())
        if (any_of_in(subject, f.subject_hints)) return std::string(f.name);
    return has_dsn ? "rfc3464" : "text";
}

// RFC 5965 complaint reports, and the two common non-standard ones: Microsoft's JMRP (a
// multipart/mixed "complaint about message from" with the original attached) and Apple's
// one-click unsubscribe notice.
bool is_feedback_report(const Message& m) {
    if (m.report_type == "feedback-report") return true;
    for (const Part& p : m.parts)
        if (!p.in_returned_message && p.media_type == "message/feedback-report") return true;
    const std::string subject = find_header(m.headers, "Subject").value_or("");
    if (m.media_type == "multipart/mixed" && icontains(subject, "complaint about message from")) return true;
    return iequals(trim(find_header(m.headers, "X-Apple-Unsubscribe").value_or("")), "true");
}

void read_feedback_report(const Message& m, const std::optional<HeaderList>& returned, BounceReport& report) {
    report.kind = ReportKind::feedback;
    report.format = "arf";
    const std::string original_to = returned ? header_address(find_header(*returned, "To").value_or("")) : "";
    std::vector<std::string> recipients;
    for (const Part& p : m.parts) {
        if (p.in_returned_message || p.media_type != "message/feedback-report") continue;
        for (const Header& h : parse_header_block(p.text)) {
            if (iequals(h.name, "Reporting-MTA")) report.reporting_mta = field_value_after_type(h.value);
            if (!iequals(h.name, "Original-Rcpt-To") && !iequals(h.name, "Redacted-Address")) continue;
            std::string a = field_address(h.value);
            // RFC 6590 redaction keeps only the domain part or nothing: the original's To is better.
            if (a.ends_with("@")) a = original_to;
            if (a.find('@') != std::string::npos) recipients.push_back(a);
        }
    }
    if (recipients.empty() && returned)
        if (auto v = find_header(*returned, "X-HmXmrOriginalRecipient")) recipients.push_back(header_address(*v));
    if (recipients.empty() && iequals(trim(find_header(m.headers, "X-Apple-Unsubscribe").value_or("")), "true"))
        recipients.push_back(header_address(find_header(m.headers, "From").value_or("")));
    if (recipients.empty()) recipients.push_back(original_to);  // may be empty: complaint about an unknown address
    std::unordered_set<std::string> seen;
    for (const std::string& a : recipients) {
        if (!seen.insert(to_lower(a)).second) continue;
        Recipient r;
        r.address = a;
        r.evidence.format = "arf";
        r.classification.reason = Reason::feedback;
        r.reporting_mta = report.reporting_mta;
        report.recipients.push_back(std::move(r));
    }
}

// Every phrase-list table of formats.h, compiled together on first use and read-only after that,
// so that threads share them without locking.
const NeedleSet& compiled(const std::vector<std::string_view>& table) {
    struct Registry {
        std::unordered_map<const void*, std::unique_ptr<NeedleSet>> sets;
        void add(const std::vector<std::string_view>& t) { sets.emplace(&t, std::make_unique<NeedleSet>(t)); }
        Registry() {
            const BounceHints& b = bounce_hints();
            for (const auto* t : {&b.sender_names, &b.subjects, &b.body_phrases, &recipient_list_openers(),
                                  &failure_words()})
                add(*t);
            for (const TextFormat& f : text_formats()) {
                add(f.from_hints);
                add(f.subject_hints);
                add(f.body_hints);
            }
        }
    };
    static const Registry kRegistry;
    const auto it = kRegistry.sets.find(&table);
    if (it == kRegistry.sets.end()) throw std::logic_error("phrase table not registered in compiled()");
    return *it->second;
}

}  // namespace

BounceReport analyse_bounce(const Message& message, const Limits& limits) {
    BounceReport report;
    const std::string text = unquote_if_forwarded(message, report_text(message));
    const Regions regions = split_at_returned(text);

    std::optional<HeaderList> returned = message.returned_headers;
    if (!returned && !regions.returned.empty()) {
        HeaderList inline_headers = parse_header_block(regions.returned);
        if (find_header(inline_headers, "Message-ID") || find_header(inline_headers, "Subject") ||
            find_header(inline_headers, "From"))
            returned = std::move(inline_headers);
    }
    if (returned) report.original = returned_from(*returned);

    if (auto ses = read_ses_notification(regions.report, limits.max_recipients)) {
        ses->original = ses->original.message_id ? ses->original : report.original;
        return *ses;
    }

    if (is_feedback_report(message)) {
        read_feedback_report(message, returned, report);
        return report;
    }

    // RFC 3464: every delivery-status part, and DSN fields written as text by MTAs that do not
    // build a multipart/report.
    DeliveryStatus ds;
    bool has_dsn = false;
    for (const Part& p : message.parts) {
        if (p.in_returned_message || !is_report_part(p)) continue;
        DeliveryStatus one = parse_delivery_status(p.text, limits.max_recipients);
        has_dsn = true;
        if (ds.reporting_mta.empty()) ds.reporting_mta = one.reporting_mta;
        for (auto& r : one.recipients) ds.recipients.push_back(std::move(r));
    }
    if (!has_dsn) {
        // A bounce that returns another bounce (a relay's notice wrapping the first MTA's DSN):
        // the inner report names the recipients.
        for (const Part& p : message.parts) {
            if (!p.in_returned_message || !is_report_part(p)) continue;
            DeliveryStatus inner = parse_delivery_status(p.text, limits.max_recipients);
            if (ds.reporting_mta.empty()) ds.reporting_mta = inner.reporting_mta;
            for (auto& r : inner.recipients) ds.recipients.push_back(std::move(r));
        }
        has_dsn = !ds.recipients.empty();
    }
    if (!has_dsn && icontains(regions.report, "final-recipient:") && icontains(regions.report, "status:")) {
        ds = parse_delivery_status(regions.report, limits.max_recipients);
        has_dsn = !ds.recipients.empty();
    }

    const bool daemon = sender_is_daemon(message);
    const std::string subject = find_header(message.headers, "Subject").value_or("");
    const bool subject_says = any_of_in(subject, bounce_hints().subjects);
    const bool body_says = any_of_in(regions.report, bounce_hints().body_phrases);
    const bool report_type = message.report_type == "delivery-status";
    const bool failed_header = find_header(message.headers, "X-Failed-Recipients").has_value();
    const bool looks_like_bounce = has_dsn || report_type || failed_header || daemon || (subject_says && body_says);

    if (!looks_like_bounce) {
        // Auto-replies are read by detect_autoreply (autoreply.cpp, tables in autoreply_table.cpp),
        // the one place that knows them.
        if (detect_autoreply(message)) {
            report.kind = ReportKind::autoreply;
            report.format = "rfc3834";
            Recipient r;
            r.address = header_address(find_header(message.headers, "From").value_or(""));
            r.evidence.format = "rfc3834";
            r.classification.reason = Reason::vacation;
            if (!r.address.empty()) report.recipients.push_back(std::move(r));
        }
        return report;
    }

    report.kind = ReportKind::bounce;
    report.format = name_format(message, regions.report, has_dsn);
    report.reporting_mta = ds.reporting_mta;
    const auto excluded = excluded_addresses(message, returned);

    const std::vector<Finding> from_text = read_text_recipients(regions.report, excluded, limits.max_recipients);
    std::vector<Finding> findings;
    for (const DsnRecipient& d : ds.recipients) {
        Finding f;
        f.address = !d.final_recipient.empty() ? d.final_recipient : d.original_recipient;
        if (!d.x_actual_recipient.empty() && d.final_recipient.empty()) f.address = d.x_actual_recipient;
        f.original_recipient = d.original_recipient;
        f.action = d.action;
        f.status = d.status;
        f.remote_mta = d.remote_mta;
        f.diagnostic = d.diagnostic;
        f.diagnostic_type = d.diagnostic_type;
        f.from_dsn = true;
        f.bounce_category = d.bounce_category;
        // A Final-Recipient that is no address ("@mx.example.org", a source route, a pipe):
        // the original recipient, then the diagnostic, name the mailbox.
        if (!is_mailbox(f.address) && is_mailbox(d.original_recipient)) f.address = d.original_recipient;
        if (!is_mailbox(f.address)) {
            const auto in_text = find_addresses(d.diagnostic, 4);
            if (!in_text.empty()) f.address = in_text.front().address;
        }
        // ... or the report's text, when it names exactly one recipient
        if (!is_mailbox(f.address) && ds.recipients.size() == 1 && from_text.size() == 1) f.address = from_text.front().address;
        // RFC 3464 §2.3.3: only these actions report a failure or a delay; "delivered",
        // "relayed" and "expanded" are success notices.
        findings.push_back(std::move(f));
    }
    if (findings.empty()) {
        findings = from_text;
    } else {
        for (Finding& f : findings)
            for (const Finding& t : from_text)
                if (iequals(t.address, f.address)) f.text_diagnostic = t.text_diagnostic;
    }
    if (findings.empty()) {
        // X-Failed-Recipients (Exim, Gmail) names them when the text does not.
        if (auto v = find_header(message.headers, "X-Failed-Recipients"))
            for (const auto& a : find_addresses(*v, limits.max_recipients)) {
                Finding f;
                f.address = a.address;
                findings.push_back(std::move(f));
            }
    }
    if (findings.empty() && report.original.to) {
        // A report that names nobody ("Delivery report unavailable", "No valid recipients for
        // this MM") is about the returned message's own addressee.
        for (const auto& a : find_addresses(*report.original.to, limits.max_recipients)) {
            if (excluded.contains(to_lower(a.address))) continue;
            Finding f;
            f.address = a.address;
            findings.push_back(std::move(f));
        }
    }

    ReportContext context;
    context.format = report.format;
    context.whole_report = regions.report;
    context.transcript = session_transcript(regions.report);
    if (!context.transcript.empty()) context.session = read_sendmail_session(context.transcript);
    context.only_one = findings.size() == 1;
    context.reporting_host = bounce_host(message);
    context.headers = &message.headers;
    std::unordered_set<std::string> seen;
    for (const Finding& f : findings) {
        if (f.address.empty() || !seen.insert(to_lower(f.address)).second) continue;
        if (report.recipients.size() >= limits.max_recipients) break;
        Recipient r = make_recipient(f, paragraph_about(regions.report, f.address), context);
        r.reporting_mta = ds.reporting_mta;
        report.recipients.push_back(std::move(r));
    }
    return report;
}

bool may_be_report(const HeaderList& headers, std::string_view envelope_sender) {
    const auto local_is = [](std::string_view address, std::initializer_list<std::string_view> names) {
        const std::string_view local = address.substr(0, address.find('@'));
        return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return iequals(local, n); });
    };
    if (detail::trim(envelope_sender).empty()) return true;
    if (local_is(envelope_sender, {"mailer-daemon", "postmaster", "bounce", "bounces"})) return true;
    const auto from = addresses_of(find_header(headers, "From").value_or(""));
    if (!from.empty() && local_is(from.front(), {"mailer-daemon", "postmaster"})) return true;
    if (find_header(headers, "X-Failed-Recipients")) return true;
    const std::string type = to_lower(find_header(headers, "Content-Type").value_or(""));
    return type.find("report") != std::string::npos;
}

}  // namespace mailkeeper::parser
