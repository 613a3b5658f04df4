#!/usr/bin/env bash
# The same registry run without Python, by GNU parallel: blocks of N lines (--pipe -N), each
# through `regla eval --first-line` with its own --summary, in order (-k); the output is byte for
# byte one run's, and `regla summary merge` of the blocks' summaries is that run's summary but for
# the seconds. --pipepart (faster: blocks cut at line boundaries by byte size) is checked too,
# on a registry without rejected records, whose lines carry no line numbers.
# Usage: parallel_eval.sh REGLA   (run in the folder holding rules/)
set -euo pipefail
regla=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$regla" gen --households 1500 --seed 3 >"$work/registry.jsonl"
cat rules/samples/defects.jsonl >>"$work/registry.jsonl"
"$regla" gen --households 500 --seed 4 >>"$work/registry.jsonl"
single() {  # RECORDS SUMMARY OUTPUT
  "$regla" eval --as-of 2026-11-01 --summary "$2" "$1" >"$3" 2>/dev/null || [ $? = 3 ]
}
without_seconds() { sed 's/"seconds":[0-9.e+-]*,//' "$1"; }

single "$work/registry.jsonl" "$work/single.json" "$work/single.jsonl"
mkdir "$work/lines"
parallel --pipe -N 400 -k -j 2 \
  "$regla eval --as-of 2026-11-01 --threads 1 --summary $work/lines/{#}.json \
     --first-line {= \$_ = (\$job->seq() - 1) * 400 + 1 =} 2>/dev/null || [ \$? = 3 ]" \
  <"$work/registry.jsonl" >"$work/lines.jsonl"
cmp "$work/lines.jsonl" "$work/single.jsonl"
"$regla" summary merge --summary "$work/lines.json" "$work/lines"/*.json >/dev/null
diff <(without_seconds "$work/single.json") <(without_seconds "$work/lines.json")

"$regla" gen --households 3000 --seed 5 >"$work/clean.jsonl"
single "$work/clean.jsonl" "$work/clean.json" "$work/clean_single.jsonl"
mkdir "$work/blocks"
parallel --pipepart -a "$work/clean.jsonl" --block 300k -k -j 2 \
  "$regla eval --as-of 2026-11-01 --threads 1 --summary $work/blocks/{#}.json" \
  >"$work/blocks.jsonl" 2>/dev/null
cmp "$work/blocks.jsonl" "$work/clean_single.jsonl"
blocks=$(ls "$work/blocks" | wc -l)
[ "$blocks" -gt 1 ] || { echo "--pipepart made one block only" >&2; exit 1; }
"$regla" summary merge --summary "$work/blocks.json" "$work/blocks"/*.json >/dev/null
diff <(without_seconds "$work/clean.json") <(without_seconds "$work/blocks.json")
echo "GNU parallel: $(ls "$work/lines" | wc -l) blocks of lines and $blocks byte blocks give" \
     "the single runs' output and summaries"
