#!/usr/bin/env python3
"""Contacts, orders and auto-replies from the mail stream, on a real Postfix, end to end.

A rep sends a quotation for an order; the buyer answers with his signature and the order number;
the gateway tags the answer, files the buyer's card (name, title, company, phones in E.164) and
indexes both messages under the order; the rep answers and the reply time is kept. Another buyer's
mailbox answers "has left the company, please contact jane@..." automatically: the contact is
`left`, Jane is linked and becomes a contact, and the rep's mailbox holds the alert naming her. A
"left" reply from someone nobody mailed changes nothing. `contacts export` gives the CRM's view.

Usage: contacts_e2e.py MAILKEEPER_MILTER MAILKEEPER REPO_ETC_DIR
Exit 0 on success, 1 on failure, 77 (skipped) without root or Postfix.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from postfix_lab import PostfixLab  # noqa: E402
from mailkeeper_lab import Scenario, check, step, message, subject_of, wait_until, write_config  # noqa: E402

REP_CLIENT = ("10.20.0.15", "pc15.office.our-trade.test")
OUTSIDE = ("198.51.100.7", "mx.live-buyer.test")
ALICE = "alice@our-trade.test"


def main() -> int:
    sc = Scenario(sys.argv, __doc__, "mk-contacts-")
    if sc.exit_status is not None:
        return sc.exit_status

    def cli(*args) -> subprocess.CompletedProcess:
        return subprocess.run([sc.cli_bin, *args, "--db", sc.db], capture_output=True, text=True)

    def contact(addr: str):
        r = cli("contacts", "show", addr, "--json")
        return json.loads(r.stdout) if r.returncode == 0 else None

    with PostfixLab(milter=f"unix:{sc.sock}", milter_default_action="accept",
                    main_cf={"mynetworks": "127.0.0.0/8 10.0.0.0/8"}) as lab:
        write_config(sc.config_path, sock=sc.sock, db=sc.db, smtp_port=lab.smtp_port, templates_dir=sc.templates_dir)
        sc.run(lab, lambda: run_scenario(lab, cli, contact, sc.db))
    return 0


def run_scenario(lab, cli, contact, db) -> None:
    step("a rep sends a quotation for an order to a buyer")
    r = lab.send(ALICE, ["tom@live-buyer.test"],
                 message(ALICE, "Tom Baker <tom@live-buyer.test>", "Quotation for PO 7788123", "q-7788@our-trade.test",
                         "Dear Tom,\r\n\r\nplease find our quotation for your PO 7788123.\r\n\r\nAlice\r\n"),
                 client=REP_CLIENT)
    check(r.code == 250, "the quotation is accepted", str(r))
    wait_until(lambda: contact("tom@live-buyer.test"), 10, "tom to be a contact")

    step("the buyer answers with his signature: tagged, indexed, his card filed")
    body = ("Alice,\r\n\r\nthe price is fine, please send the PI for PO 7788123.\r\n\r\n"
            "Best regards,\r\nTom Baker\r\nPurchasing Manager\r\nBaker Imports Ltd\r\n"
            "Tel: +44 20 7946 0018\r\nMob/WhatsApp: +44 7700 900123\r\n\r\n"
            "-----Original Message-----\r\nFrom: Alice <alice@our-trade.test>\r\nSent: Monday\r\n"
            "To: Tom Baker\r\nSubject: Quotation for PO 7788123\r\n\r\nDear Tom,\r\nAlice\r\nSales Manager\r\n"
            "Tel: +86 574 8788 1234\r\n")
    raw = message("Tom Baker <tom@live-buyer.test>", ALICE, "Re: Quotation for PO 7788123", "t-1@live-buyer.test", body)
    raw = raw.replace("\r\nMIME-Version", "\r\nIn-Reply-To: <q-7788@our-trade.test>\r\nMIME-Version", 1)
    r = lab.send("tom@live-buyer.test", [ALICE], raw, client=OUTSIDE)
    check(r.code == 250, "the answer is accepted", str(r))
    answer = lab.wait_for_mail("alice", lambda m: m.get("Message-ID") == "<t-1@live-buyer.test>", timeout=30)
    tags = answer.get("X-Mailkeeper-Tags", "")
    check("order" in tags, "the answer carries X-Mailkeeper-Tags with order", tags)

    def tom_card():
        r = cli("contacts", "export", "--format", "json")
        cards = [json.loads(line) for line in r.stdout.splitlines()]
        return next((c for c in cards if c.get("email") == "tom@live-buyer.test" and c.get("name")), None)

    card = wait_until(tom_card, 10, "tom's card")
    check(card["name"] == "Tom Baker", "his name from the signature", json.dumps(card))
    check(card["title"] == "Purchasing Manager", "his title", json.dumps(card))
    check(card["company"] == "Baker Imports Ltd", "his company", json.dumps(card))
    check("+442079460018" in json.dumps(card) and "+447700900123" in json.dumps(card),
          "his phones in E.164, and not Alice's from the quoted history", json.dumps(card))
    check("+8657487881234" not in json.dumps(card), "the quoted rep's phone is not on the buyer's card", json.dumps(card))

    step("orders find: both messages of the order, oldest first")
    r = cli("orders", "find", "PO 7788123", "--json")
    found = [json.loads(line) for line in r.stdout.splitlines()]
    ids = [m["message_id"] for m in found]
    check(ids == ["q-7788@our-trade.test", "t-1@live-buyer.test"], "the quotation, then the answer", r.stdout + r.stderr)

    step("the rep answers: the reply time is kept")
    raw = message(ALICE, "tom@live-buyer.test", "Re: Re: Quotation for PO 7788123", "a-1@our-trade.test", "PI attached.\r\n")
    raw = raw.replace("\r\nMIME-Version", "\r\nIn-Reply-To: <t-1@live-buyer.test>\r\nMIME-Version", 1)
    check(lab.send(ALICE, ["tom@live-buyer.test"], raw, client=REP_CLIENT).code == 250, "the rep's answer is accepted")

    def replies():
        con = sqlite3.connect(db)
        try:
            return con.execute("SELECT inbound_message_id, customer, rep FROM replies").fetchall()
        finally:
            con.close()

    rows = wait_until(lambda: replies() or None, 10, "the reply time")
    check(rows == [("t-1@live-buyer.test", "tom@live-buyer.test", ALICE)], "one answered message", str(rows))

    step("a buyer has left: her mailbox's automatic reply makes her left and names her successor")
    r = lab.send(ALICE, ["lily@live-buyer.test"], message(ALICE, "lily@live-buyer.test", "New catalogue", "cat-1@our-trade.test"),
                 client=REP_CLIENT)
    check(r.code == 250, "the rep's mail to lily is accepted", str(r))
    wait_until(lambda: contact("lily@live-buyer.test"), 10, "lily to be a contact")
    auto = ("From: Lily Chen <lily@live-buyer.test>\r\nTo: alice@our-trade.test\r\n"
            "Subject: Automatic reply: New catalogue\r\nMessage-ID: <auto-1@live-buyer.test>\r\n"
            "In-Reply-To: <cat-1@our-trade.test>\r\nAuto-Submitted: auto-replied\r\n"
            "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "Thank you for your email. Lily Chen is no longer with Live Buyer Ltd.\r\n"
            "Please contact Jane Wu (jane@live-buyer.test) for all purchasing matters.\r\n")
    check(lab.send("", [ALICE], auto, client=OUTSIDE).code == 250, "the automatic reply is accepted (null sender)")
    lily = wait_until(lambda: (c := contact("lily@live-buyer.test")) and c["state"] == "left" and c, 10, "lily to be left")
    check(lily["history"][-1]["cause"] == "auto-reply", "the change names the auto-reply", json.dumps(lily["history"][-1]))
    check(contact("jane@live-buyer.test") is not None, "jane is a contact now")
    alert = lab.wait_for_mail("alice", lambda m: m.get("X-Mailkeeper-Alert") == "left", timeout=30)
    text = alert.get_content()
    check("lily@live-buyer.test" in subject_of(alert) + text, "the alert names lily", subject_of(alert))
    check("jane@live-buyer.test" in text, "the alert names her successor", text)

    step("a 'left' reply from someone nobody mailed changes nothing")
    stray = auto.replace("lily@live-buyer.test", "ann@live-buyer.test").replace("auto-1@", "auto-2@") \
        .replace("In-Reply-To: <cat-1@our-trade.test>\r\n", "")
    check(lab.send("", [ALICE], stray, client=OUTSIDE).code == 250, "the stray reply is accepted")
    lab.wait_for_mail("alice", lambda m: m.get("Message-ID") == "<auto-2@live-buyer.test>", timeout=30)
    ann = contact("ann@live-buyer.test")
    check(ann is None or ann["state"] == "active", "ann is not made left", json.dumps(ann))

    step("contacts export: the CRM's CSV opens in Excel with the card and the states")
    r = cli("contacts", "export", "--format", "csv")
    check(r.returncode == 0 and r.stdout.startswith("\ufeff"), "a CSV with a BOM", r.stderr)
    rows = {row["email"]: row for row in csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"), newline=""))}
    check(rows.get("tom@live-buyer.test", {}).get("name") == "Tom Baker", "tom's row has his name", str(rows.get("tom@live-buyer.test")))
    check(rows.get("lily@live-buyer.test", {}).get("status") == "left", "lily's row says left", str(rows.get("lily@live-buyer.test")))


if __name__ == "__main__":
    sys.exit(main())
