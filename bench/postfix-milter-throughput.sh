#!/usr/bin/env bash
# Postfix throughput and single-session latency without and with mailkeeper-milter (unix socket),
# in one run: smtp-source -> a private Postfix on loopback (tests/e2e/postfix_lab.py) -> smtp-sink.
# The messages are outbound for mailkeeper (client 127.0.0.1 in direction.internal_networks, sender
# rep@our-trade.test in internal_domains), so the milter records each one in its SQLite database.
# Usage: bench/postfix-milter-throughput.sh            (as root; about 2 minutes on 2 cores)
# Env: MESSAGES (3000) SIZE (20000 bytes) SESSIONS (20) ROUNDS (3) per mode, alternating;
#      LATENCY_MESSAGES (200) WARMUP (500) MILTER_LOG_LEVEL (info);
#      MILTER=path/to/mailkeeper-milter skips the build; BUILD_DIR (build-bench) BUILD_TYPE (Release).
# Exit 0 with the figures, 1 on a failure, 77 (skipped) without root or Postfix.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "bench: needs root (a private Postfix instance, smtp-sink -u postfix); skipped" >&2
  exit 77
fi
for tool in /usr/sbin/postfix /usr/sbin/smtp-source /usr/sbin/smtp-sink; do
  if [ ! -x "$tool" ]; then echo "bench: $tool is missing (apt-get install postfix); skipped" >&2; exit 77; fi
done

milter=${MILTER:-}
if [ -z "$milter" ]; then
  build=${BUILD_DIR:-build-bench}
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" -DMAILKEEPER_TESTS=OFF >/dev/null
  cmake --build "$build" --target mailkeeper-milter >/dev/null
  milter=$build/milter/mailkeeper-milter
fi

exec python3 bench/postfix_throughput.py "$milter" etc
