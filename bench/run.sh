#!/usr/bin/env bash
# Reproduces every figure of docs/performance.md from a clean checkout, on Debian 12 as root:
# installs what it needs, builds regla (Release, with the Google Benchmark target) and the peer
# engines of ../shared/bench-peers, generates the households, checks that regla's output on the
# benchmark policy equals the hand-coded floor's on 100k households, then measures.
#
#   bench/run.sh                     everything (about 40 minutes on 2 cores)
#
# Settings (environment):
#   WORK=/tmp/regla-bench            where the peers, the data and the results go
#   RUNS=3                           runs per measurement (the median is reported)
#   HOUSEHOLDS=1000000               the throughput file (the peers' generator, seed 20261101)
#   STREAMED="100000 1000000 10000000"  sizes streamed from `regla gen` for memory and scale
#   SKIP_PEERS=1                     regla only (no npm, no peer engines; no verification)
#
# Results: $WORK/results/results.md (the tables) and results.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/tmp/regla-bench}
peers_source=${PEERS:-$root/../shared/bench-peers}
households=${HOUSEHOLDS:-1000000}
export RUNS=${RUNS:-3}
export STREAMED=${STREAMED:-"100000 1000000 10000000"}

# --- prerequisites (Debian 12 packages; node and npm for the JavaScript peers)
packages="build-essential cmake tao-pegtl-dev libboost-date-time-dev nlohmann-json3-dev
          libsimdjson-dev libssl-dev librapidcheck-dev libgtest-dev libbenchmark-dev python3 time
          util-linux"
# (A machine may have Node.js from elsewhere, with its own npm: then Debian's would conflict.)
if [ "${SKIP_PEERS:-0}" != 1 ] && ! { command -v node && command -v npm; } >/dev/null; then
  packages="$packages nodejs npm"
fi
missing=$(for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

# --- regla, optimized, with the per-record benchmark
cmake -S "$root" -B "$root/build-release" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build-release" -j"$(nproc)" --target regla regla_benchmarks >/dev/null
export REGLA="$root/build-release/regla"
export REGLA_BENCHMARKS="$root/build-release/bench/regla_benchmarks"
export REGLA_ROOT="$root"

# --- the peers and the data (the peers' generator: the same households for every engine)
mkdir -p "$work/data" "$work/results"
data_file="$work/data/households_$households.jsonl"
small_file="$work/data/households_100000.jsonl"
if [ "${SKIP_PEERS:-0}" != 1 ]; then
  if [ ! -d "$work/peers" ]; then
    cp -r "$peers_source" "$work/peers"
  fi
  (cd "$work/peers" &&
    { [ -d node_modules/@gorules/zen-engine ] && [ -d node_modules/json-logic-engine ] ||
      npm install --no-audit --no-fund --silent; } &&
    make -s -C cpp BUILD=../build && node zen/build_jdm.js >/dev/null)
  export PEERS_DIR="$work/peers"
fi
generator="$peers_source/gen_households.py"
[ -f "$small_file" ] || python3 "$generator" 100000 "$small_file" --jobs "$(nproc)"
[ -f "$data_file" ] || python3 "$generator" "$households" "$data_file" --jobs "$(nproc)"

# --- regla's benchmark policy must decide exactly as the hand-coded floor (all 100k households)
if [ "${SKIP_PEERS:-0}" != 1 ]; then
  "$work/peers/build/eval_simdjson" "$small_file" "$work/results/floor_100k.jsonl" 2>/dev/null
  "$REGLA" eval --as-of 2026-11-01 --rules "$root/bench/policy" "$small_file" 2>/dev/null |
    python3 "$root/bench/peer_format.py" >"$work/results/regla_100k.jsonl"
  python3 "$work/peers/normalize.py" "$work/results/floor_100k.jsonl" >"$work/results/floor_100k.norm"
  python3 "$work/peers/normalize.py" "$work/results/regla_100k.jsonl" >"$work/results/regla_100k.norm"
  if cmp -s "$work/results/floor_100k.norm" "$work/results/regla_100k.norm"; then
    echo "verified: regla (bench/policy) == hand-coded floor on $(wc -l <"$small_file") households"
  else
    echo "MISMATCH: regla (bench/policy) differs from the hand-coded floor" >&2
    diff "$work/results/floor_100k.norm" "$work/results/regla_100k.norm" | head -5 >&2
    exit 1
  fi
fi

cat "$data_file" "$small_file" >/dev/null  # warm the page cache
python3 "$root/bench/measure.py" "$data_file" "$small_file" "$work/results"
