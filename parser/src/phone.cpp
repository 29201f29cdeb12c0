#include "mailkeeper/parser/phone.h"

#include <phonenumbers/phonenumber.pb.h>

#include <cstdint>

namespace mailkeeper::parser {

bool build_phone_number(int country_code, std::string_view national, i18n::phonenumbers::PhoneNumber& number) {
    if (national.size() < 4 || national.size() > 15) return false;
    std::uint64_t value = 0;
    for (char c : national) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    number.Clear();
    number.set_country_code(country_code);
    number.set_national_number(value);
    // ITU-T E.164 numbers of some countries start with zeros (Italy's fixed lines); the proto keeps
    // them as a flag and a count
    std::size_t zeros = 0;
    while (zeros < national.size() && national[zeros] == '0') ++zeros;
    if (zeros > 0) {
        number.set_italian_leading_zero(true);
        if (zeros > 1) number.set_number_of_leading_zeros(static_cast<std::int32_t>(zeros));
    }
    return true;
}

}  // namespace mailkeeper::parser
