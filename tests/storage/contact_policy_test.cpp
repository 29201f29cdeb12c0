// The contact state machine: what each bounce does to a contact, and when a domain is dead.
#include <doctest/doctest.h>
#include <mailkeeper/storage/contact_policy.h>

using namespace mailkeeper::storage;
using mailkeeper::parser::Reason;

TEST_CASE("a user-unknown bounce kills, a full mailbox wounds, a block is our own problem") {
    CHECK(effect_of(Reason::userunknown, true) == BounceEffect::kill);
    CHECK(effect_of(Reason::hostunknown, true) == BounceEffect::kill);
    CHECK(effect_of(Reason::hasmoved, true) == BounceEffect::kill);
    CHECK(effect_of(Reason::mailboxfull, false) == BounceEffect::wound);
    CHECK(effect_of(Reason::suspend, false) == BounceEffect::wound);
    CHECK(effect_of(Reason::expired, false) == BounceEffect::wound);
    for (auto r : {Reason::blocked, Reason::spamdetected, Reason::policyviolation, Reason::authfailure,
                   Reason::badreputation, Reason::rejected, Reason::speeding})
        CHECK(effect_of(r, true) == BounceEffect::admin);
    CHECK(effect_of(Reason::vacation, false) == BounceEffect::none);
    CHECK(effect_of(Reason::delivered, false) == BounceEffect::none);
}

TEST_CASE("notaccept kills only when the classifier calls it permanent") {
    CHECK(effect_of(Reason::notaccept, true) == BounceEffect::kill);
    CHECK(effect_of(Reason::notaccept, false) == BounceEffect::wound);
}

TEST_CASE("soft bounces make a contact suspect, and dead at the configured count") {
    ContactPolicy p;
    p.soft_bounces_to_dead = 3;
    CHECK(next_state(ContactState::active, BounceEffect::wound, 1, p) == ContactState::suspect);
    CHECK(next_state(ContactState::suspect, BounceEffect::wound, 2, p) == ContactState::suspect);
    CHECK(next_state(ContactState::suspect, BounceEffect::wound, 3, p) == ContactState::dead);
    CHECK(next_state(ContactState::active, BounceEffect::kill, 0, p) == ContactState::dead);
}

TEST_CASE("our own sending problems and non-failures never change a contact") {
    ContactPolicy p;
    for (auto s : {ContactState::active, ContactState::suspect, ContactState::dead}) {
        CHECK(next_state(s, BounceEffect::admin, 5, p) == s);
        CHECK(next_state(s, BounceEffect::none, 5, p) == s);
    }
}

TEST_CASE("a dead contact stays dead on a soft bounce, and one who has left stays left") {
    ContactPolicy p;
    CHECK(next_state(ContactState::dead, BounceEffect::wound, 1, p) == ContactState::dead);
    CHECK(next_state(ContactState::left, BounceEffect::kill, 0, p) == ContactState::left);
    CHECK(next_state(ContactState::left, BounceEffect::wound, 9, p) == ContactState::left);
}

TEST_CASE("a domain is dead by hostunknown bounces or by the share of dead contacts") {
    ContactPolicy p;  // 2 hostunknown contacts, or >= 3 known and 60 % dead
    CHECK(domain_is_dead(1, 0, 2, p));
    CHECK_FALSE(domain_is_dead(1, 1, 1, p));
    CHECK_FALSE(domain_is_dead(2, 2, 0, p));  // too few known to judge by share
    CHECK(domain_is_dead(5, 3, 0, p));
    CHECK_FALSE(domain_is_dead(5, 2, 0, p));
    p.domain_hostunknown_contacts = 0;  // rule off
    CHECK_FALSE(domain_is_dead(1, 0, 7, p));
}

TEST_CASE("addresses are keyed lowercased and internal domains include subdomains, not look-alikes") {
    CHECK(normalise_address(" <Li.Ming@Example.COM> ") == "li.ming@example.com");
    CHECK(domain_of("a@Mail.Example.com") == "mail.example.com");
    const std::vector<std::string> ours{"our-trade.test"};
    CHECK(in_domains("alice@our-trade.test", ours));
    CHECK(in_domains("alice@sz.our-trade.test", ours));
    CHECK_FALSE(in_domains("alice@xour-trade.test", ours));
    CHECK_FALSE(in_domains("alice@our-trade.test.evil.example", ours));
    CHECK_FALSE(in_domains("no-at-sign", ours));
}

TEST_CASE("state names round-trip") {
    for (auto s : {ContactState::active, ContactState::suspect, ContactState::dead, ContactState::left})
        CHECK(contact_state_from_string(to_string(s)) == s);
    CHECK_FALSE(contact_state_from_string("zombie"));
}
