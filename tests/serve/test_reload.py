"""Rules reloaded without downtime: POST /v1/rules/reload and SIGHUP load the folder again, a
folder with errors is refused while the running rules stay, and requests running meanwhile all
succeed, each answered on one rule set or the other."""
import http.client
import json
import pathlib
import shutil
import signal
import tempfile
import threading
import unittest

from served import SOURCE, Server, wait_until

with open(f"{SOURCE}/rules/samples/households.jsonl", encoding="utf-8") as _file:
    RECORD = _file.readline().strip()
RESIDENCE = "param min_residence = 6 months"


class Reload(unittest.TestCase):
    def setUp(self):
        self.folder = pathlib.Path(tempfile.mkdtemp())
        shutil.copytree(f"{SOURCE}/rules", self.folder / "rules")
        self.juntos = self.folder / "rules" / "juntos.regla"
        self.original = self.juntos.read_text()
        self.assertIn(RESIDENCE, self.original)
        self.server = Server("--rules", "rules/", cwd=self.folder)

    def tearDown(self):
        code, self.stderr = self.server.stop()
        shutil.rmtree(self.folder)
        self.assertEqual(code, 0, self.stderr)

    def with_residence(self, months):
        self.juntos.write_text(self.original.replace(RESIDENCE,
                                                     f"param min_residence = {months} months"))

    def served_hash(self):
        return self.server.json("GET", "/v1/rules")[1]["rules"]

    def evaluated_hash(self):
        status, answer = self.server.json("POST", "/v1/evaluate?as_of=2026-11-01", RECORD)
        self.assertEqual(status, 200, answer)
        return answer["rules"]

    def test_reload_takes_good_rules_and_refuses_bad_ones(self):
        first = self.served_hash()
        self.assertEqual(self.evaluated_hash(), first)
        self.with_residence(7)
        status, reloaded = self.server.json("POST", "/v1/rules/reload")
        self.assertEqual(status, 200)
        self.assertEqual((reloaded["previous"], reloaded["changed"]), (first, True))
        second = reloaded["rules"]
        self.assertNotEqual(second, first)
        self.assertEqual(self.evaluated_hash(), second)

        self.juntos.write_text(self.original.replace(RESIDENCE, "param min_residence = 6 monts"))
        status, refused = self.server.json("POST", "/v1/rules/reload")
        self.assertEqual(status, 422)
        self.assertEqual(refused["error"]["code"], "rules-have-errors")
        self.assertEqual(refused["rules"], second)
        problem = refused["diagnostics"]["problems"][0]
        self.assertTrue(problem["file"].endswith("juntos.regla"), problem)
        self.assertEqual(problem["severity"], "error")
        self.assertEqual(self.served_hash(), second)
        self.assertEqual(self.evaluated_hash(), second)

        self.with_residence(8)  # SIGHUP does the same
        self.server.process.send_signal(signal.SIGHUP)
        self.assertTrue(wait_until(lambda: self.served_hash() not in (first, second)))
        self.assertEqual(self.evaluated_hash(), self.served_hash())

    def test_requests_running_during_reloads_all_succeed(self):
        hashes = {self.served_hash()}
        failures, seen = [], set()
        stop = threading.Event()

        def evaluate_until_stopped():
            connection = http.client.HTTPConnection(self.server.host, self.server.port, timeout=30)
            while not stop.is_set():
                try:
                    connection.request("POST", "/v1/evaluate?as_of=2026-11-01", body=RECORD)
                    response = connection.getresponse()
                    answer = json.loads(response.read())
                    if response.status != 200:
                        failures.append(answer)
                    seen.add(answer.get("rules"))
                except Exception as error:  # noqa: BLE001 - every failure is one to report
                    failures.append(repr(error))
                    return
            connection.close()

        clients = [threading.Thread(target=evaluate_until_stopped) for _ in range(3)]
        for client in clients:
            client.start()
        for months in (7, 6, 7, 6, 7, 6):
            self.with_residence(months)
            status, reloaded = self.server.json("POST", "/v1/rules/reload")
            self.assertEqual(status, 200)
            hashes.add(reloaded["rules"])
            self.assertEqual(self.evaluated_hash(), reloaded["rules"])
        stop.set()
        for client in clients:
            client.join()
        self.assertEqual(failures, [])
        self.assertEqual(len(hashes), 2)  # 6 months and 7 months, each the same every time
        self.assertTrue(seen <= hashes, seen - hashes)


if __name__ == "__main__":
    unittest.main()
