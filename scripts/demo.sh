#!/usr/bin/env bash
# Builds mailkeeper and runs its main job: mailkeeper-milter on a private Postfix (loopback only,
# removed at the end) turning a real bounce into a dead contact, an alert to the rep and a guard
# on the next mail. With PATH arguments, analyses those bounces instead (mailkeeper bounce).
# Usage (as root, after scripts/install-deps.sh): scripts/demo.sh [PATH...]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target mailkeeper mailkeeper-milter >/dev/null
if [ $# -gt 0 ]; then
  exec ./build/cli/mailkeeper bounce "$@"
fi
exec python3 scripts/demo_gateway.py build/milter/mailkeeper-milter build/cli/mailkeeper etc
