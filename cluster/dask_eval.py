#!/usr/bin/python3
"""Evaluates a registry too large for one machine on a Dask cluster: the registry (one JSON Lines
file cut into byte ranges at line boundaries, or several files, each of them cut too if asked)
goes part by part through `regla eval` on the cluster's workers, each part written to its own
output file with its own summary; the summaries are then added up by `regla summary merge`.

    cluster/dask_eval.py --scheduler tcp://10.0.0.1:8786 --rules rules/ --as-of 2026-11-01 \\
        --partitions 64 --out run/ registry.jsonl

writes run/part-00000.jsonl ... (their concatenation, in order, is what one `regla eval` run
writes, error lines numbered as in the whole registry), run/part-00000.summary.json ... and
run/summary.json (the whole run's summary; its text goes to standard output).

Every worker runs `regla` itself, so the regla command, the rule folder, the registry and the
output folder must be at the same paths on every machine (a shared file system). The exit code is
regla eval's: 0, or 3 when some records were rejected; 1 when a part could not be evaluated."""
import argparse
import os
import subprocess
import sys
import tempfile

from dask.distributed import Client

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


def evaluate_part(byte_range, first_line, output, summary, regla, rules, as_of, threads):
    """Runs `regla eval` on one range, its lines numbered from `first_line`; returns its exit code
    (0, or 3 when some records were rejected), or raises with what regla said."""
    path, start, end = byte_range
    command = [regla, "eval", "--rules", rules, "--as-of", as_of, "--threads", str(threads),
               "--first-line", str(first_line), "--summary", summary]
    with open(output, "wb") as out, tempfile.TemporaryFile() as said:
        run = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=out, stderr=said)
        try:
            for block in read_range(path, start, end):
                run.stdin.write(block)
            run.stdin.close()
        except BrokenPipeError:
            pass  # regla stopped reading: its exit code and its message say why
        finally:
            code = run.wait()
        said.seek(0)
        if code not in (0, 3):
            raise RuntimeError(f"regla eval of {path} bytes {start}-{end} exited {code}: "
                               + said.read().decode(errors="replace"))
    return code


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
    parser.add_argument("--regla", default="regla", help="the regla command (default: on PATH)")
    parser.add_argument("--threads", type=int, default=1,
                        help="the threads of each regla eval (default 1: one per Dask thread)")
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
    regla = os.path.abspath(given.regla) if os.sep in given.regla else given.regla
    rules = os.path.abspath(given.rules)
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
            codes = client.gather(client.map(evaluate_part, ranges, first_lines, outputs,
                                             summaries, regla=regla, rules=rules,
                                             as_of=given.as_of, threads=given.threads,
                                             pure=False))
        except (RuntimeError, OSError) as failed:  # a part regla could not evaluate, and why
            print(f"dask_eval: {failed}", file=sys.stderr)
            return 1
        workers = len(client.scheduler_info()["workers"])
    print(f"dask_eval: {sum(counts)} records in {len(ranges)} parts on {workers} workers",
          file=sys.stderr)
    merged = subprocess.run([regla, "summary", "merge", "--summary",
                             os.path.join(out, "summary.json"), *summaries], check=False)
    if merged.returncode != 0:
        return 1
    return 3 if 3 in codes else 0


if __name__ == "__main__":
    sys.exit(main())
