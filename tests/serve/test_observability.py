"""GET /metrics (Prometheus text) and --decision-log: what was answered is counted and logged."""
import hashlib
import json
import os
import re
import tempfile
import time
import unittest

from served import SOURCE, Server, regla_eval

AS_OF = "2026-11-01"
HOUSEHOLDS = f"{SOURCE}/rules/samples/households.jsonl"
DEFECTS = f"{SOURCE}/rules/samples/defects.jsonl"


def metric(text, name, **labels):
    """The value of one sample of the exposition `text`, 0 when absent."""
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    pattern = "^" + re.escape(name + ("{" + wanted + "}" if wanted else "")) + r" (\S+)$"
    found = re.search(pattern, text, re.MULTILINE)
    return float(found.group(1)) if found else 0


class Observability(unittest.TestCase):
    def test_metrics_and_decision_log_agree_with_the_answers(self):
        with open(HOUSEHOLDS, encoding="utf-8") as file:
            records = file.read().splitlines()[:2]
        with open(DEFECTS, "rb") as file:
            defects = file.read()
        expected_defects = regla_eval("--as-of", AS_OF, input_path=DEFECTS).splitlines()
        rejected_defects = sum('"error"' in line for line in expected_defects)
        with tempfile.TemporaryDirectory() as folder:
            log_path = os.path.join(folder, "decisions.log")
            with Server("--decision-log", log_path) as server:
                answers = [server.json("POST", f"/v1/evaluate?as_of={AS_OF}", record)
                           for record in records + ['{"household_id":"X","members":[]}']]
                self.assertEqual([status for status, _ in answers], [200, 200, 422])
                status, headers, batch = server.request(
                    "POST", f"/v1/evaluate/batch?as_of={AS_OF}", defects)
                self.assertEqual(server.request("GET", "/nowhere")[0], 404)
                status, headers_m, text = server.request("GET", "/metrics")
                self.assertEqual(status, 200)
                self.assertTrue(headers_m["Content-Type"].startswith("text/plain"))
                self.assertEqual(server.request("GET", "/v1/metrics")[0], 200)
            with open(log_path, encoding="utf-8") as file:
                logged = [json.loads(line) for line in file]

        self.assertEqual(metric(text, "regla_requests_total", route="/v1/evaluate", status=200), 2)
        self.assertEqual(metric(text, "regla_requests_total", route="/v1/evaluate", status=422), 1)
        self.assertEqual(metric(text, "regla_requests_total", route="other", status=404), 1)
        self.assertEqual(metric(text, "regla_request_seconds_count", route="/v1/evaluate"), 3)
        self.assertEqual(metric(text, "regla_request_seconds_bucket", route="/v1/evaluate",
                                le="+Inf"), 3)
        self.assertEqual(metric(text, "regla_rejected_records_total"), 1 + rejected_defects)
        decided = 2 + len(expected_defects) - rejected_defects
        self.assertEqual(metric(text, "regla_decisions_total", decision="juntos.eligible",
                                verdict="holds") +
                         metric(text, "regla_decisions_total", decision="juntos.eligible",
                                verdict="fails"), decided)
        self.assertEqual(metric(text, "regla_decision_log_dropped_total"), 0)

        # One line per answered evaluation: the three records, then every line of the batch.
        self.assertEqual(len(logged), 3 + len(expected_defects))
        for record, (status, answer), line in zip(records, answers, logged):
            self.assertEqual(line["decision_id"], answer["decision_id"])
            self.assertEqual(line["rules"], answer["rules"])
            self.assertEqual(line["decisions"], answer["decisions"])
            self.assertEqual(line["members"], answer["members"])
            self.assertEqual(line["input_sha256"],
                             "sha256:" + hashlib.sha256(record.encode()).hexdigest())
            self.assertRegex(line["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual(logged[2]["error"], answers[2][1]["error"]["message"])
        batch_lines = logged[3:]
        self.assertEqual([line["decision_id"] for line in batch_lines],
                         [f"{headers['Regla-Decision-Id']}:{n}"
                          for n in range(1, len(batch_lines) + 1)])
        for line, expected in zip(batch_lines, expected_defects):
            wanted = json.loads(expected)
            self.assertEqual(line.get("error"), wanted.get("error"))
            self.assertEqual(line.get("decisions"), wanted.get("decisions"))

    def test_a_decision_log_that_cannot_keep_up_drops_lines_and_says_so(self):
        with tempfile.TemporaryDirectory() as folder:
            fifo = os.path.join(folder, "decisions.fifo")
            os.mkfifo(fifo)
            reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # opened, never read: it fills
            server = Server("--decision-log", fifo, "--decision-log-queue", "10")
            self.addCleanup(server.stop)
            with open(HOUSEHOLDS, "rb") as file:
                body = file.read()
            started = time.monotonic()
            for _ in range(3):
                status, _, _ = server.request("POST", f"/v1/evaluate/batch?as_of={AS_OF}", body)
                self.assertEqual(status, 200)
            self.assertLess(time.monotonic() - started, 20)  # the requests were not held
            text = server.request("GET", "/metrics")[2]
            dropped = metric(text, "regla_decision_log_dropped_total")
            self.assertGreater(dropped, 0)
            os.close(reader)  # the writer's blocked write fails: said, and the server goes on
            code, stderr = server.stop()
        self.assertEqual(code, 0, stderr)
        self.assertIn("cannot keep up", stderr)
        self.assertIn("lines dropped", stderr)


if __name__ == "__main__":
    unittest.main()
