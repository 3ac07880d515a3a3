#!/usr/bin/python3
"""Holds against the real server (issue 13): a held meeting blocks another
booking, is confirmed, and another one runs out and is expired by the service
itself, with an iTIP CANCEL through a real SMTP sink (python3-aiosmtpd).

Time moves with libfaketime (Debian's `faketime`): the server's wall clock
reads its offset from a file the test rewrites ("+0", then "+2h"), so an
hour's hold runs out at once; the monotonic clock (timers, timeouts) is left
alone. Nothing here waits for wall-clock time beyond the service's
housekeeping round.

    /usr/bin/python3 holds_test.py --binary build/src/app/yhteisaika --calendars calendars [unittest args]
"""
import email
import email.policy
import glob
import os
import shutil
import sys
import tempfile
import time
import unittest

import icalendar

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mail_servers import SmtpSink  # noqa: E402
from service_support import Server, parse_test_args, parse_time  # noqa: E402

BINARY = CALENDARS = None
ORGANIZER = "yhteisaika@hyvinvointialue.example"
TEAM = ["sosiaalityontekija-aalto", "laakari-korhonen", "psykologi-makela"]
OTHER_TEAM = ["laakari-korhonen", "kuraattori-heikkinen"]


def libfaketime():
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketimeMT.so.1") + glob.glob("/usr/lib/faketime/libfaketimeMT.so.1"))
    if not found:
        raise AssertionError("libfaketime is missing: install Debian's faketime (deploy/install-deps.sh)")
    return found[0]


def wait_for(what, predicate, timeout=20.0, step=0.1):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(step)


def event_of(raw):
    """A mail's subject, and its text/calendar part's METHOD and VEVENT."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    parts = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, [p.get_content_type() for p in msg.walk()]
    cal = icalendar.Calendar.from_ical(parts[0].get_content())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(events) == 1
    return str(msg["Subject"]), str(cal["METHOD"]), events[0]


class HoldCase(unittest.TestCase):
    """A server with e-mail to an SMTP sink, its wall clock under the test's control."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="yhteisaika-holds-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.sink = SmtpSink(os.path.join(self.dir, "smtp"))
        self.sink.start()
        self.addCleanup(self.sink.stop)
        self.clock_file = os.path.join(self.dir, "faketime")
        self.set_offset("+0")
        self.server = self.start_server(interval=1)

    def start_server(self, interval):
        env = {"LD_PRELOAD": libfaketime(), "FAKETIME_TIMESTAMP_FILE": self.clock_file,
               "FAKETIME_NO_CACHE": "1", "FAKETIME_DONT_FAKE_MONOTONIC": "1"}
        args = ["--smtp_url", "smtp://127.0.0.1:%d" % self.sink.port, "--smtp_starttls", "no",
                "--organizer_email", ORGANIZER, "--mail_retry_seconds", "1",
                "--housekeeping_interval_seconds", str(interval)]
        workdir = os.path.join(self.dir, "server")
        os.makedirs(workdir, exist_ok=True)
        server = Server(BINARY, CALENDARS, workdir=workdir, extra_args=args, env=env)
        server.start()
        self.addCleanup(server.cleanup)
        self.coordinator = server.token("coordinator", "Sanna Aalto")
        self.admin = server.token("admin", "it-admin")
        return server

    def set_offset(self, offset):
        """The server's wall clock from now on: real time plus `offset` ("+2h")."""
        with open(self.clock_file + ".new", "w") as f:
            f.write(offset + "\n")
        os.replace(self.clock_file + ".new", self.clock_file)

    def book(self, case_ref, required, expect=201, **extra):
        body = dict(case_ref=case_ref, coordinator="sosiaalityontekija-aalto", required=required,
                    duration_minutes=60, **extra)
        r = self.server.post("/api/v1/meetings", body, token=self.coordinator)
        self.assertEqual(r.status, expect, r.text)
        return r.json()

    def meeting(self, mid):
        r = self.server.get("/api/v1/meetings/%d" % mid, token=self.coordinator)
        self.assertEqual(r.status, 200, r.text)
        return r.json()

    def mails_of(self, mid, method, count):
        """Waits for `count` mails of meeting `mid` with `method`; returns their (recipients, VEVENT, subject)."""
        uid = "meeting-%d@yhteisaika.local" % mid

        def found():
            out = []
            for m in self.sink.messages():
                subject, got_method, event = event_of(m["raw"])
                if got_method == method and str(event["UID"]) == uid:
                    out.append((m["rcpt_tos"], event, subject))
            return out if len(out) >= count else None
        return wait_for("%d %s mails of meeting %d" % (count, method, mid), found)


class HoldsTest(HoldCase):
    def test_a_hold_blocks_is_confirmed_and_another_runs_out_with_a_cancel_mail(self):
        held = self.book("YA-2026-0042", TEAM, hold_minutes=60)
        self.assertEqual(held["status"], "held")
        hold_end = parse_time(held["hold_expires_at"])
        self.assertAlmostEqual((hold_end - parse_time(held["created_at"])).total_seconds(), 3600, delta=2)

        # The slot is blocked for everyone else, exactly like a booking.
        taken = self.server.post("/api/v1/meetings", dict(case_ref="YA-2026-0043", required=OTHER_TEAM,
                                                          duration_minutes=60, start=held["start"]),
                                 token=self.coordinator)
        self.assertEqual(taken.status, 409, taken.text)
        self.assertEqual(taken.json()["error"], "slot_taken")
        self.assertIn("laakari-korhonen", taken.json()["detail"])

        # Everyone is asked tentatively; confirmed, everyone gets the CONFIRMED update.
        for rcpts, event, subject in self.mails_of(held["id"], "REQUEST", 3):
            self.assertEqual(str(event["STATUS"]), "TENTATIVE", rcpts)
            self.assertTrue(subject.startswith("Alustava kutsu: "), subject)
        r = self.server.post("/api/v1/meetings/%d/confirm" % held["id"], token=self.coordinator)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json()["status"], "scheduled")
        self.assertEqual(r.json()["sequence"], 1)
        confirmed = [e for _, e, _ in self.mails_of(held["id"], "REQUEST", 6) if int(e["SEQUENCE"]) == 1]
        self.assertEqual(len(confirmed), 3)
        self.assertEqual({str(e["STATUS"]) for e in confirmed}, {"CONFIRMED"})

        # Another hold runs out: two hours later the service has expired it by itself.
        second = self.book("YA-2026-0044", OTHER_TEAM, hold_minutes=60)
        self.assertEqual(second["status"], "held")
        self.mails_of(second["id"], "REQUEST", 2)
        self.set_offset("+2h")
        expired = wait_for("the hold expired", lambda: (lambda m: m if m["status"] == "expired" else None)(
            self.meeting(second["id"])))
        self.assertEqual(expired["sequence"], 1)
        cancels = self.mails_of(second["id"], "CANCEL", 2)
        self.assertEqual(sorted(r for rcpts, _, _ in cancels for r in rcpts),
                         ["elina.heikkinen@hyvinvointialue.example", "mikko.korhonen@hyvinvointialue.example"],
                         "one CANCEL to each attendee")
        for _, event, _ in cancels:
            self.assertEqual(str(event["STATUS"]), "CANCELLED")
            self.assertEqual(int(event["SEQUENCE"]), 1)

        # Too late to confirm it; its time is free again; the confirmed one stays.
        late = self.server.post("/api/v1/meetings/%d/confirm" % second["id"], token=self.coordinator)
        self.assertEqual(late.status, 409, late.text)
        self.assertEqual(late.json()["error"], "not_held")
        self.assertIn("ran out at", late.json()["detail"])
        self.assertEqual(self.meeting(held["id"])["status"], "scheduled")
        invite = self.server.get("/api/v1/meetings/%d/invite.ics" % second["id"], token=self.coordinator)
        self.assertIn("METHOD:CANCEL", invite.text)

        r = self.server.get("/api/v1/audit", token=self.admin)
        self.assertEqual(r.status, 200, r.text)
        expiries = [e for e in r.json()["entries"] if e["action"] == "expire_hold"]
        self.assertEqual(len(expiries), 1, expiries)
        self.assertEqual(expiries[0]["actor"], "service")


    def test_a_hold_that_ran_out_while_the_service_was_down_expires_as_it_starts(self):
        # Also guards the SIGBUS this check once met: the restarted service died
        # in a commit after another process truncated the -shm file under it
        # (store/wal_index_watch.hpp).
        held = self.book("YA-2026-0045", TEAM, hold_minutes=30)
        self.assertEqual(self.server.stop(), 0)
        self.set_offset("+1h")
        # A round every 10 s, but the first at start: well before the second.
        self.server = self.start_server(interval=10)
        wait_for("the hold expired", lambda: self.meeting(held["id"])["status"] == "expired", timeout=8)
        self.mails_of(held["id"], "CANCEL", 3)

def main():
    global BINARY, CALENDARS
    BINARY, CALENDARS, argv = parse_test_args(__doc__)
    unittest.main(argv=argv, verbosity=2)


if __name__ == "__main__":
    main()
