#include "orders_table.h"

#include "mailkeeper/parser/orders.h"

namespace mailkeeper::parser {

const std::vector<OrderPattern>& default_order_patterns() {
    // Labels as foreign-trade mail writes them. Short code labels ("PO", "PI", "SC", "CI") also
    // make the kind of an unlabelled number that starts with them ("PO2023-001", "SC-2024-07").
    static const std::vector<OrderPattern> kPatterns{
        {"po", {"PO", "P.O.", "PO No.", "PO#", "Purchase Order", "Order No", "Order No.", "Order Number", "Order #",
                "订单号", "订单编号", "订单号码", "采购单号", "采购订单号"}},
        {"pi", {"PI", "P/I", "Proforma Invoice", "Pro-forma Invoice", "Pro forma Invoice", "形式发票"}},
        {"contract", {"Contract No.", "Contract", "S/C", "SC", "CT", "Sales Contract", "合同号", "合同编号"}},
        {"invoice", {"Invoice No.", "Invoice", "Inv No.", "INV", "CI", "Commercial Invoice", "发票号", "发票号码",
                     "发票编号"}},
        {"quotation", {"Quotation No.", "Quotation", "Quote No.", "Quote #", "QT", "Ref", "报价单号", "报价编号"}},
    };
    return kPatterns;
}

}  // namespace mailkeeper::parser

namespace mailkeeper::parser::detail {

const std::vector<std::string_view>& number_separators() {
    // Longer first where one starts another ("No." before "No").
    static const std::vector<std::string_view> kSeparators{
        ":", "\xef\xbc\x9a" /* ： */, "#", "\xef\xbc\x83" /* ＃ */, "No.", "No:", "No", "Nr.", "Nr", "Number",
        "Num.", "Num", "is", "号码", "号", "编号", "为", "是", "-", "\xe2\x80\x93" /* – */, ".", "="};
    return kSeparators;
}

const std::vector<std::string_view>& labels_needing_separator() {
    static const std::vector<std::string_view> kLabels{"SC", "CT", "CI", "QT"};
    return kLabels;
}

const std::vector<std::string_view>& subject_prefixes() {
    static const std::vector<std::string_view> kPrefixes{
        "re:", "re :", "re：", "fw:", "fw :", "fw：", "fwd:", "fwd :", "fwd：", "aw:", "wg:", "sv:", "vs:", "antw:",
        "回复:", "回复：", "答复:", "答复：", "转发:", "转发：", "回覆:", "回覆：", "轉寄:", "轉寄：", "轉發:", "轉發：",
        "转寄:", "转寄："};
    return kPrefixes;
}

const std::vector<std::string_view>& non_order_tags() {
    static const std::vector<std::string_view> kTags{
        "external", "ext", "spam", "suspected spam", "possible spam", "probable spam", "bulk", "fwd", "fw", "re",
        "caution", "warning", "secure", "encrypt", "encrypted", "sensitive", "confidential", "外部", "外部邮件",
        "垃圾邮件", "广告", "可疑", "警告"};
    return kTags;
}

const std::vector<std::string_view>& file_extensions() {
    static const std::vector<std::string_view> kExtensions{
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".csv", ".txt", ".jpg", ".jpeg", ".png", ".zip", ".rar", ".7z",
        ".ppt", ".pptx", ".tif", ".tiff", ".eml", ".msg", ".htm", ".html"};
    return kExtensions;
}

const std::vector<Topic>& topics() {
    // clang-format off
    static const std::vector<Topic> kTopics{
        {"inquiry",
         {"rfq", "request for quotation", "request for quote", "please quote", "pls quote", "kindly quote",
          "please offer", "price inquiry", "price enquiry", "询价", "询盘", "求购", "詢價", "請報價", "请报价"},
         {"inquiry", "enquiry", "inquiries", "enquiries", "best price", "your best price", "interested in your"}},
        {"quotation",
         {"quotation", "quotations", "price list", "pricelist", "报价单", "報價單"},
         {"quote", "quotes", "offer", "offers", "报价", "報價"}},
        {"order",
         {"purchase order", "new order", "place an order", "placed an order", "order confirmation", "confirm the order",
          "下单", "订单", "订货", "採購單", "訂單"},
         {"orders", "reorder", "re-order", "采购"}},
        {"contract",
         {"sales contract", "purchase contract", "signed contract", "合同", "合約"},
         {"contract", "contracts", "agreement"}},
        {"payment",
         {"remittance", "t/t", "tt copy", "bank slip", "bank receipt", "swift copy", "payment receipt",
          "payment advice", "付款", "汇款", "匯款", "水单", "水單", "定金", "尾款", "货款"},
         {"payment", "paid", "deposit", "balance", "wire transfer", "bank transfer", "l/c", "letter of credit"}},
        {"shipping",
         {"shipment", "shipments", "bill of lading", "b/l", "shipping advice", "etd", "eta", "发货", "出货", "提单",
          "船期", "出貨", "提單", "装柜", "訂艙", "订舱"},
         {"shipping", "container", "containers", "vessel", "freight", "forwarder", "booking", "物流", "货代"}},
        {"complaint",
         {"complaint", "complaints", "quality problem", "quality problems", "quality issue", "quality issues",
          "defective", "damaged goods", "投诉", "质量问题", "索赔", "投訴", "品質問題", "索賠"},
         {"damaged", "claim", "claims", "broken", "defect", "defects", "not satisfied", "不良", "破损", "退货"}},
    };
    // clang-format on
    return kTopics;
}

const std::vector<KindTopic>& kind_topics() {
    static const std::vector<KindTopic> kRows{{"po", "order"}, {"pi", "order"}, {"contract", "contract"}};
    return kRows;
}

}  // namespace mailkeeper::parser::detail
