// Word tables for finding the sender's own text and signature: quote headers of the common mail
// clients, closings, and the words that make a short line a title, a company or a sentence.
// Tables, not code: a new client's quote header or a new closing is a row here plus a test.
#pragma once

#include <span>
#include <string_view>

namespace mailkeeper::parser::detail {

// Lines that open forwarded or quoted history on their own ("-----Original Message-----",
// "-----原始邮件-----"); matched after trimming dashes, underscores, spaces and '='.
struct QuoteSeparator {
    std::string_view text;   // lowercase
    std::string_view style;  // ReplyText::quote_style
};
std::span<const QuoteSeparator> quote_separators();

// Header-block labels of a quoted message (Outlook "From:/Sent:/To:/Subject:", Foxmail and QQ
// "发件人：/发送时间：/收件人：/主题："), lowercase, without the colon.
std::span<const std::string_view> quote_from_labels();
std::span<const std::string_view> quote_date_labels();
std::span<const std::string_view> quote_other_labels();

// Words that make a short line a company name besides the legal forms ("Trading", "Industries").
// Closings, title words, legal forms and labels are contact_tables.h's.
std::span<const std::string_view> company_name_words();

// Common English words that are not names: a short capitalised line made of them ("Happy New
// Year", "Certification Document", "Call Kim") is not someone signing off.
bool is_common_word(std::string_view lowercase_word);

// Lines that end a message but belong to no person: disclaimers, client taglines.
std::span<const std::string_view> tagline_prefixes();

}  // namespace mailkeeper::parser::detail
