#include "dsn.h"

#include <algorithm>
#include <cctype>

#include "text.h"

namespace mailkeeper::parser::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Field {
    std::string name;  // lowercased
    std::string value;
};

std::vector<Field> read_fields(std::string_view text) {
    std::vector<Field> fields;
    bool last_was_field = false;
    for (std::string_view line : split_lines(text)) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (trim(line).empty()) {
            last_was_field = false;
            fields.push_back({"", ""});  // group break marker
            continue;
        }
        if ((line[0] == ' ' || line[0] == '\t') && last_was_field && !fields.empty()) {
            fields.back().value += ' ';
            fields.back().value += trim(line);
            continue;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0 || colon > 40) {
            last_was_field = false;
            continue;
        }
        const std::string_view name = trim(line.substr(0, colon));
        if (name.find(' ') != std::string_view::npos) {
            last_was_field = false;
            continue;
        }
        fields.push_back({to_lower(name), std::string(trim(line.substr(colon + 1)))});
        last_was_field = true;
    }
    return fields;
}

}  // namespace

std::string field_value_after_type(std::string_view value) {
    const std::size_t semi = value.find(';');
    if (semi != std::string_view::npos && semi < 20 && value.substr(0, semi).find(' ') == std::string_view::npos)
        value = value.substr(semi + 1);
    return std::string(trim(value));
}

std::string field_address(std::string_view value) {
    std::string v = field_value_after_type(value);
    std::string_view s = v;
    const std::size_t lt = s.find('<');
    if (lt != std::string_view::npos) {
        const std::size_t gt = s.find('>', lt);
        s = s.substr(lt + 1, gt == std::string_view::npos ? std::string_view::npos : gt - lt - 1);
    } else {
        const std::size_t sp = s.find_first_of(" \t(");
        if (sp != std::string_view::npos) s = s.substr(0, sp);
    }
    s = trim(s);
    // A quoted local part ("neko..nyaan"@example.org) keeps its quotes; quotes around the whole
    // address do not belong to it.
    const bool quoted_local = s.size() > 2 && s.front() == '"' && s.find("\"@") != std::string_view::npos;
    if (!quoted_local)
        while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
    while (!s.empty() && ((!quoted_local && s.back() == '"') || s.back() == '\'' || s.back() == '.' || s.back() == ',' ||
                          s.back() == '>'))
        s.remove_suffix(1);
    return std::string(s);
}

DeliveryStatus parse_delivery_status(std::string_view text, std::size_t max_recipients) {
    DeliveryStatus ds;
    DsnRecipient* current = nullptr;
    bool group_break = false;
    auto start_recipient = [&]() -> DsnRecipient* {
        if (ds.recipients.size() >= max_recipients) return nullptr;
        ds.recipients.emplace_back();
        group_break = false;
        return &ds.recipients.back();
    };
    for (const Field& f : read_fields(text)) {
        if (f.name.empty()) {
            group_break = true;
            continue;
        }
        const std::string& n = f.name;
        if (n == "reporting-mta") {
            ds.reporting_mta = field_value_after_type(f.value);
            continue;
        }
        if (n == "received-from-mta") {
            ds.received_from_mta = field_value_after_type(f.value);
            continue;
        }
        const bool is_rcpt_field = n == "final-recipient" || n == "original-recipient";
        const bool is_other = n == "action" || n == "status" || n == "remote-mta" || n == "diagnostic-code" ||
                              n == "x-actual-recipient" || n == "last-attempt-date" || n == "final-log-id" ||
                              n == "will-retry-until" || n == "x-powermta-bouncecategory";
        if (!is_rcpt_field && !is_other) continue;
        if (is_rcpt_field) {
            // Either field may come first (RFC 3464 lists Original- first, Postfix writes Final-
            // first); a field already set, or a blank line after a complete group, starts the next.
            const bool taken = current && (n == "final-recipient" ? !current->final_recipient.empty()
                                                                  : !current->original_recipient.empty());
            const bool complete = current && (!current->action.empty() || !current->status.empty());
            if (!current || taken || (group_break && complete)) current = start_recipient();
            if (!current) break;
            (n == "final-recipient" ? current->final_recipient : current->original_recipient) = field_address(f.value);
            continue;
        }
        if (!current) {
            current = start_recipient();
            if (!current) break;
        }
        if (n == "action") current->action = to_lower(trim(f.value.substr(0, f.value.find_first_of(" (;"))));
        else if (n == "status") current->status = find_status_code(f.value);
        else if (n == "remote-mta") current->remote_mta = to_lower(field_value_after_type(f.value));
        else if (n == "x-actual-recipient") current->x_actual_recipient = field_address(f.value);
        else if (n == "x-powermta-bouncecategory") current->bounce_category = to_lower(trim(f.value));
        else if (n == "diagnostic-code") {
            const std::size_t semi = f.value.find(';');
            if (semi != std::string::npos && semi < 20) {
                current->diagnostic_type = to_lower(trim(f.value.substr(0, semi)));
                current->diagnostic = trim(f.value.substr(semi + 1));
            } else {
                current->diagnostic = trim(f.value);
            }
        }
    }
    // A group with neither recipient field is noise (a stray field in a text part).
    std::erase_if(ds.recipients, [](const DsnRecipient& r) { return r.final_recipient.empty() && r.original_recipient.empty(); });
    return ds;
}

std::string find_status_code(std::string_view text) {
    // class "." subject(1-3 digits) "." detail(1-3 digits), not inside a longer number or an IP.
    for (std::size_t i = 0; i + 5 <= text.size(); ++i) {
        const char c = text[i];
        if (c != '2' && c != '4' && c != '5') continue;
        if (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == '.')) continue;
        if (text[i + 1] != '.') continue;
        std::size_t j = i + 2, k = j;
        while (k < text.size() && is_digit(text[k]) && k - j < 3) ++k;
        if (k == j || k >= text.size() || text[k] != '.') continue;
        std::size_t m = k + 1, e = m;
        while (e < text.size() && is_digit(text[e]) && e - m < 3) ++e;
        if (e == m) continue;
        if (e < text.size() && (is_digit(text[e]) || (text[e] == '.' && e + 1 < text.size() && is_digit(text[e + 1]))))
            continue;
        return std::string(text.substr(i, e - i));
    }
    return {};
}

bool is_status_code(std::string_view s) {
    if (s.size() < 5 || s.size() > 9) return false;
    if (s[0] != '2' && s[0] != '4' && s[0] != '5') return false;
    if (s[1] != '.' || !is_digit(s[2]) || s[2] > '7' || s[3] != '.') return false;
    const auto detail = s.substr(4);
    if (detail.empty() || detail.size() > 3) return false;
    return std::all_of(detail.begin(), detail.end(), is_digit);
}

std::string find_reply_code(std::string_view text) {
    // A three-digit 2xx/4xx/5xx standing alone, followed by space, '-' or end: "550 5.1.1", "550-".
    for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
        const char c = text[i];
        if (c != '2' && c != '4' && c != '5') continue;
        if (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == '.' || std::isalpha(static_cast<unsigned char>(text[i - 1]))))
            continue;
        if (!is_digit(text[i + 1]) || !is_digit(text[i + 2])) continue;
        if (text[i + 1] > '5') continue;
        const std::size_t e = i + 3;
        // after a label ("ERROR_CODE :550, ERROR_CODE :5.1.1") a comma or semicolon may follow
        const bool labelled = i > 0 && text[i - 1] == ':';
        if (e < text.size() && text[e] != ' ' && text[e] != '-' && text[e] != '\t' && text[e] != ']' && text[e] != ')' &&
            !(labelled && (text[e] == ',' || text[e] == ';')))
            continue;
        return std::string(text.substr(i, 3));
    }
    return {};
}

}  // namespace mailkeeper::parser::detail
