#!/usr/bin/python3
"""Evaluates a registry too large for one machine on a Dask cluster: the registry (one JSON Lines
file cut into byte ranges at line boundaries, or several files, each of them cut too if asked)
goes part by part through regla's Python module on the cluster's workers, each part written to its
own output file with its own summary; the summaries are then added up into the whole run's.

    cluster/dask_eval.py --scheduler tcp://10.0.0.1:8786 --rules rules/ --as-of 2026-11-01 \\
        --partitions 64 --out run/ registry.jsonl

writes run/part-00000.jsonl ... (their concatenation, in order, is what one `regla eval` run
writes, error lines numbered as in the whole registry), run/part-00000.summary.json ... and
run/summary.json (the whole run's summary; its text goes to standard output).

Every worker imports the `regla` module (python/, built into build/python: PYTHONPATH must find it
on every worker) and reads the rule folder, the registry and the output folder at the same paths
as this script (a shared file system). Each worker checks that the rules it loaded are the ones
this script loaded (the same hash). The exit code is regla eval's: 0, or 3 when some records were
rejected; 1 when a part could not be evaluated; 2 for a bad option or rules that do not compile."""
import argparse
import os
import sys

from dask.distributed import Client

import regla
from regla.parts import evaluate_part

CHUNK = 1 << 20


def line_start_at_or_after(path, offset):
    """The offset of the first line that starts at `offset` or after it."""
    if offset == 0:
        return 0
    with open(path, "rb") as f:
        f.seek(offset - 1)
        while True:
            block = f.read(CHUNK)
            if not block:
                return f.tell()
            newline = block.find(b"\n")
            if newline >= 0:
                return f.tell() - len(block) + newline + 1


def byte_ranges(paths, partitions):
    """(path, start, end) ranges cut at line boundaries: each file in about `partitions` equal
    parts (fewer when it has fewer lines), empty ranges left out."""
    ranges = []
    for path in paths:
        size = os.path.getsize(path)
        cuts = sorted({line_start_at_or_after(path, size * i // partitions)
                       for i in range(partitions)} | {size})
        ranges += [(path, start, end) for start, end in zip(cuts, cuts[1:]) if start < end]
    return ranges


def read_range(path, start, end):
    """The bytes of a range, a block at a time."""
    with open(path, "rb") as f:
        f.seek(start)
        left = end - start
        while left > 0:
            block = f.read(min(CHUNK, left))
            if not block:
                raise EOFError(f"{path} ended at {f.tell()}, before byte {end}: it changed")
            left -= len(block)
            yield block


def count_lines(byte_range):
    """The lines in a range, counted as regla counts them (a last line without a newline counts)."""
    path, start, end = byte_range
    lines = 0
    last = b"\n"
    for block in read_range(path, start, end):
        lines += block.count(b"\n")
        last = block[-1:]
    return lines + (last != b"\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="the scheduler's address, tcp://HOST:PORT")
    where.add_argument("--scheduler-file", help="the file `dask scheduler --scheduler-file` wrote")
    parser.add_argument("--rules", default="rules/", help="the rule folder (default rules/)")
    parser.add_argument("--as-of", required=True, help="the evaluation date, YYYY-MM-DD")
    parser.add_argument("--out", required=True, help="the folder the parts are written to")
    parser.add_argument("--partitions", type=int, default=1,
                        help="the parts each INPUT file is cut into (default 1: whole files)")
    parser.add_argument("--group-by", default="ubigeo",
                        help="the household field the summary is broken down by, as regla eval's "
                             "--group-by (default ubigeo)")
    parser.add_argument("--threads", type=int, default=1,
                        help="the threads evaluating each part (default 1: one per Dask thread)")
    parser.add_argument("--wait-for-workers", type=int, default=1,
                        help="start once this many workers are connected (default 1)")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="JSON Lines files")
    given = parser.parse_args()
    if given.partitions < 1:
        parser.error("--partitions must be at least 1")
    for path in given.inputs:
        if not os.path.isfile(path):
            parser.error(f"'{path}' is not a file")
    if not os.path.isdir(given.rules):
        parser.error(f"'{given.rules}' is not a rule folder")
    # Every worker must find the same files: absolute paths, as the client sees them.
    rules = os.path.abspath(given.rules)
    loaded = regla.load(rules)
    try:
        loaded.compile(as_of=given.as_of, group_by=given.group_by)
    except regla.RulesError as refused:
        print(f"dask_eval: {refused}", file=sys.stderr)
        if loaded.has_errors:
            print(loaded.diagnostics_text, file=sys.stderr, end="")
        return 2
    out = os.path.abspath(given.out)
    os.makedirs(out, exist_ok=True)
    ranges = byte_ranges([os.path.abspath(path) for path in given.inputs], given.partitions)

    with Client(address=given.scheduler, scheduler_file=given.scheduler_file) as client:
        client.wait_for_workers(given.wait_for_workers)
        # Each part's first line number is the lines of the parts before it.
        counts = client.gather(client.map(count_lines, ranges, pure=False))
        first_lines = [1 + sum(counts[:i]) for i in range(len(ranges))]
        outputs = [os.path.join(out, f"part-{i:05}.jsonl") for i in range(len(ranges))]
        summaries = [os.path.join(out, f"part-{i:05}.summary.json") for i in range(len(ranges))]
        try:
            # evaluate_part is the module's, so that each worker process keeps the rules it
            # compiled from one part to the next (a function of this script would be sent by value
            # with every part, and its cache with it, empty).
            rejected = client.gather(client.map(evaluate_part, ranges, first_lines, outputs,
                                                summaries, rules=rules, as_of=given.as_of,
                                                rules_hash=loaded.hash, group_by=given.group_by,
                                                threads=given.threads,
                                                pure=False))
        except (RuntimeError, OSError, regla.RulesError) as failed:  # and why
            print(f"dask_eval: {failed}", file=sys.stderr)
            return 1
        workers = len(client.scheduler_info()["workers"])
    print(f"dask_eval: {sum(counts)} records in {len(ranges)} parts on {workers} workers",
          file=sys.stderr)
    parts = []
    for summary in summaries:
        with open(summary) as f:
            parts.append(f.read())
    merged = regla.merge_summaries(parts)
    with open(os.path.join(out, "summary.json"), "w") as f:
        f.write(merged)
    print(regla.summary_text(merged), end="")
    return 3 if any(rejected) else 0

if __name__ == "__main__":
    sys.exit(main())
