"""The Python module against the `regla` command: the same rules hash, the same output lines,
the same errors and explanations, typed decisions, located diagnostics, evaluators on threads.

Run from the repository (the folder holding rules/) with PYTHONPATH naming the built package
(build/python) and REGLA_BINARY the built `regla` command, as ctest does."""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import regla

REGLA = os.environ.get("REGLA_BINARY", "build/regla")
AS_OF = "2026-11-01"


def sample_lines(name):
    with open(os.path.join("rules", "samples", name), encoding="utf-8") as f:
        return f.read().splitlines()


def regla_eval(lines):
    """What `regla eval` writes for the lines, one output line each."""
    run = subprocess.run([REGLA, "eval", "--as-of", AS_OF], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, check=False)
    assert run.returncode in (0, 3), run.stderr
    return run.stdout.splitlines()


# A program whose decisions are of the types the shipped rules do not decide.
TYPED_DECISIONS = """program typed

decision evaluated_on: date
  en "the evaluation date"
  es "la fecha de evaluación"
  = as_of

decision a_month: month
  en "a month"
  es "un mes"
  = 2026-09

decision four_weeks: days
  en "four weeks"
  es "cuatro semanas"
  = (as_of + 28 days) - as_of

decision area_name: text
  en "the area"
  es "el área"
  = "area"
"""


class Rules(unittest.TestCase):
    rules = regla.load("rules/")

    def test_shipped_rules_load_without_problems_and_with_the_commands_hash(self):
        self.assertFalse(self.rules.has_errors)
        self.assertEqual(self.rules.diagnostics, [])
        first_line = json.loads(regla_eval(sample_lines("households.jsonl")[:1])[0])
        self.assertEqual(self.rules.hash, first_line["rules"])
        self.assertIn("juntos.eligible", self.rules.household_decisions)
        self.assertIn("sis.subsidized", self.rules.member_decisions)

    def test_a_mistyped_field_is_a_located_diagnostic_with_its_hint(self):
        with tempfile.TemporaryDirectory() as folder:
            copy = os.path.join(folder, "rules")
            shutil.copytree("rules", copy)
            path = os.path.join(copy, "juntos.regla")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace("person.birth_date", "person.birthdate", 1))
            rules = regla.load(copy)
            self.assertTrue(rules.has_errors)
            problem = rules.diagnostics[0]
            line = text[:text.index("person.birth_date")].count("\n") + 1
            self.assertEqual((problem.file, problem.line, problem.severity, problem.code),
                             (path, line, "error", "unknown-field"))
            self.assertEqual(problem.message,
                             "unknown field 'birthdate' on member; did you mean 'birth_date'?")
            self.assertRegex(problem.hint, r"household\.regla:\d+:\d+: shape 'member' declared here")
            self.assertTrue(str(problem).startswith(f"{path}:{line}:{problem.column}: error["))
            with self.assertRaises(regla.RulesError) as refused:
                rules.compile(as_of=AS_OF)
            self.assertEqual(refused.exception.diagnostics[0].code, "unknown-field")

    def test_a_parameter_set_on_loading_is_checked_and_hashed(self):
        changed = regla.load("rules/", settings={"juntos.age_limit": "19 years"})
        self.assertFalse(changed.has_errors)
        self.assertNotEqual(changed.hash, self.rules.hash)
        mistyped = regla.load("rules/", settings={"juntos.age_limt": "19 years"})
        self.assertEqual(mistyped.diagnostics[0].code, "unknown-name")
        self.assertIn("did you mean 'juntos.age_limit'?", mistyped.diagnostics[0].message)

    def test_a_folder_that_does_not_exist_is_a_diagnostic(self):
        rules = regla.load("no/such/rules")
        self.assertTrue(rules.has_errors)
        self.assertEqual(rules.diagnostics[0].file, "no/such/rules")
        self.assertIsNone(rules.diagnostics[0].line)

    def test_compile_refuses_a_date_that_is_not_one_and_an_unknown_language(self):
        with self.assertRaisesRegex(regla.RulesError, "2026-02-30"):
            self.rules.compile(as_of="2026-02-30")
        with self.assertRaisesRegex(regla.RulesError, "fr"):
            self.rules.compile(as_of=AS_OF, lang="fr")


class Evaluation(unittest.TestCase):
    compiled = regla.load("rules/").compile(as_of=AS_OF)
    households = sample_lines("households.jsonl")
    defects = sample_lines("defects.jsonl")

    def test_decisions_are_typed(self):
        result = self.compiled.evaluator().evaluate(self.households[1], line=2)
        self.assertEqual((result["household_id"], result["line"]), ("H00000002", 2))
        self.assertIs(result["decisions"]["juntos.eligible"], True)
        self.assertIsInstance(result["decisions"]["juntos.transfer_amount"], float)
        self.assertEqual(result["decisions"]["juntos.transfer_amount"], 200.0)
        self.assertIs(result["members"]["H00000002-02"]["sis.subsidized"], True)
        self.assertIs(result["members"]["H00000002-01"]["sis.subsidized"], False)
        self.assertEqual(list(result["decisions"]), self.compiled.household_decisions)

    def test_dates_months_durations_and_text_have_their_python_types(self):
        with tempfile.TemporaryDirectory() as folder:
            copy = os.path.join(folder, "rules")
            shutil.copytree("rules", copy, ignore=shutil.ignore_patterns("samples"))
            with open(os.path.join(copy, "typed.regla"), "w", encoding="utf-8") as f:
                f.write(TYPED_DECISIONS)
            rules = regla.load(copy)
            self.assertFalse(rules.has_errors, rules.diagnostics_text)
            decisions = rules.compile(as_of=AS_OF).evaluator().evaluate(
                self.households[1])["decisions"]
        self.assertEqual(decisions["typed.evaluated_on"], datetime.date(2026, 11, 1))
        self.assertIs(type(decisions["typed.evaluated_on"]), datetime.date)
        self.assertEqual(decisions["typed.a_month"], "2026-09")
        self.assertIs(type(decisions["typed.four_weeks"]), int)
        self.assertEqual(decisions["typed.four_weeks"], 28)
        self.assertEqual(decisions["typed.area_name"], "area")

    def test_a_dict_decides_as_its_json_does(self):
        evaluator = self.compiled.evaluator()
        for line in self.households[:20]:
            self.assertEqual(evaluator.evaluate(json.loads(line)), evaluator.evaluate(line))

    def test_json_lines_are_what_regla_eval_writes(self):
        lines = self.households + self.defects
        evaluator = self.compiled.evaluator()
        ours = [evaluator.json_line(line, line=number) for number, line in enumerate(lines, 1)]
        self.assertEqual(ours, regla_eval(lines))

    def test_a_rejected_record_raises_its_located_error(self):
        expected = [json.loads(line) for line in regla_eval(self.defects)]
        evaluator = self.compiled.evaluator()
        for number, (line, written) in enumerate(zip(self.defects, expected), 1):
            if "error" not in written:
                continue
            with self.assertRaises(regla.RecordError) as rejected:
                evaluator.evaluate(line, line=number)
            self.assertEqual(rejected.exception.message, written["error"])
            self.assertEqual(rejected.exception.line, number)
            self.assertEqual(rejected.exception.household_id, written["household_id"])

    def test_evaluate_many_answers_every_record_in_order(self):
        lines = self.households + self.defects
        results = self.compiled.evaluator().evaluate_many(iter(lines))
        expected = [json.loads(line) for line in regla_eval(lines)]
        self.assertEqual([r["line"] for r in results], list(range(1, len(lines) + 1)))
        self.assertEqual([r.get("error") for r in results], [e.get("error") for e in expected])
        self.assertEqual([r["household_id"] for r in results],
                         [e["household_id"] for e in expected])
        self.assertGreater(sum("error" in r for r in results), 0)

    def test_values_json_cannot_carry_are_refused_not_guessed(self):
        evaluator = self.compiled.evaluator()
        record = json.loads(self.households[1])
        with self.assertRaises(ValueError):
            evaluator.evaluate({**record, "monthly_income": float("nan")})
        with self.assertRaisesRegex(TypeError, "object"):
            evaluator.evaluate({**record, "area": object()})
        with self.assertRaisesRegex(regla.RecordError, "surrogate"):
            evaluator.evaluate({**record, "area": "\ud800"})

    def test_explanations_are_regla_explains(self):
        for lang, words in (("en", "yes"), ("es", "sí")):
            explained = subprocess.run(
                [REGLA, "explain", "--as-of", AS_OF, "--lang", lang, "--household", "H00000002",
                 "rules/samples/households.jsonl"], capture_output=True, text=True, check=True)
            ours = self.compiled.evaluator().explain(self.households[1], lang=lang, line=2)
            self.assertEqual(ours, explained.stdout)
            self.assertIn(words, ours)

    def test_the_summary_counts_what_was_decided(self):
        evaluator = self.compiled.evaluator()
        evaluator.evaluate_many(self.households + self.defects)
        summary = evaluator.summary()
        self.assertEqual(summary["as_of"], AS_OF)
        self.assertEqual(summary["overall"]["records"], len(self.households + self.defects))
        self.assertGreater(summary["overall"]["rejected"], 0)

    def test_evaluators_on_threads_decide_as_one_does(self):
        expected = self.compiled.evaluator().evaluate_many(self.households)
        results = [None] * 4

        def decide(slot):
            results[slot] = self.compiled.evaluator().evaluate_many(self.households)

        threads = [threading.Thread(target=decide, args=(slot,)) for slot in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(results, [expected] * 4)

    def test_evaluating_lets_other_threads_run(self):
        # With a switch interval far beyond the test's length, a thread holding the GIL keeps it
        # until it releases it itself: the spinning thread below counts only while the
        # evaluations (and nothing else on this thread) let it run.
        spins = 0
        stop = threading.Event()

        def spin():
            nonlocal spins
            while not stop.is_set():
                spins += 1
                time.sleep(0)  # gives the GIL back to this thread at once

        interval = sys.getswitchinterval()
        sys.setswitchinterval(1000)
        try:
            spinner = threading.Thread(target=spin)
            spinner.start()
            evaluator = self.compiled.evaluator()
            before = spins
            for _ in range(20):
                evaluator.evaluate_many(self.households)
            during = spins - before
        finally:
            stop.set()
            spinner.join()
            sys.setswitchinterval(interval)
        self.assertGreater(during, 0)

    def test_an_evaluator_in_use_says_so(self):
        evaluator = self.compiled.evaluator()

        def records():
            yield self.households[0]
            evaluator.evaluate(self.households[1])  # while evaluate_many holds it

        with self.assertRaises(regla.EvaluatorBusy):
            evaluator.evaluate_many(records())
        self.assertEqual(evaluator.evaluate(self.households[1])["household_id"], "H00000002")


class RegistryParts(unittest.TestCase):
    """A part of a registry evaluated in place, and parts' summaries added up, as regla eval
    --first-line and regla summary merge do them (cluster/dask_eval.py runs on these)."""
    compiled = regla.load("rules/").compile(as_of=AS_OF, group_by="ubigeo")

    def setUp(self):
        self.work = tempfile.mkdtemp()
        self.registry = os.path.join(self.work, "registry.jsonl")
        with open(self.registry, "w", encoding="utf-8") as f:
            f.write("\n".join(sample_lines("households.jsonl") + sample_lines("defects.jsonl")))
            f.write("\n")

    def tearDown(self):
        shutil.rmtree(self.work)

    def regla_eval_part(self, data, first_line):
        summary = os.path.join(self.work, "part.summary.json")
        run = subprocess.run([REGLA, "eval", "--as-of", AS_OF, "--first-line", str(first_line),
                              "--summary", summary], input=data, capture_output=True, check=False)
        self.assertIn(run.returncode, (0, 3), run.stderr)
        with open(summary, encoding="utf-8") as f:
            return run.stdout, json.load(f)

    def test_a_byte_range_is_evaluated_as_regla_eval_evaluates_it(self):
        with open(self.registry, "rb") as f:
            data = f.read()
        start = data.index(b"\n", len(data) // 3) + 1  # a line boundary
        end = data.index(b"\n", 2 * len(data) // 3) + 1
        first_line = data[:start].count(b"\n") + 1
        output = os.path.join(self.work, "part.jsonl")
        summary = json.loads(self.compiled.evaluate_range(self.registry, start, end, output,
                                                          first_line=first_line))
        expected_lines, expected_summary = self.regla_eval_part(data[start:end], first_line)
        with open(output, "rb") as f:
            self.assertEqual(f.read(), expected_lines)
        del summary["seconds"], expected_summary["seconds"]
        self.assertEqual(summary, expected_summary)

    def test_a_range_past_the_end_of_its_file_is_a_read_error(self):
        size = os.path.getsize(self.registry)
        with self.assertRaises(OSError) as raised:
            self.compiled.evaluate_range(self.registry, 0, size + 100,
                                         os.path.join(self.work, "part.jsonl"))
        self.assertEqual(raised.exception.filename, self.registry)

    def test_a_file_that_cannot_be_read_or_written_is_an_os_error(self):
        with self.assertRaises(FileNotFoundError):
            self.compiled.evaluate_range(os.path.join(self.work, "missing.jsonl"), 0, 10,
                                         os.path.join(self.work, "part.jsonl"))
        with self.assertRaises(FileNotFoundError):
            self.compiled.evaluate_range(self.registry, 0, 10,
                                         os.path.join(self.work, "no", "part.jsonl"))

    def test_summaries_of_the_parts_add_up_to_the_whole(self):
        with open(self.registry, "rb") as f:
            data = f.read()
        middle = data.index(b"\n", len(data) // 2) + 1
        parts = [self.compiled.evaluate_range(self.registry, start, end,
                                              os.path.join(self.work, f"part-{i}.jsonl"),
                                              first_line=first)
                 for i, (start, end, first) in enumerate(
                     [(0, middle, 1), (middle, len(data), data[:middle].count(b"\n") + 1)])]
        merged = json.loads(regla.merge_summaries(parts))
        _, whole = self.regla_eval_part(data, 1)
        del merged["seconds"], whole["seconds"]
        self.assertEqual(merged, whole)
        self.assertIn("records as of 2026-11-01", regla.summary_text(regla.merge_summaries(parts)))

    def test_summaries_that_do_not_add_up_are_refused(self):
        part = self.compiled.evaluate_range(self.registry, 0, 0,
                                            os.path.join(self.work, "part.jsonl"))
        october = regla.load("rules/").compile(as_of="2026-10-01").evaluate_range(
            self.registry, 0, 0, os.path.join(self.work, "october.jsonl"))
        with self.assertRaisesRegex(ValueError, "part 1 cannot be added: runs on different dates"):
            regla.merge_summaries([part, october])
        with self.assertRaisesRegex(ValueError, "part 0 is not a run summary: not JSON"):
            regla.merge_summaries(["{"])


if __name__ == "__main__":
    unittest.main()
