// Order numbers and topics as data: what may stand between a label and its number, the Subject's
// reply prefixes and non-order tags, and the phrases of each topic. The default order patterns
// themselves are in orders_table.cpp too (default_order_patterns(), public).
#pragma once

#include <string_view>
#include <vector>

namespace mailkeeper::parser::detail {

// What may stand between a label and its number ("PO No.: 123", "合同号为 SC-1"). Words among
// them count only as whole words ("No" not in "Nov").
const std::vector<std::string_view>& number_separators();

// Reply and forward prefixes removed from the Subject before it is searched ("Re:", "回复：").
const std::vector<std::string_view>& subject_prefixes();

// Short labels that are also everyday abbreviations (US states CT and SC in addresses, "CI" ...):
// they introduce a number only with a separator (":", "#", "No.") or glued to it, never with a
// space alone ("Stamford, CT 06901" is no contract).
const std::vector<std::string_view>& labels_needing_separator();

// Subject tags that are no order reference however many digits they carry: gateway and spam
// markers ("[External]", "[SPAM 7.5]"), forwarding marks. Matched at the tag's start.
const std::vector<std::string_view>& non_order_tags();

// File name extensions taken off a number found in a name or text ("PI-88123.pdf").
const std::vector<std::string_view>& file_extensions();

// A topic and its phrases. One strong phrase in the text makes the topic; weak ones need the
// Subject or a second weak phrase (a phrase in the Subject counts double).
struct Topic {
    std::string_view tag;
    std::vector<std::string_view> strong;
    std::vector<std::string_view> weak;
};
const std::vector<Topic>& topics();

// The topic a found number's kind makes ("po" -> "order").
struct KindTopic {
    std::string_view kind;
    std::string_view tag;
};
const std::vector<KindTopic>& kind_topics();

}  // namespace mailkeeper::parser::detail
