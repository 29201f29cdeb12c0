// A contact card as the CLI prints it: the "contact" object of `mailkeeper signature --json` and
// `mailkeeper scan --json` (docs/scan.md), and the same in words.
#pragma once

#include <mailkeeper/parser/contact.h>

#include <nlohmann/json.hpp>
#include <string>

namespace mailkeeper::cli {

// {"name", "title", "company", "phones": [{"e164", "kind", "raw"}], "emails", "website",
//  "linkedin", "whatsapp", "wechat", "skype", "address", "country", "confidence": {field: 0..1}};
// absent fields are null.
nlohmann::json card_json(const parser::ContactCard& card);
std::string describe_card(const parser::ContactCard& card);

}  // namespace mailkeeper::cli
