// Order, invoice and contract numbers, and the topics of a message.
#include <doctest/doctest.h>
#include <mailkeeper/parser/message.h>
#include <mailkeeper/parser/orders.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

// Work on hostile input is bounded by the limits, linear in what they let through: a megabyte
// read quadratically takes minutes, linearly milliseconds. The bound leaves room for sanitizer
// builds on a loaded CI machine; it is no speed target.
constexpr auto kBounded = std::chrono::seconds(2);

using namespace mailkeeper::parser;

namespace {

Message mail(const std::string& subject, const std::string& body, const std::string& extra_headers = "") {
    auto m = parse_message("From: Li Ming <li.ming@buyer.example>\nTo: sales@our-trade.example\nSubject: " + subject +
                           "\n" + extra_headers + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n" + body);
    REQUIRE(m);
    return *m;
}

std::vector<OrderRef> orders_in(const Message& m) { return find_orders(m, default_order_finder()); }

std::vector<OrderRef> body_orders(const std::string& body) { return orders_in(mail("Hello", body)); }

bool has(const std::vector<OrderRef>& found, const std::string& number, const std::string& kind, const std::string& where) {
    return std::any_of(found.begin(), found.end(), [&](const OrderRef& r) {
        return r.number == number && r.kind == kind && r.where == where;
    });
}

bool has_tag(const std::vector<std::string>& tags, const std::string& tag) {
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

std::vector<std::string> tags_of(const std::string& subject, const std::string& body) {
    const Message m = mail(subject, body);
    return message_tags(m, orders_in(m), false, false);
}

}  // namespace

// ---- patterns

TEST_CASE("the default patterns are po, pi, contract, invoice and quotation") {
    std::vector<std::string> kinds;
    for (const OrderPattern& p : default_order_patterns()) kinds.push_back(p.kind);
    CHECK(kinds == std::vector<std::string>{"po", "pi", "contract", "invoice", "quotation"});
}

TEST_CASE("each default English label finds the number written after it") {
    const struct {
        const char* text;
        const char* number;
        const char* kind;
    } kCases[] = {
        {"PO No.: 4500012345", "4500012345", "po"},
        {"P.O. 7788-01", "7788-01", "po"},
        {"PO#4500012346", "4500012346", "po"},
        {"our purchase order 4500012347 is attached", "4500012347", "po"},
        {"Order No. SO-2024-118", "SO-2024-118", "po"},
        {"Order Number: 88120", "88120", "po"},
        {"PI No. 2024-001", "2024-001", "pi"},
        {"P/I: 24-0315", "24-0315", "pi"},
        {"Proforma Invoice No. 24PI0315", "24PI0315", "pi"},
        {"Contract No. 2024/XY/07", "2024/XY/07", "contract"},
        {"S/C: 24-0088", "24-0088", "contract"},
        {"Sales Contract 2024-SC-07", "2024-SC-07", "contract"},
        {"Invoice No.: 2024-0042", "2024-0042", "invoice"},
        {"Inv No. 7781", "7781", "invoice"},
        {"CI: 2024-118", "2024-118", "invoice"},
        {"Commercial Invoice No. 240301A", "240301A", "invoice"},
        {"Quotation No. Q-2024-015", "Q-2024-015", "quotation"},
        {"Quote No. 5512", "5512", "quotation"},
        {"Our Ref: QT-88-2024.", "QT-88-2024", "quotation"},
    };
    for (const auto& c : kCases) {
        INFO(c.text);
        const auto found = body_orders(std::string("Dear Li,\n") + c.text + "\nThanks\n");
        REQUIRE(found.size() == 1);
        CHECK(found[0].number == c.number);
        CHECK(found[0].kind == c.kind);
        CHECK(found[0].where == "body");
    }
}

TEST_CASE("each default Chinese label finds the number written after it") {
    const struct {
        const char* text;
        const char* number;
        const char* kind;
    } kCases[] = {
        {"订单号：2023-001", "2023-001", "po"},
        {"订单编号: 20240301-01", "20240301-01", "po"},
        {"采购单号 CG-2024-17", "CG-2024-17", "po"},
        {"形式发票号：88123A", "88123A", "pi"},
        {"合同号为 HT-2024-009", "HT-2024-009", "contract"},
        {"合同编号2024HT118", "2024HT118", "contract"},
        {"发票号：04512345", "04512345", "invoice"},
        {"报价单号：BJ-2024-33，请查收", "BJ-2024-33", "quotation"},
    };
    for (const auto& c : kCases) {
        INFO(c.text);
        const auto found = body_orders(std::string("您好，\n") + c.text + "\n谢谢\n");
        REQUIRE(found.size() == 1);
        CHECK(found[0].number == c.number);
        CHECK(found[0].kind == c.kind);
    }
}

TEST_CASE("an unlabelled number that starts with a label counts as that kind, label included") {
    const auto found = body_orders("Please check PO2023-001, PI-88123, CT20240301, SC-2024-07 and INV-2024-0042.\n");
    CHECK(found.size() == 5);
    CHECK(has(found, "PO2023-001", "po", "body"));
    CHECK(has(found, "PI-88123", "pi", "body"));
    CHECK(has(found, "CT20240301", "contract", "body"));
    CHECK(has(found, "SC-2024-07", "contract", "body"));
    CHECK(has(found, "INV-2024-0042", "invoice", "body"));
}

TEST_CASE("labels match only as words: nothing in POSITION, import, price, PIN, CIF or Refund") {
    CHECK(body_orders("POSITION 12345, import 2024-01, price 3456, PIN 1234, CIF 2024 Hamburg, Refund 5566,\n"
                      "report 7788, spoon 99123, Sci 4455, ACT 2024\n")
              .empty());
}

TEST_CASE("a label followed by a word, an amount or a short figure gives no number") {
    CHECK(body_orders("PO box 12, Invoice date: 2024-01-03, Quote: 3.50 USD, PI 12\n").empty());
}

TEST_CASE("a label inside an address, a path or a URL gives no number") {
    CHECK(body_orders("Write to po@buyer.example or see https://buyer.example/po/12345 and sales.po123@x.example\n").empty());
}

TEST_CASE("trailing punctuation and a file extension are trimmed from a number") {
    const auto found = body_orders("See PO2023-002. Also PI-88124.pdf, and contract no. 2024-77/\n");
    CHECK(has(found, "PO2023-002", "po", "body"));
    CHECK(has(found, "PI-88124", "pi", "body"));
    CHECK(has(found, "2024-77", "contract", "body"));
}

TEST_CASE("a number longer than 40 characters is not a number") {
    CHECK(body_orders("PO " + std::string(41, '7') + "\n").empty());
    CHECK(body_orders("PO " + std::string(40, '7') + "\n").size() == 1);
}

// ---- where

TEST_CASE("a subject tag with a labelled number inside gives that number and kind") {
    const auto found = orders_in(mail("[ABC公司-PO2023-001] delivery date", "Hi\n"));
    REQUIRE(found.size() == 1);
    CHECK(has(found, "PO2023-001", "po", "subject_tag"));
}

TEST_CASE("a subject tag with digits and no label is kind tag") {
    const auto found = orders_in(mail("【ABC公司-2023-001】 交期", "Hi\n"));
    REQUIRE(found.size() == 1);
    CHECK(has(found, "ABC公司-2023-001", "tag", "subject_tag"));
}

TEST_CASE("gateway, spam and forwarding tags and tags without digits are no orders") {
    CHECK(orders_in(mail("[External] [SPAM 7.5] [Fwd: 2024 catalogue] [users] Re: hello", "Hi\n")).empty());
}

TEST_CASE("a mailing list's numbered tags are no orders") {
    CHECK(orders_in(mail("[trade-ml:01234] fair dates", "Hi\n", "List-Id: <trade-ml.lists.example>\n")).empty());
}

TEST_CASE("reply and forward prefixes are taken off the subject and its number is found") {
    const auto found = orders_in(mail("Re: Fwd: 回复：PO 4500012345", "Hi\n"));
    REQUIRE(found.size() == 1);
    CHECK(has(found, "4500012345", "po", "subject"));
}

TEST_CASE("numbers in attachment names are found, underscores separating words") {
    auto m = parse_message(
        "From: li.ming@buyer.example\nSubject: documents\nMIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"B\"\n\n"
        "--B\nContent-Type: text/plain\n\nPlease see attached.\n"
        "--B\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"PI-88123.pdf\"\n"
        "Content-Transfer-Encoding: base64\n\nJVBERi0=\n"
        "--B\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"ABC_PO2023-009_signed.pdf\"\n"
        "Content-Transfer-Encoding: base64\n\nJVBERi0=\n"
        "--B--\n");
    REQUIRE(m);
    const auto found = orders_in(*m);
    CHECK(found.size() == 2);
    CHECK(has(found, "PI-88123", "pi", "attachment_name"));
    CHECK(has(found, "PO2023-009", "po", "attachment_name"));
}

TEST_CASE("a number found in several places is kept once, where it was found first") {
    auto m = parse_message(
        "From: li.ming@buyer.example\nSubject: Re: [PO2023-001] PO2023-001 and PI-555\nMIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"B\"\n\n"
        "--B\nContent-Type: text/plain\n\npo2023-001 and pi-555 and CI-777.\n"
        "--B\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"CI-777.pdf\"\n\nx\n"
        "--B--\n");
    REQUIRE(m);
    const auto found = orders_in(*m);
    REQUIRE(found.size() == 3);
    CHECK(has(found, "PO2023-001", "po", "subject_tag"));
    CHECK(has(found, "PI-555", "pi", "subject"));
    CHECK(has(found, "CI-777", "invoice", "body"));
}

TEST_CASE("the text of a returned or attached message is not read") {
    auto m = parse_message(
        "From: li.ming@buyer.example\nSubject: Fwd: old mail\nMIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"B\"\n\n"
        "--B\nContent-Type: text/plain\n\nSee below.\n"
        "--B\nContent-Type: message/rfc822\n\nFrom: x@y.example\nSubject: PO 4500099999\n\nPO 4500088888\n"
        "--B--\n");
    REQUIRE(m);
    CHECK(orders_in(*m).empty());
}

TEST_CASE("quoted history in the body is read") {
    const auto found = body_orders("Agreed.\n\n> On Monday you wrote:\n> Please confirm PO 4500012399\n");
    CHECK(has(found, "4500012399", "po", "body"));
}

// ---- bounds

TEST_CASE("at most kMaxOrders numbers are returned") {
    std::string body;
    for (int i = 0; i < 500; ++i) body += "PO" + std::to_string(100000 + i) + " ";
    CHECK(body_orders(body).size() == kMaxOrders);
}

TEST_CASE("a body of a megabyte of PO1 is read in bounded time and gives one number") {
    std::string body;
    body.reserve(1024 * 1024 + 8);
    while (body.size() < 1024 * 1024) body += "PO1 ";
    const Message m = mail("hello", body);
    const auto start = std::chrono::steady_clock::now();
    const auto found = orders_in(m);
    const auto took = std::chrono::steady_clock::now() - start;
    REQUIRE(found.size() == 1);
    CHECK(found[0].number == "PO1");
    CHECK(took < kBounded);
}

TEST_CASE("body text past kMaxOrderScanBytes is not read") {
    CHECK(body_orders(std::string(kMaxOrderScanBytes, ' ') + "PO 4500012345\n").empty());
    CHECK(body_orders(std::string(kMaxOrderScanBytes - 100, ' ') + "PO 4500012345\n").size() == 1);
}

// ---- a site's own patterns

TEST_CASE("a site's own pattern is compiled once and finds its numbers") {
    auto finder = compile_order_patterns({{"sample", {"Sample No.", "样品单号"}}});
    REQUIRE(finder);
    const auto found = find_orders(mail("samples", "Sample No. SP-2024-3 and 样品单号：YP-88\n"), *finder);
    CHECK(found.size() == 2);
    CHECK(has(found, "SP-2024-3", "sample", "body"));
    CHECK(has(found, "YP-88", "sample", "body"));
    CHECK(finder->patterns().size() == 1);
}

TEST_CASE("find_orders with a list of patterns gives what the compiled finder gives") {
    const Message m = mail("Re: PI-88123", "PO 4500012345\n");
    const auto once = find_orders(m, default_order_patterns());
    const auto compiled = orders_in(m);
    REQUIRE(once.size() == compiled.size());
    for (std::size_t i = 0; i < once.size(); ++i) CHECK(once[i].number == compiled[i].number);
}

TEST_CASE("patterns without a kind or labels, of kind tag, or with an empty or overlong label are refused") {
    const std::vector<std::vector<OrderPattern>> kBad = {
        {{"", {"PO"}}},
        {{"po", {}}},
        {{"tag", {"TAG"}}},
        {{"po", {"  "}}},
        {{"po", {std::string(kMaxOrderLabelBytes + 1, 'x')}}},
    };
    for (const auto& patterns : kBad) {
        const auto finder = compile_order_patterns(patterns);
        REQUIRE_FALSE(finder);
        CHECK(finder.error().code == ErrorCode::invalid_pattern);
    }
    std::vector<OrderPattern> many{{"x", std::vector<std::string>(kMaxOrderLabels + 1, "L")}};
    CHECK_FALSE(compile_order_patterns(many));
}

// ---- topics

TEST_CASE("an inquiry is known from RFQ in the subject or please quote in the text") {
    CHECK(has_tag(tags_of("RFQ: LED panels", "Hi\n"), "inquiry"));
    CHECK(has_tag(tags_of("LED panels", "Please quote your best price for 500 pcs.\n"), "inquiry"));
    CHECK(has_tag(tags_of("询价", "您好\n"), "inquiry"));
}

TEST_CASE("quotation inside request for quotation is the inquiry's, not a quotation") {
    const auto tags = tags_of("Request for quotation", "Hi\n");
    CHECK(has_tag(tags, "inquiry"));
    CHECK_FALSE(has_tag(tags, "quotation"));
}

TEST_CASE("a quotation is known from its subject or text") {
    CHECK(has_tag(tags_of("Our offer for 304 coils", "Hi\n"), "quotation"));
    CHECK(has_tag(tags_of("hello", "Please find our quotation attached.\n"), "quotation"));
    CHECK(has_tag(tags_of("报价", "您好\n"), "quotation"));
}

TEST_CASE("an order is known from a purchase order, 下单 or a PO number found") {
    CHECK(has_tag(tags_of("hello", "Attached is our purchase order.\n"), "order"));
    CHECK(has_tag(tags_of("hello", "我们决定下单。\n"), "order"));
    CHECK(has_tag(tags_of("Re: PO2023-001", "ok\n"), "order"));
}

TEST_CASE("a contract is known from 合同 or a contract number") {
    CHECK(has_tag(tags_of("hello", "合同已盖章。\n"), "contract"));
    CHECK(has_tag(tags_of("hello", "S/C: 24-0088 attached\n"), "contract"));
}

TEST_CASE("a payment is known from T/T, bank slip, 水单 or 汇款") {
    CHECK(has_tag(tags_of("TT copy", "Hi\n"), "payment"));
    CHECK(has_tag(tags_of("hello", "Please find the bank slip attached.\n"), "payment"));
    CHECK(has_tag(tags_of("水单", "见附件\n"), "payment"));
    CHECK(has_tag(tags_of("hello", "定金已汇款。\n"), "payment"));
}

TEST_CASE("shipping is known from B/L, ETD, 船期 or 发货") {
    CHECK(has_tag(tags_of("B/L draft", "Hi\n"), "shipping"));
    CHECK(has_tag(tags_of("hello", "ETD Shanghai 10 Jan.\n"), "shipping"));
    CHECK(has_tag(tags_of("船期", "您好\n"), "shipping"));
    CHECK(has_tag(tags_of("hello", "请尽快发货。\n"), "shipping"));
}

TEST_CASE("a complaint is known from complaint, defective or 质量问题") {
    CHECK(has_tag(tags_of("Complaint about order 55", "Hi\n"), "complaint"));
    CHECK(has_tag(tags_of("hello", "20 pieces arrived defective.\n"), "complaint"));
    CHECK(has_tag(tags_of("hello", "这批货有质量问题。\n"), "complaint"));
}

TEST_CASE("one weak word in the text makes no topic: in order to, payment terms, a disclaimer") {
    CHECK(tags_of("hello", "In order to help you, see our payment terms.\n"
                           "Disclaimer: this email is confidential. Details inside.\n")
              .empty());
}

TEST_CASE("two different weak words in the text make the topic") {
    CHECK(has_tag(tags_of("hello", "The payment and the balance are due.\n"), "payment"));
}

TEST_CASE("auto-reply and bounce come from the caller's flags, and tags are sorted and unique") {
    const Message m = mail("Re: PO 4500012345 purchase order shipment", "The shipment left. ETA 3 Feb.\n");
    const auto tags = message_tags(m, orders_in(m), true, true);
    CHECK(tags == std::vector<std::string>{"auto-reply", "bounce", "order", "shipping"});
}

TEST_CASE("a US state or a year after a short label is no number: CT 06901, SC 29401, Inv 2024") {
    CHECK(body_orders("Acme Corp\n100 Main St\nStamford, CT 06901\n").empty());
    CHECK(body_orders("Charleston, SC 29401, USA\n").empty());
    CHECK(body_orders("Please see the Inv 2024 budget.\n").empty());
    // with a separator or glued they still are
    CHECK(has(body_orders("Contract CT: 06901 signed\n"), "06901", "contract", "body"));
    CHECK(has(body_orders("our SC-2024-07 is attached\n"), "SC-2024-07", "contract", "body"));
}

TEST_CASE("a body of one endless token of labels is read in bounded time") {
    std::string body;
    for (int i = 0; i < 60000; ++i) body += "PO-1-";
    const auto start = std::chrono::steady_clock::now();
    (void)body_orders(body);
    CHECK(std::chrono::steady_clock::now() - start < kBounded);
}
