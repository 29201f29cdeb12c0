#include "signature_words.h"

#include <algorithm>
#include <iterator>

namespace mailkeeper::parser::detail {

std::span<const QuoteSeparator> quote_separators() {
    static constexpr QuoteSeparator kRows[] = {
        {"original message", "original-message"},   // Outlook, Outlook Express, Lotus
        {"original mail", "original-message"},
        {"forwarded message", "forwarded"},          // Gmail, Apple Mail ("Begin forwarded message:")
        {"begin forwarded message:", "forwarded"},
        {"forwarded by", "forwarded"},               // Lotus Notes "---- Forwarded by X on ... ----"
        {"原始邮件", "original-message"},             // Outlook zh, QQ, Foxmail, NetEase
        {"原始郵件", "original-message"},
        {"邮件原件", "netease"},
        {"转发邮件信息", "foxmail"},
        {"转发的邮件", "forwarded"},
        {"转发邮件", "forwarded"},
        {"原始信息", "original-message"},
        {"回复的原邮件", "qq"},
        {"reply message", "original-message"},
        {"message d'origine", "original-message"},
        {"ursprüngliche nachricht", "original-message"},
        {"mensaje original", "original-message"},
        {"mensagem original", "original-message"},
        {"messaggio originale", "original-message"},
    };
    return kRows;
}

std::span<const std::string_view> quote_from_labels() {
    static constexpr std::string_view k[] = {"from", "发件人", "寄件者", "寄件人", "von", "de", "van"};
    return k;
}

std::span<const std::string_view> quote_date_labels() {
    static constexpr std::string_view k[] = {"sent",  "date",   "发送时间", "日期",  "时间",
                                                        "寄件日期", "gesendet", "envoyé", "enviado", "datum"};
    return k;
}

std::span<const std::string_view> quote_other_labels() {
    static constexpr std::string_view k[] = {"to",  "cc",  "subject", "收件人", "抄送", "主题",
                                                        "主旨", "an", "betreff", "objet", "para", "assunto"};
    return k;
}

std::span<const std::string_view> closings() {
    static constexpr std::string_view k[] = {
        "thanks",          "thank you",        "many thanks",      "thanks again",     "thanks a lot",
        "thx",             "tks",              "tia",              "regards",          "best regards",
        "kind regards",    "warm regards",     "warmest regards",  "best wishes",      "with best regards",
        "with kind regards", "yours sincerely", "sincerely",       "sincerely yours",  "yours faithfully",
        "yours truly",     "faithfully",       "best",             "all the best",     "cheers",
        "take care",       "rgds",             "br",               "brgds",            "b.rgds",
        "thanks & regards", "thanks and regards", "thanks & best regards", "respectfully", "cordially",
        "your pal",        "talk soon",        "with thanks",      "many thanks & best regards", "best rgds",
        "此致",            "此致敬礼",          "此致 敬礼",          "敬礼",              "谢谢",
        "多谢",            "祝好",              "顺祝商祺",           "顺颂商祺",           "顺颂时祺",
        "祝商祺",          "致礼"};
    return k;
}

std::span<const std::string_view> title_words() {
    static constexpr std::string_view k[] = {
        "manager",   "director",  "president", "vice",       "ceo",      "cfo",       "coo",       "cto",
        "chairman",  "officer",   "head",      "chief",      "engineer", "sales",     "purchasing", "purchaser",
        "buyer",     "merchandiser", "sourcing", "procurement", "assistant", "associate", "analyst", "specialist",
        "executive", "representative", "coordinator", "consultant", "supervisor", "administrator", "owner", "founder",
        "partner",   "counsel",   "attorney",  "accountant", "trader",   "marketing", "export",    "import",
        "logistics", "secretary", "resources", "department", "dept", "division", "management", "operations",
        "planning", "services", "support", "recruiter", "technical", "product", "general",   "senior",     "sr.",      "junior",    "lead",      "agent",
        "经理",       "总监",       "主管",       "总经理",      "业务员",     "采购",      "外贸",       "销售",
        "董事",       "总裁",       "主任",       "工程师",      "助理",      "专员",      "跟单",       "业务"};
    return k;
}

std::span<const std::string_view> company_words() {
    static constexpr std::string_view k[] = {
        "co.",       "co.,",       "ltd",       "ltd.",      "limited",  "inc",       "inc.",      "llc",
        "l.l.c.",    "corp",       "corp.",     "corporation", "company", "gmbh",     "ag",        "s.a.",
        "s.a",       "sa",         "s.r.l.",    "srl",       "s.l.",     "b.v.",      "bv",        "n.v.",
        "pty",       "plc",        "llp",       "lp",        "group",    "industries", "industrial", "trading",
        "enterprises", "international", "holdings", "a/s",   "oy",       "ab",        "kk",        "有限公司",
        "公司",       "集团",        "厂",         "工厂",       "商行",      "事业部"};
    return k;
}

bool is_common_word(std::string_view w) {
    // Sorted for binary search. Words that start short capitalised lines in messages and are not
    // given names: greetings, verbs of requests, office nouns.
    static constexpr std::string_view k[] = {
        "a", "about", "above", "access", "account", "add", "again", "agreement", "all", "also", "am", "an",
        "and", "any", "are", "as", "at", "attached", "attachment", "back", "be", "below", "best", 
        "but", "by", "call", "can", "certification", "check", "click", "come", "confidential", "confirm",
        "contact", "contract", "copy", "copyright", "could", "daily", "data", "date", "day", "deal", "dear",
        "december", "desk", "details", "do", "document", "documents", "done", "each", "email", "end",
        "energy", "enjoy", "every", "fax", "file", "files", "final", "find", "first", "for", "forward",
        "friday", "from", "gas", "get", "go", "good", "great", "happy", "have", "hello", "help", "here",
        "hi", "holiday", "holidays", "hope", "how", "i", "if", "in", "info", "instructions", "is", "it",
        "january", "join", "just", "last", "let", "list", "lunch", "make", "march", "meeting", "monday",
        "more", "my", "new", "next", "no", "not", "note", "notes", "now", "of", "office", "ok", "on", "one",
        "or", "our", "page", "phase", "please", "pls", "power", "price", "protocol", "quarter", "re", "read",
        "reply", "report", "request", "saturday", "schedule", "see", "send", "sent", "sheet", "so", "soon",
        "sorry", "start", "status", "subject", "sunday", "sure", "target", "team", "test", "that", "the",
        "then", "there", "this", "thursday", "time", "to", "today", "tomorrow", "total", "transfer",
        "tuesday", "update", "us", "version", "we", "wednesday", "week", "what", "when", "will", "with",
        "year", "yes", "you", "your", "yours", "zero"};
    static_assert(std::is_sorted(std::begin(k), std::end(k)));
    return std::binary_search(std::begin(k), std::end(k), w);
}

std::span<const std::string_view> tagline_prefixes() {
    static constexpr std::string_view k[] = {"copyright",          "all rights reserved", "this e-mail",
                                                       "this email",         "this message",        "confidential",
                                                       "disclaimer",         "p.s.",                "ps:"};
    return k;
}

}  // namespace mailkeeper::parser::detail
