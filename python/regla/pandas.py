"""regla for pandas: a DataFrame of households (one row per household, a `members` column of
lists of dicts, the other columns the household's fields) decided into a DataFrame.

    import regla, regla.pandas
    compiled = regla.load("rules/").compile(as_of="2026-11-01")
    decisions = regla.pandas.decide(households, compiled)
    members = regla.pandas.decide(households, compiled, per_member=True)
"""
import math

import pandas


def decide(households, compiled, *, per_member=False):
    """The decisions of every household (row) of `households`, on the same index: household_id,
    error (None, or why the record was rejected, as regla eval says it) and one column per
    household decision. With per_member=True, one row per member of every decided household
    instead: household_id, person_id and one column per member decision.

    A missing value of pandas (NaN, None, NaT) in a household's column is a field with no value
    (JSON null); a row's line, in errors, is its position in the frame from 1."""
    evaluator = compiled.evaluator()
    records = (_record(row) for row in households.to_dict(orient="records"))
    results = evaluator.evaluate_many(records)
    if not per_member:
        rows = [{"household_id": result["household_id"], "error": result.get("error"),
                 **result.get("decisions", {})} for result in results]
        return pandas.DataFrame(rows, index=households.index,
                                columns=["household_id", "error", *compiled.household_decisions])
    rows = [{"household_id": result["household_id"], "person_id": person, **decisions}
            for result in results
            for person, decisions in result.get("members", {}).items()]
    return pandas.DataFrame(rows, columns=["household_id", "person_id",
                                           *compiled.member_decisions])


def _record(row):
    return {field: None if _missing(value) else value for field, value in row.items()}


def _missing(value):
    """True for pandas' marks of a missing scalar; a list (members) is never missing."""
    if value is None or value is pandas.NaT or value is pandas.NA:
        return True
    return isinstance(value, float) and math.isnan(value)
