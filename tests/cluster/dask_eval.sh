#!/usr/bin/env bash
# cluster/dask_eval.py on a real Dask cluster on loopback (a scheduler and two workers started
# here, killed on exit): the concatenated parts are byte for byte what one `regla eval` run writes
# (error lines included, numbered as in the whole registry) and the merged summary is the run's
# summary but for the seconds.
# Usage: dask_eval.sh REGLA PYTHON MODULE_DIR   (run in the folder holding rules/ and cluster/;
# MODULE_DIR holds the built `regla` Python module, which the client and the workers import)
set -euo pipefail
regla=$(realpath "$1") python=$2
export PYTHONPATH=$(realpath "$3")
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$regla" gen --households 2000 --seed 7 >"$work/registry.jsonl"
cat rules/samples/defects.jsonl >>"$work/registry.jsonl"  # rejected records, at the end
"$regla" gen --households 500 --seed 8 >>"$work/registry.jsonl"

cd "$work"
dask scheduler --host 127.0.0.1 --port 0 --no-dashboard --scheduler-file scheduler.json \
  >scheduler.log 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s scheduler.json ] && break; sleep 0.2; done
[ -s scheduler.json ] || { echo "the scheduler did not start:" >&2; cat scheduler.log >&2; exit 1; }
for worker in 1 2; do
  dask worker --scheduler-file scheduler.json --host 127.0.0.1 --nthreads 1 --no-dashboard \
    --name "worker-$worker" >"worker-$worker.log" 2>&1 &
  pids+=($!)
done
cd - >/dev/null

status=0
timeout 240 "$python" cluster/dask_eval.py --scheduler-file "$work/scheduler.json" \
  --wait-for-workers 2 --rules rules/ --as-of 2026-11-01 --partitions 7 \
  --out "$work/out" "$work/registry.jsonl" >"$work/merged.txt" 2>"$work/dask_eval.log" ||
  status=$?
if [ "$status" != 3 ]; then  # 3: the defects were rejected, as regla eval says
  echo "dask_eval.py exited $status, expected 3:" >&2
  cat "$work/dask_eval.log" >&2
  exit 1
fi
"$regla" eval --as-of 2026-11-01 --summary "$work/single.json" "$work/registry.jsonl" \
  >"$work/single.jsonl" 2>/dev/null || [ $? = 3 ]
parts=$(ls "$work"/out/part-*.jsonl | wc -l)
[ "$parts" = 7 ] || { echo "expected 7 parts, found $parts" >&2; exit 1; }
cat "$work"/out/part-*.jsonl | cmp - "$work/single.jsonl"
without_seconds() { sed 's/"seconds":[0-9.e+-]*,//' "$1"; }
diff <(without_seconds "$work/single.json") <(without_seconds "$work/out/summary.json")
grep -q "on 2 workers" "$work/dask_eval.log"

# Rules that do not compile for the date are refused before any part is sent (exit 2), with
# regla's reason.
status=0
timeout 120 "$python" cluster/dask_eval.py --scheduler-file "$work/scheduler.json" \
  --as-of 2026-02-30 --partitions 2 --out "$work/refused" \
  "$work/registry.jsonl" >/dev/null 2>"$work/refused.log" || status=$?
if [ "$status" != 2 ] || ! grep -q "dask_eval: .*2026-02-30" "$work/refused.log"; then
  echo "a refused date: dask_eval.py exited $status, expected 2 and regla's reason:" >&2
  cat "$work/refused.log" >&2
  exit 1
fi
echo "$(wc -l <"$work/single.jsonl") records in $parts parts on two Dask workers: the output" \
     "and the summary are the single run's"
