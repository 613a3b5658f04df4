#!/usr/bin/env python3
"""What `regla impact` costs against one plain `regla eval` of the changed rules on the same file
(docs/performance.md, "What a change costs to measure"; the goal is at most 2.2 times).

Usage: bench/impact_ratio.py REGLA [HOUSEHOLDS]    (default 20000 households, from `regla gen`)
Environment: RUNS (default 5) interleaved runs of each command, one core (taskset -c 0).

The change is the Juntos age limit since 2014 lowered from 19 to 14 years, made in a copy of
rules/ (so that `eval` runs the same changed rules `impact` compares). Both write to /dev/null;
impact also counts the conditions that flipped, its usual work. Prints the medians and the ratio.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import medians_of_interleaved_runs  # noqa: E402  (the same timing as every table)

AS_OF = "2026-11-01"


def main():
    regla = os.path.abspath(sys.argv[1])
    households = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.environ.setdefault("RUNS", "5")
    with tempfile.TemporaryDirectory() as work:
        changed = os.path.join(work, "rules")
        shutil.copytree(os.path.join(root, "rules"), changed)
        juntos = os.path.join(changed, "juntos.regla")
        text = open(juntos, encoding="utf-8").read()
        edited = re.sub(r"= 19 years from 2014-01-01", "= 14 years from 2014-01-01", text, count=1)
        assert edited != text, "the age limit is no longer written as this script expects"
        open(juntos, "w", encoding="utf-8").write(edited)
        registry = os.path.join(work, "households.jsonl")
        with open(registry, "w") as out:
            subprocess.run([regla, "gen", "--households", str(households), "--as-of", AS_OF],
                           stdout=out, check=True, cwd=root)
        common = ["--as-of", AS_OF, "--threads", "1"]
        evaluate = ["sh", "-c", " ".join([regla, "eval", "--rules", changed, *common, registry,
                                          ">/dev/null"])]
        impact = ["sh", "-c", " ".join([regla, "impact", "--base", os.path.join(root, "rules"),
                                        "--rules", changed, *common, registry, ">/dev/null"])]
        (eval_wall, eval_cpu, _), (impact_wall, impact_cpu, _) = \
            medians_of_interleaved_runs([evaluate, impact])
    print(f"{households} households, {os.environ['RUNS']} interleaved runs, one core")
    print(f"eval   (changed rules): {eval_wall:.2f} s wall, {eval_cpu:.2f} s CPU")
    print(f"impact (base, changed): {impact_wall:.2f} s wall, {impact_cpu:.2f} s CPU")
    print(f"ratio: {impact_wall / eval_wall:.2f} wall, {impact_cpu / eval_cpu:.2f} CPU")


if __name__ == "__main__":
    main()
