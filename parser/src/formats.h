// What the bounce formats of real MTAs and providers look like, as data. A new format is a row
// here plus a sample in tests/data/bounces/; the code in bounce.cpp reads only these tables.
#pragma once

#include <string_view>
#include <vector>

#include "mailkeeper/parser/reason.h"

namespace mailkeeper::parser::detail {

// How a message announces itself as a bounce. Matched case-insensitively as substrings.
struct BounceHints {
    std::vector<std::string_view> sender_local_parts;  // exact local parts of From: mailer-daemon, postmaster...
    std::vector<std::string_view> sender_names;        // substrings of the From display name or address
    std::vector<std::string_view> subjects;            // substrings of Subject
    std::vector<std::string_view> body_phrases;        // substrings of the report text
};
const BounceHints& bounce_hints();

// Lines that open the returned original message inside a plain-text bounce. Text from such a line
// on is the sender's own message: never searched for recipients or diagnostics.
const std::vector<std::string_view>& returned_message_markers();

// Labels that put a failed recipient's address after them on the same line ("Recipient address:").
const std::vector<std::string_view>& recipient_labels();

// The recipient labels that state the reason themselves ("Mailbox is full: <a@b>"): the label is
// then part of the recipient's diagnostic.
const std::vector<std::string_view>& explaining_labels();

// Phrases after which the failed addresses follow on the next lines (Exim's "The following
// address(es) failed:", Gmail's "Delivery to the following recipient failed permanently:").
const std::vector<std::string_view>& recipient_list_openers();

// Labels that open the explanation of a failure on their line ("退信原因：", "Reason:").
const std::vector<std::string_view>& reason_labels();

// Words that make a sentence about a recipient a failure report ("error delivering to <a@b>").
const std::vector<std::string_view>& failure_words();

// A named format, recognised from headers or text, used to name the source of a result and to
// apply what the format itself says about reasons.
struct TextFormat {
    std::string_view name;
    std::vector<std::string_view> header_hints;  // "Header-Name" or "Header-Name: value substring"
    std::vector<std::string_view> from_hints;    // substrings of From
    std::vector<std::string_view> subject_hints;
    std::vector<std::string_view> body_hints;    // substrings of the report text
};
const std::vector<TextFormat>& text_formats();

// What an MTA's or provider's own wording says about the reason, read before the general
// classifier: Exchange 2003's "(000C05A6)", Exim's "retry timeout exceeded", Gmail's "(state 14)",
// Domino's "not listed in Domino Directory". These phrases are written by the reporting MTA, not
// by the remote server, so they are fixed strings per product. Lowercase; matched as substrings
// of the recipient's diagnostic (and of the whole report when it names one recipient).
struct FormatReason {
    std::string_view phrase;
    Reason reason;
    std::string_view header = {};  // the row applies only when the bounce has this header field
                                   // ("Name", or "Name: value start")
    std::string_view host = {};    // ... or only when the bounce was written by a host under this domain
};
const std::vector<FormatReason>& format_reasons();

// Where a format's delivery-status fields say less than its text, by the format's name.
struct FormatQuirk {
    std::string_view format;
    // Its delivery-status part carries a generic placeholder code: the status comes from the
    // diagnostic text alone (OpenSMTPD writes 4.4.7 or 5.0.0 whatever the server said).
    bool status_from_text = false;
    // A generic Status (X.0.0, X.1.0) yields to the first code of the remote reply the text
    // quotes between these two marks (Amazon SES: "5.1.0 - Unknown address error 550-'5.7.1 ...'").
    std::string_view quote_open = {};
    std::string_view quote_close = {};
};
const std::vector<FormatQuirk>& format_quirks();

// Phrases that name the SMTP command a reply answered, in the words of each MTA's report.
struct CommandPhrase {
    std::string_view phrase;   // lowercase
    std::string_view command;  // CONN, EHLO, MAIL, RCPT, DATA, ...
};
const std::vector<CommandPhrase>& command_phrases();

// Delivery-status extension fields that carry the sending MTA's own bounce category
// ("X-PowerMTA-BounceCategory: bad-mailbox").
struct BounceCategory {
    std::string_view category;  // lowercase
    Reason reason;
};
const std::vector<BounceCategory>& bounce_categories();

}  // namespace mailkeeper::parser::detail
