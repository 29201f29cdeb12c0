// A phone number from digits as written, for libphonenumber: shared by the contact cards
// (parser/) and the DLP phone detector (rules/), which both skip libphonenumber's own text parser
// (15-20 us a number, against 3-4 us for building it and asking its type).
#pragma once

#include <string_view>

namespace i18n::phonenumbers {
class PhoneNumber;
}

namespace mailkeeper::parser {

// Fills `number` with `country_code` and the national significant digits (trunk prefix already
// removed), keeping leading zeros where a country writes them (Italy, Gabon). False when the
// digits cannot be a number: fewer than 4 or more than 15, or not all digits.
bool build_phone_number(int country_code, std::string_view national_digits, i18n::phonenumbers::PhoneNumber& number);

}  // namespace mailkeeper::parser
