// Contact details from a signature block: name, title, company, phones (E.164 through
// libphonenumber), addresses, web and messenger handles, postal address, country.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mailkeeper/parser/signature.h"

namespace mailkeeper::parser {

// A value and how sure we are of it, 0..1: a labelled value ("Tel: ...", "手机:") or one that
// agrees with the sender (the From name) is surer than one guessed from its position.
struct Field {
    std::string value;
    double confidence = 0;
};

struct Phone {
    std::string e164;   // "+8613812345678"
    std::string kind;   // "mobile", "office", "fax" or "other"
    std::string raw;    // as written
    double confidence = 0;
};

struct ContactCard {
    std::optional<Field> name, title, company, website, linkedin, whatsapp, wechat, skype, address, country;
    std::vector<Phone> phones;
    std::vector<Field> emails;  // lowercased
    bool empty() const;
};

struct ContactOptions {
    // Region for numbers written without a country code when the sender's ccTLD names none
    // (ISO 3166 alpha-2, "CN").
    std::string default_region = "US";
};

// Pure; bounded by the block (at most kMaxSignatureLines lines).
ContactCard extract_contact(const SignatureBlock& block, const Sender& sender, const ContactOptions& options = {});

}  // namespace mailkeeper::parser
