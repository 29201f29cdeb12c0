// `mailkeeper import`: a mail archive (files, directories, mbox, Maildir) read into the contact
// base as the gateway would have recorded it: the message index, order numbers, signature
// details, reply times, auto-replies and bounces. Without alerts: old news is not sent to reps.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "contacts_command.h"

namespace mailkeeper::cli {

struct ImportOptions {
    DatabaseOptions db;
    bool config_given = false;                  // an explicit --config must load; the default may be absent
    std::vector<std::string> internal_domains;  // override the configuration's direction.internal_domains
    std::vector<std::string> paths;
    bool progress = false;                      // a progress line on stderr, when it is a terminal
};

// Prints the summary on `out`. Returns 0 when every input was read and recorded, 1 otherwise, 2
// when the configuration is invalid.
int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err);

// The id of a message without a Message-ID: "fnv:" and the FNV-1a 64 digest of its bytes, the
// same on every build and machine (std::hash is not).
std::string digest_id(std::string_view bytes);

// The Message-IDs of In-Reply-To and References values, in order, without angle brackets,
// duplicates dropped, at most `max`.
std::vector<std::string> referenced_ids(const std::vector<std::string>& header_values, std::size_t max);

}  // namespace mailkeeper::cli
