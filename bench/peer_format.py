#!/usr/bin/env python3
"""Reshapes `regla eval --rules bench/policy` output into the peers' output format
(shared/bench-peers/POLICY.md), so outputs can be compared line by line. It computes nothing:
every fact (each condition of each member, compliance, the subsidy) comes from regla.
Usage: peer_format.py < regla-output.jsonl > peer-format.jsonl"""
import json
import sys

CONDITIONS = ["school_ok", "cred_ok", "prenatal_ok", "dni_ok"]

for line in sys.stdin:
    r = json.loads(line)
    if "error" in r:
        print(json.dumps({"household_id": r.get("household_id"), "error": r["error"]}))
        continue
    members = r["members"]
    failing = [[pid, c] for pid, d in members.items() for c in CONDITIONS if not d["benchmark." + c]]
    print(json.dumps({
        "household_id": r["household_id"],
        "juntos_compliant": r["decisions"]["benchmark.juntos_compliant"],
        "fail_counts": {c: sum(1 for d in members.values() if not d["benchmark." + c]) for c in CONDITIONS},
        "failing": failing,
        "sis_subsidized": [[pid, d["benchmark.sis_subsidized"]] for pid, d in members.items()],
    }))
