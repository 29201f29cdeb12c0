#include "autoreply_table.h"

namespace mailkeeper::parser::detail {

const std::vector<AutoReplyHeader>& autoreply_headers() {
    using S = Strength;
    static const std::vector<AutoReplyHeader> kRows{
        // RFC 3834 §5: "no" is an ordinary message.
        {"Auto-Submitted", "no", S::none},
        // RFC 3834 §5: generated "not in response to another message", so by itself a notification or a
        // newsletter; Exchange and Office 365 nevertheless write it on their automatic replies,
        // whose Subject then says so ("Automatic reply:", "自动答复:").
        {"Auto-Submitted", "auto-generated", S::weak},
        // RFC 3834 §5 auto-replied (vacation responders, Gmail), RFC 5436 auto-notified, extensions.
        {"Auto-Submitted", "", S::decides},
        // What autoresponders of mail servers, hosting panels and helpdesks add; no other mail has them.
        {"X-Autoreply", "", S::decides},
        {"X-Autorespond", "", S::decides},
        {"X-Autoresponder", "", S::decides},
        {"X-Autoreply-From", "", S::decides},
        {"X-Mail-Autoreply", "", S::decides},
        // Apple iCloud Mail's vacation message
        {"X-Apple-Action", "vacation", S::decides},
        // RFC 3834 advises responders against Precedence, but old ones write auto_reply;
        // bulk and junk are every newsletter's too.
        {"Precedence", "auto_reply", S::decides},
        {"Precedence", "bulk", S::weak},
        {"Precedence", "junk", S::weak},
        // Exchange asks other responders not to answer its own automatic mail, replies included;
        // Outlook sends it on meeting requests and read receipts as well.
        {"X-Auto-Response-Suppress", "", S::weak},
        // Exchange on mail an inbox rule sent (a rule's reply, but also a rule's forward)
        {"X-MS-Exchange-Inbox-Rules-Loop", "", S::weak},
        {"X-MS-Exchange-Generated-Message-Source", "", S::weak},
    };
    return kRows;
}

const std::vector<std::string_view>& list_headers() {
    static const std::vector<std::string_view> kNames{"List-Id", "List-Unsubscribe", "List-Post", "List-Help"};
    return kNames;
}

const std::vector<AutoReplyPhrase>& autoreply_phrases() {
    using R = PhraseRole;
    using T = Tells;
    using S = Strength;
    // clang-format off
    static const std::vector<AutoReplyPhrase> kRows{
        // --- what responders write at the start of the Subject (Exchange/Outlook, Lotus Notes,
        // iCloud, QQ Mail, NetEase, Coremail, Tencent Exmail, and European clients)
        {"automatic reply", R::sign, T::nothing, S::weak, true},
        {"auto reply", R::sign, T::nothing, S::weak, true},
        {"auto-reply", R::sign, T::nothing, S::weak, true},
        {"autoreply", R::sign, T::nothing, S::weak, true},
        {"auto:", R::sign, T::nothing, S::none, true},
        {"auto response", R::sign, T::nothing, S::weak, true},
        {"auto-response", R::sign, T::nothing, S::weak, true},
        {"autoresponse", R::sign, T::nothing, S::weak, true},
        {"automatic response", R::sign, T::nothing, S::weak, true},
        {"automated response", R::sign, T::nothing, S::weak, true},
        {"automated reply", R::sign, T::nothing, S::weak, true},
        {"out of office", R::sign, T::away, S::weak, true},
        {"out of the office", R::sign, T::away, S::weak, true},
        {"ooo", R::sign, T::away, S::weak, true},
        {"自动回复", R::sign, T::nothing, S::weak, true},
        {"自动答复", R::sign, T::nothing, S::weak, true},
        {"自動回覆", R::sign, T::nothing, S::weak, true},
        {"自動答覆", R::sign, T::nothing, S::weak, true},
        {"自動回復", R::sign, T::nothing, S::weak, true},
        {"自動応答", R::sign, T::nothing, S::weak, true},
        {"不在办公室", R::sign, T::away, S::weak, true},
        {"不在辦公室", R::sign, T::away, S::weak, true},
        {"不在通知", R::sign, T::away, S::weak, true},
        {"automatische antwort", R::sign, T::nothing, S::weak, true},
        {"abwesenheitsnotiz", R::sign, T::away, S::weak, true},
        {"abwesenheit", R::sign, T::away, S::weak, true},
        {"réponse automatique", R::sign, T::nothing, S::weak, true},
        {"respuesta automática", R::sign, T::nothing, S::weak, true},
        {"risposta automatica", R::sign, T::nothing, S::weak, true},
        {"resposta automática", R::sign, T::nothing, S::weak, true},

        // --- sentences by which a text declares itself automatic
        {"this is an automatic reply", R::sign, T::nothing, S::decides},
        {"this is an automated reply", R::sign, T::nothing, S::decides},
        {"this is an auto-reply", R::sign, T::nothing, S::decides},
        {"this is an autoreply", R::sign, T::nothing, S::decides},
        {"this is an auto reply", R::sign, T::nothing, S::decides},
        {"this is an automatic response", R::sign, T::nothing, S::decides},
        {"this is an automated response", R::sign, T::nothing, S::decides},
        {"this is an auto-response", R::sign, T::nothing, S::decides},
        {"这是一封自动回复", R::sign, T::nothing, S::decides},
        {"这是一封自动答复", R::sign, T::nothing, S::decides},
        {"这是自动回复", R::sign, T::nothing, S::decides},
        {"此邮件为自动回复", R::sign, T::nothing, S::decides},
        {"本邮件为自动回复", R::sign, T::nothing, S::decides},
        {"此邮件是自动回复", R::sign, T::nothing, S::decides},
        {"本邮件是自动回复", R::sign, T::nothing, S::decides},
        {"此为自动回复", R::sign, T::nothing, S::decides},
        {"系统自动回复", R::sign, T::nothing, S::decides},
        {"自动回复邮件", R::sign, T::nothing, S::decides},
        {"此郵件為自動回覆", R::sign, T::nothing, S::decides},
        {"自動回覆郵件", R::sign, T::nothing, S::decides},
        {"this is an automated message", R::sign, T::nothing, S::weak},
        {"this message was sent automatically", R::sign, T::nothing, S::weak},
        {"do not reply to this", R::sign, T::nothing, S::weak},
        {"此邮件由系统自动发送", R::sign, T::nothing, S::weak},
        {"系统自动发送", R::sign, T::nothing, S::weak},
        {"请勿回复", R::sign, T::nothing, S::weak},

        // --- the person is gone
        {"no longer with", R::sign, T::left, S::weak},
        {"no longer employed", R::sign, T::left, S::weak},
        {"no longer working", R::sign, T::left, S::weak},
        {"no longer work for", R::sign, T::left, S::weak},
        {"no longer works for", R::sign, T::left, S::weak},
        {"no longer work at", R::sign, T::left, S::weak},
        {"no longer works at", R::sign, T::left, S::weak},
        {"is no longer at", R::sign, T::left, S::weak},
        {"am no longer at", R::sign, T::left, S::weak},
        {"no longer part of", R::sign, T::left, S::weak},
        {"no longer in the office permanently", R::sign, T::left, S::weak},
        {"no longer responsible", R::sign, T::left, S::weak},
        {"no longer in charge", R::sign, T::left, S::weak},
        {"no longer handling", R::sign, T::left, S::weak},
        {"no longer handles", R::sign, T::left, S::weak},
        {"has left", R::sign, T::left, S::weak, false,
         {" for", " on ", " the office", " early", " today", " to ", " a message", " you"}},
        {"have left", R::sign, T::left, S::weak, false,
         {" for", " on ", " the office", " early", " today", " to ", " a message", " you"}},
        {"left the company", R::sign, T::left, S::weak},
        {"left our company", R::sign, T::left, S::weak},
        {"left the organization", R::sign, T::left, S::weak},
        {"left the organisation", R::sign, T::left, S::weak},
        {"left the firm", R::sign, T::left, S::weak},
        {"is no longer working", R::sign, T::left, S::weak},
        {"mailbox is no longer monitored", R::sign, T::left, S::weak},
        {"mailbox is no longer active", R::sign, T::left, S::weak},
        {"mailbox is no longer in use", R::sign, T::left, S::weak},
        {"address is no longer monitored", R::sign, T::left, S::weak},
        {"address is no longer active", R::sign, T::left, S::weak},
        {"address is no longer in use", R::sign, T::left, S::weak},
        {"account is no longer monitored", R::sign, T::left, S::weak},
        {"account is no longer active", R::sign, T::left, S::weak},
        {"no longer monitored", R::sign, T::left, S::weak},
        {"will not be monitored", R::sign, T::left, S::weak},
        {"last working day", R::sign, T::left, S::none},
        {"已离职", R::sign, T::left, S::weak},
        {"已经离职", R::sign, T::left, S::weak},
        {"离职", R::sign, T::left, S::weak},
        {"已離職", R::sign, T::left, S::weak},
        {"離職", R::sign, T::left, S::weak},
        {"不再负责", R::sign, T::left, S::weak},
        {"不再負責", R::sign, T::left, S::weak},
        {"不在公司任职", R::sign, T::left, S::weak},
        {"不再任职", R::sign, T::left, S::weak},
        {"已离开公司", R::sign, T::left, S::weak},
        {"离开公司", R::sign, T::left, S::weak},
        {"已不在公司", R::sign, T::left, S::weak},
        {"不再使用此邮箱", R::sign, T::left, S::weak},
        {"不再使用该邮箱", R::sign, T::left, S::weak},
        {"此邮箱不再使用", R::sign, T::left, S::weak},
        {"该邮箱不再使用", R::sign, T::left, S::weak},
        {"此邮箱已停用", R::sign, T::left, S::weak},
        {"该邮箱已停用", R::sign, T::left, S::weak},
        {"已调岗", R::sign, T::left, S::weak},

        // --- away for a while
        {"on vacation", R::sign, T::away, S::weak, true},
        {"on holiday", R::sign, T::away, S::weak, true},
        {"on holidays", R::sign, T::away, S::weak},
        {"on leave", R::sign, T::away, S::weak, true},
        {"annual leave", R::sign, T::away, S::weak},
        {"maternity leave", R::sign, T::away, S::weak},
        {"paternity leave", R::sign, T::away, S::weak},
        {"sick leave", R::sign, T::away, S::weak},
        {"business trip", R::sign, T::away, S::weak},
        {"travelling", R::sign, T::away, S::weak},
        {"traveling", R::sign, T::away, S::weak},
        {"away from the office", R::sign, T::away, S::weak, true},
        {"away from office", R::sign, T::away, S::weak, true},
        {"away from my desk", R::sign, T::away, S::weak},
        {"i am away", R::sign, T::away, S::weak},
        {"i'm away", R::sign, T::away, S::weak},
        {"i am currently away", R::sign, T::away, S::weak},
        {"will be away", R::sign, T::away, S::weak},
        {"currently away", R::sign, T::away, S::weak},
        {"limited access to email", R::sign, T::away, S::weak},
        {"limited access to e-mail", R::sign, T::away, S::weak},
        {"limited access to my email", R::sign, T::away, S::weak},
        {"limited email access", R::sign, T::away, S::weak},
        {"vacation", R::sign, T::away, S::none},
        {"holiday", R::sign, T::away, S::none},
        {"public holiday", R::sign, T::away, S::none},
        {"chinese new year", R::sign, T::away, S::none},
        {"lunar new year", R::sign, T::away, S::none},
        {"spring festival", R::sign, T::away, S::none},
        {"休假", R::sign, T::away, S::weak, true},
        {"出差", R::sign, T::away, S::weak},
        {"外出", R::sign, T::away, S::weak},
        {"请假", R::sign, T::away, S::weak},
        {"年假", R::sign, T::away, S::weak},
        {"产假", R::sign, T::away, S::weak},
        {"度假", R::sign, T::away, S::weak},
        {"不在办公室", R::sign, T::away, S::weak},
        {"放假", R::sign, T::away, S::none},
        {"春节", R::sign, T::away, S::none},
        {"春節", R::sign, T::away, S::none},
        {"国庆", R::sign, T::away, S::none},
        {"假期", R::sign, T::away, S::none},

        // --- other automatic replies: tickets, receipts
        {"we have received your", R::sign, T::other, S::weak},
        {"we've received your", R::sign, T::other, S::weak},
        {"has been received", R::sign, T::other, S::weak},
        {"ticket", R::sign, T::other, S::weak},
        {"case number", R::sign, T::other, S::weak},
        {"thank you for your email", R::sign, T::other, S::weak},
        {"thank you for your e-mail", R::sign, T::other, S::weak},
        {"thank you for your message", R::sign, T::other, S::weak},
        {"thank you for contacting", R::sign, T::other, S::weak},
        {"已收到您的邮件", R::sign, T::other, S::weak},
        {"已收到你的邮件", R::sign, T::other, S::weak},
        {"您的邮件已收到", R::sign, T::other, S::weak},
        {"您的来信已收到", R::sign, T::other, S::weak},
        {"来信已收到", R::sign, T::other, S::weak},
        {"工单", R::sign, T::other, S::weak},

        // --- a return date follows
        {"until", R::until_before},
        {"till", R::until_before},
        {"back", R::until_before},
        {"return", R::until_before},
        {"returning", R::until_before},
        {"returns", R::until_before},
        {"直到", R::until_before},
        {"至", R::until_before},
        {"到", R::until_before},
        {"截至", R::until_before},
        // --- a return date stands before
        {"返回", R::until_after},
        {"回来", R::until_after},
        {"上班", R::until_after},
        {"回到", R::until_after},
        {"返岗", R::until_after},
        {"回公司", R::until_after},
        {"回办公室", R::until_after},
        {"后回复", R::until_after},

        // --- the address to write to follows
        {"please contact", R::contact},
        {"pls contact", R::contact},
        {"kindly contact", R::contact},
        {"contact", R::contact},
        {"reach out to", R::contact},
        {"get in touch with", R::contact},
        {"please email", R::contact},
        {"please e-mail", R::contact},
        {"please write to", R::contact},
        {"please send", R::contact},
        {"please forward", R::contact},
        {"please direct", R::contact},
        {"please redirect", R::contact},
        {"please resend", R::contact},
        {"write to", R::contact},
        {"send to", R::contact},
        {"new email", R::contact},
        {"new e-mail", R::contact},
        {"new address", R::contact},
        {"taken over by", R::contact},
        {"handled by", R::contact},
        {"replaced by", R::contact},
        {"successor", R::contact},
        {"请联系", R::contact},
        {"联系", R::contact},
        {"請聯繫", R::contact},
        {"請聯絡", R::contact},
        {"联络", R::contact},
        {"请与", R::contact},
        {"请发邮件至", R::contact},
        {"请发邮件到", R::contact},
        {"请发送至", R::contact},
        {"请发送到", R::contact},
        {"请发至", R::contact},
        {"请发到", R::contact},
        {"请转发", R::contact},
        {"请改发", R::contact},
        {"发送至", R::contact},
        {"发至", R::contact},
        {"新邮箱", R::contact},
        // --- the address stands before or after
        {"接替", R::contact_near},
        {"接手", R::contact_near},
        {"负责", R::contact_near},
        {"對接", R::contact_near},
        {"对接", R::contact_near},

        // --- quoted history (a responder that quotes our mail quotes our words with it)
        {"-----original message-----", R::quote_start},
        {"----- original message -----", R::quote_start},
        {"---------- forwarded message", R::quote_start},
        {"begin forwarded message", R::quote_start},
        {"________________________________", R::quote_start},
        {"from:", R::quote_start},
        {"发件人:", R::quote_start},
        {"发件人：", R::quote_start},
        {"寄件者:", R::quote_start},
        {"寄件者：", R::quote_start},
        {"原始邮件", R::quote_start},
        {"原始郵件", R::quote_start},
        {"wrote:", R::quote_end},
        {"写道:", R::quote_end},
        {"写道：", R::quote_end},
        {"寫道:", R::quote_end},
        {"寫道：", R::quote_end},
    };
    // clang-format on
    return kRows;
}

const std::vector<std::string_view>& report_types() {
    // RFC 3464 (DSN), RFC 8098 (MDN), RFC 5965 (ARF)
    static const std::vector<std::string_view> kTypes{"delivery-status", "disposition-notification",
                                                      "feedback-report"};
    return kTypes;
}

const std::vector<std::string_view>& report_part_types() {
    static const std::vector<std::string_view> kTypes{
        "message/delivery-status", "message/global-delivery-status", "message/disposition-notification",
        "message/global-disposition-notification", "message/feedback-report"};
    return kTypes;
}

const std::vector<std::string_view>& report_headers() {
    static const std::vector<std::string_view> kNames{"X-Failed-Recipients", "X-Apple-Unsubscribe"};
    return kNames;
}

const std::vector<std::string_view>& report_senders() {
    static const std::vector<std::string_view> kLocalParts{"mailer-daemon", "postmaster", "mail-daemon",
                                                           "maildaemon", "mailerdaemon"};
    return kLocalParts;
}

const NameTrim& name_trim() {
    static const NameTrim kTrim{
        .lead_ins = {"my colleague", "our colleague", "colleague", "contact", "我的同事", "同事", "联系", "联络",
                     "请与", "由", "给", "請聯繫", "請聯絡", "to", "successor", "replacement"},
        .trailers = {"at", "via", "on", "by", "email", "e-mail", "mail", "email address", "address", "邮箱", "邮件",
                     "电子邮件", "邮箱地址", "地址", "联系", "联络", "的"},
    };
    return kTrim;
}

const std::vector<std::string_view>& month_names() {
    static const std::vector<std::string_view> kNames{
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec"};
    return kNames;
}

const std::vector<std::string_view>& weekday_names() {
    static const std::vector<std::string_view> kNames{
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"};
    return kNames;
}

const std::vector<std::string_view>& date_fillers() {
    static const std::vector<std::string_view> kWords{"on", "to", "the", "in", "at", "office", "work", "my", "desk",
                                                       "be", "will", "by", "from", "around", "about", "approximately",
                                                       "of", "next", "into"};
    return kWords;
}

}  // namespace mailkeeper::parser::detail
