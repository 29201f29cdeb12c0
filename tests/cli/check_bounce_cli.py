#!/usr/bin/env python3
"""Black-box checks of `mailkeeper bounce --json`'s contract: an unreadable input gives an
"error" line and exit status 1 while the run goes on; a non-bounce gives "bounce": false; every
message of an mbox is reported with its 1-based index.

usage: check_bounce_cli.py MAILKEEPER DATA_DIR
"""
import json
import os
import subprocess
import sys
import tempfile


def run(mk, *paths):
    p = subprocess.run([mk, "bounce", "--json", *paths], capture_output=True, text=True)
    return p.returncode, [json.loads(line) for line in p.stdout.splitlines() if line.strip()]


def main():
    mk, data = sys.argv[1:3]
    bounce = os.path.join(data, "bounces", "cn-163-userunknown.eml")
    plain = os.path.join(data, "bounces", "not-newsletter.eml")
    failures = []

    code, lines = run(mk, "/nonexistent/mailkeeper-input.eml", bounce)
    if code != 1:
        failures.append(f"missing input: exit {code}, want 1")
    if not any(l.get("file") == "/nonexistent/mailkeeper-input.eml" and l.get("error") for l in lines):
        failures.append("missing input: no error line")
    if not any(l.get("recipient") == "li.ming@163.com" and l.get("reason") == "userunknown" for l in lines):
        failures.append("the run did not go on to the readable bounce")

    code, lines = run(mk, plain)
    if code != 0 or lines != [{"file": plain, "index": 1, "bounce": False}]:
        failures.append(f"non-bounce: exit {code}, lines {lines}")

    with tempfile.TemporaryDirectory() as tmp:
        mbox = os.path.join(tmp, "bounces.mbox")
        with open(mbox, "wb") as out:
            for path in (plain, bounce):
                out.write(b"From MAILER-DAEMON Mon Nov 23 09:00:00 2026\n")
                out.write(open(path, "rb").read().replace(b"\r\n", b"\n").rstrip(b"\n") + b"\n\n")
        code, lines = run(mk, mbox)
        got = [(l.get("index"), l.get("bounce", True), l.get("recipient")) for l in lines]
        if code != 0 or got != [(1, False, None), (2, True, "li.ming@163.com")]:
            failures.append(f"mbox: exit {code}, got {got}")

    for f in failures:
        print("FAIL:", f)
    if not failures:
        print("bounce CLI contract holds")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
