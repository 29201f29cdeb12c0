// Order, invoice and contract numbers, and what a message is about (inquiry, quotation, ...).
#pragma once

#include <string>
#include <vector>

#include "mailkeeper/parser/message.h"

namespace mailkeeper::parser {

// A named kind of business number and the labels that introduce it. The milter's config can add
// patterns; the defaults cover PO, PI, contract, invoice, quotation in English and Chinese.
struct OrderPattern {
    std::string kind;                 // "po", "pi", "contract", "invoice", "quotation", or the site's own
    std::vector<std::string> labels;  // "PO", "P.O.", "Purchase Order", "订单号" ... matched case-insensitively
};
const std::vector<OrderPattern>& default_order_patterns();

struct OrderRef {
    std::string number;  // as written, trimmed ("PO2023-001")
    std::string kind;    // the pattern's kind, or "tag" for a subject tag without a label
    std::string where;   // "subject", "subject_tag", "body", "attachment_name"
};

// Bounded: at most kMaxOrders numbers per message, body text read up to kMaxOrderScanBytes.
inline constexpr std::size_t kMaxOrders = 100;
inline constexpr std::size_t kMaxOrderScanBytes = 256 * 1024;
std::vector<OrderRef> find_orders(const Message& message, const std::vector<OrderPattern>& patterns);

// What the message is about: "inquiry", "quotation", "order", "contract", "payment", "shipping",
// "complaint", plus "auto-reply" and "bounce" given by the caller's own analysis. Sorted, unique.
std::vector<std::string> message_tags(const Message& message, const std::vector<OrderRef>& orders, bool autoreply,
                                      bool bounce);

}  // namespace mailkeeper::parser
