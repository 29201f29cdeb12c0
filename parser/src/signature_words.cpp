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

// Words that make a short line a company name besides the legal forms of contact_tables.h.
std::span<const std::string_view> company_name_words() {
    static constexpr std::string_view k[] = {"trading", "industries", "industrial", "enterprises", "international",
                                             "holdings", "works", "networks", "worldwide", "imports", "exports"};
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
