// Contact details from a signature block: name, title, company, phones (E.164 through
// libphonenumber), addresses, web and messenger handles, postal address, country.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mailkeeper/parser/signature.h"

namespace mailkeeper::parser {

// A value and how sure we are of it, 0..1: a labelled value ("Tel: ...", "手机:") or one that
// agrees with the sender (the From name) is surer than one guessed from its position.
//   0.9-0.95  labelled ("Tel:", "微信：", "Add:"), or a name that agrees with the From line
//   0.75-0.85 recognised by its own shape: an address with '@', a www. or linkedin.com link, a
//             company with a legal form ("Co., Ltd.", "GmbH", "有限公司"), a number's country
//   0.6-0.7   recognised by words or position: a title word, a street and house number, an
//             unlabelled number libphonenumber calls valid, the line after "Best regards"
//   0.5       the weakest guesses: a name-shaped line anywhere else, a country from the default
//             region. A labelled number libphonenumber calls possible but not valid: 0.6.
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
    // name, title, company, address: as written (spaces squeezed; address lines joined by ", ").
    // website: the link as written without a trailing '/'; linkedin: the link or handle as written.
    // whatsapp: E.164. wechat: the ID as written, or E.164 when it is a phone number. skype and qq:
    // the ID as written. country: ISO 3166 alpha-2 ("CN").
    std::optional<Field> name, title, company, website, linkedin, whatsapp, wechat, skype, qq, address, country;
    std::vector<Phone> phones;  // in order of appearance; "Tel/Fax:" gives two, office and fax
    std::vector<Field> emails;  // lowercased, in order of appearance, the sender's own included
    bool empty() const;
};

// Bounds on the work for one block (the block itself has at most kMaxSignatureLines lines; more
// are not read).
// Bytes read of one line: an Outlook one-line signature is about 150; the rest of a longer line
// is not read.
inline constexpr std::size_t kMaxContactLineBytes = 512;
// Digit runs that may be handed to libphonenumber per block (each costs 3-10 us there); a block
// of digits stops being read for phones after this many. A real signature has two to five.
inline constexpr std::size_t kMaxPhoneCandidates = 12;
// Pieces read per block (a line is cut at '|', runs of spaces and labels): a real signature has
// ten to forty; each costs about a microsecond.
inline constexpr std::size_t kMaxContactPieces = 64;
// Lines of one postal address (the labelled or first one and its continuations).
inline constexpr std::size_t kMaxAddressLines = 3;
// Phones and mail addresses kept on one card.
inline constexpr std::size_t kMaxContactPhones = 8;
inline constexpr std::size_t kMaxContactEmails = 8;

struct ContactOptions {
    // Region for numbers written without a country code, tried last: after the region of the
    // block's first number written with one, the sender's ccTLD and the address's country (ISO
    // 3166 alpha-2, "CN"; the gateway's own country).
    std::string default_region = "US";
    std::size_t max_line_bytes = kMaxContactLineBytes;
    std::size_t max_phone_candidates = kMaxPhoneCandidates;
    std::size_t max_pieces = kMaxContactPieces;
};

// Pure; bounded by the block (at most kMaxSignatureLines lines) and the options' limits. Lines
// need not be valid UTF-8: invalid bytes are read as spaces, and every value is valid UTF-8.
ContactCard extract_contact(const SignatureBlock& block, const Sender& sender, const ContactOptions& options = {});

}  // namespace mailkeeper::parser
