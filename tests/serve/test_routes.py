"""Every route of `regla serve` through a real HTTP client, and every class of error."""
import json
import pathlib
import subprocess
import time
import unittest

import jsonschema

from served import Server, regla_eval, SOURCE

AS_OF = "2026-11-01"
HOUSEHOLDS = "rules/samples/households.jsonl"
DEFECTS = "rules/samples/defects.jsonl"


def read_lines(path):
    with open(f"{SOURCE}/{path}", encoding="utf-8") as file:
        return file.read().splitlines()


class Routes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("--rules", "rules/")

    @classmethod
    def tearDownClass(cls):
        code, stderr = cls.server.stop()
        assert code == 0, stderr

    def assert_error(self, status, body, code):
        """The one error shape: {"error": {"status", "code", "message"}}."""
        self.assertEqual(set(body["error"]), {"status", "code", "message"}, body)
        self.assertEqual(body["error"]["status"], status)
        self.assertEqual(body["error"]["code"], code, body)
        self.assertTrue(body["error"]["message"])

    def test_every_answer_is_the_line_regla_eval_writes(self):
        """For the sample registry: each record's answer equals `regla eval`'s line, plus an id."""
        expected = regla_eval("--as-of", AS_OF, input_path=HOUSEHOLDS).splitlines()
        records = read_lines(HOUSEHOLDS)
        self.assertEqual(len(expected), 300)
        ids = set()
        connection = self.server.connection()
        for record, line in zip(records, expected):
            connection.request("POST", f"/v1/evaluate?as_of={AS_OF}", body=record)
            response = connection.getresponse()
            answer = json.loads(response.read())
            wanted = json.loads(line)
            if "error" in wanted:
                self.assertEqual(response.status, 422)
                self.assertEqual(answer["error"]["message"], wanted["error"])
                continue
            self.assertEqual(response.status, 200, answer)
            ids.add(answer.pop("decision_id"))
            self.assertEqual(answer, wanted)
        connection.close()
        self.assertEqual(len(ids), sum('"error"' not in line for line in expected))

    def test_explanations_in_spanish_as_the_cli_writes_them(self):
        expected = regla_eval("--as-of", AS_OF, "--explain", "--lang", "es",
                              input_path=HOUSEHOLDS).splitlines()
        for record, line in list(zip(read_lines(HOUSEHOLDS), expected))[:20]:
            status, answer = self.server.json(
                "POST", f"/v1/evaluate?as_of={AS_OF}&explain=full&lang=es", record)
            self.assertEqual(status, 200)
            answer.pop("decision_id")
            self.assertEqual(answer, json.loads(line))
            self.assertIn("why", answer)

    def test_caseworker_notes_as_the_cli_writes_them(self):
        expected = regla_eval("--as-of", AS_OF, "--explain=note", "--lang", "es",
                              input_path=HOUSEHOLDS).splitlines()
        # The same date and language without a note first: the rules compiled for it are not
        # the ones a note is asked of.
        status, plain = self.server.json("POST", f"/v1/evaluate?as_of={AS_OF}&lang=es",
                                         read_lines(HOUSEHOLDS)[0])
        self.assertEqual(status, 200)
        self.assertNotIn("note", plain)
        for record, line in list(zip(read_lines(HOUSEHOLDS), expected))[:20]:
            status, answer = self.server.json(
                "POST", f"/v1/evaluate?as_of={AS_OF}&explain=note&lang=es", record)
            self.assertEqual(status, 200)
            answer.pop("decision_id")
            self.assertEqual(answer, json.loads(line))
            self.assertIn("note", answer)

    def test_batch_answers_byte_for_byte_as_regla_eval(self):
        for path in (HOUSEHOLDS, DEFECTS):
            with open(f"{SOURCE}/{path}", "rb") as file:
                body = file.read()
            status, headers, text = self.server.request(
                "POST", f"/v1/evaluate/batch?as_of={AS_OF}", body)
            self.assertEqual(status, 200)
            self.assertEqual(text, regla_eval("--as-of", AS_OF, input_path=path))
            self.assertEqual(headers["Regla-Records"], str(len(text.splitlines())))

    def test_hostile_records_are_answered_as_regla_eval_answers_them(self):
        """The hostile-input corpus (bad UTF-8, deep nesting, huge numbers, duplicate keys...):
        a batch is byte for byte the CLI's lines; each line alone is decided, rejected (422) or
        not JSON (400), never a server error."""
        hostile = pathlib.Path(SOURCE, "tests/data/hostile")
        for path in sorted(hostile.glob("*.jsonl")):
            body = path.read_bytes()
            status, _, text = self.server.request(
                "POST", f"/v1/evaluate/batch?as_of={AS_OF}", body)
            self.assertEqual(status, 200, path.name)
            self.assertEqual(text, regla_eval("--as-of", AS_OF, input_path=str(path)), path.name)
            connection = self.server.connection()
            for line in body.split(b"\n"):
                connection.request("POST", f"/v1/evaluate?as_of={AS_OF}", body=line)
                response = connection.getresponse()
                answer = json.loads(response.read())
                self.assertIn(response.status, (200, 400, 422), (path.name, line[:80], answer))
            connection.close()

    def test_curl_sends_a_large_body_after_100_continue(self):
        """curl asks for "100 Continue" before a body over 1 KiB; the answer comes at once."""
        started = time.monotonic()
        done = subprocess.run(
            ["curl", "-s", "--fail-with-body", "--data-binary", f"@{SOURCE}/{HOUSEHOLDS}",
             f"http://{self.server.host}:{self.server.port}/v1/evaluate/batch?as_of={AS_OF}"],
            capture_output=True, text=True, timeout=30)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertLess(time.monotonic() - started, 0.9)  # curl waits 1 s for a silent server
        self.assertEqual(done.stdout, regla_eval("--as-of", AS_OF, input_path=HOUSEHOLDS))

    def test_the_rules_hash_is_in_every_answer(self):
        rules = self.server.json("GET", "/v1/rules")[1]["rules"]
        self.assertRegex(rules, "^sha256:[0-9a-f]{64}$")
        record = read_lines(HOUSEHOLDS)[0]
        self.assertEqual(self.server.json("POST", f"/v1/evaluate?as_of={AS_OF}", record)[1]
                         ["rules"], rules)
        self.assertEqual(self.server.json("POST", f"/v1/evaluate?as_of={AS_OF}", "{}")[1]
                         ["rules"], rules)
        self.assertEqual(self.server.json("POST", f"/v1/evaluate?as_of=someday", record)[1]
                         ["rules"], rules)

    def test_a_rejected_record_is_422_with_the_cli_error_text(self):
        expected = regla_eval("--as-of", AS_OF, input_path=DEFECTS).splitlines()
        rejected = 0
        for record, line in zip(read_lines(DEFECTS), expected):
            status, answer = self.server.json("POST", f"/v1/evaluate?as_of={AS_OF}", record)
            wanted = json.loads(line)
            if status == 400:  # not JSON at all: the CLI says so too, at the same place
                self.assertIn("not valid JSON", wanted["error"])
                self.assert_error(400, answer, "invalid-json")
                continue
            if "error" not in wanted:  # the sample defects include records that are fine
                self.assertEqual(status, 200, answer)
                continue
            self.assert_error(422, answer, "record-rejected")
            self.assertEqual(answer["error"]["message"], wanted["error"])
            self.assertEqual(answer["household_id"], wanted["household_id"])
            rejected += 1
        self.assertGreaterEqual(rejected, 5)

    def test_a_body_that_is_not_json_is_400_at_its_position(self):
        status, answer = self.server.json("POST", "/v1/evaluate", '{"household_id": tru}')
        self.assert_error(400, answer, "invalid-json")
        self.assertIn("line 1, column 21", answer["error"]["message"])  # where reading stopped
        status, answer = self.server.json("POST", "/v1/evaluate", '{\n  "a": 1,\n  oops\n}')
        self.assertIn("line 3, column 3", answer["error"]["message"])

    def test_bad_query_parameters_are_400(self):
        record = read_lines(HOUSEHOLDS)[0]
        for query, code in [("as_of=2026-02-30", "bad-parameter"), ("lang=fr", "bad-parameter"),
                            ("explain=yes", "bad-parameter"),
                            ("asof=2026-11-01", "unknown-parameter"), ("as_of=%zz", "bad-request")]:
            status, answer = self.server.json("POST", f"/v1/evaluate?{query}", record)
            self.assertEqual(status, 400, query)
            self.assert_error(400, answer, code)

    def test_unknown_route_is_404_and_wrong_method_405(self):
        status, answer = self.server.json("GET", "/v1/nothing")
        self.assert_error(404, answer, "not-found")
        status, headers, text = self.server.request("GET", "/v1/evaluate")
        self.assert_error(405, json.loads(text), "method-not-allowed")
        self.assertEqual(headers["Allow"], "POST")

    def test_check_one_rule_file(self):
        status, answer = self.server.json(
            "POST", "/v1/check?name=mine.regla",
            "program mine\nrule adult(member: member) = age_years(member.birthdate) >= 18\n")
        self.assertEqual(status, 200)
        self.assertFalse(answer["ok"])
        self.assertGreaterEqual(answer["errors"], 1)
        first = next(p for p in answer["problems"] if p["severity"] == "error")
        self.assertEqual(first["file"], "mine.regla")
        self.assertEqual(first["line"], 2)
        self.assertTrue(first["code"] and first["message"] and first["column"])
        self.assertIn("mine.regla:2:", answer["text"])

    def test_check_a_set_of_files_with_a_table(self):
        files = {}
        for name in ("household.regla", "inei.regla", "sis.regla", "juntos.regla",
                     "crecer.regla", "data/inei_districts.csv", "data/juntos_districts.csv",
                     "data/crecer_districts.csv", "data/cred_schedule.csv"):
            with open(f"{SOURCE}/rules/{name}", encoding="utf-8") as file:
                files[name] = file.read()
        status, answer = self.server.json("POST", "/v1/check", json.dumps({"files": files}),
                                          {"Content-Type": "application/json"})
        self.assertEqual(status, 200)
        self.assertTrue(answer["ok"], answer["text"])
        self.assertEqual(answer["errors"], 0)
        del files["data/juntos_districts.csv"]  # never read from the server's disk instead
        status, answer = self.server.json("POST", "/v1/check", json.dumps({"files": files}),
                                          {"Content-Type": "application/json"})
        self.assertFalse(answer["ok"])
        self.assertIn("juntos_districts.csv", answer["text"])
        status, answer = self.server.json("POST", "/v1/check", '{"files": [1]}',
                                          {"Content-Type": "application/json"})
        self.assert_error(400, answer, "bad-request")

    def test_rules_and_health(self):
        status, rules = self.server.json("GET", "/v1/rules")
        self.assertEqual(status, 200)
        self.assertIn("juntos.eligible", rules["household_decisions"])
        self.assertIn("sis.subsidized", rules["member_decisions"])
        self.assertEqual(set(rules["programs"]), {"inei", "sis", "juntos", "crecer"})
        eligible = next(d for d in rules["decisions"] if d["name"] == "juntos.eligible")
        self.assertEqual((eligible["about"], eligible["type"]), ("household", "bool"))
        self.assertEqual(eligible["labels"]["es"], "Juntos: el hogar puede afiliarse")
        self.assertEqual(eligible["declared"]["line"], 136)
        age_limit = next(p for p in rules["parameters"] if p["name"] == "juntos.age_limit")
        self.assertEqual(age_limit["values"], [
            {"value": "14 years", "from": None, "until": "2014-01-01"},
            {"value": "19 years", "from": "2014-01-01", "until": None}])
        self.assertTrue(age_limit["declared"]["file"].endswith("juntos.regla"))
        self.assertEqual(self.server.json("GET", "/health"), (200, {"status": "ok"}))
        status, ready = self.server.json("GET", "/health/ready")
        self.assertEqual((status, ready["status"], ready["rules"]), (200, "ready", rules["rules"]))

    def test_the_openapi_document_describes_every_route_and_the_rules_decisions(self):
        status, document = self.server.json("GET", "/v1/openapi.json")
        self.assertEqual((status, document["openapi"]), (200, "3.1.0"))
        paths = document["paths"]
        self.assertEqual(set(paths), {
            "/v1/evaluate", "/v1/evaluate/batch", "/v1/check", "/v1/rules", "/v1/rules/reload",
            "/v1/openapi.json", "/health", "/health/ready", "/metrics", "/v1/metrics"})
        for path, operations in paths.items():  # each is a route, with the method documented
            method = next(iter(operations)).upper()
            other = "GET" if method == "POST" else "DELETE"
            self.assertEqual(self.server.request(other, path)[0], 405, path)
        rules = self.server.json("GET", "/v1/rules")[1]
        decided = document["components"]["schemas"]["Decided"]
        household = decided["properties"]["decisions"]
        self.assertEqual(household["required"], rules["household_decisions"])
        self.assertEqual(set(household["properties"]), set(rules["household_decisions"]))
        self.assertEqual(household["properties"]["juntos.transfer_amount"]["type"], "number")
        members = decided["properties"]["members"]["additionalProperties"]
        self.assertEqual(members["required"], rules["member_decisions"])
        self.assertEqual(document["info"]["version"], rules["rules"])

        # Every answer for the sample registry is valid against the generated schema...
        schema = dict(decided, components=document["components"])
        validator = jsonschema.Draft202012Validator(schema)
        for record in read_lines(HOUSEHOLDS)[:50]:
            status, answer = self.server.json("POST", f"/v1/evaluate?as_of={AS_OF}", record)
            validator.validate(answer)
        # ...and an answer missing a decision, or with a value of the wrong type, is not.
        answer.pop("decision_id")
        self.assertFalse(validator.is_valid(answer))
        answer["decision_id"] = "7a53c31a-d2a0-4ffd-9bd2-a08c3a9a011b"
        answer["decisions"]["juntos.eligible"] = "yes"
        self.assertFalse(validator.is_valid(answer))

    def test_connections_are_kept_alive(self):
        connection = self.server.connection()
        for _ in range(3):
            connection.request("GET", "/health")
            self.assertEqual(connection.getresponse().read(), b'{"status":"ok"}\n')
        connection.close()


if __name__ == "__main__":
    unittest.main()
