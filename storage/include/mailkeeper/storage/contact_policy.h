// What a bounce means for the contact it names: the contact state machine. Pure: no I/O, no clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <mailkeeper/parser/address.h>
#include <mailkeeper/parser/reason.h>

namespace mailkeeper::storage {

// Seconds since the Unix epoch. Callers pass the time in; nothing here reads a clock.
using Timestamp = std::int64_t;

enum class ContactState {
    active,   // mail reaches them, or nothing says otherwise
    suspect,  // soft bounces: a full or suspended mailbox, expired deliveries
    dead,     // the address no longer exists (or enough soft bounces in a row)
    left,     // an auto-reply says the person has left (issue: auto-replies)
};

std::string_view to_string(ContactState state);
std::optional<ContactState> contact_state_from_string(std::string_view name);

// What a classified failure says about the recipient's address.
enum class BounceEffect {
    kill,   // the address is gone: userunknown, hostunknown, hasmoved, a permanent notaccept
    wound,  // the address may be going: mailboxfull, suspend, expired, ...
    admin,  // our sending problem, not the contact's: blocked, spamdetected, policyviolation, ...
    none,   // not a failure at all: delivered, vacation, feedback
};

std::string_view to_string(BounceEffect effect);

// Reason -> effect, from a table (contact_policy.cpp). `hard` is the classifier's verdict that the
// address itself is dead; a reason that is only sometimes permanent (notaccept) needs it.
BounceEffect effect_of(parser::Reason reason, bool hard);

struct ContactPolicy {
    int soft_bounces_to_dead = 3;                  // wounds within the window that make a contact dead
    Timestamp soft_window = 30 * 86400;            // seconds
    Timestamp correlation_window = 14 * 86400;     // a bounce without headers matches mail sent this recently
    int domain_hostunknown_contacts = 2;           // distinct contacts with hostunknown -> domain dead
    int domain_min_contacts = 3;                   // the share rule needs at least this many known contacts
    double domain_dead_share = 0.6;                // share of known contacts dead -> domain dead
    int max_alternatives = 5;                      // live colleagues named in an alert
};

// The state a contact moves to after a correlated failure. `wounds_in_window` counts this wound and
// the earlier ones within the policy's soft window. A contact that has left stays left: the
// auto-reply that said so is the better evidence.
ContactState next_state(ContactState current, BounceEffect effect, int wounds_in_window, const ContactPolicy& policy);

// Whether a domain's known contacts say the domain itself is dead.
bool domain_is_dead(int known_contacts, int dead_contacts, int hostunknown_contacts, const ContactPolicy& policy);

// "Li.Ming@Example.COM " -> "li.ming@example.com": contacts are keyed by the lowercased address.
std::string normalise_address(std::string_view address);
// Domains are compared the same way everywhere (parser/address.h).
using parser::domain_of;
using parser::in_domains;

}  // namespace mailkeeper::storage
