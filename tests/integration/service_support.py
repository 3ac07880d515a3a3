"""Helpers for the end-to-end tests of `yhteisaika serve` (service_test.py) and
the benchmarks in bench/: start a real server on an ephemeral loopback port with
a temporary database, run the command line against the same database, and talk
HTTP with the standard library only.

Every server started here is killed when the test process ends, whatever way it
ends: by Server.stop(), by atexit, by SIGTERM/SIGINT to the test runner, and (on
Linux) by PR_SET_PDEATHSIG when the test runner itself is killed.
"""
import atexit
import ctypes
import datetime as dt
import http.client
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")
LISTENING = re.compile(r"listening on (http://[^\s]+)")

_live = set()
_live_lock = threading.Lock()


def _kill_all():
    with _live_lock:
        servers = list(_live)
    for s in servers:
        s.kill()


atexit.register(_kill_all)


def _on_signal(signum, frame):
    _kill_all()
    raise SystemExit(128 + signum)


if threading.current_thread() is threading.main_thread():
    for _sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(_sig, _on_signal)


def _die_with_parent():
    """preexec_fn: the server gets SIGKILL when the thread that started it dies."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # not Linux: atexit and the signal handlers still apply
        pass


class Response:
    """One HTTP answer: status, headers (case-insensitive), raw body."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # http.client.HTTPMessage or dict with lower-case keys
        self.body = body
        self._json = None

    def header(self, name, default=None):
        if isinstance(self.headers, dict):
            return self.headers.get(name.lower(), default)
        return self.headers.get(name, default)

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        if self._json is None:
            self._json = json.loads(self.body.decode("utf-8"))
        return self._json

    def json_or_none(self):
        try:
            return self.json()
        except (ValueError, UnicodeDecodeError):
            return None

    def __repr__(self):
        return "HTTP %s %s" % (self.status, self.text[:400])


class Server:
    """A `yhteisaika serve` process on 127.0.0.1:<ephemeral> with its own database.

    Use as a context manager or call start()/stop(). `workdir` (a temporary
    directory, removed by cleanup()) holds the database and the server's logs.
    """

    def __init__(self, binary, calendars, db=None, workdir=None, extra_args=(), env=None):
        self.binary = os.path.abspath(binary)
        self.calendars = os.path.abspath(calendars)
        self._own_workdir = workdir is None
        self.workdir = workdir or tempfile.mkdtemp(prefix="yhteisaika-it-")
        self.db = db or os.path.join(self.workdir, "yhteisaika.db")
        self.extra_args = list(extra_args)
        self.env = env  # variables added to the server's environment (e.g. libfaketime's)
        self.proc = None
        self.base_url = None
        self.host = None
        self.port = None
        self.stdout_lines = []
        self._stderr = None
        self.returncode = None

    # -- life cycle ---------------------------------------------------------
    def start(self, timeout=20.0):
        cmd = [self.binary, "serve", "--db", self.db, "--listen", "127.0.0.1:0",
               "--calendars", self.calendars] + self.extra_args
        self._stderr = open(os.path.join(self.workdir, "server-%d.stderr" % time.monotonic_ns()), "w+b")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self._stderr, stdin=subprocess.DEVNULL,
                                     preexec_fn=_die_with_parent,
                                     env=None if self.env is None else dict(os.environ, **self.env))
        with _live_lock:
            _live.add(self)
        found = threading.Event()

        def drain():  # keeps the pipe from filling when the server logs to stdout
            for raw in self.proc.stdout:
                line = raw.decode("utf-8", "replace").rstrip("\n")
                self.stdout_lines.append(line)
                m = LISTENING.search(line)
                if m and not found.is_set():
                    self.base_url = m.group(1).rstrip("/")
                    found.set()

        self._drain = threading.Thread(target=drain, daemon=True)
        self._drain.start()
        deadline = time.monotonic() + timeout
        while not found.wait(0.05):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                err = self.stderr_text()
                self.kill()
                raise RuntimeError("yhteisaika serve did not print 'listening on http://...' (exit %s)\n"
                                   "command: %s\nstdout: %s\nstderr: %s"
                                   % (self.proc.returncode, " ".join(cmd), "\n".join(self.stdout_lines)[-2000:],
                                      err[-2000:]))
        u = urllib.parse.urlsplit(self.base_url)
        self.host, self.port = u.hostname, u.port
        if self.host in ("0.0.0.0", "::", ""):
            self.host = "127.0.0.1"
        return self

    def stop(self, sig=signal.SIGTERM, timeout=15.0):
        """Sends `sig` and waits; returns the exit code (kills after `timeout`)."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                raise RuntimeError("yhteisaika serve did not stop within %.0f s of signal %d" % (timeout, sig))
        self.returncode = self.proc.returncode
        with _live_lock:
            _live.discard(self)
        return self.returncode

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.proc.kill()
                self.proc.wait(5)
            except Exception:
                pass
        with _live_lock:
            _live.discard(self)

    def cleanup(self):
        self.kill()
        if self.proc is not None and self.proc.stdout:
            if getattr(self, "_drain", None):
                self._drain.join(2)
            self.proc.stdout.close()
        if self._stderr:
            self._stderr.close()
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def stderr_text(self):
        if not self._stderr:
            return ""
        self._stderr.flush()
        self._stderr.seek(0)
        data = self._stderr.read().decode("utf-8", "replace")
        self._stderr.seek(0, os.SEEK_END)
        return data

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()

    # -- command line against the same database ------------------------------
    def cli(self, *args, check=True, timeout=30):
        cmd = [self.binary] + list(args) + ["--db", self.db]
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        if check and r.returncode != 0:
            raise RuntimeError("%s exited %d: %s %s" % (" ".join(cmd), r.returncode,
                                                        r.stdout.decode(errors="replace"),
                                                        r.stderr.decode(errors="replace")))
        return r

    def token(self, role, name=None):
        r = self.cli("token", "create", "--role", role, "--name", name or ("it-" + role))
        words = r.stdout.decode().split()
        if not words:
            raise RuntimeError("token create printed nothing")
        return words[-1]

    def feed_url(self, professional, base_url=None):
        r = self.cli("feed-url", "--professional", professional, "--base-url", base_url or self.base_url)
        words = r.stdout.decode().split()
        if not words:
            raise RuntimeError("feed-url printed nothing")
        return words[-1]

    # -- HTTP -------------------------------------------------------------
    def path_of(self, url):
        """The path (and query) of an absolute URL or a path, to request on this server."""
        u = urllib.parse.urlsplit(url)
        return (u.path or "/") + ("?" + u.query if u.query else "")

    def request(self, method, path, body=None, token=None, headers=None, raw=None, timeout=60):
        """`body` is sent as JSON; `raw` (bytes) as is. Returns a Response."""
        h = {"Accept": "*/*"}
        data = None
        if raw is not None:
            data = raw
            h["Content-Type"] = "application/json"
        elif body is not None:
            data = json.dumps(body).encode("utf-8")
            h["Content-Type"] = "application/json"
        if token is not None:
            h["Authorization"] = "Bearer " + token
        if headers:
            h.update(headers)
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=data, headers=h)
            r = conn.getresponse()
            return Response(r.status, r.headers, r.read())
        finally:
            conn.close()

    def get(self, path, token=None, **kw):
        return self.request("GET", path, token=token, **kw)

    def post(self, path, body=None, token=None, **kw):
        return self.request("POST", path, body=body, token=token, **kw)

    def request_streaming(self, method, path, length, token=None, chunk=64 * 1024, timeout=30):
        """Sends a `length`-byte JSON-ish body in chunks over a raw socket, stops
        sending as soon as the server answers (e.g. an early 413), and returns the
        answer. Copes with the server closing the connection mid-upload."""
        s = socket.create_connection((self.host, self.port), timeout=timeout)
        try:
            head = ("%s %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
                    "Content-Length: %d\r\nConnection: close\r\n" % (method, path, self.host, self.port, length))
            if token:
                head += "Authorization: Bearer %s\r\n" % token
            s.sendall((head + "\r\n").encode())
            prefix = b'{"case_ref":"'
            sent = 0
            try:
                while sent < length:
                    r, _, _ = select.select([s], [], [], 0)
                    if r:
                        break
                    n = min(chunk, length - sent)
                    piece = (prefix + b"x" * max(0, n - len(prefix))) if sent == 0 else b"x" * n
                    s.sendall(piece[:n])
                    sent += n
            except (BrokenPipeError, ConnectionResetError):
                pass
            data = b""
            try:
                while True:
                    got = s.recv(65536)
                    if not got:
                        break
                    data += got
                    resp = _parse_http(data)
                    if resp is not None:
                        return resp
            except (ConnectionResetError, socket.timeout):
                pass
            resp = _parse_http(data, eof=True)
            if resp is None:
                raise ConnectionError("no HTTP answer to a %d-byte body (sent %d bytes, got %r)"
                                      % (length, sent, data[:200]))
            return resp
        finally:
            s.close()


def _parse_http(data, eof=False):
    """Parses one HTTP/1.1 response from bytes; None when incomplete."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return None
    lines = data[:end].decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    body = data[end + 4:]
    n = headers.get("content-length")
    if n is not None:
        if len(body) < int(n):
            return Response(status, headers, body) if eof else None
        return Response(status, headers, body[:int(n)])
    return Response(status, headers, body) if eof else None


# -- time --------------------------------------------------------------------
def parse_time(s):
    """RFC 3339 with offset -> aware datetime."""
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def local(s):
    return parse_time(s).astimezone(HELSINKI)


def next_monday(today=None, not_before=dt.date(2026, 11, 30)):
    """The first Monday after `today` (default: today in Helsinki), but not
    before `not_before` (the demo calendars are written for late 2026)."""
    today = today or dt.datetime.now(HELSINKI).date()
    d = today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)
    return max(d, not_before)


def overlaps(a, b):
    """Half-open [start, end) intervals of aware datetimes."""
    return a[0] < b[1] and b[0] < a[1]


def parse_test_args(doc):
    """The --binary and --calendars of an end-to-end test script (absolute), and
    the rest of the command line for unittest.main."""
    import argparse
    import sys
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--calendars", required=True)
    args, rest = ap.parse_known_args()
    return os.path.abspath(args.binary), os.path.abspath(args.calendars), [sys.argv[0]] + rest
