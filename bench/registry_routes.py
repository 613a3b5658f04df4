#!/usr/bin/python3
"""The throughput of each registry route (README, "Registries") on one JSON Lines registry: JSON
Lines in and out on one and on two threads; the registry as CSV tables in, JSON Lines or CSV out;
Dask with two local workers against one process; GNU parallel. Every route's output is checked
against the single run's before it is timed (the same lines; the CSV routes the same decisions).

    bench/registry_routes.py REGISTRY.jsonl [--runs 3] [--work DIR]

Run from the repository with regla built in build/ (and the Python module in build/python, as
setup.sh builds it). Each round runs every route once, RUNS rounds interleaved, and the median is
reported: wall seconds, CPU seconds of the command and its children (user + system; for Dask the
client's alone: the workers are processes of their own) and households per second of wall time.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

AS_OF = "2026-11-01"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGLA = os.path.join(ROOT, "build", "regla")
PYTHON = "/usr/bin/python3"


def timed(command, stdout=subprocess.DEVNULL, env=None):
    """(wall, cpu) seconds of one run of a shell command; regla's exit 3 (rejected records) is a
    complete run."""
    started = time.monotonic()
    before = os.times()
    done = subprocess.run(command, shell=True, stdout=stdout, stderr=subprocess.PIPE, env=env,
                          cwd=ROOT)
    after = os.times()
    wall = time.monotonic() - started
    if done.returncode not in (0, 3):
        sys.exit(f"failed ({done.returncode}): {command}\n{done.stderr.decode()[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system -
                                                          before.children_system)
    return wall, cpu


def start_dask(work, env):
    """A scheduler and two one-thread workers on loopback; their processes."""
    scheduler_file = os.path.join(work, "scheduler.json")
    processes = [subprocess.Popen(["dask", "scheduler", "--host", "127.0.0.1", "--port", "0",
                                   "--no-dashboard", "--scheduler-file", scheduler_file],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)]
    for _ in range(100):
        if os.path.exists(scheduler_file) and os.path.getsize(scheduler_file) > 0:
            break
        time.sleep(0.2)
    for worker in (1, 2):
        processes.append(subprocess.Popen(
            ["dask", "worker", "--scheduler-file", scheduler_file, "--host", "127.0.0.1",
             "--nthreads", "1", "--no-dashboard", "--name", f"worker-{worker}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env))
    return scheduler_file, processes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("registry")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", help="where the tables and outputs go (default: a temp folder)")
    given = parser.parse_args()
    registry = os.path.abspath(given.registry)
    work = given.work or tempfile.mkdtemp(prefix="regla-routes-")
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "build", "python"))
    tables = os.path.join(work, "tables")
    out = lambda name: os.path.join(work, name)  # noqa: E731

    households = sum(1 for _ in open(registry, "rb"))
    print(f"{households} households, {os.path.getsize(registry) / 1e6:.0f} MB of JSON Lines",
          file=sys.stderr)
    export = timed(f"{REGLA} export-tables --to {tables} {registry}")
    table_bytes = sum(os.path.getsize(os.path.join(tables, f)) for f in os.listdir(tables))
    print(f"exported as tables ({table_bytes / 1e6:.0f} MB) in {export[0]:.1f} s",
          file=sys.stderr)

    scheduler_file, dask = start_dask(work, env)
    eval_ = f"{REGLA} eval --as-of {AS_OF}"
    routes = {
        "JSON Lines in, JSON Lines out, 1 thread":
            f"{eval_} --threads 1 {registry} > {out('single.jsonl')}",
        "JSON Lines in, JSON Lines out, 2 threads":
            f"{eval_} --threads 2 {registry} > {out('two_threads.jsonl')}",
        "JSON Lines in, CSV out":
            f"{eval_} --output csv --members-output {out('members.csv')} {registry}"
            f" > {out('households.csv')}",
        "CSV tables in, JSON Lines out": f"{eval_} --tables {tables} > {out('tables.jsonl')}",
        "CSV tables in, CSV out":
            f"{eval_} --tables {tables} --output csv --members-output {out('tables_members.csv')}"
            f" > {out('tables_households.csv')}",
        "Dask, 2 local workers (1 thread each), 8 parts":
            f"{PYTHON} cluster/dask_eval.py --scheduler-file {scheduler_file} "
            f"--wait-for-workers 2 --as-of {AS_OF} --partitions 8 --out {out('dask')} {registry}",
        "GNU parallel --pipepart --block 64M -j 2":
            f"parallel --pipepart -a {registry} --block 64M -k -j 2 "
            f"'{eval_} --threads 1 || [ $? = 3 ]' > {out('parallel.jsonl')}",
    }
    try:
        times = {route: [] for route in routes}
        for round_ in range(given.runs):
            for route, command in routes.items():
                times[route].append(timed(command, env=env))
                print(f"round {round_ + 1}: {route}: {times[route][-1][0]:.2f} s", file=sys.stderr)
            if round_ == 0:  # every route decided as the single run did
                single = open(out("single.jsonl"), "rb").read()
                for name in ("two_threads.jsonl", "tables.jsonl", "parallel.jsonl"):
                    assert open(out(name), "rb").read() == single, name
                parts = sorted(p for p in os.listdir(out("dask")) if p.endswith(".jsonl"))
                assert b"".join(open(os.path.join(out("dask"), p), "rb").read()
                                for p in parts) == single, "dask"
                assert open(out("households.csv"), "rb").read() == \
                    open(out("tables_households.csv"), "rb").read(), "csv"
    finally:
        for process in dask:
            process.terminate()
        for process in dask:
            process.wait()
    print("| route | wall time | CPU time | households/s |")
    print("|---|---:|---:|---:|")
    for route, runs in times.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"| {route} | {wall:.2f} s | {cpu:.2f} s | {households / wall:,.0f} |")
    if not given.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
