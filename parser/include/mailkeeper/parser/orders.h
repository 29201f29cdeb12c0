// Order, invoice and contract numbers, and what a message is about (inquiry, quotation, ...).
#pragma once

#include <cstddef>
#include <expected>
#include <memory>
#include <string>
#include <vector>

#include "mailkeeper/parser/error.h"
#include "mailkeeper/parser/message.h"

namespace mailkeeper::parser {

// A named kind of business number and the labels that introduce it. The milter's config can add
// patterns; the defaults cover PO, PI, contract, invoice, quotation in English and Chinese.
//
// A label matches case-insensitively; a label that starts or ends with a Latin letter or digit
// only at a word boundary on that side ("PO" never inside "POSITION" or "import"). After a label
// come optional separators (":", "：", "#", "No.", "Number", "号", "编号", spaces) and the number:
// letters, digits, '-', '_', '.', '/', with at least one digit, 3 to 40 characters, trailing
// punctuation trimmed. A token that starts with a label ending in a letter or digit ("PO2023-001",
// "PI-88123") is a number of that kind, label included.
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

// Bounded: at most kMaxOrders numbers per message, body text read up to kMaxOrderScanBytes (all
// text parts together). kMaxOrderLabelHits bounds the label occurrences looked at per text, so
// that a body of "PO1 PO1 PO1 ..." costs no more than a few thousand checks.
inline constexpr std::size_t kMaxOrders = 100;
inline constexpr std::size_t kMaxOrderScanBytes = 256 * 1024;
inline constexpr std::size_t kMaxOrderLabelHits = 4096;
// Bounds on the patterns a site may configure.
inline constexpr std::size_t kMaxOrderLabels = 1000;     // labels over all patterns
inline constexpr std::size_t kMaxOrderLabelBytes = 64;   // bytes of one label

// Patterns compiled once (at start-up or config load) into one literal set, then shared
// read-only by every thread, like a rule set. Compiling costs milliseconds; finding, microseconds.
class OrderFinder {
public:
    OrderFinder(OrderFinder&&) noexcept;
    OrderFinder& operator=(OrderFinder&&) noexcept;
    ~OrderFinder();

    const std::vector<OrderPattern>& patterns() const;
    // Numbers in the Subject's tags ("[ABC公司-PO2023-001]", "【...】"), the Subject (reply
    // prefixes removed), the text parts outside any returned or attached message (quoted history
    // included), then attachment file names; deduplicated by number case-insensitively, the
    // first place found kept (subject_tag, subject, body, attachment_name).
    std::vector<OrderRef> find(const Message& message) const;

    struct Compiled;

private:
    explicit OrderFinder(std::unique_ptr<Compiled> compiled);
    friend std::expected<OrderFinder, Error> compile_order_patterns(std::vector<OrderPattern> patterns);
    std::unique_ptr<Compiled> compiled_;
};

// Fails (ErrorCode::invalid_pattern) on a pattern without a kind or labels, the reserved kind
// "tag", an empty or overlong label, or more than kMaxOrderLabels labels.
std::expected<OrderFinder, Error> compile_order_patterns(std::vector<OrderPattern> patterns);

// The default patterns, compiled on first use.
const OrderFinder& default_order_finder();

std::vector<OrderRef> find_orders(const Message& message, const OrderFinder& finder);
// The same with patterns compiled for this one call (milliseconds): for tests and one-off tools;
// a stream of messages wants an OrderFinder. Invalid patterns find nothing.
std::vector<OrderRef> find_orders(const Message& message, const std::vector<OrderPattern>& patterns);

// What the message is about: "inquiry", "quotation", "order", "contract", "payment", "shipping",
// "complaint", plus "auto-reply" and "bounce" given by the caller's own analysis. Sorted, unique.
// Reads the Subject and the first kMaxTagScanBytes of the first text part; a phrase in the
// Subject counts double, a PO or PI number found makes "order", a contract number "contract".
inline constexpr std::size_t kMaxTagScanBytes = 8 * 1024;
std::vector<std::string> message_tags(const Message& message, const std::vector<OrderRef>& orders, bool autoreply,
                                      bool bounce);

}  // namespace mailkeeper::parser
