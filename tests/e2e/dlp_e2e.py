#!/usr/bin/env python3
"""DLP on a real Postfix, end to end.

The rules of etc/rules.d/10-finance.yaml plus a file of this test's own: a rep's mail with a
spaced Traditional 合 同 總 價 is held in Postfix's hold queue, listed by `mailkeeper quarantine
list` with its rule, released by `mailkeeper quarantine release` and delivered; another held one
is deleted and never leaves; three ID numbers are refused at SMTP with 550 5.7.1 and the rule's
text; a quotation is tagged (X-Mailkeeper-DLP and a subject prefix) and delivered; a rule with
`notify` mails the compliance officer an incident with a masked excerpt; a forged X-Mailkeeper-DLP
from outside is removed; a broken rules file keeps the running rules, and the fixed file is picked
up without a signal.

Usage: dlp_e2e.py MAILKEEPER_MILTER MAILKEEPER REPO_ETC_DIR
Exit 0 on success, 1 on failure, 77 (skipped) without root or Postfix.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from postfix_lab import PostfixLab  # noqa: E402
from mailkeeper_lab import Scenario, check, step, message, subject_of, wait_until, write_config  # noqa: E402

REP_CLIENT = ("10.20.0.15", "pc15.office.our-trade.test")
OUTSIDE = ("198.51.100.7", "mx.customer.test")

E2E_RULES = """
rules:
  - id: quote-tag
    description: 报价单外发打标记 / quotations are tagged
    match:
      any:
        - keywords: [quotation, 报价单]
    action: tag
    subject_prefix: "[Quote]"
  - id: customer-list-notice
    description: "客户名单外发通知合规 / customer lists: the compliance officer is told"
    match:
      any:
        - keywords: [客户名单]
    action: notify
    notify: [bob@our-trade.test]
"""


def main() -> int:
    sc = Scenario(sys.argv, __doc__, "mk-dlp-")
    if sc.exit_status is not None:
        return sc.exit_status
    rules_dir = os.path.join(sc.work, "rules.d")
    os.mkdir(rules_dir)
    shutil.copy(os.path.join(sc.etc_dir, "rules.d", "10-finance.yaml"), rules_dir)
    with open(os.path.join(rules_dir, "30-e2e.yaml"), "w") as f:
        f.write(E2E_RULES)

    with PostfixLab(milter=f"unix:{sc.sock}", milter_default_action="tempfail",
                    main_cf={"mynetworks": "127.0.0.0/8 10.0.0.0/8"}) as lab:
        write_config(sc.config_path, sock=sc.sock, db=sc.db, smtp_port=lab.smtp_port, templates_dir=sc.templates_dir,
                     guard="off", rules_dir=rules_dir, postfix_config_dir=lab.config_dir)

        def cli(*args) -> subprocess.CompletedProcess:
            return subprocess.run([sc.cli_bin, *args, "--db", sc.db, "--postfix-config", lab.config_dir],
                                  capture_output=True, text=True)

        sc.run(lab, lambda: run_scenario(lab, sc.milter, cli, rules_dir))
    return 0


def held(cli) -> list:
    r = cli("quarantine", "list", "--json")
    if r.returncode != 0:
        raise AssertionError("quarantine list failed: " + r.stderr)
    return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


def run_scenario(lab, milter, cli, rules_dir) -> None:
    alice = "alice@our-trade.test"
    tom = "tom@customer.test"

    step("a contract total written spaced and in Traditional characters is held for approval")
    body = "Dear Tom,\r\n\r\n合 同 總 價 USD 1,250,000, payable in two parts.\r\n"
    r = lab.send(alice, [tom], message(alice, tom, "Order 118", "order-118@our-trade.test", body), client=REP_CLIENT)
    check(r.code == 250, "Postfix accepted the mail (the client is not told)", str(r))
    first = wait_until(lambda: held(cli), 15, "a message in the hold queue")
    check(len(first) == 1 and first[0]["rules"] == ["contract-total-price"],
          "quarantine list shows it with the rule that held it", json.dumps(first))
    check(first[0]["sender"] == alice and first[0]["recipients"] == [tom], "with its sender and recipient")
    time.sleep(1)
    check(not [m for m in lab.sink_messages() if m.get("Message-ID") == "<order-118@our-trade.test>"],
          "the held message did not leave")
    r = cli("quarantine", "show", first[0]["queue_id"])
    check(r.returncode == 0 and "contract-total-price" in r.stdout and "合 同 總 價" in r.stdout and
          "*,***,***" in r.stdout, "quarantine show has the incident with its masked excerpt", r.stdout + r.stderr)

    step("the compliance officer releases it: it is delivered, and the decision is recorded")
    r = cli("quarantine", "release", first[0]["queue_id"], "--by", "officer.wang")
    check(r.returncode == 0 and "released" in r.stdout, "quarantine release", r.stdout + r.stderr)
    lab.wait_for_sink(lambda m: m.get("Message-ID") == "<order-118@our-trade.test>", timeout=30)
    check(True, "the released message reached the internet")
    r = cli("quarantine", "show", first[0]["queue_id"])
    check("Decision: release by officer.wang" in r.stdout, "the release is recorded with who did it", r.stdout)

    step("another held message is deleted and never leaves")
    r = lab.send(alice, [tom], message(alice, tom, "Order 119", "order-119@our-trade.test",
                                       "合同总价 USD 99,000\r\n"), client=REP_CLIENT)
    check(r.code == 250, "accepted", str(r))
    second = wait_until(lambda: held(cli), 15, "the second message held")
    r = cli("quarantine", "delete", second[0]["queue_id"], "--by", "officer.wang")
    check(r.returncode == 0 and "deleted" in r.stdout, "quarantine delete", r.stdout + r.stderr)
    check(held(cli) == [], "the hold queue is empty")
    r = cli("quarantine", "release", second[0]["queue_id"])
    check(r.returncode == 1 and "not in the hold queue" in r.stderr, "a deleted message cannot be released", r.stderr)

    step("the same total to the partner alone is not held")
    r = lab.send(alice, ["ann@partner.example"], message(alice, "ann@partner.example", "Order 120",
                                                         "order-120@our-trade.test", "合同总价 USD 5\r\n"),
                 client=REP_CLIENT)
    check(r.code == 250, "accepted", str(r))
    lab.wait_for_sink(lambda m: m.get("Message-ID") == "<order-120@our-trade.test>", timeout=30)
    check(held(cli) == [], "delivered, nothing held")

    step("three resident ID numbers are refused at SMTP with the rule's text")
    r = lab.send(alice, [tom], message(alice, tom, "名单", "ids@our-trade.test",
                                       "11010519491231002X, 440524188001010014, 110101199003077352\r\n"),
                 client=REP_CLIENT)
    check(r.code == 550 and "5.7.1" in r.text and "Too many ID card numbers" in r.text,
          "550 5.7.1 Too many ID card numbers in one outbound mail", str(r))

    step("a quotation is tagged and delivered")
    r = lab.send(alice, [tom], message(alice, tom, "Offer", "offer-1@our-trade.test",
                                       "Please find our quotation below.\r\n"), client=REP_CLIENT)
    check(r.code == 250, "accepted", str(r))
    tagged = lab.wait_for_sink(lambda m: m.get("Message-ID") == "<offer-1@our-trade.test>", timeout=30)
    check(tagged.get("X-Mailkeeper-DLP") == "quote-tag", "X-Mailkeeper-DLP: quote-tag", str(tagged.get("X-Mailkeeper-DLP")))
    check(subject_of(tagged) == "[Quote] Offer", "the subject carries the prefix", subject_of(tagged))

    step("a notify rule delivers the mail and tells the compliance officer, masked")
    r = lab.send(alice, [tom], message(alice, tom, "客户名单", "list-1@our-trade.test",
                                       "客户名单: tel 13800138000\r\n"), client=REP_CLIENT)
    check(r.code == 250, "accepted", str(r))
    lab.wait_for_sink(lambda m: m.get("Message-ID") == "<list-1@our-trade.test>", timeout=30)
    notice = lab.wait_for_mail("bob", lambda m: m.get("X-Mailkeeper-Alert") == "dlp", timeout=30)
    text = notice.get_content()
    check("customer-list-notice" in subject_of(notice) and alice in text and tom in text,
          "the incident mail names the rule, the sender and the recipient", subject_of(notice) + "\n" + text)
    check("***********" in text and "13800138000" not in text, "the excerpt is masked", text)

    step("an X-Mailkeeper-DLP header from outside is removed")
    forged = ("From: stranger@customer.test\r\nTo: alice@our-trade.test\r\nSubject: hi\r\n"
              "X-Mailkeeper-DLP: approved\r\nMessage-ID: <forged-dlp@customer.test>\r\n\r\nhello\r\n")
    r = lab.send("stranger@customer.test", [alice], forged, client=OUTSIDE)
    check(r.code == 250, "accepted", str(r))
    got = lab.wait_for_mail("alice", lambda m: m.get("Message-ID") == "<forged-dlp@customer.test>", timeout=30)
    check(got.get("X-Mailkeeper-DLP") is None, "no X-Mailkeeper-DLP on the delivered message")

    step("a broken rules file keeps the running rules; the fixed file is picked up without a signal")
    with open(os.path.join(rules_dir, "40-new.yaml"), "w") as f:
        f.write("rules:\n  - id: sample-tag\n    match: {any: [{keywords: [samples]}]}\n    action: explode\n")
    wait_until(lambda: "40-new.yaml:4:13" in milter.log_text(), 15, "the reload error with file:line:column")
    r = lab.send(alice, [tom], message(alice, tom, "Offer 2", "offer-2@our-trade.test", "our quotation\r\n"),
                 client=REP_CLIENT)
    again = lab.wait_for_sink(lambda m: m.get("Message-ID") == "<offer-2@our-trade.test>", timeout=30)
    check(again.get("X-Mailkeeper-DLP") == "quote-tag", "the old rules still tag")
    with open(os.path.join(rules_dir, "40-new.yaml"), "w") as f:
        f.write("rules:\n  - id: sample-tag\n    match: {any: [{keywords: [samples]}]}\n    action: tag\n")
    wait_until(lambda: "DLP rules from" in milter.log_text().split("40-new.yaml:4:13")[-1], 15, "the fixed rules loaded")
    r = lab.send(alice, [tom], message(alice, tom, "Samples", "samples-9@our-trade.test", "the samples ship today\r\n"),
                 client=REP_CLIENT)
    new = lab.wait_for_sink(lambda m: m.get("Message-ID") == "<samples-9@our-trade.test>", timeout=30)
    check(new.get("X-Mailkeeper-DLP") == "sample-tag", "the new rule tags", str(new.get("X-Mailkeeper-DLP")))


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as e:
        print("FAIL:", e)
        sys.exit(1)
