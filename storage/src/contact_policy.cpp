#include "mailkeeper/storage/contact_policy.h"

#include <algorithm>
#include <array>
#include <utility>

namespace mailkeeper::storage {
namespace {

using parser::Reason;

// Which failures speak about the recipient and which about us. Sisimai's own split into hard and
// soft bounces is the starting point; reasons that blame the sending side (our IP, our content,
// our rate) never touch a contact, they go to the admin report instead.
constexpr std::array<std::pair<Reason, BounceEffect>, 35> kEffects{{
    {Reason::userunknown, BounceEffect::kill},
    {Reason::hostunknown, BounceEffect::kill},
    {Reason::hasmoved, BounceEffect::kill},
    {Reason::notaccept, BounceEffect::wound},  // kill when the classifier says hard (5xx, null MX)
    {Reason::mailboxfull, BounceEffect::wound},
    {Reason::suspend, BounceEffect::wound},
    {Reason::expired, BounceEffect::wound},
    {Reason::filtered, BounceEffect::wound},      // often a user-unknown behind a content filter
    {Reason::systemfull, BounceEffect::wound},
    {Reason::mailererror, BounceEffect::wound},
    {Reason::networkerror, BounceEffect::wound},
    {Reason::systemerror, BounceEffect::wound},
    {Reason::undefined, BounceEffect::wound},
    {Reason::blocked, BounceEffect::admin},
    {Reason::rejected, BounceEffect::admin},
    {Reason::spamdetected, BounceEffect::admin},
    {Reason::policyviolation, BounceEffect::admin},
    {Reason::authfailure, BounceEffect::admin},
    {Reason::badreputation, BounceEffect::admin},
    {Reason::requireptr, BounceEffect::admin},
    {Reason::toomanyconn, BounceEffect::admin},
    {Reason::speeding, BounceEffect::admin},
    {Reason::exceedlimit, BounceEffect::admin},
    {Reason::mesgtoobig, BounceEffect::admin},
    {Reason::securityerror, BounceEffect::admin},
    {Reason::norelaying, BounceEffect::admin},
    {Reason::syntaxerror, BounceEffect::admin},
    {Reason::contenterror, BounceEffect::admin},
    {Reason::virusdetected, BounceEffect::admin},
    {Reason::notcompliantrfc, BounceEffect::admin},
    {Reason::onhold, BounceEffect::none},
    {Reason::emptymailbox, BounceEffect::none},
    {Reason::feedback, BounceEffect::none},
    {Reason::vacation, BounceEffect::none},
    {Reason::delivered, BounceEffect::none},
}};

}  // namespace

std::string_view to_string(ContactState state) {
    switch (state) {
        case ContactState::active: return "active";
        case ContactState::suspect: return "suspect";
        case ContactState::dead: return "dead";
        case ContactState::left: return "left";
    }
    return "active";
}

std::optional<ContactState> contact_state_from_string(std::string_view name) {
    for (auto s : {ContactState::active, ContactState::suspect, ContactState::dead, ContactState::left})
        if (to_string(s) == name) return s;
    return std::nullopt;
}

std::string_view to_string(BounceEffect effect) {
    switch (effect) {
        case BounceEffect::kill: return "kill";
        case BounceEffect::wound: return "wound";
        case BounceEffect::admin: return "admin";
        case BounceEffect::none: return "none";
    }
    return "none";
}

BounceEffect effect_of(Reason reason, bool hard) {
    for (const auto& [r, effect] : kEffects) {
        if (r != reason) continue;
        if (effect == BounceEffect::wound && hard && reason == Reason::notaccept) return BounceEffect::kill;
        return effect;
    }
    return BounceEffect::wound;
}

ContactState next_state(ContactState current, BounceEffect effect, int wounds_in_window, const ContactPolicy& policy) {
    if (current == ContactState::left) return current;
    switch (effect) {
        case BounceEffect::kill: return ContactState::dead;
        case BounceEffect::wound:
            if (current == ContactState::dead) return current;
            return wounds_in_window >= std::max(1, policy.soft_bounces_to_dead) ? ContactState::dead
                                                                                 : ContactState::suspect;
        case BounceEffect::admin:
        case BounceEffect::none: return current;
    }
    return current;
}

bool domain_is_dead(int known_contacts, int dead_contacts, int hostunknown_contacts, const ContactPolicy& policy) {
    if (policy.domain_hostunknown_contacts > 0 && hostunknown_contacts >= policy.domain_hostunknown_contacts)
        return true;
    if (known_contacts < std::max(1, policy.domain_min_contacts)) return false;
    return static_cast<double>(dead_contacts) >= policy.domain_dead_share * known_contacts;
}

std::string normalise_address(std::string_view address) {
    while (!address.empty() && (address.front() == ' ' || address.front() == '<' || address.front() == '\t'))
        address.remove_prefix(1);
    while (!address.empty() && (address.back() == ' ' || address.back() == '>' || address.back() == '\t' ||
                                address.back() == '\r' || address.back() == '\n'))
        address.remove_suffix(1);
    std::string out(address);
    // The local part is case-sensitive in RFC 5321 §2.4 but no real mailbox provider treats it so;
    // one contact per address whatever the case the rep typed.
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return c < 0x80 ? std::tolower(c) : c; });
    return out;
}

}  // namespace mailkeeper::storage
