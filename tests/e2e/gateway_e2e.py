#!/usr/bin/env python3
"""mailkeeper on a real Postfix, end to end.

A rep mails a buyer; the buyer's server refuses the address (550 5.1.1); Postfix's own DSN goes
back through mailkeeper-milter; the contact is dead, with its evidence; the rep's mailbox holds
the alert, with a live colleague at the same company as the alternative; the next mail to that
buyer is refused by the guard (550 5.1.1 naming the bounce), and after a reload to guard mode
`header` it is tagged instead; a forged bounce changes nothing; mail from the dead address revives
it; killing the milter lets mail flow per milter_default_action.

Usage: gateway_e2e.py MAILKEEPER_MILTER MAILKEEPER REPO_ETC_DIR
Exit 0 on success, 1 on failure, 77 (skipped) without root or Postfix.
"""

from __future__ import annotations

import json
import os
import pwd
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from postfix_lab import PostfixLab, dsn_recipients  # noqa: E402
from mailkeeper_lab import Scenario, check, step, message, subject_of, unfolded, wait_until, write_config  # noqa: E402

REP_CLIENT = ("10.20.0.15", "pc15.office.our-trade.test")     # a rep's PC on the office LAN
OUTSIDE = ("198.51.100.7", "mx.dead-buyer.test")               # the buyer's company mail server
FORGER = ("203.0.113.66", "mail.forger.test")


def main() -> int:
    sc = Scenario(sys.argv, __doc__, "mk-e2e-")
    if sc.exit_status is not None:
        return sc.exit_status
    milter, sock = sc.milter, sc.sock

    def cli(*args) -> subprocess.CompletedProcess:
        return subprocess.run([sc.cli_bin, *args, "--db", sc.db], capture_output=True, text=True)

    def contact(addr: str):
        r = cli("contacts", "show", addr, "--json")
        return json.loads(r.stdout) if r.returncode == 0 else None

    with PostfixLab(milter=f"unix:{sock}", milter_default_action="accept",
                    main_cf={"mynetworks": "127.0.0.0/8 10.0.0.0/8"}) as lab:
        def configure(guard: str) -> None:
            write_config(sc.config_path, sock=sock, db=sc.db, smtp_port=lab.smtp_port, templates_dir=sc.templates_dir,
                         guard=guard)

        def scenario() -> None:
            with open(f"/proc/{milter.proc.pid}/status") as status:
                uid = next(line.split()[1] for line in status if line.startswith("Uid:"))
            check(int(uid) == pwd.getpwnam("nobody").pw_uid, "the milter dropped root for milter.user (nobody)")
            run_scenario(lab, milter, cli, contact, configure, sock)

        configure("reject")
        sc.run(lab, scenario)
    return 0


def run_scenario(lab, milter, cli, contact, configure, sock) -> None:
    alice = "alice@our-trade.test"

    step("a rep mails a live buyer: the mail reaches the internet and is recorded")
    r = lab.send(alice, ["tom@live-buyer.test"], message(alice, "tom@live-buyer.test", "Price list 2027", "pl-2027@our-trade.test"),
                 client=REP_CLIENT)
    check(r.code == 250, "Postfix accepted the rep's mail", str(r))
    lab.wait_for_sink(lambda m: m.get("Message-ID") == "<pl-2027@our-trade.test>")
    wait_until(lambda: contact("tom@live-buyer.test"), 10, "the contact tom@live-buyer.test")
    check(contact("tom@live-buyer.test")["state"] == "active", "tom@live-buyer.test is an active contact")

    step("a rep mails a buyer whose address is gone: Postfix's DSN passes the milter, the contact dies")
    lab.dead_mx.known.add("lily@dead-buyer.test")
    r = lab.send(alice, ["lily@dead-buyer.test"], message(alice, "lily@dead-buyer.test", "Samples", "samples-1@our-trade.test"),
                 client=REP_CLIENT)
    check(r.code == 250, "mail to a live colleague at the buyer accepted", str(r))
    wait_until(lambda: contact("lily@dead-buyer.test"), 10, "the contact lily@dead-buyer.test")
    r = lab.send(alice, ["ghost@dead-buyer.test"],
                 message(alice, "ghost@dead-buyer.test", "=?UTF-8?B?5oql5Lu35Y2VIFBJLTIwMjYtMDQx?=", "quote-041@our-trade.test"),
                 client=REP_CLIENT)
    check(r.code == 250, "Postfix accepted the mail to the doomed address", str(r))
    dsn = lab.wait_for_mail("alice", lambda m: m.get_content_type() == "multipart/report", timeout=30)
    check(dsn_recipients(dsn)[0].get("status") == "5.1.1", "Postfix wrote a 5.1.1 DSN")
    check("userunknown; rcpt=ghost@dead-buyer.test; status=5.1.1" in dsn.get_all("X-Mailkeeper-Bounce", []),
          "the DSN carries X-Mailkeeper-Bounce", str(dsn.get_all("X-Mailkeeper-Bounce")))
    ghost = wait_until(lambda: (c := contact("ghost@dead-buyer.test")) and c["state"] == "dead" and c, 10, "ghost to be dead")
    check(ghost["state"] == "dead", "ghost@dead-buyer.test is dead")
    last = ghost["history"][-1]
    check(last["cause"] == "bounce" and "userunknown 5.1.1" in last["detail"] and "User unknown" in last["detail"],
          "the state change keeps its evidence", json.dumps(last, ensure_ascii=False))

    step("the rep's mailbox holds the alert")
    alert = lab.wait_for_mail("alice", lambda m: m.get("X-Mailkeeper-Alert") == "dead", timeout=30)
    body = alert.get_content()
    check(alert.get("Auto-Submitted") == "auto-generated", "the alert says Auto-Submitted: auto-generated")
    check("ghost@dead-buyer.test" in subject_of(alert), "the alert's subject names the dead address", subject_of(alert))
    check("mailbox does not exist" in body, "the alert says why in plain words", body)
    check("报价单 PI-2026-041" in body, "the alert quotes the original subject, decoded", body)
    check("lily@dead-buyer.test" in body, "the alert names the live colleague as the alternative", body)
    check("tom@live-buyer.test" not in body, "the alert names no one from another company", body)
    r = cli("alerts", "list", "--json")
    alerts = [json.loads(line) for line in r.stdout.splitlines()]
    check(any(a["contact"] == "ghost@dead-buyer.test" and a["status"] == "sent" for a in alerts),
          "mailkeeper alerts list shows it sent", r.stdout + r.stderr)

    step("the guard: the next mail to the dead address is refused at RCPT with the bounce's date and text")
    r = lab.send(alice, ["ghost@dead-buyer.test"], message(alice, "ghost@dead-buyer.test", "Re: quote", "quote-042@our-trade.test"),
                 client=REP_CLIENT)
    check(r.code == 550 and r.stage == "rcpt", "550 at RCPT", str(r))
    text = r.text if isinstance(r.text, str) else r.text.decode()
    check("5.1.1" in text and "bounced on" in text and "User unknown" in text, "the reply names the bounce", text)

    step("reload (SIGHUP) to guard mode header: the session goes on, the mail is tagged")
    configure("header")
    milter.send_signal(signal.SIGHUP)
    wait_until(lambda: "reload:" in milter.log_text() and "loaded" in milter.log_text(), 10, "the reload")
    check(milter.proc.poll() is None, "the milter still runs after SIGHUP")
    r = lab.send(alice, ["ghost@dead-buyer.test"], message(alice, "ghost@dead-buyer.test", "Re: quote again", "quote-043@our-trade.test"),
                 client=REP_CLIENT)
    check(r.code == 250, "accepted in header mode", str(r))
    dsn2 = lab.wait_for_mail("alice", lambda m: m.get_content_type() == "multipart/report" and "quote-043" in m.as_string(), timeout=30)
    check("X-Mailkeeper-Dead-Recipient: ghost@dead-buyer.test; since=" in unfolded(dsn2),
          "the returned headers carry X-Mailkeeper-Dead-Recipient")

    step("a forged bounce changes nothing")
    forged = ("From: MAILER-DAEMON@mail.forger.test\r\nTo: alice@our-trade.test\r\n"
              "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <forged-1@forger.test>\r\n"
              "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
              "--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
              "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mail.forger.test\r\n\r\n"
              "Final-Recipient: rfc822; tom@live-buyer.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
              "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
              "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: alice@our-trade.test\r\nTo: tom@live-buyer.test\r\n"
              "Subject: Price list 2027\r\nMessage-ID: <never-sent@our-trade.test>\r\n\r\n--b--\r\n")
    r = lab.send("", ["alice@our-trade.test"], forged, client=FORGER)
    check(r.code == 250, "the forged bounce is delivered like any mail", str(r))
    lab.wait_for_mail("alice", lambda m: m.get("Message-ID") == "<forged-1@forger.test>", timeout=30)
    wait_until(lambda: "uncorrelated" in milter.log_text(), 10, "the uncorrelated bounce in the log")
    check(contact("tom@live-buyer.test")["state"] == "active", "tom@live-buyer.test is still active")
    check(contact("tom@live-buyer.test")["history"] == [], "and has no history")
    r = cli("bounces", "list", "--uncorrelated", "--json")
    forged_rows = [json.loads(line) for line in r.stdout.splitlines()]
    check(len(forged_rows) == 1 and forged_rows[0]["original_message_id"] == "never-sent@our-trade.test"
          and forged_rows[0]["correlation"] == "none", "mailkeeper bounces list --uncorrelated shows the forgery", r.stdout)

    alerts_in_box = [m for m in lab.mailbox("alice") if m.get("X-Mailkeeper-Alert")]
    check(len(alerts_in_box) == 1, "one alert in all: none for a contact already dead, none for the forgery",
          str([subject_of(m) for m in alerts_in_box]))

    step("mailkeeper's headers arriving from outside are removed")
    r = lab.send("mailkeeper@our-trade.test", ["alice@our-trade.test"],
                 "From: mailkeeper@our-trade.test\r\nTo: alice@our-trade.test\r\nSubject: Your contact is dead\r\n"
                 "Message-ID: <phish-1@forger.test>\r\nX-Mailkeeper-Alert: dead\r\n"
                 "X-Mailkeeper-Bounce: userunknown; rcpt=boss@our-trade.test\r\n\r\nClick here.\r\n", client=FORGER)
    check(r.code == 250, "the message itself is delivered", str(r))
    phish = lab.wait_for_mail("alice", lambda m: m.get("Message-ID") == "<phish-1@forger.test>", timeout=30)
    check(phish.get("X-Mailkeeper-Alert") is None and phish.get("X-Mailkeeper-Bounce") is None,
          "without X-Mailkeeper-Alert and X-Mailkeeper-Bounce", str(phish.items()))

    step("mail from the dead address revives it")
    r = lab.send("ghost@dead-buyer.test", ["alice@our-trade.test"],
                 message("Ghost <ghost@dead-buyer.test>", alice, "Re: quote", "reply-1@dead-buyer.test"), client=OUTSIDE)
    check(r.code == 250, "the buyer's reply is accepted", str(r))
    wait_until(lambda: contact("ghost@dead-buyer.test")["state"] == "active", 10, "ghost to be active again")
    check(contact("ghost@dead-buyer.test")["history"][-1]["cause"] == "mail-received", "revived by mail received")

    step("a clean stop on SIGTERM")
    check(milter.stop(signal.SIGTERM) == 0, "exit status 0 after SIGTERM")
    check("mailkeeper-milter stopped" in milter.log_text(), "it logged its stop")

    step("started again on the same socket, then killed (SIGKILL)")
    seen = milter.log_text().count("direction=outbound")
    milter.start(sock)
    r = lab.send(alice, ["tom@live-buyer.test"], message(alice, "tom@live-buyer.test", "Back", "back-1@our-trade.test"),
                 client=REP_CLIENT)
    check(r.code == 250, "accepted", str(r))
    wait_until(lambda: milter.log_text().count("direction=outbound") > seen, 10, "the restarted milter to see the mail")
    check(True, "the restarted milter saw it")
    milter.stop(signal.SIGKILL)

    step("the milter is down: mail flows per milter_default_action = accept")
    r = lab.send(alice, ["tom@live-buyer.test"], message(alice, "tom@live-buyer.test", "While down", "down-1@our-trade.test"),
                 client=REP_CLIENT)
    check(r.code == 250, "accepted while the milter is down", str(r))
    lab.wait_for_sink(lambda m: m.get("Message-ID") == "<down-1@our-trade.test>")
    lab.set_milter(f"unix:{sock}", default_action="tempfail")
    r = lab.send(alice, ["tom@live-buyer.test"], message(alice, "tom@live-buyer.test", "While down", "down-2@our-trade.test"),
                 client=REP_CLIENT)
    check(r.code == 451, "with milter_default_action = tempfail the client is told to retry", str(r))


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as e:
        print("FAIL:", e)
        sys.exit(1)
