// `mailkeeper contacts export`: the contact base in a CRM's import template, as CSV (Excel opens
// it as UTF-8), JSON Lines or vCard 4.0.
#pragma once

#include <ostream>
#include <string>

#include "contacts_command.h"

namespace mailkeeper::cli {

struct ContactsExportOptions {
    DatabaseOptions db;
    std::string format = "csv";  // csv, json or vcard
    std::string output;          // a file; empty: standard output
};

// The columns of the CSV, in order; the JSON keys are the same. New columns go at the end: CRM
// import templates map columns by position as often as by name.
inline constexpr const char* kExportColumns[] = {"name",          "company",      "country",       "email",
                                                 "phones",        "title",        "linkedin",      "whatsapp",
                                                 "wechat",        "source",       "first_contact", "last_inbound",
                                                 "last_outbound", "status",       "owner",         "address",
                                                 "website",       "emails"};

// Returns 0, 1 when the database or the output file cannot be used, 2 for a bad --format.
int run_contacts_export(const ContactsExportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mailkeeper::cli
