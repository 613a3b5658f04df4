#!/usr/bin/env bash
# Decides every household of a registry kept in PostgreSQL (schema.sql) and loads the decisions
# back, in one pipe: the households out as JSON Lines (the regla_households_jsonl view), through
# `regla eval --output csv`, into the decisions table; the members' decisions into
# member_decisions. The decisions of an earlier run on the same date are replaced.
#
#   integrations/postgresql/decide.sh AS_OF [PSQL_OPTION...]
#   e.g. REGLA=./build/regla integrations/postgresql/decide.sh 2026-11-01 -h /run/postgresql -d registry
#
# REGLA is the regla command (default: regla), RULES the rule folder (default: rules/). The exit
# code is regla's (3: some records were rejected, their rows hold the error) or psql's.
set -euo pipefail
as_of=${1:?usage: decide.sh AS_OF [PSQL_OPTION...]}
shift
regla=${REGLA:-regla}
rules=${RULES:-rules/}
psql=(psql -X -q -v ON_ERROR_STOP=1 "$@")
members=$(mktemp)
trap 'rm -f "$members"' EXIT

"${psql[@]}" -c "DELETE FROM decisions WHERE as_of = '$as_of';
                 DELETE FROM member_decisions WHERE as_of = '$as_of'"
# CSV with a quote and a delimiter that JSON never holds unescaped: COPY's text format would
# double every backslash of the JSON (\" in a name), and its CSV format would quote every line.
set +e
"${psql[@]}" -c "COPY (SELECT line FROM regla_households_jsonl ORDER BY household_id)
                 TO STDOUT WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')" |
  "$regla" eval --rules "$rules" --as-of "$as_of" --output csv --members-output "$members" |
  "${psql[@]}" -c "COPY decisions FROM STDIN WITH (FORMAT csv, HEADER true)"
statuses=("${PIPESTATUS[@]}")
set -e
[ "${statuses[0]}" = 0 ] || exit "${statuses[0]}"
# regla's 3 (records rejected, each with its error row) still loads every row.
[ "${statuses[1]}" = 0 ] || [ "${statuses[1]}" = 3 ] || exit "${statuses[1]}"
[ "${statuses[2]}" = 0 ] || exit "${statuses[2]}"
"${psql[@]}" -c "\\copy member_decisions FROM '$members' WITH (FORMAT csv, HEADER true)"
exit "${statuses[1]}"
