// The rule loader, the normalisation the rules rely on, scopes, conditions and the verdict.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <mailkeeper/rules/normalize.h>
#include <mailkeeper/rules/rules.h>
#include <mailkeeper/rules/verdict.h>

using namespace mailkeeper::rules;

namespace {

std::shared_ptr<const RuleSet> load(const std::string& yaml) {
    auto set = load_rules({{"test.yaml", yaml}});
    if (!set) {
        for (const auto& e : set.error()) MESSAGE(e.text());
        FAIL("rules did not load");
    }
    return *set;
}

std::vector<std::string> errors_of(const std::string& yaml) {
    std::vector<std::string> out;
    auto set = load_rules({{"bad.yaml", yaml}});
    if (set) return out;
    for (const auto& e : set.error()) out.push_back(e.text());
    return out;
}

bool any_error(const std::vector<std::string>& errors, const std::string& part) {
    for (const auto& e : errors)
        if (e.find(part) != std::string::npos) return true;
    return false;
}

MessageContext outbound(std::vector<std::string> to = {"buyer@customer.example"}) {
    MessageContext c;
    c.direction = Direction::outbound;
    c.sender = "rep@corp.example";
    c.recipients = std::move(to);
    c.internal_domains = {"corp.example"};
    return c;
}

MessageContent body(std::string text) {
    MessageContent c;
    c.bodies.push_back(std::move(text));
    return c;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

const char* kFinance = R"(
rules:
  - id: contract-total-price
    description: 合同金额外发需合规审批 / contract amounts to outside parties need approval
    severity: high
    direction: outbound
    match:
      any:
        - keywords: [合同总价, 合同金额, total contract price]
        - regex: '(?i)bank\s+account\s+(no|number)'
    scope: [subject, body, attachment_names, attachment_text]
    unless:
      recipient_domains: [partner.example]
    action: quarantine
    message: 外发邮件包含合同金额,已提交合规审批
  - id: cn-id-numbers
    description: three or more valid Chinese resident ID numbers
    direction: outbound
    match:
      all:
        - detector: cn_resident_id
          min_count: 3
    action: reject
    message: Too many ID card numbers in one outbound mail
)";

}  // namespace

TEST_CASE("spaced, hyphenated and Traditional forms of a Chinese phrase normalise to the same text") {
    CHECK(normalized("合 同 总 价") == "合同总价");
    CHECK(normalized("合-同-总-价") == "合同总价");
    CHECK(normalized("合同總價") == "合同总价");
    CHECK(normalized("合\u3000同・总。价") == "合同总价");
}

TEST_CASE("full-width letters and digits become half-width and case folds") {
    CHECK(normalized("ＴＯＴＡＬ Ｃｏｎｔｒａｃｔ １２３") == "total contract 123");
    CHECK(normalized("PRICE") == "price");
}

TEST_CASE("zero-width characters and soft hyphens disappear") {
    CHECK(normalized("合\u200b同\u200d总\ufeff价") == "合同总价");
    CHECK(normalized("con\u00adtract") == "contract");
}

TEST_CASE("variant characters fold beyond ICU's Traditional to Simplified") {
    // ICU maps 帳 to 帐; the standard word is 账号
    CHECK(normalized("銀行帳號") == "银行账号");
    CHECK(normalized("银行帐号") == "银行账号");
}

TEST_CASE("whitespace collapses but Latin words stay apart") {
    CHECK(normalized("total \t\n  contract\r\nprice") == "total contract price");
    CHECK(normalized("bank-account") == "bank-account");
}

TEST_CASE("a combining accent composes with its letter as a precomposed one does") {
    CHECK(normalized("cafe\u0301") == normalized("caf\u00e9"));
}

TEST_CASE("the offset map leads from normalised text back to the original characters") {
    const std::string original = "Dear 合 同 總 價。ok";
    const NormalizedText n = normalize(original);
    const auto at = n.text.find("合同总价");
    REQUIRE(at != std::string::npos);
    const std::size_t b = n.original_begin(at), e = n.original_end(at + std::string("合同总价").size(), original);
    CHECK(original.substr(b, e - b) == "合 同 總 價");
}

TEST_CASE("invalid UTF-8 does not stop normalisation") {
    const std::string bad = "ok \xff\xfe 合同";
    const NormalizedText n = normalize(bad);
    CHECK(n.text.find("合同") != std::string::npos);
    CHECK(n.origin[n.text.size()] == bad.size());
}

TEST_CASE("the file from the issue loads with both rules") {
    auto set = load(kFinance);
    REQUIRE(set->rules().size() == 2);
    CHECK(set->rules()[0].action == Action::quarantine);
    CHECK(set->rules()[0].severity == Severity::high);
    CHECK(set->rules()[1].action == Action::reject);
    CHECK(set->rules()[1].all[0].min_count == 3);
    CHECK(set->keyword_count() == 3);
    CHECK(set->regex_count() == 1);
}

TEST_CASE("a contract total in the body of mail to a customer is quarantined with an excerpt") {
    auto set = load(kFinance);
    auto v = evaluate(*set, body("Hello,\n请确认合 同 总 价 USD 1,250,000 before Friday."), outbound());
    REQUIRE(v.action.has_value());
    CHECK(*v.action == Action::quarantine);
    REQUIRE(v.matches.size() == 1);
    CHECK(v.matches[0].rule == "contract-total-price");
    REQUIRE(v.matches[0].hits.size() == 1);
    CHECK(v.matches[0].hits[0].where == "body");
    CHECK(v.matches[0].hits[0].count == 1);
    // the keyword as written, digits of the amount masked
    CHECK(v.matches[0].hits[0].excerpt.find("[合 同 总 价]") != std::string::npos);
    CHECK(v.matches[0].hits[0].excerpt.find("1,250,000") == std::string::npos);
    CHECK(v.matches[0].hits[0].excerpt.find("*,***,***") != std::string::npos);
    CHECK(v.deciding()->message == "外发邮件包含合同金额,已提交合规审批");
}

TEST_CASE("the same mail to the partner domain only is exempt, to partner and customer is not") {
    auto set = load(kFinance);
    CHECK_FALSE(evaluate(*set, body("合同总价 USD 5"), outbound({"a@partner.example", "b@sub.partner.example"})).action);
    CHECK(evaluate(*set, body("合同总价 USD 5"), outbound({"a@partner.example", "c@customer.example"})).action);
}

TEST_CASE("inbound mail is not held by an outbound rule") {
    auto set = load(kFinance);
    auto ctx = outbound();
    ctx.direction = Direction::inbound;
    CHECK_FALSE(evaluate(*set, body("合同总价"), ctx).action);
}

TEST_CASE("the bank account regex matches across spacing and case") {
    auto set = load(kFinance);
    auto v = evaluate(*set, body("our BANK   Account Number is below"), outbound());
    REQUIRE(v.action);
    REQUIRE(v.matches[0].hits.size() == 1);
    CHECK(v.matches[0].hits[0].count == 1);
    // a regex match is masked: first and last two characters kept
    CHECK(v.matches[0].hits[0].excerpt.find("[BA") != std::string::npos);
    CHECK(v.matches[0].hits[0].excerpt.find("er]") != std::string::npos);
}

TEST_CASE("three distinct valid ID numbers reject, two or invalid ones do not") {
    auto set = load(kFinance);
    const std::string three = "名单: 11010519491231002X, 440524188001010014, 11010519491231002x 和 110105194912310029";
    // 11010519491231002x repeats the first (case folded): two distinct valid numbers + one invalid
    CHECK_FALSE(evaluate(*set, body(three), outbound()).action);
    const std::string valid3 = "11010519491231002X 440524188001010014 110101199003077352";
    auto v = evaluate(*set, body(valid3), outbound());
    REQUIRE(v.action);
    CHECK(*v.action == Action::reject);
    CHECK(v.deciding()->rule == "cn-id-numbers");
    CHECK(v.matches.back().hits[0].count == 3);
    // never the full number in an excerpt
    CHECK(v.matches.back().hits[0].excerpt.find("11010519491231002X") == std::string::npos);
}

TEST_CASE("the strongest action wins and monitor rules only report") {
    auto set = load(R"(
rules:
  - id: tag-price
    match: {any: [{keywords: [price list]}]}
    action: tag
    subject_prefix: "[DLP]"
  - id: hold-quote
    match: {any: [{keywords: [quotation]}]}
    action: quarantine
  - id: trial-reject
    mode: monitor
    match: {any: [{keywords: [quotation]}]}
    action: reject
    message: would be refused
)");
    auto v = evaluate(*set, body("our price list and quotation"), outbound());
    REQUIRE(v.action);
    CHECK(*v.action == Action::quarantine);
    REQUIRE(v.monitored);
    CHECK(*v.monitored == Action::reject);
    CHECK(v.tagged_rules() == std::vector<std::string>{"tag-price", "hold-quote"});
    auto trial = evaluate(*set, body("our price list and quotation"), outbound(), Mode::monitor);
    CHECK_FALSE(trial.action);
    CHECK(*trial.monitored == Action::reject);
}

TEST_CASE("each scope is searched only when the rule names it") {
    auto set = load(R"(
rules:
  - id: s-subject
    scope: subject
    match: {any: [{keywords: [secret]}]}
    action: log
  - id: s-body
    scope: [body]
    match: {any: [{keywords: [secret]}]}
    action: log
  - id: s-names
    scope: [attachment_names]
    match: {any: [{keywords: [secret]}]}
    action: log
  - id: s-text
    scope: [attachment_text]
    match: {any: [{keywords: [secret]}]}
    action: log
  - id: s-headers
    scope: [headers]
    match: {any: [{keywords: [secret]}]}
    action: log
)");
    auto rules_hit = [&](const MessageContent& c) {
        std::vector<std::string> ids;
        for (const auto& m : evaluate(*set, c, outbound()).matches) ids.push_back(m.rule + "@" + m.hits[0].where);
        return ids;
    };
    MessageContent subject;
    subject.subject = "Top SECRET";
    CHECK(rules_hit(subject) == std::vector<std::string>{"s-subject@subject"});
    CHECK(rules_hit(body("a secret")) == std::vector<std::string>{"s-body@body"});
    MessageContent name;
    name.attachments.push_back({"secret.docx", mailkeeper::parser::AttachmentStatus::text, "harmless", {}});
    CHECK(rules_hit(name) == std::vector<std::string>{"s-names@attachment_name:secret.docx"});
    MessageContent text;
    text.attachments.push_back({"a.docx", mailkeeper::parser::AttachmentStatus::text, "the secret plan", {}});
    CHECK(rules_hit(text) == std::vector<std::string>{"s-text@attachment:a.docx"});
    MessageContent headers;
    headers.headers.emplace_back("X-Project", "secret");
    CHECK(rules_hit(headers) == std::vector<std::string>{"s-headers@header:X-Project"});
}

TEST_CASE("Latin keywords match whole words, CJK keywords anywhere") {
    auto set = load(R"(
rules:
  - id: words
    match: {any: [{keywords: [price, 报价]}]}
    action: log
)");
    CHECK(evaluate(*set, body("the price is"), outbound()).matches.size() == 1);
    CHECK(evaluate(*set, body("priceless"), outbound()).matches.empty());
    CHECK(evaluate(*set, body("请看price单"), outbound()).matches.size() == 1);
    CHECK(evaluate(*set, body("最新报价单"), outbound()).matches.size() == 1);
}

TEST_CASE("min_count counts separate occurrences across the message") {
    auto set = load(R"(
rules:
  - id: thrice
    match: {all: [{keywords: [confidential], min_count: 3}]}
    action: tag
)");
    CHECK_FALSE(evaluate(*set, body("confidential confidential"), outbound()).action);
    MessageContent c = body("confidential confidential");
    c.subject = "Confidential";
    auto v = evaluate(*set, c, outbound());
    REQUIRE(v.action);
    CHECK(v.matches[0].hits.size() == 2);
}

TEST_CASE("a near condition needs a supporting keyword within the window") {
    auto set = load(R"(
rules:
  - id: card-with-context
    match:
      any:
        - detector: payment_card
          near: {keywords: [card, 信用卡], within: 20}
    action: tag
)");
    CHECK(evaluate(*set, body("信用卡 4111 1111 1111 1111"), outbound()).action);
    CHECK(evaluate(*set, body("card no. 4111-1111-1111-1111 thanks"), outbound()).action);
    CHECK_FALSE(evaluate(*set, body("reference 4111111111111111"), outbound()).action);
    CHECK_FALSE(evaluate(*set, body(std::string("card") + std::string(60, '.') + " 4111111111111111"), outbound()).action);
}

TEST_CASE("none excludes, all requires every matcher") {
    auto set = load(R"(
rules:
  - id: price-not-public
    match:
      all: [{keywords: [price]}, {keywords: [discount]}]
      none: [{keywords: [public price list]}]
    action: tag
)");
    CHECK(evaluate(*set, body("price with discount"), outbound()).action);
    CHECK_FALSE(evaluate(*set, body("price only"), outbound()).action);
    CHECK_FALSE(evaluate(*set, body("price with discount, see public price list"), outbound()).action);
}

TEST_CASE("encrypted and unscannable attachments are conditions of their own") {
    auto set = load(R"(
rules:
  - id: no-locked-files
    match: {any: [{attachment: encrypted}, {attachment: unscannable}]}
    action: quarantine
    message: encrypted attachment
)");
    MessageContent c;
    c.attachments.push_back({"x.zip", mailkeeper::parser::AttachmentStatus::encrypted, "", "password protected"});
    auto v = evaluate(*set, c, outbound());
    REQUIRE(v.action);
    CHECK(v.matches[0].hits[0].where == "attachment:x.zip");
    MessageContent cut;
    cut.truncated = true;
    CHECK(evaluate(*set, cut, outbound()).action);
    CHECK_FALSE(evaluate(*set, body("plain"), outbound()).action);
}

TEST_CASE("conditions on senders, groups, recipients and external recipients") {
    auto set = load(R"(
groups:
  finance: [cfo@corp.example, "@finance.corp.example"]
rules:
  - id: finance-only
    when: {sender_groups: [finance]}
    external_only: true
    match: {any: [{keywords: [invoice]}]}
    action: tag
)");
    auto ctx = outbound();
    ctx.sender = "clerk@finance.corp.example";
    CHECK(evaluate(*set, body("invoice"), ctx).action);
    ctx.recipients = {"boss@corp.example"};
    CHECK_FALSE(evaluate(*set, body("invoice"), ctx).action);  // internal only
    ctx = outbound();
    CHECK_FALSE(evaluate(*set, body("invoice"), ctx).action);  // sender not in the group
}

TEST_CASE("every loader error names file, line and column") {
    auto errors = errors_of(R"(rules:
  - id: a
    match: {any: [{keywords: []}]}
    action: tag
    colour: red
  - id: a
    match: {any: [{regex: '(unclosed'}]}
    action: reject
  - id: b
    match: {any: [{detector: passport}]}
    action: explode
)");
    CHECK(any_error(errors, "bad.yaml:3:"));
    CHECK(any_error(errors, "empty keyword list"));
    CHECK(any_error(errors, "bad.yaml:5:5: unknown key 'colour'"));
    CHECK(any_error(errors, "duplicate rule id 'a'"));
    CHECK(any_error(errors, "bad.yaml:10:"));
    CHECK(any_error(errors, "detector must be one of"));
    CHECK(any_error(errors, "bad.yaml:11:13: rule 'b'.action must be one of"));
}

TEST_CASE("a regex the scanner cannot compile is reported where it is written") {
    auto errors = errors_of(R"(rules:
  - id: backref
    match:
      any:
        - regex: '(a)\1'
    action: log
)");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].starts_with("bad.yaml:5:18: regex '(a)\\1' cannot be compiled"));
}

TEST_CASE("YAML syntax errors, unknown groups and reject replies in Chinese are errors") {
    CHECK(any_error(errors_of("rules: [\n  - id: x\n"), "not valid YAML"));
    CHECK(any_error(errors_of("rules:\n  - id: x\n    when: {sender_groups: [nobody]}\n    match: {any: [{keywords: [x]}]}\n    action: log\n"),
                    "unknown group 'nobody'"));
    CHECK(any_error(errors_of("rules:\n  - id: x\n    match: {any: [{keywords: [x]}]}\n    action: reject\n    message: 拒绝\n"),
                    "must be plain ASCII"));
    CHECK(any_error(errors_of("rules:\n  - id: x\n    match: {any: [{keywords: [x]}]}\n    action: notify\n"),
                    "needs a notify list"));
    CHECK(any_error(errors_of("rules:\n  - id: x\n    match: {none: [{keywords: [x]}]}\n    action: log\n"),
                    "needs 'any' or 'all'"));
    CHECK(any_error(errors_of("rules:\n  - id: x\n    match: {any: [{keywords: ['\u200b ']}]}\n    action: log\n"),
                    "is empty once spaces"));
}

TEST_CASE("rule ids are unique across files") {
    auto set = load_rules({{"a.yaml", "rules:\n  - id: x\n    match: {any: [{keywords: [x]}]}\n    action: log\n"},
                           {"b.yaml", "rules:\n  - id: x\n    match: {any: [{keywords: [y]}]}\n    action: log\n"}});
    REQUIRE_FALSE(set);
    REQUIRE(set.error().size() == 1);
    CHECK(set.error()[0].text() == "b.yaml:2:9: duplicate rule id 'x' (first at a.yaml:2)");
}

TEST_CASE("the shipped rule files load") {
    const std::string dir = MAILKEEPER_ETC "/rules.d/";
    std::vector<RuleFile> files;
    for (const char* name : {"10-finance.yaml", "20-personal-data.yaml"}) files.push_back({name, read_file(dir + name)});
    auto set = load_rules(files);
    if (!set)
        for (const auto& e : set.error()) MESSAGE(e.text());
    REQUIRE(set);
    CHECK(set.value()->rules().size() >= 2);
}

TEST_CASE("excerpts mask digits of the context and the middle of a value") {
    CHECK(masked_excerpt("total ", "4111111111111111", " due 2026", false) == "total [41************11] due ****");
    CHECK(masked_excerpt("", "合同总价", ": 100", true) == "[合同总价]: ***");
    CHECK(masked_excerpt("a\nb ", "abc", "", false) == "a b [a**]");
}

TEST_CASE("a SWIFT code in capitals is found by a rule, not only by the detector alone") {
    auto set = load(R"(
rules:
  - id: bic
    match: {any: [{detector: swift_bic, near: {keywords: [swift], within: 20}}]}
    action: tag
)");
    // two pieces in a row: the second reuses the normalisation buffers of the first
    MessageContent c = body("Hello there, a long first body to make the buffers grow well beyond the second.");
    c.bodies.push_back("SWIFT: BKCHCNBJ");
    auto v = evaluate(*set, c, outbound());
    REQUIRE(v.action);
    CHECK(v.matches[0].hits[0].where == "body");
    CHECK_FALSE(evaluate(*set, body("swift: bkchcnbj"), outbound()).action);
}

TEST_CASE("the plain and HTML forms of one body are counted once, and the Subject once") {
    auto set = load(R"(
rules:
  - id: twice
    scope: [subject, body, headers]
    match: {all: [{keywords: [confidential], min_count: 2}]}
    action: tag
)");
    const std::string raw =
        "From: a@corp.example\r\nTo: b@customer.example\r\nSubject: confidential\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
        "--b\r\nContent-Type: text/html\r\n\r\n<p>hello</p>\r\n--b--\r\n";
    auto message = mailkeeper::parser::parse_message(raw).value();
    auto content = content_of(message);
    CHECK(content.bodies.size() == 1);
    CHECK_FALSE(evaluate(*set, content, outbound()).action);
}

TEST_CASE("a regex with a character normalisation replaces is an error naming the replacement") {
    auto errors = errors_of("rules:\n  - id: x\n    match: {any: [{regex: '合同總價'}]}\n    action: log\n");
    CHECK(any_error(errors, "'總' never appears in normalised text; write '总'"));
}

TEST_CASE("a forwarded message is content; the bounced original in a delivery report is not") {
    auto set = load("rules:\n  - id: k\n    match: {any: [{keywords: [bluebird]}]}\n    action: reject\n    message: no\n");
    const std::string forwarded =
        "From: a@corp.example\r\nTo: b@customer.example\r\nSubject: fwd\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee below\r\n"
        "--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: x@corp.example\r\nSubject: old\r\n\r\nproject bluebird\r\n--b--\r\n";
    CHECK(evaluate(*set, content_of(mailkeeper::parser::parse_message(forwarded).value()), outbound()).action);
    const std::string report =
        "From: MAILER-DAEMON@corp.example\r\nTo: a@corp.example\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
        "failed\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: a@corp.example\r\n\r\nproject bluebird\r\n--b--\r\n";
    CHECK_FALSE(evaluate(*set, content_of(mailkeeper::parser::parse_message(report).value()), outbound()).action);
}

TEST_CASE("an HTML part beside a plain part, not its alternative, is scanned") {
    auto set = load("rules:\n  - id: k\n    match: {any: [{keywords: [bluebird]}]}\n    action: tag\n");
    const std::string mixed =
        "From: a@corp.example\r\nTo: b@customer.example\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee below\r\n"
        "--b\r\nContent-Type: text/html\r\nContent-Disposition: inline\r\n\r\n<p>project bluebird</p>\r\n--b--\r\n";
    CHECK(evaluate(*set, content_of(mailkeeper::parser::parse_message(mixed).value()), outbound()).action);
}

TEST_CASE("a flood of one keyword does not hide another, and an unfinished scan is unscannable") {
    auto set = load(R"(
rules:
  - id: noise
    match: {any: [{keywords: [invoice]}]}
    action: log
  - id: secret
    match: {any: [{keywords: [bluebird]}]}
    action: reject
    message: no
)");
    std::string text;
    for (int i = 0; i < 100001; ++i) text += "invoice ";
    text += "bluebird";
    auto v = evaluate(*set, body(text), outbound());
    REQUIRE(v.action);
    CHECK(*v.action == Action::reject);
    CHECK_FALSE(v.problem.empty());  // the flood itself is reported
    auto unscannable = load("rules:\n  - id: noise\n    match: {any: [{keywords: [invoice]}]}\n    action: log\n"
                            "  - id: u\n    match: {any: [{attachment: unscannable}]}\n    action: quarantine\n");
    CHECK(evaluate(*unscannable, body(text), outbound()).action);
    CHECK(evaluate(*unscannable, body("invoice bluebird"), outbound()).action == Action::log);
}

TEST_CASE("one long regex match counts once with a short excerpt") {
    auto set = load("rules:\n  - id: r\n    match: {all: [{regex: 'zz[a-z]+', min_count: 2}]}\n    action: tag\n");
    const std::string text = "zz" + std::string(400000, 'q');
    CHECK_FALSE(evaluate(*set, body(text), outbound()).action);
    auto once = load("rules:\n  - id: r\n    match: {any: [{regex: 'zz[a-z]+'}]}\n    action: tag\n");
    auto v = evaluate(*once, body(text), outbound());
    REQUIRE(v.action);
    REQUIRE(v.matches[0].hits.size() == 1);
    CHECK(v.matches[0].hits[0].count == 1);
    CHECK(v.matches[0].hits[0].excerpt.size() < 200);
}

TEST_CASE("near keywords count only within their window, however many primary matches come before") {
    auto set = load("rules:\n  - id: n\n    match: {any: [{keywords: [card], near: {keywords: [visa], within: 10}}]}\n    action: tag\n");
    std::string text;
    for (int i = 0; i < 900; ++i) text += "card ";
    CHECK_FALSE(evaluate(*set, body(text + std::string(100, '.') + " visa"), outbound()).action);
    CHECK(evaluate(*set, body(text + "visa"), outbound()).action);
}

TEST_CASE("past the time limit the texts left are not scanned and the message is unscannable") {
    auto set = load("rules:\n  - id: k\n    match: {any: [{keywords: [bluebird]}]}\n    action: reject\n    message: no\n"
                    "  - id: u\n    match: {any: [{attachment: unscannable}]}\n    action: quarantine\n");
    MessageContent c = body("nothing here");
    c.bodies.push_back("project bluebird");
    int asked = 0;
    auto v = evaluate(*set, c, outbound(), Mode::enforce, [&] { return ++asked > 1; });  // time runs out after one text
    REQUIRE(v.action);
    CHECK(*v.action == Action::quarantine);
    CHECK(v.problem.find("time limit") != std::string::npos);
    CHECK(*evaluate(*set, c, outbound()).action == Action::reject);
}
