#!/usr/bin/env bash
# The `rules` field regla writes equals the README's recipe with standard tools: the SHA-256 of
# the sha256sum listing of the rule files and tables, by path inside the rule folder, sorted.
# Usage: rules_hash.sh REGLA RULE_FOLDER RECORDS
set -euo pipefail
regla=$1 folder=$2 records=$3
expected=$(cd "$folder" && find . -type f \( -name '*.regla' -o -name '*.csv' \) -printf '%P\0' |
           LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
for given in "$folder" "./$folder" "$folder/" "$(realpath "$folder")"; do
  line=$("$regla" eval --as-of 2026-11-01 --rules "$given" "$records" 2>/dev/null | sed -n 1p)
  actual=$(grep -o '"rules":"sha256:[0-9a-f]*"' <<<"$line" | cut -d: -f3 | tr -d '"')
  if [ "$actual" != "$expected" ]; then
    echo "--rules $given: regla says '$actual', sha256sum says '$expected'" >&2
    exit 1
  fi
done
echo "rules hash $expected for every way of naming $folder"
