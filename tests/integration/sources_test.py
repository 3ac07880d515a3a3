"""Remote calendar sources against real servers: `yhteisaika serve` reading ICS
URLs from a local HTTP(S) server (sources_support.IcsServer) and a CalDAV
collection from Radicale (Debian's package, started here on a free loopback
port with temporary storage and htpasswd plain auth).

Covers: first read, 304 on unchanged, change picked up, server down -> stale
with the last good copy, never read -> unknown (503 naming the professional),
Last-Modified without an ETag asked again with If-Modified-Since (304), read
timeouts (no answer -> unknown and 503; headers then nothing -> stale), a slow
source not holding up a solve that does not name it, connect and TLS handshake
timeouts, malformed remote data, oversized answer, redirect
loop, HTTPS verified against a test CA (ca_file) and refused without it, CalDAV
calendar-query with a recurring event, Basic credentials from the environment,
and the background refresh (refresh_minutes 0.02, i.e. 1.2 s) reading a changed
calendar. The refresher's and max_age_minutes' rules in detail are C++ tests with
a fake clock (tests/service/calendar_sources_test.cpp).
"""
import argparse
import concurrent.futures
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_support import HELSINKI, Server, local, parse_time  # noqa: E402
from sources_support import BlackHole, IcsServer, Radicale, http_date, make_test_ca, vcalendar  # noqa: E402

BINARY = None

A = "laakari-korhonen"
B = "psykologi-makela"
PEOPLE = [
    {"id": A, "name": "Mikko Korhonen", "profession": "lääkäri", "unit": "Sote-keskus", "email": "a@example.fi"},
    {"id": B, "name": "Heidi Mäkelä", "profession": "psykologi", "unit": "Perhekeskus", "email": "b@example.fi"},
]


def monday_ahead():
    d = dt.date.today() + dt.timedelta(days=7)
    return d + dt.timedelta(days=(7 - d.weekday()) % 7)


MONDAY = monday_ahead()


def day(n, hh, mm=0):
    """A local Helsinki time on the n-th day after MONDAY."""
    d = MONDAY + dt.timedelta(days=n)
    return dt.datetime(d.year, d.month, d.day, hh, mm, tzinfo=HELSINKI)


def busy_days(*days):
    """A calendar busy 08:00-16:00 on the given days after MONDAY."""
    return vcalendar([(day(n, 8), day(n, 16), "busy-%d" % n) for n in days])


def next_second():
    """Sleeps into the next wall-clock second: the server's times are whole seconds,
    so a later attempt shows a later last_attempt."""
    time.sleep(1.05 - time.time() % 1)


class SourcesCase(unittest.TestCase):
    """The class's own `yhteisaika serve` (flags `server_args`) on a calendars
    folder of its own where both professionals start with empty file calendars,
    a local ICS server (self.ics), and what the class asks for: a test CA with an
    HTTPS ICS server (self.tls, and --ca-file), or Radicale with the user mikko
    (whose credentials the server gets from its environment)."""

    server_args = ("--max-calendar-bytes", "65536", "--connect-timeout-seconds", "3", "--read-timeout-seconds", "5")
    with_tls = False
    with_radicale = False

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="yhteisaika-sources-")
        cls.addClassCleanup(shutil.rmtree, cls.tmp, True)
        cls.calendars = os.path.join(cls.tmp, "calendars")
        os.makedirs(cls.calendars)
        with open(os.path.join(cls.calendars, "people.json"), "w", encoding="utf-8") as f:
            json.dump(PEOPLE, f)
        for p in PEOPLE:  # both start as (empty) file calendars
            with open(os.path.join(cls.calendars, p["id"] + ".ics"), "w") as f:
                f.write(vcalendar([]))
        cls.ics = IcsServer().start()
        cls.addClassCleanup(cls.ics.stop)
        args = list(cls.server_args)
        if cls.with_tls:
            cls.ca = make_test_ca(os.path.join(cls.tmp, "ca"))
            cls.tls = IcsServer(cert=cls.ca["cert"], key=cls.ca["key"]).start()
            cls.addClassCleanup(cls.tls.stop)
            args += ["--ca-file", cls.ca["ca"]]
        if cls.with_radicale:
            cls.radicale = Radicale(os.path.join(cls.tmp, "radicale"), users={"mikko": "kalenteri"}).start()
            cls.addClassCleanup(cls.radicale.stop)
            os.environ["YHTEISAIKA_SOURCE_CREDENTIALS_LAAKARI_KORHONEN"] = "mikko:kalenteri"
        try:
            cls.server = Server(BINARY, cls.calendars, extra_args=args).start()
        finally:
            os.environ.pop("YHTEISAIKA_SOURCE_CREDENTIALS_LAAKARI_KORHONEN", None)
        cls.addClassCleanup(cls.server.cleanup)
        cls.admin = cls.server.token("admin")
        cls.coordinator = cls.server.token("coordinator")

    # -- helpers -------------------------------------------------------------
    # `on`: whose server, admin and coordinator (default: the class's own).
    def set_source(self, who, source, on=None):
        on = on or self
        r = on.server.request("PATCH", "/api/v1/professionals/" + who, {"calendar_source": source}, token=on.admin)
        self.assertEqual(r.status, 200, r.text)

    def refresh(self, who, on=None):
        on = on or self
        r = on.server.post("/api/v1/sources/%s/refresh" % who, token=on.admin)
        self.assertEqual(r.status, 200, r.text)
        return r.json()

    def timed_refresh(self, who, on=None):
        """refresh(), and how many seconds it took."""
        t0 = time.monotonic()
        row = self.refresh(who, on)
        return row, time.monotonic() - t0

    def row(self, who, on=None):
        on = on or self
        r = on.server.get("/api/v1/sources", token=on.admin)
        self.assertEqual(r.status, 200, r.text)
        return {row["id"]: row for row in r.json()["sources"]}[who]

    def solve(self, required, status=200, on=None):
        on = on or self
        body = {"required": required, "from": "%sT08:00" % MONDAY, "days": 5, "duration_minutes": 60,
                "strategy": "earliest"}
        r = on.server.post("/api/v1/solve", body, token=on.coordinator)
        self.assertEqual(r.status, status, r.text)
        return r.json()

    def first_free_day(self, answer):
        return (local(answer["start"]).date() - MONDAY).days

    def assertGood(self, row):
        """A source whose last attempt succeeded."""
        self.assertEqual((row["stale"], row["unknown"], row["last_error"]), (False, False, None), row)
        self.assertIsNotNone(row["last_success"], row)
        self.assertEqual(row["last_attempt"], row["last_success"], row)

    def assertLater(self, later, earlier, what):
        self.assertGreater(parse_time(later), parse_time(earlier), what)


class IcsUrl(SourcesCase):
    """ICS URLs over plain HTTP: reading, 304, change, stale, unknown, redirects, limits."""

    # -- ICS URL ------------------------------------------------------------
    def test_ics_url_first_read_304_change_down_stale_recovery(self):
        self.ics.put("/a.ics", busy_days(0))
        self.set_source(A, self.ics.url("/a.ics"))
        answer = self.solve([A, B])
        self.assertEqual(self.first_free_day(answer), 1, "Monday is busy in the remote calendar")
        self.assertEqual(answer["stale"], [])
        row = self.row(A)
        self.assertEqual((row["kind"], row["stale"], row["unknown"], row["last_error"]), ("ics-url", False, False, None))
        self.assertEqual(row["etag"], self.ics.etag("/a.ics"))
        self.assertNotIn("/a.ics", row["location"], "the path of a secret address is not shown")

        before = self.ics.count("/a.ics", 304)
        row = self.refresh(A)
        self.assertEqual(self.ics.count("/a.ics", 304), before + 1, "unchanged calendar answered 304")
        self.assertFalse(row["stale"])

        self.ics.put("/a.ics", busy_days(0, 1))
        self.refresh(A)
        self.assertEqual(self.first_free_day(self.solve([A, B])), 2, "the change is picked up")

        self.ics.go_down()
        try:
            row = self.refresh(A)
            self.assertTrue(row["stale"], row)
            self.assertIsNotNone(row["last_error"])
            answer = self.solve([A, B])
            self.assertEqual(self.first_free_day(answer), 2, "the last good copy is still used")
            self.assertEqual([s["id"] for s in answer["stale"]], [A])
            self.assertTrue(answer["stale"][0]["error"])
            self.assertIsNotNone(answer["stale"][0]["since"])
            booked = self.server.post("/api/v1/meetings", {
                "required": [A, B], "from": "%sT08:00" % MONDAY, "days": 5, "duration_minutes": 60,
                "strategy": "earliest", "case_ref": "YA-2026-0777"}, token=self.coordinator)
            self.assertEqual(booked.status, 201, booked.text)
            self.assertEqual([s["id"] for s in booked.json()["stale"]], [A])
        finally:
            self.ics.go_up()
        self.assertFalse(self.refresh(A)["stale"], "the source is back")

    def test_never_read_is_unknown_and_a_solve_names_it(self):
        self.set_source(B, "http://127.0.0.1:%d/nothing.ics" % self.ics.free_port())
        try:
            r = self.server.post("/api/v1/solve", {"required": [A, B], "from": "%sT08:00" % MONDAY, "days": 5,
                                                   "duration_minutes": 60}, token=self.coordinator)
            self.assertEqual(r.status, 503, r.text)
            self.assertEqual(r.json()["error"], "calendar_unavailable")
            self.assertIn(B, r.json()["detail"])
            row = self.row(B)
            self.assertTrue(row["unknown"])
            self.assertIsNone(row["last_success"])
        finally:
            self.set_source(B, B)

    def test_last_modified_without_an_etag_is_asked_with_if_modified_since(self):
        path = "/dated.ics"
        first = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.timezone.utc)
        self.ics.put(path, busy_days(0), last_modified=first)
        self.set_source(B, self.ics.url(path))
        try:
            row = self.refresh(B)
            self.assertGood(row)
            self.assertIsNone(row["etag"], "the server sent no ETag")
            heard = self.ics.requests(path)
            self.assertEqual(len(heard), 1)
            self.assertNotIn("if-modified-since", heard[0], "nothing held yet: an unconditional GET")
            self.assertEqual(self.first_free_day(self.solve([B])), 1)

            next_second()
            row2 = self.refresh(B)
            heard = self.ics.requests(path)
            self.assertEqual(len(heard), 2, "a fresh copy is not fetched for a solve, only for the refresh")
            self.assertEqual(heard[1].get("if-modified-since"), http_date(first), heard[1])
            self.assertNotIn("if-none-match", heard[1])
            self.assertEqual((self.ics.count(path, 200), self.ics.count(path, 304)), (1, 1))
            self.assertGood(row2)
            self.assertLater(row2["last_success"], row["last_success"], "a 304 is a successful read")
            self.assertEqual(self.first_free_day(self.solve([B])), 1, "a 304 keeps the calendar held")
            self.assertEqual(self.solve([B])["stale"], [])

            # A newer calendar with a later Last-Modified: answered 200 and read; the new date is asked next.
            later = first + dt.timedelta(days=1)
            self.ics.put(path, busy_days(0, 1), last_modified=later)
            next_second()
            row3 = self.refresh(B)
            self.assertGood(row3)
            self.assertLater(row3["last_success"], row2["last_success"], "last_success moves")
            self.assertEqual(self.ics.requests(path)[2].get("if-modified-since"), http_date(first))
            self.assertEqual(self.ics.count(path, 200), 2)
            self.assertEqual(self.first_free_day(self.solve([B])), 2, "the change is picked up")
            self.assertGood(self.refresh(B))
            self.assertEqual(self.ics.requests(path)[3].get("if-modified-since"), http_date(later))
            self.assertEqual(self.ics.count(path, 304), 2)
        finally:
            self.set_source(B, B)

    def test_a_slow_source_does_not_delay_a_solve_that_does_not_name_it(self):
        # Remote calendars were fetched on the request's thread, one attendee after another; a
        # solve naming a source that does not answer must not hold up one that does not name it.
        path = "/slow.ics"
        self.ics.put(path, busy_days(0))
        self.ics.stall(path, "silent")  # answers only when released (read timeout here: 5 s)
        self.set_source(A, self.ics.url(path))
        try:
            with concurrent.futures.ThreadPoolExecutor(1) as pool:
                slow = pool.submit(self.server.post, "/api/v1/solve",
                                   {"required": [A, B], "from": "%sT08:00" % MONDAY, "days": 5},
                                   token=self.coordinator, timeout=30)
                deadline = time.monotonic() + 10
                while self.ics.count(path, "stalled") < 1 and time.monotonic() < deadline:
                    time.sleep(0.02)  # polls for the request to arrive; nothing waits for a timer
                self.assertEqual(self.ics.count(path, "stalled"), 1, "the slow fetch reached the server")
                t0 = time.monotonic()
                answer = self.solve([B])
                took = time.monotonic() - t0
                self.assertFalse(slow.done(), "the slow solve is still waiting for its source")
                self.assertLess(took, 2, "a solve not naming the slow source is answered at once")
                self.assertIsNotNone(answer["start"])
                self.ics.release()
                r = slow.result()
                self.assertEqual(r.status, 503, r.text)  # never read: unavailable, never free
                self.assertEqual(r.json()["error"], "calendar_unavailable")
        finally:
            self.ics.stall(path, None)
            self.ics.release()
            self.set_source(A, A)

    def failing_source(self, path, expected):
        self.set_source(B, self.ics.url(path))
        try:
            row = self.refresh(B)
            self.assertTrue(row["unknown"], row)
            self.assertIn(expected, row["last_error"])
            r = self.server.post("/api/v1/solve", {"required": [B], "from": "%sT08:00" % MONDAY, "days": 5,
                                                   "duration_minutes": 60}, token=self.coordinator)
            self.assertEqual(r.status, 503, r.text)
            return row
        finally:
            self.set_source(B, B)

    def test_malformed_remote_data_is_an_error(self):
        self.ics.put("/broken.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n"
                                    "DTSTART:not-a-date\r\nDTEND:20261201T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        self.failing_source("/broken.ics", "malformed")

    def test_an_oversized_answer_is_refused(self):
        self.ics.put("/big.ics", "X" * 200000)
        self.failing_source("/big.ics", "max_calendar_bytes")

    def test_a_redirect_loop_is_refused(self):
        self.ics.redirect("/loop1.ics", "/loop2.ics")
        self.ics.redirect("/loop2.ics", "/loop1.ics")
        self.failing_source("/loop1.ics", "redirect")

    def test_a_redirect_is_followed(self):
        self.ics.put("/target.ics", busy_days(0))
        self.ics.redirect("/moved.ics", "/target.ics")
        self.set_source(B, self.ics.url("/moved.ics"))
        try:
            self.assertFalse(self.refresh(B)["unknown"])
        finally:
            self.set_source(B, B)

    def test_a_url_with_credentials_is_refused(self):
        r = self.server.request("PATCH", "/api/v1/professionals/" + B,
                                {"calendar_source": "https://u:p@cal.example.fi/x.ics"}, token=self.admin)
        self.assertEqual(r.status, 422, r.text)
        self.assertNotIn("u:p", r.text)

    def test_sources_is_admin_only(self):
        self.assertEqual(self.server.get("/api/v1/sources", token=self.coordinator).status, 403)
        self.assertEqual(self.server.post("/api/v1/sources/%s/refresh" % A, token=self.coordinator).status, 403)
        self.assertEqual(self.server.post("/api/v1/sources/nobody/refresh", token=self.admin).status, 404)


class BackgroundRefresh(SourcesCase):
    """The background refresh against a real server (refresh_minutes 0.02, i.e. 1.2 s)."""

    server_args = ("--refresh-minutes", "0.02")

    # The one real-server check of the background refresh. Its rules in detail
    # (a round each interval, conditional, the solve answered from the refreshed
    # copy without a fetch of its own) and the fetch before a solve of a copy
    # older than max_age_minutes are tested with a fake clock and the fake
    # fetcher: tests/service/calendar_sources_test.cpp.
    def test_the_background_refresh_reads_a_changed_calendar_from_a_real_server(self):
        path = "/periodic.ics"
        self.ics.put(path, busy_days(0))
        self.set_source(A, self.ics.url(path))
        self.assertEqual(self.first_free_day(self.solve([A])), 1)
        p1 = self.row(A)
        self.assertGood(p1)
        self.assertEqual(p1["etag"], self.ics.etag(path))

        # The calendar changes; Yhteisaika is not told. Wait, without a request,
        # for a background round to read it.
        next_second()
        self.ics.put(path, busy_days(0, 1))
        started = time.monotonic()
        while self.ics.count(path, 200) < 2 and time.monotonic() - started < 20:
            time.sleep(0.05)
        self.assertEqual(self.ics.count(path, 200), 2, "a background fetch read the new calendar")
        heard = self.ics.requests(path)
        self.assertNotIn("if-none-match", heard[0])
        self.assertTrue(all(h.get("if-none-match") in (p1["etag"], self.ics.etag(path)) for h in heard[1:]),
                        "the background fetches are conditional: %r" % heard)
        self.assertIn(p1["etag"], [h.get("if-none-match") for h in heard[1:]])
        # A round reads "now" when it begins (maybe in p1's second, before the
        # change); the rounds after it read later seconds.
        p2 = self.row(A)
        while parse_time(p2["last_success"]) <= parse_time(p1["last_success"]) and time.monotonic() - started < 20:
            time.sleep(0.05)
            p2 = self.row(A)
        self.assertGood(p2)
        self.assertLater(p2["last_success"], p1["last_success"], "the background round read the calendar")
        self.assertEqual(p2["etag"], self.ics.etag(path))
        self.assertEqual(self.first_free_day(self.solve([A])), 2, "the change is seen without a refresh request")


class ReadTimeouts(SourcesCase):
    """Read deadlines (read_timeout_seconds 1): no answer, and an answer that stalls."""

    # The shortest deadlines there are.
    server_args = ("--connect-timeout-seconds", "1", "--read-timeout-seconds", "1")

    def test_a_server_that_never_answers_times_out_and_a_never_read_calendar_is_unavailable(self):
        on = self  # the class's server has the shortest deadlines
        path = "/silent.ics"
        self.ics.put(path, busy_days(0))
        self.ics.stall(path, "silent")
        self.set_source(B, self.ics.url(path), on)
        try:
            t0 = time.monotonic()
            r = on.server.post("/api/v1/solve", {"required": [A, B], "from": "%sT08:00" % MONDAY, "days": 5,
                                                 "duration_minutes": 60}, token=on.coordinator)
            took = time.monotonic() - t0
            self.assertEqual(r.status, 503, r.text)
            self.assertEqual(r.json()["error"], "calendar_unavailable")
            self.assertIn(B, r.json()["detail"])
            self.assertIn("reading the answer timed out", r.json()["detail"])
            self.assertGreater(took, 0.9, "the solve waited for the read timeout")
            self.assertLess(took, 5, "read_timeout_seconds 1 bounds the wait")
            self.assertEqual(self.ics.count(path, "stalled"), 1, "the request reached the server")
            row = self.row(B, on)
            self.assertEqual((row["unknown"], row["stale"], row["last_success"]), (True, False, None), row)
            self.assertIsNotNone(row["last_attempt"])
            self.assertIn("reading the answer timed out", row["last_error"])

            row2, took = self.timed_refresh(B, on)
            self.assertLess(took, 5)
            self.assertEqual(self.ics.count(path, "stalled"), 2)
            self.assertEqual((row2["unknown"], row2["last_success"]), (True, None), row2)
            self.assertLater(row2["last_attempt"], row["last_attempt"], "last_attempt moves")
            self.assertIn("reading the answer timed out", row2["last_error"])
            self.assertEqual(self.solve([B], status=503, on=on)["error"], "calendar_unavailable")
        finally:
            self.ics.stall(path, None)
            self.ics.release()
            self.set_source(B, B, on)

    def test_an_answer_that_stalls_after_its_headers_times_out_and_the_copy_goes_stale(self):
        on = self  # the class's server has the shortest deadlines
        path = "/stalls.ics"
        self.ics.put(path, busy_days(0))
        self.set_source(B, self.ics.url(path), on)
        try:
            good = self.refresh(B, on)
            self.assertGood(good)
            self.ics.stall(path, "after-headers")
            next_second()
            row, took = self.timed_refresh(B, on)
            self.assertLess(took, 5, "read_timeout_seconds 1 bounds the wait")
            self.assertEqual(self.ics.count(path, "stalled"), 1)
            self.assertEqual((row["stale"], row["unknown"]), (True, False), row)
            self.assertIn("reading the answer timed out", row["last_error"])
            self.assertEqual(row["last_success"], good["last_success"], "the last good copy is kept")
            self.assertLater(row["last_attempt"], good["last_success"], "last_attempt moves")
            answer = self.solve([B], on=on)
            self.assertEqual(self.first_free_day(answer), 1, "the last good copy is used")
            self.assertEqual([s["id"] for s in answer["stale"]], [B])
            self.assertIn("timed out", answer["stale"][0]["error"])
            self.assertEqual(answer["stale"][0]["since"], good["last_success"])
        finally:
            self.ics.stall(path, None)
            self.ics.release()
            self.set_source(B, B, on)


class ConnectTimeouts(SourcesCase):
    """Connect and TLS handshake deadlines (connect_timeout_seconds 1)."""

    # The shortest deadlines there are.
    server_args = ("--connect-timeout-seconds", "1", "--read-timeout-seconds", "1")

    def test_connect_and_tls_handshake_timeouts(self):
        on = self  # the class's server has the shortest deadlines
        with BlackHole(accept=False) as full:
            if not full.full():
                self.skipTest("this kernel accepts connections beyond a full accept queue")
            self.set_source(B, "http://127.0.0.1:%d/full.ics" % full.port, on)
            try:
                row, took = self.timed_refresh(B, on)
                self.assertTrue(row["unknown"], row)
                self.assertIn("connecting timed out", row["last_error"])
                self.assertGreater(took, 0.9, "the connect waited for its deadline")
                self.assertLess(took, 5, "connect_timeout_seconds 1 bounds the wait")
            finally:
                self.set_source(B, B, on)
        # The TCP connection is accepted but the TLS handshake never answered.
        with BlackHole(accept=True) as silent:
            self.set_source(B, "https://localhost:%d/handshake.ics" % silent.port, on)
            try:
                row, took = self.timed_refresh(B, on)
                self.assertTrue(row["unknown"], row)
                self.assertIn("TLS handshake", row["last_error"])
                self.assertIn("timed out", row["last_error"])
                self.assertGreater(took, 0.9, "the handshake waited for its deadline")
                self.assertGreaterEqual(silent.accepted, 1)
                self.assertLess(took, 5, "connect_timeout_seconds 1 bounds the handshake too")
            finally:
                self.set_source(B, B, on)


class Https(SourcesCase):
    """HTTPS verified against a test CA (ca_file), and refused without it."""

    with_tls = True

    # -- HTTPS --------------------------------------------------------------
    def test_https_is_verified_against_the_configured_ca(self):
        self.tls.put("/tls.ics", busy_days(0))
        self.set_source(B, "webcal://localhost:%d/tls.ics" % self.tls.port)
        try:
            row = self.refresh(B)
            self.assertFalse(row["unknown"], row)
            self.assertEqual(self.first_free_day(self.solve([B])), 1)
            # 127.0.0.2 is not in the certificate: the host name check refuses it.
            self.set_source(B, "https://127.0.0.2:%d/tls.ics" % self.tls.port)
            row = self.refresh(B)
            self.assertTrue(row["unknown"], row)
        finally:
            self.set_source(B, B)

    def test_https_without_the_ca_is_refused(self):
        self.tls.put("/tls2.ics", busy_days(0))
        calendars = os.path.join(self.tmp, "calendars-noca")
        shutil.copytree(self.calendars, calendars, dirs_exist_ok=True)
        with Server(BINARY, calendars) as other:
            admin = other.token("admin")
            r = other.request("PATCH", "/api/v1/professionals/" + B,
                              {"calendar_source": "https://localhost:%d/tls2.ics" % self.tls.port}, token=admin)
            self.assertEqual(r.status, 200, r.text)
            row = other.post("/api/v1/sources/%s/refresh" % B, token=admin).json()
            self.assertTrue(row["unknown"], row)
            self.assertIn("certificate", row["last_error"])


class CalDav(SourcesCase):
    """CalDAV from Radicale, with Basic credentials from the environment."""

    with_radicale = True

    # -- CalDAV (Radicale) --------------------------------------------------
    def test_caldav_calendar_query_with_a_recurring_event_and_credentials(self):
        collection = self.radicale.make_calendar("mikko", "kalenteri", "/mikko/tyo/")
        # Every weekday 08:00-16:00 from Monday to Wednesday, as one recurring event.
        self.radicale.put("mikko", "kalenteri", collection + "weekly.ics",
                          vcalendar([(day(0, 8), day(0, 16), "recurring")], rrule="FREQ=DAILY;COUNT=3"))
        self.set_source(A, "caldav+" + self.radicale.url(collection))
        try:
            row = self.refresh(A)
            self.assertEqual((row["kind"], row["unknown"], row["last_error"]), ("caldav", False, None), row)
            self.assertEqual(self.first_free_day(self.solve([A])), 3, "three recurring days are busy")
        finally:
            self.set_source(A, A)
        # Without credentials (B has none) Radicale answers 401: the error says so, never a password.
        self.set_source(B, "caldav+" + self.radicale.url("/mikko/tyo/"))
        try:
            row = self.refresh(B)
            self.assertTrue(row["unknown"], row)
            self.assertIn("401", row["last_error"])
            self.assertNotIn("kalenteri", json.dumps(row))
        finally:
            self.set_source(B, B)

    def test_credentials_never_appear_in_the_api_or_the_audit_log(self):
        self.set_source(A, "caldav+" + self.radicale.url("/mikko/tyo/"))
        self.set_source(A, A)
        for path in ("/api/v1/sources", "/api/v1/audit", "/api/v1/professionals"):
            r = self.server.get(path, token=self.admin)
            self.assertNotIn("kalenteri", r.text, path)
        self.assertNotIn("kalenteri", self.server.stderr_text())
        self.assertNotIn("kalenteri", "\n".join(self.server.stdout_lines))



def main():
    global BINARY
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", required=True)
    args, rest = ap.parse_known_args()
    BINARY = os.path.abspath(args.binary)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
