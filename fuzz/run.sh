#!/usr/bin/env bash
# Builds the libFuzzer harnesses and runs one for a while:
#   fuzz/run.sh rules 60      rule files: parse, format, check, evaluate (both evaluators)
#   fuzz/run.sh records 600   household records against the shipped rules
#   fuzz/run.sh loader 600    the record loader alone, simdjson and nlohmann side by side
# The corpus grows in fuzz/corpus-TARGET/ (seeded from rules/ and the samples); a crash is saved
# in fuzz/artifacts/ and can be replayed with: build-fuzz/fuzz/fuzz_TARGET fuzz/artifacts/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh rules|records|loader SECONDS}
seconds=${2:-60}
./setup.sh fuzz
corpus=fuzz/corpus-$target
mkdir -p "$corpus" fuzz/artifacts
if [ -z "$(ls -A "$corpus")" ]; then
  case "$target" in
    rules)
      # Each seed is one self-contained file: the shapes, then a program.
      for program in crecer sis juntos; do
        { cat rules/household.regla; grep -v '^use ' rules/$program.regla | sed 's/crecer\.priority_district/true/; s/sis\.means_test/true/'; } \
          > "$corpus/shipped-$program.regla"
      done
      i=0
      for f in tests/golden/check/*/program.regla tests/golden/fmt/*.regla; do
        cat "$(dirname "$f")/household.regla" "$f" > "$corpus/golden-$i.regla" 2>/dev/null || cp "$f" "$corpus/golden-$i.regla"
        i=$((i+1))
      done ;;
    records|loader)
      split -l 1 -a 4 rules/samples/households.jsonl "$corpus/sample-"
      split -l 1 -a 2 rules/samples/defects.jsonl "$corpus/defect-" ;;
    *) echo "unknown target: $target (rules, records or loader)" >&2; exit 2 ;;
  esac
fi
dictionary=fuzz/$target.dict
[ "$target" = loader ] && dictionary=fuzz/records.dict
exec build-fuzz/fuzz/fuzz_"$target" "$corpus" -dict="$dictionary" -max_total_time="$seconds" \
  -artifact_prefix=fuzz/artifacts/ -print_final_stats=1 -timeout=10 -rss_limit_mb=4096
