#!/usr/bin/env bash
# A short load test of `regla serve` (not part of the test suite): the server on a free loopback
# port, wrk posting the sample registry's households to /v1/evaluate one record per request, then
# the server's own count of what it answered (GET /metrics). docs/performance.md ("regla serve")
# gives its figures.
#
#   bench/serve_load.sh              after ./setup.sh (the Release build in build/)
#
# Settings (environment): THREADS=2 (the server's), CONNECTIONS=8, DURATION=10s,
# RECORDS=rules/samples/households.jsonl
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v wrk >/dev/null || { apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
threads=${THREADS:-2}
connections=${CONNECTIONS:-8}
duration=${DURATION:-10s}
records=${RECORDS:-rules/samples/households.jsonl}

output=$(mktemp)
./build/regla serve --rules rules/ --port 0 --threads "$threads" >"$output" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server; rm -f "$output"' EXIT
for _ in $(seq 50); do grep -q '^listening on ' "$output" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$output")

echo "regla serve --threads $threads; wrk -t2 -c$connections -d$duration, one record per request"
wrk -t2 -c"$connections" -d"$duration" -s bench/serve_evaluate.lua "$url" -- "$records"
echo "the server counted:"
curl -s "$url/metrics" | grep -E '^regla_requests_total|^regla_request_seconds_(count|sum)'
