#include "formats.h"

namespace mailkeeper::parser::detail {

const BounceHints& bounce_hints() {
    static const BounceHints kHints{
        .sender_local_parts = {"mailer-daemon", "postmaster", "mail-daemon", "maildaemon", "mailerdaemon",
                               "mmdf", "mdaemon", "smtp-gw", "root", "mail", "nobody", "noreply-dmarc-support",
                               "bounce", "bounces", "mailer", "mail-delivery", "no-reply", "postman", "returned",
                               "system", "daemon", "mailadmin", "mailnotify"},
        .sender_names = {"mailer-daemon", "mailer daemon", "mail delivery", "postmaster", "delivery subsystem", "mail administrator",
                         "microsoft outlook", "mail system", "delivery status", "system administrator",
                         "internet mail delivery", "mail router", "mail transport", "系统退信", "退信", "邮件系统"},
        .subjects = {"undeliver", "undelivered", "delivery status", "delivery failure", "delivery failed",
                     "delivery notification", "failure notice", "returned mail", "mail delivery failed",
                     "returning message to sender", "non-delivery", "nondeliverable", "non deliverable",
                     "could not be delivered", "couldn't be delivered", "delivery problem", "delivery report",
                     "mail system error", "message delivery", "warning: could not send", "delayed mail",
                     "delivery delayed", "not delivered", "mail failure", "bounce", "rejected",
                     "permanent error", "error sending message", "message not delivered", "unable to deliver",
                     "delivery has failed", "failed delivery", "notification", "mail failed", "mail error",
                     "returning to sender", "delivery fail", "undeliverable mail", "warning: ", "系统退信", "退信", "无法投递",
                     "投递失败", "发送失败", "未能送达", "无法送达", "配送失敗", "不達", "エラー"},
        .body_phrases = {"could not be delivered", "couldn't be delivered", "was not delivered",
                         "following address(es) failed", "delivery to the following recipient",
                         "unable to deliver", "permanent error", "permanent fatal error", "delivery has failed",
                         "message could not be", "undeliverable", "not be delivered", "delivery failed",
                         "could not deliver", "wasn't able to deliver", "failed permanently",
                         "message you sent", "this is the mail system", "returned to sender",
                         "delivery status notification", "mail delivery system", "this message was created automatically",
                         "recipient address rejected", "user unknown", "the following addresses had permanent",
                         "your message did not reach", "your message wasn't delivered", "delivery has been delayed",
                         "has not yet been delivered", "will continue attempting", "delivery attempts will continue",
                         "did not reach the following recipient", "error has occurred while attempting to deliver",
                         "unable to deliver message", "delivery failure", "failed to deliver",
                         "无法送达", "投递失败", "发送失败", "退信", "未能成功送达", "无法投递"},
    };
    return kHints;
}

const std::vector<std::string_view>& returned_message_markers() {
    static const std::vector<std::string_view> kMarkers{
        "------ This is a copy of the message",           // Exim
        "----- This is a copy of the message",
        "------ This is a copy of your message",
        "--- Below this line is a copy of the message",   // qmail, Yahoo
        "--- Enclosed is a copy of the message",
        "--- Below this line is the original bounce",
        "--- Original message follows",                   // IMail, X2
        "----- Original message follows",
        "------ Original message follows",
        "Original message follows",
        "Message headers follow",                         // DragonFly
        "----- The following is a copy of the message",
        "--- The header of the original message is following",  // GMX, 1&1
        "------ The header of the original message is following",
        "------- Returned Message --------",              // Lotus Notes
        "----- Unsent message follows",                   // Sendmail V5
        "----- No message was collected",
        "----- Unsent message below",
        "----- Message header follows",                   // Gmail
        "----- Original message -----",
        "Included is a copy of the message header",       // MXLogic
        "Below is a copy of the original message",        // OpenSMTPD
        "A copy of the original message below this line",
        "Original message headers:",                      // Exchange 2007, Office 365
        "Original Message Headers",
        "-------original message",                        // m-FILTER
        "-------original mail info",
        "The attachment contains the original mail headers",
        "Original mail as follows",                       // fml
        "Here is a copy of the first part of the message",
        "The non-delivered message is attached to this message",
        "Your message reads (in part)",
        "Message text follows:",
        "Content-Type: message/rfc822",
        "Content-Type: text/rfc822-headers",
        "-----Original Message-----",
        "Original Message:",                              // Verizon MMS gateway
        "---------- Forwarded message ----------",
        "Your original message is included as attachment",
        "原始邮件",  // Foxmail, QQ, NetEase: "------------------ 原始邮件 ------------------"
        "原邮件信息",
        "原始邮件信息",
        "以下为原邮件",
        "元のメッセージ",
    };
    return kMarkers;
}

const std::vector<std::string_view>& recipient_labels() {
    // Each ends right before the address: "Recipient address: a@b", "Unable to deliver message to: <a@b>".
    static const std::vector<std::string_view> kLabels{
        "final-recipient:", "original-recipient:", "x-actual-recipient:", "recipient address:",
        "failed recipient:", "recipient:", "original recipient:", "intended recipient:", "address:", "rcpt to:",
        "invalid recipient:", "unknown recipient:", "unknown user:", "user unknown:", "no such user:",
        "mailbox unavailable:", "mailbox is full:", "delivered to:", "invalid address:", "bad address:",
        "undeliverable address:", "undeliverable to", "failed address:", "delivery failed:", "error-for:",
        "did not reach the following recipient:", "failed to deliver to", "addressed to", "you sent mail to",
        "rejected recipient", "the following message to", "could not be delivered to:",
        "target mail address:", "收件人:", "收件人：", "收信人:", "收信人：", "收件人地址:", "收件人地址：",
        "宛先:", "宛先：",
    };
    return kLabels;
}

const std::vector<std::string_view>& recipient_list_openers() {
    static const std::vector<std::string_view> kOpeners{
        "following address(es) failed",
        "following address failed",
        "following addresses failed",
        "following recipient(s) failed",
        "delivery to the following recipient",
        "delivery to the following recipients",
        "could not be delivered to the following",
        "couldn't be delivered to",
        "following addresses had permanent",
        "following addresses had transient",
        "to the following addresses",
        "to the following recipients",
        "to the following recipient",
        "following recipients could not be reached",
        "following recipient(s) could not be reached",
        "following destination addresses",
        "wasn't able to deliver your message to the following",
        "did not reach the following recipient",
        "following list of recipients",
        "could not be delivered to one or more recipients",
        "following addresses had permanent errors",
        "following addresses had delivery problems",
        "following recipients were affected",
        "unable to deliver mail to the following recipient",
        "encountered delivery problems to the following recipients",
        "failed addresses follow",
        "was not delivered to:",
        "address to which the message has not yet been delivered",
    };
    return kOpeners;
}

const std::vector<std::string_view>& reason_labels() {
    static const std::vector<std::string_view> kLabels{
        "退信原因", "失败原因", "错误原因", "退回原因", "原因", "服务器返回信息", "返回信息", "错误信息", "錯誤原因",
        "原因說明", "理由", "エラー内容", "reason", "failure reason", "error reason", "diagnostic", "error message",
        "remote server said", "server response", "detail", "details", "could not be delivered because of"};
    return kLabels;
}

const std::vector<std::string_view>& explaining_labels() {
    static const std::vector<std::string_view> kLabels{
        "invalid recipient:", "unknown recipient:", "unknown user:", "user unknown:", "no such user:",
        "mailbox unavailable:", "mailbox is full:", "invalid address:", "bad address:",
    };
    return kLabels;
}

const std::vector<std::string_view>& failure_words() {
    static const std::vector<std::string_view> kWords{
        "error", "fail", "could not", "couldn't", "cannot", "can't", "unable", "undeliver", "not deliver",
        "reject", "refused", "unknown", "problem", "not be delivered", "did not reach", "bounce",
        "无法", "失败", "退回", "未能", "不能", "できません", "エラー"};
    return kWords;
}

const std::vector<TextFormat>& text_formats() {
    static const std::vector<TextFormat> kFormats{
        {"postfix", {"X-Postfix-Queue-ID"}, {}, {"Undelivered Mail Returned to Sender"}, {"This is the mail system at host"}},
        {"qmail", {}, {}, {}, {"This is the qmail-send program", "--- Below this line is a copy of the message"}},
        {"exim", {"X-Failed-Recipients"}, {}, {"Mail delivery failed"}, {"This message was created automatically by mail delivery software"}},
        {"sendmail", {}, {}, {"Returned mail: "}, {"----- Transcript of session follows -----", "The original message was received at"}},
        {"office365", {"X-MS-Exchange-Message-Is-Ndr", "X-MS-Exchange-CrossTenant-Id"}, {}, {}, {"Delivery has failed to these recipients or groups"}},
        {"exchange", {"X-MS-Exchange-Organization-SCL", "X-MimeOLE: Produced By Microsoft Exchange"}, {}, {}, {"Your message did not reach some or all of the intended recipients"}},
        {"gmail", {"X-Gm-Message-State", "X-Failed-Recipients"}, {"mailer-daemon@googlemail.com", "mailer-daemon@google.com"}, {"Delivery Status Notification"}, {"Delivery to the following recipient failed"}},
        {"opensmtpd", {}, {}, {"Delivery status notification"}, {"This is the MAILER-DAEMON, please DO NOT REPLY"}},
        {"dragonfly", {}, {}, {}, {"This is the DragonFly Mail Agent"}},
        {"courier", {}, {}, {}, {"This is a delivery status notification from"}},
        {"domino", {}, {}, {"DELIVERY FAILURE:", "DELIVERY_FAILURE:"}, {"was not delivered to:"}},
        {"amazonses", {"X-SES-Outgoing", "X-AWS-Outgoing"}, {"@amazonses.com"}, {}, {"An error occurred while trying to deliver the mail"}},
        {"yahoo", {"X-YMailISG"}, {"@yahoo"}, {}, {"Sorry, we were unable to deliver your message"}},
        {"mailru", {}, {"@corp.mail.ru", "@mail.ru"}, {}, {}},
        {"tencent", {}, {"@qq.com", "@exmail.qq.com", "@foxmail.com"}, {"退信"}, {}},
        {"netease", {}, {"@163.com", "@126.com", "@yeah.net", "@qiye.163.com", "@netease.com"}, {"系统退信"}, {}},
        {"coremail", {"X-CM-TRANSID", "X-Coremail-Antispam"}, {}, {}, {}},
        {"aliyun", {}, {"@aliyun.com", "@mxhichina.com", "@alibaba-inc.com"}, {}, {}},
    };
    return kFormats;
}

const std::vector<FormatReason>& format_reasons() {
    using R = Reason;
    static const std::vector<FormatReason> kRows{
        // au/EZweb marks mail its content filter refused with this header
        {"", R::filtered, "X-SPASIGN: NG"},
        // Exchange 2003: the 8-digit code after the MSEXCH:IMS line
        {"(000c05a6)", R::userunknown}, {"(000b099c)", R::onhold}, {"(000b09aa)", R::onhold},
        {"(000b09b6)", R::onhold}, {"(00010256)", R::systemerror}, {"(000d06b5)", R::systemerror},
        {"(00120270)", R::networkerror}, {"(00050311)", R::contenterror}, {"(000502cc)", R::contenterror},
        {"(000b0981)", R::securityerror}, {"(000c0595)", R::filtered},
        // Exchange 2007 and later: the RESOLVER/QUEUE token of the NDR
        {"resolver.adr.recipnotfound", R::userunknown}, {"resolver.adr.exrecipnotfound", R::userunknown},
        {"smtpsend.dns.nonexistentdomain", R::hostunknown}, {"smtpsend.dns.mxloopback", R::networkerror},
        {"resolver.adr.badprimary", R::systemerror}, {"resolver.adr.invalidinsmtp", R::systemerror},
        {"resolver.adr.ambiguous", R::systemerror}, {"resolver.adr.reciplimit", R::toomanyconn},
        {"resolver.rst.authrequired", R::securityerror}, {"resolver.rst.notauthorized", R::rejected},
        {"resolver.rst.recipsizelimit", R::mesgtoobig}, {"queue.expired", R::expired},
        // Lotus Domino and Notes, in the languages they ship
        {"not listed in domino directory", R::userunknown}, {"not listed in public name & address book", R::userunknown},
        {"no se encuentra en el directorio de domino", R::userunknown},
        {"non répertorié dans l'annuaire domino", R::userunknown},
        {"domino ディレクトリには見つかりません", R::userunknown}, {"ディレクトリのリストにありません", R::userunknown},
        {"several matches found in domino directory", R::systemerror},
        {"message has exceeded maximum hop count", R::networkerror},
        // Exim and its clones (Mail.ru, MXLogic, GMX, 1&1)
        {"retry timeout exceeded", R::expired}, {"no action is required on your part", R::expired},
        {"retry time not reached for any host after a long failure period", R::expired},
        {"all hosts have been failing for a long time and were last tried", R::expired},
        {"has been frozen", R::expired}, {"was frozen on arrival by", R::expired},
        {"all relevant mx records point to non-existent hosts", R::hostunknown},
        {"all host address lookups failed permanently", R::hostunknown}, {"unrouteable address", R::hostunknown},
        {"an mx or srv record indicated no smtp service", R::notaccept},
        {"no host found for existing smtp connection", R::notaccept},
        {"delivery to file forbidden", R::systemerror}, {"delivery to pipe forbidden", R::systemerror},
        {"local delivery failed", R::systemerror}, {"too many \"received\" headers", R::contenterror},
        {"mail size limit exceeded", R::mesgtoobig},
        // DragonFly Mail Agent
        {"could not deliver for the last", R::expired},
        // qmail and qmail-ldap
        {"sorry, i couldn't find a mail exchanger or ip address", R::notaccept},
        {"sorry, i wasn't able to establish an smtp connection", R::networkerror},
        {"although i'm listed as a best-preference mx or a for that host", R::networkerror},
        {"sorry, i couldn't find any host ", R::hostunknown},
        {"requested action not taken: mailbox unavailable (not enough free space)", R::systemfull},
        {"mailaddress is administratively disabled", R::suspend}, {"mailaddress is administrativley disabled", R::suspend},
        {"the message exeeded the maximum size the user accepts", R::exceedlimit},
        {"unable to contact ldap server", R::systemerror}, {"temporary failure in ldap lookup", R::systemerror},
        {"bad interpreter: no such file or directory", R::systemerror},
        // Gmail: "(state N)" names the step of the SMTP session that failed
        {"(state 6)", R::systemerror}, {"(state 8)", R::systemerror}, {"(state 9)", R::systemerror},
        {"(state 12)", R::norelaying}, {"(state 13)", R::blocked}, {"(state 14)", R::userunknown},
        {"(state 15)", R::filtered}, {"(state 17)", R::filtered}, {"(state 18)", R::filtered},
        {"dns error: could not contact dns servers", R::expired},
        {"the recipient server did not accept our requests to connect", R::expired},
        {"delivery to the following recipient has been delayed", R::expired},
        {"dns error: domain name not found", R::hostunknown},
        {"dns error: dns server returned answer with no data", R::hostunknown},
        {"storage quota exceeded", R::mailboxfull},
        // Google Workspace DSNs: RFC 7505 null MX and failed MX lookups
        {"returned null mx", R::notaccept}, {"responded with code nxdomain", R::networkerror},
        {"had no relevant answers", R::networkerror},
        // Google Groups: the group refused the post (the notice comes in the poster's language)
        {"groups.google.com/support", R::rejected},
        // OpenSMTPD
        {"envelope expired", R::expired}, {"destination seem to reject all mails", R::notaccept},
        {"address family mismatch on destination mxs", R::networkerror}, {"all routes to destination blocked", R::networkerror},
        {"network error on destination mxs", R::networkerror}, {"no mx found for domain", R::notaccept},
        {"no mx found for destination", R::notaccept}, {"no valid route to remote mx", R::networkerror},
        {"no valid route to destination", R::networkerror}, {"temporary failure in mx lookup", R::networkerror},
        {"could not retrieve credentials", R::securityerror},
        // EZweb (au/KDDI)
        {"the user(s) account is temporarily over quota", R::mailboxfull},
        {"the user(s) account is disabled", R::suspend}, {"the user(s) account is temporarily limited", R::suspend},
        {"your message was not delivered within", R::expired},
        {"as their mailbox is full", R::mailboxfull}, {"due to the following smtp relay error", R::norelaying},
        {"as the remote domain doesnt exist", R::hostunknown},
        // IMail Server
        {"invalid final delivery userid", R::userunknown}, {"user mailbox exceeds allowed size", R::mailboxfull},
        {"requested action not taken: virus detected", R::virusdetected}, {"blacklisted url in message", R::spamdetected},
        // Zoho
        {"host not reachable", R::expired},
        // Office 365 and Outlook.com
        {"resolver.adr.recipientnotfound", R::userunknown}, {"dns query failed", R::networkerror},
        {"mailbox unavailable", R::userunknown, {}, "hotmail.com"},
        // Google Workspace
        {"because the address couldn't be found", R::userunknown},
        // Symantec MessageLabs
        {"please turn on smtp authentication", R::securityerror, {}, "messagelabs.com"},
        {"no such user", R::userunknown, {}, "messagelabs.com"},
        // Facebook's documented reply codes
        {"refused due to recipient preferences", R::filtered},
        // Amazon SES receiving (inbound) rejections
        {"mailbox does not exist", R::filtered, "X-SES-Outgoing"},
        {"message content rejected", R::contenterror, "X-SES-Outgoing"},
        // McAfee, IMail, Trend Micro InterScan
        {"unknown user ", R::userunknown, "X-NAI-Header"}, {"user not exist", R::userunknown, "X-NAI-Header"},
        {"unknown user:", R::userunknown, "X-Mailer: <SMTP32"}, {"unknown user:", R::userunknown, "X-Mailer: <IMail"},
        {"(and other recipients in the same domain)", R::userunknown},
        // Sendmail: a pipe or program mailer that failed
        {"unknown mailer error", R::mailererror},
        // fml mailing list manager
        {"you are not a member of this mailing list", R::rejected}, {"not member article from", R::rejected},
        {"duplicated message-id", R::systemerror}, {"has detected a loop condition so that", R::systemerror},
        {"loop back warning:", R::systemerror},
        // Biglobe
        {"the number of messages in recipient's mailbox exceeded the local limit", R::mailboxfull},
        // Verizon
        {"no valid recipients for this mm", R::userunknown},
        // Local delivery agents quoted by the MTA (dovecot, mail.local, procmail, maildrop, vpopmail)
        {"mailbox doesn't exist: ", R::userunknown}, {"not enough disk space", R::mailboxfull},
        {"mail.local: unknown user", R::userunknown}, {"disc quota exceeded", R::mailboxfull},
        {"quota exceeded while writing", R::mailboxfull}, {"no space left to finish writing", R::systemfull},
        {"maildrop: invalid user specified", R::userunknown}, {"maildir over quota", R::mailboxfull},
        {"vdelivermail: account is locked email bounced", R::suspend},
        {"user does not exist, but will deliver to", R::filtered},
    };
    return kRows;
}

const std::vector<FormatQuirk>& format_quirks() {
    static const std::vector<FormatQuirk> kRows{
        {"opensmtpd", true},
        {"amazonses", false, "-'", "' "},
    };
    return kRows;
}

const std::vector<CommandPhrase>& command_phrases() {
    static const std::vector<CommandPhrase> kRows{
        // Postfix, Sendmail: "(in reply to RCPT TO command)"; Exim: "after RCPT TO:<a@b>"
        {"in reply to rcpt to", "RCPT"}, {"after rcpt to", "RCPT"}, {"rcpt to response", "RCPT"},
        {">>> rcpt to", "RCPT"}, {"rcpt to:<", "RCPT"}, {"after rcpt command", "RCPT"},
        {"[rcpt_to]", "RCPT"}, {"smtp:rcpt", "RCPT"}, {"error following rcpt command", "RCPT"},
        {"did not like our rcpt to", "RCPT"}, {"does not like recipient.", "RCPT"},
        {"in reply to mail from", "MAIL"}, {"after mail from", "MAIL"}, {">>> mail from", "MAIL"},
        {"mail from:<", "MAIL"}, {"[mail_from]", "MAIL"}, {"but sender was rejected", "MAIL"},
        {"did not like our mail from", "MAIL"}, {"smtp:mail", "MAIL"},
        {"in reply to end of data", "DATA"}, {"after end of data", "DATA"}, {"in reply to data", "DATA"},
        {"after data", "DATA"}, {">>> data", "DATA"}, {"did not like our final data", "DATA"},
        {"failed after i sent the message", "DATA"}, {"unknown recipient or mailbox unavailable ->", "RCPT"}, {"failed on data command", "DATA"},
        {"for text command", "DATA"}, {"smtp:data", "DATA"},
        {"in reply to helo", "HELO"}, {"in reply to ehlo", "HELO"}, {"after helo", "HELO"}, {"after ehlo", "HELO"},
        {"but my name was rejected", "HELO"}, {"server refused to talk to me", "HELO"},
        {"refused to talk to me:", "HELO"},  // Postfix: "host X refused to talk to me: 421 ..."
        {"after initial connection", "CONN"}, {"while connected to", "CONN"}, {"but greeting failed", "CONN"},
        {"starttls", "STARTTLS"},
    };
    return kRows;
}

const std::vector<BounceCategory>& bounce_categories() {
    using R = Reason;
    // PowerMTA's bounce categories (its User's Guide, "bounce-category-patterns")
    static const std::vector<BounceCategory> kRows{
        {"bad-domain", R::hostunknown},        {"bad-mailbox", R::userunknown},
        {"inactive-mailbox", R::suspend},      {"message-expired", R::expired},
        {"no-answer-from-host", R::networkerror}, {"policy-related", R::policyviolation},
        {"quota-issues", R::mailboxfull},      {"routing-errors", R::systemerror},
        {"spam-related", R::spamdetected},     {"content-related", R::contenterror},
        {"invalid-sender", R::rejected},       {"relaying-issues", R::norelaying},
        {"bad-connection", R::networkerror},   {"bad-configuration", R::systemerror},
        {"protocol-errors", R::systemerror},   {"virus-related", R::virusdetected},
    };
    return kRows;
}

}  // namespace mailkeeper::parser::detail
