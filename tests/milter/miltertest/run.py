#!/usr/bin/env python3
"""Runs gateway.lua under miltertest against mailkeeper-milter with a fresh database.

Usage: run.py MAILKEEPER_MILTER ETC_DIR DSN_FILE. Exit 77 when miltertest is not installed."""

import os
import shutil
import subprocess
import sys
import tempfile

milter, etc, dsn = (os.path.abspath(a) for a in sys.argv[1:4])
if not shutil.which("miltertest"):
    print("SKIP: miltertest is not installed (Debian package miltertest)")
    sys.exit(77)
work = tempfile.mkdtemp(prefix="mk-miltertest-")
if os.getuid() == 0:  # the milter drops root to nobody, who writes the database here
    import pwd
    nobody = pwd.getpwnam("nobody")
    os.chown(work, nobody.pw_uid, nobody.pw_gid)
try:
    sock, config = os.path.join(work, "milter.sock"), os.path.join(work, "mailkeeper.yaml")
    with open(config, "w") as f:
        f.write(f"""milter:
  socket: unix:{sock}
  user: {"nobody" if os.getuid() == 0 else ""}
direction:
  internal_domains: [our-trade.test]
  internal_networks: [10.20.0.0/16]
database:
  path: {work}/mailkeeper.db
alerts:
  enabled: false
  templates_dir: {etc}/templates
guard:
  mode: reject
dlp:
  rules_dir: {etc}/rules.d
""")
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gateway.lua")
    r = subprocess.run(["miltertest", "-s", script, "-D", f"milter={milter}", "-D", f"config={config}",
                        "-D", f"sock={sock}", "-D", f"dsn={dsn}"], capture_output=True, text=True, timeout=120)
    print(r.stdout + r.stderr)
    ok = r.returncode == 0 and "PASS" in r.stdout
    sys.exit(0 if ok else 1)
finally:
    shutil.rmtree(work, ignore_errors=True)
