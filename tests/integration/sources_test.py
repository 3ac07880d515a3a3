"""Remote calendar sources against real servers: `yhteisaika serve` reading ICS
URLs from a local HTTP(S) server (sources_support.IcsServer) and a CalDAV
collection from Radicale (Debian's package, started here on a free loopback
port with temporary storage and htpasswd plain auth).

Covers: first read, 304 on unchanged, change picked up, server down -> stale
with the last good copy, never read -> unknown (503 naming the professional),
malformed remote data, oversized answer, redirect loop, HTTPS verified against a
test CA (ca_file) and refused without it, CalDAV calendar-query with a
recurring event, Basic credentials from the environment.
"""
import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_support import HELSINKI, Server, local  # noqa: E402
from sources_support import IcsServer, Radicale, make_test_ca, vcalendar  # noqa: E402

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


class RemoteSources(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="yhteisaika-sources-")
        cls.calendars = os.path.join(cls.tmp, "calendars")
        os.makedirs(cls.calendars)
        with open(os.path.join(cls.calendars, "people.json"), "w", encoding="utf-8") as f:
            json.dump(PEOPLE, f)
        for p in PEOPLE:  # both start as (empty) file calendars
            with open(os.path.join(cls.calendars, p["id"] + ".ics"), "w") as f:
                f.write(vcalendar([]))
        cls.ca = make_test_ca(os.path.join(cls.tmp, "ca"))
        cls.ics = IcsServer().start()
        cls.tls = IcsServer(cert=cls.ca["cert"], key=cls.ca["key"]).start()
        cls.radicale = Radicale(os.path.join(cls.tmp, "radicale"), users={"mikko": "kalenteri"}).start()
        os.environ["YHTEISAIKA_SOURCE_CREDENTIALS_LAAKARI_KORHONEN"] = "mikko:kalenteri"
        cls.server = Server(BINARY, cls.calendars, extra_args=[
            "--max-calendar-bytes", "65536", "--ca-file", cls.ca["ca"], "--connect-timeout-seconds", "3",
            "--read-timeout-seconds", "5"]).start()
        del os.environ["YHTEISAIKA_SOURCE_CREDENTIALS_LAAKARI_KORHONEN"]
        cls.admin = cls.server.token("admin")
        cls.coordinator = cls.server.token("coordinator")

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()
        cls.ics.stop()
        cls.tls.stop()
        cls.radicale.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    # -- helpers -------------------------------------------------------------
    def set_source(self, who, source):
        r = self.server.request("PATCH", "/api/v1/professionals/" + who, {"calendar_source": source}, token=self.admin)
        self.assertEqual(r.status, 200, r.text)

    def refresh(self, who):
        r = self.server.post("/api/v1/sources/%s/refresh" % who, token=self.admin)
        self.assertEqual(r.status, 200, r.text)
        return r.json()

    def row(self, who):
        r = self.server.get("/api/v1/sources", token=self.admin)
        self.assertEqual(r.status, 200, r.text)
        return {row["id"]: row for row in r.json()["sources"]}[who]

    def solve(self, required, status=200):
        body = {"required": required, "from": "%sT08:00" % MONDAY, "days": 5, "duration_minutes": 60,
                "strategy": "earliest"}
        r = self.server.post("/api/v1/solve", body, token=self.coordinator)
        self.assertEqual(r.status, status, r.text)
        return r.json()

    def first_free_day(self, answer):
        return (local(answer["start"]).date() - MONDAY).days

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

    def test_a_url_with_credentials_is_refused(self):
        r = self.server.request("PATCH", "/api/v1/professionals/" + B,
                                {"calendar_source": "https://u:p@cal.example.fi/x.ics"}, token=self.admin)
        self.assertEqual(r.status, 422, r.text)
        self.assertNotIn("u:p", r.text)

    def test_sources_is_admin_only(self):
        self.assertEqual(self.server.get("/api/v1/sources", token=self.coordinator).status, 403)
        self.assertEqual(self.server.post("/api/v1/sources/%s/refresh" % A, token=self.coordinator).status, 403)
        self.assertEqual(self.server.post("/api/v1/sources/nobody/refresh", token=self.admin).status, 404)


def main():
    global BINARY
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", required=True)
    args, rest = ap.parse_known_args()
    BINARY = os.path.abspath(args.binary)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
