// Contact cards from signature blocks: the golden blocks in tests/data/signatures/blocks (each
// *.txt beside the *.expected.json card it should give), then one behaviour per case.
#include <doctest/doctest.h>
#include <mailkeeper/parser/contact.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

// Work on hostile input is bounded by the limits, linear in what they let through: a megabyte
// read quadratically takes minutes, linearly milliseconds. The bound leaves room for sanitizer
// builds on a loaded CI machine; it is no speed target.
constexpr auto kBounded = std::chrono::seconds(2);

using namespace mailkeeper::parser;
namespace fs = std::filesystem;

namespace {

const fs::path kBlocks = fs::path(MAILKEEPER_TEST_DATA) / "signatures" / "blocks";

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

SignatureBlock block_of(std::string_view text) {
    SignatureBlock block;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        block.lines.emplace_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return block;
}

ContactCard card_of(std::string_view text, Sender sender = {}, std::string region = "US") {
    ContactOptions options;
    options.default_region = std::move(region);
    return extract_contact(block_of(text), sender, options);
}

std::string value_of(const std::optional<Field>& f) { return f ? f->value : std::string("(none)"); }

const Phone* phone_of(const ContactCard& card, std::string_view kind) {
    for (const Phone& p : card.phones)
        if (p.kind == kind) return &p;
    return nullptr;
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

// Every string the card holds, for checks that hold for all of them.
std::vector<std::string> card_values(const ContactCard& c) {
    std::vector<std::string> out;
    for (const auto* f : {&c.name, &c.title, &c.company, &c.website, &c.linkedin, &c.whatsapp, &c.wechat, &c.skype, &c.qq,
                          &c.address, &c.country})
        if (*f) out.push_back((*f)->value);
    for (const auto& p : c.phones) {
        out.push_back(p.e164);
        out.push_back(p.raw);
    }
    for (const auto& e : c.emails) out.push_back(e.value);
    return out;
}

const std::optional<Field>& field_named(const ContactCard& c, std::string_view name) {
    static const std::optional<Field> kNone;
    if (name == "name") return c.name;
    if (name == "title") return c.title;
    if (name == "company") return c.company;
    if (name == "website") return c.website;
    if (name == "linkedin") return c.linkedin;
    if (name == "whatsapp") return c.whatsapp;
    if (name == "wechat") return c.wechat;
    if (name == "skype") return c.skype;
    if (name == "qq") return c.qq;
    if (name == "address") return c.address;
    if (name == "country") return c.country;
    return kNone;
}

constexpr std::string_view kFieldNames[] = {"name",   "title",  "company", "website", "linkedin", "whatsapp",
                                            "wechat", "skype", "qq",      "address", "country"};

std::vector<fs::path> block_files() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(kBlocks))
        if (entry.path().extension() == ".txt") out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Golden blocks

TEST_CASE("every contact block has an expected card beside it, and there are at least 30") {
    const auto files = block_files();
    CHECK(files.size() >= 30);
    for (const auto& f : files) {
        fs::path expected = f;
        expected.replace_extension(".expected.json");
        CHECK_MESSAGE(fs::exists(expected), f.filename().string());
    }
    for (const auto& entry : fs::directory_iterator(kBlocks)) {
        const std::string name = entry.path().filename().string();
        if (!name.ends_with(".expected.json")) continue;
        const fs::path txt = kBlocks / (name.substr(0, name.size() - std::string_view(".expected.json").size()) + ".txt");
        CHECK_MESSAGE(fs::exists(txt), name);
    }
}

TEST_CASE("every contact block gives the card in its expected file, field by field") {
    for (const auto& file : block_files()) {
        fs::path expected_path = file;
        expected_path.replace_extension(".expected.json");
        const auto expected = nlohmann::json::parse(read_file(expected_path));
        const Sender sender{expected.at("sender").at("name").get<std::string>(),
                            expected.at("sender").at("address").get<std::string>()};
        const ContactCard card =
            card_of(read_file(file), sender, expected.contains("default_region") ? expected["default_region"].get<std::string>() : "US");
        const auto& want = expected.at("card");
        CAPTURE(file.filename().string());
        for (std::string_view field : kFieldNames) {
            CAPTURE(field);
            const std::string key(field);
            CHECK(value_of(field_named(card, field)) == (want.contains(key) ? want[key].get<std::string>() : "(none)"));
        }
        std::string phones, want_phones;
        for (const auto& p : card.phones) phones += p.kind + " " + p.e164 + "; ";
        if (want.contains("phones"))
            for (const auto& p : want["phones"]) want_phones += p.at("kind").get<std::string>() + " " + p.at("e164").get<std::string>() + "; ";
        CHECK(phones == want_phones);
        if (want.contains("phones") && phones == want_phones)
            for (std::size_t i = 0; i < card.phones.size(); ++i)
                if (want["phones"][i].contains("raw")) CHECK(card.phones[i].raw == want["phones"][i]["raw"].get<std::string>());
        std::string emails, want_emails;
        for (const auto& e : card.emails) emails += e.value + "; ";
        if (want.contains("emails"))
            for (const auto& e : want["emails"]) want_emails += e.get<std::string>() + "; ";
        CHECK(emails == want_emails);
        // confidences: within (0, 1], and at least what the file asks
        for (std::string_view field : kFieldNames)
            if (const auto& f = field_named(card, field)) CHECK((f->confidence > 0 && f->confidence <= 1));
        for (const auto& p : card.phones) CHECK((p.confidence > 0 && p.confidence <= 1));
        if (expected.contains("at_least")) {
            for (const auto& [key, floor] : expected["at_least"].items()) {
                CAPTURE(key);
                if (key == "phones") {
                    for (const auto& p : card.phones) CHECK(p.confidence >= floor.get<double>());
                } else {
                    const auto& f = field_named(card, key);
                    REQUIRE(f);
                    CHECK(f->confidence >= floor.get<double>());
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Phones

TEST_CASE("a contact's Tel/Fax line gives an office and a fax number with the same E.164") {
    const auto card = card_of("Tel/Fax: +86-574-8788 1234", {}, "CN");
    REQUIRE(card.phones.size() == 2);
    CHECK(card.phones[0].kind == "office");
    CHECK(card.phones[1].kind == "fax");
    CHECK(card.phones[0].e164 == "+8657487881234");
    CHECK(card.phones[1].e164 == "+8657487881234");
}

TEST_CASE("a contact's Mob/WhatsApp label makes the mobile number the WhatsApp number too") {
    const auto card = card_of("Mob/WhatsApp: +86 138 1234 5678");
    REQUIRE(card.phones.size() == 1);
    CHECK(card.phones[0].kind == "mobile");
    CHECK(value_of(card.whatsapp) == "+8613812345678");
}

TEST_CASE("a contact's WhatsApp label alone gives the WhatsApp number and no phone entry") {
    const auto card = card_of("WhatsApp: +90 532 123 45 67");
    CHECK(value_of(card.whatsapp) == "+905321234567");
    CHECK(card.phones.empty());
}

TEST_CASE("a contact's national numbers take the region of a number written with its country code") {
    // the sender's .com names no country; the block's +86 does
    const auto card = card_of("Tel: +86 574 8788 1234\nFax: 0574-87881235", {"", "tom@sunrise-nb.com"}, "US");
    REQUIRE(card.phones.size() == 2);
    CHECK(card.phones[1].e164 == "+8657487881235");
}

TEST_CASE("a contact's national numbers take the region of the sender's ccTLD, .co.uk being GB") {
    const auto card = card_of("Tel: 020 7946 0958", {"", "sarah@brightwater.co.uk"}, "US");
    REQUIRE(card.phones.size() == 1);
    CHECK(card.phones[0].e164 == "+442079460958");
    CHECK(value_of(card.country) == "GB");
}

TEST_CASE("a contact's national numbers take the default region when the sender's TLD is generic") {
    const auto cn = card_of("手机：13812345678", {"", "wxh@163.com"}, "CN");
    REQUIRE(cn.phones.size() == 1);
    CHECK(cn.phones[0].e164 == "+8613812345678");
    // .io is sold as a generic name: it does not make the number Indian Ocean
    const auto us = card_of("Phone: (415) 555-2671", {"", "ann@startup.io"}, "US");
    REQUIRE(us.phones.size() == 1);
    CHECK(us.phones[0].e164 == "+14155552671");
}

TEST_CASE("a contact's unlabelled numbers get mobile or office from libphonenumber's number type") {
    const auto card = card_of("13812345678\n0574-87881234\n+1 415 555 2671", {}, "CN");
    REQUIRE(card.phones.size() == 3);
    CHECK(card.phones[0].kind == "mobile");
    CHECK(card.phones[1].kind == "office");
    CHECK(card.phones[2].kind == "other");  // a US number may be either
}

TEST_CASE("a contact's generic Tel label follows the number: a Chinese mobile under Tel is a mobile") {
    const auto card = card_of("Tel: +86 138 1234 5678");
    REQUIRE(card.phones.size() == 1);
    CHECK(card.phones[0].kind == "mobile");
}

TEST_CASE("a contact's labelled phone is surer than an unlabelled one") {
    const auto card = card_of("Tel: +49 89 1234567\n+49 171 2345678");
    REQUIRE(card.phones.size() == 2);
    CHECK(card.phones[0].confidence >= 0.9);
    CHECK(card.phones[1].confidence <= 0.7);
    CHECK(card.phones[0].confidence > card.phones[1].confidence);
}

TEST_CASE("a contact's German trunk prefix written as (0) after +49 is dropped") {
    const auto card = card_of("Tel.: +49 (0)89 1234567");
    REQUIRE(card.phones.size() == 1);
    CHECK(card.phones[0].e164 == "+49891234567");
    CHECK(card.phones[0].raw == "+49 (0)89 1234567");
}

TEST_CASE("a contact's Chinese number written +86 0574 loses the 0 after the country code") {
    const auto card = card_of("电话：+86-0574-87881234");
    REQUIRE(card.phones.size() == 1);
    CHECK(card.phones[0].e164 == "+8657487881234");
}

TEST_CASE("a contact's extension is not part of the number") {
    for (std::string_view line : {"Phone: +1 416 555 0199 ext. 204", "Phone: +1 416 555 0199 x204", "电话：0574-87881234转808"}) {
        CAPTURE(line);
        const auto card = card_of(line, {}, "CN");
        REQUIRE(card.phones.size() == 1);
        CHECK((card.phones[0].e164 == "+14165550199" || card.phones[0].e164 == "+8657487881234"));
    }
}

TEST_CASE("a contact's labelled number in a range libphonenumber does not know is kept, less sure") {
    // +1 212 123 4567: ten digits, but no US exchange starts with 1
    const auto labelled = card_of("Tel: +1 212 123 4567");
    REQUIRE(labelled.phones.size() == 1);
    CHECK(labelled.phones[0].e164 == "+12121234567");
    CHECK(labelled.phones[0].confidence <= 0.6);
    CHECK(card_of("+1 212 123 4567").phones.empty());
}

TEST_CASE("a contact's mistyped national number is dropped, not turned into a wrong E.164") {
    CHECK(card_of("电话：0577-1234", {}, "CN").phones.empty());
}

TEST_CASE("a contact's numbers from India, Brazil and Turkey come out in E.164") {
    const auto card = card_of("Mob: +91 98765 43210\nCel: +55 11 98765-4321\nCep: +90 532 123 45 67");
    REQUIRE(card.phones.size() == 3);
    CHECK(card.phones[0].e164 == "+919876543210");
    CHECK(card.phones[1].e164 == "+5511987654321");
    CHECK(card.phones[2].e164 == "+905321234567");
}

TEST_CASE("a contact's number written 0086 is international") {
    const auto card = card_of("Mobile: 0086 138 1234 5678");
    REQUIRE(card.phones.size() == 1);
    CHECK(card.phones[0].e164 == "+8613812345678");
    CHECK(value_of(card.country) == "CN");
}

TEST_CASE("a contact's Chinese phone label glued to its number without a colon is a label") {
    const auto card = card_of("手机13812345678 电话0574-87881234", {}, "CN");
    REQUIRE(card.phones.size() == 2);
    CHECK(card.phones[0].kind == "mobile");
    CHECK(card.phones[1].kind == "office");
    CHECK(card.phones[0].confidence >= 0.9);
}

TEST_CASE("a contact's single-letter labels without a colon count only at the start of a piece") {
    const auto card = card_of("T +44 20 7946 0958 | M +44 7911 123456\nJohn M. Smith", {"", "john@acme.co.uk"});
    REQUIRE(card.phones.size() == 2);
    CHECK(card.phones[0].kind == "office");
    CHECK(card.phones[1].kind == "mobile");
    CHECK(value_of(card.name) == "John M. Smith");
}

TEST_CASE("a contact's tax, register and QQ numbers are not read as phones") {
    const auto card = card_of("VAT No: DE 123456789\nUSt-IdNr.: DE123456789\n税号：91330206MA2AB12345\nQQ：2385551234\nHRB 123456",
                              {"", "a@b.de"}, "DE");
    CHECK(card.phones.empty());
    CHECK(value_of(card.qq) == "2385551234");
}

TEST_CASE("a contact's US mobile written with +1 in Toronto puts the contact in Canada") {
    const auto card = card_of("Cell: +1 (647) 555-0123");
    CHECK(value_of(card.country) == "CA");
}

TEST_CASE("a contact's national numbers try the other regions when the block's region does not fit them") {
    // a US buyer's block with his Ningbo agent's numbers written the Chinese way
    const auto card = card_of("Tel: +1 415 555 2671\nAgent: 13812345678", {"", "ann@acme.com"}, "CN");
    REQUIRE(card.phones.size() == 2);
    CHECK(card.phones[1].e164 == "+8613812345678");
}

// ---------------------------------------------------------------------------------------------
// Name, title, company

TEST_CASE("a contact name agreeing with the From line is surer than one guessed from its position") {
    const auto agreeing = card_of("Best regards,\nJohn Smith", {"John Smith", "john.smith@acme.de"});
    const auto guessed = card_of("Best regards,\nJohn Smith", {"Sales Team", "sales@acme.de"});
    REQUIRE(agreeing.name);
    REQUIRE(guessed.name);
    CHECK(agreeing.name->confidence >= 0.9);
    CHECK(guessed.name->confidence >= 0.5);
    CHECK(guessed.name->confidence <= 0.7);
}

TEST_CASE("a contact name agrees with a From line written 'Smith, John' and with the local part") {
    CHECK(card_of("John Smith", {"Smith, John", ""}).name->confidence >= 0.9);
    CHECK(card_of("John Smith", {"", "jsmith@acme.com"}).name->confidence >= 0.9);
}

TEST_CASE("a contact name agreeing with the sender wins over a name-shaped line before it") {
    const auto card = card_of("Ningbo Office\nAnna Schmidt\nPurchasing", {"Anna Schmidt", "a.schmidt@acme.de"});
    CHECK(value_of(card.name) == "Anna Schmidt");
}

TEST_CASE("a contact name that shares more words with the From line beats a shorter one") {
    const auto card = card_of("Cheers,\nOliver\nOliver Hughes", {"Oliver Hughes", "oliver@hughes.co.uk"});
    CHECK(value_of(card.name) == "Oliver Hughes");
}

TEST_CASE("closing phrases in English, German and Chinese are never a contact's name") {
    for (std::string_view closing : {"Best regards,", "Thanks!", "Kind Regards", "Mit freundlichen Grüßen", "此致", "敬礼",
                                     "顺祝商祺！", "Many thanks", "BR,"}) {
        CAPTURE(closing);
        const auto card = card_of(std::string(closing) + "\n", {"Anna Schmidt", "anna@acme.de"});
        CHECK_FALSE(card.name);
    }
}

TEST_CASE("a contact name follows a closing on the same line") {
    const auto card = card_of("Best regards, Emma Wilson");
    CHECK(value_of(card.name) == "Emma Wilson");
}

TEST_CASE("a contact's Chinese name is two to four characters starting with a family name") {
    CHECK(value_of(card_of("欧阳娜娜").name) == "欧阳娜娜");
    CHECK(value_of(card_of("王小红").name) == "王小红");
    CHECK_FALSE(card_of("中国").name);    // a country
    CHECK_FALSE(card_of("宁波").name);    // a city, though 宁 is a family name
    CHECK_FALSE(card_of("王").name);      // one character
    CHECK_FALSE(card_of("王小红红红").name);  // five
}

TEST_CASE("a contact's labelled title and company are surer than guessed ones") {
    const auto labelled = card_of("职位：采购经理\n公司：深圳市锐达电子有限公司");
    const auto guessed = card_of("采购经理\n深圳市锐达电子有限公司");
    REQUIRE(labelled.title);
    REQUIRE(guessed.title);
    REQUIRE(labelled.company);
    REQUIRE(guessed.company);
    CHECK(labelled.title->value == guessed.title->value);
    CHECK(labelled.title->confidence > guessed.title->confidence);
    CHECK(labelled.company->confidence > guessed.company->confidence);
    CHECK(guessed.title->confidence <= 0.7);
}

TEST_CASE("a contact's title and company on one line are told apart") {
    for (std::string_view line : {"Purchasing Director at ACME GmbH", "Purchasing Director - ACME GmbH", "Purchasing Director, ACME GmbH"}) {
        CAPTURE(line);
        const auto card = card_of(line);
        CHECK(value_of(card.title) == "Purchasing Director");
        CHECK(value_of(card.company) == "ACME GmbH");
    }
}

TEST_CASE("a contact's company is recognised by legal forms from many countries") {
    for (std::string_view company : {"Ningbo Sunrise Imp. & Exp. Co., Ltd.", "Oakridge Supply LLC", "Brightline Home Goods, Inc.",
                                     "ACME GmbH", "Hogar y Más S.A.", "Casa Italia S.r.l.", "Holland Home B.V.",
                                     "Southern Cross Retail Pty Ltd", "宁波日升进出口有限公司", "慈溪市华宇电器厂",
                                     "浙江恒达集团", "Shree Ganesh Textiles Pvt. Ltd.", "Yılmaz Tekstil San. ve Tic. A.Ş."}) {
        CAPTURE(company);
        CHECK(value_of(card_of(company).company) == company);
    }
}

TEST_CASE("a contact's capitalised words that are not a legal form do not make a company") {
    CHECK_FALSE(card_of("Denver, CO 80202").company);  // Colorado, not "Co."
    CHECK_FALSE(card_of("Sales Team").company);
}

// ---------------------------------------------------------------------------------------------
// Mail, web and messengers

TEST_CASE("a contact's mail addresses are lowercased, deduplicated and include the sender's own") {
    const auto card = card_of("E: Tom.Li@Sunrise-NB.com\nsales@sunrise-nb.com | tom.li@sunrise-nb.com", {"Tom Li", "tom.li@sunrise-nb.com"});
    REQUIRE(card.emails.size() == 2);
    CHECK(card.emails[0].value == "tom.li@sunrise-nb.com");
    CHECK(card.emails[1].value == "sales@sunrise-nb.com");
    CHECK(card.emails[0].confidence > card.emails[1].confidence);
}

TEST_CASE("a contact's website is not a LinkedIn or Facebook link") {
    const auto card = card_of("facebook.com/sunrise | https://www.linkedin.com/company/sunrise\nhttps://www.sunrise-nb.com/");
    CHECK(value_of(card.website) == "https://www.sunrise-nb.com");
    CHECK(value_of(card.linkedin) == "https://www.linkedin.com/company/sunrise");
}

TEST_CASE("a contact's bare domain is a website only when alone on its piece or the sender's domain") {
    CHECK(value_of(card_of("acme.de").website) == "acme.de");
    CHECK(value_of(card_of("Visit acme.de today", {"", "j@acme.de"}).website) == "acme.de");
    CHECK_FALSE(card_of("Mr.Li sends samples").website);
}

TEST_CASE("a contact's LinkedIn handle without a link is kept as written") {
    CHECK(value_of(card_of("LinkedIn: tomli").linkedin) == "tomli");
}

TEST_CASE("a contact's WeChat ID that is a phone number becomes E.164") {
    const auto card = card_of("微信：13812345678", {}, "CN");
    CHECK(value_of(card.wechat) == "+8613812345678");
    CHECK(card.phones.empty());
}

TEST_CASE("a contact's 微信同号 after the mobile makes it the WeChat number as well") {
    const auto card = card_of("手机：13812345678（微信同号）", {}, "CN");
    REQUIRE(card.phones.size() == 1);
    CHECK(value_of(card.wechat) == "+8613812345678");
}

TEST_CASE("a contact's Skype ID keeps its live: prefix and stops at the next label") {
    const auto card = card_of("Skype: live:tomli WeChat: tomli88");
    CHECK(value_of(card.skype) == "live:tomli");
    CHECK(value_of(card.wechat) == "tomli88");
}

TEST_CASE("a contact's wa.me link is the WhatsApp number") {
    CHECK(value_of(card_of("https://wa.me/8613712345678").whatsapp) == "+8613712345678");
}

// ---------------------------------------------------------------------------------------------
// Address and country

TEST_CASE("a contact's labelled address continues on the next line after a trailing comma") {
    const auto card = card_of("Add: No. 18 Jiangnan Road, Beilun,\nNingbo, Zhejiang\nTel: +86 574 8788 1234");
    CHECK(value_of(card.address) == "No. 18 Jiangnan Road, Beilun, Ningbo, Zhejiang");
}

TEST_CASE("a contact's address is joined from at most kMaxAddressLines lines") {
    const auto card = card_of("Address: Room 1203,\nTower A,\nHarbour Road,\nWan Chai,\nHong Kong");
    REQUIRE(card.address);
    CHECK(card.address->value == "Room 1203, Tower A, Harbour Road");
}

TEST_CASE("a contact's unlabelled address needs a street and a number or a postcode and a country") {
    CHECK(value_of(card_of("350 Fifth Avenue, New York").address) == "350 Fifth Avenue, New York");
    CHECK(value_of(card_of("Ningbo 315800, China").address) == "Ningbo 315800, China");
    CHECK_FALSE(card_of("Fifth Avenue Collection").address);
    const auto labelled = card_of("Add: Ningbo, China");
    const auto guessed = card_of("Ningbo 315800, China");
    CHECK(labelled.address->confidence > guessed.address->confidence);
}

TEST_CASE("a contact's country comes from a confident phone before the sender's ccTLD") {
    const auto card = card_of("Tel: +86 574 8788 1234", {"", "tom@sunrise.de"});
    CHECK(value_of(card.country) == "CN");
    CHECK(card.country->confidence >= 0.8);
}

TEST_CASE("a contact's country comes from the address, then the sender's ccTLD, when no number names one") {
    const auto from_address = card_of("Plot 45, Sector 18, Gurgaon 122015, India", {"", "raj@gmail.com"});
    CHECK(value_of(from_address.country) == "IN");
    const auto from_tld = card_of("Anna Schmidt", {"", "anna@acme.de"});
    CHECK(value_of(from_tld.country) == "DE");
    CHECK(from_tld.country->confidence < from_address.country->confidence);
    CHECK_FALSE(card_of("Anna Schmidt", {"", "anna@acme.com"}).country);
}

// ---------------------------------------------------------------------------------------------
// Text forms

TEST_CASE("a contact's full-width colons and digits read like ASCII ones") {
    const auto card = card_of("电话：０５７４－８７８８１２３４\nＴｅｌ：＋８６ １３８ １２３４ ５６７８", {}, "CN");
    REQUIRE(card.phones.size() == 2);
    CHECK(card.phones[0].e164 == "+8657487881234");
    CHECK(card.phones[0].raw == "０５７４－８７８８１２３４");
    CHECK(card.phones[1].e164 == "+8613812345678");
}

TEST_CASE("a contact's bracketed Chinese labels are labels") {
    const auto card = card_of("【手机】13912345678\n【邮箱】zhang.wei@shtrade.cn", {}, "CN");
    REQUIRE(card.phones.size() == 1);
    CHECK(card.phones[0].kind == "mobile");
    REQUIRE(card.emails.size() == 1);
    CHECK(card.emails[0].confidence >= 0.9);
}

TEST_CASE("a contact's CRLF line ends and tabs read like LF and spaces") {
    const auto card = card_of("Tel:\t+49 89 1234567\r\nFax:\t+49 89 1234568\r");
    REQUIRE(card.phones.size() == 2);
    CHECK(card.phones[1].kind == "fax");
}

TEST_CASE("an empty contact block gives an empty card, and any field makes a card not empty") {
    CHECK(card_of("").empty());
    CHECK(card_of("\n\n--\n").empty());
    ContactCard card;
    card.emails.push_back({"a@b.com", 0.85});
    CHECK_FALSE(card.empty());
    ContactCard with_country;
    with_country.country = Field{"CN", 0.6};
    CHECK_FALSE(with_country.empty());
}

// ---------------------------------------------------------------------------------------------
// Hostile blocks and limits

TEST_CASE("a contact block of fifteen long lines of digits gives no phones and stays bounded") {
    SignatureBlock block;
    for (int i = 0; i < 15; ++i) block.lines.push_back(std::string(100000, static_cast<char>('0' + i % 10)));
    const auto started = std::chrono::steady_clock::now();
    const auto card = extract_contact(block, {"", "x@y.cn"});
    const auto took = std::chrono::steady_clock::now() - started;
    CHECK(card.phones.empty());
    // generous (sanitiser builds): the lines are cut at kMaxContactLineBytes
    CHECK(took < kBounded);
}

TEST_CASE("a contact block hands at most max_phone_candidates digit runs to libphonenumber") {
    std::string text;
    for (int i = 0; i < 5; ++i) text += "+49 89 123456" + std::to_string(i) + "\n";
    ContactOptions options;
    options.max_phone_candidates = 2;
    CHECK(extract_contact(block_of(text), {}, options).phones.size() == 2);
    CHECK(extract_contact(block_of(text), {}, {}).phones.size() == 5);
}

TEST_CASE("a contact block reads at most max_pieces pieces") {
    ContactOptions options;
    options.max_pieces = 3;
    const auto block = block_of("Anna Schmidt | Purchasing | ACME GmbH | +49 89 1234567");
    const auto card = extract_contact(block, {}, options);
    CHECK(value_of(card.company) == "ACME GmbH");
    CHECK(card.phones.empty());
    CHECK(extract_contact(block, {}, {}).phones.size() == 1);
}

TEST_CASE("a contact block keeps at most kMaxContactPhones phones and kMaxContactEmails addresses") {
    std::string text;
    for (int i = 0; i < 12; ++i) text += "+49 89 12345" + std::to_string(10 + i) + " a" + std::to_string(i) + "@x.de\n";
    const auto card = card_of(text);
    CHECK(card.phones.size() <= kMaxContactPhones);
    CHECK(card.emails.size() <= kMaxContactEmails);
}

TEST_CASE("a contact block's lines are read only up to the line limit") {
    ContactOptions options;
    options.max_line_bytes = 12;
    // "Tel: +49 89 " is all that is read: no number
    CHECK(extract_contact(block_of("Tel: +49 89 1234567"), {}, options).phones.empty());
    CHECK(extract_contact(block_of(std::string(600, 'x') + " Tel: +49 89 1234567"), {}, {}).phones.empty());
}

TEST_CASE("a contact block longer than kMaxSignatureLines is read only to that line") {
    std::string text;
    for (std::size_t i = 0; i < kMaxSignatureLines; ++i) text += "\n";
    text += "Tel: +49 89 1234567\n";
    CHECK(card_of(text).phones.empty());
}

TEST_CASE("a contact block with invalid UTF-8 gives only valid UTF-8 values") {
    const std::string bad = "\xff\xfe";
    const std::string text = "Li Ming\xc3\n" + bad + "Sales Manager\xe5\x85\n\xe6\x89\x8b\xe6\x9c\xba\xef\xbc\x9a" + bad +
                             "13812345678\xc0\xaf\nAdd: \xed\xa0\x80 No. 18 Jiangnan Road\xf4\x90\x80\x80, Ningbo\nWeChat: tom\x80li";
    const auto card = card_of(text, {"Li Ming", "li@x.cn"});
    for (const std::string& v : card_values(card)) {
        CAPTURE(v);
        CHECK(valid_utf8(v));
    }
    CHECK(phone_of(card, "mobile") != nullptr);
}

TEST_CASE("a contact block of random bytes never crashes and gives valid UTF-8") {
    std::uint32_t seed = 12345;
    auto next = [&] {
        seed = seed * 1664525u + 1013904223u;
        return seed >> 24;
    };
    for (int round = 0; round < 300; ++round) {
        SignatureBlock block;
        const std::size_t lines = next() % 20;
        for (std::size_t l = 0; l < lines; ++l) {
            std::string line;
            const std::size_t len = next() * 3 % 700;
            static constexpr std::string_view kPieces[] = {"Tel:", "：", "手机", "+86 ", "138", "@", "www.", "/", "|", "  ",
                                                           "Co., Ltd", "Road ", "(0)", "微信同号", "wa.me/", "\xe4", "\x80"};
            while (line.size() < len) {
                if (next() % 3 == 0)
                    line += kPieces[next() % std::size(kPieces)];
                else
                    line.push_back(static_cast<char>(next()));
            }
            block.lines.push_back(line);
        }
        const auto card = extract_contact(block, {"Tom Li", "tom@x.cn"});
        for (const std::string& v : card_values(card)) CHECK(valid_utf8(v));
    }
}

TEST_CASE("a North American number in an English signature is American even when the default region is China") {
    const auto card = card_of("Carolyn Graham\nVendor Management\n713-345-8008", {"Carolyn Graham", "carolyn@bigco.com"}, "CN");
    REQUIRE(card.phones.size() == 1);
    CHECK(card.phones[0].e164 == "+17133458008");
    CHECK(value_of(card.country) == "US");
}

TEST_CASE("a mainland address without 中国 makes its national numbers Chinese") {
    const auto card = card_of("张伟\n电话：0571-88886666\n地址：浙江省杭州市余杭区文一西路1000号", {"张伟", "zw@hx-machinery.com"}, "US");
    REQUIRE_FALSE(card.phones.empty());
    CHECK(card.phones[0].e164 == "+8657188886666");
    CHECK(value_of(card.country) == "CN");
}
