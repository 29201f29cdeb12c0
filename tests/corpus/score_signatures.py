#!/usr/bin/env python3
"""Scores `mailkeeper signature --json` on the shared signature corpus (forge) with its scorer.

ACCEPTANCE is the product's promise (README, "Signatures"); FLOOR is what is reached now, so a
change that loses accuracy fails even while the promise still holds.

usage: score_signatures.py MAILKEEPER FORGE_DIR SCORER
Exit 77 (ctest: skipped) when the corpus or the scorer is absent.
"""
import os
import re
import subprocess
import sys

ACCEPTANCE = {"precision": 0.95, "recall": 0.90, "exact": 80, "false": 3}
FLOOR = {"precision": 0.975, "recall": 0.99, "exact": 95, "false": 2}


def main():
    mailkeeper, forge, scorer = sys.argv[1:4]
    if not os.path.isdir(os.path.join(forge, "P")) or not os.path.isfile(scorer):
        print(f"SKIP: signature corpus not found at {forge} (or scorer {scorer}); nothing to score")
        return 77
    run = subprocess.run([sys.executable, scorer, forge, "--", mailkeeper, "signature", "--json"],
                         capture_output=True, text=True)
    print(run.stdout)
    m = re.search(r"score: precision ([\d.]+) recall ([\d.]+) exact (\d+)/(\d+) false (\d+)", run.stdout)
    if run.returncode != 0 or not m:
        print("the scorer failed:", run.stderr[-2000:])
        return 1
    got = {"precision": float(m.group(1)), "recall": float(m.group(2)), "exact": int(m.group(3)), "false": int(m.group(5))}
    missing = re.search(r"missing from output: (\d+)", run.stdout)
    if missing and int(missing.group(1)) > 0:
        print(f"FAIL: {missing.group(1)} files missing from the output")
        return 1
    failed = False
    for name, bars in (("acceptance", ACCEPTANCE), ("floor", FLOOR)):
        for key, bar in bars.items():
            ok = got[key] <= bar if key == "false" else got[key] >= bar
            if not ok:
                print(f"FAIL: {key} {got[key]} against the {name} bar {bar}")
                failed = True
    print("acceptance bars: " + ("held" if not failed else "NOT held"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
