// What automatic replies look like, as data: the headers that mark them, the words of their
// subjects and texts in English and Chinese, the words around a return date or a replacement.
// The one source for both detect_autoreply and the bounce analysis (which reads auto-replies
// through detect_autoreply). A new responder is a row here plus a sample in tests/data/autoreplies/.
#pragma once

#include <string_view>
#include <vector>

#include "mailkeeper/parser/autoreply.h"

namespace mailkeeper::parser::detail {

// How much one sign says on its own.
enum class Strength {
    none,     // says nothing about automation (a header value that denies it; a word that only
              // tells the kind: "春节" in a reply already known to be automatic)
    weak,     // an automatic reply only together with a weak sign of the other sort (a weak
              // header with a phrase, a phrase with a weak header)
    decides,  // an automatic reply on its own
};

// A header field that marks automatic mail. Rows are read in order and the first row that
// matches a field (name, and the start of its value when given) is that field's sign.
struct AutoReplyHeader {
    std::string_view name;
    std::string_view value;  // lowercase start of the value; empty: any value
    Strength strength;
};
const std::vector<AutoReplyHeader>& autoreply_headers();

// Headers of mailing lists and newsletters (RFC 2369, RFC 2919): an automatic reply has none, so
// with one of them only a deciding sign counts (a newsletter sent "Precedence: bulk" that wishes
// a happy Spring Festival is no auto-reply).
const std::vector<std::string_view>& list_headers();

// What a phrase is for. Every row of autoreply_phrases() is searched in one pass over the Subject
// and one over the text.
enum class PhraseRole {
    sign,          // says the message is automatic and/or of which kind
    until_before,  // a return date follows: "until", "back on", "至", "直到"
    until_after,   // a return date comes before: "1月3日返回", "1月3日上班"
    contact,       // the address to write to follows: "please contact", "请联系", "请发邮件至"
    contact_near,  // the address stands before or after: "由王小姐（wang@x.cn）接替", "接手"
    quote_start,   // opens its line and starts the quoted history: "-----Original Message-----"
    quote_end,     // closes its line and starts the quoted history: "On ... wrote:", "写道："
};

// The kind a sign tells, if any. left beats away beats other: "I have left the company; until
// 3 January please contact ..." is left.
enum class Tells { nothing, away, left, other };

struct AutoReplyPhrase {
    std::string_view text;  // matched case-insensitively; Latin words only at word boundaries
    PhraseRole role = PhraseRole::sign;
    Tells tells = Tells::nothing;
    Strength in_text = Strength::none;  // its strength in the text (and in the Subject when it
                                        // does not open it)
    bool opens_subject = false;         // decides when it opens the Subject ("Automatic reply: ...")
    // The phrase does not count when one of these follows it ("has left" but not "has left for").
    std::vector<std::string_view> unless_next = {};
};
const std::vector<AutoReplyPhrase>& autoreply_phrases();

// Delivery reports that may carry "Auto-Submitted: auto-replied" (Postfix writes it on its DSNs)
// but are no automatic replies: by report-type, by the media type of one of their parts.
const std::vector<std::string_view>& report_types();
const std::vector<std::string_view>& report_part_types();
// ... by a header field only they carry: Exim's and Gmail's X-Failed-Recipients, Apple Mail's
// one-click unsubscribe request (X-Apple-Unsubscribe, sent with "Auto-Submitted: auto-replied").
const std::vector<std::string_view>& report_headers();
// ... by the local part of From, also when it has no domain ("From: mailer-daemon").
const std::vector<std::string_view>& report_senders();

// Words around a name given with the replacement address, removed from the name's edges:
// "please contact my colleague Jane Smith at jane@x.com" -> "Jane Smith".
struct NameTrim {
    std::vector<std::string_view> lead_ins;   // the name starts after the last of these
    std::vector<std::string_view> trailers;   // removed from the end ("at", "邮箱", "email")
};
const NameTrim& name_trim();

// English month and weekday names as written in return dates (full and abbreviated).
const std::vector<std::string_view>& month_names();
const std::vector<std::string_view>& weekday_names();
// Words that may stand between "back"/"return" and the date ("back in the office on 3 January").
const std::vector<std::string_view>& date_fillers();

}  // namespace mailkeeper::parser::detail
