#!/usr/bin/env python3
"""Black-box checks of the database commands' errors: a database that does not exist is named
and exit status 1; a bad option value is exit status 2; a configuration with errors is reported
with file:line:column; an empty database lists nothing.

usage: check_contacts_cli.py MAILKEEPER
"""
import os
import sqlite3
import subprocess
import sys
import tempfile


def run(mk, *args):
    return subprocess.run([mk, *args], capture_output=True, text=True)


def main():
    mk = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        missing = os.path.join(tmp, "none.db")
        r = run(mk, "contacts", "list", "--db", missing)
        if r.returncode != 1 or missing not in r.stderr:
            failures.append(f"missing database: exit {r.returncode}, stderr {r.stderr!r}")
        if os.path.exists(missing):
            failures.append("listing created the database it could not find")

        r = run(mk, "contacts", "list", "--status", "zombie", "--db", missing)
        if r.returncode != 2 or "--status must be" not in r.stderr:
            failures.append(f"bad --status: exit {r.returncode}, stderr {r.stderr!r}")

        bad = os.path.join(tmp, "bad.yaml")
        with open(bad, "w") as f:
            f.write("direction:\n  internal_domains: [ours.test]\nguard:\n  mode: loud\n")
        r = run(mk, "alerts", "list", "-c", bad)
        if r.returncode != 1 or f"{bad}:4:9:" not in r.stderr:
            failures.append(f"bad config: exit {r.returncode}, stderr {r.stderr!r}")

        # revive creates and migrates a new database, then finds no such contact
        db = os.path.join(tmp, "mk.db")
        r = run(mk, "contacts", "revive", "nobody@buyer.test", "--db", db)
        if r.returncode != 1 or "no contact nobody@buyer.test" not in r.stderr:
            failures.append(f"revive unknown: exit {r.returncode}, stderr {r.stderr!r}")
        version = sqlite3.connect(db).execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        if version != 3:
            failures.append(f"schema version {version}, want 3")
        for cmd in (["contacts", "list", "--json"], ["alerts", "list", "--json"], ["bounces", "list", "--json"]):
            r = run(mk, *cmd, "--db", db)
            if r.returncode != 0 or r.stdout != "":
                failures.append(f"{' '.join(cmd)} on an empty database: exit {r.returncode}, out {r.stdout!r}")

    for f in failures:
        print("FAIL:", f)
    print("ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
