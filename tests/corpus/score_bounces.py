#!/usr/bin/env python3
"""Scores `mailkeeper bounce --json` on the shared labelled bounce corpus with its own scorer and
fails below the acceptance bars (README, "Bounce accuracy").

usage: score_bounces.py MAILKEEPER CORPUS_DIR SCORER
Exit 77 (ctest: skipped) when the corpus or the scorer is absent.
"""
import re
import subprocess
import sys
import tempfile
import os

BARS = {"reason": 97.0, "status": 98.0, "sets": 97.0}


def main():
    mailkeeper, corpus, scorer = sys.argv[1:4]
    if not os.path.isfile(os.path.join(corpus, "truth.jsonl")) or not os.path.isfile(scorer):
        print(f"SKIP: labelled corpus not found at {corpus} (or scorer {scorer}); nothing to score")
        return 77
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl", delete=False) as out:
        run = subprocess.run([mailkeeper, "bounce", "--json", corpus], stdout=out, stderr=subprocess.PIPE, text=True)
        results = out.name
    if run.returncode not in (0, 1):
        print(f"mailkeeper bounce exited {run.returncode}: {run.stderr[-2000:]}")
        return 1
    score = subprocess.run([sys.executable, scorer, corpus, results, "--show", "40"], capture_output=True, text=True)
    os.unlink(results)
    print(score.stdout)
    if score.returncode != 0:
        print(score.stderr)
        return 1
    m = re.search(r"score: reason ([\d.]+)% status ([\d.]+)% sets ([\d.]+)%", score.stdout)
    claimed = re.search(r"bounces claimed in non-bounces: (\d+)", score.stdout)
    if not m or not claimed:
        print("could not read the scorer's summary")
        return 1
    got = {"reason": float(m.group(1)), "status": float(m.group(2)), "sets": float(m.group(3))}
    failed = [f"{k} {got[k]:.1f}% < {bar}%" for k, bar in BARS.items() if got[k] < bar]
    if int(claimed.group(1)) != 0:
        failed.append(f"{claimed.group(1)} bounces claimed in non-bounces (must be 0)")
    if failed:
        print("BELOW THE BAR: " + "; ".join(failed))
        return 1
    print("all bars met: " + ", ".join(f"{k} {v:.1f}%" for k, v in got.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
