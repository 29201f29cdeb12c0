// Bounce-reason knowledge as data. The English phrases are the wording real MTAs and mail services
// send (collected by Sisimai, whose reason vocabulary we use); the Chinese rows come from the
// providers' published bounce-code lists (NetEase/Coremail, Tencent, Alibaba, 263). Everything is
// lowercase and whitespace-collapsed, as the classifier normalises the diagnostic the same way.
#include "reason_table.h"

#include <array>
#include <utility>

namespace mailkeeper::parser::reason_table {
namespace {

using namespace std::string_view_literals;
using R = Reason;
using P = Provider;

// ---------------------------------------------------------------------------------------------
// Message phrases, one list per reason.

constexpr std::array kMailboxFull{
    "452 insufficient disk space"sv,
    "account disabled temporarly for exceeding receiving limits"sv,
    "boite du destinataire pleine"sv,
    "exceeded storage allocation"sv,
    "full mailbox"sv,
    "mailbox exceeds allowed size"sv,
    "mailbox size limit exceeded"sv,
    "mailbox would exceed maximum allowed storage"sv,
    "mailfolder is full"sv,
    "no space left on device"sv,
    "not sufficient disk space"sv,
    "quota violation for"sv,
    "too much mail data"sv,  // NTT docomo
    "user has exceeded quota, bouncing mail"sv,
    "user has too many messages on the server"sv,
    "user's space has been used up"sv,
    "account is * quota"sv,
    "disk*quota"sv,
    "enough * space"sv,
    "mailbox *exceeded* limit"sv,
    "mailbox *full"sv,
    "mailbox *quota"sv,
    "maildir *quota"sv,
    "over *quota"sv,
    "quota *exceeded"sv,
    // Chinese providers' own NDR wording
    "邮箱已满"sv, "邮箱满"sv, "信箱已满"sv, "空间已满"sv, "空间不足"sv, "容量已满"sv,
    "容量不足"sv, "超出容量"sv, "超过容量"sv, "邮箱容量超"sv,
    "容量オーバー"sv, "容量超過"sv,
};

constexpr std::array kMesgTooBig{
    "exceeded maximum inbound message size"sv,
    "exceeded the maximum incoming message size"sv,
    "line limit exceeded"sv,
    "max message size exceeded"sv,
    "message file too big"sv,
    "message length exceeds administrative limit"sv,
    "message size exceeds fixed limit"sv,
    "message size exceeds fixed maximum message size"sv,
    "message size exceeds maximum value"sv,
    "message too big"sv,
    "message too large for this "sv,
    "size limit"sv,
    "taille limite du message atteinte"sv,
    "邮件过大"sv, "邮件大小超过"sv, "超过邮件大小"sv, "信件大小超过"sv,
};

constexpr std::array kExceedLimit{
    "message header size exceeds limit"sv,
    "message too large"sv,
};

constexpr std::array kSuspend{
    " is currently suspended"sv,
    " temporary locked"sv,
    "archived recipient"sv,
    "boite du destinataire archivee"sv,
    "email account that you tried to reach is disabled"sv,
    "has been suspended"sv,
    "inactive account"sv,
    "invalid/inactive user"sv,
    "is a deactivated mailbox"sv,  // QQ Mail
    "is unavailable: user is terminated"sv,
    "mailbox currently suspended"sv,
    "mailbox disabled"sv,
    "mailbox is frozen"sv,
    "mailbox unavailable or access denied"sv,
    "recipient rejected: temporarily inactive"sv,
    "recipient suspend the service"sv,
    "the email account that you tried to reach is inactive"sv,
    "this account has been disabled or discontinued"sv,
    "this account has been temporarily suspended"sv,
    "this address no longer accepts mail"sv,
    "this mailbox is disabled"sv,
    "user or domain is disabled"sv,
    "user suspended"sv,  // NetEase / Coremail
    "vdelivermail: account is locked email bounced"sv,
    "已被冻结"sv, "被冻结"sv, "已冻结"sv, "已被禁用"sv, "被禁用"sv, "已停用"sv, "被停用"sv, "已注销"sv,
    "处于禁用"sv, "被锁定"sv, "休眠"sv,
};

constexpr std::array kHasMoved{
    " has been replaced by "sv,
};

constexpr std::array kNoRelaying{
    "as a relay"sv,
    "email address is not verified."sv,
    "insecure mail relay"sv,
    "is not permitted to relay through this server without authentication"sv,
    "mail server requires authentication when attempting to send to a non-local e-mail address"sv,
    "no relaying"sv,
    "not a gateway"sv,
    "not allowed to relay through this machine"sv,
    "not an open relay, so get lost"sv,
    "not local host"sv,
    "relay access denied"sv,
    "relay denied"sv,
    "relay not permitted"sv,
    "relaying denied"sv,
    "relaying mail to "sv,
    "specified domain is not allowed"sv,
    "that domain isn't in my list of allowed rcpthost"sv,
    "this system is not configured to relay mail"sv,
    "unable to relay "sv,
    "we don't handle mail for"sv,
    "不允许转发"sv, "禁止转发"sv, "不允许中继"sv, "匿名转发"sv,
};

constexpr std::array kAuthFailure{
    "//spf.pobox.com"sv,
    "bad spf records for"sv,
    "dmarc policy"sv,
    "doesn't meet the required authentication level"sv,
    "please inspect your spf settings"sv,
    "sender policy framework (spf) fail"sv,
    "sender policy framework violation"sv,
    "spf (sender policy framework) domain authentication fail"sv,
    "spf check: fail"sv,
    "the 5322.from address doesn't meet the authentication requirements defined for the sender"sv,
    " is not allowed to send mail.*_401"sv,
    "is not allowed to send from <* per it's spf record"sv,
    "spf验证失败"sv, "spf校验失败"sv, "spf检查失败"sv, "dmarc验证失败"sv, "dmarc校验失败"sv,
};

constexpr std::array kUserUnknown{
    "#5.1.1 bad address"sv,
    "550 address invalid"sv,
    "5.1.0 address rejected."sv,
    "address does not exist"sv,
    "address not present in directory"sv,
    "address unknown"sv,
    "can't accept user"sv,
    "does not exist."sv,
    "destination addresses were unknown"sv,
    "destination server rejected recipients"sv,
    "email address does not exist"sv,
    "email address could not be found"sv,
    "invalid address"sv,
    "invalid mailbox"sv,
    "invalid mailbox path"sv,
    "invalid recipient"sv,
    "is not a known user"sv,
    "is not a valid mailbox"sv,
    "is not an active address at this host"sv,
    "mailbox does not exist"sv,
    "mailbox invalid"sv,
    "mailbox is inactive"sv,
    "mailbox is unavailable"sv,
    "mailbox not present"sv,
    "mailbox not found"sv,
    "mailbox unavaiable"sv,
    "nessun utente simile in questo indirizzo"sv,
    "no account by that name here"sv,
    "no existe dicha persona"sv,
    "no existe ese usuario "sv,
    "no mail box available for this user"sv,
    "no mailbox by that name is currently available"sv,
    "no mailbox found"sv,
    "no such address here"sv,
    "no such mailbox"sv,
    "no such person at this address"sv,
    "no such recipient"sv,
    "no such user"sv,
    "no thank you rejected: account unavailable"sv,
    "no valid recipients, bye"sv,
    "not a valid recipient"sv,
    "not a valid user here"sv,
    "not a local address"sv,
    "not email addresses"sv,
    "recipient address rejected. (in reply to rcpt to command)"sv,
    "recipient address rejected: access denied"sv,
    "recipient address rejected: invalid user"sv,
    "recipient address rejected: invalid-recipient"sv,
    "recipient address rejected: unknown user"sv,
    "recipient address rejected: userunknown"sv,
    "recipient does not exist"sv,
    "recipient is not accepted"sv,
    "recipient is not local"sv,
    "recipient not exist"sv,
    "recipient not found"sv,
    "recipient not ok"sv,
    "recipient refuses to accept your mail"sv,
    "recipient unknown"sv,
    "requested action not taken: mailbox unavailable"sv,
    "resolver.adr.recipient notfound"sv,
    "sorry, user unknown"sv,
    "sorry, badrcptto"sv,
    "sorry, no mailbox here by that name"sv,
    "sorry, your envelope recipient has been denied"sv,
    "that domain or user isn't in my list of allowed rcpthosts"sv,
    "the email account that you tried to reach does not exist"sv,
    "the following recipients was undeliverable"sv,
    "the user's email name is not found"sv,
    "there is no one at this address"sv,
    "this address no longer accepts mail"sv,
    "this email address is wrong or no longer valid"sv,
    "this recipient is in my badrecipientto list"sv,
    "this recipient is not in my validrcptto list"sv,
    "this spectator does not exist"sv,
    "unknown mailbox"sv,
    "unknown recipient"sv,
    "unknown user"sv,
    "user does not exist"sv,
    "user missing home directory"sv,
    "user not active"sv,
    "user not exist"sv,
    "user not found"sv,
    "user not known"sv,
    "user unknown"sv,
    "utilisateur inconnu !"sv,
    "vdeliver: invalid or unknown virtual user"sv,
    "weil die adresse nicht gefunden wurde oder keine e-mails empfangen kann"sv,
    "your envelope recipient is in my badrcptto list"sv,
    "<*> not found"sv,
    "<*>... blocked by "sv,
    "account * does not exist at the organization"sv,
    "adresse d au moins un destinataire invalide. invalid recipient.*416"sv,
    "adresse d au moins un destinataire invalide. invalid recipient.*418"sv,
    "bad*recipient"sv,
    "mailbox *does not exist"sv,
    "mailbox *unavailable or access denied"sv,
    "no * in name directory"sv,
    "non*existent user"sv,
    "rcpt <* does not exist"sv,
    "rcpt (*t exist "sv,
    "recipient * was not found in"sv,
    "recipient address rejected: user * does not exist"sv,
    "recipient address rejected: user unknown in * table"sv,
    "said: 550*5.1.1 * user unknown "sv,
    "this user doesn't have a * account"sv,
    "unknown e*mail address"sv,
    "unknown local*part"sv,
    "user * was not found"sv,
    "user * does not exist"sv,
    "user (*) unknown"sv,
    "用户不存在"sv, "收件人不存在"sv, "邮箱不存在"sv, "帐号不存在"sv, "账号不存在"sv,
    "帐户不存在"sv, "账户不存在"sv, "邮箱地址不存在"sv, "收件人地址不存在"sv, "无此用户"sv,
    "查无此人"sv,
    // Japanese carriers' notices
    "宛先不明"sv, "存在しないメールアドレス"sv, "ユーザーが見つかりません"sv,
};

constexpr std::array kFiltered{
    "account is protected by"sv,
    "bounced address"sv,  // SendGrid: the address bounced before
    "has restricted sms e-mail"sv,
    "is not accepting any mail"sv,
    "message filtered"sv,
    "message rejected due to user rules"sv,
    "not found recipient account"sv,
    "recipient id refuse to receive mail"sv,
    "recipient is only accepting mail from specific email addresses"sv,
    "refused due to recipient preferences"sv,
    "user not found"sv,
    "user refuses to receive this mail"sv,
    "user reject"sv,
    "you have been blocked by the recipient"sv,
    "收件人拒收"sv, "对方拒收"sv, "设置了拒收"sv, "拒绝接收您的邮件"sv,
    "受信拒否"sv,  // Japanese carriers: the recipient's filter refuses the sender
};

constexpr std::array kRequirePTR{
    "access denied. ip name lookup failed"sv,
    "all mail servers must have a ptr record with a valid reverse dns entry"sv,
    "bad dns ptr resource record"sv,
    "cannot find your hostname"sv,
    "cannot resolve your address."sv,
    "client host rejected: cannot find your hostname"sv,
    "fix reverse dns for "sv,
    "ips with missing ptr records"sv,
    "no ptr record found."sv,
    "please get a custom reverse dns name from your isp for your host"sv,
    "ptr record setup"sv,
    "reverse dns failed"sv,
    "reverse dns required"sv,
    "sender ip reverse lookup rejected"sv,
    "the ip address sending this message does not have a ptr record setup"sv,
    "the corresponding forward dns entry does not point to the sending ip"sv,
    "this system will not accept messages from servers/devices with no reverse dns"sv,
    "unresolvable relay host name"sv,
    "we do not accept mail from hosts with dynamic ip or generic dns ptr-records"sv,
    "domain * mismatches client ip"sv,
    "dns lookup failure: * try again later"sv,
    "reverse dns lookup for host * failed permanently"sv,
    "server access * forbidden by invalid rdns record of your mail server"sv,
    "service permits * unverifyable sending ips"sv,
    "反向解析"sv,
};

constexpr std::array kNotCompliantRFC{
    "this message is not rfc 5322 compliant"sv,
    "https://support.google.com/mail/?p=rfcmessagenoncompliant"sv,
    " multiple * header"sv,
};

constexpr std::array kRejected{
    "access denied (in reply to mail from command)"sv,
    "access denied (sender blacklisted)"sv,
    "address rejected"sv,
    "administrative prohibition"sv,
    "batv failed to verify"sv,
    "batv validation failure"sv,
    "backscatter protection detected an invalid or expired email address"sv,
    "because the sender isn't on the recipient's list of senders to accept mail from"sv,
    "bogus mail from"sv,
    "can't determine purported responsible address"sv,
    "connections not accepted from servers without a valid sender domain"sv,
    "denied [bouncedeny]"sv,
    "denied by secumail valid-address-filter"sv,
    "delivery not authorized, message refused"sv,
    "does not exist e2110"sv,
    "domain of sender address "sv,
    "email address is on senderfilterconfig list"sv,
    "emetteur invalide"sv,
    "empty envelope senders not allowed"sv,
    "envelope blocked - "sv,
    "error: no third-party dsns"sv,
    "from: domain is invalid. please provide a valid from:"sv,
    "fully qualified email address required"sv,
    "invalid domain, see <url:"sv,
    "invalid sender"sv,
    "is not a registered gateway user"sv,
    "mail from not owned by user"sv,
    "message rejected: email address is not verified"sv,
    "mx records for "sv,
    "null sender is not allowed"sv,
    "recipient addresses rejected : access denied"sv,
    "recipient not accepted. (batv: no tag"sv,
    "returned mail not accepted here"sv,
    "rfc 1035 violation: recursive cname records for"sv,
    "rule imposed mailbox access for"sv,
    "sending this from a different address or alias using the "sv,
    "sender address has been blacklisted"sv,
    "sender email address rejected"sv,
    "sender is in my black list"sv,
    "sender is spammer"sv,
    "sender not pre-approved"sv,
    "sender rejected"sv,
    "sender domain is empty"sv,
    "sender verify failed"sv,
    "sender was rejected"sv,
    "spam reporting address"sv,  // SendGrid: the address reported the sender as spam
    "syntax error: empty email address"sv,
    "the message has been rejected by batv defense"sv,
    "this server does not accept mail from"sv,
    "transaction failed unsigned dsn for"sv,
    "unroutable sender address"sv,
    "you are not allowed to post to this mailing list"sv,
    "you are sending to/from an address that has been blacklisted"sv,
    "your access to submit messages to this e-mail system has been rejected"sv,
    "your email address has been blacklisted"sv,
    "发件人被拒绝"sv, "发信人被拒绝"sv, "发件人在黑名单"sv, "发信人在黑名单"sv, "发件人地址不合法"sv,
};
// A "recipient address rejected" is about the recipient, not the sender.
constexpr std::array kRejectedUnless{
    "5.1.0 address rejected"sv,
    "recipient address rejected"sv,
    "sender ip address rejected"sv,
};

constexpr std::array kHostUnknown{
    "domain does not exist"sv,
    "domain is not reachable"sv,
    "domain must exist"sv,
    "host or domain name not found"sv,
    "host unknown"sv,
    "host unreachable"sv,
    "mail domain mentioned in email address is unknown"sv,
    "name or service not known"sv,
    "no such domain"sv,
    "recipient address rejected: unknown domain name"sv,
    "recipient domain must exist"sv,
    "the account or domain may not exist"sv,
    "unknown host"sv,
    "unroutable address"sv,
    "unrouteable address"sv,
    "553 * does not exist"sv,
    "域名不存在"sv, "收件人域名不存在"sv, "找不到域名"sv,
};

constexpr std::array kSpamDetected{
    " - spam"sv,
    "//www.spamhaus.org/help/help_spam_16.htm"sv,
    "//dsbl.org/help/help_spam_16.htm"sv,
    "//mail.163.com/help/help_spam_16.htm"sv,
    "554 5.7.0 reject, id="sv,
    "appears to be unsolicited"sv,
    "blacklisted url in message"sv,
    "block for spam"sv,
    "blocked by policy: no spam please"sv,
    "blocked by spamassassin"sv,
    "blocked for abuse. see http://att.net/blocks"sv,
    "cannot be forwarded because it was detected as spam"sv,
    "considered unsolicited bulk e-mail (spam) by our mail filters"sv,
    "content filter rejection"sv,
    "cyberoam anti spam engine has identified this email as a bulk email"sv,
    "denied due to spam list"sv,
    "high probability of spam"sv,
    "is classified as spam and is rejected"sv,
    "listed in work.drbl.imedia.ru"sv,
    "the mail server detected your message as spam and has prevented delivery."sv,
    "mail appears to be unsolicited"sv,
    "mail content denied"sv,  // QQ Mail
    "may consider spam"sv,
    "message considered as spam or virus"sv,
    "message contains spam or virus"sv,
    "message content rejected"sv,
    "message detected as spam"sv,
    "message filtered"sv,
    "message filtered. please see the faqs section on spam"sv,
    "message filtered. refer to the troubleshooting page at "sv,
    "message looks like spam"sv,
    "message is being rejected as it seems to be a spam"sv,
    "message refused by mailmarshal spamprofiler"sv,
    "message refused by trustwave seg spamprofiler"sv,
    "message rejected as spam"sv,
    "message rejected because of unacceptable content"sv,
    "message rejected due to suspected spam content"sv,
    "message rejected for policy reasons"sv,
    "message was rejected for possible spam/virus content"sv,
    "our email server thinks this email is spam"sv,
    "our system has detected that this message is "sv,
    "probable spam"sv,
    "reject bulk.advertising"sv,
    "rejected: spamassassin score "sv,
    "rejected - bulk email"sv,
    "rejecting banned content"sv,
    "rejecting mail content"sv,
    "related to content with spam-like characteristics"sv,
    "sender domain listed at "sv,
    "sending address not accepted due to spam filter"sv,
    "spam blocked"sv,
    "spam check"sv,
    "spam content matched"sv,
    "spam detected"sv,
    "spam email"sv,
    "spam email not accepted"sv,
    "spam message rejected."sv,
    "spam not accepted"sv,
    "spam refused"sv,
    "spam rejection"sv,
    "spam score "sv,
    "spambouncer identified spam"sv,
    "spamming not allowed"sv,
    "too many spam complaints"sv,
    "too much spam."sv,
    "the email message was detected as spam"sv,
    "the message has been rejected by spam filtering engine"sv,
    "the message was rejected due to classification as bulk mail"sv,
    "the content of this message looked like spam"sv,
    "this message appears to be spam"sv,
    "this message has been identified as spam"sv,
    "this message has been scored as spam with a probability"sv,
    "this message was classified as spam"sv,
    "this message was rejected by recurrent pattern detection system"sv,
    "transaction failed spam message not queued"sv,
    "we dont accept spam"sv,
    "your email appears similar to spam we have received before"sv,
    "your email breaches local uribl policy"sv,
    "your email had spam-like "sv,
    "your email is considered spam"sv,
    "your email is probably spam"sv,
    "your email was detected as spam"sv,
    "your message as spam and has prevented delivery"sv,
    "your message has been temporarily blocked by our filter"sv,
    "your message has been rejected because it appears to be spam"sv,
    "your message has triggered a spam block"sv,
    "your message may contain the spam contents"sv,
    "your message failed several antispam checks"sv,
    "greylisted* please try again in"sv,
    "mail score (* over "sv,
    "mail rejete. mail rejected. *506"sv,
    "our filters rate at and above * percent probability of being spam"sv,
    "rejected by * (spam)"sv,
    "rejected due to spam *classification"sv,
    "rejected due to spam *content"sv,
    "rule imposed as * is blacklisted on"sv,
    "spam * exceeded"sv,
    "this message scored * spam points"sv,
    "垃圾邮件"sv,
};

constexpr std::array kSpeeding{
    "mail sent from your ip address has been temporarily rate limited"sv,
    "please try again slower"sv,
    "rate limit exceeded"sv,
    "rate limited"sv,
    "message rate exceeded"sv,
    "sending too fast"sv,
    "receiving mail at a rate that prevents additional messages from being delivered"sv,
    "发送频率"sv, "发信频率"sv, "频率过快"sv, "过于频繁"sv, "频率超限"sv,
};

// A limit on connections is toomanyconn, not a sending-rate limit.
constexpr std::array kSpeedingUnless{
    "connection rate limit"sv,
};

constexpr std::array kTooManyConn{
    "all available ips are at maximum connection limit"sv,
    "connection rate limit exceeded"sv,
    "exceeds per-domain connection limit for"sv,
    "has exceeded the max emails per hour "sv,
    "throttling failure: daily message quota exceeded"sv,
    "throttling failure: maximum sending rate exceeded"sv,
    "too many connections"sv,
    "too many concurrent smtp connections"sv,
    "too many errors from your ip"sv,
    "too many recipients"sv,
    "too many smtp sessions for this host"sv,
    "trop de connexions, "sv,
    "we have already made numerous attempts to deliver this message"sv,
    "连接数过多"sv, "并发连接"sv, "连接数超"sv,
};

constexpr std::array kBlocked{
    " said: 550 blocked"sv,
    "//www.spamcop.net/bl."sv,
    "bad sender ip address"sv,
    "banned sending ip"sv,
    "blacklisted by"sv,
    "blocked using "sv,
    "blocked - see http"sv,
    "dnsbl:attrbl"sv,
    "client host rejected: abus detecte gu_eib_02"sv,
    "client host rejected: abus detecte gu_eib_04"sv,
    "client host rejected: may not be mail exchanger"sv,
    "client host rejected: was not authenticated"sv,
    "confirm this mail server"sv,
    "connection dropped"sv,
    "connection refused by"sv,
    "connection reset by peer"sv,
    "connection was dropped by remote host"sv,
    "connections not accepted from ip addresses on spamhaus xbl"sv,
    "currently sending spam see: "sv,
    "domain does not exist:"sv,
    "dynamic/zombied/spam ips blocked"sv,
    "error: no valid recipients from "sv,
    "esmtp not accepting connections"sv,
    "extreme bad ip profile"sv,
    "go away"sv,
    "helo command rejected:"sv,
    "host network not allowed"sv,
    "hosts with dynamic ip"sv,
    "invalid ip for sending mail of domain"sv,
    "is in a black list"sv,
    "is not allowed to send mail from"sv,
    "mailfrom domain is listed in spamhaus"sv,
    "no access from mail server"sv,
    "no matches to nameserver query"sv,
    "not currently accepting mail from your ip"sv,
    "part of their network is on our block list"sv,
    "please use the smtp server of your isp"sv,
    "refused - see http"sv,
    "rejected - multi-blacklist"sv,
    "rejected because the sending mta or the sender has not passed validation"sv,
    "rejecting open proxy"sv,
    "sender ip address rejected"sv,
    "server access forbidden by your ip "sv,
    "service not available, closing transmission channel"sv,
    "smtp error from remote mail server after initial connection:"sv,
    "sorry, that domain isn't in my list of allowed rcpthosts"sv,
    "sorry, your remotehost looks suspiciously like spammer"sv,
    "temporarily deferred due to unexpected volume or user complaints"sv,
    "to submit messages to this e-mail system has been rejected"sv,
    "too many spams from your ip"sv,
    "too many unwanted messages have been sent from the following ip address above"sv,
    "was blocked by "sv,
    "we do not accept mail from dynamic ips"sv,
    "you are not allowed to connect"sv,
    "you are sending spam"sv,
    "your ip address is listed in the rbl"sv,
    "your network is temporary blacklisted"sv,
    "your server requires confirmation"sv,
    "(*@*:blocked)"sv,
    "access from ip address * blocked"sv,
    "client host * blocked using"sv,
    "connections will not be accepted from * because the ip is in spamhaus's list"sv,
    "dnsbl:rbl *>_is_blocked"sv,
    "email blocked by *.barracudacentral.org"sv,
    "email blocked by *spamhaus"sv,
    "host * refused to talk to me: * blocked"sv,
    "ip * is blocked by earthlink"sv,
    "is in an *rbl on "sv,
    "mail server at * is blocked"sv,
    "mail from * refused:"sv,
    "mail from * refused, see *orbs"sv,
    "message from * rejected based on blacklist"sv,
    "messages from * temporarily deferred due to user complaints"sv,
    "server ip * listed as abusive"sv,
    "sorry! your ip address* is blocked by rbl"sv,
    "the domain * is blacklisted"sv,
    "the email * is blacklisted"sv,
    "the ip* is blacklisted"sv,
    "veuillez essayer plus tard. service refused, please try later. *103"sv,
    "veuillez essayer plus tard. service refused, please try later. *510"sv,
    "your access ip* has been rejected"sv,
    "your sender's ip address is listed at *.abuseat.org"sv,
    "ip在黑名单"sv, "ip地址在黑名单"sv, "ip被列入黑名单"sv, "ip被封"sv, "ip被拒绝"sv, "ip地址被拒绝"sv,
};

constexpr std::array kPolicyViolation{
    "an illegal attachment on your message"sv,
    "because the recipient is not accepting mail with "sv,
    "by non-member to a members-only list"sv,
    "closed mailing list"sv,
    "denied by policy"sv,
    "email not accepted for policy reasons"sv,
    "email rejected due to security policies"sv,
    "header are not accepted"sv,
    "header error"sv,
    "local policy violation"sv,
    "message bounced due to organizational settings"sv,
    "message given low priority"sv,
    "message not accepted for policy reasons"sv,
    "message rejected due to local policy"sv,
    "messages with multiple addresses"sv,
    "rejected for policy reasons"sv,
    "protocol violation"sv,
    "the email address used to send your message is not subscribed to this group"sv,
    "the message was rejected by organization policy"sv,
    "this message was blocked because its content presents a potential"sv,
    "we do not accept messages containing images or other attachments"sv,
    "you're using a mass mailer"sv,
    "you have exceeded the*allowable number of posts without solving a captcha"sv,
    "不允许发送该类型的附件"sv,
};

constexpr std::array kVirusDetected{
    "it has a potentially executable attachment"sv,
    "the message was rejected because it contains prohibited virus or spam content"sv,
    "this form of attachment has been used by recent viruses or other malware"sv,
    "virus detected"sv,
    "virus phishing/malicious_url detected"sv,
    "your message was infected with a virus"sv,
    "病毒"sv,
};

constexpr std::array kBadReputation{
    "a poor email reputation score"sv,
    "has been temporarily rate limited due to ip reputation"sv,
    "ip/domain reputation problems"sv,
    "likely suspicious due to the very low reputation"sv,
    "none/bad reputation"sv,
    "temporarily deferred due to unexpected volume or user complaints"sv,
    "the sending mta's poor reputation"sv,
};

constexpr std::array kSecurityError{
    "account not subscribed to ses"sv,
    "authentication credentials invalid"sv,
    "authentication failure"sv,
    "authentication required"sv,
    "authentication turned on in your email client"sv,
    "executable files are not allowed in compressed files"sv,
    "insecure mail relay"sv,
    "recipient address rejected: access denied"sv,
    "sorry, you don't authenticate or the domain isn't in my list of allowed rcpthosts"sv,
    "unauthenticated senders not allowed"sv,
    "verification failure"sv,
    "you are not authorized to send mail, authentication is required"sv,
    "authentication failed; server * said: "sv,
    "authentification invalide*305"sv,
    "authentification requise*402"sv,
    "domain * is a dead domain"sv,
    "user * is not authorized to perform ses:sendrawemail on resource"sv,
    "认证失败"sv, "身份验证失败"sv,
};

constexpr std::array kSystemError{
    "aliasing/forwarding loop broken"sv,
    "can't create user output file"sv,
    "could not load drd for domain"sv,
    "internal error reading data"sv,
    "internal server error: operation now in progress"sv,
    "interrupted system call"sv,
    "it encountered an error while being processed"sv,
    "it would create a mail loop"sv,
    "local configuration error"sv,
    "local error in processing"sv,
    "loop was found in the mail exchanger"sv,
    "loops back to myself"sv,
    "mail system configuration error"sv,
    "queue file write error"sv,
    "recipient deferred because there is no mdb"sv,
    "remote server is misconfigured"sv,
    "server configuration error"sv,
    "service currently unavailable"sv,
    "system config error"sv,
    "temporary local problem"sv,
    "timeout waiting for input"sv,
    "transaction failed "sv,
    "unable to connect *daemon"sv,
    "系统错误"sv, "系统故障"sv, "系统繁忙"sv,
};

constexpr std::array kNetworkError{
    "could not connect and send the mail to"sv,
    "dns records for the destination computer could not be found"sv,
    "hop count exceeded - possible mail loop"sv,
    "host is unreachable"sv,
    "host name lookup failure"sv,
    "host not found, try again"sv,
    "mail forwarding loop for "sv,
    "malformed name server reply"sv,
    "malformed or unexpected name server reply"sv,
    "maximum forwarding loop count exceeded"sv,
    "message looping"sv,
    "message probably in a routing loop"sv,
    "no route to host"sv,
    "too many hops"sv,
    "unable to resolve route "sv,
    "unrouteable mail domain"sv,
    "域名解析失败"sv,
};

constexpr std::array kExpired{
    "connection timed out"sv,
    "could not find a gateway for"sv,
    "delivery attempts will continue to be"sv,
    "delivery expired"sv,
    "delivery time expired"sv,
    "failed to deliver to domain "sv,
    "giving up on"sv,
    "have been failing for a long time"sv,
    "has been delayed"sv,
    "it has not been collected after"sv,
    "message expired after sitting in queue for"sv,
    "message expired, cannot connect to remote server"sv,
    "message expired, connection refulsed"sv,
    "message timed out"sv,
    "retry time not reached for any host after a long failure period"sv,
    "server did not respond"sv,
    "this message has been in the queue too long"sv,
    "unable to deliver message after multiple retries"sv,
    "was not reachable within the allowed queue period"sv,
    "your message could not be delivered for more than"sv,
    "could not be delivered for* days"sv,
    "投递超时"sv, "重试超时"sv, "超过最大投递时间"sv,
};

constexpr std::array kContentError{
    "duplicate header"sv,
    "header size exceeds maximum permitted"sv,
    "improper use of 8-bit data in message header"sv,
    "message header size, or recipient list, exceeds policy limit"sv,
    "message mime complexity exceeds the policy maximum"sv,
    "routing loop detected -- too many received: headers"sv,
    "this message contain invalid mime headers"sv,
    "this message contain improperly-formatted binary content"sv,
    "this message contain text that uses unnecessary base64 encoding"sv,
};

constexpr std::array kSystemFull{
    "mail system full"sv,
    "requested mail action aborted: exceeded storage allocation"sv,
};

constexpr std::array kNotAccept{
    "does not accept mail (nullmx)"sv,
    "host/domain does not accept mail"sv,
    "host does not accept mail"sv,
    "mail receiving disabled"sv,
    "name server: .: host not found"sv,
    "no mx record found for domain="sv,
    "no route for current request"sv,
    "smtp protocol returned a permanent error"sv,
};

constexpr std::array kMailerError{
    " || exit "sv,
    "procmail: "sv,
    "bin/procmail"sv,
    "bin/maidrop"sv,
    "command failed: "sv,
    "command died with status "sv,
    "command output:"sv,
    "mailer error"sv,
    "pipe to |/"sv,
    "x-unix; "sv,
};

constexpr std::array kVacation{
    "i am away on vacation"sv,
    "i am away until"sv,
    "i am out of the office"sv,
    "i will be traveling for work on"sv,
    "休假"sv, "不在办公室"sv,
};

const PhraseSet kNone{};

}  // namespace

const PhraseSet& phrases_for(Reason reason) {
    static const PhraseSet mailboxfull{kMailboxFull};
    static const PhraseSet mesgtoobig{kMesgTooBig};
    static const PhraseSet exceedlimit{kExceedLimit};
    static const PhraseSet suspend{kSuspend};
    static const PhraseSet hasmoved{kHasMoved};
    static const PhraseSet norelaying{kNoRelaying};
    static const PhraseSet authfailure{kAuthFailure};
    static const PhraseSet userunknown{kUserUnknown};
    static const PhraseSet filtered{kFiltered};
    static const PhraseSet requireptr{kRequirePTR};
    static const PhraseSet notcompliantrfc{kNotCompliantRFC};
    static const PhraseSet rejected{kRejected, kRejectedUnless};
    static const PhraseSet hostunknown{kHostUnknown};
    static const PhraseSet spamdetected{kSpamDetected};
    static const PhraseSet speeding{kSpeeding, kSpeedingUnless};
    static const PhraseSet toomanyconn{kTooManyConn};
    static const PhraseSet blocked{kBlocked};
    static const PhraseSet policyviolation{kPolicyViolation};
    static const PhraseSet virusdetected{kVirusDetected};
    static const PhraseSet badreputation{kBadReputation};
    static const PhraseSet securityerror{kSecurityError};
    static const PhraseSet systemerror{kSystemError};
    static const PhraseSet networkerror{kNetworkError};
    static const PhraseSet expired{kExpired};
    static const PhraseSet contenterror{kContentError};
    static const PhraseSet systemfull{kSystemFull};
    static const PhraseSet notaccept{kNotAccept};
    static const PhraseSet mailererror{kMailerError};
    static const PhraseSet vacation{kVacation};
    switch (reason) {
        case R::mailboxfull: return mailboxfull;
        case R::mesgtoobig: return mesgtoobig;
        case R::exceedlimit: return exceedlimit;
        case R::suspend: return suspend;
        case R::hasmoved: return hasmoved;
        case R::norelaying: return norelaying;
        case R::authfailure: return authfailure;
        case R::userunknown: return userunknown;
        case R::filtered: return filtered;
        case R::requireptr: return requireptr;
        case R::notcompliantrfc: return notcompliantrfc;
        case R::rejected: return rejected;
        case R::hostunknown: return hostunknown;
        case R::spamdetected: return spamdetected;
        case R::speeding: return speeding;
        case R::toomanyconn: return toomanyconn;
        case R::blocked: return blocked;
        case R::policyviolation: return policyviolation;
        case R::virusdetected: return virusdetected;
        case R::badreputation: return badreputation;
        case R::securityerror: return securityerror;
        case R::systemerror: return systemerror;
        case R::networkerror: return networkerror;
        case R::expired: return expired;
        case R::contenterror: return contenterror;
        case R::systemfull: return systemfull;
        case R::notaccept: return notaccept;
        case R::mailererror: return mailererror;
        case R::vacation: return vacation;
        default: return kNone;
    }
}

// ---------------------------------------------------------------------------------------------
// RFC 3463 and the IANA registry of enhanced status codes (RFC 5248 and later): the reason each
// specific code stands for. Codes that only give a class (X.0.0) or a subject (X.5.0, X.7.0) are
// absent on purpose: the text has to decide.

namespace {
struct StatusRow {
    std::string_view code;
    Reason reason;
};
constexpr std::array kStatusRows{
    StatusRow{"2.1.5", R::delivered},   // destination address valid
    StatusRow{"4.1.6", R::hasmoved},    // mailbox has moved, no forwarding address
    StatusRow{"4.1.7", R::rejected},    // bad sender's mailbox address syntax
    StatusRow{"4.1.8", R::rejected},    // bad sender's system address
    StatusRow{"4.1.9", R::systemerror}, // message relayed to non-compliant mailer
    StatusRow{"4.2.1", R::blocked},     // mailbox disabled (temporarily)
    StatusRow{"4.2.2", R::mailboxfull},
    StatusRow{"4.2.3", R::exceedlimit}, // message length exceeds administrative limit
    StatusRow{"4.2.4", R::filtered},    // mailing list expansion problem
    StatusRow{"4.3.1", R::systemfull},
    StatusRow{"4.3.2", R::notaccept},   // system not accepting network messages
    StatusRow{"4.3.3", R::systemerror},
    StatusRow{"4.3.5", R::systemerror},
    StatusRow{"4.4.1", R::expired},     // no answer from host
    StatusRow{"4.4.2", R::networkerror},
    StatusRow{"4.4.3", R::systemerror}, // directory server failure
    StatusRow{"4.4.4", R::networkerror},
    StatusRow{"4.4.5", R::systemfull},  // mail system congestion
    StatusRow{"4.4.6", R::networkerror},// routing loop
    StatusRow{"4.4.7", R::expired},
    StatusRow{"4.4.8", R::networkerror},
    StatusRow{"4.5.3", R::systemerror}, // too many recipients
    StatusRow{"4.5.5", R::systemerror},
    StatusRow{"4.6.0", R::contenterror},
    StatusRow{"4.6.2", R::contenterror},
    StatusRow{"4.6.5", R::contenterror},
    StatusRow{"4.7.1", R::blocked},     // delivery not authorized
    StatusRow{"4.7.2", R::blocked},
    StatusRow{"4.7.5", R::securityerror},
    StatusRow{"4.7.6", R::securityerror},
    StatusRow{"4.7.7", R::securityerror},
    StatusRow{"4.7.12", R::securityerror},
    StatusRow{"4.7.15", R::securityerror},
    StatusRow{"4.7.16", R::mesgtoobig},
    StatusRow{"4.7.24", R::authfailure},
    StatusRow{"4.7.25", R::requireptr},
    StatusRow{"4.7.26", R::authfailure},
    StatusRow{"5.1.0", R::userunknown}, // other address status
    StatusRow{"5.1.1", R::userunknown}, // bad destination mailbox address
    StatusRow{"5.1.2", R::hostunknown}, // bad destination system address
    StatusRow{"5.1.3", R::userunknown}, // bad destination mailbox address syntax
    StatusRow{"5.1.4", R::filtered},    // destination mailbox address ambiguous
    StatusRow{"5.1.6", R::hasmoved},
    StatusRow{"5.1.7", R::rejected},
    StatusRow{"5.1.8", R::rejected},
    StatusRow{"5.1.9", R::systemerror},
    StatusRow{"5.1.10", R::notaccept},  // RFC 7505 null MX
    StatusRow{"5.2.0", R::filtered},
    StatusRow{"5.2.1", R::filtered},    // mailbox disabled, not accepting messages
    StatusRow{"5.2.2", R::mailboxfull},
    StatusRow{"5.2.3", R::exceedlimit},
    StatusRow{"5.2.4", R::filtered},
    StatusRow{"5.3.0", R::systemerror},
    StatusRow{"5.3.1", R::systemfull},
    StatusRow{"5.3.2", R::notaccept},
    StatusRow{"5.3.3", R::systemerror},
    StatusRow{"5.3.4", R::mesgtoobig},
    StatusRow{"5.3.5", R::systemerror},
    StatusRow{"5.4.0", R::networkerror},
    StatusRow{"5.4.3", R::systemerror},
    StatusRow{"5.4.4", R::hostunknown}, // unable to route
    StatusRow{"5.5.2", R::syntaxerror},
    StatusRow{"5.5.3", R::toomanyconn}, // too many recipients
    StatusRow{"5.5.4", R::systemerror},
    StatusRow{"5.5.5", R::systemerror},
    StatusRow{"5.5.6", R::syntaxerror},
    StatusRow{"5.6.0", R::contenterror},
    StatusRow{"5.6.1", R::contenterror},
    StatusRow{"5.6.2", R::contenterror},
    StatusRow{"5.6.3", R::contenterror},
    StatusRow{"5.6.5", R::contenterror},
    StatusRow{"5.6.6", R::contenterror},
    StatusRow{"5.6.7", R::contenterror},
    StatusRow{"5.6.8", R::contenterror},
    StatusRow{"5.6.9", R::contenterror},
    StatusRow{"5.7.0", R::securityerror},
    StatusRow{"5.7.1", R::securityerror},
    StatusRow{"5.7.2", R::securityerror},
    StatusRow{"5.7.3", R::securityerror},
    StatusRow{"5.7.4", R::securityerror},
    StatusRow{"5.7.5", R::securityerror},
    StatusRow{"5.7.6", R::securityerror},
    StatusRow{"5.7.7", R::securityerror},
    StatusRow{"5.7.8", R::securityerror},
    StatusRow{"5.7.9", R::securityerror},
    StatusRow{"5.7.10", R::securityerror},
    StatusRow{"5.7.11", R::securityerror},
    StatusRow{"5.7.13", R::suspend},    // user account disabled
    StatusRow{"5.7.14", R::securityerror},
    StatusRow{"5.7.15", R::securityerror},
    StatusRow{"5.7.16", R::mesgtoobig},
    StatusRow{"5.7.17", R::hasmoved},   // RFC 7293 mailbox owner has changed
    StatusRow{"5.7.18", R::hasmoved},   // RFC 7293 domain owner has changed
    StatusRow{"5.7.19", R::securityerror},
    StatusRow{"5.7.20", R::authfailure},// RFC 7372: DKIM, SPF, reverse DNS failures
    StatusRow{"5.7.21", R::authfailure},
    StatusRow{"5.7.22", R::authfailure},
    StatusRow{"5.7.23", R::authfailure},
    StatusRow{"5.7.24", R::authfailure},
    StatusRow{"5.7.25", R::requireptr},
    StatusRow{"5.7.26", R::authfailure},
    StatusRow{"5.7.27", R::notaccept},  // RFC 7505 sender address has null MX
    StatusRow{"5.7.28", R::spamdetected},
    StatusRow{"5.7.29", R::authfailure},// ARC validation failure
};

struct PseudoRow {
    Reason reason;
    std::string_view permanent;
    std::string_view temporary;  // empty: the reason is never temporary
};
// Sisimai's internal status codes; scorers and admins compare them verbatim.
constexpr std::array kPseudoRows{
    PseudoRow{R::authfailure, "5.0.926", "4.0.926"},
    PseudoRow{R::badreputation, "5.0.975", "4.0.975"},
    PseudoRow{R::blocked, "5.0.971", "4.0.971"},
    PseudoRow{R::contenterror, "5.0.960", "4.0.960"},
    PseudoRow{R::exceedlimit, "5.0.923", "4.0.923"},
    PseudoRow{R::expired, "5.0.947", "4.0.947"},
    PseudoRow{R::filtered, "5.0.910", "4.0.924"},
    PseudoRow{R::hasmoved, "5.0.916", ""},
    PseudoRow{R::hostunknown, "5.0.912", ""},
    PseudoRow{R::mailboxfull, "5.0.922", "4.0.922"},
    PseudoRow{R::mailererror, "5.0.939", "4.0.939"},
    PseudoRow{R::mesgtoobig, "5.0.934", "4.0.934"},
    PseudoRow{R::networkerror, "5.0.944", "4.0.944"},
    PseudoRow{R::norelaying, "5.0.909", "4.0.909"},
    PseudoRow{R::notaccept, "5.0.932", "4.0.932"},
    PseudoRow{R::notcompliantrfc, "5.0.974", "4.0.974"},
    PseudoRow{R::onhold, "5.0.901", "4.0.901"},
    PseudoRow{R::policyviolation, "5.0.972", "4.0.972"},
    PseudoRow{R::rejected, "5.0.918", "4.0.918"},
    PseudoRow{R::requireptr, "5.0.973", "4.0.973"},
    PseudoRow{R::securityerror, "5.0.970", "4.0.970"},
    PseudoRow{R::spamdetected, "5.0.980", "4.0.980"},
    PseudoRow{R::speeding, "5.0.946", "4.0.946"},
    PseudoRow{R::suspend, "5.0.921", "4.0.921"},
    PseudoRow{R::systemerror, "5.0.930", "4.0.930"},
    PseudoRow{R::systemfull, "5.0.931", "4.0.931"},
    PseudoRow{R::syntaxerror, "5.0.902", "4.0.902"},
    PseudoRow{R::toomanyconn, "5.0.945", "4.0.945"},
    PseudoRow{R::userunknown, "5.0.911", ""},
    PseudoRow{R::undefined, "5.0.900", "4.0.900"},
    PseudoRow{R::virusdetected, "5.0.981", "4.0.981"},
};
}  // namespace

std::optional<Reason> reason_of_status(std::string_view status) {
    for (const auto& row : kStatusRows)
        if (row.code == status) return row.reason;
    return std::nullopt;
}

std::string_view pseudo_status(Reason reason, bool temporary) {
    for (const auto& row : kPseudoRows) {
        if (row.reason != reason) continue;
        return temporary && !row.temporary.empty() ? row.temporary : row.permanent;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// Providers.

namespace {
constexpr std::array kAolHosts{".mail.aol.com"sv, ".mx.aol.com"sv};
constexpr std::array kAppleHosts{".mail.icloud.com"sv, ".apple.com"sv, ".me.com"sv};
constexpr std::array kCoxHosts{"cox.net"sv};
constexpr std::array kCoremailHosts{
    "163.com"sv, "126.com"sv, "yeah.net"sv, "188.com"sv, "netease.com"sv, "mxmail.netease.com"sv,
    "qiye.163.com"sv, "coremail.cn"sv, "icoremail.net"sv, "qiye.aliyun.com"sv,
};
constexpr std::array kFrancePTTHosts{".laposte.net"sv, ".orange.fr"sv, ".wanadoo.fr"sv};
constexpr std::array kGoDaddyHosts{"smtp.secureserver.net"sv, "mailstore1.secureserver.net"sv};
constexpr std::array kGoogleHosts{"aspmx.l.google.com"sv, "gmail-smtp-in.l.google.com"sv};
constexpr std::array kIUAHosts{".email.ua"sv};
constexpr std::array kKDDIHosts{".ezweb.ne.jp"sv, "msmx.au.com"sv};
constexpr std::array kMicrosoftHosts{".prod.outlook.com"sv, ".protection.outlook.com"sv};
constexpr std::array kMimecastHosts{".mimecast.com"sv};
constexpr std::array kDocomoHosts{"mfsmax.docomo.ne.jp"sv};
constexpr std::array kSpectrumHosts{"charter.net"sv};
constexpr std::array kTencentHosts{".qq.com"sv};
constexpr std::array kYahooHosts{".yahoodns.net"sv};
constexpr std::array kAliyunHosts{"mxhichina.com"sv, "aliyun.com"sv, "alibaba-inc.com"sv, "aliyun-inc.com"sv};
constexpr std::array k263Hosts{"263.net"sv, "263xmail.com"sv, "263.com"sv};
constexpr std::array kSinaHosts{"sina.com"sv, "sina.com.cn"sv, "sina.cn"sv, "vip.sina.com"sv};
constexpr std::array kSohuHosts{"sohu.com"sv, "sohu.net"sv};

// Order matters only where suffixes overlap: the first provider whose suffix matches wins.
constexpr std::array kProviderHosts{
    ProviderHosts{P::aol, kAolHosts},
    ProviderHosts{P::apple, kAppleHosts},
    ProviderHosts{P::cox, kCoxHosts},
    ProviderHosts{P::spectrum, kSpectrumHosts},
    ProviderHosts{P::coremail, {}, true},         // "DT:SPM", "MI:NHD", ...
    ProviderHosts{P::netease, kCoremailHosts},
    ProviderHosts{P::francePTT, kFrancePTTHosts},
    ProviderHosts{P::godaddy, kGoDaddyHosts},
    ProviderHosts{P::google, kGoogleHosts},
    ProviderHosts{P::iua, kIUAHosts},
    ProviderHosts{P::kddi, kKDDIHosts},
    ProviderHosts{P::microsoft, kMicrosoftHosts},
    ProviderHosts{P::mimecast, kMimecastHosts},
    ProviderHosts{P::nttdocomo, kDocomoHosts},
    ProviderHosts{P::tencent, kTencentHosts},
    ProviderHosts{P::yahoo, kYahooHosts},
    ProviderHosts{P::aliyun, kAliyunHosts},
    ProviderHosts{P::c263, k263Hosts},
    ProviderHosts{P::sina, kSinaHosts},
    ProviderHosts{P::sohu, kSohuHosts},
};

// Rows are checked in order within a provider: put the more specific phrase first.
constexpr ProviderRow kProviderRows[]{
    // Apple iCloud Mail, https://support.apple.com/en-us/102322
    ProviderRow{P::apple, R::authfailure, "s dmarc policy"},
    ProviderRow{P::apple, R::authfailure, "blocked for failing both spf and dkim autentication checks"},
    ProviderRow{P::apple, R::blocked, "rejected due to having a domain present in the spamhaus"},
    ProviderRow{P::apple, R::blocked, "rejected due to listing in spamhaus"},
    ProviderRow{P::apple, R::blocked, "blocked - see https://support.proofpoint.com/dnsbl-lookup"},
    ProviderRow{P::apple, R::blocked, "not accepting connections"},
    ProviderRow{P::apple, R::hasmoved, "recipient no longer on server"},
    ProviderRow{P::apple, R::mailboxfull, "user is over quota"},
    ProviderRow{P::apple, R::norelaying, "relay access denied"},
    ProviderRow{P::apple, R::notaccept, "host/domain does not accept mail"},
    ProviderRow{P::apple, R::policyviolation, "due to local policy"},
    ProviderRow{P::apple, R::rejected, "sender address rejected"},
    ProviderRow{P::apple, R::speeding, "due to excessive volume"},
    ProviderRow{P::apple, R::userunknown, "inactive email address"},
    ProviderRow{P::apple, R::userunknown, "user does not exist"},
    ProviderRow{P::apple, R::userunknown, "unknown or illegal alias"},

    // Cox, https://www.cox.com/residential/support/email-error-codes.html (labels in kCodeRows)
    ProviderRow{P::cox, R::blocked, "cox too many bad commands from"},
    ProviderRow{P::cox, R::blocked, "too many invalid recipients"},
    ProviderRow{P::cox, R::requireptr, "dns check failure - try again later"},
    ProviderRow{P::cox, R::requireptr, "rejected - no rdns"},
    ProviderRow{P::cox, R::policyviolation, "esmtp no data before greeting"},
    ProviderRow{P::cox, R::policyviolation, "attachment extension is forbidden"},
    ProviderRow{P::cox, R::rejected, "sender rejected"},
    ProviderRow{P::cox, R::systemerror, "esmtp server temporarily not available"},
    ProviderRow{P::cox, R::toomanyconn, "too many sessions from"},
    ProviderRow{P::cox, R::toomanyconn, "requested action aborted: try again later"},
    ProviderRow{P::cox, R::toomanyconn, "message threshold exceeded"},
    ProviderRow{P::cox, R::userunknown, "recipient rejected"},

    // NetEase (163.com, 126.com, yeah.net, qiye.163.com) and Coremail: "421 HL:ICC" style codes.
    // http://help.163.com/09/1224/17/5RAJ4LMH00753VB8.html and Coremail's published list.
    ProviderRow{P::coremail, R::blocked, "hl:rep"},          // many unknown recipients from this IP
    ProviderRow{P::coremail, R::toomanyconn, "hl:icc"},      // too many concurrent connections
    ProviderRow{P::coremail, R::speeding, "hl:ifc"},         // IP sent too much in a short time
    ProviderRow{P::coremail, R::blocked, "hl:mep"},          // IP forges sender domains
    ProviderRow{P::coremail, R::blocked, "hl:ihu"},          // IP suspended for spam / odd behaviour
    ProviderRow{P::coremail, R::blocked, "hl:ipb"},          // IP not allowed / blacklisted
    ProviderRow{P::coremail, R::speeding, "hl:itc"},         // IP daily limit reached
    ProviderRow{P::coremail, R::systemerror, "hl:tld"},      // server overloaded
    ProviderRow{P::coremail, R::blocked, "mi:cel"},          // too many bad commands
    ProviderRow{P::coremail, R::blocked, "rp:cel"},
    ProviderRow{P::coremail, R::toomanyconn, "mi:dmc"},      // too many messages per connection
    ProviderRow{P::coremail, R::toomanyconn, "mi:ccl"},      // too many commands
    ProviderRow{P::coremail, R::toomanyconn, "rp:ccl"},
    ProviderRow{P::coremail, R::toomanyconn, "rp:drc"},      // too many recipients per connection
    ProviderRow{P::coremail, R::blocked, "dt:rbl"},          // sending IP on an RBL
    ProviderRow{P::coremail, R::blocked, "mi:rbl"},
    ProviderRow{P::coremail, R::blocked, "wm:bli"},          // IP not on the allowed list
    ProviderRow{P::coremail, R::rejected, "wm:blu"},         // sender not on the allowed list
    ProviderRow{P::coremail, R::spamdetected, "dt:spm"},     // content looks like spam
    ProviderRow{P::coremail, R::spamdetected, "mi:spm"},
    ProviderRow{P::coremail, R::spamdetected, "dt:sur"},     // URL listed on SURBL
    ProviderRow{P::coremail, R::spamdetected, "dt:osl"},     // too many messages with one subject
    ProviderRow{P::coremail, R::speeding, "mi:sfq"},         // sender's 15-minute quota exceeded
    ProviderRow{P::coremail, R::speeding, "rp:qrc"},         // recipients in a short time exceeded
    ProviderRow{P::coremail, R::speeding, "rp:trc"},         // sender's daily recipients exceeded
    ProviderRow{P::coremail, R::speeding, "rp:rph"},
    ProviderRow{P::coremail, R::speeding, "dt:mrc"},
    ProviderRow{P::coremail, R::toomanyconn, "mi:stc"},      // sender's daily connections exceeded
    ProviderRow{P::coremail, R::blocked, "mi:nhd"},          // empty HELO
    ProviderRow{P::coremail, R::rejected, "mi:imf"},         // malformed sender address
    ProviderRow{P::coremail, R::authfailure, "mi:spf"},      // SPF does not allow the IP
    ProviderRow{P::coremail, R::authfailure, "mi:dma"},      // DMARC rejects the message
    ProviderRow{P::coremail, R::norelaying, "rp:frl"},       // no open relay
    ProviderRow{P::coremail, R::norelaying, "rp:drl"},
    ProviderRow{P::coremail, R::toomanyconn, "rp:rcl"},      // too many recipients in one message
    ProviderRow{P::coremail, R::rejected, "dt:sum"},         // envelope and header sender differ
    ProviderRow{P::coremail, R::rejected, "mi:spb"},         // sender not allowed
    ProviderRow{P::coremail, R::rejected, "mi:sum"},         // sender is not the authenticated user
    ProviderRow{P::coremail, R::rejected, "mi:sfk"},         // forged sender
    ProviderRow{P::coremail, R::blocked, "mi:ipb"},
    ProviderRow{P::coremail, R::securityerror, "mi:anl"},    // authentication required
    ProviderRow{P::coremail, R::mesgtoobig, "rp:sms"},       // message larger than system limit
    ProviderRow{P::coremail, R::mesgtoobig, "rp:ums"},
    ProviderRow{P::coremail, R::mesgtoobig, "dt:sms"},
    ProviderRow{P::coremail, R::mesgtoobig, "dt:ums"},
    ProviderRow{P::coremail, R::mailboxfull, "rp:uqt"},      // recipient's mailbox is full
    ProviderRow{P::coremail, R::mailboxfull, "dt:uqt"},
    ProviderRow{P::coremail, R::filtered, "rp:rpb"},         // recipient on the system blacklist
    ProviderRow{P::coremail, R::userunknown, "rp:rdn"},      // recipient unknown or no forwarding
    ProviderRow{P::coremail, R::networkerror, "dt:mth"},     // too many hops, a mail loop
    ProviderRow{P::coremail, R::securityerror, "too much fail authentication"},
    ProviderRow{P::coremail, R::blocked, "smtp auth error limit exceed"},
    ProviderRow{P::coremail, R::blocked, "your message was blocked by netease antispam"},
    ProviderRow{P::coremail, R::spamdetected, "coremailsys:your message was blocked"},

    // France Telecom / Orange / La Poste: codes in kCodeRows, plus
    ProviderRow{P::francePTT, R::authfailure, "spf/dns de votre nom de domaine"},

    // GoDaddy, https://ca.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
    ProviderRow{P::godaddy, R::blocked, "rbl reject"},
    ProviderRow{P::godaddy, R::blocked, "www.spamhaus.org/query/bl?ip="},
    ProviderRow{P::godaddy, R::expired, "has been in the queue too long"},
    ProviderRow{P::godaddy, R::expired, "delivery timeout"},
    ProviderRow{P::godaddy, R::mailboxfull, "account storage limit"},
    ProviderRow{P::godaddy, R::spamdetected, "message rejected for spam or virus content"},
    ProviderRow{P::godaddy, R::suspend, "account disabled"},
    ProviderRow{P::godaddy, R::systemerror, "message is looping"},
    ProviderRow{P::godaddy, R::userunknown, "recipient not found"},
    ProviderRow{P::godaddy, R::userunknown, "account does not exist"},

    // Gmail and Google Workspace, https://support.google.com/a/answer/3726730
    ProviderRow{P::google, R::authfailure, "the spf record of the sending domain", "x.7.24", "x51"},
    ProviderRow{P::google, R::authfailure, "the spf record of the sending domain", "x.7.24", "x50"},
    ProviderRow{P::google, R::authfailure, "senders to authenticate with either spf or dkim", "x.7.26", "x21"},
    ProviderRow{P::google, R::authfailure, "senders to authenticate with either spf or dkim", "x.7.26", "x50"},
    ProviderRow{P::google, R::authfailure, "fails to pass spf checks for an spf record with a hard fail", "x.7.26", "x50"},
    ProviderRow{P::google, R::authfailure, "has an spf record with a hard fail policy", "x.7.26", "x50"},
    ProviderRow{P::google, R::authfailure, "is not accepted due to domain's dmarc policy", "x.7.26", "x51"},
    ProviderRow{P::google, R::authfailure, "is not accepted due to domain's dmarc policy", "x.7.26", "x50"},
    ProviderRow{P::google, R::authfailure, "fails to pass authentication checks", "x.7.1", "x50"},
    ProviderRow{P::google, R::authfailure, "fails to pass authentication checks", "x.7.26", "x50"},
    ProviderRow{P::google, R::authfailure, "senders to authenticate with spf", "x.7.27", "x21"},
    ProviderRow{P::google, R::authfailure, "senders to authenticate their email with spf", "x.7.27", "x21"},
    ProviderRow{P::google, R::authfailure, "senders to authenticate with spf", "x.7.27", "x50"},
    ProviderRow{P::google, R::authfailure, "senders to authenticate their email with dkim", "x.7.30", "x21"},
    ProviderRow{P::google, R::authfailure, "senders to authenticate with dkim", "x.7.30", "x50"},
    ProviderRow{P::google, R::authfailure, "aligned with either the authenticated spf or dkim", "x.7.32", "x21"},
    ProviderRow{P::google, R::badreputation, "very low reputation of the sending ip address", "x.7.0", "x21"},
    ProviderRow{P::google, R::badreputation, "very low reputation of the sending domain", "x.7.0", "x21"},
    ProviderRow{P::google, R::badreputation, "due to the very low reputation of the sending ip address", "x.7.1", "x50"},
    ProviderRow{P::google, R::badreputation, "due to the very low reputation of the sending domain", "x.7.1", "x50"},
    ProviderRow{P::google, R::blocked, "ip not in whitelist for rcpt domain", "x.7.0", "x21"},
    ProviderRow{P::google, R::blocked, "try again later, closing connection.", "x.7.0", "x21"},
    ProviderRow{P::google, R::blocked, "empty helo/ehlo argument not allowed", "x.5.4", "x01"},
    ProviderRow{P::google, R::blocked, "helo/ehlo argument is invalid", "x.5.4", "x01"},
    ProviderRow{P::google, R::blocked, "an unusual rate of unsolicited mail", "x.7.0", "x21"},
    ProviderRow{P::google, R::blocked, "an unusual rate of mail", "x.7.28", "x21"},
    ProviderRow{P::google, R::blocked, "an unusual rate of unsolicited mail", "x.7.1", "x50"},
    ProviderRow{P::google, R::blocked, "an unusual rate of unsolicited mail", "x.7.28", "x50"},
    ProviderRow{P::google, R::exceedlimit, "exceeded google's message size limits", "x.2.3", "x52"},
    ProviderRow{P::google, R::exceedlimit, "your message exceeded google's message header size limits", "x.3.4", "x52"},
    ProviderRow{P::google, R::exceedlimit, "bytes per individual header size", "x.3.4", "x52"},
    ProviderRow{P::google, R::exceedlimit, "exceeds google's message header size limit", "x.3.4", "x52"},
    ProviderRow{P::google, R::expired, "connection expired", "x.7.0", "x21"},
    ProviderRow{P::google, R::expired, "timeout - closing connection", "x.4.2", "x51"},
    ProviderRow{P::google, R::mailboxfull, "inbox is out of storage space", "x.2.2", "x52"},
    ProviderRow{P::google, R::mailboxfull, "is over quota", "x.2.2", "x52"},
    ProviderRow{P::google, R::mailboxfull, "email quota exceeded", "x.7.1", "x50"},
    ProviderRow{P::google, R::mesgtoobig, "exceeded google's message size limits", "x.3.4", "x52"},
    ProviderRow{P::google, R::mesgtoobig, "exceeds google's message size limit of", "x.3.4", "x52"},
    ProviderRow{P::google, R::networkerror, "message exceeded 50 hops", "x.4.6", "x54"},
    ProviderRow{P::google, R::networkerror, "message exceeded 50 hops", "x.6.0", "x54"},
    ProviderRow{P::google, R::norelaying, "mail relay denied", "x.7.0", "x50"},
    ProviderRow{P::google, R::norelaying, "invalid credentials for relay", "x.7.1", "x50"},
    ProviderRow{P::google, R::norelaying, "is not authorized to send email directly to our servers", "x.7.1", "x50"},
    ProviderRow{P::google, R::notcompliantrfc, "missing a valid address in the from: header", "x.7.1", "x50"},
    ProviderRow{P::google, R::notcompliantrfc, "multiple addresses in from: header are not accepted", "x.7.1", "x50"},
    ProviderRow{P::google, R::notcompliantrfc, "is not rfc 5322 compliant", "x.7.1", "x50"},
    ProviderRow{P::google, R::notcompliantrfc, "missing a valid message-id: header", "x.7.1", "x50"},
    ProviderRow{P::google, R::notcompliantrfc, "contains a unicode character in a disallowed header", "x.7.1", "x50"},
    ProviderRow{P::google, R::notcompliantrfc, "encoded-word syntax is not permitted", "x.7.1", "x50"},
    ProviderRow{P::google, R::notcompliantrfc, "mail message is malformed", "x.6.0", "x54"},
    ProviderRow{P::google, R::policyviolation, "illegal attachment on your message", "x.7.0", "x52"},
    ProviderRow{P::google, R::policyviolation, "blocked because its content presents a potential security issue", "x.7.0", "x52"},
    ProviderRow{P::google, R::policyviolation, "you are sending to (or from) has a policy that prohibited", "x.7.1", "x50"},
    ProviderRow{P::google, R::policyviolation, "sending messages with the same message-id:", "x.7.28", "x21"},
    ProviderRow{P::google, R::rejected, "mail sending denied", "x.7.0", "x50"},
    ProviderRow{P::google, R::rejected, "unauthenticated email is not accepted", "x.7.1", "x50"},
    ProviderRow{P::google, R::requireptr, "does not have a ptr record", "x.7.0", "x21"},
    ProviderRow{P::google, R::requireptr, " have a ptr record, or the ptr record", "x.7.23", "x21"},
    ProviderRow{P::google, R::requireptr, "does not meet ipv6 sending guidelines regarding ptr records and authentication", "x.7.1", "x50"},
    ProviderRow{P::google, R::requireptr, "does not have a ptr record", "x.7.25", "x50"},
    ProviderRow{P::google, R::requireptr, "does not match the ip address of the hostname", "x.7.25", "x50"},
    ProviderRow{P::google, R::securityerror, "too many login attempts", "x.7.0", "x54"},
    ProviderRow{P::google, R::securityerror, "cannot decode response", "x.5.2", "x01"},
    ProviderRow{P::google, R::securityerror, "no identity changes permitted", "x.7.0", "x03"},
    ProviderRow{P::google, R::securityerror, "authentication required.", "x.5.1", "x30"},
    ProviderRow{P::google, R::securityerror, "authentication required.", "x.7.0", "x30"},
    ProviderRow{P::google, R::securityerror, "application-specific password required", "x.7.1", "x35"},
    ProviderRow{P::google, R::securityerror, "application-specific password required", "x.7.9", "x35"},
    ProviderRow{P::google, R::securityerror, "please log in with your web browser", "x.7.1", "x35"},
    ProviderRow{P::google, R::securityerror, "please log in with your web browser", "x.7.9", "x34"},
    ProviderRow{P::google, R::securityerror, "please log in through your web browser", "x.7.14", "x34"},
    ProviderRow{P::google, R::securityerror, "username and password not accepted", "x.7.1", "x35"},
    ProviderRow{P::google, R::securityerror, "username and password not accepted", "x.7.8", "x35"},
    ProviderRow{P::google, R::spamdetected, "due to the nature of the content or the links within", "x.7.0", "x21"},
    ProviderRow{P::google, R::spamdetected, "likely unsolicited mail", "x.7.1", "x50"},
    ProviderRow{P::google, R::speeding, "is receiving mail too quickly", "x.2.1", "x50"},
    ProviderRow{P::google, R::speeding, "peak smtp relay limit exceeded for customer", "x.2.1", "x50"},
    ProviderRow{P::google, R::speeding, "rate that prevents additional messages from being delivered", "x.2.1", "x50"},
    ProviderRow{P::google, R::speeding, "daily sending quota exceeded", "x.4.5", "x50"},
    ProviderRow{P::google, R::speeding, "daily user sending limit exceeded", "x.4.5", "x50"},
    ProviderRow{P::google, R::speeding, "daily smtp relay limit exceeded for", "x.4.5", "x50"},
    ProviderRow{P::google, R::speeding, "daily smtp relay limit exceeded for", "x.7.1", "x50"},
    ProviderRow{P::google, R::speeding, "daily smtp relay sending limit exceeded for", "x.7.1", "x50"},
    ProviderRow{P::google, R::speeding, "this mail has been rate limited", "x.7.1", "x50"},
    ProviderRow{P::google, R::suspend, "account that you tried to reach is disabled", "x.2.1", "x50"},
    ProviderRow{P::google, R::suspend, "account that you tried to reach is inactive", "x.2.1", "x50"},
    ProviderRow{P::google, R::syntaxerror, "smtp protocol violation", "x.5.0", "x51"},
    ProviderRow{P::google, R::syntaxerror, "smtp protocol violation", "x.5.0", "x54"},
    ProviderRow{P::google, R::syntaxerror, "smtp protocol violation", "x.7.10", "x25"},
    ProviderRow{P::google, R::syntaxerror, "optional argument not permitted", "x.5.4", "x35"},
    ProviderRow{P::google, R::syntaxerror, "syntax error", "x.7.11", "x01"},
    ProviderRow{P::google, R::syntaxerror, "syntax error", "x.5.2", "x01"},
    ProviderRow{P::google, R::syntaxerror, "syntax error", "x.5.2", "x55"},
    ProviderRow{P::google, R::syntaxerror, "too many unrecognized commands, goodbye", "x.5.1", "x02"},
    ProviderRow{P::google, R::syntaxerror, "unimplemented command", "x.5.1", "x02"},
    ProviderRow{P::google, R::syntaxerror, "unrecognized command", "x.5.1", "x02"},
    ProviderRow{P::google, R::syntaxerror, "bad sequence of commands", "x.5.1", "x03"},
    ProviderRow{P::google, R::syntaxerror, "ehlo/helo first", "x.5.1", "x03"},
    ProviderRow{P::google, R::syntaxerror, "mail first", "x.5.1", "x03"},
    ProviderRow{P::google, R::syntaxerror, "rcpt first", "x.5.1", "x03"},
    ProviderRow{P::google, R::syntaxerror, "no data after bdat", "x.5.1", "x03"},
    ProviderRow{P::google, R::syntaxerror, "unrecognized authentication type", "x.7.4", "x04"},
    ProviderRow{P::google, R::syntaxerror, "xoauth is no longer supported", "x.7.4", "x04"},
    ProviderRow{P::google, R::syntaxerror, "too many unauthenticated commands", "x.7.0", "x54"},
    ProviderRow{P::google, R::systemerror, "temporary system problem", "x.3.0", "x21"},
    ProviderRow{P::google, R::systemerror, "temporary system problem", "x.7.0", "x21"},
    ProviderRow{P::google, R::systemerror, "server busy", "x.4.5", "x21"},
    ProviderRow{P::google, R::systemerror, "multiple destination domains per transaction is unsupported", "x.3.0", "x51"},
    ProviderRow{P::google, R::systemerror, "mail server has temporarily rejected this message", "x.3.0", "x51"},
    ProviderRow{P::google, R::systemerror, "mail server temporarily rejected message", "x.3.0", "x51"},
    ProviderRow{P::google, R::systemerror, "domain policy size per transaction exceeded", "x.5.3", "x52"},
    ProviderRow{P::google, R::systemerror, "cannot authenticate due to temporary system problem", "x.7.0", "x54"},
    ProviderRow{P::google, R::toomanyconn, "your message has too many recipients", "x.5.3", "x52"},
    ProviderRow{P::google, R::toomanyconn, "too many recipients for this sender", "x.5.3", "x50"},
    ProviderRow{P::google, R::userunknown, "the email account that you tried to reach does not exist", "x.1.1", "x50"},
    ProviderRow{P::google, R::userunknown, "we weren't able to find the recipient domain", "x.1.2", "x53"},
    ProviderRow{P::google, R::userunknown, "is not a valid rfc 5321 address", "x.1.3", "x53"},

    // KDDI au / ezweb
    ProviderRow{P::kddi, R::filtered, "550 : user unknown"},
    ProviderRow{P::kddi, R::userunknown, ">: user unknown"},

    // Exchange Online and on-premises Exchange, https://learn.microsoft.com/exchange/ (NDRs)
    ProviderRow{P::microsoft, R::authfailure, "must pass either spf or dkim validation, this message is not signed", "4.7.26"},
    ProviderRow{P::microsoft, R::authfailure, "the message was rejected because of sender policy framework violation", "5.7.23"},
    ProviderRow{P::microsoft, R::authfailure, "does not pass dmarc verification", "5.7.509"},
    ProviderRow{P::microsoft, R::authfailure, "tlsa-invalid: the domain failed dane validation", "x.7.323"},
    ProviderRow{P::microsoft, R::authfailure, "dnssec-invalid: destination domain returned invalid dnssec records", "x.7.324"},
    ProviderRow{P::microsoft, R::authfailure, "certificate-expired: destination mail server's certificate is expired", "5.7.322"},
    ProviderRow{P::microsoft, R::badreputation, "has been temporarily rate limited due to ip reputation", "4.7.650"},
    ProviderRow{P::microsoft, R::blocked, "connection dropped", "4.4.2"},
    ProviderRow{P::microsoft, R::blocked, "access denied, please try again later", "4.7.850-899"},
    ProviderRow{P::microsoft, R::blocked, "must have a reverse dns record", "5.7.25"},
    ProviderRow{P::microsoft, R::blocked, "access denied, bad helo", "5.7.506"},
    ProviderRow{P::microsoft, R::blocked, "access denied, rejected by recipient", "5.7.507"},
    ProviderRow{P::microsoft, R::blocked, "does not accept email over ipv6", "5.7.510"},
    ProviderRow{P::microsoft, R::blocked, "access denied, banned sender", "5.7.511"},
    ProviderRow{P::microsoft, R::blocked, "using customer block list", "5.7.513"},
    ProviderRow{P::microsoft, R::blocked, "access denied, banned sending ip ", "5.7.606-649"},
    ProviderRow{P::microsoft, R::blocked, "access denied, please try again later", "4.7.500-699"},
    ProviderRow{P::microsoft, R::blocked, "invalid domain name", "5.5.4"},
    ProviderRow{P::microsoft, R::blocked, "restrictdomainstoipaddresses or restrictdomainstocertificate", "5.7.51"},
    ProviderRow{P::microsoft, R::blocked, "part of their network is on our block list (s3150)", "5.7.1"},
    ProviderRow{P::microsoft, R::contenterror, "too many related errors", "5.3.0"},
    ProviderRow{P::microsoft, R::contenterror, "invalid characters", "5.6.11"},
    ProviderRow{P::microsoft, R::contenterror, "agent generated message depth exceeded", "5.4.11"},
    ProviderRow{P::microsoft, R::contenterror, "invalid message content", "5.5.6"},
    ProviderRow{P::microsoft, R::exceedlimit, "resolver.rst.recipsizelimit; message too large for this recipient", "5.2.3"},
    ProviderRow{P::microsoft, R::expired, "connection timed out", "4.4.1"},
    ProviderRow{P::microsoft, R::expired, "message delayed", "4.4.7"},
    ProviderRow{P::microsoft, R::expired, "queue expired; message expired", "4.4.7"},
    ProviderRow{P::microsoft, R::expired, "message expired", "4.4.7"},
    ProviderRow{P::microsoft, R::expired, "message expired", "5.4.300"},
    ProviderRow{P::microsoft, R::mailboxfull, "mailbox full", "x.2.2"},
    ProviderRow{P::microsoft, R::mesgtoobig, "message size exceeds fixed maximum message size", "5.3.4"},
    ProviderRow{P::microsoft, R::mesgtoobig, "message too big for system", "5.3.4"},
    ProviderRow{P::microsoft, R::networkerror, "smtpsend.dns.nonexistentdomain; nonexistent domain", "5.4.4"},
    ProviderRow{P::microsoft, R::networkerror, "hop count exceeded - possible mail loop", "5.4.6"},
    ProviderRow{P::microsoft, R::networkerror, "connection refused", "4.4.316"},
    ProviderRow{P::microsoft, R::networkerror, "invalid arguments", "5.4.4"},
    ProviderRow{P::microsoft, R::networkerror, "routing loop detected", "5.4.6"},
    ProviderRow{P::microsoft, R::networkerror, "routing loop detected", "5.4.14"},
    ProviderRow{P::microsoft, R::norelaying, "unable to relay", "5.7.1"},
    ProviderRow{P::microsoft, R::norelaying, "client was not authenticated", "5.7.1"},
    ProviderRow{P::microsoft, R::norelaying, "relay access denied", "5.4.1"},
    ProviderRow{P::microsoft, R::norelaying, "tenantattribution; relay access denied", "5.7.64"},
    ProviderRow{P::microsoft, R::norelaying, "does not exist", "5.4.310"},
    ProviderRow{P::microsoft, R::notaccept, "system not accepting network messages", "4.3.2"},
    ProviderRow{P::microsoft, R::notaccept, "storedrv.deliver: missing or bad storedriver mdb properties", "5.3.2"},
    ProviderRow{P::microsoft, R::policyviolation, "x-dg-ref header is too long", "5.0.350"},
    ProviderRow{P::microsoft, R::policyviolation, "requested action not taken: policy violation detected (as345)", "5.0.350"},
    ProviderRow{P::microsoft, R::policyviolation, "delivery not authorized, message refused", "5.7.900-999"},
    ProviderRow{P::microsoft, R::rejected, "invalid address", "5.1.7"},
    ProviderRow{P::microsoft, R::rejected, "unknown sender address", "5.1.7"},
    ProviderRow{P::microsoft, R::rejected, "sender denied", "5.1.0"},
    ProviderRow{P::microsoft, R::rejected, "access denied, bad outbound sender", "5.1.8"},
    ProviderRow{P::microsoft, R::rejected, "delivery not authorized", "5.7.1"},
    ProviderRow{P::microsoft, R::rejected, "sender was not authenticated by organization", "5.7.12"},
    ProviderRow{P::microsoft, R::rejected, "sender not in allowed-senders list", "5.7.124"},
    ProviderRow{P::microsoft, R::rejected, "sender not authenticated for group", "5.7.133"},
    ProviderRow{P::microsoft, R::rejected, "sender was not authenticated for mailbox", "5.7.134"},
    ProviderRow{P::microsoft, R::rejected, "sender was not authenticated for public folder", "5.7.13"},
    ProviderRow{P::microsoft, R::rejected, "sender was not authenticated for public folder", "5.7.135"},
    ProviderRow{P::microsoft, R::rejected, "sender was not authenticated", "5.7.136"},
    ProviderRow{P::microsoft, R::rejected, "access denied, spam abuse detected", "5.7.501-503"},
    ProviderRow{P::microsoft, R::rejected, "access denied, message must be rfc 5322 section 3.6.2 compliant", "5.7.512"},
    ProviderRow{P::microsoft, R::rejected, "service unavailable. client blocked from sending from unregistered domains", "5.7.750"},
    ProviderRow{P::microsoft, R::rejected, "access denied, banned sender", "5.7.501-503"},
    ProviderRow{P::microsoft, R::securityerror, "cannot achieve exchange server authentication", "5.7.3"},
    ProviderRow{P::microsoft, R::securityerror, "not authorized", "5.7.3"},
    ProviderRow{P::microsoft, R::securityerror, "starttls is required to send mail", "x.4.317"},
    ProviderRow{P::microsoft, R::securityerror, "starttls-not-supported: destination mail server must support tls to receive mail", "x.7.321"},
    ProviderRow{P::microsoft, R::securityerror, "client was not authenticated to send anonymous mail during mail from", "5.7.57"},
    ProviderRow{P::microsoft, R::securityerror, "doesn't meet the required authentication level", "5.7.515"},
    ProviderRow{P::microsoft, R::spamdetected, "content filter agent quarantined this message", "5.2.1"},
    ProviderRow{P::microsoft, R::speeding, "storedrv.deliver; recipient thread limit exceeded", "4.3.2"},
    ProviderRow{P::microsoft, R::speeding, "your message can't be sent because you've reached your daily limit for message recipients", "5.1.90"},
    ProviderRow{P::microsoft, R::speeding, "submission quota exceeded", "5.2.2"},
    ProviderRow{P::microsoft, R::speeding, "recipient's per hour message receive limit from specific sender exceeded", "5.2.121"},
    ProviderRow{P::microsoft, R::speeding, "recipient's per hour message receive limit exceeded", "5.2.122"},
    ProviderRow{P::microsoft, R::speeding, "has exceeded permitted limits within", "5.7.508"},
    ProviderRow{P::microsoft, R::speeding, "access denied, tenant has exceeded threshold", "5.7.700-749"},
    ProviderRow{P::microsoft, R::speeding, "access denied, traffic not accepted from this ip", "5.7.700-749"},
    ProviderRow{P::microsoft, R::suspend, "recipient address rejected: access denied", "5.7.504"},
    ProviderRow{P::microsoft, R::suspend, "access denied, banned recipient", "5.7.505"},
    ProviderRow{P::microsoft, R::suspend, "mailbox cannot be accessed", "5.2.1"},
    ProviderRow{P::microsoft, R::syntaxerror, "unrecognized command", "5.3.3"},
    ProviderRow{P::microsoft, R::syntaxerror, "send hello first", "5.5.2"},
    ProviderRow{P::microsoft, R::systemerror, "service not available", "4.3.2"},
    ProviderRow{P::microsoft, R::systemerror, "service not active", "4.3.2"},
    ProviderRow{P::microsoft, R::systemerror, "system incorrectly configured", "5.3.5"},
    ProviderRow{P::microsoft, R::systemerror, "journaling on-premises messages to microsoft 365 or office 365 not supported when journaling archive is disabled", "5.3.190"},
    ProviderRow{P::microsoft, R::systemerror, "helo / ehlo requires domain address", "5.0.0"},
    ProviderRow{P::microsoft, R::systemerror, "destination mailbox address ambiguous", "5.1.4"},
    ProviderRow{P::microsoft, R::systemerror, "mailing list expansion problem", "5.2.4"},
    ProviderRow{P::microsoft, R::systemerror, "misconfigured forwarding address", "5.2.14"},
    ProviderRow{P::microsoft, R::systemerror, "temporary server error. please try again later attr18", "4.4.3"},
    ProviderRow{P::microsoft, R::systemerror, "temporary server error. please try again later. prx4 nexthop:", "4.7.0"},
    ProviderRow{P::microsoft, R::systemerror, "message failed to be replicated: insufficient system resource:", "4.4.24"},
    ProviderRow{P::microsoft, R::systemerror, "message failed to be replicated: no healthy secondary server available to accept replica at this time.", "4.4.25"},
    ProviderRow{P::microsoft, R::systemerror, "message failed to be replicated: the operation was canceled", "4.4.28"},
    ProviderRow{P::microsoft, R::systemerror, "(suspiciousremoteservererror)", "x.4.318"},
    ProviderRow{P::microsoft, R::systemerror, "server busy. please try again later from ", "4.7.500"},
    ProviderRow{P::microsoft, R::systemerror, "pfa agent busy, please try again.", "4.7.700"},
    ProviderRow{P::microsoft, R::systemfull, "insufficient system resources", "4.3.1"},
    ProviderRow{P::microsoft, R::toomanyconn, "too many recipients", "5.5.3"},
    ProviderRow{P::microsoft, R::toomanyconn, "too many recipients", "4.5.3"},
    ProviderRow{P::microsoft, R::toomanyconn, "the recipient has exceeded their limit for", "5.2.122"},
    ProviderRow{P::microsoft, R::userunknown, "resolver.adr.exrecipnotfound; not found", "5.1.1"},
    ProviderRow{P::microsoft, R::userunknown, "user unknown", "5.1.1"},
    ProviderRow{P::microsoft, R::userunknown, "storedrv.submit; invalid recipient address", "5.1.3"},
    ProviderRow{P::microsoft, R::userunknown, "recipient address reserved by rfc 2606", "5.1.4-5"},
    ProviderRow{P::microsoft, R::userunknown, "recipient addresses in single label domains not accepted", "5.1.6"},
    ProviderRow{P::microsoft, R::userunknown, "bad destination mailbox address", "5.1.1"},
    ProviderRow{P::microsoft, R::userunknown, "recipient not found", "5.1.10"},
    ProviderRow{P::microsoft, R::userunknown, "recipient address rejected: access denied", "5.4.1"},
    ProviderRow{P::microsoft, R::userunknown, "requested action not taken: mailbox unavailable", "5.5.0"},
    ProviderRow{P::microsoft, R::userunknown, "invalid x.400 address", "5.1.2"},

    // Mimecast, https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754
    ProviderRow{P::mimecast, R::authfailure, "spf sender invalid - envelope rejected", {}, "550"},
    ProviderRow{P::mimecast, R::authfailure, "dkim sender invalid - envelope rejected", {}, "550"},
    ProviderRow{P::mimecast, R::authfailure, "dmarc sender invalid - envelope rejected", {}, "550"},
    ProviderRow{P::mimecast, R::badreputation, "internal resources are temporarily unavailable", {}, "451"},
    ProviderRow{P::mimecast, R::badreputation, "local ct ip reputation - (reject)", {}, "550"},
    ProviderRow{P::mimecast, R::blocked, "sender address blocked", {}, "421"},
    ProviderRow{P::mimecast, R::blocked, "recipient temporarily unavailable", {}, "451"},
    ProviderRow{P::mimecast, R::blocked, "ip temporarily blacklisted", {}, "451"},
    ProviderRow{P::mimecast, R::expired, "journal messages past the expiration", {}, "550"},
    ProviderRow{P::mimecast, R::mesgtoobig, "maximum email size exceeded", {}, "554"},
    ProviderRow{P::mimecast, R::networkerror, "the incorrect hostname used for inbounds", {}, "451"},
    ProviderRow{P::mimecast, R::networkerror, "the incorrect hostname used for inbounds", {}, "550"},
    ProviderRow{P::mimecast, R::networkerror, "mail loop detected", {}, "554"},
    ProviderRow{P::mimecast, R::norelaying, "open relay not allowed", {}, "451"},
    ProviderRow{P::mimecast, R::norelaying, "open relay is not allowed", {}, "451"},
    ProviderRow{P::mimecast, R::notaccept, "account inbounds disabled", {}, "451"},
    ProviderRow{P::mimecast, R::onhold, "account outbounds disabled", {}, "451"},
    ProviderRow{P::mimecast, R::onhold, "hostname is not authorized", {}, "451"},
    ProviderRow{P::mimecast, R::onhold, "journal message past expiration", {}, "550"},
    ProviderRow{P::mimecast, R::policyviolation, "anti-spoofing policy - inbound not allowed", {}, "550"},
    ProviderRow{P::mimecast, R::policyviolation, "rejected by header-based anti-spoofing policy", {}, "550"},
    ProviderRow{P::mimecast, R::policyviolation, "message bounced due to content examination policy", {}, "550"},
    ProviderRow{P::mimecast, R::policyviolation, "host network not allowed", {}, "554"},
    ProviderRow{P::mimecast, R::policyviolation, "host network, not allowed", {}, "554"},
    ProviderRow{P::mimecast, R::rejected, "administrative prohibition envelope blocked", {}, "550"},
    ProviderRow{P::mimecast, R::rejected, "envelope blocked - user entry", {}, "550"},
    ProviderRow{P::mimecast, R::rejected, "envelope blocked - user domain entry", {}, "550"},
    ProviderRow{P::mimecast, R::rejected, "rejected by header-based manually blocked senders - block for manual block", {}, "550"},
    ProviderRow{P::mimecast, R::rejected, "rejected by header-based blocked senders - block policy for header from", {}, "550"},
    ProviderRow{P::mimecast, R::rejected, "envelope rejected - block policy for envelope from address", {}, "550"},
    ProviderRow{P::mimecast, R::securityerror, "incorrect authentication data", {}, "535"},
    ProviderRow{P::mimecast, R::securityerror, "submitter failed to disabled", {}, "550"},
    ProviderRow{P::mimecast, R::securityerror, "submitter failed to authenticate", {}, "550"},
    ProviderRow{P::mimecast, R::systemerror, "unable to process connection at this time", {}, "451"},
    ProviderRow{P::mimecast, R::systemerror, "message ended early", {}, "451"},
    ProviderRow{P::mimecast, R::systemerror, "unable to process command", {}, "451"},
    ProviderRow{P::mimecast, R::systemerror, "unable to process an email at this time", {}, "451"},
    ProviderRow{P::mimecast, R::toomanyconn, "account service is temporarily unavailable", {}, "451"},
    ProviderRow{P::mimecast, R::toomanyconn, "too many recipients", {}, "452"},
    ProviderRow{P::mimecast, R::toomanyconn, "exceeding outbound thread limit", {}, "550"},
    ProviderRow{P::mimecast, R::userunknown, "invalid address", {}, "501"},
    ProviderRow{P::mimecast, R::userunknown, "user unknown", {}, "503"},
    ProviderRow{P::mimecast, R::userunknown, "invalid recipient", {}, "550"},
    ProviderRow{P::mimecast, R::virusdetected, "email rejected due to security policies", {}, "554"},

    // NTT docomo: the status and the SMTP command say more than its one-line replies.
    ProviderRow{P::nttdocomo, R::userunknown, {}, "5.1.1"},
    ProviderRow{P::nttdocomo, R::userunknown, {}, "5.0.911"},
    ProviderRow{P::nttdocomo, R::filtered, {}, "5.2.0"},
    ProviderRow{P::nttdocomo, R::mailboxfull, "552 too much mail data"},
    ProviderRow{P::nttdocomo, R::syntaxerror, "503 bad sequence of commands"},
    ProviderRow{P::nttdocomo, R::syntaxerror, "504 command parameter not implemented"},
    ProviderRow{P::nttdocomo, R::toomanyconn, "552 too many recipients"},
    ProviderRow{P::nttdocomo, R::userunknown, {}, "5.0.0", {}, "RCPT"},
    ProviderRow{P::nttdocomo, R::rejected, {}, "5.0.0", {}, "DATA"},

    // QQ Mail and Tencent Exmail, https://service.mail.qq.com/detail/122
    ProviderRow{P::tencent, R::authfailure, "spf check failed"},
    ProviderRow{P::tencent, R::authfailure, "dmarc check failed"},
    ProviderRow{P::tencent, R::blocked, "suspected bounce attacks"},
    ProviderRow{P::tencent, R::blocked, "suspected spam ip"},
    ProviderRow{P::tencent, R::blocked, "connection denied"},
    ProviderRow{P::tencent, R::mesgtoobig, "message too large"},
    ProviderRow{P::tencent, R::rejected, "suspected spam"},
    ProviderRow{P::tencent, R::rejected, "mail is rejected by recipients"},
    ProviderRow{P::tencent, R::spamdetected, "spam is embedded in the email"},
    ProviderRow{P::tencent, R::spamdetected, "mail content denied"},
    ProviderRow{P::tencent, R::speeding, "frequency of receiving messages is limited"},
    ProviderRow{P::tencent, R::suspend, "is a deactivated mailbox"},
    ProviderRow{P::tencent, R::syntaxerror, "bad address syntax"},
    ProviderRow{P::tencent, R::toomanyconn, "ip frequency limited"},
    ProviderRow{P::tencent, R::toomanyconn, "domain frequency limited"},
    ProviderRow{P::tencent, R::toomanyconn, "sender frequency limited"},
    ProviderRow{P::tencent, R::toomanyconn, "connection frequency limited"},
    ProviderRow{P::tencent, R::userunknown, "mailbox not found"},

    // Yahoo Inc. (Yahoo, AOL), https://senders.yahooinc.com/smtp-error-codes
    // AOL's own resolver answers (Sisimai's Rhost::Aol)
    ProviderRow{P::aol, R::hostunknown, "host or domain name not found"},
    ProviderRow{P::aol, R::notaccept, "type=mx: malformed or unexpected name server reply"},
    ProviderRow{P::yahoo, R::authfailure, "yahoo requires all senders to authenticate with either spf or dkim"},
    ProviderRow{P::yahoo, R::blocked, " because the ip is in spamhaus's list;"},
    ProviderRow{P::yahoo, R::blocked, "not accepted from ip addresses on spamhaus xbl"},
    ProviderRow{P::yahoo, R::norelaying, "relaying denied for "},
    ProviderRow{P::yahoo, R::notcompliantrfc, "headers are not rfc compliant"},
    ProviderRow{P::yahoo, R::policyviolation, "not accepted for policy reasons"},
    ProviderRow{P::yahoo, R::rejected, "temporarily deferred due to unexpected volume or user complaints"},
    ProviderRow{P::yahoo, R::rejected, "due to unresolvable rfc.5321 domain"},
    ProviderRow{P::yahoo, R::rejected, " will be permanently deferred"},
    ProviderRow{P::yahoo, R::speeding, "user is receiving mail too quickly"},
    ProviderRow{P::yahoo, R::suspend, " is no longer valid."},
    ProviderRow{P::yahoo, R::suspend, "this mailbox is disabled"},
    ProviderRow{P::yahoo, R::syntaxerror, "syntax error in parameters or arguments"},
    ProviderRow{P::yahoo, R::toomanyconn, "max message per connection reached"},
    ProviderRow{P::yahoo, R::userunknown, "dd this user doesn't have a "},
    ProviderRow{P::yahoo, R::userunknown, "mailbox not found"},

    // Alibaba Mail (mxhichina) and Aliyun DirectMail
    ProviderRow{P::aliyun, R::userunknown, "mailbox not found"},
    ProviderRow{P::aliyun, R::userunknown, "invalid rcptto"},
    ProviderRow{P::aliyun, R::virusdetected, "virus infected mail rejected"},
    ProviderRow{P::aliyun, R::blocked, "reject by behaviour spam"},
    ProviderRow{P::aliyun, R::spamdetected, "reject by content spam"},
    ProviderRow{P::aliyun, R::blocked, "ip in blacklist"},
    ProviderRow{P::aliyun, R::rejected, "mail from address must be same as authorization user"},
    ProviderRow{P::aliyun, R::hostunknown, "host not found by dns resolve"},
    ProviderRow{P::aliyun, R::hostunknown, "no data by dns resolve"},
    ProviderRow{P::aliyun, R::networkerror, "dns resolve error"},
    ProviderRow{P::aliyun, R::toomanyconn, "the number of rcpts is over size"},
    ProviderRow{P::aliyun, R::mesgtoobig, "the length of data content is achieved the maximum threshold"},
    ProviderRow{P::aliyun, R::speeding, "sending quota exceeded"},

    // 263 enterprise mail: "mail size limit exceeded" is its "mailbox over capacity" reply.
    ProviderRow{P::c263, R::mailboxfull, "mail size limit exceeded"},
    ProviderRow{P::c263, R::speeding, "sending quota exceeded"},
    ProviderRow{P::c263, R::spamdetected, "content reject"},
    ProviderRow{P::c263, R::spamdetected, "spam denied"},
    ProviderRow{P::c263, R::hostunknown, "dns query error"},

    // Sina and Sohu
    ProviderRow{P::sina, R::toomanyconn, "too many connect"},
    ProviderRow{P::sohu, R::securityerror, "invalid state"},

    // Coremail's plain-English replies, seen from NetEase, Sina and hosted Coremail domains
    ProviderRow{P::netease, R::userunknown, "550 invalid user"},
    ProviderRow{P::netease, R::rejected, "user in blacklist"},
    ProviderRow{P::netease, R::suspend, "user hangup"},
    ProviderRow{P::netease, R::filtered, "user rejected"},
    ProviderRow{P::netease, R::blocked, "ip is hangup"},
    ProviderRow{P::netease, R::blocked, "ip is rejected"},
    ProviderRow{P::netease, R::blocked, "requested mail action not taken: invalid ip"},
    ProviderRow{P::netease, R::rejected, "requested mail action not taken: fake sender"},
    ProviderRow{P::netease, R::rejected, "requested action not taken: local user only"},
    ProviderRow{P::netease, R::rejected, "requested action not taken: no smtp mx only"},
    ProviderRow{P::netease, R::rejected, "sender is rejected"},
    ProviderRow{P::netease, R::policyviolation, "552 illegal attachment"},
    ProviderRow{P::netease, R::mesgtoobig, "exceeded mailsize limit"},
    ProviderRow{P::netease, R::toomanyconn, "too much recipient"},
};

constexpr std::array kCodeLabels{
    CodeLabel{P::cox, "aup#", CodeTake::word, true},             // "AUP#CXBL"
    CodeLabel{P::spectrum, "aup#", CodeTake::four_digits, true}, // "AUP#In-1310"
    CodeLabel{P::francePTT, "lpn", CodeTake::numbered_label},    // "LPN007_416"
    CodeLabel{P::francePTT, "ofr", CodeTake::numbered_label},    // "OFR_416", "OFR006_102"
    CodeLabel{P::francePTT, "ouk", CodeTake::numbered_label},
    CodeLabel{P::godaddy, " ib", CodeTake::leading_digits},      // " IB607"
    CodeLabel{P::iua, ".i.ua/err/", CodeTake::leading_digits, true},
};

constexpr std::array kCodeRows{
    // Cox "AUP#..." labels
    CodeRow{P::cox, "cxbl", R::blocked},        // IP blocked for spam-like behaviour
    CodeRow{P::cox, "cxdns", R::requireptr},    // reverse DNS of the IP fails
    CodeRow{P::cox, "cxsndr", R::authfailure},  // SPF/DKIM failure of the sending domain
    CodeRow{P::cox, "cxsmtp", R::rejected},     // SMTP protocol violation
    CodeRow{P::cox, "cxcnct", R::toomanyconn},  // too many concurrent connections
    CodeRow{P::cox, "cxmxrt", R::toomanyconn},  // too many recipients
    CodeRow{P::cox, "cdrbl", R::blocked},       // IP temporarily blocked
    CodeRow{P::cox, "cxthrt", R::securityerror},
    CodeRow{P::cox, "cxmj", R::securityerror},
    CodeRow{P::cox, "ipbl0001", R::blocked}, CodeRow{P::cox, "ipbl0010", R::blocked},
    CodeRow{P::cox, "ipbl0100", R::blocked}, CodeRow{P::cox, "ipbl0011", R::blocked},
    CodeRow{P::cox, "ipbl0101", R::blocked}, CodeRow{P::cox, "ipbl0110", R::blocked},
    CodeRow{P::cox, "ipbl0111", R::blocked}, CodeRow{P::cox, "ipbl1000", R::blocked},
    CodeRow{P::cox, "ipbl1001", R::blocked}, CodeRow{P::cox, "ipbl1010", R::blocked},
    CodeRow{P::cox, "ipbl1011", R::blocked}, CodeRow{P::cox, "ipbl1100", R::blocked},
    CodeRow{P::cox, "ipbl1101", R::blocked}, CodeRow{P::cox, "ipbl1110", R::blocked},
    CodeRow{P::cox, "ipbl1111", R::blocked}, CodeRow{P::cox, "ipbl00001", R::blocked},
    CodeRow{P::cox, "urlbl011", R::spamdetected}, CodeRow{P::cox, "urlbl101", R::spamdetected},
    CodeRow{P::cox, "urlbl110", R::spamdetected}, CodeRow{P::cox, "urlbl1001", R::spamdetected},

    // Spectrum (Charter) "AUP#I-1310" numbers,
    // https://www.spectrumbusiness.net/support/internet/understanding-email-error-codes
    CodeRow{P::spectrum, "1000", R::blocked},
    CodeRow{P::spectrum, "1010", R::rejected},
    CodeRow{P::spectrum, "1020-1080", R::rejected},
    CodeRow{P::spectrum, "1090", R::systemerror},
    CodeRow{P::spectrum, "1100-1150", R::requireptr},
    CodeRow{P::spectrum, "1160-1190", R::policyviolation},
    CodeRow{P::spectrum, "1200-1210", R::blocked},
    CodeRow{P::spectrum, "1220-1250", R::blocked},
    CodeRow{P::spectrum, "1260", R::networkerror},
    CodeRow{P::spectrum, "1300-1340", R::toomanyconn},
    CodeRow{P::spectrum, "1350-1490", R::speeding},
    CodeRow{P::spectrum, "1500", R::rejected},
    CodeRow{P::spectrum, "1520", R::rejected},
    CodeRow{P::spectrum, "1530", R::mesgtoobig},
    CodeRow{P::spectrum, "1540", R::speeding},
    CodeRow{P::spectrum, "1550", R::speeding},
    CodeRow{P::spectrum, "1560", R::policyviolation},
    CodeRow{P::spectrum, "1580", R::speeding},

    // Orange / La Poste "OFR_416", "LPN007_420"
    CodeRow{P::francePTT, "101", R::blocked},    // IP listed on Spamhaus
    CodeRow{P::francePTT, "102", R::blocked},    // IP blocked for spam incidents
    CodeRow{P::francePTT, "103", R::blocked},
    CodeRow{P::francePTT, "104", R::toomanyconn},
    CodeRow{P::francePTT, "105", R::undefined},  // "service refused, please try later"
    CodeRow{P::francePTT, "107", R::undefined},
    CodeRow{P::francePTT, "108", R::undefined},
    CodeRow{P::francePTT, "109", R::undefined},
    CodeRow{P::francePTT, "201", R::undefined},
    CodeRow{P::francePTT, "305", R::securityerror},
    CodeRow{P::francePTT, "401", R::authfailure},
    CodeRow{P::francePTT, "402", R::securityerror},
    CodeRow{P::francePTT, "403", R::rejected},
    CodeRow{P::francePTT, "405", R::rejected},
    CodeRow{P::francePTT, "415", R::rejected},
    CodeRow{P::francePTT, "416", R::userunknown},
    CodeRow{P::francePTT, "417", R::mailboxfull},
    CodeRow{P::francePTT, "418", R::userunknown},
    CodeRow{P::francePTT, "420", R::suspend},
    CodeRow{P::francePTT, "421", R::rejected},
    CodeRow{P::francePTT, "423", R::undefined},
    CodeRow{P::francePTT, "424", R::undefined},
    CodeRow{P::francePTT, "426", R::suspend},
    CodeRow{P::francePTT, "505", R::systemerror},
    CodeRow{P::francePTT, "506", R::spamdetected},
    CodeRow{P::francePTT, "510", R::blocked},
    CodeRow{P::francePTT, "513", R::undefined},
    CodeRow{P::francePTT, "514", R::mesgtoobig},
    CodeRow{P::francePTT, "517", R::authfailure},
    CodeRow{P::francePTT, "630", R::policyviolation},
    CodeRow{P::francePTT, "999", R::blocked},

    // GoDaddy " IB607"
    CodeRow{P::godaddy, "401", R::securityerror},
    CodeRow{P::godaddy, "501", R::notcompliantrfc},
    CodeRow{P::godaddy, "502", R::notcompliantrfc},
    CodeRow{P::godaddy, "506", R::rejected},
    CodeRow{P::godaddy, "508", R::authfailure},
    CodeRow{P::godaddy, "108", R::requireptr},
    CodeRow{P::godaddy, "212", R::spamdetected},
    CodeRow{P::godaddy, "705", R::virusdetected},
    CodeRow{P::godaddy, "605", R::toomanyconn},
    CodeRow{P::godaddy, "007", R::toomanyconn},
    CodeRow{P::godaddy, "101", R::speeding},
    CodeRow{P::godaddy, "110", R::blocked},
    CodeRow{P::godaddy, "111", R::blocked},
    CodeRow{P::godaddy, "112", R::blocked},
    CodeRow{P::godaddy, "113", R::blocked},
    CodeRow{P::godaddy, "504", R::speeding},
    CodeRow{P::godaddy, "510", R::speeding},
    CodeRow{P::godaddy, "607", R::speeding},
    CodeRow{P::godaddy, "103", R::badreputation},
    CodeRow{P::godaddy, "104", R::blocked},
    CodeRow{P::godaddy, "105", R::blocked},
    CodeRow{P::godaddy, "106", R::blocked},

    // i.ua "https://mail.i.ua/err/2/"
    CodeRow{P::iua, "1", R::norelaying},
    CodeRow{P::iua, "2", R::userunknown},
    CodeRow{P::iua, "3", R::suspend},
    CodeRow{P::iua, "4", R::mailboxfull},
    CodeRow{P::iua, "5", R::toomanyconn},
    CodeRow{P::iua, "6", R::norelaying},
    CodeRow{P::iua, "7", R::blocked},
    CodeRow{P::iua, "8", R::rejected},
    CodeRow{P::iua, "9", R::blocked},
    CodeRow{P::iua, "10", R::filtered},
};

}  // namespace

std::span<const ProviderHosts> provider_hosts() { return kProviderHosts; }
std::span<const ProviderRow> provider_rows() { return kProviderRows; }
std::span<const CodeLabel> code_labels() { return kCodeLabels; }
std::span<const CodeRow> code_rows() { return kCodeRows; }

}  // namespace mailkeeper::parser::reason_table
