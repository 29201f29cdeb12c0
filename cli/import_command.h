// `mailkeeper import`: a mail archive (files, directories, mbox, Maildir) read into the contact
// base as the gateway would have recorded it: the message index, order numbers, signature
// details, reply times, auto-replies and bounces. Without alerts: old news is not sent to reps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "contacts_command.h"

namespace mailkeeper::cli {

// Delivery reports and auto-replies are recorded after the rest of an import, so that the sent
// mail they answer is on file first; their bytes wait in memory up to this bound, beyond which the
// oldest are recorded at once.
inline constexpr std::size_t kMaxDeferredBytes = 256u << 20;

struct ImportOptions {
    DatabaseOptions db;
    bool config_given = false;                  // an explicit --config must load; the default may be absent
    std::vector<std::string> internal_domains;  // override the configuration's direction.internal_domains
    std::vector<std::string> paths;
    bool progress = false;                      // a progress line on stderr, when it is a terminal
    std::size_t max_deferred_bytes = kMaxDeferredBytes;
};

// Prints the summary on `out`. Returns 0 when every input was read and recorded, 1 otherwise, 2
// when the configuration is invalid.
int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mailkeeper::cli
