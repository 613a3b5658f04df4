#!/usr/bin/env bash
# What the caseworker's note costs a run: `regla eval --explain=note` against a plain `regla eval`
# on a generated registry, one thread, in interleaved pairs (a slow spell of the machine then falls
# on both commands alike); prints each pair's CPU seconds (user + system) and the median ratio.
#
#   bench/note_cost.sh [REGLA] [HOUSEHOLDS] [PAIRS]     defaults: build/regla 20000 5
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
regla=${1:-$root/build/regla}
households=${2:-20000}
pairs=${3:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$regla" gen --households "$households" --seed 20261101 >"$work/households.jsonl"

# CPU seconds (user + system) of one run from the rule folder, its output discarded (bash's own
# `time`, so nothing needs installing).
cpu_seconds() {
  local TIMEFORMAT='%U %S' times
  times=$({ time (cd "$root" && "$regla" eval --as-of 2026-11-01 --threads 1 "$@" \
    "$work/households.jsonl" >/dev/null 2>/dev/null); } 2>&1)
  awk '{ print $1 + $2 }' <<<"$times"
}

ratios=()
for ((pair = 1; pair <= pairs; ++pair)); do
  plain=$(cpu_seconds)
  note=$(cpu_seconds --explain=note)
  ratio=$(awk -v n="$note" -v p="$plain" 'BEGIN { printf "%.2f", n / p }')
  ratios+=("$ratio")
  echo "pair $pair: plain ${plain} s, --explain=note ${note} s, ratio $ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ r[NR] = $1 } END { print r[int((NR + 1) / 2)] }')
echo "$households households, $pairs interleaved pairs: --explain=note costs ${median}x a plain run (median)"
