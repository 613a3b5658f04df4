#!/usr/bin/env bash
# `regla impact --base git:REVISION`: a rule folder kept in git, changed after a commit, compared
# with what was committed: the report names both hashes and the decisions that moved; a revision
# git does not know is a usage error.
# Usage: impact_against_git.sh REGLA RULE_FOLDER RECORDS
set -euo pipefail
regla=$1 folder=$2 records=$(realpath "$3")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$folder" "$work/rules"
cd "$work"
git init -q . && git add rules && git -c user.name=t -c user.email=t@t commit -qm released
sed -i 's/  = 19 years from 2014-01-01/  = 14 years from 2014-01-01/' rules/juntos.regla
git stash -q
released=$("$regla" eval --as-of 2026-11-01 --rules rules "$records" 2>/dev/null | sed -n 1p |
           grep -o '"rules":"sha256:[0-9a-f]*"' | cut -d'"' -f4)
git stash pop -q
report=$("$regla" impact --base git:HEAD --rules rules --as-of 2026-11-01 "$records")
grep -q "^  base    $released\$" <<<"$report" || { echo "base hash is not the released one:"; echo "$report"; exit 1; }
grep -q "juntos.eligible: .* 0 gained, [1-9][0-9]* lost" <<<"$report" ||
  { echo "lowering the age limit lost no eligible household:"; echo "$report"; exit 1; }
set +e
"$regla" impact --base git:no-such-revision --rules rules --as-of 2026-11-01 "$records" 2>err.txt
status=$?
set -e
[ "$status" = 2 ] && grep -q "git has no revision 'no-such-revision'" err.txt ||
  { echo "an unknown revision gave exit $status:"; cat err.txt; exit 1; }
echo "impact against git:HEAD: ok"
