#!/usr/bin/env bash
# `regla summary merge` adds up the summaries of the parts of a registry into the whole run's:
# the --summary JSON of two halves merged equals that of one run over both, byte for byte but for
# the seconds (and the halves' output lines, the second evaluated with --first-line, are the whole
# run's); a file that is no summary, or a run on another date, is refused with where and why.
# Usage: summary_merge.sh REGLA RECORDS...   (run in the folder holding rules/)
set -euo pipefail
regla=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat "$@" >"$work/registry.jsonl"
lines=$(wc -l <"$work/registry.jsonl")
head -n $((lines / 2)) "$work/registry.jsonl" >"$work/first.jsonl"
tail -n +$((lines / 2 + 1)) "$work/registry.jsonl" >"$work/second.jsonl"
declare -A first_line=([registry]=1 [first]=1 [second]=$((lines / 2 + 1)))
for part in registry first second; do
  "$regla" eval --as-of 2026-11-01 --summary "$work/$part.json" "$work/$part.jsonl" \
    --first-line "${first_line[$part]}" \
    >"$work/$part.out" 2>/dev/null || [ $? = 3 ]  # 3: some records were rejected (the defects)
done
# With --first-line, the second half's error lines number its lines as the whole run does.
if ! cat "$work/first.out" "$work/second.out" | cmp - "$work/registry.out"; then
  echo "the halves' decisions differ from the whole run's" >&2
  exit 1
fi
"$regla" summary merge --summary "$work/merged.json" "$work/first.json" "$work/second.json" \
  >"$work/merged.txt"
without_seconds() { sed 's/"seconds":[0-9.e+-]*,//' "$1"; }
if ! diff <(without_seconds "$work/registry.json") <(without_seconds "$work/merged.json"); then
  echo "the merged summary differs from the whole run's" >&2
  exit 1
fi
grep -q "^$lines records as of 2026-11-01, [1-9][0-9]* rejected" "$work/merged.txt" || {
  echo "the merged text summary does not count $lines records with rejections:" >&2
  cat "$work/merged.txt" >&2
  exit 1
}
"$regla" summary merge --summary - "$work/first.json" "$work/second.json" >"$work/stdout.json"
cmp "$work/merged.json" "$work/stdout.json"

# Refusals: exit 2, the file named, the place said.
expect_refusal() {  # EXPECTED_MESSAGE FILE...
  local expected=$1 status=0
  shift
  "$regla" summary merge "$@" >/dev/null 2>"$work/stderr" || status=$?
  if [ "$status" != 2 ] || ! grep -qF "$expected" "$work/stderr"; then
    echo "summary merge $* exited $status, expected 2 and '$expected'; it said:" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
}
head -c 200 "$work/first.json" >"$work/cut.json"
expect_refusal "'$work/cut.json' is not a run summary: not JSON: parse error at line 1, column 201" \
  "$work/first.json" "$work/cut.json"
sed 's/"records":\([0-9]*\),"rejected"/"records":"\1","rejected"/' "$work/first.json" \
  >"$work/text_count.json"
expect_refusal "is not a run summary: overall.records: expected a count (a whole number, 0 or more), found \"$((lines / 2))\"" \
  "$work/text_count.json"
"$regla" eval --as-of 2026-10-01 --summary "$work/october.json" "$work/first.jsonl" \
  >/dev/null 2>&1 || [ $? = 3 ]
expect_refusal "october.json' cannot be added to '$work/first.json': runs on different dates do not add up: 2026-11-01 and 2026-10-01" \
  "$work/first.json" "$work/october.json"
expect_refusal "cannot read '$work/missing.json': No such file or directory" "$work/first.json" \
  "$work/missing.json"
echo "two halves of $lines records merge to the whole run's summary; bad files refused"
