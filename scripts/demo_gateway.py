#!/usr/bin/env python3
"""A walk through mailkeeper on a private Postfix (loopback only, removed at the end).

A sales rep mails two buyers; one address is dead. Postfix's bounce passes mailkeeper-milter,
the contact turns dead with its evidence, the rep gets an alert in Chinese, and the next mail to
the dead address is stopped by the guard.

Usage (as root): demo_gateway.py MAILKEEPER_MILTER MAILKEEPER ETC_DIR
"""

import os
import signal
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e"))
from postfix_lab import PostfixLab, lab_prerequisites  # noqa: E402
from mailkeeper_lab import Milter, message, subject_of, wait_until, work_dir, write_config  # noqa: E402

REP_PC = ("10.20.0.15", "pc15.office.our-trade.test")


def say(text: str) -> None:
    print("\n\033[1m== " + text + "\033[0m", flush=True)


def main() -> int:
    milter_bin, cli_bin, etc_dir = (os.path.abspath(a) for a in sys.argv[1:4])
    reason = lab_prerequisites()
    if reason:
        print("demo: " + reason)
        return 1
    work = work_dir("mailkeeper-demo-")
    sock, db, config = (os.path.join(work, n) for n in ("milter.sock", "mailkeeper.db", "mailkeeper.yaml"))
    milter = Milter(milter_bin, config, os.path.join(work, "milter.log"))

    def cli(*args):
        r = subprocess.run([cli_bin, *args, "--db", db], capture_output=True, text=True)
        print("$ mailkeeper " + " ".join(args) + "\n" + r.stdout + r.stderr, end="")

    say("starting a private Postfix (gw.our-trade.test) with mailkeeper-milter on " + sock)
    with PostfixLab(milter=f"unix:{sock}", main_cf={"mynetworks": "127.0.0.0/8 10.0.0.0/8"}) as lab:
        write_config(config, sock=sock, db=db, smtp_port=lab.smtp_port,
                     templates_dir=os.path.join(etc_dir, "templates"), guard="reject", language="zh",
                     log_level="info")
        milter.start(sock)
        try:
            alice = "alice@our-trade.test"
            say("alice mails tom@live-buyer.test and ghost@dead-buyer.test (whose server answers 550 5.1.1)")
            lab.dead_mx.known.add("lily@dead-buyer.test")
            for to, subject, mid in (("tom@live-buyer.test", "Price list 2027", "pl@our-trade.test"),
                                     ("lily@dead-buyer.test", "Samples", "s1@our-trade.test"),
                                     ("ghost@dead-buyer.test", "=?UTF-8?B?5oql5Lu35Y2VIFBJLTIwMjYtMDQx?=", "q41@our-trade.test")):
                r = lab.send(alice, [to], message(alice, to, subject, mid), client=REP_PC)
                print(f"  to {to}: {r.code} {r.text}")
            dsn = lab.wait_for_mail("alice", lambda m: m.get_content_type() == "multipart/report", timeout=30)
            print("  Postfix's bounce reached alice, tagged by the milter:")
            for h in dsn.get_all("X-Mailkeeper-Bounce", []):
                print("    X-Mailkeeper-Bounce: " + h)

            say("the contact base")
            wait_until(lambda: subprocess.run([cli_bin, "contacts", "list", "--status", "dead", "--db", db],
                                              capture_output=True, text=True).stdout.count("\n") > 1, 10, "the dead contact")
            cli("contacts", "list")
            cli("contacts", "show", "ghost@dead-buyer.test")

            say("the alert in alice's mailbox")
            alert = lab.wait_for_mail("alice", lambda m: m.get("X-Mailkeeper-Alert"), timeout=30)
            print("Subject: " + subject_of(alert) + "\n\n" + alert.get_content())
            cli("alerts", "list")

            say("alice writes to ghost@dead-buyer.test again: the guard refuses that recipient")
            r = lab.send(alice, ["ghost@dead-buyer.test"], message(alice, "ghost@dead-buyer.test", "Re: quote", "q42@our-trade.test"),
                         client=REP_PC)
            print(f"  {r.code} {r.text}")
        finally:
            milter.stop(signal.SIGTERM)
        say("milter log")
        print(milter.log_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
