"""Parts of a registry evaluated where they lie: what cluster/dask_eval.py runs on each worker.

    rejected = evaluate_part((path, start, end), first_line, "part-3.jsonl", "part-3.summary.json",
                             rules="/data/rules", as_of="2026-11-01", rules_hash=regla.load(...).hash)

evaluates the bytes [start, end) of a JSON Lines file (cut at line boundaries) as `regla eval
--first-line FIRST_LINE` would, writes its output lines and its summary, and returns how many of
its records were rejected. The rules are compiled once per process and date, and only if they are
the rule set the caller loaded (the same hash): a machine with other files at the same path would
decide otherwise, and says so instead.
"""
import json
import socket
import threading

from ._regla import load

_compiled = {}  # (rules, as_of, rules_hash, group_by) -> the rules compiled
_compiling = threading.Lock()


def compiled_rules(rules, as_of, rules_hash, group_by=""):
    """The rule folder `rules` compiled for `as_of` (summaries broken down by `group_by`), once per
    process; RuntimeError unless its hash is `rules_hash`."""
    key = (rules, as_of, rules_hash, group_by)
    with _compiling:
        if key not in _compiled:
            loaded = load(rules)
            if loaded.hash != rules_hash:
                raise RuntimeError(f"the rules at {rules} on {socket.gethostname()} are "
                                   f"{loaded.hash}, not the caller's {rules_hash}: every "
                                   "machine needs the same rule files")
            _compiled[key] = loaded.compile(as_of=as_of, group_by=group_by)
        return _compiled[key]


def evaluate_part(byte_range, first_line, output, summary, rules, as_of, rules_hash, group_by="",
                  threads=1):
    """Evaluates the byte range (path, start, end), its lines numbered from `first_line`, into the
    file `output`; writes its summary (as `--summary` does) to the file `summary`, and returns how
    many of its records were rejected."""
    path, start, end = byte_range
    compiled = compiled_rules(rules, as_of, rules_hash, group_by)
    part_summary = compiled.evaluate_range(path, start, end, output, first_line=first_line,
                                           threads=threads)
    with open(summary, "w") as f:
        f.write(part_summary)
    return json.loads(part_summary)["overall"]["rejected"]
