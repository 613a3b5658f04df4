"""The limits of `regla serve`: body and header size, slow clients, connections, the evaluation
budget, the token outside loopback, and stopping on SIGTERM with the requests in flight answered."""
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import unittest

from served import REGLA, SOURCE, Server, regla_eval, wait_until

with open(f"{SOURCE}/rules/samples/households.jsonl", encoding="utf-8") as _file:
    RECORD = _file.readline().strip()


def read_answer(sock):
    """Everything the server sends until it closes the connection."""
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received.decode()


class Limits(unittest.TestCase):
    def test_a_body_over_the_limit_is_413_unread(self):
        with Server("--max-body", "1000") as server:
            with server.raw_socket() as sock:
                sock.sendall(b"POST /v1/evaluate HTTP/1.1\r\nHost: x\r\n"
                             b"Content-Length: 5000000\r\n\r\n")
                answer = read_answer(sock)  # answered before any of the body is sent
            self.assertTrue(answer.startswith("HTTP/1.1 413 "), answer)
            body = json.loads(answer.split("\r\n\r\n", 1)[1])
            self.assertEqual(body["error"]["code"], "too-large")
            with server.raw_socket() as sock:  # chunked: refused once the chunks pass the limit
                sock.sendall(b"POST /v1/evaluate/batch HTTP/1.1\r\nHost: x\r\n"
                             b"Transfer-Encoding: chunked\r\n\r\n" +
                             (b"200\r\n" + b" " * 512 + b"\r\n") * 3)
                self.assertTrue(read_answer(sock).startswith("HTTP/1.1 413 "))
            self.assertEqual(server.request("POST", "/v1/evaluate", "{}")[0], 422)  # still serving

    def test_headers_over_the_limit_are_431(self):
        with Server("--max-header", "1024") as server:
            status, _, text = server.request("GET", "/health", headers={"X-Big": "y" * 2000})
            self.assertEqual(status, 431)
            self.assertEqual(json.loads(text)["error"]["code"], "header-too-large")

    def test_a_slow_client_is_cut_off_and_holds_no_worker(self):
        with Server("--timeout-ms", "300", "--threads", "1") as server:
            with server.raw_socket() as slow:
                slow.sendall(b"POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
                             b"\r\n{\"househ")
                started = time.monotonic()
                # The only thread still answers others meanwhile.
                self.assertEqual(server.request("GET", "/health")[0], 200)
                self.assertEqual(read_answer(slow), "")  # closed, with nothing to answer
                waited = time.monotonic() - started
            self.assertGreaterEqual(waited, 0.25)
            self.assertLess(waited, 5)
            with server.raw_socket() as idle:  # a connection that sends nothing: the same
                started = time.monotonic()
                self.assertEqual(read_answer(idle), "")
                self.assertLess(time.monotonic() - started, 5)

    def test_a_client_that_does_not_read_its_answer_is_cut_off(self):
        with open(f"{SOURCE}/rules/samples/households.jsonl", "rb") as file:
            body = file.read()
        with Server("--timeout-ms", "300") as server:
            with server.raw_socket() as sock:
                # With explanations the answer is 15 MB: more than the sockets of both ends buffer.
                sock.sendall(b"POST /v1/evaluate/batch?as_of=2026-11-01&explain=full HTTP/1.1\r\n"
                             b"Host: x\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
                # Once the answer has begun (computing it may take seconds, as under the
                # sanitizers), stop reading for longer than the timeout.
                sock.settimeout(120)
                received = sock.recv(4096)
                time.sleep(2)  # not reading
                try:
                    while chunk := sock.recv(1 << 20):
                        received += chunk
                except ConnectionResetError:
                    pass
            head, _, answer = received.partition(b"\r\n\r\n")
            length = int(re.search(rb"Content-Length: (\d+)", head).group(1))
            self.assertGreater(length, 10_000_000)
            self.assertLess(len(answer), length)  # the server gave up on the write
            self.assertEqual(server.request("GET", "/health")[0], 200)

    def test_connections_over_the_limit_are_503(self):
        with Server("--max-connections", "2") as server:
            first, second = server.raw_socket(), server.raw_socket()
            first.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            second.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertIn(b" 200 ", first.recv(4096))
            self.assertIn(b" 200 ", second.recv(4096))  # both open, kept alive
            with server.raw_socket() as third:
                answer = read_answer(third)
            self.assertTrue(answer.startswith("HTTP/1.1 503 "), answer)
            self.assertIn('"too-many-connections"', answer)
            first.close()
            second.close()
            self.assertTrue(wait_until(lambda: server.request("GET", "/health")[0] == 200))

    def test_the_evaluation_budget_of_a_record(self):
        with Server("--max-steps", "10") as server:
            status, _, text = server.request("POST", "/v1/evaluate?as_of=2026-11-01", RECORD)
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl") as record:
            record.write(RECORD + "\n")
            record.flush()
            expected = json.loads(regla_eval("--as-of", "2026-11-01", "--max-steps", "10",
                                             input_path=record.name))
        self.assertEqual(status, 422)
        self.assertEqual(json.loads(text)["error"]["message"], expected["error"])
        self.assertIn("steps", expected["error"])


class Access(unittest.TestCase):
    def test_only_loopback_without_a_token(self):
        refused = subprocess.run([REGLA, "serve", "--host", "0.0.0.0", "--port", "0"],
                                 cwd=SOURCE, capture_output=True, text=True, timeout=30)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("--token-file", refused.stderr)
        self.assertEqual(refused.stdout, "")

    def test_what_keeps_it_from_starting_is_said(self):
        def start(*args, cwd=SOURCE):
            return subprocess.run([REGLA, "serve", *args], cwd=cwd, capture_output=True,
                                  text=True, timeout=30)
        with Server() as running:  # a port in use
            refused = start("--port", str(running.port))
            self.assertEqual(refused.returncode, 2)
            self.assertIn(f"cannot listen on http://127.0.0.1:{running.port}", refused.stderr)
        refused = start("--port", "70000")
        self.assertEqual(refused.returncode, 2)
        self.assertIn("--port needs a whole number from 0 to 65535", refused.stderr)
        refused = start("--port", "0", "--decision-log", "/nonexistent/folder/log")
        self.assertEqual((refused.returncode, refused.stdout), (2, ""))
        self.assertIn("cannot open the decision log '/nonexistent/folder/log'", refused.stderr)
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "bad.regla"), "w", encoding="utf-8") as bad:
                bad.write("program bad\nrule r = nothing\n")
            refused = start("--rules", folder, "--port", "0")
        self.assertEqual((refused.returncode, refused.stdout), (1, ""))
        self.assertIn("bad.regla:2:", refused.stderr)

    def test_a_token_is_required_when_given(self):
        with tempfile.NamedTemporaryFile("w") as token_file:
            token_file.write("s3cret-token-of-the-registry\n")
            token_file.flush()
            with Server("--host", "0.0.0.0", "--token-file", token_file.name) as server:
                server.host = "127.0.0.1"
                for headers in ({}, {"Authorization": "Bearer wrong"},
                                {"Authorization": "s3cret-token-of-the-registry"}):
                    status, answer = server.json("POST", "/v1/evaluate", RECORD, headers)
                    self.assertEqual(status, 401, headers)
                    self.assertEqual(answer["error"]["code"], "unauthorized")
                status, _ = server.json(
                    "POST", "/v1/evaluate", RECORD,
                    {"Authorization": "Bearer s3cret-token-of-the-registry"})
                self.assertEqual(status, 200)


class Stopping(unittest.TestCase):
    def test_sigterm_lets_the_request_in_flight_finish(self):
        server = Server()
        self.addCleanup(server.stop)  # also when an assertion fails
        body = RECORD.encode()
        sock = server.raw_socket()
        sock.sendall(b"POST /v1/evaluate?as_of=2026-11-01 HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(body) + body[:20])
        time.sleep(0.2)  # the header is read: the request is in flight
        server.process.send_signal(signal.SIGTERM)
        # No new connection is taken, and the server is no longer ready...
        self.assertTrue(wait_until(lambda: not can_connect(server)))
        # ...but the request in flight is answered in full.
        sock.sendall(body[20:])
        answer = read_answer(sock)
        sock.close()
        self.assertTrue(answer.startswith("HTTP/1.1 200 "), answer)
        self.assertIn("Connection: close", answer)
        self.assertIn('"decision_id"', answer)
        code, stderr = server.stop()
        self.assertEqual(code, 0, stderr)

    def test_sigint_stops_an_idle_server_at_once(self):
        server = Server()
        self.addCleanup(server.stop)
        idle = server.raw_socket()  # a kept-alive connection with no request does not hold it
        idle.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        idle.recv(4096)
        started = time.monotonic()
        server.process.send_signal(signal.SIGINT)
        self.assertEqual(server.process.wait(10), 0)
        self.assertLess(time.monotonic() - started, 5)
        idle.close()
        server.stop()


def can_connect(server):
    try:
        with server.raw_socket() as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            return sock.recv(4096) != b""
    except OSError:
        return False


if __name__ == "__main__":
    unittest.main()
