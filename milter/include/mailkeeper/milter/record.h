// What one analysed message adds to the store: the same for the milter (as mail passes) and for
// `mailkeeper import` (from archives). Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <mailkeeper/parser/analysis.h>
#include <mailkeeper/storage/store.h>

namespace mailkeeper::milter {

// The failed recipients of a bounce as events; delay warnings and success notices say nothing
// about a dead address and are left out.
std::vector<storage::BounceEvent> bounce_events(const parser::BounceReport& report, storage::Timestamp at,
                                                const std::string& bounce_message_id, const std::string& bounce_sender,
                                                const std::string& queue_id);

// The Message-ID without angle brackets, else "fnv:" and a 64-bit FNV-1a digest of the bytes, so
// that the same message read twice has the same key. Needs the headers only: an import checks
// for duplicates before parsing the whole message.
std::string record_id(const parser::HeaderList& headers, std::string_view raw);

struct RecordContext {
    std::string direction;         // inbound, outbound, internal
    storage::Timestamp date = 0;   // when it passed (the gateway) or its Date header (an import)
    std::string queue_id;
    // The signature's details are the sender's only when the From is really the sender: the
    // envelope sender matched it (the gateway), or the archive is the company's own (an import).
    bool sender_verified = false;
    // The envelope sender (an import: the Return-Path): with the headers it tells a delivery report
    // from a person's mail that quotes one (parser::may_be_report).
    std::string envelope_sender;
    bool alerts = true;
};

storage::MessageRecord message_record(const parser::Message& message, const parser::Analysis& analysis,
                                      std::string_view raw, const RecordContext& context);

}  // namespace mailkeeper::milter
