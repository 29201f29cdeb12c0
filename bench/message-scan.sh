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
# end to end: the command reading files from disk and printing JSON
count=$(find "$work/person" tests/data/signatures tests/data/autoreplies tests/data/dlp -name '*.eml' | wc -l)
start=$(date +%s.%N)
for i in 1 2 3 4 5; do
  taskset -c "$core" "$build/cli/mailkeeper" scan --json --internal-domain corp.example \
    "$work/person" tests/data/signatures tests/data/autoreplies tests/data/dlp >/dev/null
done
end=$(date +%s.%N)
python3 -c "import sys; n=int(sys.argv[1])*5; t=float(sys.argv[3])-float(sys.argv[2]); print(f'mailkeeper scan --json (person mail, {n} msgs): {n/t:.0f} msg/s')" "$count" "$start" "$end"
