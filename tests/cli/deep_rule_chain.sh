#!/usr/bin/env bash
# A chain of LENGTH rules (r0 = r1, r1 = r2, ...), far past the depth limit of 500, is one located
# error for check, eval and explain (exit 1), not a stack overflow.
# Usage: deep_rule_chain.sh REGLA HOUSEHOLD_SHAPE RECORDS LENGTH
set -euo pipefail
regla=$1 shape=$2 records=$3 length=$4
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
cp "$shape" "$folder/household.regla"
{
  printf 'program p\ndecision top\n  en "t"\n  es "t"\n  = r0\n'
  awk -v n="$length" 'BEGIN { for (i = 0; i < n; i++) printf "rule r%d = r%d\n", i, i + 1 }'
  printf 'rule r%d = true\n' "$length"
} >"$folder/chain.regla"
levels=$(echo $((length + 2)) | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta')
expected="chain.regla:2:10: error[limit-exceeded]: rule 'top' nests $levels levels deep"
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
