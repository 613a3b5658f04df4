"""regla.pandas.decide: a DataFrame of households decided as evaluate_many decides its rows."""
import json
import os
import unittest

import pandas

import regla
import regla.pandas

AS_OF = "2026-11-01"


def sample_records(name):
    """The records of a sample registry that are JSON (a data frame holds no malformed line)."""
    records = []
    with open(os.path.join("rules", "samples", name), encoding="utf-8") as f:
        for line in f:
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return records


class Decide(unittest.TestCase):
    compiled = regla.load("rules/").compile(as_of=AS_OF)
    records = sample_records("households.jsonl")

    def test_one_row_of_decisions_per_household(self):
        frame = pandas.DataFrame(self.records, index=[f"row{i}" for i in range(len(self.records))])
        decided = regla.pandas.decide(frame, self.compiled)
        expected = self.compiled.evaluator().evaluate_many(self.records)
        self.assertEqual(list(decided.index), list(frame.index))
        self.assertEqual(list(decided.columns),
                         ["household_id", "error", *self.compiled.household_decisions])
        self.assertEqual(list(decided["household_id"]), [r["household_id"] for r in expected])
        self.assertEqual(list(decided["juntos.eligible"]),
                         [r["decisions"]["juntos.eligible"] for r in expected])
        self.assertEqual(decided["juntos.transfer_amount"].sum(),
                         sum(r["decisions"]["juntos.transfer_amount"] for r in expected))
        self.assertTrue(decided["error"].isna().all())

    def test_one_row_per_member_on_request(self):
        frame = pandas.DataFrame(self.records)
        members = regla.pandas.decide(frame, self.compiled, per_member=True)
        self.assertEqual(len(members), sum(len(r["members"]) for r in self.records))
        self.assertEqual(list(members.columns),
                         ["household_id", "person_id", *self.compiled.member_decisions])
        second = members[members["person_id"] == "H00000002-02"].iloc[0]
        self.assertEqual((second["household_id"], second["sis.subsidized"]), ("H00000002", True))

    def test_a_missing_value_is_no_value_and_a_bad_row_is_its_error(self):
        # Households without a field get NaN in its column; NaN goes to regla as no value.
        frame = pandas.DataFrame(self.records[:3] + sample_records("defects.jsonl"))
        self.assertTrue(frame.isna().any().any())
        decided = regla.pandas.decide(frame, self.compiled)
        expected = self.compiled.evaluator().evaluate_many(
            self.records[:3] + sample_records("defects.jsonl"))
        self.assertEqual(list(decided["error"].fillna("")),
                         [r.get("error", "") for r in expected])
        self.assertGreater(decided["error"].notna().sum(), 0)


if __name__ == "__main__":
    unittest.main()
