// Detectors: validated patterns (checksums, lengths, dates), not bare regexes. Each reports where
// it matched in the normalised text and the canonical value it found.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mailkeeper/rules/normalize.h"

namespace mailkeeper::rules {

enum class Detector {
    payment_card,    // Luhn, issuer prefix and length (Visa, Mastercard, Amex, UnionPay, JCB, ...)
    cn_resident_id,  // 18 characters, GB 11643 / ISO 7064 MOD 11-2 check character, real birth date
    cn_bank_card,    // Chinese bank card: 16-19 digits, Luhn, issuer prefix 62 / known BINs
    iban,            // ISO 13616: country length table, mod 97 == 1
    swift_bic,       // ISO 9362: 8 or 11 characters, upper case in the original, real country code
    email_address,   // external addresses: domain not one of the internal domains
    phone_number,    // phone numbers recognised by libphonenumber
};

std::optional<Detector> detector_named(std::string_view name);  // "cn_resident_id" -> ...
std::string_view name_of(Detector detector);
inline constexpr Detector kAllDetectors[] = {Detector::payment_card, Detector::cn_resident_id,
                                             Detector::cn_bank_card, Detector::iban,
                                             Detector::swift_bic,    Detector::email_address,
                                             Detector::phone_number};

// libphonenumber's matcher gives up after this many candidates that turned out not to be phone
// numbers (its `max_tries`; numbers found do not count). The matcher is given only the pieces of
// the text around digits, each at most about 8 KiB (its C++ implementation is quadratic in the
// length of what it is given), and the limit holds for each piece: with the piece size it bounds
// what a hostile text of digit groups can cost. Numbers after that point in a piece are missed.
inline constexpr std::size_t kMaxPhoneCandidates = 100'000;

struct DetectorOptions {
    std::vector<std::string> internal_domains;  // lowercase; subdomains count as internal
    std::string default_region = "CN";          // phone numbers written without +country code
    std::size_t max_phone_candidates = kMaxPhoneCandidates;
};

struct DetectorHit {
    std::size_t begin = 0;  // byte range in NormalizedText::text
    std::size_t end = 0;
    std::string value;      // canonical: digits only (resident ID: upper-case X), IBAN/BIC upper
                            // case without spaces, email lower case, phone E.164
};

// Every validated occurrence, in text order; a value found twice is reported twice. Hits of one
// detector do not overlap. Two detectors may report the same characters (a UnionPay card is both
// payment_card and cn_bank_card; a Gansu resident ID starts with 62 like a UnionPay card).
// `original` is the text `text` was normalised from; only swift_bic reads it (through
// text.origin), to see whether a code was written in capitals.
// Thread-safe; allocates only for the hits (and inside libphonenumber for phone_number).
std::vector<DetectorHit> detect(Detector detector, const NormalizedText& text, std::string_view original,
                                const DetectorOptions& options);

}  // namespace mailkeeper::rules
