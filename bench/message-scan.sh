#!/usr/bin/env bash
# Messages per second of the per-message reading (bench/message_scan.cpp) and of `mailkeeper scan`
# and `mailkeeper import` end to end, Release build, one core, on a mixed corpus:
#   person  the 192 forge bodies of ../shared/corpus/signatures made into messages (From, To,
#           Subject, Date, Message-ID added), our reply/signature, auto-reply and DLP fixtures
#   bounce  ../shared/corpus/bounces (real bounces of many MTAs) and our own
# Usage: bench/message-scan.sh      env: BUILD_DIR (default build-bench), CORE (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-bench}
core=${CORE:-1}
shared=${SHARED:-../shared}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMAILKEEPER_TESTS=OFF >/dev/null
cmake --build "$build" --target message_scan mailkeeper >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/person"
if [ -d "$shared/corpus/signatures/forge" ]; then
  python3 - "$shared/corpus/signatures/forge" "$work/person" <<'PY'
import os, sys
from email.message import EmailMessage
from email.policy import SMTP
src, dst = sys.argv[1:3]
for kind in ("P", "N"):
    for name in sorted(os.listdir(os.path.join(src, kind))):
        if not name.endswith("_body"):
            continue
        n = name[:-5]
        body = open(os.path.join(src, kind, name), encoding="utf-8", errors="replace").read().replace("#sig#", "")
        sender = os.path.join(src, kind, n + "_sender")
        m = EmailMessage(policy=SMTP)
        m["From"] = open(sender, errors="replace").read().strip().replace("\n", " ") if os.path.exists(sender) else "someone@buyer.test"
        m["To"] = "Li Wei <liwei@corp.example>"
        m["Subject"] = "Re: PO 4500%s delivery" % n
        m["Date"] = "Mon, 23 Nov 2026 09:00:00 +0800"
        m["Message-ID"] = "<%s%s@forge.test>" % (kind, n)
        m.set_content(body)
        open(os.path.join(dst, "%s%s.eml" % (kind, n)), "wb").write(m.as_bytes())
PY
fi
person="$work/person,tests/data/signatures,tests/data/autoreplies,tests/data/dlp"
bounce="$shared/corpus/bounces,tests/data/bounces,tests/data/gateway"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(uname -sr), core $core"
taskset -c "$core" "$build/bench/message_scan" person="$person" bounce="$bounce" mixed="$person,$bounce"
# End to end: the commands reading files from disk, on the person mail made ten times over (each
# copy its own Message-ID, so that import records every one), process start-up included.
mkdir -p "$work/many"
for i in $(seq 1 10); do
  for f in "$work"/person/*.eml; do
    sed "s/^Message-ID: <\(.*\)@forge.test>/Message-ID: <\1.$i@forge.test>/" "$f" > "$work/many/$i-$(basename "$f")"
  done
done
count=$(find "$work/many" -name '*.eml' | wc -l)
rate() { python3 -c "import sys; print(f'{sys.argv[1]} ({sys.argv[2]} msgs): {int(sys.argv[2])/(float(sys.argv[4])-float(sys.argv[3])):.0f} msg/s')" "$@"; }
start=$(date +%s.%N)
taskset -c "$core" "$build/cli/mailkeeper" scan --json --internal-domain corp.example "$work/many" >/dev/null
rate "mailkeeper scan --json, person mail" "$count" "$start" "$(date +%s.%N)"
start=$(date +%s.%N)
taskset -c "$core" "$build/cli/mailkeeper" import --db "$work/import.db" --internal-domain corp.example "$work/many" >/dev/null
rate "mailkeeper import, person mail, new database" "$count" "$start" "$(date +%s.%N)"
start=$(date +%s.%N)
taskset -c "$core" "$build/cli/mailkeeper" import --db "$work/import.db" --internal-domain corp.example "$work/many" >/dev/null
rate "mailkeeper import again (all duplicates)" "$count" "$start" "$(date +%s.%N)"
