"""A small client of `mecigep serve` for the service's end-to-end, kill and load tests.

Standard library only (http.client), one connection per client, session cookie + CSRF token
as a browser would send them."""
import http.client
import json
import os
import signal
import socket
import subprocess
import time

PASSWORD = "correct-horse-battery"


class Client:
    def __init__(self, port, host="127.0.0.1", timeout=60):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookie = None
        self.csrf = None
        self.token = None
        self.conn = None

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.conn

    def request(self, method, path, body=None, headers=None):
        """(status, headers dict, bytes). Raises OSError when the server is gone."""
        h = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        elif self.cookie:
            h["Cookie"] = "mecigep_session=" + self.cookie
            if method not in ("GET", "HEAD") and self.csrf:
                h["X-CSRF-Token"] = self.csrf
        try:
            conn = self._connection()
            conn.request(method, path, body=data, headers=h)
            r = conn.getresponse()
            payload = r.read()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, payload
        except (OSError, http.client.HTTPException):
            self.close()
            raise

    def json(self, method, path, body=None, expect=None):
        status, headers, payload = self.request(method, path, body)
        value = json.loads(payload) if payload and headers.get("content-type", "").startswith("application/json") else payload
        if expect is not None and status != expect:
            raise AssertionError(f"{method} {path}: expected {expect}, got {status}: {payload[:500]!r}")
        return status, value

    def login(self, username, password=PASSWORD):
        status, headers, payload = self.request("POST", "/api/login", {"username": username, "password": password})
        if status != 200:
            raise AssertionError(f"login {username}: {status} {payload!r}")
        cookie = headers.get("set-cookie", "")
        self.cookie = cookie.split(";")[0].split("=", 1)[1]
        self.csrf = json.loads(payload)["csrf_token"]
        return json.loads(payload)["user"]

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def add_users(binary, data, users):
    env = dict(os.environ, MECIGEP_PASSWORD=PASSWORD, MECIGEP_BCRYPT_COST="4")
    for name, role, country in users:
        args = [binary, "users", "add", name, "--role", role, "--data", data]
        if country:
            args += ["--country", country]
        subprocess.run(args, env=env, check=True, capture_output=True)


def start_server(binary, data, port, rules="rules", log=None):
    """Starts `mecigep serve` and waits until /healthz answers."""
    process = subprocess.Popen([binary, "serve", "--data", data, "--port", str(port), "--rules", rules],
                               stdout=log or subprocess.DEVNULL, stderr=log or subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited at start with code {process.returncode}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                c.close()
                return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError("the server did not answer /healthz within 30 s")


def stop(process, sig=signal.SIGTERM):
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


def read_case(path):
    with open(path, encoding="utf-8") as f:
        return f.read()
