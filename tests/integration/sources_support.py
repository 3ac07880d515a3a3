"""Real servers for the remote-calendar tests and the sources benchmark.

IcsServer: a local HTTP(S) server of ICS files with strong ETags and
If-None-Match (304), or (put with last_modified=) Last-Modified without an ETag
and If-Modified-Since (304); counters per path and status, the headers of every
request, redirects, answers that stall (never answered, or headers then nothing)
until released, and a switch to go down (the listening socket is closed:
connections are refused) and up again on the same port.

BlackHole: a loopback port that never answers: either it accepts and stays
silent (a TLS handshake or a request waits forever), or its accept queue is full
so that a connect hangs (Linux drops the SYN).

Radicale: Debian's CalDAV server on a free loopback port with temporary storage
and htpasswd (plain) users; calendars are made with MKCALENDAR and filled with PUT.

make_test_ca: a test CA and a server certificate for localhost and 127.0.0.1,
made with the openssl command.
"""
import base64
import collections
import datetime as dt
import email.utils
import hashlib
import http.client
import http.server
import os
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time

STALL_LIMIT = 60  # seconds a stalled answer waits at most when nobody releases it


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def utc(t):
    return t.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def vcalendar(events, rrule=None):
    """A VCALENDAR of (start, end, uid) aware datetimes, written in UTC."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Yhteisaika tests//EN"]
    for start, end, uid in events:
        lines += ["BEGIN:VEVENT", "UID:%s@tests" % uid, "DTSTAMP:20261101T000000Z",
                  "DTSTART:" + utc(start), "DTEND:" + utc(end), "SUMMARY:Varattu"]
        if rrule:
            lines.append("RRULE:" + rrule)
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        owner = self.server.owner
        path = self.path.split("?")[0]
        owner.heard(path, self.headers)
        with owner.lock:
            target = owner.redirects.get(path)
            body = owner.files.get(path)
            stall = owner.stalls.get(path)
            modified = owner.modified.get(path)
        if stall == "silent":  # the request is read and never answered
            return self._stall(path)
        if target is not None:
            return self._answer(path, 302, b"", {"Location": target})
        if body is None:
            return self._answer(path, 404, b"not found\n", {})
        if stall == "after-headers":  # 200 and the headers, then not one byte of the body
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.flush()
            return self._stall(path)
        if modified is not None:  # Last-Modified and If-Modified-Since, no ETag
            stamp = http_date(modified)
            since = self.headers.get("If-Modified-Since")
            try:
                since = email.utils.parsedate_to_datetime(since) if since else None
            except (TypeError, ValueError):
                since = None
            if since is not None and modified <= since:
                return self._answer(path, 304, b"", {"Last-Modified": stamp})
            return self._answer(path, 200, body, {"Last-Modified": stamp,
                                                  "Content-Type": "text/calendar; charset=utf-8"})
        etag = owner.etag(path)
        if etag in [t.strip() for t in self.headers.get("If-None-Match", "").split(",")]:
            return self._answer(path, 304, b"", {"ETag": etag})
        return self._answer(path, 200, body, {"ETag": etag, "Content-Type": "text/calendar; charset=utf-8"})

    def _stall(self, path):
        owner = self.server.owner
        owner.counted(path, "stalled")
        with owner.lock:
            released = owner.released
        released.wait(STALL_LIMIT)
        self.close_connection = True

    def _answer(self, path, status, body, headers):
        self.server.owner.counted(path, status)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)


class _Threading(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024


class IcsServer:
    def __init__(self, cert=None, key=None, port=None):
        self.cert, self.key = cert, key
        self.port = port or free_port()
        self.files = {}
        self.redirects = {}
        self.modified = {}  # path -> aware datetime: answered with Last-Modified, no ETag
        self.stalls = {}  # path -> "silent" or "after-headers"
        self.counts = collections.Counter()
        self.heard_headers = collections.defaultdict(list)
        self.lock = threading.Lock()
        self.released = threading.Event()
        self._httpd = None

    def start(self):
        self._httpd = _Threading(("127.0.0.1", self.port), _Handler)
        self._httpd.owner = self
        if self.cert:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(self.cert, self.key)
            self._httpd.socket = ctx.wrap_socket(self._httpd.socket, server_side=True)
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._httpd:
            self.release()  # server_close() waits for every answer in progress
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def go_down(self):
        self.stop()

    def go_up(self):
        self.start()

    def url(self, path):
        return "%s://127.0.0.1:%d%s" % ("https" if self.cert else "http", self.port, path)

    def put(self, path, text, last_modified=None):
        """Serves `text` at `path`: with a strong ETag, or with `last_modified` (an
        aware datetime, whole seconds) as Last-Modified and no ETag."""
        with self.lock:
            self.files[path] = text.encode("utf-8") if isinstance(text, str) else text
            if last_modified is None:
                self.modified.pop(path, None)
            else:
                self.modified[path] = last_modified.astimezone(dt.timezone.utc)

    def stall(self, path, how):
        """`how`: "silent" (the request is read, nothing is answered), "after-headers"
        (200 and the headers, then nothing) or None (answer normally). A stalled
        answer waits until release(), stop() or STALL_LIMIT seconds."""
        with self.lock:
            if how is None:
                self.stalls.pop(path, None)
            else:
                assert how in ("silent", "after-headers"), how
                self.stalls[path] = how

    def release(self):
        """Ends the stalled answers waiting now (later ones stall again)."""
        with self.lock:
            released, self.released = self.released, threading.Event()
        released.set()

    def redirect(self, path, target):
        with self.lock:
            self.redirects[path] = target

    def etag(self, path):
        with self.lock:
            body = self.files[path]
        return '"%s"' % hashlib.sha256(body).hexdigest()[:16]

    def heard(self, path, headers):
        with self.lock:
            self.heard_headers[path].append({k.lower(): v for k, v in headers.items()})

    def requests(self, path):
        """The headers (lower-case names) of every request for `path`, oldest first."""
        with self.lock:
            return [dict(h) for h in self.heard_headers[path]]

    def counted(self, path, status):
        with self.lock:
            self.counts[(path, status)] += 1

    def count(self, path, status):
        with self.lock:
            return self.counts[(path, status)]

    @staticmethod
    def free_port():
        return free_port()


def http_date(t):
    """An aware datetime as an HTTP date (RFC 9110 IMF-fixdate)."""
    return email.utils.format_datetime(t.astimezone(dt.timezone.utc), usegmt=True)


class BlackHole:
    """A port on 127.0.0.1 that never answers.

    accept=True: connections are accepted and whatever arrives is read and
    dropped, so a TLS handshake or an HTTP request waits for ever.
    accept=False: the port listens with a backlog of 0 and one connection of its
    own fills the accept queue; Linux then drops every further SYN, so a connect
    hangs until the client's own deadline. full() checks that it does.
    """

    def __init__(self, accept):
        self.accept = accept
        self.accepted = 0
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self._open = []
        self._stopped = threading.Event()

    def start(self):
        if self.accept:
            self._sock.listen(16)
            self._sock.settimeout(0.1)
            threading.Thread(target=self._serve, daemon=True).start()
        else:
            self._sock.listen(0)
            filler = socket.create_connection(("127.0.0.1", self.port), 2)
            self._open.append(filler)
        return self

    def _serve(self):
        while not self._stopped.is_set():
            try:
                conn, _ = self._sock.accept()
            except (socket.timeout, OSError):
                continue
            self.accepted += 1
            self._open.append(conn)
            threading.Thread(target=self._swallow, args=(conn,), daemon=True).start()

    def _swallow(self, conn):
        conn.settimeout(0.2)
        while not self._stopped.is_set():
            try:
                if not conn.recv(65536):
                    return
            except socket.timeout:
                continue
            except OSError:
                return

    def full(self, wait=0.3):
        """True when a new connection to the port is not accepted within `wait` seconds."""
        probe = socket.socket()
        probe.settimeout(wait)
        try:
            probe.connect(("127.0.0.1", self.port))
            return False
        except (socket.timeout, TimeoutError):
            return True
        except OSError:
            return False
        finally:
            probe.close()

    def stop(self):
        self._stopped.set()
        for s in self._open + [self._sock]:
            try:
                s.close()
            except OSError:
                pass

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class Radicale:
    """`radicale` on 127.0.0.1:<free port>; `users` maps name -> password (htpasswd, plain)."""

    def __init__(self, workdir, users):
        self.workdir = workdir
        self.users = users
        self.port = free_port()
        self.proc = None

    def start(self, timeout=20):
        os.makedirs(self.workdir, exist_ok=True)
        htpasswd = os.path.join(self.workdir, "users")
        with open(htpasswd, "w") as f:
            for name, password in self.users.items():
                f.write("%s:%s\n" % (name, password))
        exe = shutil.which("radicale") or "/usr/bin/radicale"
        cmd = [exe, "--config", "", "--server-hosts", "127.0.0.1:%d" % self.port,
               "--storage-filesystem-folder", os.path.join(self.workdir, "collections"),
               "--auth-type", "htpasswd", "--auth-htpasswd-filename", htpasswd,
               "--auth-htpasswd-encryption", "plain", "--rights-type", "owner_only", "--logging-level", "warning"]
        self._log = open(os.path.join(self.workdir, "radicale.log"), "w+b")
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self._log.seek(0)
                raise RuntimeError("radicale exited: " + self._log.read().decode(errors="replace"))
            try:
                with socket.create_connection(("127.0.0.1", self.port), 0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("radicale did not listen on port %d" % self.port)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def request(self, user, password, method, path, body=b"", headers=None):
        h = {"Authorization": "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()}
        h.update(headers or {})
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            return r.status, r.read()
        finally:
            conn.close()

    def make_calendar(self, user, password, path):
        body = (b'<?xml version="1.0" encoding="utf-8"?>'
                b'<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>'
                b'<D:displayname>Ty\xc3\xb6</D:displayname></D:prop></D:set></C:mkcalendar>')
        status, text = self.request(user, password, "MKCALENDAR", path, body, {"Content-Type": "application/xml"})
        if status not in (201, 405, 409):
            raise RuntimeError("MKCALENDAR %s: %d %s" % (path, status, text[:300]))
        return path

    def put(self, user, password, path, text):
        status, body = self.request(user, password, "PUT", path, text.encode("utf-8"),
                                    {"Content-Type": "text/calendar; charset=utf-8"})
        if status not in (201, 204):
            raise RuntimeError("PUT %s: %d %s" % (path, status, body[:300]))


def make_test_ca(folder):
    """A CA and a server certificate (localhost, 127.0.0.1) in `folder`; returns their paths."""
    os.makedirs(folder, exist_ok=True)
    p = {k: os.path.join(folder, k + ".pem") for k in ("ca", "ca-key", "cert", "key", "csr")}
    ext = os.path.join(folder, "ext.cnf")
    with open(ext, "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n")

    def run(*args):
        subprocess.run(["openssl"] + list(args), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", p["ca-key"], "-out", p["ca"], "-days", "2",
        "-subj", "/CN=Yhteisaika test CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", p["key"], "-out", p["csr"], "-subj", "/CN=localhost")
    run("x509", "-req", "-in", p["csr"], "-CA", p["ca"], "-CAkey", p["ca-key"], "-CAcreateserial", "-out", p["cert"],
        "-days", "2", "-extfile", ext)
    return p


if __name__ == "__main__":
    sys.exit("a helper module; run sources_test.py")
