// `mailkeeper quarantine list|show|release|delete`: messages DLP held in Postfix's hold queue, with
// the rule that held each, for the compliance officer who approves or discards them.
#pragma once

#include <ostream>
#include <string>

#include "contacts_command.h"

namespace mailkeeper::cli {

struct QuarantineOptions {
    DatabaseOptions db;
    std::string postfix_config;  // overrides dlp.postfix_config_dir
    std::string queue_id;        // show, release, delete
    std::string by;              // release, delete: who decides (default: the login)
    bool json = false;           // list
};

int run_quarantine_list(const QuarantineOptions& o, std::ostream& out, std::ostream& err);
int run_quarantine_show(const QuarantineOptions& o, std::ostream& out, std::ostream& err);
// release: back to the active queue (postsuper -H), delivered as usual; delete: postsuper -d.
// Both only for a message in the hold queue, and both recorded with who did it.
int run_quarantine_decide(const QuarantineOptions& o, const std::string& decision, std::ostream& out, std::ostream& err);

}  // namespace mailkeeper::cli
