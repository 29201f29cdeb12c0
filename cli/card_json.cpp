#include "card_json.h"

#include <array>
#include <iomanip>
#include <sstream>
#include <utility>

namespace mailkeeper::cli {
namespace {

using nlohmann::json;
using FieldRef = std::pair<const char*, const std::optional<parser::Field>*>;

std::array<FieldRef, 10> fields_of(const parser::ContactCard& c) {
    return {{{"name", &c.name},
             {"title", &c.title},
             {"company", &c.company},
             {"website", &c.website},
             {"linkedin", &c.linkedin},
             {"whatsapp", &c.whatsapp},
             {"wechat", &c.wechat},
             {"skype", &c.skype},
             {"address", &c.address},
             {"country", &c.country}}};
}

}  // namespace

json card_json(const parser::ContactCard& card) {
    json j = json::object();
    json confidence = json::object();
    for (const auto& [key, field] : fields_of(card)) {
        j[key] = *field ? json((*field)->value) : json(nullptr);
        if (*field) confidence[key] = (*field)->confidence;
    }
    json phones = json::array();
    for (const auto& p : card.phones) phones.push_back(json{{"e164", p.e164}, {"kind", p.kind}, {"raw", p.raw}});
    j["phones"] = std::move(phones);
    json emails = json::array();
    for (const auto& e : card.emails) emails.push_back(e.value);
    j["emails"] = std::move(emails);
    j["confidence"] = std::move(confidence);
    return j;
}

std::string describe_card(const parser::ContactCard& card) {
    std::ostringstream out;
    for (const auto& [key, field] : fields_of(card))
        if (*field) out << std::left << std::setw(10) << key << (*field)->value << '\n';
    for (const auto& p : card.phones) out << std::left << std::setw(10) << p.kind << p.e164 << "  (" << p.raw << ")\n";
    for (const auto& e : card.emails) out << std::left << std::setw(10) << "email" << e.value << '\n';
    return out.str();
}

}  // namespace mailkeeper::cli
