#include <doctest/doctest.h>

#include "detectors.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using mailkeeper::rules::detect;
using mailkeeper::rules::Detector;
using mailkeeper::rules::detector_named;
using mailkeeper::rules::DetectorHit;
using mailkeeper::rules::DetectorOptions;
using mailkeeper::rules::kAllDetectors;
using mailkeeper::rules::name_of;
using mailkeeper::rules::NormalizedText;

namespace {

// What normalize() makes of ASCII text, without depending on it: lower case, one byte per byte.
NormalizedText identity(std::string_view input) {
    NormalizedText t;
    t.text.reserve(input.size());
    for (const char c : input) t.text.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    t.origin.resize(input.size() + 1);
    for (std::size_t i = 0; i <= input.size(); ++i) t.origin[i] = static_cast<std::uint32_t>(i);
    return t;
}

std::vector<DetectorHit> hits(Detector detector, std::string_view input, const DetectorOptions& options = {}) {
    return detect(detector, identity(input), input, options);
}

std::vector<std::string> values(Detector detector, std::string_view input, const DetectorOptions& options = {}) {
    std::vector<std::string> out;
    for (const DetectorHit& hit : hits(detector, input, options)) out.push_back(hit.value);
    return out;
}

using Values = std::vector<std::string>;

}  // namespace

// ---- names

TEST_CASE("every detector's name is its enum name and reads back") {
    for (const Detector d : kAllDetectors) {
        REQUIRE(detector_named(name_of(d)).has_value());
        CHECK(*detector_named(name_of(d)) == d);
    }
    CHECK(name_of(Detector::cn_resident_id) == "cn_resident_id");
    CHECK(detector_named("phone_number") == Detector::phone_number);
}

TEST_CASE("an unknown detector name is not a detector") {
    CHECK_FALSE(detector_named("credit_card").has_value());
    CHECK_FALSE(detector_named("").has_value());
    CHECK_FALSE(detector_named("IBAN").has_value());
}

// ---- payment_card

TEST_CASE("test numbers of the major card networks are payment cards") {
    const char* const cards[] = {
        "4111111111111111",  // Visa
        "4222222222222",     // Visa, 13 digits
        "5555555555554444",  // Mastercard 51-55
        "2223000048400011",  // Mastercard 2-series
        "378282246310005",   // Amex
        "6011111111111117",  // Discover
        "3530111333300000",  // JCB
        "30569309025904",    // Diners, 14 digits
        "6250941006528599",  // UnionPay
        "6759649826438453",  // Maestro
        "2200000000000004",  // Mir
    };
    for (const char* card : cards) {
        CAPTURE(card);
        CHECK(values(Detector::payment_card, std::string("card ") + card + " end") == Values{card});
    }
}

TEST_CASE("a card number grouped by spaces or hyphens is found with its digits as the value") {
    CHECK(values(Detector::payment_card, "Card: 4111 1111 1111 1111.") == Values{"4111111111111111"});
    CHECK(values(Detector::payment_card, "Card: 4111-1111-1111-1111") == Values{"4111111111111111"});
    CHECK(values(Detector::payment_card, "amex 3782 822463 10005 exp") == Values{"378282246310005"});
    CHECK(values(Detector::payment_card, "6222 0210 0012 3456 781") == Values{"6222021000123456781"});
}

TEST_CASE("a card hit covers exactly the number in the normalised text") {
    const std::string text = "pay 4111 1111 1111 1111 now";
    const auto found = hits(Detector::payment_card, text);
    REQUIRE(found.size() == 1);
    CHECK(text.substr(found[0].begin, found[0].end - found[0].begin) == "4111 1111 1111 1111");
}

TEST_CASE("a card number written straight after Chinese text is found at its byte offset") {
    const std::string text = "卡号4111111111111111，谢谢";
    const auto found = hits(Detector::payment_card, text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].begin == 6);
    CHECK(found[0].end == 22);
}

TEST_CASE("a number failing the Luhn check is not a card") {
    CHECK(hits(Detector::payment_card, "4111111111111112").empty());
    CHECK(hits(Detector::payment_card, "4111 1111 1111 1112").empty());
}

TEST_CASE("a Luhn-valid number outside every issuer range is not a card") {
    CHECK(hits(Detector::payment_card, "order 1234567812345670").empty());
    // Amex range, wrong length for Amex
    CHECK(hits(Detector::payment_card, "3782822463100052").empty());
}

TEST_CASE("a card number inside a longer run of digits or letters is not reported") {
    CHECK(hits(Detector::payment_card, "41111111111111110000").empty());
    CHECK(hits(Detector::payment_card, "94111111111111111").empty());
    CHECK(hits(Detector::payment_card, "x4111111111111111").empty());
    CHECK(hits(Detector::payment_card, "4111111111111111abc").empty());
    CHECK(hits(Detector::payment_card, "3.4111111111111111").empty());
    CHECK(hits(Detector::payment_card, "4111111111111111.5").empty());
}

TEST_CASE("hyphens join digits into one number, spaces separate numbers") {
    CHECK(hits(Detector::payment_card, "4111-1111-1111-1111-1111").empty());
    CHECK(hits(Detector::payment_card, "ref 2024-4111-1111-1111-1111").empty());
    CHECK(values(Detector::payment_card, "4111 1111 1111 1111 2028") == Values{"4111111111111111"});
    CHECK(values(Detector::payment_card, "ref 1234 4111 1111 1111 1111") == Values{"4111111111111111"});
}

TEST_CASE("mixed separators or odd groupings are not card numbers") {
    CHECK(hits(Detector::payment_card, "4111 1111-1111 1111").empty());
    CHECK(hits(Detector::payment_card, "41 1111 1111 1111 11").empty());
    CHECK(hits(Detector::payment_card, "4111  1111 1111 1111").empty());  // normalised text has single spaces
}

TEST_CASE("every card in a text is reported in order, a repeated card twice") {
    const auto found = hits(Detector::payment_card, "a 4111111111111111 b 5555555555554444 c 4111111111111111");
    REQUIRE(found.size() == 3);
    CHECK(found[0].value == "4111111111111111");
    CHECK(found[1].value == "5555555555554444");
    CHECK(found[2].value == "4111111111111111");
    CHECK(found[0].end <= found[1].begin);
    CHECK(found[1].end <= found[2].begin);
}

TEST_CASE("a megabyte of digits and separators ends with no card") {
    std::string hostile;
    while (hostile.size() < (1u << 20)) hostile += "1234 5678-9012 3456-";
    hostile += std::string(1u << 16, '7');
    CHECK(hits(Detector::payment_card, hostile).empty());
    CHECK(hits(Detector::cn_bank_card, hostile).empty());
    CHECK(hits(Detector::cn_resident_id, hostile).empty());
    CHECK(hits(Detector::iban, hostile).empty());
}

// ---- cn_resident_id

TEST_CASE("the GB 11643 sample resident IDs are found, the check character upper case") {
    CHECK(values(Detector::cn_resident_id, "身份证号：11010519491231002x。") == Values{"11010519491231002X"});
    CHECK(values(Detector::cn_resident_id, "ID 11010519491231002X") == Values{"11010519491231002X"});
    CHECK(values(Detector::cn_resident_id, "440524188001010014") == Values{"440524188001010014"});
}

TEST_CASE("a resident ID written as region, birth date and sequence is found") {
    CHECK(values(Detector::cn_resident_id, "110105 19491231 002X") == Values{"11010519491231002X"});
}

TEST_CASE("a resident ID with a wrong check character is not reported") {
    CHECK(hits(Detector::cn_resident_id, "110105194912310021").empty());
    CHECK(hits(Detector::cn_resident_id, "44052418800101001x").empty());
}

TEST_CASE("a resident ID whose birth date is not a calendar date is not reported") {
    CHECK(hits(Detector::cn_resident_id, "110105194902300020").empty());  // 30 February, valid check
    CHECK(hits(Detector::cn_resident_id, "110105190002290025").empty());  // 1900 was not a leap year
    CHECK(values(Detector::cn_resident_id, "110105200002290021") == Values{"110105200002290021"});  // 2000 was
    CHECK(hits(Detector::cn_resident_id, "110105179912310024").empty());  // before 1800
}

TEST_CASE("a resident ID with an unknown province code is not reported") {
    CHECK(hits(Detector::cn_resident_id, "990105194912310023").empty());
}

TEST_CASE("a resident ID inside a longer run of digits or letters is not reported") {
    CHECK(hits(Detector::cn_resident_id, "1440524188001010014").empty());
    CHECK(hits(Detector::cn_resident_id, "4405241880010100145").empty());
    CHECK(hits(Detector::cn_resident_id, "11010519491231002xy").empty());
    CHECK(hits(Detector::cn_resident_id, "a440524188001010014").empty());
}

// ---- cn_bank_card

TEST_CASE("UnionPay cards of 16 and 19 digits are Chinese bank cards") {
    CHECK(values(Detector::cn_bank_card, "卡号6217001234567893") == Values{"6217001234567893"});
    CHECK(values(Detector::cn_bank_card, "6222 0210 0012 3456 781") == Values{"6222021000123456781"});
}

TEST_CASE("a Chinese bank's own BIN outside 62 is a Chinese bank card") {
    CHECK(values(Detector::cn_bank_card, "龙卡 4367420000000000001") == Values{"4367420000000000001"});
    CHECK(values(Detector::cn_bank_card, "9558800000000000000") == Values{"9558800000000000000"});
}

TEST_CASE("a foreign card is a payment card but not a Chinese bank card") {
    CHECK(hits(Detector::cn_bank_card, "4111111111111111").empty());
    CHECK(hits(Detector::cn_bank_card, "6250941006528590").empty());  // 62, Luhn fails
}

TEST_CASE("a UnionPay card is reported by both card detectors") {
    CHECK(values(Detector::payment_card, "6217001234567893") == Values{"6217001234567893"});
    CHECK(values(Detector::cn_bank_card, "6217001234567893") == Values{"6217001234567893"});
}

// ---- iban

TEST_CASE("an IBAN in the paper form is reported upper case without spaces") {
    const std::string text = "IBAN: DE89 3704 0044 0532 0130 00, thanks";
    const auto found = hits(Detector::iban, text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].value == "DE89370400440532013000");
    CHECK(text.substr(found[0].begin, found[0].end - found[0].begin) == "DE89 3704 0044 0532 0130 00");
}

TEST_CASE("an IBAN in the electronic form is found") {
    CHECK(values(Detector::iban, "gb29nwbk60161331926819") == Values{"GB29NWBK60161331926819"});
    CHECK(values(Detector::iban, "账号FR1420041010050500013M02606。") == Values{"FR1420041010050500013M02606"});
}

TEST_CASE("the SWIFT registry's example IBANs are found in both forms") {
    // The registry's own examples (no example at hand here for DJ, FK, HN, MN, NI, OM, RU, SO, YE).
    const char* const examples[] = {
        "AD12 0001 2030 2003 5910 0100",       "AE07 0331 2345 6789 0123 456",
        "AL47 2121 1009 0000 0002 3569 8741",  "AT61 1904 3002 3457 3201",
        "AZ21 NABZ 0000 0000 1370 1000 1944",  "BA39 1290 0794 0102 8494",
        "BE68 5390 0754 7034",                 "BG80 BNBG 9661 1020 3456 78",
        "BH67 BMAG 0000 1299 1234 56",         "BI42 1000 0100 0100 0033 2045 181",
        "BR18 0036 0305 0000 1000 9795 493C 1", "BY13 NBRB 3600 9000 0000 2Z00 AB00",
        "CH93 0076 2011 6238 5295 7",          "CR05 0152 0200 1026 2840 66",
        "CY17 0020 0128 0000 0012 0052 7600",  "CZ65 0800 0000 1920 0014 5399",
        "DE89 3704 0044 0532 0130 00",         "DK50 0040 0440 1162 43",
        "DO28 BAGR 0000 0001 2124 5361 1324",  "EE38 2200 2210 2014 5685",
        "EG38 0019 0005 0000 0000 2631 8000 2", "ES91 2100 0418 4502 0005 1332",
        "FI21 1234 5600 0007 85",              "FO62 6460 0001 6316 34",
        "FR14 2004 1010 0505 0001 3M02 606",   "GB29 NWBK 6016 1331 9268 19",
        "GE29 NB00 0000 0101 9049 17",         "GI75 NWBK 0000 0000 7099 453",
        "GL89 6471 0001 0002 06",              "GR16 0110 1250 0000 0001 2300 695",
        "GT82 TRAJ 0102 0000 0012 1002 9690",  "HR12 1001 0051 8630 0016 0",
        "HU42 1177 3016 1111 1018 0000 0000",  "IE29 AIBK 9311 5212 3456 78",
        "IL62 0108 0000 0009 9999 999",        "IQ98 NBIQ 8501 2345 6789 012",
        "IS14 0159 2600 7654 5510 7303 39",    "IT60 X054 2811 1010 0000 0123 456",
        "JO94 CBJO 0010 0000 0000 0131 0003 02", "KW81 CBKU 0000 0000 0000 1234 5601 01",
        "KZ86 125K ZT50 0410 0100",            "LB62 0999 0000 0001 0019 0122 9114",
        "LC55 HEMM 0001 0001 0012 0012 0002 3015", "LI21 0881 0000 2324 013A A",
        "LT12 1000 0111 0100 1000",            "LU28 0019 4006 4475 0000",
        "LV80 BANK 0000 4351 9500 1",          "LY83 0020 4800 0020 1001 2036 1",
        "MC58 1122 2000 0101 2345 6789 030",   "MD24 AG00 0225 1000 1310 4168",
        "ME25 5050 0001 2345 6789 51",         "MK07 2501 2000 0058 984",
        "MR13 0002 0001 0100 0012 3456 753",   "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
        "MU17 BOMM 0101 1010 3030 0200 000M UR", "NL91 ABNA 0417 1643 00",
        "NO93 8601 1117 947",                  "PK36 SCBL 0000 0011 2345 6702",
        "PL61 1090 1014 0000 0712 1981 2874",  "PS92 PALS 0000 0000 0400 1234 5670 2",
        "PT50 0002 0123 1234 5678 9015 4",     "QA58 DOHB 0000 1234 5678 90AB CDEF G",
        "RO49 AAAA 1B31 0075 9384 0000",       "RS35 2600 0560 1001 6113 79",
        "SA03 8000 0000 6080 1016 7519",       "SC18 SSCB 1101 0000 0000 0000 1497 USD",
        "SD21 2901 0501 2340 01",              "SE45 5000 0000 0583 9825 7466",
        "SI56 2633 0001 2039 086",             "SK31 1200 0000 1987 4263 7541",
        "SM86 U032 2509 8000 0000 0270 100",   "ST23 0001 0001 0051 8453 1014 6",
        "SV62 CENR 0000 0000 0000 0070 0025",  "TL38 0080 0123 4567 8910 157",
        "TN59 1000 6035 1835 9847 8831",       "TR33 0006 1005 1978 6457 8413 26",
        "UA21 3223 1300 0002 6007 2335 6600 1", "VA59 0011 2300 0012 3456 78",
        "VG96 VPVG 0000 0123 4567 8901",       "XK05 1212 0123 4567 8906",
    };
    for (const std::string example : examples) {
        CAPTURE(example);
        std::string compact;
        for (const char c : example) {
            if (c != ' ') compact.push_back(c);
        }
        CHECK(values(Detector::iban, example) == Values{compact});
        CHECK(values(Detector::iban, compact) == Values{compact});
    }
}

TEST_CASE("an IBAN with a wrong check number is not reported") {
    CHECK(hits(Detector::iban, "DE88 3704 0044 0532 0130 00").empty());
    CHECK(hits(Detector::iban, "GB29NWBK60161331926818").empty());
}

TEST_CASE("an IBAN of the wrong length for its country is not reported") {
    CHECK(hits(Detector::iban, "DE5137040044053201300").empty());      // 21 characters, valid mod 97
    CHECK(hits(Detector::iban, "DE89 3704 0044 0532 0130 001").empty());
}

TEST_CASE("an IBAN of a country without IBANs is not reported") {
    CHECK(hits(Detector::iban, "ZZ22370400440532013000").empty());  // valid mod 97
}

TEST_CASE("an IBAN whose BBAN breaks the country's structure is not reported") {
    CHECK(hits(Detector::iban, "DE973704004405320130A0").empty());  // a letter in a German account, valid mod 97
}

TEST_CASE("an IBAN glued to other letters or digits is not reported") {
    CHECK(hits(Detector::iban, "xDE89370400440532013000").empty());
    CHECK(hits(Detector::iban, "DE893704004405320130007").empty());
    CHECK(hits(Detector::iban, "DE89370400440532013000abc").empty());
}

// ---- swift_bic

TEST_CASE("a BIC written in capitals is reported upper case") {
    CHECK(values(Detector::swift_bic, "SWIFT: BKCHCNBJ") == Values{"BKCHCNBJ"});
    CHECK(values(Detector::swift_bic, "bic DEUTDEFF500, ok") == Values{"DEUTDEFF500"});
    CHECK(values(Detector::swift_bic, "COBADEFFXXX") == Values{"COBADEFFXXX"});
    CHECK(values(Detector::swift_bic, "CHASUS33") == Values{"CHASUS33"});
}

TEST_CASE("a BIC right after Chinese text is found at its byte offset") {
    const auto found = hits(Detector::swift_bic, "银行代码BKCHCNBJ，谢谢");
    REQUIRE(found.size() == 1);
    CHECK(found[0].begin == 12);
    CHECK(found[0].end == 20);
}

TEST_CASE("a BIC-shaped word not written in capitals is not a BIC") {
    CHECK(hits(Detector::swift_bic, "bkchcnbj").empty());
    CHECK(hits(Detector::swift_bic, "Deutdeff").empty());
    CHECK(hits(Detector::swift_bic, "the hospital is near").empty());
}

TEST_CASE("a BIC written in full-width capitals is found") {
    const std::string original = "ＢＫＣＨＣＮＢＪ";
    NormalizedText t;
    t.text = "bkchcnbj";
    for (std::uint32_t i = 0; i <= 8; ++i) t.origin.push_back(i * 3);
    CHECK(detect(Detector::swift_bic, t, original, {}).size() == 1);
}

TEST_CASE("a BIC with an unknown country code is not a BIC") {
    CHECK(hits(Detector::swift_bic, "SHIPPING").empty());  // PI
    CHECK(hits(Detector::swift_bic, "DEUTZZFF").empty());
}

TEST_CASE("a BIC breaking ISO 9362's location and branch rules is not a BIC") {
    CHECK(hits(Detector::swift_bic, "DEUTDE1F").empty());     // location starts with 1
    CHECK(hits(Detector::swift_bic, "DEUTDEFO").empty());     // letter O second
    CHECK(hits(Detector::swift_bic, "DEUTDEFFX12").empty());  // X only as XXX
    CHECK(values(Detector::swift_bic, "DEUTDEF0") == Values{"DEUTDEF0"});  // a test BIC
}

TEST_CASE("a capitalised word whose letters 5-6 are a country passes as a BIC, the known false positive") {
    // Rules pair swift_bic with `near` keywords (swift, bic, 汇款) for this reason.
    CHECK(values(Detector::swift_bic, "PLEASE SIGN THE DOCUMENT") == Values{"DOCUMENT"});
}

TEST_CASE("a BIC inside a longer word is not a BIC") {
    CHECK(hits(Detector::swift_bic, "XBKCHCNBJ").empty());
    CHECK(hits(Detector::swift_bic, "BKCHCNBJ1").empty());
    CHECK(hits(Detector::swift_bic, "BKCHCNBJXXXX").empty());
}

TEST_CASE("without an origin map no BIC is reported") {
    NormalizedText t;
    t.text = "bkchcnbj";
    CHECK(detect(Detector::swift_bic, t, "BKCHCNBJ", {}).empty());
}

// ---- email_address

TEST_CASE("an external address is reported lower case") {
    CHECK(values(Detector::email_address, "write to Bob.Smith+tag@Example.COM today") == Values{"bob.smith+tag@example.com"});
}

TEST_CASE("an address of an internal domain or its subdomain is not reported") {
    DetectorOptions options;
    options.internal_domains = {"corp.cn"};
    CHECK(hits(Detector::email_address, "a@corp.cn b@mail.corp.cn", options).empty());
    CHECK(values(Detector::email_address, "c@corp.cn.evil.com d@notcorp.cn", options) ==
          Values{"c@corp.cn.evil.com", "d@notcorp.cn"});
}

TEST_CASE("punctuation around an address is not part of it") {
    CHECK(values(Detector::email_address, "('bob@example.com'), <amy@example.org>.") ==
          Values{"bob@example.com", "amy@example.org"});
    CHECK(values(Detector::email_address, "联系张三zhang.san@example.com。") == Values{"zhang.san@example.com"});
    CHECK(values(Detector::email_address, "see ...bob@example.com") == Values{"bob@example.com"});
}

TEST_CASE("an address hit covers exactly the address") {
    const std::string text = "mail: bob@example.com.";
    const auto found = hits(Detector::email_address, text);
    REQUIRE(found.size() == 1);
    CHECK(text.substr(found[0].begin, found[0].end - found[0].begin) == "bob@example.com");
}

TEST_CASE("strings that are not addresses are not reported") {
    CHECK(hits(Detector::email_address, "root@localhost").empty());
    CHECK(hits(Detector::email_address, "user@10.0.0.1").empty());
    CHECK(hits(Detector::email_address, "a..b@example.com").empty());
    CHECK(hits(Detector::email_address, "bob.@example.com").empty());
    CHECK(hits(Detector::email_address, "bob@-example.com").empty());
    CHECK(hits(Detector::email_address, "bob@example.c").empty());
    CHECK(hits(Detector::email_address, "@example.com").empty());
    CHECK(hits(Detector::email_address, "price @ 5.00").empty());
}

TEST_CASE("an address with an over-long local part is not reported") {
    CHECK(hits(Detector::email_address, std::string(65, 'a') + "@example.com").empty());
    CHECK(hits(Detector::email_address, std::string(64, 'a') + "@example.com").size() == 1);
}

// ---- phone_number

TEST_CASE("a Chinese mobile number after Chinese text is found at its byte offset, in E.164") {
    const std::string text = "请致电 13812345678 联系";
    const auto found = hits(Detector::phone_number, text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].value == "+8613812345678");
    CHECK(found[0].begin == 10);
    CHECK(text.substr(found[0].begin, found[0].end - found[0].begin) == "13812345678");
}

TEST_CASE("a Beijing landline with its area code is a phone number") {
    CHECK(values(Detector::phone_number, "电话：010-62345678，谢谢") == Values{"+861062345678"});
}

TEST_CASE("an international number is found whatever the default region") {
    CHECK(values(Detector::phone_number, "call +44 20 7946 0958 now") == Values{"+442079460958"});
}

TEST_CASE("a national number is read in the default region") {
    DetectorOptions us;
    us.default_region = "us";
    CHECK(values(Detector::phone_number, "call (650) 253-0000", us) == Values{"+16502530000"});
}

TEST_CASE("digits that are no valid phone number are not reported") {
    CHECK(hits(Detector::phone_number, "order 12345 shipped").empty());
}

TEST_CASE("the phone matcher stops after max_phone_candidates candidates that are no numbers") {
    std::string text;
    for (int i = 0; i < 200; ++i) text += "no 12345 ";
    text += "call 13812345678";
    CHECK(values(Detector::phone_number, text) == Values{"+8613812345678"});
    DetectorOptions bounded;
    bounded.max_phone_candidates = 10;
    CHECK(hits(Detector::phone_number, text, bounded).empty());
}

TEST_CASE("every phone number in a long text is found at its own offset") {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += i % 2 == 0 ? "联系电话 13812345678 谢谢。" : "Call +44 20 7946 0958 today. ";
    const auto found = hits(Detector::phone_number, text);
    REQUIRE(found.size() == 2000);
    for (std::size_t i = 0; i < found.size(); ++i) {
        CAPTURE(i);
        const std::string raw = text.substr(found[i].begin, found[i].end - found[i].begin);
        CHECK(raw == (i % 2 == 0 ? "13812345678" : "+44 20 7946 0958"));
        CHECK(found[i].value == (i % 2 == 0 ? "+8613812345678" : "+442079460958"));
    }
}

TEST_CASE("a text of digits without a break ends the phone search") {
    std::string hostile;
    while (hostile.size() < (1u << 16)) hostile += "1 2-3 (4) 5.6/7 ";
    CHECK(hits(Detector::phone_number, hostile).size() < hostile.size());
}

TEST_CASE("a parenthesis glued to a word ends the phone search's skip, not the search") {
    // "h(0)": the candidate starts at '(' inside a word; the search must move past it
    CHECK(values(Detector::phone_number, "Tel h(0) 7946 and call +44 20 7946 0958 now") == Values{"+442079460958"});
}
