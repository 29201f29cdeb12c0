#!/usr/bin/env bash
# Builds mailkeeper and runs its main job on the sample bounces shipped in tests/data: which
# recipients failed, why, and whether each address is dead.
# Usage: scripts/demo.sh [PATH...]   (after scripts/install-deps.sh; default: tests/data/bounces)
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target mailkeeper >/dev/null
if [ $# -eq 0 ]; then set -- tests/data/bounces; fi
./build/cli/mailkeeper bounce "$@"
