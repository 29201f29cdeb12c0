#include "mailkeeper/parser/analysis.h"

#include <algorithm>

#include "mailkeeper/parser/address.h"
#include "text.h"

namespace mailkeeper::parser {

using detail::to_lower;

std::string_view to_string(MessageDirection direction) {
    switch (direction) {
        case MessageDirection::inbound: return "inbound";
        case MessageDirection::outbound: return "outbound";
        case MessageDirection::internal: return "internal";
        case MessageDirection::unknown: break;
    }
    return "unknown";
}

SenderText read_sender_text(std::string_view body, const Sender& sender, const ContactOptions& options) {
    SenderText out;
    ReplyText reply = strip_quotes(body);
    out.quote_style = std::move(reply.quote_style);
    out.signature = find_signature(reply.text, sender);
    if (out.signature) {
        ContactCard card = extract_contact(*out.signature, sender, options);
        if (!card.empty()) out.contact = std::move(card);
    }
    return out;
}

MessageDirection direction_of(std::string_view from, const std::vector<std::string>& recipients,
                              const std::vector<std::string>& internal_domains) {
    if (internal_domains.empty()) return MessageDirection::unknown;
    if (!in_domains(from, internal_domains)) return MessageDirection::inbound;
    const bool all_internal = std::all_of(recipients.begin(), recipients.end(),
                                          [&](const std::string& r) { return in_domains(r, internal_domains); });
    return all_internal && !recipients.empty() ? MessageDirection::internal : MessageDirection::outbound;
}

Analysis analyse_message(const Message& message, const AnalysisOptions& options) {
    Analysis a;
    a.sender = parse_sender(find_header(message.headers, "From").value_or(""));
    for (const char* name : {"To", "Cc"})
        if (const auto value = find_header(message.headers, name))
            for (const auto& address : addresses_of(*value)) a.recipients.push_back(to_lower(address));
    a.direction = direction_of(a.sender.address, a.recipients, options.internal_domains);

    a.bounce = analyse_bounce(message, options.limits);
    const bool report = a.bounce.kind == ReportKind::bounce || a.bounce.kind == ReportKind::feedback;
    // analyse_bounce asked detect_autoreply already; its answer is read again only when it said yes
    if (a.bounce.kind == ReportKind::autoreply) a.autoreply = detect_autoreply(message);

    if (!report && !a.autoreply) {
        if (const Part* text = main_text(message)) {
            SenderText own = read_sender_text(text->text, a.sender, options.contact);
            a.quote_style = std::move(own.quote_style);
            a.signature = std::move(own.signature);
            a.contact = std::move(own.contact);
        }
    }
    a.orders = find_orders(message, options.orders ? *options.orders : default_order_finder());
    a.tags = message_tags(message, a.orders, a.autoreply.has_value(),
                          a.bounce.kind == ReportKind::bounce && !a.bounce.recipients.empty());
    return a;
}

}  // namespace mailkeeper::parser
