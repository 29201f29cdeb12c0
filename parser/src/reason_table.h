// The bounce-reason knowledge as data: message phrases, RFC 3463 status codes, pseudo status codes
// and provider-specific rows. Internal to the parser library; reason.cpp holds the logic that walks
// these tables in Sisimai's order.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "mailkeeper/parser/reason.h"

namespace mailkeeper::parser::reason_table {

// A phrase is lowercase ASCII or UTF-8 text matched against the lowercased, whitespace-collapsed
// diagnostic. A `*` means "then, later in the text": "mailbox *full" matches "mailbox is full".
// Matching is a chain of substring searches, linear in the length of the text.
struct PhraseSet {
    std::span<const std::string_view> phrases;
    // When one of these is present the set does not match at all (Sisimai's "is not" lists).
    std::span<const std::string_view> unless = {};
};

// The phrases that point to `reason` (Sisimai's per-reason message patterns plus the Chinese
// providers' own wording). Empty for reasons that are never recognised from text alone.
const PhraseSet& phrases_for(Reason reason);

// RFC 3463 / IANA enhanced status code -> the reason it stands for, or nullopt for codes that say
// nothing specific (X.0.0, X.5.0, X.7.0 and the like are deliberately absent).
std::optional<Reason> reason_of_status(std::string_view status);

// Sisimai's pseudo status code for a reason: 5.0.9xx for permanent failures, 4.0.9xx for
// temporary ones. Empty when the reason has no code (feedback, vacation, delivered).
std::string_view pseudo_status(Reason reason, bool temporary);

// ---------------------------------------------------------------------------------------------
// Provider rows (Sisimai's "Rhost" idea): a mail service's own documented replies and codes mean
// something more precise than the generic phrases, so they are checked first when the remote host
// belongs to that service.

enum class Provider {
    aol,
    apple,
    cox,
    coremail,  // Coremail's "DT:SPM"-style codes, used by NetEase and every Coremail server
    netease,   // NetEase 163/126/yeah/qiye.163.com and Coremail-hosted domains: plain replies
    francePTT,
    godaddy,
    google,
    iua,
    kddi,
    microsoft,
    mimecast,
    nttdocomo,
    spectrum,
    tencent,   // QQ Mail and Tencent Exmail
    yahoo,
    aliyun,    // Alibaba Mail (mxhichina) and Aliyun DirectMail
    c263,      // 263 enterprise mail
    sina,
    sohu,
};

struct ProviderHosts {
    Provider provider;
    // Host name suffixes of the provider's MX hosts; a host matches when it equals a suffix or
    // ends with "." + suffix.
    std::span<const std::string_view> suffixes;
    // The provider's rows are codes that identify it on their own ("550 DT:SPM"), so they apply
    // to any remote host.
    bool codes_anywhere = false;
};
std::span<const ProviderHosts> provider_hosts();

// One documented reply of a provider. `status` and `reply` constrain the codes: empty means any,
// "5.7.26" must be equal, "x.7.26" ignores the class digit, "5.7.606-649" is a range of details;
// "x21" for a reply ignores the class digit.
struct ProviderRow {
    Provider provider;
    Reason reason;
    std::string_view phrase;
    std::string_view status = {};
    std::string_view reply = {};
    std::string_view command = {};  // the SMTP command the reply answered, empty for any
};
std::span<const ProviderRow> provider_rows();

// Providers that put an error code after a label ("... IB607", "AUP#CXBL", "OFR_416",
// ".i.ua/err/2/"). `take` says how the code is cut out of the text after the label.
enum class CodeTake {
    word,            // the characters up to the next space: "aup#cxbl" -> "cxbl"
    leading_digits,  // the first run of digits: " ib607 " -> "607"
    four_digits,     // the first run of exactly four digits: "aup#in-1310" -> "1310"
    numbered_label,  // "_416", "007_420", "aaa_101" right after the label -> "416"
};
struct CodeLabel {
    Provider provider;
    std::string_view label;  // lowercase, searched in the lowercased text
    CodeTake take;
    // The label is distinctive enough to be trusted whatever host sent it ("AUP#", ".i.ua/err/").
    bool anywhere = false;
};
std::span<const CodeLabel> code_labels();

// `code` is an exact code or a numeric range "1020-1080". A row with reason `undefined` is a
// documented code that deliberately says nothing (FrancePTT's "try again later" family).
struct CodeRow {
    Provider provider;
    std::string_view code;
    Reason reason;
};
std::span<const CodeRow> code_rows();

}  // namespace mailkeeper::parser::reason_table
