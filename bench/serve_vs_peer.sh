#!/usr/bin/env bash
# regla serve against a peer service under the same load (not part of the test suite): the
# benchmark policy (bench/policy/) served by `regla serve --threads 2` and by a Node http server
# around json-logic-engine on two worker processes (bench/peer_service/), both on loopback, both
# first checked to decide the same households alike. Then wrk (2 threads) posts households to
# each, one per request (/v1/evaluate; the peer's /evaluate) and 100 per request as JSON Lines
# (/v1/evaluate/batch; the peer's /batch), at 8 and at 64 kept-alive connections, the two servers
# taking turns, ROUNDS times; the median of each figure is reported. docs/performance.md gives
# the figures.
#
#   bench/serve_vs_peer.sh          after ./setup.sh (the Release build in build/; node and npm)
#
# Settings (environment): DURATION=10s per run, ROUNDS=3, HOUSEHOLDS=2000 (regla gen, seed
# 20261101), REGLA=build/regla.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v wrk >/dev/null || { apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
duration=${DURATION:-10s}
rounds=${ROUNDS:-3}
regla=${REGLA:-build/regla}
[ -d bench/peer_service/node_modules ] || (cd bench/peer_service && npm ci --no-audit --no-fund --silent)

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$regla" gen --households "${HOUSEHOLDS:-2000}" --seed 20261101 >"$work/households.jsonl"

start() {  # NAME COMMAND...: starts a server printing "listening on URL"; sets $url
  local name=$1
  shift
  "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  for _ in $(seq 100); do grep -q '^listening on ' "$work/$name.out" && break; sleep 0.1; done
  url=$(sed -n 's/^listening on //p' "$work/$name.out")
  [ -n "$url" ] || { echo "$name did not start:" >&2; cat "$work/$name.err" >&2; exit 1; }
}
start regla "$regla" serve --rules bench/policy --port 0 --threads 2
regla_url=$url
start peer env WORKERS=2 node bench/peer_service/server.js 0
peer_url=$url

# Both decide every household alike (regla's answers in the peer's shape, by bench/peer_format.py).
curl -sf --data-binary @"$work/households.jsonl" "$regla_url/v1/evaluate/batch?as_of=2026-11-01" |
  /usr/bin/python3 bench/peer_format.py >"$work/regla.jsonl"
curl -sf --data-binary @"$work/households.jsonl" "$peer_url/batch" >"$work/peer.jsonl"
/usr/bin/python3 - "$work/regla.jsonl" "$work/peer.jsonl" <<'PY'
import json, sys
ours, theirs = ([json.loads(line) for line in open(path)] for path in sys.argv[1:])
assert len(ours) == len(theirs) > 0, (len(ours), len(theirs))
differ = [a["household_id"] for a, b in zip(ours, theirs) if a != b]
assert not differ, f"{len(differ)} households decided otherwise, first {differ[:3]}"
print(f"both decide the {len(ours)} households alike", file=sys.stderr)
PY

load() {  # SERVER PATH LINES CONNECTIONS -> the RESULT line of one wrk run
  local base=$regla_url
  [ "$1" = peer ] && base=$peer_url
  wrk -t2 -c"$4" -d"$duration" --latency -s bench/serve_post.lua "$base" -- \
    "$work/households.jsonl" "$2" "$3" | sed -n 's/^RESULT //p'
}
results=$work/results.txt
for round in $(seq "$rounds"); do
  for connections in 8 64; do
    for lines in 1 100; do
      for server in regla peer; do
        if [ "$server" = regla ]; then
          path=/v1/evaluate?as_of=2026-11-01
          [ "$lines" = 100 ] && path=/v1/evaluate/batch?as_of=2026-11-01
        else
          path=/evaluate
          [ "$lines" = 100 ] && path=/batch
        fi
        echo "$server $lines $connections $(load "$server" "$path" "$lines" "$connections")" |
          tee -a "$results" >&2
      done
    done
  done
done
echo "regla's own count: $(curl -s "$regla_url/metrics" | grep -c '^regla_requests_total') series," \
     "$(curl -s "$regla_url/metrics" | grep '^regla_requests_total' | grep -v 'status="200"' | wc -l) of them not 200" >&2
/usr/bin/python3 - "$results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    server, lines, connections, *fields = line.split()
    figures = dict(field.split("=") for field in fields)
    runs.setdefault((int(lines), int(connections), server), []).append(figures)
print("| records per request | connections | server | requests/s | households/s | p50 ms | p99 ms | failed |")
print("|---:|---:|---|---:|---:|---:|---:|---:|")
for (lines, connections, server), figures in sorted(runs.items(), key=lambda k: (k[0][0], k[0][1], k[0][2] != "regla")):
    median = lambda name: statistics.median(float(f[name]) for f in figures)
    failed = sum(int(f[name]) for f in figures for name in ("non2xx", "connect", "read", "write", "timeout"))
    name = "regla serve" if server == "regla" else "Node + json-logic-engine"
    print(f"| {lines} | {connections} | {name} | {median('rps'):,.0f} | {median('rps') * lines:,.0f} | "
          f"{median('p50'):.2f} | {median('p99'):.2f} | {failed} |")
PY
