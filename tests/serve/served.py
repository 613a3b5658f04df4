"""A real `regla serve` process on a free loopback port, and a real HTTP client for it."""
import http.client
import json
import os
import signal
import socket
import subprocess
import time

REGLA = os.environ["REGLA_BINARY"]
SOURCE = os.environ["REGLA_SOURCE_DIR"]


class Server:
    """`regla serve --port 0 ARGS...`, started in SOURCE (or `cwd`); stopped with SIGTERM."""

    def __init__(self, *args, cwd=SOURCE):
        self.stopped = None
        self.process = subprocess.Popen(
            [REGLA, "serve", "--port", "0", "--threads", "2", *args],
            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("listening on http://"):
            self.process.wait(10)
            raise AssertionError("regla serve did not start: " + line + self.process.stderr.read())
        address = line.strip().removeprefix("listening on http://")
        self.host, port = address.rsplit(":", 1)
        self.port = int(port)

    def connection(self, timeout=30):
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None):
        """(status, headers, body text) of one request on a new connection."""
        connection = self.connection()
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode()
        finally:
            connection.close()

    def json(self, method, path, body=None, headers=None):
        status, _, text = self.request(method, path, body, headers)
        return status, json.loads(text)

    def raw_socket(self):
        return socket.create_connection((self.host, self.port), timeout=10)

    def stop(self):
        """SIGTERM; returns (exit code, standard error). Stopping again returns the same."""
        if self.stopped is not None:
            return self.stopped
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError("regla serve did not stop within 20 s of SIGTERM")
        stderr = self.process.stderr.read()
        self.process.stdout.close()
        self.process.stderr.close()
        self.stopped = code, stderr
        return self.stopped

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        code, stderr = self.stop()
        if exception[0] is None:
            assert code == 0, f"regla serve exited {code}: {stderr}"


def regla_eval(*args, input_path):
    """The lines `regla eval ARGS INPUT` writes (its exit code is 0 or 3)."""
    done = subprocess.run([REGLA, "eval", *args, input_path], cwd=SOURCE,
                          capture_output=True, text=True)
    assert done.returncode in (0, 3), done.stderr
    return done.stdout


def wait_until(predicate, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False
