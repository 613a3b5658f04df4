#!/usr/bin/env python3
"""The measurements behind docs/performance.md; bench/run.sh prepares everything and calls this.

Usage: measure.py DATA_FILE SMALL_FILE RESULTS_DIR
Environment: REGLA, REGLA_BENCHMARKS, REGLA_ROOT (set by run.sh), PEERS_DIR (absent: regla only),
RUNS (runs per measurement, median reported), STREAMED (household counts streamed from regla gen).

Every throughput figure is a whole command on a whole file, timed by /usr/bin/time: households/s
and MB/s from the median wall time, peak RSS. One-core figures are pinned to core 0 with taskset.
The runs of one table are interleaved (every command once, then again, RUNS times), so that a
slow spell of a shared machine slows every command of a round alike instead of one command's
median: the tables compare commands, and their ratios are the targets.
"""
import json
import os
import re
import statistics
import subprocess
import sys

AS_OF = "2026-11-01"


def run_timed(command, pin=True):
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one run of `command`."""
    done = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] +
                          (["taskset", "-c", "0"] if pin else []) + command,
                          capture_output=True, text=True)
    if done.returncode not in (0, 3):  # 3: some records were rejected (still a complete run)
        sys.exit(f"failed ({done.returncode}): {command}\n{done.stderr[-2000:]}")
    wall, user, system, rss = done.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss)


def medians_of_interleaved_runs(commands, pin=True):
    """For each command, the medians of its wall seconds, CPU seconds and peak RSS."""
    runs = [[] for _ in commands]
    for _ in range(int(os.environ.get("RUNS", "3"))):
        for i, command in enumerate(commands):
            runs[i].append(run_timed(command, pin))
    return [tuple(statistics.median(r[i] for r in rs) for i in range(3)) for rs in runs]


def lines_in(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def main():
    data_file, small_file, results = sys.argv[1:4]
    regla, root = os.environ["REGLA"], os.environ["REGLA_ROOT"]
    peers = os.environ.get("PEERS_DIR")
    sizes = {p: (lines_in(p), os.path.getsize(p)) for p in (data_file, small_file)}
    rules, policy = f"{root}/rules", f"{root}/bench/policy"

    def regla_eval(rule_dir, path, *extra):
        return [regla, "eval", "--as-of", AS_OF, "--rules", rule_dir, *extra, path]

    def throughput(name, command, path):
        """A row of a table, measured by table() with the table's other rows."""
        return dict(name=name, command=command, path=path)

    def table(rows, pin=True):
        measured = medians_of_interleaved_runs(
            [["sh", "-c", 'exec "$@" > /dev/null', "-"] + row["command"] for row in rows], pin)
        out = []
        for row, (wall, cpu, rss) in zip(rows, measured):
            n, size = sizes[row["path"]]
            out.append(dict(name=row["name"], file=os.path.basename(row["path"]), households=n,
                            wall_s=round(wall, 2), cpu_s=round(cpu, 2),
                            households_per_s=round(n / wall), mb_per_s=round(size / 1e6 / wall, 1),
                            peak_rss_mib=round(rss / 1024, 1)))
            print(f"  {row['name']}: {out[-1]['households_per_s']:,} households/s, "
                  f"{out[-1]['peak_rss_mib']} MiB", file=sys.stderr, flush=True)
        return out

    one_core = []  # the side-by-side table: one core each, the same file
    if peers:
        one_core += [
            throughput("simdjson On-Demand, every value, no rules (parse floor)",
                       [f"{peers}/build/walk_simdjson", data_file], data_file),
            throughput("nlohmann/json DOM per line, no rules",
                       [f"{peers}/build/parse_nlohmann", data_file], data_file),
            throughput("simdjson + benchmark policy hand-coded in C++ (FLOOR)",
                       [f"{peers}/build/eval_simdjson", data_file, "/dev/null"], data_file),
        ]
    one_core.append(throughput("regla, benchmark policy (bench/policy)",
                               regla_eval(policy, data_file, "--threads", "1"), data_file))
    if peers:
        one_core += [
            throughput("json-logic-engine 5.0.7, compiled (Node 20)",
                       ["node", f"{peers}/jsonlogic/run_jsonlogic.js", data_file, "/dev/null"],
                       data_file),
            throughput("json-logic-engine 5.0.7, interpreted (Node 20)",
                       ["node", f"{peers}/jsonlogic/run_jsonlogic.js", data_file, "/dev/null",
                        "--interpreted"], data_file),
            throughput("GoRules ZEN 0.54.0 (Node 20), 100k households",
                       ["node", f"{peers}/zen/run_zen.js", small_file, "/dev/null"], small_file),
        ]
    one_core.append(throughput("regla, reference rules (rules/)",
                               regla_eval(rules, data_file, "--threads", "1"), data_file))
    # The parser choice (docs/performance.md): the same two runs with nlohmann/json behind the loader.
    one_core += [
        throughput("regla, benchmark policy, --json-reader nlohmann",
                   regla_eval(policy, data_file, "--threads", "1", "--json-reader", "nlohmann"),
                   data_file),
        throughput("regla, reference rules, --json-reader nlohmann",
                   regla_eval(rules, data_file, "--threads", "1", "--json-reader", "nlohmann"),
                   data_file),
    ]
    one_core = table(one_core)
    floor = next((r for r in one_core if "(FLOOR)" in r["name"]), None)
    for row in one_core:
        row["share_of_floor"] = round(row["households_per_s"] / floor["households_per_s"], 3) \
            if floor else None

    threads = table([
        throughput(f"regla, {what}, --threads {n}", regla_eval(d, data_file, "--threads", str(n)),
                   data_file)
        for what, d in (("reference rules", rules), ("benchmark policy", policy)) for n in (1, 2)
    ], pin=False)
    explain = table([
        throughput("regla, reference rules", regla_eval(rules, small_file, "--threads", "1"),
                   small_file),
        throughput("regla, reference rules, --explain",
                   regla_eval(rules, small_file, "--threads", "1", "--explain"), small_file),
    ])

    # Memory and scale: households generated by `regla gen` (core 1) piped into regla eval (core 0),
    # so no file of that size is ever stored; time is regla eval's own CPU time.
    streamed = []
    for count in os.environ["STREAMED"].split():
        command = (f"taskset -c 1 {regla} gen --households {count} --seed 20261101 | "
                   f"/usr/bin/time -f '%e %U %S %M' taskset -c 0 {regla} eval --as-of {AS_OF} "
                   f"--rules {rules} --threads 1 > /dev/null")
        done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True,
                              text=True)
        if done.returncode not in (0, 3):
            sys.exit(f"failed: {command}\n{done.stderr[-2000:]}")
        wall, user, system, rss = done.stderr.strip().splitlines()[-1].split()
        cpu = float(user) + float(system)
        streamed.append(dict(households=int(count), wall_s=float(wall), cpu_s=round(cpu, 2),
                             cpu_us_per_household=round(cpu / int(count) * 1e6, 2),
                             peak_rss_mib=round(int(rss) / 1024, 1)))
        print(f"  streamed {count}: {streamed[-1]}", file=sys.stderr, flush=True)

    google = json.loads(subprocess.run(
        [os.environ["REGLA_BENCHMARKS"], "--benchmark_format=json"], capture_output=True,
        text=True, check=True).stdout)["benchmarks"]

    with open(os.path.join(results, "results.json"), "w") as out:
        json.dump(dict(one_core=one_core, threads=threads, explain=explain, streamed=streamed,
                       per_record=google), out, indent=1)
    write_tables(results, one_core, threads, explain, streamed, google)


def write_tables(results, one_core, threads, explain, streamed, google):
    out = []
    out.append("One core each (taskset -c 0), same file, median of %s interleaved runs\n"
               % os.environ["RUNS"])
    out.append("| tool | households/s | MB/s | peak RSS MiB | share of the floor |")
    out.append("|---|---:|---:|---:|---:|")
    for r in one_core:
        share = "" if r["share_of_floor"] is None else f"{r['share_of_floor']:.2f}"
        out.append(f"| {r['name']} | {r['households_per_s']:,} | {r['mb_per_s']} | "
                   f"{r['peak_rss_mib']} | {share} |")
    out.append("\nThreads (not pinned)\n")
    out.append("| run | households/s | MB/s | peak RSS MiB |")
    out.append("|---|---:|---:|---:|")
    for r in threads:
        out.append(f"| {r['name']} | {r['households_per_s']:,} | {r['mb_per_s']} | "
                   f"{r['peak_rss_mib']} |")
    out.append("\nExplanations (100k households, one core)\n")
    out.append("| run | households/s | wall s | peak RSS MiB |")
    out.append("|---|---:|---:|---:|")
    for r in explain:
        out.append(f"| {r['name']} | {r['households_per_s']:,} | {r['wall_s']} | "
                   f"{r['peak_rss_mib']} |")
    out.append("\nStreamed from `regla gen` through a pipe (reference rules, one core)\n")
    out.append("| households | CPU µs per household | peak RSS MiB |")
    out.append("|---:|---:|---:|")
    for r in streamed:
        out.append(f"| {r['households']:,} | {r['cpu_us_per_household']} | {r['peak_rss_mib']} |")
    out.append("\nGoogle Benchmark (bench/evaluator_benchmark.cpp, sample households)\n")
    out.append("| benchmark | time per iteration |")
    out.append("|---|---:|")
    for b in google:
        out.append(f"| {b['name']} | {b['real_time']:.1f} {b['time_unit']} |")
    text = "\n".join(out) + "\n"
    with open(os.path.join(results, "results.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
