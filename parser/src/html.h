// HTML parts reduced to text for analysis: tags dropped, block ends as line breaks, entities decoded.
#pragma once

#include <string>
#include <string_view>

namespace mailkeeper::parser {

std::string html_to_text(std::string_view html);

}  // namespace mailkeeper::parser
