#!/usr/bin/env python3
"""Writes the reply/signature test messages of this folder (our own, made up) and expected.json:
for each message the sender's signature lines (null when there is none) and the quote style that
find the history. Quote headers follow what each client writes (Outlook, Gmail, Apple Mail,
Foxmail, QQ mail, NetEase), in English and Chinese; bodies come in UTF-8, GBK and HTML.

usage: python3 make_messages.py   (the output is the same bytes each time)
"""
import json
import os
from email.message import EmailMessage
from email.policy import SMTP

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = []


def case(name, sender, body, signature, style, charset="utf-8", html=False, subject="Re: Order status"):
    m = EmailMessage(policy=SMTP)
    m["From"] = sender
    m["To"] = "Li Wei <liwei@corp.example>"
    m["Subject"] = subject
    m["Date"] = "Mon, 23 Nov 2026 09:00:00 +0800"
    m["Message-ID"] = f"<{name}@test.example>"
    if html:
        m.set_content(body, subtype="html", charset=charset)
    else:
        m.set_content(body, charset=charset)
    with open(os.path.join(HERE, name + ".eml"), "wb") as f:
        f.write(m.as_bytes())
    CASES.append((name, {"signature": signature, "quote_style": style}))


case("outlook-en", "John Smith <john.smith@acme-trading.de>", """Hi Li Wei,

Please confirm the delivery date for PO 4500123.

Best regards,
John Smith
Purchasing Manager
ACME Trading GmbH
Tel: +49 89 1234 5678
www.acme-trading.de

________________________________
From: Li Wei <liwei@corp.example>
Sent: Monday, November 23, 2026 8:00 AM
To: John Smith <john.smith@acme-trading.de>
Subject: Order status

Dear John,

The goods are ready.

Best regards,
Li Wei
Sales Manager
Ningbo Sunrise Imp. & Exp. Co., Ltd.
Tel: +86 574 8788 1234
""", ["Best regards,", "John Smith", "Purchasing Manager", "ACME Trading GmbH", "Tel: +49 89 1234 5678",
      "www.acme-trading.de"], "outlook")

case("outlook-zh", "王小红 <wangxh@sunrise-nb.cn>", """李先生，您好：

附件是最新的报价单，请查收。

此致
敬礼
王小红
外贸部经理
宁波日升进出口有限公司
手机：13812345678  电话：0574-87881234
微信：wxh_2020

-----原始邮件-----
发件人: 李伟 <liwei@corp.example>
发送时间: 2026年11月22日 10:00
收件人: 王小红 <wangxh@sunrise-nb.cn>
主题: 询价

王经理：请报价。

李伟
""", ["此致", "敬礼", "王小红", "外贸部经理", "宁波日升进出口有限公司", "手机：13812345678  电话：0574-87881234",
      "微信：wxh_2020"], "original-message")

case("gmail-en", "Maria Rossi <maria.rossi@gmail.com>", """Thanks Li, that works for us.

Cheers,
Maria

On Mon, Nov 23, 2026 at 8:00 AM Li Wei <liwei@corp.example> wrote:
> Dear Maria,
> The samples left today.
>
> Best regards,
> Li Wei
""", ["Cheers,", "Maria"], "gmail")

case("gmail-zh", "陈静 <chenjing.buyer@gmail.com>", """收到，谢谢！

陈静
采购主管
手机: +86 139 0000 1111

李伟 <liwei@corp.example> 于2026年11月23日周一 上午8:00写道：
> 陈小姐，样品已寄出。
""", ["陈静", "采购主管", "手机: +86 139 0000 1111"], "gmail")

case("apple-en", "Tom Baker <tom@bakerimports.co.uk>", """Got it, thank you.

Kind regards,
Tom Baker
Director | Baker Imports Ltd
M: +44 7700 900123

Sent from my iPhone

On 23 Nov 2026, at 08:00, Li Wei <liwei@corp.example> wrote:

> Dear Tom, the invoice is attached.
""", ["Kind regards,", "Tom Baker", "Director | Baker Imports Ltd", "M: +44 7700 900123", "Sent from my iPhone"],
     "apple")

case("foxmail-zh", "张伟 <zhangwei@hx-machinery.com>", """好的，明天安排发货。

张伟
杭州恒信机械有限公司
电话：0571-88886666  传真：0571-88886667
地址：浙江省杭州市余杭区文一西路1000号

发件人：李伟
发送时间：2026-11-23 08:00
收件人：张伟
主题：发货

张总，请尽快发货。
""", ["张伟", "杭州恒信机械有限公司", "电话：0571-88886666  传真：0571-88886667", "地址：浙江省杭州市余杭区文一西路1000号"],
     "outlook")

case("foxmail-en", "Ahmed Khan <ahmed@khan-textiles.pk>", """Dear Li,

Payment has been made today, please check.

Regards
Ahmed Khan
Khan Textiles (Pvt) Ltd.
Cell/WhatsApp: +92 300 1234567

From: Li Wei
Date: 2026-11-22 17:00
To: Ahmed Khan
Subject: Proforma invoice PI-2026-118

Dear Ahmed, please find our PI attached.
""", ["Regards", "Ahmed Khan", "Khan Textiles (Pvt) Ltd.", "Cell/WhatsApp: +92 300 1234567"], "foxmail")

case("qq-zh", "刘洋 <123456789@qq.com>", """李经理，价格可以再优惠一点吗？

刘洋

------------------ 原始邮件 ------------------
发件人: "李伟"<liwei@corp.example>;
发送时间: 2026年11月23日(星期一) 上午8:00
收件人: "刘洋"<123456789@qq.com>;
主题: 报价

刘先生，报价如附件。
""", ["刘洋"], "qq")

case("netease-zh", "赵敏 <zhaomin_trade@163.com>", """李先生：
样品收到了，质量不错，下周下单。
祝好
赵敏
在 2026-11-23 08:00:00，"李伟" <liwei@corp.example> 写道：
>样品已于今天寄出。
""", ["祝好", "赵敏"], "netease")

case("forwarded-en", "Peter Novak <p.novak@novak-export.cz>", """Li Wei, see below from our warehouse.

Peter

---------- Forwarded message ---------
From: Warehouse <warehouse@novak-export.cz>
Date: Mon, Nov 23, 2026 at 7:00 AM
Subject: Delivery
To: Peter Novak <p.novak@novak-export.cz>

Goods received, 2 cartons damaged.

Jana Dvorak
Warehouse Supervisor
""", ["Peter"], "forwarded")

case("no-signature", "Mike Brown <mike@brown-supply.com>", """ok, go ahead with the shipment

-----Original Message-----
From: Li Wei [mailto:liwei@corp.example]
Sent: Monday, November 23, 2026 8:00 AM
To: Mike Brown
Subject: Shipment

Mike, can we ship on Friday?

Li Wei
Sales
""", None, "original-message")

case("dash-delimiter", "Ana Silva <ana.silva@silva.com.br>", """Olá Li,

We need 500 more units before Christmas. Can you make it?

Obrigada,
Ana Silva
--
Silva Importadora Ltda.
Tel: +55 11 3456-7890
Skype: ana.silva.br
""", ["Obrigada,", "Ana Silva", "--", "Silva Importadora Ltda.", "Tel: +55 11 3456-7890", "Skype: ana.silva.br"], None)

case("gbk-zh", "孙丽 <sunli@hongda-toys.cn>", """李总您好：

订单PO-2026-077的尾款已付，请安排发货。

顺祝商祺
孙丽 Lily
宏达玩具有限公司 采购部
手机/微信：13900001234
""", ["顺祝商祺", "孙丽 Lily", "宏达玩具有限公司 采购部", "手机/微信：13900001234"], None, charset="gbk")

case("html-en", "Carlos Mendez <carlos@mendez-group.mx>", """<html><body>
<p>Hello Li,</p>
<p>The container arrived in Manzanillo today. Thank you for the quick shipment.</p>
<p>Best regards,<br>
Carlos Mendez<br>
Import Manager<br>
Mendez Group S.A. de C.V.<br>
Tel. +52 55 1234 5678</p>
<blockquote>
<div>From: Li Wei &lt;liwei@corp.example&gt;<br>Sent: Monday, November 23, 2026<br>To: Carlos Mendez<br>Subject: ETA</div>
<p>Dear Carlos, ETA is Monday.</p>
</blockquote>
</body></html>
""", ["Best regards,", "Carlos Mendez", "Import Manager", "Mendez Group S.A. de C.V.", "Tel. +52 55 1234 5678"],
     "outlook", html=True)

case("thanks-only", "Kate Lee <kate.lee@leeandco.com.au>", """Received, all good.

Thanks
""", None, None)

case("list-ending", "Hans Weber <h.weber@weber-werkzeuge.de>", """Li Wei,

Here is the packing list you asked for:

Carton 1
Carton 2
Carton 3
""", None, None)

with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(dict(CASES), f, ensure_ascii=False, indent=1, sort_keys=True)
    f.write("\n")
print(f"{len(CASES)} messages")
