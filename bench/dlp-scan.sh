#!/usr/bin/env bash
# DLP scan throughput and rule-set compile time (bench/dlp_scan.cpp), Release build, one core.
# Usage: bench/dlp-scan.sh [MEGABYTES]      env: BUILD_DIR (default build-bench), CORE (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-bench}
mb=${1:-128}
core=${CORE:-1}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMAILKEEPER_TESTS=OFF >/dev/null
cmake --build "$build" --target dlp_scan >/dev/null
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(uname -sr), core $core"
echo "== all seven detectors"
taskset -c "$core" "$build/bench/dlp_scan" "$mb"
echo "== without phone_number"
taskset -c "$core" "$build/bench/dlp_scan" "$mb" --no-phone
echo "== without detectors"
taskset -c "$core" "$build/bench/dlp_scan" "$mb" --no-detectors
