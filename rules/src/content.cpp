// What the rules read of a parsed message: subject, body texts, headers, and the text of every
// attachment (archives opened), the bounced original of a delivery report left out.
#include "mailkeeper/rules/verdict.h"

#include <strings.h>

#include <algorithm>
#include <set>

namespace mailkeeper::rules {

namespace {

bool is_body_text(const parser::Part& part) {
    return part.filename.empty() && (part.media_type.starts_with("text/") || part.media_type.empty());
}

}  // namespace

MessageContent content_of(const parser::Message& message, const parser::ExtractLimits& limits,
                          const std::function<bool()>& expired) {
    MessageContent content;
    content.subject = parser::find_header(message.headers, "Subject").value_or("");
    // the Subject is its own scope: as a header too it would count twice
    for (const auto& h : message.headers)
        if (strcasecmp(h.name.c_str(), "Subject") != 0) content.headers.emplace_back(h.name, h.value);
    content.truncated = message.truncated;
    std::size_t unnamed = 0;
    // A delivery report returns our own message: not content to scan. A forwarded or attached
    // message (message/rfc822 in ordinary mail) is content like any other.
    const bool report = message.media_type == "multipart/report";
    // multipart/alternative carries the same text twice (plain and HTML): with a plain form in the
    // same alternative, the HTML form is left out, or every min_count would count double
    std::set<int> plain_alternatives;
    for (const auto& p : message.parts)
        if (p.alternative > 0 && is_body_text(p) && p.media_type == "text/plain" && !p.text.empty())
            plain_alternatives.insert(p.alternative);
    for (const auto& part : message.parts) {
        if (part.in_returned_message && report) continue;
        if (is_body_text(part)) {
            if (part.media_type == "text/html" && plain_alternatives.contains(part.alternative)) continue;
            if (!part.text.empty()) content.bodies.push_back(part.text);
            continue;
        }
        std::string name = part.filename.empty() ? "(" + part.media_type + " " + std::to_string(++unnamed) + ")" : part.filename;
        if (!part.data.empty() || part.data_truncated) {
            auto files = parser::extract_attachment(name, part.media_type, part.data, part.data_truncated, limits, expired);
            for (auto& f : files) content.attachments.push_back(std::move(f));
        } else {
            // a textual attachment (CSV, TXT, HTML): the parser decoded it already
            content.attachments.push_back({std::move(name), parser::AttachmentStatus::text, part.text, {}});
        }
    }
    return content;
}

}  // namespace mailkeeper::rules
