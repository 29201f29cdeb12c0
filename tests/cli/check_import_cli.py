#!/usr/bin/env python3
"""Black-box checks of `mailkeeper import`, `contacts export` and `orders find` on an archive this
test writes itself (a Maildir and an mbox): a bounce and a "left" auto-reply read before the sent
message they answer still act on it, a forwarded bounce is not one; a second import finds only
duplicates; a rep's answer makes the customer a contact; the CSV opens in Excel (BOM, header,
CRLF) with address, website and other emails last; the vCard is 4.0 with CRLF lines folded at 75
octets; an order's messages come oldest first.

What the analysis extracts from bodies (signatures, order numbers) is not relied on: the messages'
headers (Message-ID, From, To, Date, In-Reply-To) decide everything checked here, except the
orders part, which is skipped with a note when the import found no order numbers.

usage: check_import_cli.py MAILKEEPER
"""
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

MESSAGES = {
    # Read before the message they answer (files are read in name order): a bounce and a "left"
    # auto-reply of the shipping notice further down. The import keeps them for the end of the run.
    "bounce-first": """Return-Path: <>
Date: Tue, 24 Nov 2026 09:12:41 +0800
From: MAILER-DAEMON@gw.our-trade.test (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: alice@our-trade.test
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="dsn.1"
Message-Id: <dsn1@gw.our-trade.test>

--dsn.1
Content-Type: text/plain; charset=utf-8

This is the mail system at host gw.our-trade.test.

<ghost@buyer.test>: host mx.buyer.test[192.0.2.25] said: 550 5.1.1
    <ghost@buyer.test>: Recipient address rejected: User unknown (in reply
    to RCPT TO command)

--dsn.1
Content-Type: message/delivery-status

Reporting-MTA: dns; gw.our-trade.test

Final-Recipient: rfc822; ghost@buyer.test
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.buyer.test
Diagnostic-Code: smtp; 550 5.1.1 <ghost@buyer.test>: Recipient address rejected: User unknown

--dsn.1
Content-Type: text/rfc822-headers

From: Alice Wang <alice@our-trade.test>
To: ghost@buyer.test
Subject: Shipping notice
Message-ID: <notice1@our-trade.test>
Date: Tue, 24 Nov 2026 09:12:39 +0800

--dsn.1--
""",
    "left-first": """Return-Path: <>
From: Sam Baker <sam@buyer.test>
To: alice@our-trade.test
Subject: Auto reply: Shipping notice
Date: Tue, 24 Nov 2026 02:30:41 +0000
Message-ID: <autoreply.sam@buyer.test>
In-Reply-To: <notice1@our-trade.test>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Thank you for your message.

Sam Baker has left the company and this mailbox is no longer monitored.
Please contact Jane Smith (jane@buyer.test) for all orders and shipments.

Buyer Trading Ltd.
""",
    # a customer forwarding a bounce he got is no bounce: Tom stays alive
    "forwarded-bounce": """Return-Path: <tom@buyer.test>
From: Tom Li <tom@buyer.test>
To: alice@our-trade.test
Subject: Fwd: Undelivered Mail Returned to Sender
Date: Tue, 24 Nov 2026 10:00:00 +0800
Message-ID: <fwd1@buyer.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="fwd.1"

--fwd.1
Content-Type: text/plain; charset=utf-8

Alice, my mail to our warehouse bounced, see below. Tom

--fwd.1
Content-Type: message/rfc822

Return-Path: <>
From: MAILER-DAEMON@mx.buyer.test (Mail Delivery System)
To: tom@buyer.test
Subject: Undelivered Mail Returned to Sender
Date: Tue, 24 Nov 2026 09:00:00 +0800
Message-Id: <dsn2@mx.buyer.test>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="dsn.2"

--dsn.2
Content-Type: text/plain; charset=utf-8

<tom@buyer.test>: 550 5.1.1 User unknown

--dsn.2
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.buyer.test

Final-Recipient: rfc822; tom@buyer.test
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <tom@buyer.test>: User unknown

--dsn.2
Content-Type: text/rfc822-headers

From: Alice Wang <alice@our-trade.test>
To: tom@buyer.test
Subject: Quotation PO2026041
Message-ID: <q1@our-trade.test>

--dsn.2--

--fwd.1--
""",
    # an inquiry from a company we never wrote to ...
    "inquiry": """From: Mary Stone <mary@newbuyer.test>
To: Alice Wang <alice@our-trade.test>
Subject: Inquiry: 2000 pcs LED panels, PO 2026-041
Date: Wed, 18 Nov 2026 08:00:00 +0000
Message-ID: <inq1@newbuyer.test>

Dear Alice,

please quote 2000 pcs for our PO 2026-041.

Best regards
Mary Stone
Purchasing Manager
""",
    # ... answered by a rep two hours later
    "answer": """From: Alice Wang <alice@our-trade.test>
To: Mary Stone <mary@newbuyer.test>
Subject: Re: Inquiry: 2000 pcs LED panels, PO 2026-041
Date: Wed, 18 Nov 2026 10:00:00 +0000
Message-ID: <ans1@our-trade.test>
In-Reply-To: <inq1@newbuyer.test>
References: <inq1@newbuyer.test>

Dear Mary,

our PI for PO-2026-041 is attached.

Alice
""",
    "quote": """From: Alice Wang <alice@our-trade.test>
To: Tom Li <tom@buyer.test>, Bob <bob@our-trade.test>
Subject: Quotation PO2026041
Date: Fri, 20 Nov 2026 09:30:00 +0800
Message-ID: <q1@our-trade.test>

Dear Tom, please find our quotation.
""",
    # no Message-ID: the import names it by a digest of its bytes
    "no-id": """From: Tom Li <tom@buyer.test>
To: alice@our-trade.test
Subject: Re: Quotation
Date: Sat, 21 Nov 2026 10:00:00 +0800

Thank you, we will check.
""",
}

MBOX = """From mary@newbuyer.test Sat Nov 21 12:00:00 2026
From: Mary Stone <mary@newbuyer.test>
To: alice@our-trade.test
Subject: Confirmed: PO-2026-041
Date: Sat, 21 Nov 2026 12:00:00 +0000
Message-ID: <conf1@newbuyer.test>

We confirm PO-2026-041.

From alice@our-trade.test Sun Nov 22 12:00:00 2026
From: Alice Wang <alice@our-trade.test>
To: Mary Stone <mary@newbuyer.test>, 王经理 <wang.jingli@newbuyer.test>
Subject: =?UTF-8?B?5Y+R6LSn6YCa55+lIOWQiOWQjA==?= PO-2026-041 shipping advice with a subject long enough to fold
Date: Sun, 22 Nov 2026 12:00:00 +0000
Message-ID: <ship1@our-trade.test>

Shipping advice.

From alice@our-trade.test Mon Nov 23 12:00:00 2026
From: Alice Wang <alice@our-trade.test>
To: ghost@buyer.test, Sam Baker <sam@buyer.test>
Subject: Shipping notice
Date: Tue, 24 Nov 2026 09:12:39 +0800
Message-ID: <notice1@our-trade.test>

The goods leave on Friday.
"""

HEADER = ("name,company,country,email,phones,title,linkedin,whatsapp,wechat,source,first_contact,"
          "last_inbound,last_outbound,status,owner,address,website,emails")


def run(mk, *args):
    return subprocess.run([mk, *args], capture_output=True)


def summary(stdout):
    out = {}
    for line in stdout.decode().splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.split()[0] if value.split() else ""
    return out


def main():
    mk = sys.argv[1]
    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)
        return cond

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "mk.db")
        config = os.path.join(tmp, "mailkeeper.yaml")
        with open(config, "w") as f:
            f.write(f"direction:\n  internal_domains: [our-trade.test]\ndatabase:\n  path: {db}\n")
        maildir = os.path.join(tmp, "Maildir")
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(maildir, sub))
        for i, (name, text) in enumerate(MESSAGES.items()):
            with open(os.path.join(maildir, "cur", f"17950000{i:02d}.M{i}P1.host:2,S"), "w") as f:
                f.write(text)
        # a message being delivered is not a message yet
        with open(os.path.join(maildir, "tmp", "half-written"), "w") as f:
            f.write("From: x@y.test\n")
        mbox = os.path.join(tmp, "archive.mbox")
        with open(mbox, "w") as f:
            f.write(MBOX)
        total = len(MESSAGES) + 3

        r = run(mk, "import", "--progress", "-c", config, maildir, mbox)
        first = summary(r.stdout)
        check(r.returncode == 0, f"first import: exit {r.returncode}, stderr {r.stderr!r}")
        check(first.get("read") == str(total) and first.get("new") == str(total) and first.get("duplicates") == "0",
              f"first import summary: {r.stdout!r}")
        check(b"/s" not in r.stderr, f"--progress wrote to a stderr that is not a terminal: {r.stderr!r}")
        # the bounce and the auto-reply read before the notice they answer still act on it; the
        # forwarded bounce is Tom's mail, not a report
        check(first.get("bounces") == "1", f"bounces counted: {r.stdout!r}")
        con = sqlite3.connect(db)
        state = dict(con.execute("SELECT address, state FROM contacts").fetchall())
        correlations = con.execute("SELECT recipient, correlation FROM bounces").fetchall()
        jane = con.execute("SELECT source, owner FROM contacts WHERE address = 'jane@buyer.test'").fetchall()
        sam_replaced_by = con.execute("SELECT replaced_by FROM contacts WHERE address = 'sam@buyer.test'").fetchall()
        con.close()
        check(correlations == [("ghost@buyer.test", "message-id")], f"bounces: {correlations}")
        check(state.get("ghost@buyer.test") == "dead", f"ghost's state {state.get('ghost@buyer.test')!r}")
        check(state.get("sam@buyer.test") == "left", f"sam's state {state.get('sam@buyer.test')!r}")
        check(sam_replaced_by == [("jane@buyer.test",)], f"sam replaced by {sam_replaced_by}")
        check(jane == [("replacement", "alice@our-trade.test")], f"jane: {jane}")
        check(state.get("tom@buyer.test") == "active", f"tom's state {state.get('tom@buyer.test')!r}")

        r = run(mk, "import", "--db", db, "--internal-domain", "our-trade.test", maildir, mbox)
        second = summary(r.stdout)
        check(r.returncode == 0, f"second import: exit {r.returncode}, stderr {r.stderr!r}")
        check(second.get("new") == "0" and second.get("duplicates") == str(total),
              f"second import is not all duplicates: {r.stdout!r}")
        check(second.get("contacts") == first.get("contacts"), "the second import changed the contact count")

        empty = os.path.join(tmp, "empty.eml")
        open(empty, "w").close()
        r = run(mk, "import", "--db", db, "--internal-domain", "our-trade.test", empty)
        check(r.returncode == 1 and summary(r.stdout).get("unreadable") == "1",
              f"an empty file: exit {r.returncode}, out {r.stdout!r}")

        # Signature details of many sightings, as the gateway would have stored them for the colleague
        # mary copied (written here directly, to check merging and every export form)
        con = sqlite3.connect(db)
        con.executemany(
            "INSERT INTO contact_details(address, field, value, confidence, first_seen, last_seen, sightings) "
            "VALUES('wang.jingli@newbuyer.test', ?, ?, ?, 1795000000, 1795000000, 1)",
            [("name", "李明", 0.9), ("name", "Li Ming?", 0.2),
             ("company", "深圳市新买家国际贸易有限公司 (New Buyer International Trading Co., Ltd.)", 0.8),
             ("title", "Purchasing Manager; Asia", 0.7), ("phone:mobile", "+8613812345678", 0.9),
             ("phone:fax", "+862161234567", 0.6), ("whatsapp", "+8613812345678", 0.8), ("wechat", "liming_sz", 0.8),
             ("address", "88 Shennan Road, Futian, Shenzhen", 0.7), ("website", "www.newbuyer.test", 0.8),
             ("email", "li.ming@newbuyer.test", 0.8), ("email", "sales@newbuyer.test", 0.6),
             ("email", "wang.jingli@newbuyer.test", 0.9)])
        con.commit()
        con.close()

        # CSV for Excel
        out_csv = os.path.join(tmp, "contacts.csv")
        r = run(mk, "contacts", "export", "--format", "csv", "-o", out_csv, "--db", db)
        check(r.returncode == 0, f"export csv: exit {r.returncode}, stderr {r.stderr!r}")
        data = open(out_csv, "rb").read()
        check(data.startswith(b"\xef\xbb\xbf"), "the CSV does not start with a UTF-8 BOM")
        check(data[3:].startswith(HEADER.encode() + b"\r\n"), f"CSV header row: {data[:200]!r}")
        check(b"\n" not in data.replace(b"\r\n", b""), "the CSV has a line end other than CRLF")
        rows = {row["email"]: row for row in csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline=""))}
        check(set(rows) >= {"tom@buyer.test", "mary@newbuyer.test", "wang.jingli@newbuyer.test"},
              f"contacts exported: {sorted(rows)}")
        check("bob@our-trade.test" not in rows, "a colleague was exported as a contact")
        if "mary@newbuyer.test" in rows:
            mary = rows["mary@newbuyer.test"]
            check(mary["source"] == "reply", f"an answered inquiry's sender has source {mary['source']!r}")
            check(mary["owner"] == "alice@our-trade.test", f"mary's owner {mary['owner']!r}")
            check(mary["first_contact"].startswith("2026-11-18"), f"mary's first contact {mary['first_contact']!r}")
            # read from her inquiry's signature by the import itself
            check(mary["name"] == "Mary Stone", f"mary's name from her signature {mary['name']!r}")
            check(mary["title"] == "Purchasing Manager", f"mary's title from her signature {mary['title']!r}")
        if "wang.jingli@newbuyer.test" in rows:
            wang = rows["wang.jingli@newbuyer.test"]
            check(wang["name"] == "李明", f"the most confident name {wang['name']!r}")
            check(wang["phones"] == "mobile: +8613812345678; fax: +862161234567", f"phones {wang['phones']!r}")
            check(wang["whatsapp"] == "'+8613812345678", f"a value starting with + is not guarded: {wang['whatsapp']!r}")
            check(wang["title"] == "Purchasing Manager; Asia", f"title {wang['title']!r}")
            check(wang["address"] == "88 Shennan Road, Futian, Shenzhen", f"address {wang['address']!r}")
            check(wang["website"] == "www.newbuyer.test", f"website {wang['website']!r}")
            # the other addresses of the signatures, surest first; the contact's own is its key
            check(wang["emails"] == "li.ming@newbuyer.test; sales@newbuyer.test", f"emails {wang['emails']!r}")
        if "tom@buyer.test" in rows:
            check(rows["tom@buyer.test"]["source"] == "outbound", "tom's source")
            check(rows["tom@buyer.test"]["status"] == "active", "tom's status")

        # reply times: the inquiry answered after two hours
        con = sqlite3.connect(db)
        replies = con.execute("SELECT inbound_message_id, rep, replied_at - received_at FROM replies").fetchall()
        check(replies == [("inq1@newbuyer.test", "alice@our-trade.test", 7200)], f"reply times: {replies}")
        version = con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        check(version == 3, f"schema version {version}")
        orders_found = con.execute("SELECT COUNT(*) FROM order_sightings").fetchone()[0]
        con.close()

        # JSON Lines
        r = run(mk, "contacts", "export", "--format", "json", "--db", db)
        check(r.returncode == 0, f"export json: exit {r.returncode}")
        lines = [json.loads(line) for line in r.stdout.decode().splitlines()]
        check(len(lines) == len(rows), f"{len(lines)} JSON lines for {len(rows)} CSV rows")
        check(all(set(HEADER.split(",")) <= set(x) for x in lines), "a JSON line lacks a column")

        # vCard 4.0
        r = run(mk, "contacts", "export", "--format", "vcard", "--db", db)
        check(r.returncode == 0, f"export vcard: exit {r.returncode}")
        vcf = r.stdout
        check(vcf.endswith(b"\r\n") and b"\n" not in vcf.replace(b"\r\n", b""), "vCard lines do not all end in CRLF")
        physical = vcf.split(b"\r\n")[:-1]
        check(all(len(line) <= 75 for line in physical), "a vCard line is longer than 75 octets")
        for line in physical:
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                failures.append(f"a folded vCard line splits a UTF-8 sequence: {line!r}")
                break
        check(any(line.startswith(b" ") for line in physical), "no vCard line was folded (the NOTE lines are long)")
        logical = vcf.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")[:-1]
        begins = [i for i, line in enumerate(logical) if line == "BEGIN:VCARD"]
        check(len(begins) == len(rows) and logical.count("END:VCARD") == len(rows), "BEGIN/END:VCARD per contact")
        check(all(logical[i + 1] == "VERSION:4.0" for i in begins), "VERSION:4.0 does not follow BEGIN:VCARD")
        check(sum(line.startswith("FN:") for line in logical) == len(rows), "an FN per card")
        for expected in ("EMAIL;PREF=1:wang.jingli@newbuyer.test", "FN:李明", "N:李;明;;;", "TITLE:Purchasing Manager\\; Asia",
                         "ORG:深圳市新买家国际贸易有限公司 (New Buyer International Trading Co.\\, Ltd.)",
                         "TEL;VALUE=uri;TYPE=cell:tel:+8613812345678", 'TEL;VALUE=uri;TYPE="work,fax":tel:+862161234567',
                         "SOCIALPROFILE;SERVICE-TYPE=WhatsApp:https://wa.me/8613812345678",
                         "SOCIALPROFILE;SERVICE-TYPE=WeChat;VALUE=text:liming_sz"):
            check(expected in logical, f"vCard line {expected!r} missing")

        r = run(mk, "contacts", "export", "--format", "xls", "--db", db)
        check(r.returncode == 2 and b"--format must be" in r.stderr, f"bad --format: exit {r.returncode}")

        # orders
        check(orders_found > 0, "the import indexed no order numbers")
        r = run(mk, "orders", "find", "po 2026-041", "--json", "--db", db)
        check(r.returncode == 0, f"orders find: exit {r.returncode}, stderr {r.stderr!r}")
        found = [json.loads(line) for line in r.stdout.decode().splitlines()]
        dates = [m["date"] for m in found]
        check(len(found) >= 2 and dates == sorted(dates), f"orders find, oldest first: {dates}")
        r = run(mk, "orders", "find", "NO-SUCH-9999", "--db", db)
        check(r.returncode == 1 and b"no message" in r.stderr, f"unknown order: exit {r.returncode}, {r.stderr!r}")

    for f in failures:
        print("FAIL:", f)
    print("ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
