// `mailkeeper orders find`: every message of an order number (PO, PI, contract, invoice), oldest
// first, from the message index of the configured database.
#pragma once

#include <ostream>
#include <string>

#include "contacts_command.h"

namespace mailkeeper::cli {

struct OrdersFindOptions {
    DatabaseOptions db;
    std::string number;
    bool json = false;
};

// Returns 0 when messages were found, 1 when none were (or the database cannot be read).
int run_orders_find(const OrdersFindOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mailkeeper::cli
