// mailkeeper: offline tools of the mailkeeper mail gateway.
#include <CLI/CLI.hpp>

#include <iostream>

#include "bounce_command.h"

int main(int argc, char** argv) {
    CLI::App app{"mailkeeper: bounces, dead contacts and DLP for the mail gateway (offline tools)"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string(MAILKEEPER_VERSION));

    mailkeeper::cli::BounceOptions bounce;
    auto* cmd = app.add_subcommand("bounce", "Analyse bounces: which recipients failed, why, and whether the address is dead");
    cmd->add_flag("--json", bounce.json, "Print JSON Lines, one line per failed recipient");
    cmd->add_option("PATH", bounce.paths, "Message files, directories (recursive), mbox files or Maildirs")
        ->required();
    cmd->footer(
        "Exit status: 0 when every input was read, 1 when any could not be.\n"
        "JSON fields: file, index, recipient, reason, status, reply_code, hard, action, diagnostic,\n"
        "remote_mta, reporting_mta, original_message_id, original_sender, original_subject, format;\n"
        "{\"file\", \"index\", \"bounce\": false} for a message with nothing to report, and\n"
        "{\"file\", \"index\", \"error\"} for one that could not be read.");

    CLI11_PARSE(app, argc, argv);
    std::ios::sync_with_stdio(false);
    if (cmd->parsed()) return mailkeeper::cli::run_bounce(bounce, std::cout, std::cerr);
    return 0;
}
