#!/usr/bin/env bash
# A real PostgreSQL round trip: a server of its own (initdb in a temporary folder, a Unix socket
# there, no TCP), the sample registry loaded into the normalized tables of
# integrations/postgresql/schema.sql from `regla export-tables`, decided through the pipe of
# integrations/postgresql/decide.sh, and the payment roll read back compared with what `regla eval`
# gives on the JSON Lines. A household whose names hold a quote and a backslash is added, to show
# the pipe passes JSON's escapes through. The server is stopped and the folder removed on exit.
#   postgresql_round_trip.sh REGLA   (run in the source folder)
set -euo pipefail
regla=$(realpath "$1")
bin=/usr/lib/postgresql/15/bin
as_of=2026-11-01
if [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL 15 is not installed in $bin (./setup.sh installs it)" >&2
  exit 1
fi

work=$(mktemp -d)
as_postgres=()
if [ "$(id -u)" = 0 ]; then
  # The server refuses to run as root: it runs as the postgres user, in a folder it owns.
  chown postgres "$work"
  as_postgres=(runuser -u postgres --)
fi
stop() {
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

"${as_postgres[@]}" "$bin/initdb" -D "$work/data" -A trust -U regla >/dev/null
"${as_postgres[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-k $work -c listen_addresses='' -c fsync=off" start >/dev/null
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$work" -U regla -d postgres)

# The registry: the sample and one household with a quote and a backslash in a text field.
registry=$work/registry.jsonl
cp rules/samples/households.jsonl "$registry"
cat >>"$registry" <<'LINE'
{"household_id":"H99999999","ubigeo":"010402","members":[{"person_id":"H99999999-01","birth_date":"1990-03-10","sex":"F","mother_id":"a \"quoted\" \\ name","insurance":"none"}]}
LINE
"$regla" export-tables --to "$work/tables" "$registry" 2>/dev/null

"${psql[@]}" -f integrations/postgresql/schema.sql
for table in households programs members attendance health_events; do
  "${psql[@]}" -c "\\copy $table FROM '$work/tables/$table.csv' WITH (FORMAT csv, HEADER true)"
done

REGLA=$regla integrations/postgresql/decide.sh "$as_of" -h "$work" -U regla -d postgres \
  2>"$work/eval.err"
roll=$("${psql[@]}" -At -F, -c "SELECT household_id, juntos_transfer_amount FROM
                                 ($(cat integrations/postgresql/payment_roll.sql | sed 's/;$//')) roll")
expected=$("$regla" eval --as-of "$as_of" "$registry" 2>/dev/null | /usr/bin/python3 -c '
import json, sys
for line in sys.stdin:
    record = json.loads(line)
    amount = record["decisions"]["juntos.transfer_amount"]
    if amount > 0:
        print(record["household_id"] + "," + str(amount))
')
counts=$("${psql[@]}" -At -F' ' -c "SELECT (SELECT count(*) FROM decisions),
                                           (SELECT count(*) FROM decisions WHERE error IS NOT NULL),
                                           (SELECT count(*) FROM member_decisions)")
echo "decisions, rejected, member decisions: $counts"
echo "payment roll: $(echo "$roll" | wc -l) households, expected $(echo "$expected" | wc -l)"
if [ "$counts" != "301 0 1329" ]; then
  echo "expected 301 households decided, none rejected, 1329 members" >&2
  cat "$work/eval.err" >&2
  exit 1
fi
if [ -z "$roll" ] || [ "$roll" != "$expected" ]; then
  echo "the payment roll read from PostgreSQL is not the one regla eval gives on the JSON Lines:" >&2
  diff <(echo "$expected") <(echo "$roll") >&2 || true
  exit 1
fi
line=$("${psql[@]}" -c "COPY (SELECT line FROM regla_households_jsonl WHERE household_id = 'H99999999')
                        TO STDOUT WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')")
case "$line" in
  *'"mother_id" : "a \"quoted\" \\ name"'*) ;;
  *) echo "the view's line does not keep the JSON escapes: $line" >&2; exit 1 ;;
esac
echo "the payment roll from PostgreSQL is the one regla eval gives on the JSON Lines"
