#!/usr/bin/env bash
# A chain of 100,000 rules (r0 = r1, r1 = r2, ...) is one located error for check, eval and
# explain (exit 1), not a stack overflow. Usage: deep_rule_chain.sh REGLA HOUSEHOLD_SHAPE RECORDS
set -euo pipefail
regla=$1 shape=$2 records=$3
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
cp "$shape" "$folder/household.regla"
{
  printf 'program p\ndecision top\n  en "t"\n  es "t"\n  = r0\n'
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "rule r%d = r%d\n", i, i + 1 }'
  printf 'rule r100000 = true\n'
} >"$folder/chain.regla"
expected="chain.regla:2:10: error: rule 'top' nests 100,002 levels deep"
for command in "check $folder" \
               "eval --as-of 2026-11-01 --rules $folder $records" \
               "explain --as-of 2026-11-01 --rules $folder --household H00000001 $records"; do
  status=0
  # shellcheck disable=SC2086  # the command is split into its words on purpose
  diagnostics=$("$regla" $command 2>&1 >/dev/null) || status=$?
  if [ "$status" != 1 ] || ! grep -qF "$expected" <<<"$diagnostics"; then
    echo "regla $command: exit $status, expected 1 and: $expected" >&2
    head -c 2000 <<<"$diagnostics" >&2
    exit 1
  fi
done
echo "check, eval and explain each report: $expected"
