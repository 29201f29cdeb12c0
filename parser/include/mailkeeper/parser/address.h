// Checks of addresses and domain names as an administrator or officer writes them in a config or a
// rule file (not as found in mail text: see src/address.h for that).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mailkeeper::parser {

// A domain name: at least one dot, letters, digits, '-', '.' or non-ASCII (IDN), at most 253.
bool is_domain(std::string_view domain);
// local@domain with no space, brackets or separators that would let it inject into a header.
bool is_address(std::string_view address);

// The domain of an address, ASCII-lowercased: "Li@Sub.Example.COM" -> "sub.example.com"; empty
// without an '@'.
std::string domain_of(std::string_view address);
// True when the address's domain is one of `domains` (lowercase) or a subdomain of one: how the
// company's own domains are told from the rest of the world everywhere in mailkeeper.
bool in_domains(std::string_view address, const std::vector<std::string>& domains);

}  // namespace mailkeeper::parser
