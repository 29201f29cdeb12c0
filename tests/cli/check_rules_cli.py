#!/usr/bin/env python3
"""Black-box checks of `mailkeeper rules check` and `mailkeeper rules test`: errors with
file:line:column and exit status 1; the verdict of each test message (our own fixtures in
tests/data/dlp) as JSON, with masked excerpts; --to, --from and --direction change the verdict.

usage: check_rules_cli.py MAILKEEPER REPO_DIR
"""
import json
import os
import subprocess
import sys
import tempfile


def run(mk, *args):
    return subprocess.run([mk, *args], capture_output=True, text=True)


def main():
    mk, repo = sys.argv[1], sys.argv[2]
    rules = os.path.join(repo, "etc", "rules.d")
    data = os.path.join(repo, "tests", "data")
    nowhere = os.path.join(data, "no-such-config.yaml")  # -c to a missing file: no config is read
    failures = []

    r = run(mk, "rules", "check", "-c", nowhere, rules)
    if r.returncode != 0 or "5 rules in 2 files" not in r.stdout:
        failures.append(f"check of etc/rules.d: exit {r.returncode}, {r.stdout!r} {r.stderr!r}")

    broken = os.path.join(data, "rules", "broken")
    r = run(mk, "rules", "check", "-c", nowhere, broken)
    expected = [
        "10-broken.yaml:3:30: rule 'dup'.match.any[0].keywords is an empty keyword list",
        "10-broken.yaml:5:9: duplicate rule id 'dup'",
        "10-broken.yaml:10:5: unknown key 'colour' in rule 'odd'",
        "10-broken.yaml:11:30: rule 'odd'.match.any[0].detector must be one of",
        "10-broken.yaml:6:27: regex '(?<=x)y' cannot be compiled",
    ]
    if r.returncode != 1:
        failures.append(f"check of a broken directory: exit {r.returncode}")
    for e in expected:
        if e not in r.stderr:
            failures.append(f"check of a broken directory: missing {e!r} in {r.stderr!r}")

    config = os.path.join(data, "config", "gateway.yaml")  # internal domains our-trade.test
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "n.yaml"), "w") as f:
            f.write("rules:\n  - id: n\n    match: {any: [{keywords: [x]}]}\n    action: notify\n"
                    "    notify: [a@gmail.com, b@our-trade.test]\n")
        r = run(mk, "rules", "check", "-c", config, tmp)
        if r.returncode != 0 or "n.yaml:2:5: warning: rule 'n' notifies a@gmail.com" not in r.stderr or \
                "b@our-trade.test" in r.stderr or "1 rule in 1 file, 1 keyword, 0 regexes" not in r.stdout:
            failures.append(f"notify outside the company: exit {r.returncode}, {r.stdout!r} {r.stderr!r}")

    r = run(mk, "rules", "check", "-c", nowhere, os.path.join(data, "rules", "absent"))
    if r.returncode != 1 or "cannot read the rules directory" not in r.stderr:
        failures.append(f"check of a missing directory: exit {r.returncode}, {r.stderr!r}")

    dlp = os.path.join(data, "dlp")
    names = sorted(n for n in os.listdir(dlp) if n.endswith(".eml"))
    r = run(mk, "rules", "test", "--json", "-c", nowhere, "--rules", rules, *[os.path.join(dlp, n) for n in names])
    verdicts = {}
    for line in r.stdout.splitlines():
        v = json.loads(line)
        verdicts[os.path.basename(v["file"])] = v
    want = {
        "spaced-total.eml": ("quarantine", "body"),
        "contract-docx.eml": ("quarantine", "attachment:contract.docx"),
        "statement-pdf.eml": ("quarantine", "attachment:statement.pdf"),
        "encrypted-zip.eml": ("log", "attachment:encrypted.zip/salaries.txt"),
        "ids.eml": ("reject", "body"),
        "partner-total.eml": ("accept", None),
        "plain.eml": ("accept", None),
        "quotation.eml": ("accept", None),
    }
    for name, (action, where) in want.items():
        v = verdicts.get(name)
        if not v:
            failures.append(f"rules test: no verdict for {name}: {r.stderr!r}")
            continue
        if v["action"] != action:
            failures.append(f"rules test {name}: action {v['action']}, expected {action}")
        if where and where not in [m["where"] for m in v["matches"]]:
            failures.append(f"rules test {name}: no match in {where}: {v['matches']}")
        for m in v["matches"]:
            if not {"rule", "where", "excerpt", "count"} <= m.keys():
                failures.append(f"rules test {name}: match without the contract's fields: {m}")
    secrets = ["1,250,000", "11010519491231002X", "440524188001010014", "110101199003077352"]
    for s in secrets:
        if s in r.stdout:
            failures.append(f"rules test: the value {s} appears unmasked in the output")

    partner = os.path.join(dlp, "partner-total.eml")
    r = run(mk, "rules", "test", "--json", "-c", nowhere, "--rules", rules, "--to", "ann@partner.example",
            "--to", "tom@customer.example", partner)
    if json.loads(r.stdout)["action"] != "quarantine":
        failures.append(f"--to with a customer among partners: {r.stdout!r}")
    spaced = os.path.join(dlp, "spaced-total.eml")
    r = run(mk, "rules", "test", "--json", "-c", nowhere, "--rules", rules, "--direction", "inbound", spaced)
    if json.loads(r.stdout)["action"] != "accept":
        failures.append(f"--direction inbound: {r.stdout!r}")

    good = os.path.join(data, "rules", "good")
    r = run(mk, "rules", "test", "-c", nowhere, "--rules", good, os.path.join(dlp, "quotation.eml"))
    if r.returncode != 0 or "quotation-tag" not in r.stdout or "tag" not in r.stdout.splitlines()[0]:
        failures.append(f"readable explanation: {r.stdout!r}")
    r = run(mk, "rules", "test", "--json", "-c", nowhere, "--rules", good, "--from", "manager@corp.example",
            os.path.join(dlp, "quotation.eml"))
    if json.loads(r.stdout)["action"] != "tag":
        failures.append(f"--from: {r.stdout!r}")

    r = run(mk, "rules", "test", "-c", nowhere, "--rules", broken, spaced)
    if r.returncode != 1 or "10-broken.yaml:3:30" not in r.stderr:
        failures.append(f"test with broken rules: exit {r.returncode}, {r.stderr!r}")
    r = run(mk, "rules", "test", "-c", nowhere, "--rules", rules, "--direction", "sideways", spaced)
    if r.returncode != 1 or "--direction must be" not in r.stderr:
        failures.append(f"bad --direction: exit {r.returncode}, {r.stderr!r}")

    for f in failures:
        print("FAIL:", f)
    if failures:
        return 1
    print(f"rules CLI: {len(want)} verdicts and every error case as documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
