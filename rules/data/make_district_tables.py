#!/usr/bin/env python3
"""Derives the list of INEI district codes, and from INEI's district poverty map the stand-in
Crecer and Juntos district tables.

Usage: python3 rules/data/make_district_tables.py PATH/TO/ubigeo_distrito.csv rules/data

INEI: every row with an INEI code (the codes the other two tables' codes must be).
Rules (docs/policy.md, "District tables"):
- rows without an INEI code or without pct_pobreza_total are left out;
- Crecer: the 880 districts with the highest pct_pobreza_total, ties broken by code;
- Juntos: every district with pct_pobreza_total >= 40, ranked the same way; the first 100 enter on
  2005-04-01 (the pilot), the next 300 on 2007-01-01, the rest on 2010-01-01.
The output is deterministic: running it twice gives the same files.
"""
import csv
import sys
from pathlib import Path

CRECER_SIZE = 880
JUNTOS_THRESHOLD = 40.0
JUNTOS_COHORTS = [(100, "2005-04-01"), (300, "2007-01-01"), (None, "2010-01-01")]


def read_rows(source):
    with open(source, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def has_code(row):
    return row["inei"] not in ("", "NA")


def ranked_districts(rows):
    usable = [r for r in rows if has_code(r) and r["pct_pobreza_total"] not in ("", "NA")]
    for r in usable:
        r["poverty"] = float(r["pct_pobreza_total"])
    # Highest poverty first; equal rates in code order.
    return sorted(usable, key=lambda r: (-r["poverty"], r["inei"])), len(rows) - len(usable)


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def main():
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    rows = read_rows(source)
    inei = sorted([r["inei"], r["departamento"], r["provincia"], r["distrito"]] for r in rows if has_code(r))
    write(target / "inei_districts.csv", ["ubigeo", "department", "province", "district"], inei)

    ranked, left_out = ranked_districts(rows)
    describe = lambda r: [r["inei"], r["departamento"], r["provincia"], r["distrito"], r["pct_pobreza_total"]]

    crecer = ranked[:CRECER_SIZE]
    write(target / "crecer_districts.csv",
          ["ubigeo", "department", "province", "district", "pct_poverty_2018"],
          sorted((describe(r) for r in crecer), key=lambda row: row[0]))

    juntos = [r for r in ranked if r["poverty"] >= JUNTOS_THRESHOLD]
    rows, start = [], 0
    for size, entry in JUNTOS_COHORTS:
        cohort = juntos[start:] if size is None else juntos[start:start + size]
        rows += [[r["inei"], entry] + describe(r)[1:] for r in cohort]
        start += len(cohort)
    write(target / "juntos_districts.csv",
          ["ubigeo", "entry_date", "department", "province", "district", "pct_poverty_2018"],
          sorted(rows, key=lambda row: row[0]))
    print(f"inei: {len(inei)} districts; {len(ranked)} districts ranked ({left_out} rows left out); "
          f"crecer: {len(crecer)}; juntos: {len(juntos)} "
          f"(cutoff poverty for crecer: {crecer[-1]['poverty']})")


if __name__ == "__main__":
    main()
