// mailkeeper: offline tools of the mailkeeper mail gateway.
#include <CLI/CLI.hpp>

#include <iostream>

#include "bounce_command.h"
#include "contacts_command.h"
#include "contacts_export.h"
#include "import_command.h"
#include "orders_command.h"
#include "quarantine_command.h"
#include "rules_command.h"
#include "scan_command.h"
#include "signature_command.h"

int main(int argc, char** argv) {
    CLI::App app{"mailkeeper: bounces, dead contacts and DLP for the mail gateway (offline tools and the contact base)"};
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

    using namespace mailkeeper::cli;
    const auto database_options = [](CLI::App* c, DatabaseOptions& db) {
        c->add_option("-c,--config", db.config, "mailkeeper-milter configuration naming the database")->capture_default_str();
        c->add_option("--db", db.database, "SQLite database file (instead of the one in the configuration)");
    };

    auto* contacts = app.add_subcommand("contacts", "External contacts and their state (active, suspect, dead, left)");
    contacts->require_subcommand(1);
    ContactsListOptions list;
    auto* list_cmd = contacts->add_subcommand("list", "List contacts, one per line");
    database_options(list_cmd, list.db);
    list_cmd->add_option("--status", list.status, "Only contacts in this state: active, suspect, dead or left");
    list_cmd->add_flag("--json", list.json, "JSON Lines: address, domain, state, state_since, first_seen, last_mailed, "
                                            "last_heard, owner, domain_dead");
    ContactShowOptions show;
    auto* show_cmd = contacts->add_subcommand("show", "A contact's state, history and the evidence of each change");
    database_options(show_cmd, show.db);
    show_cmd->add_option("ADDRESS", show.address, "The contact's email address")->required();
    show_cmd->add_flag("--json", show.json, "One JSON object, with its history");
    ContactReviveOptions revive;
    auto* revive_cmd = contacts->add_subcommand("revive", "Mark a contact active again (it works after all)");
    database_options(revive_cmd, revive.db);
    revive_cmd->add_option("ADDRESS", revive.address, "The contact's email address")->required();
    revive_cmd->add_option("--by", revive.by, "Who revives it, for the history (default: your login)");

    ContactsExportOptions export_options;
    auto* export_cmd = contacts->add_subcommand(
        "export", "Write the contact base in a CRM's import template: CSV (opens in Excel), JSON Lines or vCard 4.0");
    database_options(export_cmd, export_options.db);
    export_cmd->add_option("--format", export_options.format, "csv, json or vcard")->capture_default_str();
    export_cmd->add_option("-o,--output", export_options.output, "Write to this file (default: standard output)");
    export_cmd->footer(
        "Columns (the CSV header, the JSON keys): name, company, country, email, phones, title, linkedin, whatsapp,\n"
        "wechat, source, first_contact, last_inbound, last_outbound, status, owner. Each detail is the surest one seen\n"
        "in the contact's signatures; source is outbound, inbound, reply or replacement.\n"
        "csv: UTF-8 with a BOM, CRLF, RFC 4180 quoting; phones as \"mobile: +8613812345678; office: ...\"; local times.\n"
        "  A value starting with = + - @ gets a leading apostrophe, so that Excel never runs it as a formula.\n"
        "json: one object per line, the same keys; phones as [{kind, number}], times in seconds since the epoch, and\n"
        "  website, skype, address, emails, replacement, away_until besides.\n"
        "vcard: vCard 4.0 (RFC 6350): FN, N when the name splits surely, ORG, TITLE, EMAIL, TEL (tel: URIs), URL, ADR,\n"
        "  SOCIALPROFILE (RFC 9554) for LinkedIn, WhatsApp, WeChat and Skype, NOTE with status, source and owner.\n"
        "Exit status: 0, 1 when the database or the file cannot be used, 2 for a bad --format.");

    auto* bounces = app.add_subcommand("bounces", "Bounces the gateway saw, with what each did");
    bounces->require_subcommand(1);
    BouncesListOptions bounces_list;
    auto* bounces_cmd = bounces->add_subcommand(
        "list", "Bounces, newest first. --effect admin is the admin report: bounces that blame our sending");
    database_options(bounces_cmd, bounces_list.db);
    bounces_cmd->add_option("--effect", bounces_list.effect,
                            "Only this effect: kill (made a contact dead), wound (soft), admin (our sending problem), none");
    bounces_cmd->add_flag("--uncorrelated", bounces_list.uncorrelated,
                          "Only bounces that matched no message this gateway sent (forged or foreign)");
    bounces_cmd->add_option("--since", bounces_list.since, "Only this recent: 24h, 7d, ...");
    bounces_cmd->add_option("--limit", bounces_list.limit, "At most this many")->capture_default_str();
    bounces_cmd->add_flag("--json", bounces_list.json,
                          "JSON Lines: id, received_at, recipient, reason, hard, status, reply_code, diagnostic, remote_mta, "
                          "format, original_message_id, original_subject, contact, rep, correlation, effect");

    auto* alerts = app.add_subcommand("alerts", "Alerts to sales reps: the outbox");
    alerts->require_subcommand(1);
    AlertsListOptions alerts_list;
    auto* alerts_cmd = alerts->add_subcommand("list", "Alerts, newest first");
    database_options(alerts_cmd, alerts_list.db);
    alerts_cmd->add_option("--status", alerts_list.status, "Only alerts in this state: pending, sent, failed or skipped");
    alerts_cmd->add_option("--limit", alerts_list.limit, "At most this many")->capture_default_str();
    alerts_cmd->add_flag("--json", alerts_list.json, "JSON Lines: id, created_at, rep, contact, kind, status, attempts, "
                                                     "sent_at, last_error, facts");

    auto* rules_app = app.add_subcommand("rules", "DLP rule files: check them, try them on messages");
    rules_app->require_subcommand(1);
    RulesDirOptions rules_check;
    auto* check_cmd = rules_app->add_subcommand("check", "Load every rule file; print each error as FILE:LINE:COLUMN");
    check_cmd->add_option("DIR", rules_check.dir, "Rules directory (default: dlp.rules_dir of the configuration)");
    check_cmd->add_option("-c,--config", rules_check.config, "mailkeeper-milter configuration")->capture_default_str();
    check_cmd->footer("Exit status: 0 when every file loads and compiles, 1 on any error.");
    RulesTestOptions rules_test;
    auto* test_cmd = rules_app->add_subcommand("test", "Run the rules on messages and show each verdict and why");
    test_cmd->add_option("--rules", rules_test.rules.dir, "Rules directory (default: dlp.rules_dir of the configuration)");
    test_cmd->add_option("-c,--config", rules_test.rules.config,
                         "mailkeeper-milter configuration (rules directory, internal domains)")->capture_default_str();
    test_cmd->add_option("--direction", rules_test.direction, "outbound or inbound")->capture_default_str();
    test_cmd->add_option("--from", rules_test.from, "Envelope sender (default: the message's From address)");
    test_cmd->add_option("--to", rules_test.to, "Envelope recipient, repeatable (default: the message's To and Cc)");
    test_cmd->add_flag("--monitor", rules_test.monitor, "Run every rule in monitor mode");
    test_cmd->add_flag("--json", rules_test.json, "One JSON line per message: file, action, matches");
    test_cmd->add_option("FILE", rules_test.paths, "Message files (.eml), directories, mbox files or Maildirs")->required();
    test_cmd->footer(
        "JSON: {\"file\", \"action\": accept|log|notify|tag|quarantine|reject, \"matches\": [{\"rule\", \"where\",\n"
        "\"excerpt\", \"count\", \"action\", \"mode\"}], \"monitor_action\" when a monitor rule matched}.\n"
        "Excerpts are masked: digits of the context become *, a matched value keeps its first and last two characters.\n"
        "Exit status: 0 when the rules and every input were read, 1 otherwise.");

    auto* quarantine = app.add_subcommand("quarantine", "Messages DLP held for approval in Postfix's hold queue");
    quarantine->require_subcommand(1);
    QuarantineOptions q;
    const auto quarantine_options = [&](CLI::App* c) {
        database_options(c, q.db);
        c->add_option("--postfix-config", q.postfix_config, "Postfix configuration directory (default: dlp.postfix_config_dir)");
    };
    auto* q_list = quarantine->add_subcommand("list", "Held messages with the rules that held them");
    quarantine_options(q_list);
    q_list->add_flag("--json", q.json, "JSON Lines: queue_id, arrival_time, size, sender, recipients, rules");
    auto* q_show = quarantine->add_subcommand("show", "The incident (masked excerpts), decisions and the message itself");
    quarantine_options(q_show);
    q_show->add_option("ID", q.queue_id, "Postfix queue id")->required();
    auto* q_release = quarantine->add_subcommand("release", "Approve: deliver the held message (postsuper -H)");
    quarantine_options(q_release);
    q_release->add_option("ID", q.queue_id, "Postfix queue id")->required();
    q_release->add_option("--by", q.by, "Who approves, for the record (default: your login)");
    auto* q_delete = quarantine->add_subcommand("delete", "Refuse: delete the held message (postsuper -d)");
    quarantine_options(q_delete);
    q_delete->add_option("ID", q.queue_id, "Postfix queue id")->required();
    q_delete->add_option("--by", q.by, "Who refuses, for the record (default: your login)");
    quarantine->footer("Releasing and deleting need the rights of Postfix's postsuper (root). Exit status: 0, or 1 on any error.");

    SignatureOptions signature;
    auto* signature_cmd = app.add_subcommand(
        "signature", "The sender's signature block of each message, quoted history set aside, and the contact details in it");
    signature_cmd->add_flag("--json", signature.json, "JSON Lines: file, signature_text (the block's lines) or null, contact or null");
    signature_cmd->add_option("--region", signature.default_region,
                              "Region of phone numbers written without a country code, when the sender's domain names none")
        ->capture_default_str();
    signature_cmd->add_option("FILE", signature.files,
                              "An .eml message, or a plain-text body with an optional NAME.sender file beside it holding the From line")
        ->required();
    signature_cmd->footer("Exit status: 0 when every file was read, 1 otherwise. Fields: docs/scan.md.");

    ScanOptions scan;
    auto* scan_cmd = app.add_subcommand(
        "scan", "Read each message as the gateway would, without the database: direction, bounce, auto-reply, "
                "signature and contact card, order numbers, tags");
    scan_cmd->add_flag("--json", scan.json, "JSON Lines, one object per message (fields: docs/scan.md)");
    scan_cmd->add_option("-c,--config", scan.config, "Configuration giving the company's domains and the phone region")
        ->capture_default_str()
        ->each([&](const std::string&) { scan.config_given = true; });
    scan_cmd->add_option("--internal-domain", scan.internal_domains, "The company's domain (repeatable; overrides the configuration)")
        ->allow_extra_args(false);
    scan_cmd->add_option("PATH", scan.paths, "Message files, directories (recursive), mbox files or Maildirs")->required();
    scan_cmd->footer("Exit status: 0 when every input was read, 1 when any could not be, 2 when the configuration is invalid.");

    ImportOptions import;
    auto* import_cmd = app.add_subcommand(
        "import", "Read a mail archive into the contact base as the gateway would have: contacts, signature details, "
                  "order numbers, reply times, auto-replies and bounces (no alerts are sent)");
    import_cmd->add_option("-c,--config", import.db.config,
                           "Configuration giving the database, the company's domains and the phone region")
        ->capture_default_str()
        ->each([&](const std::string&) { import.config_given = true; });
    import_cmd->add_option("--db", import.db.database, "SQLite database file (instead of the one in the configuration)");
    // one value per --internal-domain: a vector option would take the paths after it as domains
    import_cmd->add_option("--internal-domain", import.internal_domains,
                           "The company's domain (repeatable; overrides the configuration)")
        ->allow_extra_args(false);
    import_cmd->add_flag("--progress", import.progress, "Messages done and the rate, on standard error when it is a terminal");
    import_cmd->add_option("PATH", import.paths, "Message files, directories (recursive), mbox files or Maildirs")->required();
    import_cmd->footer(
        "A message already in the database (the same Message-ID, or the same bytes when it has none) is a duplicate and\n"
        "is skipped: importing an archive twice changes nothing. Old mail does not revive contacts that died after it,\n"
        "and old bounces do not kill contacts heard from since.\n"
        "Summary on standard output: read, new, duplicates, unreadable, bounces, auto-replies, contacts in the base.\n"
        "Exit status: 0 when every input was read and recorded, 1 otherwise, 2 when the configuration is invalid.");

    auto* orders = app.add_subcommand("orders", "Order, PI, contract and invoice numbers in the mail the gateway saw or imported");
    orders->require_subcommand(1);
    OrdersFindOptions orders_find;
    auto* orders_find_cmd = orders->add_subcommand("find", "Every message of an order number, oldest first");
    database_options(orders_find_cmd, orders_find.db);
    orders_find_cmd->add_option("NUMBER", orders_find.number, "The number as anyone wrote it: PO-2026-041, po 2026041, ...")
        ->required();
    orders_find_cmd->add_flag("--json", orders_find.json,
                              "JSON Lines: number, kind, where, message_id, date, direction, sender, recipients, subject");
    orders_find_cmd->footer(
        "Numbers are compared in capitals without spaces, '-', '_', '/' and '.'. Each line: date, direction,\n"
        "sender -> recipients, subject, and where the number was found (subject, subject_tag, body, attachment_name).\n"
        "Exit status: 0 when messages were found, 1 when none were or the database cannot be read.");

    CLI11_PARSE(app, argc, argv);
    std::ios::sync_with_stdio(false);
    if (cmd->parsed()) return run_bounce(bounce, std::cout, std::cerr);
    if (list_cmd->parsed()) return run_contacts_list(list, std::cout, std::cerr);
    if (show_cmd->parsed()) return run_contact_show(show, std::cout, std::cerr);
    if (revive_cmd->parsed()) return run_contact_revive(revive, std::cout, std::cerr);
    if (alerts_cmd->parsed()) return run_alerts_list(alerts_list, std::cout, std::cerr);
    if (bounces_cmd->parsed()) return run_bounces_list(bounces_list, std::cout, std::cerr);
    if (check_cmd->parsed()) return run_rules_check(rules_check, std::cout, std::cerr);
    if (test_cmd->parsed()) return run_rules_test(rules_test, std::cout, std::cerr);
    if (q_list->parsed()) return run_quarantine_list(q, std::cout, std::cerr);
    if (q_show->parsed()) return run_quarantine_show(q, std::cout, std::cerr);
    if (q_release->parsed()) return run_quarantine_decide(q, "release", std::cout, std::cerr);
    if (q_delete->parsed()) return run_quarantine_decide(q, "delete", std::cout, std::cerr);
    if (scan_cmd->parsed()) return run_scan(scan, std::cout, std::cerr);
    if (signature_cmd->parsed()) return run_signature(signature, std::cout, std::cerr);
    if (import_cmd->parsed()) return run_import(import, std::cout, std::cerr);
    if (export_cmd->parsed()) return run_contacts_export(export_options, std::cout, std::cerr);
    if (orders_find_cmd->parsed()) return run_orders_find(orders_find, std::cout, std::cerr);
    return 0;
}
