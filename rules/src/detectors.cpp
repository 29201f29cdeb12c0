// Validated detectors over normalised text (lower case, ASCII digits, single spaces). The digit
// detectors share one scan: jump from digit run to digit run, read the run and the groups that
// follow it, and only then look at tables and checksums. No regex: a candidate costs a few table
// look-ups, and every step moves forward, so each detector is one linear pass.
#include "detectors.h"

#include <mailkeeper/parser/phone.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <bit>
#include <climits>
#include <cstdint>
#include <cstring>
#include <span>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mailkeeper::rules {

namespace {

// ---------------------------------------------------------------------------------------------
// Names

struct DetectorName {
    Detector detector;
    std::string_view name;
};

constexpr DetectorName kDetectorNames[] = {
    {Detector::payment_card, "payment_card"},   {Detector::cn_resident_id, "cn_resident_id"},
    {Detector::cn_bank_card, "cn_bank_card"},   {Detector::iban, "iban"},
    {Detector::swift_bic, "swift_bic"},         {Detector::email_address, "email_address"},
    {Detector::phone_number, "phone_number"},
};
static_assert(std::size(kDetectorNames) == std::size(kAllDetectors));

// ---------------------------------------------------------------------------------------------
// Characters. Only ASCII letters and digits count as "letter or digit" at a boundary: Chinese
// writes numbers straight after a word (卡号6222...), so a CJK character is a boundary.

enum CharClass : std::uint8_t { kOther = 0, kDigit = 1, kLetter = 2 };

constexpr std::array<std::uint8_t, 256> kCharClass = [] {
    std::array<std::uint8_t, 256> table{};
    for (int c = '0'; c <= '9'; ++c) table[c] = kDigit;
    for (int c = 'a'; c <= 'z'; ++c) table[c] = kLetter;
    for (int c = 'A'; c <= 'Z'; ++c) table[c] = kLetter;
    return table;
}();

constexpr std::uint8_t char_class(char c) { return kCharClass[static_cast<unsigned char>(c)]; }
constexpr bool is_digit(char c) { return char_class(c) == kDigit; }
constexpr bool is_letter(char c) { return char_class(c) == kLetter; }
constexpr bool is_alnum(char c) { return char_class(c) != kOther; }
constexpr char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The first ASCII digit at or after `from`, or text.size(). Mixed Chinese/English mail is mostly
// not digits; sixteen bytes at a time keeps the digit detectors at memory speed.
std::size_t find_digit(std::string_view text, std::size_t from) {
    const char* const data = text.data();
    const std::size_t n = text.size();
    std::size_t i = from;
#if defined(__SSE2__)
    // Shift '0'..'9' to the bottom of the signed byte range, then one signed compare.
    const __m128i shift = _mm_set1_epi8(static_cast<char>(0x80 - '0'));
    const __m128i limit = _mm_set1_epi8(static_cast<char>(0x80 + 10));
    for (; i + 16 <= n; i += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
        const __m128i digits = _mm_cmplt_epi8(_mm_add_epi8(bytes, shift), limit);
        const int mask = _mm_movemask_epi8(digits);
        if (mask != 0) return i + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(mask)));
    }
#endif
    while (i < n && !is_digit(data[i])) ++i;
    return i;
}

std::size_t skip_digits(std::string_view text, std::size_t i) {
    while (i < text.size() && is_digit(text[i])) ++i;
    return i;
}

// Which of 64 bytes are ASCII letters or digits (bit k for byte k); bytes past `available` are 0.
struct ClassMasks {
    std::uint64_t alnum = 0;
    std::uint64_t letter = 0;
};

#if defined(__SSE2__)
// Bit k set where byte k of the 16 lies in [low, high].
inline unsigned bytes_between(__m128i bytes, char low, char high) {
    const __m128i shifted = _mm_add_epi8(bytes, _mm_set1_epi8(static_cast<char>(0x80 - low)));
    const __m128i inside = _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(0x80 + (high - low + 1))));
    return static_cast<unsigned>(_mm_movemask_epi8(inside));
}
#endif

ClassMasks class_masks(const char* data, std::size_t available) {
    ClassMasks masks;
#if defined(__SSE2__)
    if (available >= 64) {
        for (unsigned part = 0; part < 4; ++part) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * part));
            const std::uint64_t letters = bytes_between(bytes, 'a', 'z') | bytes_between(bytes, 'A', 'Z');
            const std::uint64_t digits = bytes_between(bytes, '0', '9');
            masks.letter |= letters << (16 * part);
            masks.alnum |= (letters | digits) << (16 * part);
        }
        return masks;
    }
#endif
    const std::size_t count = std::min<std::size_t>(available, 64);
    for (std::size_t k = 0; k < count; ++k) {
        const std::uint8_t c = char_class(data[k]);
        if (c != kOther) masks.alnum |= std::uint64_t{1} << k;
        if (c == kLetter) masks.letter |= std::uint64_t{1} << k;
    }
    return masks;
}

// Bit k of the result is bit k + shift of the 128 bits `next:current` (0 < shift < 64).
constexpr std::uint64_t ahead(std::uint64_t current, std::uint64_t next, unsigned shift) {
    return (current >> shift) | (next << (64 - shift));
}

// ---------------------------------------------------------------------------------------------
// Digit groups: "4111111111111111", "4111 1111 1111 1111", "3782-822463-10005", "110105 19491231 002x"

constexpr std::size_t kMaxNumberDigits = 19;  // the longest number any digit detector reports
constexpr std::size_t kMaxGroups = 5;         // 4-4-4-4-3

struct DigitGroups {
    std::array<std::size_t, kMaxGroups> end{};       // exclusive end of each group in the text
    std::array<std::uint8_t, kMaxGroups> length{};   // characters in each group
    std::size_t count = 0;
};

// The groups starting at `begin` (a digit): runs of digits joined by one space or one hyphen, the
// same separator throughout, at most kMaxNumberDigits characters in all. With `final_x`, an 'x'
// right after the 17th digit is an 18th character and ends the number (GB 11643 check character).
DigitGroups read_groups(std::string_view text, std::size_t begin, bool final_x) {
    DigitGroups groups;
    const std::size_t n = text.size();
    std::size_t pos = begin;
    std::size_t total = 0;
    char separator = 0;
    while (groups.count < kMaxGroups) {
        const std::size_t start = pos;
        while (pos < n && is_digit(text[pos]) && pos - start <= kMaxNumberDigits) ++pos;
        std::size_t length = pos - start;
        if (total + length > kMaxNumberDigits) break;  // too long: this group is not ours
        const bool x = final_x && total + length == 17 && pos < n && text[pos] == 'x';
        if (x) {
            ++pos;
            ++length;
        }
        total += length;
        groups.end[groups.count] = pos;
        groups.length[groups.count] = static_cast<std::uint8_t>(length);
        ++groups.count;
        if (x || pos + 1 >= n) break;
        const char next = text[pos];
        if ((next != ' ' && next != '-') || (separator != 0 && next != separator) || !is_digit(text[pos + 1])) break;
        separator = next;
        ++pos;
    }
    return groups;
}

// A number may start here: no letter or digit before it, and not the tail of a dotted or
// hyphenated number ("3.1415926535897932384", "2024-6222...").
bool number_starts_at(std::string_view text, std::size_t begin) {
    if (begin == 0) return true;
    const char before = text[begin - 1];
    if (is_alnum(before)) return false;
    if ((before == '.' || before == '-') && begin >= 2 && is_digit(text[begin - 2])) return false;
    return true;
}

// A number may end here: no letter or digit after it, and no dot or hyphen carrying the digits on.
// A space followed by more digits is fine: "4111 1111 1111 1111 2028" is a card and a year.
bool number_ends_at(std::string_view text, std::size_t end) {
    if (end >= text.size()) return true;
    const char after = text[end];
    if (is_alnum(after)) return false;
    if ((after == '.' || after == '-') && end + 1 < text.size() && is_digit(text[end + 1])) return false;
    return true;
}

// Sets of number lengths, as bits: bit l set for l digits.
constexpr std::uint32_t lengths(std::size_t low, std::size_t high) {
    std::uint32_t bits = 0;
    for (std::size_t l = low; l <= high; ++l) bits |= 1u << l;
    return bits;
}
constexpr std::uint32_t only(std::size_t l) { return 1u << l; }

// How people write grouped numbers: the card issuers' embossing (fours with a shorter last group,
// Amex 4-6-5, Diners 4-6-4), and the resident ID split into region, birth date and sequence.
struct GroupShape {
    std::array<std::uint8_t, kMaxGroups> length;
    std::size_t count;
};

constexpr GroupShape kCardShapes[] = {
    {{4, 4, 4, 4}, 4},    {{4, 4, 4, 4, 3}, 5}, {{4, 4, 4, 4, 2}, 5}, {{4, 4, 4, 4, 1}, 5},
    {{4, 4, 4, 3}, 4},    {{4, 4, 4, 2}, 4},    {{4, 4, 4, 1}, 4},    {{4, 6, 5}, 3},
    {{4, 6, 4}, 3},
};
constexpr GroupShape kResidentIdShapes[] = {
    {{6, 8, 4}, 3},
};

struct NumberSpec {
    std::size_t min_compact;  // length range written without separators
    std::size_t max_compact;
    std::span<const GroupShape> shapes;
    bool final_x;
    bool (*valid)(std::string_view characters);  // digits (and a final 'x'), separators removed
};

bool has_shape(const DigitGroups& groups, std::size_t count, std::span<const GroupShape> shapes) {
    for (const GroupShape& shape : shapes) {
        if (shape.count == count &&
            std::equal(shape.length.begin(), shape.length.begin() + count, groups.length.begin())) {
            return true;
        }
    }
    return false;
}

// Scans the text for numbers of one kind; `begin` of each digit run that can start a number is
// tried with the longest plausible reading first.
std::vector<DetectorHit> find_numbers(std::string_view text, const NumberSpec& spec) {
    std::vector<DetectorHit> hits;
    // The lengths a number's first digit run can have (bit l: l digits): most runs in mail (years,
    // amounts, times) are ruled out by their length before anything else is read.
    std::uint32_t first_runs = lengths(spec.min_compact, spec.max_compact);
    if (spec.final_x) first_runs |= 1u << (spec.min_compact - 1);
    for (const GroupShape& shape : spec.shapes) first_runs |= 1u << shape.length[0];
    const std::size_t n = text.size();
    std::size_t i = find_digit(text, 0);
    while (i < n) {
        std::size_t next = skip_digits(text, i);
        const std::size_t run = std::min<std::size_t>(next - i, 31);
        if (((first_runs >> run) & 1u) == 0 || !number_starts_at(text, i)) {
            i = find_digit(text, next);
            continue;
        }
        const DigitGroups groups = read_groups(text, i, spec.final_x);
        for (std::size_t k = groups.count; k >= 1; --k) {
            const bool compact = k == 1 && groups.length[0] >= spec.min_compact && groups.length[0] <= spec.max_compact;
            if (!compact && !has_shape(groups, k, spec.shapes)) continue;
            const std::size_t end = groups.end[k - 1];
            if (!number_ends_at(text, end)) continue;
            std::array<char, kMaxNumberDigits> characters{};
            std::size_t length = 0;
            for (std::size_t p = i; p < end; ++p) {
                if (is_alnum(text[p])) characters[length++] = text[p];
            }
            const std::string_view value(characters.data(), length);
            if (!spec.valid(value)) continue;
            DetectorHit hit{i, end, std::string(value)};
            if (spec.final_x && !hit.value.empty() && hit.value.back() == 'x') hit.value.back() = 'X';
            hits.push_back(std::move(hit));
            next = end;
            break;
        }
        i = find_digit(text, next);
    }
    return hits;
}

// ISO/IEC 7812-1 Annex B (Luhn).
bool luhn_valid(std::string_view digits) {
    unsigned sum = 0;
    bool twice = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        unsigned d = static_cast<unsigned>(*it - '0');
        if (twice) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
        twice = !twice;
    }
    return sum % 10 == 0;
}


// The first `digits` digits of a number, as an integer.
std::uint32_t prefix_of(std::string_view number, std::size_t digits) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < digits && i < number.size(); ++i) {
        value = value * 10 + static_cast<std::uint32_t>(number[i] - '0');
    }
    return value;
}

// ---------------------------------------------------------------------------------------------
// payment_card: issuer identification number ranges (ISO/IEC 7812-1) and the lengths each issuer
// uses, from the networks' published ranges. A row per range; a new network is a row and a test.

struct CardRange {
    std::string_view network;
    std::uint8_t prefix_digits;
    std::uint32_t low;  // inclusive range of the first prefix_digits digits
    std::uint32_t high;
    std::uint32_t lengths;  // bit l set: l digits long
};

constexpr CardRange kCardRanges[] = {
    {"visa", 1, 4, 4, only(13) | only(16) | only(19)},
    {"mastercard", 2, 51, 55, only(16)},
    {"mastercard", 4, 2221, 2720, only(16)},  // the 2-series, since 2017
    {"amex", 2, 34, 34, only(15)},
    {"amex", 2, 37, 37, only(15)},
    {"unionpay", 2, 62, 62, lengths(16, 19)},
    {"jcb", 4, 3528, 3589, lengths(16, 19)},
    {"discover", 4, 6011, 6011, lengths(16, 19)},
    {"discover", 3, 644, 649, lengths(16, 19)},
    {"discover", 2, 65, 65, lengths(16, 19)},
    {"diners", 3, 300, 305, lengths(14, 19)},
    {"diners", 4, 3095, 3095, lengths(14, 19)},
    {"diners", 2, 36, 36, lengths(14, 19)},
    {"diners", 2, 38, 39, lengths(16, 19)},
    // Maestro also issues 12-digit numbers; the scan starts at 13 digits, like every network here.
    {"maestro", 4, 5018, 5018, lengths(13, 19)},
    {"maestro", 4, 5020, 5020, lengths(13, 19)},
    {"maestro", 4, 5038, 5038, lengths(13, 19)},
    {"maestro", 4, 5893, 5893, lengths(13, 19)},
    {"maestro", 4, 6304, 6304, lengths(13, 19)},
    {"maestro", 4, 6759, 6759, lengths(13, 19)},
    {"maestro", 4, 6761, 6763, lengths(13, 19)},
    {"mir", 4, 2200, 2204, lengths(16, 19)},
    {"rupay", 2, 60, 60, only(16)},
    {"rupay", 3, 508, 508, only(16)},
    {"rupay", 2, 81, 82, only(16)},
    {"dankort", 4, 5019, 5019, only(16)},
    {"interpayment", 3, 636, 636, lengths(16, 19)},
    {"instapayment", 3, 637, 639, only(16)},
    {"troy", 4, 9792, 9792, only(16)},
    // Not listed: UATP (prefix 1, 15 digits) — a single leading digit and Luhn would make one
    // 15-digit reference number in ten a "card".
};

bool valid_payment_card(std::string_view digits) {
    if (digits.size() < 13 || digits.size() > 19) return false;
    const std::uint32_t bit = only(digits.size());
    bool issued = false;
    for (const CardRange& range : kCardRanges) {
        const std::uint32_t prefix = prefix_of(digits, range.prefix_digits);
        if ((range.lengths & bit) != 0 && prefix >= range.low && prefix <= range.high) {
            issued = true;
            break;
        }
    }
    return issued && luhn_valid(digits);
}

// ---------------------------------------------------------------------------------------------
// cn_bank_card: every Chinese issuer's UnionPay cards start with 62; before UnionPay (2002) and on
// co-branded Visa/Mastercard debit cards the big banks used their own BINs. A short list of the
// common ones, from the banks' published card numbers; more is a row and a test vector.

struct ChineseBin {
    std::string_view prefix;
    std::string_view issuer;
    std::uint32_t lengths;
};

constexpr ChineseBin kChineseBins[] = {
    {"62", "China UnionPay, every issuer", lengths(16, 19)},
    {"436742", "China Construction Bank, Long Card debit (Visa)", lengths(16, 19)},
    {"9558", "Industrial and Commercial Bank of China, Peony debit", lengths(16, 19)},
    {"95599", "Agricultural Bank of China, Jinsui debit", lengths(16, 19)},
    {"601382", "Bank of China, Great Wall debit", lengths(16, 19)},
    {"456351", "Bank of China, debit (Visa)", lengths(16, 19)},
    {"402658", "China Merchants Bank, All-in-One debit (Visa)", lengths(16, 19)},
    {"405512", "Bank of Communications, Pacific debit (Visa)", lengths(16, 19)},
};

bool valid_chinese_bank_card(std::string_view digits) {
    if (digits.size() < 16 || digits.size() > 19) return false;
    const std::uint32_t bit = only(digits.size());
    const bool known = std::any_of(std::begin(kChineseBins), std::end(kChineseBins), [&](const ChineseBin& bin) {
        return (bin.lengths & bit) != 0 && digits.starts_with(bin.prefix);
    });
    return known && luhn_valid(digits);
}

// ---------------------------------------------------------------------------------------------
// cn_resident_id: GB 11643-1999. Digits 1-2 the province (GB/T 2260), 7-14 the birth date, 18 the
// ISO 7064 MOD 11-2 check character.

// GB/T 2260 provinces, plus 71 Taiwan, 81/82/83 the residence permits for Hong Kong, Macao and
// Taiwan residents (2018), 91 the foreigners' permanent residence ID (2023).
constexpr std::uint8_t kProvinces[] = {
    11, 12, 13, 14, 15,          // 北京 天津 河北 山西 内蒙古
    21, 22, 23,                  // 辽宁 吉林 黑龙江
    31, 32, 33, 34, 35, 36, 37,  // 上海 江苏 浙江 安徽 福建 江西 山东
    41, 42, 43, 44, 45, 46,      // 河南 湖北 湖南 广东 广西 海南
    50, 51, 52, 53, 54,          // 重庆 四川 贵州 云南 西藏
    61, 62, 63, 64, 65,          // 陕西 甘肃 青海 宁夏 新疆
    71, 81, 82, 83, 91,
};

// The standard's own example 440524188001010014 was born in 1880; no one alive was born before
// 1900, but an earlier bound costs little and keeps the published vector valid.
constexpr int kFirstBirthYear = 1800;
constexpr int kLastBirthYear = 2100;

constexpr bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool real_date(int year, int month, int day) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < kFirstBirthYear || year > kLastBirthYear || month < 1 || month > 12 || day < 1) return false;
    const int days = kDays[month - 1] + (month == 2 && is_leap_year(year) ? 1 : 0);
    return day <= days;
}

int number_at(std::string_view digits, std::size_t from, std::size_t count) {
    return static_cast<int>(prefix_of(digits.substr(from), count));
}

bool valid_resident_id(std::string_view id) {
    if (id.size() != 18) return false;
    const int province = number_at(id, 0, 2);
    if (std::find(std::begin(kProvinces), std::end(kProvinces), province) == std::end(kProvinces)) return false;
    if (!real_date(number_at(id, 6, 4), number_at(id, 10, 2), number_at(id, 12, 2))) return false;
    // ISO 7064 MOD 11-2: weight 2^(17-i) mod 11 on the i-th digit.
    constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    constexpr char kCheck[11] = {'1', '0', 'x', '9', '8', '7', '6', '5', '4', '3', '2'};
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
    return to_lower(id[17]) == kCheck[sum % 11];
}

// ---------------------------------------------------------------------------------------------
// iban: ISO 13616-1, lengths and BBAN structures of the 89 countries in the SWIFT IBAN registry
// (2024 releases; "n" digits, "a" upper-case letters, "c" letters or digits). Territories that use
// their parent's code (Åland FI, Guernsey GB, French overseas FR, ...) need no row; the national
// IBANs outside the registry (Algeria, Morocco, the CFA franc zone, ...) are left out.

struct IbanCountry {
    char code[3];
    std::uint8_t length;
    std::string_view bban;
};

constexpr IbanCountry kIbanCountries[] = {
    {"AD", 24, "4n4n12c"},       {"AE", 23, "3n16n"},         {"AL", 28, "8n16c"},
    {"AT", 20, "5n11n"},         {"AZ", 28, "4a20c"},         {"BA", 20, "3n3n8n2n"},
    {"BE", 16, "3n7n2n"},        {"BG", 22, "4a4n2n8c"},      {"BH", 22, "4a14c"},
    {"BI", 27, "5n5n11n2n"},     {"BR", 29, "8n5n10n1a1c"},   {"BY", 28, "4c4n16c"},
    {"CH", 21, "5n12c"},         {"CR", 22, "4n14n"},         {"CY", 28, "3n5n16c"},
    {"CZ", 24, "4n6n10n"},       {"DE", 22, "8n10n"},         {"DJ", 27, "5n5n11n2n"},
    {"DK", 18, "4n9n1n"},        {"DO", 28, "4c20n"},         {"EE", 20, "2n14n"},
    {"EG", 29, "4n4n17n"},       {"ES", 24, "4n4n1n1n10n"},   {"FI", 18, "3n11n"},
    {"FK", 18, "2a12n"},         {"FO", 18, "4n9n1n"},        {"FR", 27, "5n5n11c2n"},
    {"GB", 22, "4a6n8n"},        {"GE", 22, "2a16n"},         {"GI", 23, "4a15c"},
    {"GL", 18, "4n9n1n"},        {"GR", 27, "3n4n16c"},       {"GT", 28, "4c20c"},
    {"HN", 28, "4a20n"},         {"HR", 21, "7n10n"},         {"HU", 28, "3n4n1n15n1n"},
    {"IE", 22, "4a6n8n"},        {"IL", 23, "3n3n13n"},       {"IQ", 23, "4a3n12n"},
    {"IS", 26, "4n2n6n10n"},     {"IT", 27, "1a5n5n12c"},     {"JO", 30, "4a4n18c"},
    {"KW", 30, "4a22c"},         {"KZ", 20, "3n13c"},         {"LB", 28, "4n20c"},
    {"LC", 32, "4a24c"},         {"LI", 21, "5n12c"},         {"LT", 20, "5n11n"},
    {"LU", 20, "3n13c"},         {"LV", 21, "4a13c"},         {"LY", 25, "3n3n15n"},
    {"MC", 27, "5n5n11c2n"},     {"MD", 24, "2c18c"},         {"ME", 22, "3n13n2n"},
    {"MK", 19, "3n10c2n"},       {"MN", 20, "4n12n"},         {"MR", 27, "5n5n11n2n"},
    {"MT", 31, "4a5n18c"},       {"MU", 30, "4a2n2n12n3n3a"}, {"NI", 28, "4a20n"},
    {"NL", 18, "4a10n"},         {"NO", 15, "4n6n1n"},        {"OM", 23, "3n16c"},
    {"PK", 24, "4a16c"},         {"PL", 28, "8n16n"},         {"PS", 29, "4a21c"},
    {"PT", 25, "4n4n11n2n"},     {"QA", 29, "4a21c"},         {"RO", 24, "4a16c"},
    {"RS", 22, "3n13n2n"},       {"RU", 33, "9n5n15c"},       {"SA", 24, "2n18c"},
    {"SC", 31, "4a2n2n16n3a"},   {"SD", 18, "2n12n"},         {"SE", 24, "3n16n1n"},
    {"SI", 19, "5n8n2n"},        {"SK", 24, "4n6n10n"},       {"SM", 27, "1a5n5n12c"},
    {"SO", 23, "4n3n12n"},       {"ST", 25, "4n4n11n2n"},     {"SV", 28, "4a20n"},
    {"TL", 23, "3n14n2n"},       {"TN", 24, "2n3n13n2n"},     {"TR", 26, "5n1n16c"},
    {"UA", 29, "6n19c"},         {"VA", 22, "3n15n"},         {"VG", 24, "4a16n"},
    {"XK", 20, "4n10n2n"},       {"YE", 30, "4a4n18c"},
};

constexpr std::size_t kMaxIbanLength = 34;  // ISO 13616-1 §5.1

constexpr std::size_t bban_length(std::string_view format) {
    std::size_t total = 0;
    std::size_t count = 0;
    for (const char c : format) {
        if (c >= '0' && c <= '9') {
            count = count * 10 + static_cast<std::size_t>(c - '0');
        } else {
            total += count;
            count = 0;
        }
    }
    return total;
}

// Every row's BBAN structure adds up to its length (a typo in the table fails the build).
static_assert(std::all_of(std::begin(kIbanCountries), std::end(kIbanCountries), [](const IbanCountry& c) {
    return 4 + bban_length(c.bban) == c.length && c.length <= kMaxIbanLength;
}));

constexpr std::size_t pair_index(char first, char second) {
    return static_cast<std::size_t>(to_upper(first) - 'A') * 26 + static_cast<std::size_t>(to_upper(second) - 'A');
}

// Row + 1 of each country code in kIbanCountries, 0 when the country has no IBAN.
constexpr std::array<std::uint8_t, 26 * 26> kIbanIndex = [] {
    std::array<std::uint8_t, 26 * 26> index{};
    for (std::size_t i = 0; i < std::size(kIbanCountries); ++i) {
        index[pair_index(kIbanCountries[i].code[0], kIbanCountries[i].code[1])] = static_cast<std::uint8_t>(i + 1);
    }
    return index;
}();

bool bban_matches(std::string_view bban, std::string_view format) {
    std::size_t pos = 0;
    std::size_t count = 0;
    for (const char c : format) {
        if (c >= '0' && c <= '9') {
            count = count * 10 + static_cast<std::size_t>(c - '0');
            continue;
        }
        for (std::size_t k = 0; k < count; ++k, ++pos) {
            const char b = bban[pos];
            if ((c == 'n' && !is_digit(b)) || (c == 'a' && !is_letter(b)) || (c == 'c' && !is_alnum(b))) return false;
        }
        count = 0;
    }
    return pos == bban.size();
}

// ISO 13616-1 §6 / ISO 7064 MOD 97-10: the first four characters moved to the end, letters as
// 10..35, the whole as a decimal number mod 97 must be 1.
bool iban_checksum_valid(std::string_view iban) {
    unsigned remainder = 0;
    auto add = [&](char c) {
        if (is_digit(c)) {
            remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
        } else {
            remainder = (remainder * 100 + static_cast<unsigned>(to_lower(c) - 'a' + 10)) % 97;
        }
    };
    for (const char c : iban.substr(4)) add(c);
    for (const char c : iban.substr(0, 4)) add(c);
    return remainder == 1;
}

// An IBAN starts with two letters and two digits, so it is found from its first digit run: the two
// characters before it are the country code.
std::vector<DetectorHit> find_ibans(std::string_view text) {
    std::vector<DetectorHit> hits;
    const std::size_t n = text.size();
    std::size_t i = find_digit(text, 0);
    while (i < n) {
        std::size_t next = skip_digits(text, i);
        const bool candidate = i >= 2 && is_letter(text[i - 2]) && is_letter(text[i - 1]) &&
                               (i == 2 || !is_alnum(text[i - 3])) && i + 1 < n && is_digit(text[i + 1]);
        const std::size_t row = candidate ? kIbanIndex[pair_index(text[i - 2], text[i - 1])] : 0;
        if (row != 0) {
            const IbanCountry& country = kIbanCountries[row - 1];
            const std::size_t begin = i - 2;
            // Electronic form, or the paper form of ISO 13616-1 §5.4: groups of four, one space.
            const bool grouped = begin + 4 < n && text[begin + 4] == ' ';
            std::array<char, kMaxIbanLength> characters{};
            std::size_t count = 0;
            std::size_t pos = begin;
            while (count < country.length && pos < n) {
                if (grouped && count > 0 && count % 4 == 0) {
                    if (text[pos] != ' ') break;
                    ++pos;
                    if (pos >= n) break;
                }
                if (!is_alnum(text[pos])) break;
                characters[count++] = to_upper(text[pos++]);
            }
            const std::string_view iban(characters.data(), count);
            if (count == country.length && (pos == n || !is_alnum(text[pos])) &&
                bban_matches(iban.substr(4), country.bban) && iban_checksum_valid(iban)) {
                hits.push_back({begin, pos, std::string(iban)});
                next = pos;
            }
        }
        i = find_digit(text, next);
    }
    return hits;
}

// ---------------------------------------------------------------------------------------------
// swift_bic: ISO 9362 — bank (4 letters), ISO 3166-1 alpha-2 country, location (2 letters or
// digits), optional branch (3). Since ISO 9362:2014 the first four may be digits too, but no
// issued BIC uses that and accepting it would make every "ab12cd..." token a candidate.

// ISO 3166-1 alpha-2 officially assigned codes, and XK (Kosovo), which SWIFT uses.
constexpr std::string_view kCountryCodes =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS "
    "BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE "
    "EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM "
    "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC "
    "LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA "
    "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO "
    "TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW "
    "XK";

constexpr std::array<bool, 26 * 26> kIsCountry = [] {
    std::array<bool, 26 * 26> known{};
    for (std::size_t i = 0; i + 1 < kCountryCodes.size(); i += 3) known[pair_index(kCountryCodes[i], kCountryCodes[i + 1])] = true;
    return known;
}();
static_assert(kCountryCodes.size() % 3 == 2 && kCountryCodes.size() / 3 + 1 == 250);

// Is the character at byte `o` of the original a capital letter or a digit? ASCII, or the
// full-width forms U+FF21..U+FF3A and U+FF10..U+FF19 (EF BC A1..BA, EF BC 90..99) that NFKC folded.
bool capital_at(std::string_view original, std::size_t o) {
    if (o >= original.size()) return false;
    const char c = original[o];
    if ((c >= 'A' && c <= 'Z') || is_digit(c)) return true;
    if (o + 2 < original.size() && static_cast<unsigned char>(c) == 0xEF &&
        static_cast<unsigned char>(original[o + 1]) == 0xBC) {
        const auto third = static_cast<unsigned char>(original[o + 2]);
        return (third >= 0xA1 && third <= 0xBA) || (third >= 0x90 && third <= 0x99);
    }
    return false;
}

// The structure rules of ISO 9362 as SWIFT applies them: the location code does not start with
// 0 or 1 and its second character is not the letter O (reserved against confusion with the
// digit 0, which marks a test BIC, accepted here); a branch code starts with X only as XXX.
bool valid_bic(std::string_view code) {
    for (std::size_t i = 0; i < 6; ++i) {
        if (!is_letter(code[i])) return false;
    }
    if (!kIsCountry[pair_index(code[4], code[5])]) return false;
    if (code[6] == '0' || code[6] == '1' || code[7] == 'o') return false;
    if (code.size() == 11 && code[8] == 'x' && code.substr(8) != "xxx") return false;
    return true;
}

// Residual false positives: an upper-case English word of eight or eleven letters whose letters
// 5-6 spell a country (DOCUMENT: DOCU ME NT; HOSPITAL: HOSP IT AL) passes; SHIPPING (PI) does not.
// Such words are rare in mixed-case prose but common in shouted subjects and forms: rules should
// pair swift_bic with `near` keywords (swift, bic, 银行代码, 汇款) rather than use it alone.
// A BIC-shaped word that passed the structure rules, waiting for its capitals to be checked.
struct BicCandidate {
    std::size_t begin = 0;
    std::size_t length = 0;
    std::size_t original = 0;  // origin[begin]
    bool capital = false;      // original[origin[begin]] is a capital
};

// English has many BIC-shaped words (ATTA CH ED, DOCU ME NT), and checking one reads origin[]
// and the original text at places a large text has long evicted from the cache. The candidates
// are checked in batches so that those reads overlap instead of waiting one after another.
constexpr std::size_t kBicBatch = 64;

void check_bic_batch(const NormalizedText& text, std::string_view original, std::span<BicCandidate> batch,
                     std::vector<DetectorHit>& hits) {
    for (BicCandidate& c : batch) c.original = text.origin[c.begin];
    for (BicCandidate& c : batch) c.capital = capital_at(original, c.original);
    for (const BicCandidate& c : batch) {
        if (!c.capital) continue;
        bool capitals = true;
        for (std::size_t p = c.begin + 1; p < c.begin + c.length && capitals; ++p) {
            capitals = capital_at(original, text.origin[p]);
        }
        if (!capitals) continue;
        std::string value(text.text, c.begin, c.length);
        std::transform(value.begin(), value.end(), value.begin(), to_upper);
        hits.push_back({c.begin, c.begin + c.length, std::move(value)});
    }
}

std::vector<DetectorHit> find_bics(const NormalizedText& text, std::string_view original) {
    std::vector<DetectorHit> hits;
    const std::string_view s = text.text;
    if (text.origin.size() < s.size() + 1) return hits;  // no way to see the capitals
    const std::size_t n = s.size();
    std::array<BicCandidate, kBicBatch> batch;
    std::size_t pending = 0;
    // 64 bytes at a time, without a branch per byte: a candidate is a run of exactly 8 or 11
    // letters and digits, starting with six letters. Bits of the next block give the look-ahead.
    ClassMasks current = class_masks(s.data(), n);
    bool previous_alnum = false;
    for (std::size_t block = 0; block < n; block += 64) {
        const ClassMasks next = block + 64 < n ? class_masks(s.data() + block + 64, n - block - 64) : ClassMasks{};
        const std::uint64_t a = current.alnum;
        const std::uint64_t l = current.letter;
        auto alnum_at = [&](unsigned k) { return ahead(a, next.alnum, k); };
        auto letter_at = [&](unsigned k) { return ahead(l, next.letter, k); };
        const std::uint64_t starts = a & ~((a << 1) | (previous_alnum ? 1u : 0u));
        const std::uint64_t six_letters = l & letter_at(1) & letter_at(2) & letter_at(3) & letter_at(4) & letter_at(5);
        const std::uint64_t eight = starts & six_letters & alnum_at(6) & alnum_at(7);
        const std::uint64_t ends_at_8 = eight & ~alnum_at(8);
        const std::uint64_t ends_at_11 = eight & alnum_at(8) & alnum_at(9) & alnum_at(10) & ~alnum_at(11);
        for (std::uint64_t candidates = ends_at_8 | ends_at_11; candidates != 0; candidates &= candidates - 1) {
            const auto k = static_cast<unsigned>(std::countr_zero(candidates));
            const std::size_t length = ((ends_at_8 >> k) & 1) != 0 ? 8 : 11;
            if (!valid_bic(s.substr(block + k, length))) continue;
            batch[pending++] = {block + k, length};
            if (pending == kBicBatch) {
                check_bic_batch(text, original, batch, hits);
                pending = 0;
            }
        }
        previous_alnum = (a >> 63) != 0;
        current = next;
    }
    check_bic_batch(text, original, std::span(batch).first(pending), hits);
    return hits;
}

// ---------------------------------------------------------------------------------------------
// email_address: RFC 5322 §3.4.1 addr-spec in its dot-atom form, limited to what mail providers
// let people register: letters, digits and . _ % + - on the left. The other atext symbols
// (! # $ & ' * / = ? ^ ` { | } ~) are far more often punctuation around an address in prose
// ('bob@example.com', ?to=bob@...) than part of it. Domains are ASCII (IDNs as xn--).

constexpr std::size_t kMaxLocalPart = 64;   // RFC 5321 §4.5.3.1.1
constexpr std::size_t kMaxDomain = 253;     // RFC 1035 §2.3.4, without the final dot
constexpr std::size_t kMaxLabel = 63;

constexpr std::array<bool, 256> kLocalChar = [] {
    std::array<bool, 256> table{};
    for (std::size_t c = 0; c < 256; ++c) table[c] = kCharClass[c] != kOther;
    for (const char c : std::string_view("._%+-")) table[static_cast<unsigned char>(c)] = true;
    return table;
}();

bool is_local_char(char c) { return kLocalChar[static_cast<unsigned char>(c)]; }

// The end of the domain that starts at `from`, or `from` when there is none: labels of letters,
// digits and inner hyphens (RFC 1035 §2.3.1), at least two, the last one letters only.
std::size_t domain_end(std::string_view text, std::size_t from) {
    const std::size_t n = text.size();
    std::size_t pos = from;
    std::size_t labels = 0;
    std::size_t end = from;
    bool last_alphabetic = false;
    std::size_t last_length = 0;
    while (pos < n && pos - from <= kMaxDomain) {
        const std::size_t start = pos;
        bool alphabetic = true;
        while (pos < n && (is_alnum(text[pos]) || text[pos] == '-') && pos - start <= kMaxLabel) {
            alphabetic = alphabetic && is_letter(text[pos]);
            ++pos;
        }
        const std::size_t length = pos - start;
        if (length == 0 || length > kMaxLabel || text[start] == '-' || text[pos - 1] == '-') return from;
        ++labels;
        end = pos;
        last_alphabetic = alphabetic;
        last_length = length;
        if (pos + 1 < n && text[pos] == '.' && is_alnum(text[pos + 1])) {
            ++pos;
            continue;
        }
        break;
    }
    if (labels < 2 || !last_alphabetic || last_length < 2 || end - from > kMaxDomain) return from;
    if (end < n && (is_alnum(text[end]) || text[end] == '-')) return from;  // label too long
    return end;
}

bool internal_domain(std::string_view domain, const std::vector<std::string>& internal) {
    auto equal = [](std::string_view a, std::string_view b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return to_lower(x) == to_lower(y);
               });
    };
    for (const std::string& d : internal) {
        if (d.empty()) continue;
        if (equal(domain, d)) return true;
        if (domain.size() > d.size() && domain[domain.size() - d.size() - 1] == '.' &&
            equal(domain.substr(domain.size() - d.size()), d)) {
            return true;
        }
    }
    return false;
}

std::vector<DetectorHit> find_emails(std::string_view text, const DetectorOptions& options) {
    std::vector<DetectorHit> hits;
    const std::size_t n = text.size();
    std::size_t from = 0;
    while (from < n) {
        const void* found = std::memchr(text.data() + from, '@', n - from);
        if (found == nullptr) break;
        const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
        from = at + 1;
        std::size_t begin = at;
        while (begin > 0 && is_local_char(text[begin - 1]) && at - begin <= kMaxLocalPart) --begin;
        if (begin > 0 && is_local_char(text[begin - 1])) continue;  // local part too long
        while (begin < at && !is_alnum(text[begin]) && text[begin] != '_') ++begin;  // "...bob", "--bob"
        const std::string_view local = text.substr(begin, at - begin);
        if (local.empty() || local.size() > kMaxLocalPart || local.back() == '.' ||
            local.find("..") != std::string_view::npos) {
            continue;
        }
        const std::size_t end = domain_end(text, at + 1);
        if (end == at + 1) continue;
        const std::string_view domain = text.substr(at + 1, end - at - 1);
        from = end;
        if (internal_domain(domain, options.internal_domains)) continue;
        std::string value(text.substr(begin, end - begin));
        std::transform(value.begin(), value.end(), value.begin(), to_lower);
        hits.push_back({begin, end, std::move(value)});
    }
    return hits;
}

// ---------------------------------------------------------------------------------------------
// phone_number: numbers libphonenumber calls valid for their region, not just possible. Digits
// are ASCII: normalisation made full-width digits ASCII (Arabic-Indic digits are not read).

// Our own candidates, libphonenumber's validation: a candidate is '+' or '(' or a digit, not
// glued to a letter or digit before it, then digits joined by at most two of space - . ( ) in a
// row, not glued to a letter or digit after it. With 7 to 17 digits it becomes a PhoneNumber
// (country code after '+' or the region's international prefix 00; else the default region, its
// national prefix stripped) and counts when PhoneNumberUtil::IsValidNumber says so. Parsing text
// with libphonenumber costs 15-75 us a number here (PhoneNumberMatcher, PhoneNumberUtil::Parse);
// IsValidNumber on a built number 3.6 us. Every run of digits counts against
// max_phone_candidates, so that a text of digits ends the search.
std::vector<DetectorHit> find_phone_numbers(std::string_view text, const DetectorOptions& options) {
    using i18n::phonenumbers::PhoneNumber;
    using i18n::phonenumbers::PhoneNumberUtil;
    std::vector<DetectorHit> hits;
    std::string region = options.default_region;
    std::transform(region.begin(), region.end(), region.begin(), to_upper);
    // The library's one immutable instance (its metadata, built on first use, thread-safe).
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    const int region_code = util.GetCountryCodeForRegion(region);
    std::string national_prefix;
    util.GetNddPrefixForRegion(region, true, &national_prefix);
    const std::size_t n = text.size();
    auto alnum = [&](std::size_t i) { return std::isalnum(static_cast<unsigned char>(text[i])) != 0; };
    auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    auto joiner = [&](std::size_t i) {
        const char c = text[i];
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
    };
    std::size_t candidates = 0;
    std::string digits, e164, country_region;
    PhoneNumber number;
    for (std::size_t i = 0; i < n;) {
        // next start: '+', '(' or a digit
        while (i < n && !digit(i) && text[i] != '+' && text[i] != '(') ++i;
        if (i >= n) break;
        const std::size_t begin = i;
        if (begin > 0 && alnum(begin - 1)) {  // inside a word or a longer token
            ++i;  // past the start, which may be a '(' the skip below would not move over
            while (i < n && (alnum(i) || text[i] == '+')) ++i;
            continue;
        }
        const bool plus = text[i] == '+';
        if (plus || text[i] == '(') ++i;
        digits.clear();
        std::size_t end = i, joiners = 0;
        for (; i < n; ++i) {
            if (digit(i)) {
                digits.push_back(text[i]);
                joiners = 0;
                end = i + 1;
            } else if (joiner(i) && ++joiners <= 2) {
                if (text[i] == ')') end = i + 1;
            } else {
                break;
            }
        }
        if (digits.empty()) continue;
        if (++candidates > options.max_phone_candidates) break;
        if (end < n && alnum(end)) {  // glued to what follows: part of something else
            while (i < n && alnum(i)) ++i;
            continue;
        }
        if (digits.size() < 7 || digits.size() > 17) continue;
        std::string_view national(digits);
        int country = region_code;
        if (plus || national.starts_with("00")) {
            if (!plus) national.remove_prefix(2);
            country = 0;
            for (std::size_t len = 1; len <= 3 && len < national.size(); ++len) {
                int cc = 0;
                for (std::size_t k = 0; k < len; ++k) cc = cc * 10 + (national[k] - '0');
                util.GetRegionCodeForCountryCode(cc, &country_region);
                if (country_region != "ZZ") {
                    country = cc;
                    national.remove_prefix(len);
                    break;
                }
            }
            if (country == 0) continue;
        } else if (!national_prefix.empty() && national.starts_with(national_prefix)) {
            national.remove_prefix(national_prefix.size());
        }
        if (!parser::build_phone_number(country, national, number) || !util.IsValidNumber(number)) continue;
        util.Format(number, PhoneNumberUtil::E164, &e164);
        hits.push_back({begin, end, e164});
    }
    return hits;
}

}  // namespace

std::optional<Detector> detector_named(std::string_view name) {
    for (const DetectorName& entry : kDetectorNames) {
        if (entry.name == name) return entry.detector;
    }
    return std::nullopt;
}

std::string_view name_of(Detector detector) {
    for (const DetectorName& entry : kDetectorNames) {
        if (entry.detector == detector) return entry.name;
    }
    return "unknown";
}

std::vector<DetectorHit> detect(Detector detector, const NormalizedText& text, std::string_view original,
                                const DetectorOptions& options) {
    switch (detector) {
        case Detector::payment_card:
            return find_numbers(text.text, {13, 19, kCardShapes, false, valid_payment_card});
        case Detector::cn_bank_card:
            return find_numbers(text.text, {16, 19, kCardShapes, false, valid_chinese_bank_card});
        case Detector::cn_resident_id:
            return find_numbers(text.text, {18, 18, kResidentIdShapes, true, valid_resident_id});
        case Detector::iban:
            return find_ibans(text.text);
        case Detector::swift_bic:
            return find_bics(text, original);
        case Detector::email_address:
            return find_emails(text.text, options);
        case Detector::phone_number:
            return find_phone_numbers(text.text, options);
    }
    return {};
}

}  // namespace mailkeeper::rules
