// What signature blocks are made of, as data: field labels, closings, title words, legal forms,
// street words, country names, Chinese surnames. A new label or legal form is a row in
// contact_tables.cpp plus a block in tests/data/signatures/blocks/; contact.cpp reads only these.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace mailkeeper::parser::detail {

// What a label says its value is. A compound label ("Mob/WhatsApp:", "Tel/Fax:") carries several.
enum LabelKind : std::uint32_t {
    kLabelPhone = 1u << 0,     // "Tel", "Phone", "电话": mobile or office as the number says
    kLabelOffice = 1u << 1,    // "Office", "Direct", "座机": a fixed line whatever the number
    kLabelMobile = 1u << 2,    // "Mob", "Cell", "M", "手机"
    kLabelFax = 1u << 3,       // "Fax", "F", "传真"
    kLabelWhatsApp = 1u << 4,  // "WhatsApp", "WA"
    kLabelWeChat = 1u << 5,    // "WeChat", "微信"
    kLabelSkype = 1u << 6,
    kLabelQq = 1u << 7,
    kLabelEmail = 1u << 8,     // "E-mail", "E", "邮箱"
    kLabelWeb = 1u << 9,       // "Web", "W", "网址"
    kLabelLinkedIn = 1u << 10,
    kLabelAddress = 1u << 11,  // "Add", "Address", "地址"
    kLabelName = 1u << 12,     // "Name", "姓名", "联系人"
    kLabelTitle = 1u << 13,    // "Title", "Position", "职位"
    kLabelCompany = 1u << 14,  // "Company", "公司"
    kLabelIgnored = 1u << 15,  // values that are not contact details: tax and register numbers,
                               // bank accounts, other social networks, a German imprint's directors
};
inline constexpr std::uint32_t kPhoneLabels = kLabelPhone | kLabelOffice | kLabelMobile | kLabelFax | kLabelWhatsApp;

struct ContactLabel {
    std::string_view text;  // ASCII lowercase, or UTF-8 as written (Chinese)
    std::uint32_t kinds;
};
// Every label, longest first within each first byte (the matcher takes the first that fits).
const std::vector<ContactLabel>& contact_labels();

// Closing lines that precede the name ("Best regards", "此致", "顺祝商祺"), lowercase, without
// trailing punctuation. Matched against a whole line or its start before a comma or dash.
const std::vector<std::string_view>& closing_phrases();

// Lines that are not the sender's details at all ("Sent from my iPhone", disclaimers): skipped.
// Matched (lowercase) at the start of a line.
const std::vector<std::string_view>& skipped_line_starts();

// Words of job titles. ASCII ones are whole words (lowercase, dots removed); Chinese ones are
// matched as substrings.
const std::vector<std::string_view>& title_words();
const std::vector<std::string_view>& han_title_words();

// Legal forms that end company names ("Ltd", "GmbH", "S.r.l."), as whole words, lowercase with
// dots removed. `upper_only` forms are also ordinary words or initials ("AG", "SA", "AB") and
// count only written in capitals.
struct LegalForm {
    std::string_view word;
    bool upper_only;
};
const std::vector<LegalForm>& legal_forms();
// A legal form as a word of `text` ("Ltd", "GmbH", capitals-only ones in capitals, "Co." with its
// dot: "CO 80202" is Colorado), or a Chinese company name's ending. Defined in contact.cpp.
bool has_legal_form(std::string_view text);

// Chinese company names end with (or contain) these: 有限公司, 集团, 厂 ...
const std::vector<std::string_view>& han_company_words();

// Words of street addresses (lowercase, dots removed) and German street-name endings
// ("Leopoldstraße", "Hauptstr."), which count when a house number follows.
const std::vector<std::string_view>& street_words();
const std::vector<std::string_view>& street_endings();
// Parts of Chinese addresses: 省, 市, 区, 路, 号 ...
const std::vector<std::string_view>& han_address_words();

// Country names as written in addresses (lowercase, dots removed), with their ISO 3166 code.
struct CountryName {
    std::string_view name;
    std::string_view code;
};
const std::vector<CountryName>& country_names();

// Common Chinese family names (the first one or two characters of a name written in Chinese).
const std::vector<std::string_view>& han_surnames();
// Two- to four-character words that look like names and are not: places that end addresses.
const std::vector<std::string_view>& han_non_names();

// Lowercase name particles that may sit inside a name ("van", "de", "bin").
const std::vector<std::string_view>& name_particles();

// Country-code top-level domains sold as generic names (.io, .co, .me): they say nothing about
// where the sender is.
const std::vector<std::string_view>& generic_cctlds();

// Hosts of social networks other than LinkedIn: not the company's website.
const std::vector<std::string_view>& social_hosts();

}  // namespace mailkeeper::parser::detail
