#!/usr/bin/python3
"""Rooms (issue 13) end to end: `yhteisaika serve` on loopback with a copy of
the demo calendars and a room's calendar beside them. Under 40 parallel
bookings one room is never given to two meetings at once; a room whose
calendar cannot be read is never free; the invite (invite.ics and the iMIP
mail caught by an SMTP sink, python3-aiosmtpd) names the room as LOCATION and
as ATTENDEE;CUTYPE=ROOM, read with python3-icalendar; the room's feed shows
the meeting.

    /usr/bin/python3 rooms_test.py --binary build/src/app/yhteisaika --calendars calendars [unittest args]
"""
import concurrent.futures
import datetime as dt
import email
import email.policy
import os
import shutil
import sys
import tempfile
import threading
import time
import unittest

import icalendar

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mail_servers import SmtpSink  # noqa: E402
from service_support import Server, next_monday, overlaps, parse_test_args, parse_time  # noqa: E402

BINARY = CALENDARS = None
MONDAY = next_monday(not_before=dt.date(2027, 3, 1))
FROM = "%sT08:00" % MONDAY
ROOM = {"id": "sali-kuusi", "name": "Neuvotteluhuone Kuusi", "location": "Sote-keskus, 2. krs", "capacity": 6,
        "calendar_source": "sali-kuusi"}
PLACE = "Neuvotteluhuone Kuusi, Sote-keskus, 2. krs"
EMPTY_CALENDAR = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//rooms//EN\r\nEND:VCALENDAR\r\n"


def room_attendees(text):
    """The ATTENDEE properties with CUTYPE=ROOM of the one VEVENT in `text`."""
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    attendees = event.get("ATTENDEE") or []
    attendees = attendees if isinstance(attendees, list) else [attendees]
    return event, [a for a in attendees if a.params.get("CUTYPE") == "ROOM"]


class RoomCase(unittest.TestCase):
    """A server on a copy of the demo calendars with sali-kuusi.ics (always free)."""

    extra_args = ()

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="yhteisaika-rooms-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        calendars = os.path.join(self.dir, "calendars")
        shutil.copytree(CALENDARS, calendars)
        with open(os.path.join(calendars, "sali-kuusi.ics"), "w", newline="") as f:
            f.write(EMPTY_CALENDAR)
        self.server = Server(BINARY, calendars, workdir=os.path.join(self.dir, "server"),
                             extra_args=["--horizon-days", "200"] + list(self.extra_args))
        os.makedirs(self.server.workdir)
        self.server.start()
        self.addCleanup(self.server.cleanup)
        self.admin = self.server.token("admin", "it-admin")
        self.coordinator = self.server.token("coordinator", "Sanna Aalto")
        r = self.server.post("/api/v1/rooms", ROOM, token=self.admin)
        self.assertEqual(r.status, 201, r)
        self.feed_url = r.json()["feed_url"]

    def book(self, required, case_ref, **extra):
        body = dict(required=required, case_ref=case_ref, rooms=[ROOM["id"]], duration_minutes=60, **{"from": FROM})
        body.update(extra)
        return self.server.post("/api/v1/meetings", body, token=self.coordinator, timeout=120)


class RoomUnderLoad(RoomCase):
    PEOPLE = ["erityisopettaja-jarvinen", "kelan-asiantuntija-salo", "kuntoutusohjaaja-lehtonen",
              "kuraattori-heikkinen", "laakari-korhonen", "paihdetyontekija-laine", "perhetyontekija-koskinen",
              "psykologi-makela", "sosiaalityontekija-aalto", "terveydenhoitaja-nieminen"]

    def test_40_parallel_bookings_never_share_the_room(self):
        bodies = [([self.PEOPLE[i % 10]], "YA-2026-%04d" % (3000 + i)) for i in range(40)]
        barrier = threading.Barrier(len(bodies))

        def one(body):
            barrier.wait(10)
            return self.book(*body)

        with concurrent.futures.ThreadPoolExecutor(len(bodies)) as pool:
            answers = list(pool.map(one, bodies))
        bad = [r for r in answers if r.status not in (201, 409)]
        self.assertEqual(bad, [], "every answer is 201 or 409")
        for r in answers:
            if r.status == 409:
                self.assertEqual(r.json()["error"], "no_slot", r)
        made = [r.json() for r in answers if r.status == 201]
        self.assertGreaterEqual(len(made), 8, "several bookings get the room, one after another")
        for m in made:
            self.assertEqual(m["room"]["id"], ROOM["id"], m)
            self.assertEqual(m["location"], PLACE)
        spans = sorted((parse_time(m["start"]), parse_time(m["end"]), m["id"]) for m in made)
        for a, b in zip(spans, spans[1:]):
            self.assertFalse(overlaps(a, b), "meetings %d and %d share the room" % (a[2], b[2]))
        # As stored: every meeting listed in the room, none overlapping another.
        r = self.server.get("/api/v1/meetings?from=%s&to=%s" % (MONDAY, MONDAY + dt.timedelta(days=15)),
                            token=self.coordinator)
        self.assertEqual(r.status, 200, r)
        stored = sorted((parse_time(m["start"]), parse_time(m["end"]), m["id"])
                        for m in r.json()["meetings"] if m["room"] and m["status"] == "scheduled")
        self.assertEqual({s[2] for s in stored}, {m["id"] for m in made})
        for a, b in zip(stored, stored[1:]):
            self.assertFalse(overlaps(a, b), "stored meetings %d and %d share the room" % (a[2], b[2]))

        # The room's feed shows each of them.
        feed = self.server.get(self.server.path_of(self.feed_url))
        self.assertEqual(feed.status, 200, feed)
        uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(feed.body).walk("VEVENT")}
        self.assertTrue({"meeting-%d@yhteisaika.local" % m["id"] for m in made} <= uids)

    def test_a_room_whose_calendar_cannot_be_read_is_never_free(self):
        broken = dict(ROOM, id="sali-rikki", name="Rikki", calendar_source="ei-tiedostoa")
        r = self.server.post("/api/v1/rooms", broken, token=self.admin)
        self.assertEqual(r.status, 201, r)
        r = self.server.post("/api/v1/solve", {"required": ["laakari-korhonen"], "rooms": ["sali-rikki"],
                                               "from": FROM}, token=self.coordinator)
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json()["start"])
        self.assertIn("room sali-rikki", r.json()["reason"])
        r = self.book(["laakari-korhonen"], "YA-2026-3100", rooms=["sali-rikki"])
        self.assertEqual(r.status, 409, r)
        self.assertIn("room sali-rikki", r.json()["detail"])
        # With a readable room beside it, that one is taken.
        r = self.book(["laakari-korhonen"], "YA-2026-3101", rooms=["sali-rikki", ROOM["id"]])
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["room"]["id"], ROOM["id"])


class RoomInviteMail(RoomCase):
    def setUp(self):
        self.mail_dir = tempfile.mkdtemp(prefix="yhteisaika-rooms-mail-")
        self.addCleanup(shutil.rmtree, self.mail_dir, True)
        self.sink = SmtpSink(self.mail_dir).start()
        self.addCleanup(self.sink.stop)
        self.extra_args = ["--smtp_url", "smtp://127.0.0.1:%d" % self.sink.port, "--smtp_starttls", "no",
                           "--organizer_email", "yhteisaika@hyvinvointialue.example", "--mail_retry_seconds", "1"]
        super().setUp()

    def test_the_invite_names_the_room_as_location_and_a_room_attendee(self):
        r = self.book(["laakari-korhonen", "psykologi-makela"], "YA-2026-3200")
        self.assertEqual(r.status, 201, r)
        m = r.json()
        invite = self.server.get("/api/v1/meetings/%d/invite.ics" % m["id"], token=self.coordinator)
        self.assertEqual(invite.status, 200, invite)
        event, rooms = room_attendees(invite.body)
        self.assertEqual(str(event["LOCATION"]), PLACE)
        self.assertEqual(len(rooms), 1, invite.text)
        self.assertEqual(rooms[0].params.get("ROLE"), "NON-PARTICIPANT")
        self.assertEqual(rooms[0].params.get("CN"), ROOM["name"])

        deadline = time.monotonic() + 20
        while len(self.sink.messages()) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        mails = self.sink.messages()
        self.assertEqual(len(mails), 2, "one invite per professional, none to the room")
        for raw in mails:
            msg = email.message_from_bytes(raw["raw"], policy=email.policy.default)
            parts = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
            self.assertEqual(len(parts), 1)
            event, rooms = room_attendees(parts[0].get_content())
            self.assertEqual(str(event["LOCATION"]), PLACE)
            self.assertEqual([a.params.get("ROLE") for a in rooms], ["NON-PARTICIPANT"])


def main():
    global BINARY, CALENDARS
    BINARY, CALENDARS, argv = parse_test_args(__doc__)
    unittest.main(argv=argv, verbosity=2)


if __name__ == "__main__":
    main()
