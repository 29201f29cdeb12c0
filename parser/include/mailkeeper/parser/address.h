// Checks of addresses and domain names as an administrator or officer writes them in a config or a
// rule file (not as found in mail text: see src/address.h for that).
#pragma once

#include <string_view>

namespace mailkeeper::parser {

// A domain name: at least one dot, letters, digits, '-', '.' or non-ASCII (IDN), at most 253.
bool is_domain(std::string_view domain);
// local@domain with no space, brackets or separators that would let it inject into a header.
bool is_address(std::string_view address);

}  // namespace mailkeeper::parser
