#!/usr/bin/env python3
# Writes the auto-reply fixtures of this folder (see README.md). Run: python3 make_fixtures.py
import base64
import os
def b(s, cs='utf-8'):
    return '=?%s?B?%s?=' % (cs.upper() if cs!='utf-8' else 'UTF-8', base64.b64encode(s.encode(cs)).decode())
def b64body(s, cs='utf-8'):
    raw = base64.b64encode(s.encode(cs)).decode()
    return '\n'.join(raw[i:i+76] for i in range(0, len(raw), 76)) + '\n'
files = {}

files['exchange-en-ooo.eml'] = ("""Received: from EUR05-AM6-obe.outbound.protection.outlook.com (mail-am6eur05on2100.outbound.protection.outlook.com [198.51.100.41])
	by mail.our-trade.example (Postfix) with ESMTPS id 5A1C2402B1
	for <li.wei@our-trade.example>; Fri, 20 Dec 2024 09:14:03 +0800 (CST)
From: Anna Becker <anna.becker@buyer-eu.example>
To: Li Wei <li.wei@our-trade.example>
Subject: Automatic reply: RE: Quotation for 304 stainless coils
Thread-Topic: Quotation for 304 stainless coils
Thread-Index: AQHbUnK4a1b2c3d4e5f6g7h8i9j0kA==
Date: Fri, 20 Dec 2024 01:13:58 +0000
Message-ID: <AM6PR07MB5541D0C2E7B1A1F6C3A9B7E2D4A62@AM6PR07MB5541.eurprd07.prod.outlook.example>
In-Reply-To: <20241220091350.7F3A@our-trade.example>
References: <20241220091350.7F3A@our-trade.example>
Auto-Submitted: auto-generated
X-MS-Has-Attach:
X-Auto-Response-Suppress: All
X-MS-Exchange-Inbox-Rules-Loop: anna.becker@buyer-eu.example
X-MS-TNEF-Correlator:
Content-Language: en-US
Content-Type: multipart/alternative;
	boundary="_000_AM6PR07MB5541D0C2E7B1A1F6C3A9B7E2D4A62_"
MIME-Version: 1.0

--_000_AM6PR07MB5541D0C2E7B1A1F6C3A9B7E2D4A62_
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

Thank you for your email.

I am out of the office until Monday, 6 January 2025 with limited access to =
email. For urgent matters please contact my colleague Jane Smith (jane.smith@=
buyer-eu.example).

Kind regards,
Anna Becker
Purchasing | Buyer Europe GmbH

--_000_AM6PR07MB5541D0C2E7B1A1F6C3A9B7E2D4A62_
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

<html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3D=
us-ascii"></head><body><p>Thank you for your email.</p><p>I am out of the off=
ice until Monday, 6 January 2025 with limited access to email. For urgent mat=
ters please contact my colleague Jane Smith (<a href=3D"mailto:jane.smith@buy=
er-eu.example">jane.smith@buyer-eu.example</a>).</p><p>Kind regards,<br>Anna =
Becker<br>Purchasing | Buyer Europe GmbH</p></body></html>

--_000_AM6PR07MB5541D0C2E7B1A1F6C3A9B7E2D4A62_--
""")

files['exchange-zh-auto-answer.eml'] = ("""Received: from mail.buyer-cn.example (mail.buyer-cn.example [203.0.113.25])
	by mail.our-trade.example (Postfix) with ESMTPS id 8E31F402C7
	for <sales@our-trade.example>; Mon, 30 Dec 2024 10:02:11 +0800 (CST)
From: =?UTF-8?B?5byg5pWP?= <zhang.min@buyer-cn.example>
To: sales <sales@our-trade.example>
Subject: %s
Thread-Topic: %s
Date: Mon, 30 Dec 2024 02:02:07 +0000
Message-ID: <5f2d7c1e8a9b4c3d@EXCH01.buyer-cn.example>
In-Reply-To: <20241230100150.88AB@our-trade.example>
Auto-Submitted: auto-generated
X-Auto-Response-Suppress: All
X-MS-Exchange-Inbox-Rules-Loop: zhang.min@buyer-cn.example
X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent
Content-Language: zh-CN
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

%s""" % (b("自动答复: 报价单 PI-88123"), b("报价单 PI-88123"),
          b64body("您好，\n\n我目前出差在外，1月3日返回办公室，期间邮件可能无法及时回复。\n紧急事务请联系李经理 li.jing@buyer-cn.example。\n\n张敏\n")))

files['gmail-vacation.eml'] = ("""Received: from mail-sor-f41.google.com (mail-sor-f41.google.com [198.51.100.66])
	by mail.our-trade.example (Postfix) with ESMTPS id 1B7E0402D9
	for <chen.jie@our-trade.example>; Thu, 19 Dec 2024 22:41:09 +0800 (CST)
MIME-Version: 1.0
From: Mike Turner <mike.turner.imports@gmail.com>
Date: Thu, 19 Dec 2024 06:41:05 -0800
Message-ID: <CAFk2zq9Z+7u1xV0jR2m@mail.gmail.com>
In-Reply-To: <20241219224050.3C1D@our-trade.example>
References: <20241219224050.3C1D@our-trade.example>
Subject: Re: Sample order for LED panels
To: Chen Jie <chen.jie@our-trade.example>
Auto-Submitted: auto-replied
Content-Type: multipart/alternative; boundary="0000000000004f1a2b062a9c3d11"

--0000000000004f1a2b062a9c3d11
Content-Type: text/plain; charset="UTF-8"

Hi,

I'm on annual leave and will be back on 3 January. I will reply to your
email when I return.

Mike

--0000000000004f1a2b062a9c3d11
Content-Type: text/html; charset="UTF-8"

<div dir="ltr">Hi,<br><br>I&#39;m on annual leave and will be back on 3 January. I will reply to your email when I return.<br><br>Mike</div>

--0000000000004f1a2b062a9c3d11--
""")

files['qq-autoreply.eml'] = ("""Received: from out203-205-221-240.mail.qq.com (out203-205-221-240.mail.qq.com [198.51.100.240])
	by mail.our-trade.example (Postfix) with ESMTPS id 6F0C5402E2
	for <sales@our-trade.example>; Tue, 07 Jan 2025 15:20:33 +0800 (CST)
X-QQ-mid: xmsmtpt1736234433tq7f2k9ab
Message-ID: <tencent_7C1D2E3F4A5B6C7D8E9F@qq.com>
From: %s <wang.lei@qq.com>
To: %s <sales@our-trade.example>
Subject: %s
Date: Tue, 7 Jan 2025 15:20:33 +0800
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

%s""" % (b("王磊"), b("销售部"), b("自动回复: 询价 - LED面板"),
          b64body("这是一封自动回复邮件。\n您好，您的邮件我已收到，我会尽快给您回复。\n")))

files['netease163-autoreply.eml'] = ("""Received: from m16.mail.163.com (m16.mail.163.com [198.51.100.16])
	by mail.our-trade.example (Postfix) with ESMTP id 2D4E1402F0
	for <sales@our-trade.example>; Wed, 22 Jan 2025 18:05:12 +0800 (CST)
X-CM-TRANSID: _____wD3fTkzGJBnq0AAAA--.1152S2
Date: Wed, 22 Jan 2025 18:05:12 +0800 (CST)
From: %s <zhao.min@163.com>
To: sales@our-trade.example
Message-ID: <6a1f2e3d.4b5c.194a7e8f9a0.Coremail.zhao.min@163.com>
Subject: %s
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

%s""" % (b("赵敏"), b("自动回复：Re: 订单 PO2023-001 交期确认"),
          b64body("您好！\n我正在休假，2月18日上班后回复您。\n春节期间如有急事，请发邮件至 chen.li@126.com 。\n")))

files['left-en-replacement.eml'] = ("""Received: from mx.buyer.example (mx.buyer.example [203.0.113.80])
	by mail.our-trade.example (Postfix) with ESMTPS id 3C9A7402F7
	for <li.wei@our-trade.example>; Tue, 14 Jan 2025 16:30:45 +0800 (CST)
From: Tom Baker <tom.baker@buyer.example>
To: li.wei@our-trade.example
Subject: Auto reply: RE: Container booking for order 5521
Date: Tue, 14 Jan 2025 08:30:41 +0000
Message-ID: <autoreply.5521.tom.baker@buyer.example>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Thank you for your message.

Tom Baker has left the company and this mailbox is no longer monitored.
Please contact Jane Smith (jane@buyer.example) for all orders and shipments.

Buyer Trading Ltd.
""")

gbk_body = "您好，\n\n张伟已离职，请联系王小姐 wang@buyer.cn。\n\n谢谢！\n"
files['left-zh-gbk.eml'] = ("""Received: from mail.buyer.cn (mail.buyer.cn [203.0.113.90])
	by mail.our-trade.example (Postfix) with ESMTP id 7E2B1402FA
	for <sales@our-trade.example>; Thu, 16 Jan 2025 09:11:02 +0800 (CST)
From: %s <zhang.wei@buyer.cn>
To: sales@our-trade.example
Subject: %s
Date: Thu, 16 Jan 2025 09:11:00 +0800
Message-ID: <202501160911000012@buyer.cn>
X-Mailer: Foxmail 7.2.25.228[cn]
MIME-Version: 1.0
Content-Type: text/plain; charset="GBK"
Content-Transfer-Encoding: base64

%s""" % (b("张伟", 'gbk'), b("自动回复：Re: 报价单", 'gbk'), b64body(gbk_body, 'gbk')))

files['left-en-no-replacement.eml'] = ("""Received: from mail.importco.example (mail.importco.example [203.0.113.120])
	by mail.our-trade.example (Postfix) with ESMTPS id 9A8B7402FE
	for <sales@our-trade.example>; Fri, 10 Jan 2025 21:02:19 +0800 (CST)
From: Mark Chen <mark.chen@importco.example>
To: sales@our-trade.example
Subject: Re: Price list 2025
Date: Fri, 10 Jan 2025 08:02:17 -0500
Message-ID: <vacation.1736514137.mark.chen@importco.example>
X-Autoreply: yes
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Please note that Mark Chen is no longer with the company.
Your email will not be forwarded.
""")

files['away-until-en.eml'] = ("""Received: from notes.textiles.example (notes.textiles.example [203.0.113.140])
	by mail.our-trade.example (Postfix) with ESMTP id 4F5E6402A0
	for <sales@our-trade.example>; Sat, 21 Dec 2024 02:45:10 +0800 (CST)
From: Paolo Rossi <p.rossi@textiles.example>
To: sales@our-trade.example
Subject: Out of Office: Re: Sample order
Date: Fri, 20 Dec 2024 19:45:08 +0100
Message-ID: <OF6A1B2C3D.4E5F6A7B-ONC1258B00@textiles.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

I am away until 3 January and will have limited access to email.
""")

files['away-until-zh.eml'] = ("""Received: from mail.fabric.example (mail.fabric.example [203.0.113.150])
	by mail.our-trade.example (Postfix) with ESMTP id 5A6B7402A3
	for <sales@our-trade.example>; Tue, 24 Dec 2024 11:20:05 +0800 (CST)
From: %s <liu.yang@fabric.example>
To: sales@our-trade.example
Subject: %s
Date: Tue, 24 Dec 2024 11:20:03 +0800
Message-ID: <20241224112003.55AA@fabric.example>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

%s""" % (b("刘洋"), b("Re: 面料样品"), b64body("您好，我休假中，1月3日返回，届时回复您。\n刘洋\n")))

files['ticket-other.eml'] = ("""Received: from helpdesk.acme.example (helpdesk.acme.example [203.0.113.160])
	by mail.our-trade.example (Postfix) with ESMTPS id 6B7C8402A9
	for <sales@our-trade.example>; Wed, 08 Jan 2025 04:12:44 +0800 (CST)
From: Acme Support <support@acme.example>
Reply-To: support@acme.example
To: sales@our-trade.example
Subject: [Ticket #48213] We received your request
Date: Tue, 07 Jan 2025 20:12:41 +0000
Message-ID: <ticket-48213-ack@helpdesk.acme.example>
Auto-Submitted: auto-replied
X-Auto-Response-Suppress: All
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Thank you for contacting Acme Support.

Your request has been received and ticket #48213 has been created.
An agent will answer within two working days.
""")

files['human-mentions-ooo.eml'] = ("""Received: from mail.buyer.example (mail.buyer.example [203.0.113.80])
	by mail.our-trade.example (Postfix) with ESMTPS id 7C8D9402B4
	for <li.wei@our-trade.example>; Thu, 19 Dec 2024 17:05:33 +0800 (CST)
From: Jane Smith <jane@buyer.example>
To: Li Wei <li.wei@our-trade.example>
Subject: Re: Quotation for 304 stainless coils
Date: Thu, 19 Dec 2024 09:05:30 +0000
Message-ID: <d41c8e2a-71f0-4b1e-9a4d-3e2f1c0b9a87@buyer.example>
In-Reply-To: <20241219170020.44F1@our-trade.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Hi Li,

Thanks for the quotation. Our purchasing manager is out of office until
6 January, so we will confirm the order after that. In the meantime please
contact me at jane@buyer.example if the price changes.

Best regards,
Jane

-----Original Message-----
From: Li Wei <li.wei@our-trade.example>
Sent: Thursday, December 19, 2024 5:00 PM
Subject: Quotation for 304 stainless coils

Dear Jane, please find our quotation attached.
""")

files['dsn-postfix.eml'] = ("""Received: by mail.our-trade.example (Postfix)
	id 2E3F4402C0; Mon, 13 Jan 2025 10:00:05 +0800 (CST)
Date: Mon, 13 Jan 2025 10:00:05 +0800 (CST)
From: MAILER-DAEMON@mail.our-trade.example (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: sales@our-trade.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="2E3F4402C0.1736733605/mail.our-trade.example"
Message-Id: <20250113020005.2E3F4402C0@mail.our-trade.example>

This is a MIME-encapsulated message.

--2E3F4402C0.1736733605/mail.our-trade.example
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.our-trade.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<old.buyer@buyer.example>: host mx.buyer.example[203.0.113.80] said: 550 5.1.1
    <old.buyer@buyer.example>: Recipient address rejected: User unknown in
    virtual mailbox table (in reply to RCPT TO command)

--2E3F4402C0.1736733605/mail.our-trade.example
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.our-trade.example
Arrival-Date: Mon, 13 Jan 2025 10:00:03 +0800 (CST)

Final-Recipient: rfc822; old.buyer@buyer.example
Original-Recipient: rfc822;old.buyer@buyer.example
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.buyer.example
Diagnostic-Code: smtp; 550 5.1.1 <old.buyer@buyer.example>: Recipient address
    rejected: User unknown in virtual mailbox table

--2E3F4402C0.1736733605/mail.our-trade.example
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: Sales <sales@our-trade.example>
To: old.buyer@buyer.example
Subject: Out of office? Our new price list
Date: Mon, 13 Jan 2025 10:00:01 +0800
Message-ID: <20250113100001.9F8E@our-trade.example>

--2E3F4402C0.1736733605/mail.our-trade.example--
""")


os.chdir(os.path.dirname(os.path.abspath(__file__)))
for name, text in files.items():
    with open(name, 'w', newline='\n') as f:
        f.write(text)
print(len(files))
