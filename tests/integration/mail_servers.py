"""Real mail servers on loopback for tests: an SMTP sink and Dovecot IMAP.

Run with Debian's /usr/bin/python3 (python3-aiosmtpd, dovecot-imapd; see
deploy/install-deps.sh). Both servers listen on 127.0.0.1 only.

SmtpSink(directory, port=None, tempfail=False, reject=(), credentials=None, tls=None)
    An SMTP server (aiosmtpd) that stores every message it accepts in
    `directory`: NNNNNN.eml holds the message bytes exactly as received (after
    the SMTP dot-unstuffing of RFC 5321 §4.5.2), and NNNNNN.json its envelope,
    {"mail_from": "...", "rcpt_tos": ["..."]}. The .json is written last, so a
    message is complete once its .json exists. `port` None takes a free port.
      tempfail=True    answers 451 to every RCPT TO and DATA (a server in trouble)
      reject=[addr]    answers 550 to RCPT TO for these recipients
      credentials=(user, password)  requires AUTH PLAIN/LOGIN (over plain TCP too)
      tls=(cert_file, key_file)     offers STARTTLS and requires it before MAIL
    .start() -> self, .stop(), .port, .messages() -> [{"mail_from", "rcpt_tos",
    "raw": bytes}] in arrival order; usable as a context manager. A stopped sink
    can be started again and comes back on the SAME port (to simulate "SMTP
    down, then back"); numbering continues after the files already there.

Dovecot(directory, user, password, port=None, tls=None)
    Debian's Dovecot IMAP server (imap only, plaintext login allowed; with
    tls=(cert_file, key_file) it offers STARTTLS, without it no TLS at all)
    with one user, configured and run entirely inside `directory` (config,
    passwd-file, maildir at directory/mail/<user>, sockets, state, log
    directory/dovecot.log). As root the mail belongs to the user `nobody`
    (Dovecot refuses uid 0), and the IMAP process is chrooted into
    directory/mail, so `directory` may be private (mkdtemp's 0700).
    `port` None takes a free port.
    .start() -> self (returns once the user can log in), .stop(), .port,
    .append(raw, flags=(), folder="INBOX") -> uid, .uids() -> [uid] (of INBOX), .flags(uid) -> {"\\Seen", ...},
    .seen_uids() -> [uid]; usable as a context manager; can be started again
    on the same port after stop().

free_port() -> an unused TCP port on 127.0.0.1.
make_certificate(directory) -> (cert_file, key_file): a self-signed certificate
    for 127.0.0.1 and localhost (openssl), its own CA: cert_file is the CA file
    a client must trust.
message_flags(port, user, password) -> {uid: {flag, ...}} of INBOX, read-only
    (without \\Recent, which depends on the session).

Command line (for C++ tests, which start it as a subprocess and stop it with
SIGTERM; the port file is written atomically once the server accepts):
    mail_servers.py smtp --dir D --port-file F [--port P] [--tempfail]
                         [--reject ADDR]... [--user U --password W] [--tls]
    mail_servers.py imap --dir D --user U --password W --port-file F [--port P]
                         [--append FILE]... [--tls]
    (--tls: STARTTLS with make_certificate(D/tls), so D/tls/cert.pem is the CA file)
    mail_servers.py imap-flags --port P --user U --password W
        prints "UID FLAG..." per message, e.g. "1 \\Seen", and exits.
"""
import argparse
import base64
import grp
import imaplib
import json
import logging
import os
import pwd
import re
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import warnings

__all__ = ["SmtpSink", "Dovecot", "free_port", "make_certificate", "message_flags"]

DOVECOT = "/usr/sbin/dovecot"

# aiosmtpd logs to "mail.log" and warns about AUTH without TLS (which the sink
# offers on purpose) and about its own deprecated login_data: noise in test output.
logging.getLogger("mail.log").addHandler(logging.NullHandler())
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
warnings.filterwarnings("ignore", message="Session.login_data is deprecated")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_certificate(directory):
    """(cert.pem, key.pem) in `directory`: self-signed for 127.0.0.1 and localhost."""
    os.makedirs(directory, exist_ok=True)
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", key, "-out", cert],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return cert, key


def imap_utf7(name):
    """A mailbox name as IMAP writes it (RFC 3501 §5.1.3, modified UTF-7), made
    here from Python's own UTF-16 and base64, independently of the C++ encoder."""
    out, run = [], []

    def flush():
        if run:
            b64 = base64.b64encode("".join(run).encode("utf-16-be")).decode().rstrip("=").replace("/", ",")
            out.append("&" + b64 + "-")
            run.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            run.append(ch)
    flush()
    return "".join(out)


def _write_atomically(path, text):
    tmp = "%s.%d.tmp" % (path, os.getpid())
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


# --- SMTP ---------------------------------------------------------------------

class _SinkHandler:
    """aiosmtpd handler: the answers of the configured mode, then store the message."""

    def __init__(self, sink):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.sink.tempfail:
            return "451 4.3.0 Temporary failure, try again later"
        if address.lower() in self.sink.reject:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.sink.tempfail:
            return "451 4.3.0 Temporary failure, try again later"
        self.sink._store(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        return "250 2.0.0 OK queued"


class SmtpSink:
    def __init__(self, directory, port=None, tempfail=False, reject=(), credentials=None, tls=None):
        self.directory = os.path.abspath(directory)
        os.makedirs(self.directory, exist_ok=True)
        self.port = port or free_port()
        self.tempfail = tempfail
        self.reject = {a.lower() for a in reject}
        self.credentials = credentials
        self.tls = tls
        self._controller = None
        self._lock = threading.Lock()

    def start(self):
        from aiosmtpd.controller import Controller
        kwargs = {}
        if self.credentials is not None:
            kwargs.update(auth_required=True, auth_require_tls=False, authenticator=self._authenticate)
        if self.tls is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*self.tls)
            kwargs.update(tls_context=context, require_starttls=True)
        self._controller = Controller(_SinkHandler(self), hostname="127.0.0.1", port=self.port,
                                      ready_timeout=10, **kwargs)
        self._controller.start()
        return self

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword
        ok = (isinstance(auth_data, LoginPassword)
              and (auth_data.login.decode(), auth_data.password.decode()) == tuple(self.credentials))
        return AuthResult(success=ok, handled=False)

    def _names(self):
        return sorted(n for n in os.listdir(self.directory) if re.fullmatch(r"\d{6}\.json", n))

    def _store(self, mail_from, rcpt_tos, raw):
        with self._lock:
            numbers = [int(n[:6]) for n in os.listdir(self.directory) if re.fullmatch(r"\d{6}\.(eml|json)", n)]
            base = os.path.join(self.directory, "%06d" % (max(numbers, default=0) + 1))
            with open(base + ".eml", "wb") as f:
                f.write(raw)
            _write_atomically(base + ".json", json.dumps({"mail_from": mail_from, "rcpt_tos": rcpt_tos}))

    def messages(self):
        result = []
        for name in self._names():
            base = os.path.join(self.directory, name[:6])
            with open(base + ".json") as f:
                message = json.load(f)
            with open(base + ".eml", "rb") as f:
                message["raw"] = f.read()
            result.append(message)
        return result


# --- IMAP ---------------------------------------------------------------------

def _imap_login(port, user, password):
    client = imaplib.IMAP4("127.0.0.1", port, timeout=10)
    client.login(user, password)
    return client


def message_flags(port, user, password):
    """{uid: {flag, ...}} of every message in INBOX, read without changing any flag."""
    client = _imap_login(port, user, password)
    try:
        client.select("INBOX", readonly=True)
        status, data = client.uid("FETCH", "1:*", "(FLAGS)")
        result = {}
        for item in data:
            match = item and re.search(rb"UID (\d+) FLAGS \(([^)]*)\)|FLAGS \(([^)]*)\) UID (\d+)", item)
            if match:
                uid = int(match.group(1) or match.group(4))
                result[uid] = set((match.group(2) or match.group(3) or b"").decode().split()) - {"\\Recent"}
        return result
    finally:
        client.logout()


class Dovecot:
    def __init__(self, directory, user, password, port=None, tls=None):
        self.directory = os.path.abspath(directory)
        self.tls = tls
        self.user = user
        self.password = password
        self.port = port or free_port()
        self._process = None
        os.makedirs(self.directory, exist_ok=True)
        for sub in ("run", "state", "mail"):
            os.makedirs(os.path.join(self.directory, sub), exist_ok=True)
        if os.geteuid() == 0:
            # Dovecot refuses to access mail as uid 0, so the mail belongs to nobody.
            account = pwd.getpwnam("nobody")
            internal_user, login_user = "dovecot", "dovenull"
        else:
            # Without root Dovecot runs every process as the current user.
            account = pwd.getpwuid(os.geteuid())
            internal_user = login_user = account.pw_name
        self._uid, self._gid = account.pw_uid, account.pw_gid
        # The user's home (the maildir) exists before the first login, which
        # would otherwise log a failed chdir.
        home = os.path.join(self.directory, "mail", user)
        os.makedirs(home, exist_ok=True)
        for path in (os.path.join(self.directory, "mail"), home):
            os.chown(path, self._uid, self._gid)
        with open(os.path.join(self.directory, "users"), "w") as f:
            f.write("%s:{PLAIN}%s::::::\n" % (user, password))
        self.config = os.path.join(self.directory, "dovecot.conf")
        with open(self.config, "w") as f:
            f.write(self._config_text(internal_user, login_user))

    def _config_text(self, internal_user, login_user):
        d = self.directory
        if os.geteuid() == 0:
            # `directory` may be private (mkdtemp makes it 0700): the auth process
            # reads the passwd-file as root, and the IMAP process is chrooted into
            # the mail folder before it becomes `nobody` ("/./" marks the chroot).
            home = "%s/mail/./%%u" % d
            privileged = "valid_chroot_dirs = %s/mail\nservice auth {\n  user = root\n}\n" % d
        else:
            # Nobody may chroot: everything runs as the current user, in place.
            home = "%s/mail/%%u" % d
            privileged = ("default_internal_group = %s\nservice imap-login {\n  chroot =\n}\n"
                          "service anvil {\n  chroot =\n}\n" % grp.getgrgid(self._gid).gr_name)
        if self.tls is None:
            ssl_settings = "ssl = no"
        else:
            ssl_settings = "ssl = yes\nssl_cert = <%s\nssl_key = <%s" % tuple(os.path.abspath(f) for f in self.tls)
        return f"""# Written by tests/integration/mail_servers.py for one test run.
protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
info_log_path = {d}/dovecot.log
default_internal_user = {internal_user}
default_login_user = {login_user}
{ssl_settings}
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {d}/users
}}
userdb {{
  driver = static
  args = uid={self._uid} gid={self._gid} home={home}
}}
mail_location = maildir:~
{privileged}service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""

    def start(self):
        # Dovecot must not outlive the test that started it, even one killed with
        # SIGKILL: util-linux's setpriv sets the parent-death signal and execs it
        # (preexec_fn could do the same but is unsafe next to the sink's threads).
        self._process = subprocess.Popen(["setpriv", "--pdeathsig", "TERM", DOVECOT, "-F", "-c", self.config],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if not self._wait_until_login_works(15):
            error = b""
            if self._process.poll() is not None:
                error = self._process.stderr.read()
            self.stop()
            raise RuntimeError("Dovecot did not start on port %d: %s (see %s/dovecot.log)"
                               % (self.port, error.decode(errors="replace").strip(), self.directory))
        return self

    def _wait_until_login_works(self, timeout):
        # The port accepts before the auth process is ready; a test must not race it.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._process.poll() is None:
            try:
                self._client().logout()
                return True
            except (OSError, imaplib.IMAP4.error):
                time.sleep(0.05)
        return False

    def stop(self):
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process.stderr.close()
        self._process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _client(self):
        return _imap_login(self.port, self.user, self.password)

    def append(self, raw, flags=(), folder="INBOX"):
        """Appends raw message bytes to `folder` (UTF-8 name; created when missing);
        returns the new message's UID."""
        client = self._client()
        try:
            flag_list = "(%s)" % " ".join(flags) if flags else None
            name = '"%s"' % imap_utf7(folder)
            if folder != "INBOX":
                client.create(name)  # "already exists" is fine
            status, data = client.append(name, flag_list, None, raw)
            if status != "OK":
                raise RuntimeError("APPEND failed: %r" % data)
            match = re.search(rb"APPENDUID \d+ (\d+)", data[0])
            return int(match.group(1))
        finally:
            client.logout()

    def _all_flags(self):
        return message_flags(self.port, self.user, self.password)

    def uids(self):
        return sorted(self._all_flags())

    def flags(self, uid):
        return self._all_flags().get(uid, set())

    def seen_uids(self):
        return sorted(uid for uid, flags in self._all_flags().items() if "\\Seen" in flags)


# --- command line -----------------------------------------------------------------

def _run_until_terminated(server, port_file):
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        server.start()
        _write_atomically(port_file, "%d\n" % server.port)
        while not stop.wait(0.2):
            pass
    finally:
        server.stop()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    smtp = commands.add_parser("smtp", help="run an SMTP sink until SIGTERM")
    smtp.add_argument("--dir", required=True)
    smtp.add_argument("--port-file", required=True)
    smtp.add_argument("--port", type=int)
    smtp.add_argument("--tempfail", action="store_true", help="answer 451 to RCPT and DATA")
    smtp.add_argument("--reject", action="append", default=[], help="answer 550 to RCPT for this address")
    smtp.add_argument("--user")
    smtp.add_argument("--password")
    smtp.add_argument("--tls", action="store_true", help="require STARTTLS, certificate in DIR/tls")
    imap = commands.add_parser("imap", help="run Dovecot IMAP until SIGTERM")
    imap.add_argument("--dir", required=True)
    imap.add_argument("--user", required=True)
    imap.add_argument("--password", required=True)
    imap.add_argument("--port-file", required=True)
    imap.add_argument("--port", type=int)
    imap.add_argument("--append", action="append", default=[], help="a message file to put in INBOX first")
    imap.add_argument("--folder", default="INBOX", help="put the --append messages in this folder (UTF-8 name)")
    imap.add_argument("--tls", action="store_true", help="offer STARTTLS, certificate in DIR/tls")
    flags = commands.add_parser("imap-flags", help="print each message's UID and flags")
    flags.add_argument("--port", type=int, required=True)
    flags.add_argument("--user", required=True)
    flags.add_argument("--password", required=True)
    args = parser.parse_args(argv)

    if args.command == "smtp":
        credentials = (args.user, args.password) if args.user is not None else None
        tls = make_certificate(os.path.join(args.dir, "tls")) if args.tls else None
        sink = SmtpSink(args.dir, port=args.port, tempfail=args.tempfail, reject=args.reject,
                        credentials=credentials, tls=tls)
        _run_until_terminated(sink, args.port_file)
    elif args.command == "imap":
        tls = make_certificate(os.path.join(args.dir, "tls")) if args.tls else None
        server = Dovecot(args.dir, args.user, args.password, port=args.port, tls=tls)

        class Preloaded:
            port = server.port

            def start(self):
                server.start()
                for path in args.append:
                    with open(path, "rb") as f:
                        server.append(f.read(), folder=args.folder)

            def stop(self):
                server.stop()

        _run_until_terminated(Preloaded(), args.port_file)
    else:
        for uid, uid_flags in sorted(message_flags(args.port, args.user, args.password).items()):
            print(" ".join([str(uid)] + sorted(uid_flags)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
