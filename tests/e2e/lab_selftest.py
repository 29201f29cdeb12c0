#!/usr/bin/env python3
"""Self-test of postfix_lab.py: proves the lab's plumbing with NO milter.

    python3 tests/e2e/lab_selftest.py      (as root; exit 0 ok, 1 failed,
                                            77 skipped: not root / no Postfix)

Checks:
 (a) alice@our-trade.test -> buyer@live-buyer.test reaches the accepting sink;
 (b) alice -> ghost@dead-buyer.test is refused by the buyer's MX at RCPT with
     550 5.1.1 and Postfix's own DSN (multipart/report, Final-Recipient
     ghost@dead-buyer.test, Status 5.1.1) lands in alice's Maildir;
 (c) a message to bob@our-trade.test lands in bob's Maildir;
 plus: an unknown local user is refused at RCPT, an outside server (XCLIENT)
 can send a null-sender bounce to alice, header_checks HOLD shows up in
 held_messages() after postconf()+reload();
 (d) after the lab exits, nothing it started is running (pgrep) and its
     directory is gone.
"""

import os
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from postfix_lab import PostfixLab, dsn_recipients, lab_prerequisites  # noqa: E402

SKIP = 77
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)
    return cond


def msg(subject, frm="alice@our-trade.test", to="someone@example.test"):
    return ("From: %s\r\nTo: %s\r\nSubject: %s\r\nMessage-ID: <%s@our-trade.test>\r\n"
            "\r\nHello,\r\n.leading dot line\r\nbye\r\n"
            % (frm, to, subject, uuid.uuid4().hex))


def live_pgrep(pattern_args):
    """pgrep hits that are not zombies: [(pid, cmdline)]."""
    r = subprocess.run(["pgrep", "-a"] + pattern_args, capture_output=True, text=True)
    out = []
    for line in r.stdout.splitlines():
        pid, _, cmd = line.partition(" ")
        try:
            with open("/proc/%s/stat" % pid) as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    continue
        except (OSError, IndexError):
            continue
        out.append((int(pid), cmd))
    return out


def main():
    why = lab_prerequisites()
    if why:
        print("SKIP: " + why)
        return SKIP

    t0 = time.monotonic()
    lab = PostfixLab()
    with lab:
        t_start = time.monotonic() - t0
        print("lab up in %.1fs: dir=%s smtpd=127.0.0.1:%d sink=%d dead-mx=%d"
              % (t_start, lab.dir, lab.smtp_port, lab.sink_port, lab.dead_mx.port))
        ours = {p for p, _ in lab.running_processes()}
        check(len(ours) >= 3, "lab processes visible (%d)" % len(ours))

        # (a) internet delivery via the accepting sink
        subj_a = "to-live-buyer " + uuid.uuid4().hex[:8]
        r = lab.send("alice@our-trade.test", ["buyer@live-buyer.test"],
                     msg(subj_a, to="buyer@live-buyer.test"))
        check(r.code == 250 and r.queue_id, "(a) gateway accepted: %r" % (r,))
        m = lab.wait_for_sink(lambda m: m["Subject"] == subj_a, timeout=15)
        check(lab.sink_recipients(m) == ["buyer@live-buyer.test"],
              "(a) sink got it for %s" % lab.sink_recipients(m))
        check("..leading" not in m.get_content() and ".leading dot line" in m.get_content(),
              "(a) dot-stuffing round trip")

        # (b) dead buyer: 550 5.1.1 at RCPT -> Postfix DSN to alice
        subj_b = "to-dead-buyer " + uuid.uuid4().hex[:8]
        r = lab.send("alice@our-trade.test", ["ghost@dead-buyer.test"],
                     msg(subj_b, to="ghost@dead-buyer.test"))
        check(r.code == 250, "(b) gateway accepted: %r" % (r,))
        qid_b = r.queue_id

        def is_our_dsn(m):
            return (m.get_content_type() == "multipart/report"
                    and qid_b in str(m.get("Content-Type", "")) + m.as_string())

        dsn = lab.wait_for_mail("alice", is_our_dsn, timeout=15)
        check(dsn.get_content_type() == "multipart/report"
              and dsn.get_param("report-type") == "delivery-status",
              "(b) DSN is multipart/report; report-type=delivery-status")
        check(str(dsn["Return-Path"]) == "<>", "(b) DSN has null sender (Return-Path: <>)")
        recips = dsn_recipients(dsn)
        check(len(recips) == 1, "(b) one per-recipient block: %r" % recips)
        if recips:
            rb = recips[0]
            check(rb.get("final-recipient", "").replace(" ", "")
                  == "rfc822;ghost@dead-buyer.test",
                  "(b) Final-Recipient: %s" % rb.get("final-recipient"))
            check(rb.get("status") == "5.1.1", "(b) Status: %s" % rb.get("status"))
            check(rb.get("action") == "failed", "(b) Action: %s" % rb.get("action"))
            diag = " ".join(rb.get("diagnostic-code", "").split())
            check("550 5.1.1 <ghost@dead-buyer.test>: Recipient address rejected: "
                  "User unknown" in diag, "(b) Diagnostic-Code: %s" % diag)
        rej = lab.buyer_rejections()
        check(("ghost@dead-buyer.test",
               "550 5.1.1 <ghost@dead-buyer.test>: Recipient address rejected: "
               "User unknown") in rej, "(b) buyer MX rejected at RCPT: %r" % rej)
        check(not any(m["Subject"] == subj_b for m in lab.sink_messages()),
              "(b) nothing for the dead buyer reached the sink")

        # (c) local delivery to bob
        subj_c = "to-bob " + uuid.uuid4().hex[:8]
        r = lab.send("alice@our-trade.test", ["bob@our-trade.test"],
                     msg(subj_c, to="bob@our-trade.test"))
        check(r.code == 250, "(c) gateway accepted: %r" % (r,))
        m = lab.wait_for_mail("bob", lambda m: m["Subject"] == subj_c, timeout=15)
        check(str(m["Delivered-To"]) == "bob@our-trade.test",
              "(c) in bob's Maildir (Delivered-To: %s)" % m["Delivered-To"])

        # extra: unknown local user refused by our smtpd at RCPT
        r = lab.send("alice@our-trade.test", ["nobody@our-trade.test"], msg("x"))
        check(r.code == 550 and r.stage == "rcpt" and "5.1.1" in r.text,
              "unknown local user refused at RCPT: %r" % (r,))

        # extra: outside server (XCLIENT) sends a null-sender "bounce" to alice
        subj_f = "forged-bounce " + uuid.uuid4().hex[:8]
        dialogue = lab.send_raw_smtp(
            ["MAIL FROM:<>", "RCPT TO:<alice@our-trade.test>", "DATA",
             msg(subj_f, frm="MAILER-DAEMON@mx.outside.test",
                 to="alice@our-trade.test")],
            client=("203.0.113.7", "mx.outside.test"))
        codes = [(c, cmd.split(":")[0]) for cmd, c, _ in dialogue]
        check(dialogue[-2][1] == 250, "raw null-sender session: %r" % codes)
        m = lab.wait_for_mail("alice", lambda m: m["Subject"] == subj_f, timeout=15)
        received = str(m.get_all("Received")[0])
        check("203.0.113.7" in received and str(m["Return-Path"]) == "<>",
              "forged bounce delivered, seen from 203.0.113.7 with <> sender")

        # extra: postconf()+reload() and the hold queue
        hc = os.path.join(lab.config_dir, "header_checks")
        with open(hc, "w") as f:
            f.write("/^Subject: hold-me/ HOLD lab selftest\n")
        lab.postconf(header_checks="regexp:" + hc)
        lab.reload()
        r = lab.send("alice@our-trade.test", ["buyer@live-buyer.test"], msg("hold-me please"))
        held = []
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not held:
            held = lab.held_messages()
            time.sleep(0.1)
        check([h["queue_id"] for h in held] == [r.queue_id],
              "held_messages() shows the HOLD message %s" % r.queue_id)
        lab.postsuper("-d", "ALL", "hold")
        check(lab.held_messages() == [], "postsuper -d ALL hold emptied the hold queue")

        lab.wait_queue_empty(timeout=15)
        check(True, "queue empty")
        lab_dir = lab.dir
        ours |= {p for p, _ in lab.running_processes()}

    # (d) all stopped and cleaned
    left = [p for p in ours if _alive(p)]
    check(not left, "(d) none of the lab's %d processes left: %r" % (len(ours), left))
    masters = live_pgrep(["-x", "master"])
    sinks = live_pgrep(["-x", "smtp-sink"])
    mine = [x for x in masters + sinks
            if x[0] in ours or lab_dir in x[1] or _env_has(x[0], lab_dir)]
    check(not mine, "(d) pgrep: no master/smtp-sink of this lab (%r)" % mine)
    others = [x for x in masters + sinks if x not in mine]
    if others:
        print("     note: other master/smtp-sink processes on this machine: %r" % others)
    if lab.keep:
        check(os.path.isdir(lab_dir), "(d) KEEP_LAB=1: lab directory kept at %s" % lab_dir)
    else:
        check(not os.path.exists(lab_dir), "(d) lab directory removed")

    elapsed = time.monotonic() - t0
    print("%s in %.1fs" % ("FAILED (%d)" % len(failures) if failures else "PASSED", elapsed))
    return 1 if failures else 0


def _alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _env_has(pid, text):
    try:
        with open("/proc/%d/environ" % pid, "rb") as f:
            return text.encode() in f.read()
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(main())
