// The whole reading of one message: which way it goes, whether it is a bounce or an automatic
// reply, the sender's signature and contact card, order numbers and what the message is about.
// The milter and `mailkeeper scan` / `import` share it. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mailkeeper/parser/autoreply.h"
#include "mailkeeper/parser/bounce.h"
#include "mailkeeper/parser/contact.h"
#include "mailkeeper/parser/message.h"
#include "mailkeeper/parser/orders.h"
#include "mailkeeper/parser/signature.h"

namespace mailkeeper::parser {

enum class MessageDirection {
    inbound,   // from outside the company
    outbound,  // from the company to at least one outside address
    internal,  // from the company to the company only
    unknown,   // no company domains configured
};
std::string_view to_string(MessageDirection direction);

struct AnalysisOptions {
    std::vector<std::string> internal_domains;  // the company's domains, lowercase
    const OrderFinder* orders = nullptr;         // compiled order patterns; null: the defaults
    ContactOptions contact;
    Limits limits;
};

struct Analysis {
    MessageDirection direction = MessageDirection::unknown;
    Sender sender;                      // the From line
    std::vector<std::string> recipients;  // To and Cc addresses, lowercase
    BounceReport bounce;                // kind none unless the message is a report
    std::optional<AutoReply> autoreply;
    std::string quote_style;            // how the quoted history was marked, if any
    std::optional<SignatureBlock> signature;
    std::optional<ContactCard> contact;  // only for mail a person wrote: not for reports or auto-replies
    std::vector<OrderRef> orders;
    std::vector<std::string> tags;
};

// A body read for its writer: the quoted history set aside, the signature at the end of what is
// left, the contact card in it. `analyse_message` and `mailkeeper signature` share it.
struct SenderText {
    std::string quote_style;
    std::optional<SignatureBlock> signature;
    std::optional<ContactCard> contact;  // absent when the block names nothing
};
SenderText read_sender_text(std::string_view body, const Sender& sender, const ContactOptions& options);

// Direction from the From and recipient addresses and the company's domains (offline: the milter
// knows better from the connection and uses its own).
MessageDirection direction_of(std::string_view from, const std::vector<std::string>& recipients,
                              const std::vector<std::string>& internal_domains);

Analysis analyse_message(const Message& message, const AnalysisOptions& options);

}  // namespace mailkeeper::parser
