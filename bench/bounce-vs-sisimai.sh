#!/usr/bin/env bash
# Messages per second of `mailkeeper bounce --json` and of Sisimai (Debian's libsisimai-perl) over
# the same bounce files, one core each, in one run.
# Usage: bench/bounce-vs-sisimai.sh [CORPUS_DIR] [ROUNDS]
#   CORPUS_DIR defaults to ../shared/corpus/bounces; ROUNDS (default 20) repeats mailkeeper's pass
#   so that its run lasts long enough to time. Needs scripts/install-deps.sh (it installs Sisimai).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/bounces}
rounds=${2:-20}
if [ ! -d "$corpus" ]; then echo "bench: no corpus at $corpus" >&2; exit 2; fi

cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DMAILKEEPER_TESTS=OFF >/dev/null
cmake --build build-bench --target mailkeeper >/dev/null
mk=build-bench/cli/mailkeeper

# The files both tools can read: one message per file (Sisimai reads no CR-only file, so the
# mac/ twins are left out of both sides).
list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$corpus" -type f -name '*.eml' -not -path '*/mac/*' | sort >"$list"
n=$(wc -l <"$list")

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
echo "machine: ${cpu:-unknown CPU}, $(nproc) cores, $(uname -sr)"
echo "files: $n messages from $corpus"

# mailkeeper: one process reading the list ROUNDS times over, pinned to one core. Start-up (loading
# libraries, compiling the phrase tables) is excluded from the rate, as Sisimai's module loading is
# below, and reported on its own.
args=()
for ((i = 0; i < rounds; i++)); do
  while IFS= read -r f; do args+=("$f"); done <"$list"
done
first=$(head -1 "$list")
s0=$(date +%s.%N)
taskset -c 0 "$mk" bounce --json "$first" >/dev/null || true
s1=$(date +%s.%N)
start=$(date +%s.%N)
taskset -c 0 "$mk" bounce --json "${args[@]}" >/dev/null || true
end=$(date +%s.%N)
startup=$(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }')
end=$(awk -v e="$end" -v s="$startup" 'BEGIN { printf "%.6f", e - s }')
mk_rate=$(awk -v n="$n" -v r="$rounds" -v s="$start" -v e="$end" 'BEGIN { print n * r / (e - s) }')

# Sisimai: one pass, pinned to the same core, module loading excluded.
read -r s_count s_secs s_found < <(taskset -c 0 perl bench/sisimai-rate.pl 1 <"$list")
s_rate=$(awk -v n="$s_count" -v t="$s_secs" 'BEGIN { print n / t }')

printf 'mailkeeper bounce: %8.0f messages/s (%d messages x %d rounds; start-up %.0f ms)\n' "$mk_rate" "$n" "$rounds" "$(awk -v s="$startup" 'BEGIN { print s * 1000 }')"
printf 'sisimai %-9s %8.0f messages/s (%d messages, %d results)\n' "$(perl -MSisimai -e 'print $Sisimai::VERSION'):" "$s_rate" "$s_count" "$s_found"
printf 'ratio: %.1fx\n' "$(awk -v a="$mk_rate" -v b="$s_rate" 'BEGIN { print a / b }')"
