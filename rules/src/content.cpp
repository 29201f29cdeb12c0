// What the rules read of a parsed message: subject, body texts, headers, and the text of every
// attachment (archives opened), the bounced original of a delivery report left out.
#include "mailkeeper/rules/verdict.h"

#include <strings.h>

#include <algorithm>

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
    // multipart/alternative carries the same text twice (plain and HTML): counting both would
    // double every min_count, so with a plain body the HTML bodies are left out
    const bool has_plain = std::any_of(message.parts.begin(), message.parts.end(), [](const parser::Part& p) {
        return !p.in_returned_message && is_body_text(p) && p.media_type == "text/plain" && !p.text.empty();
    });
    for (const auto& part : message.parts) {
        if (part.in_returned_message) continue;
        if (is_body_text(part)) {
            if (has_plain && part.media_type == "text/html") continue;
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
