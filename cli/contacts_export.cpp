#include "contacts_export.h"

#include <mailkeeper/milter/pipeline.h>
#include <mailkeeper/storage/store.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "json_lines.h"

namespace mailkeeper::cli {
namespace {

using json = nlohmann::json;

// RFC 6350 §3.2: a content line is folded after at most 75 octets.
constexpr std::size_t kVcardLineOctets = 75;

// Chinese family names of two characters: the rest of a name written in Chinese is one character
// of family name and the given name.
constexpr std::array<std::string_view, 20> kCompoundSurnames{
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "司徒", "夏侯", "轩辕", "令狐", "端木", "南宫", "西门", "独孤", "宇文", "呼延"};

// What the export writes of one contact.
struct Row {
    const storage::ContactCardRecord* card = nullptr;
    std::optional<std::string> name, company, country, title, linkedin, whatsapp, wechat, skype, website, address;
    std::vector<std::pair<std::string, std::string>> phones;  // kind, E.164
    std::vector<std::string> emails;                          // from signatures, other than the address
};

Row row_of(const storage::ContactCardRecord& card) {
    Row r;
    r.card = &card;
    for (const auto& f : card.fields) {
        std::optional<std::string>* single = f.field == "name"       ? &r.name
                                             : f.field == "company"  ? &r.company
                                             : f.field == "country"  ? &r.country
                                             : f.field == "title"    ? &r.title
                                             : f.field == "linkedin" ? &r.linkedin
                                             : f.field == "whatsapp" ? &r.whatsapp
                                             : f.field == "wechat"   ? &r.wechat
                                             : f.field == "skype"    ? &r.skype
                                             : f.field == "website"  ? &r.website
                                             : f.field == "address"  ? &r.address
                                                                     : nullptr;
        if (single) {
            if (!*single) *single = f.value;
        } else if (f.field.starts_with("phone:")) {
            r.phones.emplace_back(f.field.substr(6), f.value);
        } else if (f.field == "email" && f.value != card.contact.address) {
            r.emails.push_back(f.value);
        }
    }
    return r;
}

std::string when(std::optional<storage::Timestamp> t) { return !t || *t == 0 ? "" : milter::format_local_time(*t); }

std::string status_of(const storage::Contact& c) { return std::string(storage::to_string(c.state)); }

std::string phones_text(const Row& r) {
    std::string out;
    for (const auto& [kind, number] : r.phones) out += (out.empty() ? "" : "; ") + kind + ": " + number;
    return out;
}

std::string emails_text(const Row& r) {
    std::string out;
    for (const auto& e : r.emails) out += (out.empty() ? "" : "; ") + e;
    return out;
}

// ---- CSV (RFC 4180) ----

// A value from a stranger's signature must not run as a formula when Excel opens the file
// (OWASP's CSV injection): a leading =, +, -, @, tab or CR is preceded by an apostrophe.
std::string csv_field(std::string_view value) {
    std::string v(value);
    if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos) v.insert(0, 1, '\'');
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

void write_csv(const std::vector<Row>& rows, std::ostream& out) {
    out << "\xEF\xBB\xBF";  // UTF-8 BOM: without it Excel reads the file in the local ANSI code page
    bool first = true;
    for (const char* column : kExportColumns) out << (first ? "" : ",") << column, first = false;
    out << "\r\n";
    for (const auto& r : rows) {
        const auto& c = r.card->contact;
        const std::string values[] = {r.name.value_or(""),
                                      r.company.value_or(""),
                                      r.country.value_or(""),
                                      c.address,
                                      phones_text(r),
                                      r.title.value_or(""),
                                      r.linkedin.value_or(""),
                                      r.whatsapp.value_or(""),
                                      r.wechat.value_or(""),
                                      r.card->source,
                                      when(r.card->first_contact),
                                      when(c.last_heard),
                                      when(c.last_mailed),
                                      status_of(c),
                                      c.owner,
                                      r.address.value_or(""),
                                      r.website.value_or(""),
                                      emails_text(r)};
        static_assert(std::extent_v<decltype(values)> == std::extent_v<decltype(kExportColumns)>, "one value per CSV column");
        first = true;
        for (const auto& v : values) out << (first ? "" : ",") << csv_field(v), first = false;
        out << "\r\n";
    }
}

// ---- JSON Lines ----

json optional_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json time_json(std::optional<storage::Timestamp> t) { return t && *t ? json(*t) : json(nullptr); }

void write_json(const std::vector<Row>& rows, std::ostream& out) {
    for (const auto& r : rows) {
        const auto& c = r.card->contact;
        json phones = json::array();
        for (const auto& [kind, number] : r.phones) phones.push_back({{"kind", kind}, {"number", number}});
        out << dump_json(json{{"name", optional_json(r.name)},
                              {"company", optional_json(r.company)},
                              {"country", optional_json(r.country)},
                              {"email", c.address},
                              {"phones", phones},
                              {"title", optional_json(r.title)},
                              {"linkedin", optional_json(r.linkedin)},
                              {"whatsapp", optional_json(r.whatsapp)},
                              {"wechat", optional_json(r.wechat)},
                              {"source", r.card->source.empty() ? json(nullptr) : json(r.card->source)},
                              {"first_contact", time_json(r.card->first_contact)},
                              {"last_inbound", time_json(c.last_heard)},
                              {"last_outbound", time_json(c.last_mailed)},
                              {"status", status_of(c)},
                              {"owner", c.owner.empty() ? json(nullptr) : json(c.owner)},
                              {"website", optional_json(r.website)},
                              {"skype", optional_json(r.skype)},
                              {"address", optional_json(r.address)},
                              {"emails", r.emails},
                              {"replacement", optional_json(r.card->replacement)},
                              {"away_until", optional_json(c.away_until)}})
            << '\n';
    }
}

// ---- vCard 4.0 (RFC 6350) ----

// §3.4: backslash, comma, semicolon and newline in a text value are escaped.
std::string vcard_text(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == ',' || c == ';') out += '\\', out += c;
        else if (c == '\n') out += "\\n";
        else if (c != '\r') out += c;
    }
    return out;
}

// A URI value is not escaped, but it may not break the line either.
std::string vcard_uri(std::string_view v) {
    std::string out;
    for (char c : v)
        if (c != '\r' && c != '\n') out += c;
    return out;
}

// §3.2: lines longer than 75 octets are folded with CRLF and one space, never inside a UTF-8
// sequence (a split character is a broken character to every reader that decodes per line).
void write_folded(std::ostream& out, std::string_view line) {
    std::size_t limit = kVcardLineOctets;
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out << line.substr(0, cut) << "\r\n ";
        line.remove_prefix(cut);
        limit = kVcardLineOctets - 1;  // the leading space counts
    }
    out << line << "\r\n";
}

std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = s[i];
        const int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return {};
        char32_t cp = n == 1 ? c : c & (0x7F >> n);
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n;
    }
    return out;
}

bool is_han(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

bool all_caps(std::string_view w) {
    return w.size() > 1 && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// N (family; given) only where the split is sure: a Chinese name of two to four characters, or a
// Latin name of exactly two plain words (the one in capitals is the family name: "LI Ming").
// Elsewhere N is left out: RFC 6350 makes FN the required name, N optional.
std::optional<std::pair<std::string, std::string>> split_name(const std::string& name) {
    const auto cps = code_points(name);
    if (cps.size() >= 2 && cps.size() <= 4 && std::all_of(cps.begin(), cps.end(), is_han)) {
        // every Han character here is three octets
        std::size_t family = 3;
        for (auto s : kCompoundSurnames)
            if (cps.size() >= 3 && name.starts_with(s)) family = 6;
        return std::pair(name.substr(0, family), name.substr(family));
    }
    const auto space = name.find(' ');
    if (space == std::string::npos || name.find(' ', space + 1) != std::string::npos) return std::nullopt;
    const std::string a = name.substr(0, space), b = name.substr(space + 1);
    const auto plain = [](const std::string& w) {
        return w.size() > 1 && std::all_of(w.begin(), w.end(), [](char c) {
                   return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '\'';
               });
    };
    if (!plain(a) || !plain(b)) return std::nullopt;
    if (all_caps(a) && !all_caps(b)) return std::pair(a, b);
    return std::pair(b, a);
}

std::string with_scheme(const std::string& url) {
    return url.find("://") == std::string::npos ? "https://" + url : url;
}

void write_vcard(const std::vector<Row>& rows, std::ostream& out) {
    for (const auto& r : rows) {
        const auto& c = r.card->contact;
        const auto line = [&](const std::string& l) { write_folded(out, l); };
        line("BEGIN:VCARD");
        line("VERSION:4.0");
        line("PRODID:-//mailkeeper//contacts export//EN");
        line("FN:" + vcard_text(r.name.value_or(c.address)));
        if (r.name)
            if (auto n = split_name(*r.name)) line("N:" + vcard_text(n->first) + ";" + vcard_text(n->second) + ";;;");
        if (r.company) line("ORG:" + vcard_text(*r.company));
        if (r.title) line("TITLE:" + vcard_text(*r.title));
        line("EMAIL;PREF=1:" + vcard_text(c.address));
        for (const auto& e : r.emails) line("EMAIL:" + vcard_text(e));
        for (const auto& [kind, number] : r.phones) {
            // §6.4.1: TYPE cell, voice, fax ... with work for office numbers; tel: URIs (RFC 3966)
            const std::string type = kind == "mobile"   ? "cell"
                                     : kind == "office" ? "\"work,voice\""
                                     : kind == "fax"    ? "\"work,fax\""
                                                        : "voice";
            if (number.starts_with('+')) line("TEL;VALUE=uri;TYPE=" + type + ":tel:" + vcard_uri(number));
            else line("TEL;VALUE=text;TYPE=" + type + ":" + vcard_text(number));
        }
        if (r.website) line("URL:" + vcard_uri(with_scheme(*r.website)));
        // §6.3.1 ADR: the address as written goes in the street component, the country in the last
        if (r.address || r.country)
            line("ADR:;;" + vcard_text(r.address.value_or("")) + ";;;;" + vcard_text(r.country.value_or("")));
        // RFC 9554 §3.5 SOCIALPROFILE: a URI when there is one, else the handle as text with the
        // service it belongs to.
        if (r.linkedin) line("SOCIALPROFILE;SERVICE-TYPE=LinkedIn:" + vcard_uri(with_scheme(*r.linkedin)));
        if (r.whatsapp) {
            std::string digits;
            for (char ch : *r.whatsapp)
                if (ch >= '0' && ch <= '9') digits += ch;
            // WhatsApp's click-to-chat link takes the international number without '+'
            if (r.whatsapp->starts_with('+') && digits.size() >= 7)
                line("SOCIALPROFILE;SERVICE-TYPE=WhatsApp:https://wa.me/" + digits);
            else
                line("SOCIALPROFILE;SERVICE-TYPE=WhatsApp;VALUE=text:" + vcard_text(*r.whatsapp));
        }
        if (r.wechat) line("SOCIALPROFILE;SERVICE-TYPE=WeChat;VALUE=text:" + vcard_text(*r.wechat));
        if (r.skype) line("SOCIALPROFILE;SERVICE-TYPE=Skype;VALUE=text:" + vcard_text(*r.skype));
        // one fact a line: address books show NOTE's newlines
        std::string note = "status: " + status_of(c);
        if (!r.card->source.empty()) note += "\nsource: " + r.card->source;
        if (!c.owner.empty()) note += "\nowner: " + c.owner;
        if (r.card->replacement) note += "\nreplaced by: " + *r.card->replacement;
        if (auto t = when(r.card->first_contact); !t.empty()) note += "\nfirst contact: " + t;
        if (auto t = when(c.last_heard); !t.empty()) note += "\nlast inbound: " + t;
        if (auto t = when(c.last_mailed); !t.empty()) note += "\nlast outbound: " + t;
        line("NOTE:" + vcard_text(note));
        line("END:VCARD");
    }
}

}  // namespace

int run_contacts_export(const ContactsExportOptions& o, std::ostream& out, std::ostream& err) {
    if (o.format != "csv" && o.format != "json" && o.format != "vcard") {
        err << "mailkeeper contacts export: --format must be csv, json or vcard, not '" << o.format << "'\n";
        return 2;
    }
    auto store = open_store(o.db, false);
    if (!store) return err << store.error(), 1;
    auto cards = (*store)->contact_cards();
    if (!cards) return err << cards.error().message << '\n', 1;
    std::vector<Row> rows;
    rows.reserve(cards->size());
    for (const auto& card : *cards) rows.push_back(row_of(card));

    std::ofstream file;
    if (!o.output.empty()) {
        file.open(o.output, std::ios::binary | std::ios::trunc);
        if (!file) return err << "mailkeeper contacts export: cannot write " << o.output << '\n', 1;
    }
    std::ostream& to = o.output.empty() ? out : file;
    if (o.format == "csv") write_csv(rows, to);
    else if (o.format == "json") write_json(rows, to);
    else write_vcard(rows, to);
    to.flush();
    if (!to) return err << "mailkeeper contacts export: write error" << (o.output.empty() ? "" : " on " + o.output) << '\n', 1;
    return 0;
}

}  // namespace mailkeeper::cli
