// Email addresses found in free text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mailkeeper::parser::detail {

struct FoundAddress {
    std::string address;  // local@domain, as written
    std::size_t begin;    // offset of the address (or of its '<') in the text
    std::size_t end;      // one past the address (or past its '>')
    bool angled;          // written as <local@domain>
};

// Every plausible address in `text`, in order. Linear: each '@' is expanded once both ways.
std::vector<FoundAddress> find_addresses(std::string_view text, std::size_t max = 64);

// The address of a From/To header value: "Name <a@b>" -> "a@b".
std::string header_address(std::string_view value);

std::string local_part(std::string_view address);

}  // namespace mailkeeper::parser::detail
