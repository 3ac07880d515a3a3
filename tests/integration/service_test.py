#!/usr/bin/python3
"""End-to-end tests of `yhteisaika serve` over real loopback HTTP.

Each test class starts its own server on 127.0.0.1:<ephemeral> with a temporary
SQLite database, issues tokens with `yhteisaika token create` against the same
file, and checks what a coordinator, a professional, a manager or an admin would
see. Invites and feeds are parsed with an independent iCalendar implementation
(Debian's python3-icalendar and python3-recurring-ical-events).

    /usr/bin/python3 service_test.py --binary build/src/app/yhteisaika --calendars calendars [unittest args]
"""
import concurrent.futures
import csv
import datetime as dt
import gzip
import io
import json
import os
import shutil
import signal
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_support import HELSINKI, Server, local, next_monday, overlaps, parse_test_args, parse_time  # noqa: E402

try:
    import icalendar
    import recurring_ical_events
except ImportError:  # the pyenv python3 on PATH lacks them; Debian's has them
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != "/usr/bin/python3" \
            and not os.environ.get("SERVICE_TEST_REEXEC"):
        os.environ["SERVICE_TEST_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    sys.stderr.write("service_test: needs python3-icalendar and python3-recurring-ical-events\n")
    sys.exit(2)

BINARY = None
CALENDARS = None
REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# Teams whose demo calendars leave both 30-minute halves of the holes from
# MONDAY on free. MONDAY is a fixed week in the demo calendars' steady state
# (weekly series, no holidays or one-off events), so that the tests do not
# depend on the day they run; a meeting is never booked in the past, so it
# moves on once that week has passed.
TEAM_A = ["sosiaalityontekija-aalto", "laakari-korhonen", "terveydenhoitaja-nieminen"]
TEAM_B = ["erityisopettaja-jarvinen", "kuntoutusohjaaja-lehtonen", "paihdetyontekija-laine"]
TEAM_C = ["psykologi-makela", "kuraattori-heikkinen", "perhetyontekija-koskinen"]
OPTIONAL = "kelan-asiantuntija-salo"

MONDAY = next_monday(not_before=dt.date(2027, 3, 1))
FROM = "%sT08:00" % MONDAY
HETU = "131052-308T"  # the textbook example of a valid henkilötunnus

ROLES = ("coordinator", "manager", "admin")
PUBLIC = {None, "bad", "coordinator", "manager", "admin"}


def people():
    with open(os.path.join(CALENDARS, "people.json"), encoding="utf-8") as f:
        return {p["id"]: p for p in json.load(f)}


def parse_ics(body):
    return icalendar.Calendar.from_ical(body)


def unfolded_lines(text):
    return text.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").splitlines()


def declared_and_used_tzids(text):
    """(TZIDs declared by a VTIMEZONE, TZIDs used as a parameter) in raw iCalendar text."""
    declared, used = set(), set()
    for line in unfolded_lines(text):
        name, _, value = line.partition(":")
        if name == "TZID":
            declared.add(value.strip())
        for param in name.split(";")[1:]:
            k, _, v = param.partition("=")
            if k.upper() == "TZID":
                used.add(v.strip('"'))
    return declared, used


def attendees_of(event):
    a = event.get("ATTENDEE")
    if a is None:
        return []
    return a if isinstance(a, list) else [a]


class ServiceCase(unittest.TestCase):
    """One server per test class, with one token per role."""

    server = None
    tokens = {}

    @classmethod
    def setUpClass(cls):
        # MONDAY is a fixed week up to four months ahead, and a request looks no
        # further than horizon_days (default 120) from now: widen it for these tests.
        cls.server = Server(BINARY, CALENDARS, extra_args=["--horizon-days", "200"]).start()
        try:
            cls.tokens = {role: cls.server.token(role, "it-%s-%s" % (cls.__name__.lower(), role)) for role in ROLES}
        except Exception:
            cls.server.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            cls.server.cleanup()

    # -- helpers ---------------------------------------------------------
    @property
    def coordinator(self):
        return self.tokens["coordinator"]

    @property
    def admin(self):
        return self.tokens["admin"]

    def assertStatus(self, resp, status, error=None, field=None, msg=""):
        self.assertEqual(resp.status, status, "%s: expected HTTP %s, got %r" % (msg, status, resp))
        if error is not None:
            body = resp.json_or_none()
            self.assertIsInstance(body, dict, "%s: error body is not a JSON object: %r" % (msg, resp))
            self.assertEqual(body.get("error"), error, "%s: %r" % (msg, resp))
            self.assertIsInstance(body.get("detail"), str, "%s: no 'detail' string: %r" % (msg, resp))
            self.assertTrue(body.get("detail"), "%s: empty 'detail': %r" % (msg, resp))
            ctype = resp.header("Content-Type") or ""
            self.assertIn("application/json", ctype, "%s: error Content-Type %r" % (msg, ctype))
            if field is not None:
                self.assertEqual(body.get("field"), field, "%s: wrong 'field': %r" % (msg, resp))
        return resp

    def solve_body(self, team, **kw):
        body = {"required": list(team), "from": FROM, "days": 14, "duration_minutes": 60, "strategy": "hole-first"}
        body.update(kw)
        return body

    def book_body(self, team, case_ref, **kw):
        body = self.solve_body(team, case_ref=case_ref)
        body.update(kw)
        return body

    def solve(self, body, token=None):
        r = self.server.post("/api/v1/solve", body, token=token or self.coordinator)
        self.assertStatus(r, 200, msg="POST /api/v1/solve %s" % json.dumps(body))
        return r.json()

    def book(self, body, token=None):
        r = self.server.post("/api/v1/meetings", body, token=token or self.coordinator)
        self.assertStatus(r, 201, msg="POST /api/v1/meetings %s" % json.dumps(body))
        return r.json()

    def meetings(self, query="", token=None):
        r = self.server.get("/api/v1/meetings" + query, token=token or self.coordinator)
        self.assertStatus(r, 200, msg="GET /api/v1/meetings%s" % query)
        return r.json()["meetings"]

    def invite(self, meeting_id):
        r = self.server.get("/api/v1/meetings/%d/invite.ics" % meeting_id, token=self.coordinator)
        self.assertStatus(r, 200, msg="invite.ics")
        return r, parse_ics(r.body)

    def assertMeetingShape(self, m):
        for key in ("id", "case_ref", "start", "end", "in_hole", "status", "sequence", "title", "location",
                    "description", "coordinator", "attendees", "invite_url", "created_at", "requested_at"):
            self.assertIn(key, m, "meeting object lacks %r: %s" % (key, m))
        self.assertIsInstance(m["id"], int)
        self.assertIsInstance(m["in_hole"], bool)
        self.assertIn(m["status"], ("scheduled", "cancelled"))
        self.assertEqual(m["invite_url"], "/api/v1/meetings/%d/invite.ics" % m["id"])
        parse_time(m["start"]), parse_time(m["end"]), parse_time(m["created_at"]), parse_time(m["requested_at"])
        self.assertRegex(m["start"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[23]:00$", "start is not local RFC 3339")


class CoordinatorFlow(ServiceCase):
    def test_solve_book_get_list_invite_reschedule_cancel(self):
        team = TEAM_A
        names = people()
        answer = self.solve(self.solve_body(team, optional=[OPTIONAL]))
        self.assertIsNotNone(answer["start"], answer)
        self.assertEqual(local(answer["end"]) - local(answer["start"]), dt.timedelta(minutes=60))
        self.assertEqual(sorted(answer["required"]), sorted(team))
        self.assertEqual(sorted(answer["optional_free"] + answer["optional_busy"]), [OPTIONAL])
        self.assertIsInstance(answer["alternatives"], list)

        identified = MONDAY - dt.timedelta(days=7)
        body = self.book_body(team, "YA-2026-0042", optional=[OPTIONAL], title="Omatiimi: ensimmäinen tapaaminen",
                              location="Sote-keskus, neuvotteluhuone 2", description="Yhteisen suunnitelman laatiminen",
                              coordinator="sosiaalityontekija-aalto", identified_on=str(identified))
        r = self.server.post("/api/v1/meetings", body, token=self.coordinator)
        self.assertStatus(r, 201, msg="book")
        m = r.json()
        self.assertMeetingShape(m)
        self.assertEqual(r.header("Location"), "/api/v1/meetings/%d" % m["id"])
        self.assertEqual(m["start"], answer["start"], "booking without 'start' takes the solver's slot")
        self.assertEqual(m["end"], answer["end"])
        self.assertEqual(m["in_hole"], answer["in_hole"])
        self.assertEqual((m["status"], m["sequence"], m["case_ref"]), ("scheduled", 0, "YA-2026-0042"))
        self.assertEqual(m["coordinator"], "sosiaalityontekija-aalto")
        self.assertEqual(m["title"], "Omatiimi: ensimmäinen tapaaminen")
        roles = {a["id"]: a["role"] for a in m["attendees"]}
        self.assertEqual(roles, dict({i: "required" for i in team}, **{OPTIONAL: "optional"}))
        coordinator = "sosiaalityontekija-aalto"
        for a in m["attendees"]:
            # The coordinator organizes the meeting and attends it; the others are asked.
            self.assertEqual(a["partstat"], "ACCEPTED" if a["id"] == coordinator else "NEEDS-ACTION", a)
            self.assertEqual((a["name"], a["profession"]), (names[a["id"]]["name"], names[a["id"]]["profession"]))

        got = self.server.get("/api/v1/meetings/%d" % m["id"], token=self.coordinator)
        self.assertStatus(got, 200, msg="GET meeting")
        # Only the booking answer lists stale calendars; the meeting itself is the same.
        booked_meeting = {k: v for k, v in m.items() if k != "stale"}
        self.assertEqual(got.json(), booked_meeting, "GET returns the booked meeting")

        listed = self.meetings("?case_ref=YA-2026-0042")
        self.assertEqual([x["id"] for x in listed], [m["id"]])

        # The invite: iTIP REQUEST, parsed by python3-icalendar.
        r, cal = self.invite(m["id"])
        ctype = r.header("Content-Type", "")
        self.assertTrue(ctype.startswith("text/calendar"), ctype)
        self.assertIn("method=request", ctype.replace(" ", "").lower())
        self.assertEqual(str(cal["METHOD"]), "REQUEST")
        self.assertIn("Europe/Helsinki", [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")])
        events = cal.walk("VEVENT")
        self.assertEqual(len(events), 1)
        ev = events[0]
        uid = str(ev["UID"])
        self.assertTrue(uid)
        self.assertEqual(int(ev["SEQUENCE"]), 0)
        self.assertIn("DTSTAMP", ev)
        self.assertEqual(ev["DTSTART"].params.get("TZID"), "Europe/Helsinki")
        self.assertEqual(ev["DTEND"].params.get("TZID"), "Europe/Helsinki")
        self.assertEqual(ev["DTSTART"].dt, parse_time(m["start"]), "invite DTSTART equals the JSON start")
        self.assertEqual(ev["DTEND"].dt, parse_time(m["end"]))
        self.assertIn("YA-2026-0042", str(ev["SUMMARY"]))
        self.assertIn(names["sosiaalityontekija-aalto"]["email"].lower(), str(ev["ORGANIZER"]).lower(),
                      "the coordinator is the ORGANIZER")
        atts = attendees_of(ev)
        self.assertEqual(len(atts), 4, [str(a) for a in atts])
        by_cn = {str(a.params.get("CN")): a for a in atts}
        for pid, role in roles.items():
            a = by_cn.get(names[pid]["name"])
            self.assertIsNotNone(a, "no ATTENDEE with CN=%s in %s" % (names[pid]["name"], list(by_cn)))
            self.assertEqual(a.params.get("ROLE"), "REQ-PARTICIPANT" if role == "required" else "OPT-PARTICIPANT")
            # What a calendar program shows: the organizer attends and is not asked to reply.
            asked = pid != coordinator
            self.assertEqual(a.params.get("PARTSTAT"), "NEEDS-ACTION" if asked else "ACCEPTED", pid)
            self.assertEqual(str(a.params.get("RSVP")).upper(), "TRUE" if asked else "FALSE", pid)

        # Reschedule: a new time, SEQUENCE 1, same UID.
        r = self.server.post("/api/v1/meetings/%d/reschedule" % m["id"], {}, token=self.coordinator)
        self.assertStatus(r, 200, msg="reschedule")
        moved = r.json()
        self.assertEqual(moved["sequence"], 1)
        self.assertEqual(moved["status"], "scheduled")
        self.assertNotEqual(moved["start"], m["start"], "reschedule excludes the current slot")
        self.assertEqual(local(moved["end"]) - local(moved["start"]), dt.timedelta(minutes=60))
        _, cal = self.invite(m["id"])
        ev = cal.walk("VEVENT")[0]
        self.assertEqual((str(ev["UID"]), int(ev["SEQUENCE"])), (uid, 1))
        self.assertEqual(ev["DTSTART"].dt, parse_time(moved["start"]))
        self.assertEqual({a["id"]: a["partstat"] for a in moved["attendees"]},
                         {a["id"]: "ACCEPTED" if a["id"] == coordinator else "NEEDS-ACTION" for a in m["attendees"]},
                         "a reschedule asks everyone anew but the coordinator, who moved it")

        # Cancel: METHOD:CANCEL, SEQUENCE 2; cancelling again is a conflict.
        r = self.server.request("DELETE", "/api/v1/meetings/%d" % m["id"], token=self.coordinator)
        self.assertStatus(r, 200, msg="cancel")
        self.assertEqual((r.json()["status"], r.json()["sequence"]), ("cancelled", 2))
        r, cal = self.invite(m["id"])
        self.assertIn("method=cancel", r.header("Content-Type", "").replace(" ", "").lower())
        self.assertEqual(str(cal["METHOD"]), "CANCEL")
        ev = cal.walk("VEVENT")[0]
        self.assertEqual((str(ev["UID"]), int(ev["SEQUENCE"])), (uid, 2))
        self.assertStatus(self.server.request("DELETE", "/api/v1/meetings/%d" % m["id"], token=self.coordinator),
                          409, "not_scheduled", msg="cancel twice")
        self.assertStatus(self.server.post("/api/v1/meetings/%d/reschedule" % m["id"], {}, token=self.coordinator),
                          409, "not_scheduled", msg="reschedule a cancelled meeting")

        # The audit log has the three changes, by the coordinator's token name.
        r = self.server.get("/api/v1/audit", token=self.admin)
        self.assertStatus(r, 200, msg="audit")
        entries = r.json()["entries"]
        actions = [e["action"] for e in entries]
        for action in ("issue_token", "book", "reschedule", "cancel"):
            self.assertIn(action, actions)
        book = [e for e in entries if e["action"] == "book"][-1]
        self.assertIsNone(book["before"])
        self.assertIsInstance(book["after"], dict)
        self.assertIn("coordinator", book["actor"], "audit actor is the token's name: %s" % book)

    def test_reschedule_to_an_explicit_start(self):
        m = self.book(self.book_body(TEAM_B, "YA-2026-0043", strategy="earliest"))
        later = "%sT08:00" % (MONDAY + dt.timedelta(days=8))
        free = self.solve(self.solve_body(TEAM_B, strategy="earliest", **{"from": later}))
        r = self.server.post("/api/v1/meetings/%d/reschedule" % m["id"], {"start": free["start"]},
                             token=self.coordinator)
        self.assertStatus(r, 200, msg="reschedule to %s" % free["start"])
        self.assertEqual(parse_time(r.json()["start"]), parse_time(free["start"]))
        self.assertEqual(r.json()["sequence"], 1)
        # Local wall time without an offset means Helsinki.
        wall = local(free["start"]) + dt.timedelta(days=1)
        again = self.solve(self.solve_body(TEAM_B, strategy="earliest", days=1,
                                           **{"from": wall.strftime("%Y-%m-%dT08:00")}))
        if again["start"]:
            naive = local(again["start"]).strftime("%Y-%m-%dT%H:%M")
            r = self.server.post("/api/v1/meetings/%d/reschedule" % m["id"], {"start": naive}, token=self.coordinator)
            self.assertStatus(r, 200, msg="reschedule to local %s" % naive)
            self.assertEqual(parse_time(r.json()["start"]), parse_time(again["start"]))

    def test_a_booked_slot_is_busy_for_the_next_solve(self):
        team = TEAM_B
        body = self.solve_body(team, strategy="earliest", **{"from": "%sT08:00" % (MONDAY + dt.timedelta(days=14))})
        first = self.solve(body)
        booked = self.book(dict(body, case_ref="YA-2026-0050"))
        self.assertEqual(booked["start"], first["start"])
        second = self.solve(body)
        self.assertIsNotNone(second["start"], second)
        self.assertGreaterEqual(parse_time(second["start"]), parse_time(booked["end"]),
                                "the same attendees get a later slot once the first is booked")
        # An explicit start on the booked slot is taken.
        r = self.server.post("/api/v1/meetings", dict(body, case_ref="YA-2026-0051", start=booked["start"]),
                             token=self.coordinator)
        self.assertStatus(r, 409, "slot_taken", msg="book on an already booked start")

        hole_body = self.solve_body(team, **{"from": "%sT08:00" % (MONDAY + dt.timedelta(days=14))})
        h1 = self.solve(hole_body)
        hb = self.book(dict(hole_body, case_ref="YA-2026-0052"))
        self.assertEqual(hb["start"], h1["start"])
        h2 = self.solve(hole_body)
        self.assertNotEqual(h2["start"], h1["start"])
        if h2["start"]:
            self.assertFalse(overlaps((parse_time(h2["start"]), parse_time(h2["end"])),
                                      (parse_time(hb["start"]), parse_time(hb["end"]))))
            if h1["in_hole"] and h2["in_hole"]:
                self.assertGreater(parse_time(h2["start"]), parse_time(h1["start"]))

    def test_the_hole_is_14_30_local_in_summer_time_too(self):
        answer = self.solve(self.solve_body(TEAM_C, **{"from": "2027-03-29T08:00", "days": 14}))
        self.assertTrue(answer["in_hole"], answer)
        self.assertTrue(answer["start"].endswith("+03:00"), "EEST offset after 2027-03-28: %s" % answer["start"])
        s = local(answer["start"])
        self.assertEqual((s.weekday(), s.hour), (2, 14), answer)

    def test_the_hole_hosts_two_30_minute_meetings_for_the_same_people(self):
        body = self.solve_body(TEAM_C, duration_minutes=30, **{"from": FROM})
        a = self.book(dict(body, case_ref="YA-2026-0060"))
        b = self.book(dict(body, case_ref="YA-2026-0061"))
        for m in (a, b):
            self.assertTrue(m["in_hole"], m)
            s, e = local(m["start"]), local(m["end"])
            self.assertEqual(s.weekday(), 2, "the hole is on Wednesday")
            self.assertGreaterEqual((s.hour, s.minute), (14, 30))
            self.assertLessEqual((e.hour, e.minute), (15, 30))
        self.assertEqual(local(a["start"]).date(), local(b["start"]).date(), "both in the same hole")
        self.assertFalse(overlaps((parse_time(a["start"]), parse_time(a["end"])),
                                  (parse_time(b["start"]), parse_time(b["end"]))))


class BookingFindings(ServiceCase):
    """Issue 10: what outside testing found about booking and rescheduling."""

    def week(self, weeks):
        return "%sT08:00" % (MONDAY + dt.timedelta(days=7 * weeks))

    def test_a_start_before_now_is_422_for_booking_and_reschedule(self):
        # A start in 2020 was booked (201), and a meeting could be moved into 2025 (200).
        r = self.server.post("/api/v1/meetings", self.book_body(TEAM_C, "YA-2026-0510", start="2020-01-08T10:00"),
                             token=self.coordinator)
        self.assertStatus(r, 422, "invalid_value", "start", msg="book in the past")
        m = self.book(self.book_body(TEAM_C, "YA-2026-0511", **{"from": self.week(1)}))
        r = self.server.post("/api/v1/meetings/%d/reschedule" % m["id"], {"start": "2025-11-19T14:30"},
                             token=self.coordinator)
        self.assertStatus(r, 422, "invalid_value", "start", msg="reschedule into the past")
        got = self.server.get("/api/v1/meetings/%d" % m["id"], token=self.coordinator).json()
        self.assertEqual((got["start"], got["sequence"]), (m["start"], 0), "the meeting did not move")

    def test_an_optional_attendees_own_booking_does_not_fail_the_booking(self):
        # The store's re-check covered optional attendees: /solve offered a slot with
        # them in optional_busy, and booking it answered 409 no_slot (slot_taken with "start").
        week = self.week(2)
        hole = self.solve(self.solve_body(TEAM_A, optional=[OPTIONAL], **{"from": week}))["start"]
        own = self.book(self.book_body([OPTIONAL], "YA-2026-0500", start=hole))
        offered = self.solve(self.solve_body(TEAM_A, optional=[OPTIONAL], **{"from": week}))
        self.assertEqual((offered["start"], offered["optional_busy"]), (hole, [OPTIONAL]))
        solved = self.book(self.book_body(TEAM_A, "YA-2026-0501", optional=[OPTIONAL], **{"from": week}))
        self.assertEqual(solved["start"], offered["start"], "the offered slot is booked")
        at_start = self.book(self.book_body(TEAM_B, "YA-2026-0502", optional=[OPTIONAL], start=hole))
        self.assertEqual(parse_time(at_start["start"]), parse_time(hole))
        # Double-booked by choice: where they are required, those bookings keep them busy.
        self.assertStatus(self.server.request("DELETE", "/api/v1/meetings/%d" % own["id"], token=self.coordinator),
                          200, msg="cancel their own meeting")
        r = self.server.post("/api/v1/meetings", self.book_body([OPTIONAL], "YA-2026-0503", start=hole),
                             token=self.coordinator)
        self.assertStatus(r, 409, "slot_taken", "start", msg="book them as required over their optional attendance")
        self.assertEqual(r.json()["detail"], "not free at that time: %s" % OPTIONAL)

    def test_slot_taken_names_who_is_no_longer_free(self):
        # 409 slot_taken said "a required attendee is no longer free" without naming anyone.
        m = self.book(self.book_body(TEAM_C, "YA-2026-0520", strategy="earliest", **{"from": self.week(3)}))
        r = self.server.post("/api/v1/meetings",
                             self.book_body([TEAM_C[1], TEAM_C[0]], "YA-2026-0521", start=m["start"]),
                             token=self.coordinator)
        self.assertStatus(r, 409, "slot_taken", "start", msg="book over a booking")
        self.assertEqual(r.json()["detail"], "not free at that time: %s, %s" % (TEAM_C[1], TEAM_C[0]))

    def test_a_window_without_working_hours_says_so_and_blames_nobody(self):
        # A weekend window named every required attendee as having no free time.
        saturday = "%sT00:00" % (MONDAY + dt.timedelta(days=5))
        body = self.solve_body(TEAM_A, days=2, **{"from": saturday})
        answer = self.solve(body)
        self.assertIsNone(answer["start"], answer)
        self.assertEqual((answer["reason"], answer["without_free_time"]), ("the window holds no working hours", []))
        r = self.server.post("/api/v1/meetings", dict(body, case_ref="YA-2026-0522"), token=self.coordinator)
        self.assertStatus(r, 409, "no_slot", msg="book in a weekend window")
        self.assertEqual(r.json()["detail"], "the window holds no working hours")

    def test_reschedule_without_declined_when_nobody_declined_is_409_nothing_to_do(self):
        # {"without_declined": true} with nobody declined re-solved and moved the meeting.
        m = self.book(self.book_body(TEAM_B, "YA-2026-0530", **{"from": self.week(4)}))
        r = self.server.post("/api/v1/meetings/%d/reschedule" % m["id"], {"without_declined": True},
                             token=self.coordinator)
        self.assertStatus(r, 409, "nothing_to_do", "without_declined", msg="without_declined, nobody declined")
        got = self.server.get("/api/v1/meetings/%d" % m["id"], token=self.coordinator).json()
        self.assertEqual((got["start"], got["sequence"]), (m["start"], 0), "the meeting did not move")


class ProfessionalFeed(ServiceCase):
    def feed(self, path, etag=None):
        headers = {"If-None-Match": etag} if etag else None
        return self.server.get(path, headers=headers)

    def test_subscribe_conditional_get_booking_changes_feed_rotate(self):
        prof = "laakari-korhonen"
        url = self.server.feed_url(prof)
        self.assertRegex(url, r"^https?://[^/]+/feeds/[^/]+\.ics$")
        path = self.server.path_of(url)
        r = self.feed(path)
        self.assertStatus(r, 200, msg="GET feed")
        self.assertTrue(r.header("Content-Type", "").startswith("text/calendar"), r.header("Content-Type"))
        etag = r.header("ETag")
        self.assertTrue(etag, "feed has an ETag")
        self.assertTrue(r.header("Cache-Control"), "feed has Cache-Control")
        text = r.text
        cal = parse_ics(r.body)
        self.assertEqual(str(cal["METHOD"]), "PUBLISH")
        self.assertTrue("NAME" in cal or "X-WR-CALNAME" in cal, "feed has NAME or X-WR-CALNAME")
        lines = unfolded_lines(text)
        self.assertTrue(any(l.startswith("REFRESH-INTERVAL;VALUE=DURATION:") for l in lines), "REFRESH-INTERVAL")
        self.assertTrue(any(l.startswith("X-PUBLISHED-TTL:") for l in lines), "X-PUBLISHED-TTL")
        declared, used = declared_and_used_tzids(text)
        self.assertTrue(used <= declared, "TZIDs without a VTIMEZONE: %s" % (used - declared))

        holes = [e for e in cal.walk("VEVENT") if str(e.get("X-YHTEISAIKA-HOLE", "")).upper() == "TRUE"]
        self.assertEqual(len(holes), 1, "the weekly hole is one recurring VEVENT")
        hole = holes[0]
        rrule = hole["RRULE"]
        self.assertEqual([str(x) for x in rrule.get("FREQ")], ["WEEKLY"])
        self.assertEqual([str(x) for x in rrule.get("BYDAY")], ["WE"])
        self.assertEqual(str(hole.get("TRANSP", "OPAQUE")), "OPAQUE")
        # RFC 5546 §3.2.1: every PUBLISH event has an ORGANIZER; the hole's is the service's mailbox.
        self.assertTrue(str(hole.get("ORGANIZER", "")).startswith("mailto:"), "the hole has no ORGANIZER")

        span_from = dt.datetime(2026, 12, 21, tzinfo=HELSINKI)
        span_to = dt.datetime(2027, 1, 11, tzinfo=HELSINKI)
        instances = recurring_ical_events.of(cal).between(span_from, span_to)
        hole_days = set()
        for e in instances:
            if str(e.get("X-YHTEISAIKA-HOLE", "")).upper() != "TRUE":
                continue
            s, en = e["DTSTART"].dt.astimezone(HELSINKI), e["DTEND"].dt.astimezone(HELSINKI)
            self.assertEqual(((s.hour, s.minute), (en.hour, en.minute)), ((14, 30), (15, 30)))
            hole_days.add(s.date())
        self.assertIn(dt.date(2026, 12, 23), hole_days, "23 Dec 2026 is a working Wednesday")
        self.assertIn(dt.date(2026, 12, 30), hole_days)
        self.assertNotIn(dt.date(2027, 1, 6), hole_days, "Epiphany (6 Jan 2027) has no hole")

        # Conditional GET.
        r304 = self.feed(path, etag)
        self.assertEqual(r304.status, 304, "If-None-Match with the current ETag: %r" % r304)
        self.assertEqual(r304.body, b"")

        # A booking with the professional changes the feed.
        m = self.book(self.book_body(TEAM_A, "YA-2026-0070"))
        _, inv = self.invite(m["id"])
        uid = str(inv.walk("VEVENT")[0]["UID"])
        r = self.feed(path, etag)
        self.assertStatus(r, 200, msg="feed after a booking, with the old ETag")
        etag2 = r.header("ETag")
        self.assertNotEqual(etag2, etag, "a booking changes the ETag")
        events = {str(e["UID"]): e for e in parse_ics(r.body).walk("VEVENT")}
        self.assertIn(uid, events, "the meeting's invite UID is in the feed")
        self.assertEqual(events[uid]["DTSTART"].dt, parse_time(m["start"]))

        # A meeting without this professional is not in the feed.
        other = self.book(self.book_body(TEAM_B, "YA-2026-0071"))
        _, inv = self.invite(other["id"])
        other_uid = str(inv.walk("VEVENT")[0]["UID"])
        r = self.feed(path)
        self.assertNotIn(other_uid, r.text)

        # Cancelling shows STATUS:CANCELLED and changes the ETag again.
        self.assertStatus(self.server.request("DELETE", "/api/v1/meetings/%d" % m["id"], token=self.coordinator),
                          200, msg="cancel")
        r = self.feed(path, etag2)
        self.assertStatus(r, 200, msg="feed after a cancel")
        self.assertNotEqual(r.header("ETag"), etag2)
        events = {str(e["UID"]): e for e in parse_ics(r.body).walk("VEVENT")}
        self.assertIn(uid, events, "a cancelled meeting stays in the feed (30 days)")
        self.assertEqual(str(events[uid].get("STATUS")), "CANCELLED")

        # Rotation by the admin API: the old URL is gone.
        r = self.server.post("/api/v1/professionals/%s/feed-secret" % prof, None, token=self.admin)
        self.assertStatus(r, 200, msg="rotate feed secret")
        new_url = r.json()["feed_url"]
        self.assertRegex(new_url, r"^https?://[^/]+/feeds/[^/]+\.ics$")
        self.assertNotEqual(new_url, url)
        self.assertStatus(self.feed(path), 404, msg="old feed URL after rotation")
        new_path = self.server.path_of(new_url)
        self.assertStatus(self.feed(new_path), 200, msg="new feed URL")
        # ... and by the command line.
        cli_url = self.server.feed_url(prof)
        self.assertStatus(self.feed(new_path), 404, msg="API feed URL after a CLI rotation")
        self.assertStatus(self.feed(self.server.path_of(cli_url)), 200)
        self.assertStatus(self.feed("/feeds/not-a-secret.ics"), 404, msg="unknown feed secret")

        actions = [e["action"] for e in self.server.get("/api/v1/audit", token=self.admin).json()["entries"]]
        self.assertIn("rotate_feed_secret", actions)

    def test_if_none_match_lists_and_weak_tags(self):
        # RFC 9110 §13.1.2: If-None-Match takes a list and uses the weak comparison, so
        # a proxy that weakened the ETag (nginx with gzip) or merged lists still gets 304.
        path = self.server.path_of(self.server.feed_url("psykologi-makela"))
        etag = self.feed(path).header("ETag")
        self.assertTrue(etag)
        strong = etag[2:] if etag.startswith("W/") else etag
        for value in ('"nope", ' + etag, "W/" + strong, "*"):
            r = self.feed(path, value)
            self.assertEqual(r.status, 304, "If-None-Match: %s -> %r" % (value, r))
        self.assertEqual(self.feed(path, '"nope"').status, 200)


    def test_last_modified_if_modified_since_and_gzip(self):
        # Issue 10: feeds had no Last-Modified (If-Modified-Since always got the whole feed),
        # a 304 carried Content-Length: 0, and gzip was never offered.
        path = self.server.path_of(self.server.feed_url("kuraattori-heikkinen"))
        plain = self.feed(path)
        self.assertStatus(plain, 200, msg="GET feed")
        last_modified = plain.header("Last-Modified")
        self.assertRegex(last_modified or "", r"^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$")
        self.assertEqual(plain.header("Vary"), "Accept-Encoding")
        r304 = self.server.get(path, headers={"If-Modified-Since": last_modified})
        self.assertEqual(r304.status, 304, "If-Modified-Since: Last-Modified -> %r" % r304)
        self.assertEqual(r304.body, b"")
        self.assertIsNone(r304.header("Content-Length"), "RFC 9110 §8.6: no Content-Length: 0 on a 304")
        self.assertEqual(r304.header("ETag"), plain.header("ETag"))
        self.assertEqual(r304.header("Last-Modified"), last_modified)
        earlier = "Thu, 01 Jan 2015 00:00:00 GMT"
        self.assertEqual(self.server.get(path, headers={"If-Modified-Since": earlier}).status, 200)

        zipped = self.server.get(path, headers={"Accept-Encoding": "gzip"})
        self.assertStatus(zipped, 200, msg="GET feed with Accept-Encoding: gzip")
        self.assertEqual(zipped.header("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(zipped.body), plain.body, "the gzip body is the same feed")
        self.assertNotEqual(zipped.header("ETag"), plain.header("ETag"), "a strong ETag per content coding")
        self.assertFalse(zipped.header("ETag").startswith("W/"))
        self.assertEqual(int(zipped.header("Content-Length")), len(zipped.body))
        refused = self.server.get(path, headers={"Accept-Encoding": "gzip;q=0"})
        self.assertIsNone(refused.header("Content-Encoding"), "q=0 refuses gzip")
        self.assertEqual(refused.body, plain.body)
        again = self.server.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.header("ETag")})
        self.assertEqual(again.status, 304)
        self.assertIsNone(again.header("Content-Length"))


class AccessLog(unittest.TestCase):
    def test_identity_codes_and_feed_secrets_never_reach_the_access_log(self):
        # Issue 10: "/api/v1/meetings/131052-308T", "//feeds/<secret>.ics" and "/FEEDS/<secret>.ics"
        # were logged verbatim; durations were logged as 1.25E-1.
        with Server(BINARY, CALENDARS) as server:
            token = server.token("coordinator")
            secret = server.path_of(server.feed_url("laakari-korhonen"))[len("/feeds/"):-len(".ics")]
            paths = {"/api/v1/meetings/" + HETU: "/api/v1/meetings/…",
                     "/feeds/%s.ics" % secret: "/feeds/….ics",
                     "//feeds/%s.ics" % secret: "//feeds/…",
                     "/FEEDS/%s.ics" % secret: "/FEEDS/…",
                     "/answers/%s?answer=accepted" % secret: "/answers/…",
                     "/unknown/%s/x" % HETU: "/unknown/…/x"}
            for path in paths:
                server.get(path, token=token)
            self.assertEqual(server.stop(signal.SIGTERM), 0)  # the log is written out whole on the way down
            log = server.stderr_text()
        self.assertNotIn(HETU, log)
        self.assertNotIn(secret, log)
        self.assertNotIn(secret[:16], log)
        lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
        logged = [line["path"] for line in lines if line.get("msg") == "request"]
        for path, masked in paths.items():
            self.assertIn(masked, logged, "the access log line of %s" % path)
        for line in lines:
            if "duration_ms" in line:
                self.assertNotRegex(json.dumps(line), r"\d[eE][-+]?\d", "numbers in exponent form")
        raw = [l for l in log.splitlines() if '"duration_ms":' in l]
        self.assertTrue(raw)
        for l in raw:
            self.assertRegex(l, r'"duration_ms":\d+(\.\d+)?[,}]', "duration_ms as a plain decimal")


class ManagerFlow(ServiceCase):
    def test_utilisation_counts_the_weeks_with_bookings(self):
        w1, w2 = MONDAY, MONDAY + dt.timedelta(days=7)
        identified = str(w1 - dt.timedelta(days=3))

        def book(team, case, start_day, days, **kw):
            return self.book(self.book_body(team, case, identified_on=identified, days=days,
                                            **dict({"from": "%sT08:00" % start_day}, **kw)))

        booked = [
            book(TEAM_A, "YA-2026-0101", w1, 5),                                             # hole, week 1
            book(TEAM_B, "YA-2026-0102", w1, 5),                                             # hole, week 1
            book(TEAM_B, "YA-2026-0103", w1 + dt.timedelta(days=3), 2, strategy="earliest"),  # Thu/Fri, week 1
            book(TEAM_C, "YA-2026-0104", w2, 5),                                             # hole, week 2
        ]
        r = self.server.request("DELETE", "/api/v1/meetings/%d" % booked[3]["id"], token=self.coordinator)
        self.assertStatus(r, 200, msg="cancel")
        booked[3] = r.json()

        def week_of(day):
            iso = day.isocalendar()
            return "%d-W%02d" % (iso[0], iso[1])

        expect = {week_of(d): {"in": 0, "out": 0, "cancelled": 0, "lead": [], "holes": set()} for d in (w1, w2)}
        for m in booked:
            s = local(m["start"])
            e = expect[week_of(s.date())]
            if m["status"] == "cancelled":
                e["cancelled"] += 1
            elif m["in_hole"]:
                e["in"] += 1
                e["holes"].update((a["id"], s.date()) for a in m["attendees"])
            else:
                e["out"] += 1
            if m["status"] == "scheduled":
                e["lead"].append((parse_time(m["start"]) - parse_time(m["requested_at"])).total_seconds() / 86400)
        self.assertTrue(booked[0]["in_hole"] and booked[1]["in_hole"], "demo teams A and B have a free hole")

        to = w2 + dt.timedelta(days=4)
        team_size = len(self.server.get("/api/v1/professionals", token=self.admin).json()["professionals"])
        r = self.server.get("/api/v1/utilisation?from=%s&to=%s" % (w1, to), token=self.tokens["manager"])
        self.assertStatus(r, 200, msg="utilisation")
        u = r.json()
        self.assertEqual((u["from"], u["to"]), (str(w1), str(to)))
        self.assertEqual((u["unit"], u["group_by"]), (None, "week"))
        self.assertEqual(u["units"], sorted({p["unit"] for p in people().values()}))
        weeks = {w["key"]: w for w in u["rows"]}
        self.assertEqual(sorted(weeks), sorted(expect), "one entry per ISO week in the range")
        for label, e in expect.items():
            w = weeks[label]
            monday = dt.date.fromisocalendar(int(label[:4]), int(label[6:]), 1)
            self.assertEqual(w["week_start"], str(monday))
            got = (w["meetings_in_hole"], w["meetings_outside_hole"], w["cancelled"])
            self.assertEqual(got, (e["in"], e["out"], e["cancelled"]), "%s: %s" % (label, w))
            # Professional-holes: one hole per working Wednesday per professional; booked
            # when the professional attends a scheduled meeting inside it (twice counts once).
            self.assertEqual(w["holes_available"], team_size, "%s: one hole per professional: %s" % (label, w))
            self.assertEqual(w["holes_booked"], len(e["holes"]), "%s: booked professional-holes: %s" % (label, w))
            self.assertAlmostEqual(w["utilisation_percent"], 100.0 * len(e["holes"]) / team_size, delta=0.1,
                                   msg=str(w))
            self.assertEqual(w["label"], label)
            self.assertEqual(w["holes_released"], 0, "%s: future holes are not released: %s" % (label, w))
            lead = w["days_from_request"]
            if e["lead"]:
                # Lead time in (fractional) days from the request (requested_at) to the start.
                self.assertAlmostEqual(lead["median"], statistics.median(e["lead"]), delta=0.01,
                                       msg="%s: days from requested_at to the meeting" % w)
                ranked = sorted(e["lead"])
                self.assertAlmostEqual(lead["p90"], ranked[-(-9 * len(ranked) // 10) - 1], delta=0.01, msg=str(w))
                self.assertAlmostEqual(lead["within_7_percent"],
                                       100.0 * sum(d <= 7 for d in ranked) / len(ranked), delta=0.01, msg=str(w))
                self.assertIsNotNone(w["days_from_identification"]["median"], w)
            else:
                self.assertEqual(lead, {"median": None, "p90": None, "within_7_percent": None,
                                        "within_14_percent": None}, w)
        totals = u["totals"]
        self.assertEqual((totals["key"], totals["label"]), ("total", "Yhteensä"))
        for name in ("holes_available", "holes_booked", "meetings_in_hole", "meetings_outside_hole", "cancelled"):
            self.assertEqual(totals[name], sum(w[name] for w in u["rows"]), "totals.%s" % name)
        # Issue 10: the weeks counted are named; both weeks are still to come, so
        # their unbooked holes are open (not unused) and only the future part has figures.
        self.assertEqual(u["weeks"], {"first": week_of(w1), "last": week_of(w2), "first_day": str(w1),
                                      "last_day": str(w2 + dt.timedelta(days=6))})
        for row in u["rows"] + [totals]:
            self.assertEqual(row["holes_available"], row["holes_booked"] + row["holes_released"] + row["holes_open"]
                             + row["holes_unused"], "the hole counts do not add up: %s" % row)
        self.assertEqual([w["week_status"] for w in u["rows"]], ["future", "future"])
        self.assertNotIn("week_status", totals)
        parts = u["by_week_status"]
        self.assertEqual([(parts[k]["key"], parts[k]["week_status"]) for k in ("past", "current", "future")],
                         [("past", "past"), ("current", "current"), ("future", "future")])
        for name in ("holes_available", "holes_booked", "holes_open", "meetings_in_hole", "cancelled"):
            self.assertEqual((parts["past"][name], parts["current"][name], parts["future"][name]),
                             (0, 0, totals[name]), "by_week_status.*.%s" % name)
        histogram = u["lead_time_histogram"]
        self.assertEqual([(b["label"], b["from_days"], b["to_days"]) for b in histogram],
                         [("0–7 pv", 0, 7), ("7–14 pv", 7, 14), ("14–21 pv", 14, 21), ("21–28 pv", 21, 28),
                          ("28+ pv", 28, None)])
        self.assertEqual(sum(b["count"] for b in histogram),
                         totals["meetings_in_hole"] + totals["meetings_outside_hole"])

        # Per unit and per professional: who attends what.
        mgr = self.tokens["manager"]
        team = people()
        query = "/api/v1/utilisation?from=%s&to=%s" % (w1, to)
        by_unit = self.server.get(query + "&group_by=unit", token=mgr).json()
        self.assertEqual(by_unit["group_by"], "unit")
        self.assertEqual([row["key"] for row in by_unit["rows"]], u["units"])
        scheduled = [m for m in booked if m["status"] == "scheduled"]
        for row in by_unit["rows"]:
            attends = [m for m in scheduled if any(team[a["id"]]["unit"] == row["key"] for a in m["attendees"])]
            self.assertEqual(row["meetings_in_hole"] + row["meetings_outside_hole"], len(attends), row)
            self.assertNotIn("week_start", row)
        by_prof = self.server.get(query + "&group_by=professional", token=mgr).json()
        rows = {row["key"]: row for row in by_prof["rows"]}
        self.assertEqual(sorted(rows), sorted(team))
        for pid, row in rows.items():
            self.assertEqual(row["label"], team[pid]["name"])
            mine = [m for m in scheduled if m["in_hole"] and any(a["id"] == pid for a in m["attendees"])]
            self.assertEqual(row["meetings_in_hole"], len(mine), row)
            self.assertEqual(row["holes_available"], 2, row)  # two Wednesdays
        unit = team[TEAM_A[0]]["unit"]
        one = self.server.get(query + "&unit=" + urllib.parse.quote(unit), token=mgr).json()
        self.assertEqual(one["unit"], unit)
        self.assertEqual(one["totals"]["holes_available"], 2 * sum(p["unit"] == unit for p in team.values()))
        for bad, field in (("group_by=month", "group_by"), ("unit=Ei%20ole", "unit"), ("from=2026-13-01", "from"),
                           ("format=xml", "format")):
            r = self.server.get(query + "&" + bad, token=mgr)
            self.assertStatus(r, 422, msg=bad)
            self.assertEqual(r.json().get("field"), field, bad)

        # CSV: the same rows and the totals, RFC 4180 with CRLF, parsed by Python's csv module.
        for path, headers in ((query + "&format=csv", {}), (query, {"Accept": "text/csv"})):
            r = self.server.request("GET", path, token=mgr, headers=headers)
            self.assertStatus(r, 200, msg="CSV")
            self.assertEqual(r.header("Content-Type"), "text/csv; charset=utf-8")
            self.assertIn("attachment", r.header("Content-Disposition") or "")
            text = r.body.decode("utf-8")
            self.assertTrue(text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "CRLF line ends")
            records = list(csv.DictReader(io.StringIO(text, newline="")))
            self.assertEqual([rec["key"] for rec in records],
                             [w["key"] for w in u["rows"]] + ["total", "past", "current", "future"])
            for rec, row in zip(records, u["rows"] + [totals] + [u["by_week_status"][k] for k in ("past", "current",
                                                                                                  "future")]):
                self.assertEqual(int(rec["holes_open"]), row["holes_open"])
                self.assertEqual(int(rec["holes_booked"]), row["holes_booked"])
                self.assertAlmostEqual(float(rec["utilisation_percent"]), row["utilisation_percent"], delta=0.01)
                median = row["days_from_request"]["median"]
                self.assertEqual(rec["days_from_request_median"] == "", median is None, rec)
                if median is not None:
                    self.assertAlmostEqual(float(rec["days_from_request_median"]), median, delta=0.01)
            self.assertEqual(records[-4]["label"], "Yhteensä")
        # A unit name with a comma is quoted.
        r = self.server.request("GET", query + "&group_by=unit&format=csv", token=mgr)
        units_csv = [rec["label"] for rec in csv.DictReader(io.StringIO(r.body.decode("utf-8"), newline=""))]
        self.assertEqual(units_csv, u["units"] + ["Yhteensä", "Päättyneet viikot", "Kuluva viikko", "Tulevat viikot"])
        self.assertIn('"%s"' % next(x for x in u["units"] if "," in x), r.body.decode("utf-8"))


class RoleMatrix(ServiceCase):
    """Every endpoint x {no token, bad token, coordinator, manager, admin}."""

    def setUp(self):
        self.counter = 0
        if not hasattr(type(self), "feed_path"):
            type(self).feed_path = self.server.path_of(self.server.feed_url("laakari-korhonen"))
            type(self).meeting_id = self.book(self.book_body(TEAM_B, "YA-2026-0200"), token=self.admin)["id"]

    def fresh(self, prefix):
        self.counter += 1
        return "%s%d" % (prefix, self.counter)

    def new_meeting(self):
        return self.book(self.book_body(TEAM_B, self.fresh("YA-2026-03")), token=self.admin)["id"]

    def endpoints(self):
        cma, ca = {"coordinator", "manager", "admin"}, {"coordinator", "admin"}
        mid = self.meeting_id
        return [
            ("GET", lambda: "/healthz", None, PUBLIC, 200),
            ("GET", lambda: "/metrics", None, PUBLIC, 200),
            ("GET", lambda: "/api/v1/openapi.json", None, PUBLIC, 200),
            ("GET", lambda: self.feed_path, None, PUBLIC, 200),
            ("GET", lambda: "/api/v1/professionals", None, cma, 200),
            ("GET", lambda: "/api/v1/professionals/laakari-korhonen", None, cma, 200),
            ("POST", lambda: "/api/v1/professionals",
             lambda: {"id": self.fresh("nuorisotyontekija-testi-"), "name": "Testi Henkilö",
                      "profession": "nuorisotyöntekijä", "unit": "Nuorisopalvelut",
                      "email": "testi@hyvinvointialue.example", "calendar_source": "laakari-korhonen.ics"},
             {"admin"}, 201),
            ("PATCH", lambda: "/api/v1/professionals/psykologi-makela",
             lambda: {"unit": "Perhekeskus, psykologipalvelut " + self.fresh("")}, {"admin"}, 200),
            ("POST", lambda: "/api/v1/professionals/kuraattori-heikkinen/feed-secret", None, {"admin"}, 200),
            ("GET", lambda: "/api/v1/audit", None, {"admin"}, 200),
            ("POST", lambda: "/api/v1/solve", lambda: self.solve_body(TEAM_A), ca, 200),
            ("POST", lambda: "/api/v1/meetings", lambda: self.book_body(TEAM_A, self.fresh("YA-2026-02")), ca, 201),
            ("GET", lambda: "/api/v1/meetings", None, ca, 200),
            ("GET", lambda: "/api/v1/meetings/%d" % mid, None, ca, 200),
            ("POST", lambda: "/api/v1/meetings/%d/reschedule" % mid, lambda: {}, ca, 200),
            ("DELETE", lambda: "/api/v1/meetings/%d" % self.new_meeting(), None, ca, 200),
            ("GET", lambda: "/api/v1/meetings/%d/invite.ics" % mid, None, ca, 200),
            ("GET", lambda: "/api/v1/utilisation?from=%s&to=%s" % (MONDAY, MONDAY + dt.timedelta(days=13)),
             None, {"manager", "admin"}, 200),
        ]

    def test_every_endpoint_for_every_role(self):
        failures = []
        for method, path_f, body_f, allowed, ok in self.endpoints():
            for who in (None, "bad", "coordinator", "manager", "admin"):
                path = path_f()
                token = {None: None, "bad": "not-a-valid-token-0123456789"}.get(who, self.tokens.get(who))
                body = body_f() if body_f else None
                r = self.server.request(method, path, body=body, token=token)
                if who in allowed:
                    want, err = ok, None
                elif who in (None, "bad"):
                    want, err = 401, "unauthorized"
                else:
                    want, err = 403, "forbidden"
                line = "%s %s as %s: expected %d, got %r" % (method, path, who or "anonymous", want, r)
                j = r.json_or_none() if err else None
                if r.status != want or (err and (not isinstance(j, dict) or j.get("error") != err)):
                    failures.append(line)
                elif want == 401 and not (r.header("WWW-Authenticate") or "").lower().startswith("bearer"):
                    failures.append(line + " (no WWW-Authenticate: Bearer)")
        self.assertEqual(failures, [], "\n" + "\n".join(failures))

    def test_other_authorization_schemes_are_unauthorized(self):
        for value in ("Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "bearer-" + self.admin):
            r = self.server.get("/api/v1/meetings", headers={"Authorization": value})
            self.assertStatus(r, 401, "unauthorized", msg="Authorization: %s" % value)

    def test_admin_sees_calendar_source_others_do_not(self):
        r = self.server.get("/api/v1/professionals", token=self.admin)
        self.assertStatus(r, 200)
        admin_view = r.json()["professionals"]
        self.assertTrue(all("calendar_source" in p for p in admin_view))
        r = self.server.get("/api/v1/professionals", token=self.coordinator)
        profs = r.json()["professionals"]
        ids = [p["id"] for p in profs]
        self.assertEqual(ids, sorted(ids))
        self.assertTrue(set(people()) <= set(ids))
        for p in profs:
            self.assertNotIn("calendar_source", p)
            for key in ("id", "name", "profession", "unit", "email"):
                self.assertIn(key, p)

    def test_admin_manages_professionals(self):
        body = {"id": "nuorisotyontekija-virtanen", "name": "Ville Virtanen", "profession": "nuorisotyöntekijä",
                "unit": "Nuorisopalvelut", "email": "ville.virtanen@hyvinvointialue.example",
                "calendar_source": "laakari-korhonen.ics"}
        r = self.server.post("/api/v1/professionals", body, token=self.admin)
        self.assertStatus(r, 201, msg="create professional")
        self.assertRegex(r.json().get("feed_url", ""), r"/feeds/[^/]+\.ics$")
        self.assertEqual(r.json()["name"], "Ville Virtanen")
        self.assertStatus(self.server.post("/api/v1/professionals", body, token=self.admin), 409, "exists",
                          msg="create twice")
        r = self.server.request("PATCH", "/api/v1/professionals/nuorisotyontekija-virtanen",
                                body={"unit": "Nuorisopalvelut, etsivä nuorisotyö"}, token=self.admin)
        self.assertStatus(r, 200, msg="patch")
        self.assertEqual((r.json()["unit"], r.json()["name"]),
                         ("Nuorisopalvelut, etsivä nuorisotyö", "Ville Virtanen"))
        r = self.server.get("/api/v1/professionals/nuorisotyontekija-virtanen", token=self.coordinator)
        self.assertEqual(r.json()["unit"], "Nuorisopalvelut, etsivä nuorisotyö")
        self.assertStatus(self.server.request("PATCH", "/api/v1/professionals/nobody-here", body={"unit": "x"},
                                              token=self.admin), 404, "not_found")
        actions = [e["action"] for e in self.server.get("/api/v1/audit", token=self.admin).json()["entries"]]
        self.assertIn("create_professional", actions)
        self.assertIn("update_professional", actions)

    def test_professionals_text_is_checked_like_meetings(self):
        # Issue 10: an address "Name <a@b>" stopped all invite mail; names and
        # units were not checked for identity codes; no field had a length limit.
        body = {"id": "nuorisotyontekija-lehto", "name": "Ville Lehto", "profession": "nuorisotyöntekijä",
                "unit": "Nuorisopalvelut", "email": "ville.lehto@hyvinvointialue.example"}
        path = "/api/v1/professionals/laakari-korhonen"
        cases = [
            ("POST", "/api/v1/professionals", dict(body, email="Ville Lehto <ville@example.fi>"), 422,
             "invalid_value", "email"),
            ("PATCH", path, {"email": "<mikko.korhonen@hyvinvointialue.example>"}, 422, "invalid_value", "email"),
            ("POST", "/api/v1/professionals", dict(body, name="Ville 131052\u2013308T"), 422, "identity_code",
             "name"),
            ("PATCH", path, {"unit": "Terveysasema 131052\u00a0308T"}, 422, "identity_code", "unit"),
            ("PATCH", path, {"profession": "l" * 201}, 422, "invalid_value", "profession"),
            ("POST", "/api/v1/professionals", dict(body, name="ä" * 201), 422, "invalid_value", "name"),
        ]
        for method, where, b, status, error, field in cases:
            r = self.server.request(method, where, body=b, token=self.admin)
            j = r.json_or_none() or {}
            self.assertEqual((r.status, j.get("error"), j.get("field")), (status, error, field),
                             "%s %s %r" % (method, where, b))
            self.assertNotIn("131052", r.text)
        doctor = self.server.get(path, token=self.admin).json()
        self.assertEqual((doctor["email"], doctor["unit"], doctor["profession"]),
                         ("mikko.korhonen@hyvinvointialue.example", "Hämeenkosken sote-keskus, terveysasema",
                          "lääkäri"))
        self.assertStatus(self.server.get("/api/v1/professionals/nuorisotyontekija-lehto", token=self.admin), 404)


class BadInput(ServiceCase):
    def count_meetings(self):
        return len(self.meetings(token=self.admin))

    def check_still_fine(self, before, what):
        self.assertStatus(self.server.get("/healthz"), 200, msg="/healthz after %s" % what)
        self.assertEqual(self.count_meetings(), before, "no meeting created by %s" % what)

    def test_bad_input_table(self):
        good = self.book_body(TEAM_A, "YA-2026-0300")
        solve = self.solve_body(TEAM_A)
        m, s = "/api/v1/meetings", "/api/v1/solve"

        def with_(base, **kw):
            b = dict(base)
            for k, v in kw.items():
                if v is None:
                    b.pop(k, None)
                else:
                    b[k] = v
            return b

        cases = [
            # (what, path, body or raw bytes, status, error, field)
            ("malformed JSON", m, b'{"required": [', 400, "bad_json", None),
            ("not JSON", s, b"required=a,b", 400, "bad_json", None),
            ("days as a string", m, with_(good, days="14"), 400, "bad_request", "days"),
            ("required as a string", m, with_(good, required=",".join(TEAM_A)), 400, "bad_request", "required"),
            ("duration as a string", s, with_(solve, duration_minutes="60"), 400, "bad_request", "duration_minutes"),
            ("case_ref as a number", m, with_(good, case_ref=42), 400, "bad_request", "case_ref"),
            ("missing case_ref", m, with_(good, case_ref=None), 400, "bad_request", "case_ref"),
            ("missing required", m, with_(good, required=None), 400, "bad_request", "required"),
            ("solve missing required", s, with_(solve, required=None), 400, "bad_request", "required"),
            # The field names the array element, so a client can point at the entry.
            ("unknown required attendee", m, with_(good, required=TEAM_A + ["ei-ole-olemassa"]), 422,
             "unknown_attendee", "required[%d]" % len(TEAM_A)),
            ("unknown optional attendee", m, with_(good, optional=["ei-ole-olemassa"]), 422,
             "unknown_attendee", "optional[0]"),
            ("solve unknown attendee", s, with_(solve, required=["ei-ole-olemassa"]), 422, "unknown_attendee",
             "required[0]"),
            ("month 13", m, with_(good, **{"from": "2026-13-01T09:00"}), 422, "invalid_value", "from"),
            ("30 February", s, with_(solve, **{"from": "2027-02-30T09:00"}), 422, "invalid_value", "from"),
            ("start not a time", m, with_(good, start="huomenna"), 422, "invalid_value", "start"),
            ("identified_on not a date", m, with_(good, identified_on="2026-11-31"), 422, "invalid_value",
             "identified_on"),
            ("days 0", m, with_(good, days=0), 422, "invalid_value", "days"),
            ("days 61", s, with_(solve, days=61), 422, "invalid_value", "days"),
            ("duration 7", m, with_(good, duration_minutes=7), 422, "invalid_value", "duration_minutes"),
            ("duration 0", s, with_(solve, duration_minutes=0), 422, "invalid_value", "duration_minutes"),
            ("duration -60", m, with_(good, duration_minutes=-60), 422, "invalid_value", "duration_minutes"),
            ("duration 495", m, with_(good, duration_minutes=495), 422, "invalid_value", "duration_minutes"),
            ("unknown strategy", m, with_(good, strategy="latest"), 422, "invalid_value", "strategy"),
            ("henkilötunnus in case_ref", m, with_(good, case_ref=HETU), 422, "identity_code", "case_ref"),
            ("henkilötunnus in description", m, with_(good, description="Asiakas " + HETU + ", kotikäynti"), 422,
             "identity_code", "description"),
            ("henkilötunnus in title", m, with_(good, title="Palaveri " + HETU), 422, "identity_code", "title"),
            ("henkilötunnus in location", m, with_(good, location="Koti " + HETU), 422, "identity_code", "location"),
            # Issue 10: look-alike characters, the case reference pattern, length limits (in characters).
            ("henkilötunnus with an en dash", m, with_(good, title="Palaveri 131052\u2013308T"), 422,
             "identity_code", "title"),
            ("henkilötunnus with a minus sign", m, with_(good, case_ref="131052\u2212308T"), 422, "identity_code",
             "case_ref"),
            ("henkilötunnus with NBSP", m, with_(good, location="Koti 131052\u00a0308T"), 422, "identity_code",
             "location"),
            ("henkilötunnus with a zero-width space", m, with_(good, description="131052\u200b-308T"), 422,
             "identity_code", "description"),
            ("henkilötunnus with a soft hyphen", m, with_(good, title="131052\u00ad308T"), 422, "identity_code",
             "title"),
            ("henkilötunnus in full-width digits", m,
             with_(good, description="\uff11\uff13\uff11\uff10\uff15\uff12-\uff13\uff10\uff18T"), 422,
             "identity_code", "description"),
            ("a name as case_ref", m, with_(good, case_ref="Matti Meikäläinen"), 422, "invalid_value", "case_ref"),
            ("title of 201 characters", m, with_(good, title="ä" * 201), 422, "invalid_value", "title"),
            ("location of 501 characters", m, with_(good, location="x" * 501), 422, "invalid_value", "location"),
            ("description of 4,001 characters", m, with_(good, description="ö" * 4001), 422, "invalid_value",
             "description"),
            ("description of 1,040,000 characters", m, with_(good, description="x" * 1040000), 422,
             "invalid_value", "description"),
        ]
        before = self.count_meetings()
        failures = []
        for what, path, body, status, error, field in cases:
            if isinstance(body, bytes):
                r = self.server.request("POST", path, raw=body, token=self.coordinator)
            else:
                r = self.server.post(path, body, token=self.coordinator)
            j = r.json_or_none()
            if r.status != status or not isinstance(j, dict) or j.get("error") != error \
                    or (field is not None and j.get("field") != field) or not j.get("detail"):
                failures.append("%s: expected %d %s field=%s, got %r" % (what, status, error, field, r))
            if HETU in r.text or "131052" in r.text or "Matti" in r.text:
                failures.append("%s: the answer echoes the identity code or name: %r" % (what, r))
            if self.server.get("/healthz").status != 200:
                failures.append("%s: /healthz fails afterwards" % what)
        self.assertEqual(failures, [], "\n" + "\n".join(failures))
        self.check_still_fine(before, "the bad requests")

    def test_oversized_body_is_413(self):
        before = self.count_meetings()
        r = self.server.request_streaming("POST", "/api/v1/meetings", 2 * 1024 * 1024, token=self.coordinator)
        self.assertStatus(r, 413, "too_large", msg="2 MiB body")
        self.check_still_fine(before, "a 2 MiB body")

    def test_identity_code_never_reaches_the_audit_log(self):
        self.server.post("/api/v1/meetings", self.book_body(TEAM_A, "YA-2026-0301", description=HETU),
                         token=self.coordinator)
        r = self.server.get("/api/v1/audit", token=self.admin)
        self.assertStatus(r, 200)
        self.assertNotIn("131052", r.text)

    def test_unknown_ids_routes_and_methods(self):
        c = self.coordinator
        self.assertStatus(self.server.get("/api/v1/meetings/987654", token=c), 404, "not_found", msg="unknown meeting")
        self.assertStatus(self.server.get("/api/v1/meetings/987654/invite.ics", token=c), 404, "not_found")
        self.assertStatus(self.server.request("DELETE", "/api/v1/meetings/987654", token=c), 404, "not_found")
        self.assertStatus(self.server.post("/api/v1/meetings/987654/reschedule", {}, token=c), 404, "not_found")
        self.assertStatus(self.server.get("/api/v1/professionals/ei-ole-olemassa", token=c), 404, "not_found")
        self.assertStatus(self.server.get("/api/v1/ei-ole", token=self.admin), 404, "not_found", msg="unknown route")
        self.assertStatus(self.server.request("PUT", "/api/v1/meetings", body={}, token=self.admin), 405,
                          "method_not_allowed", msg="PUT /api/v1/meetings")
        self.assertStatus(self.server.request("DELETE", "/healthz"), 405, "method_not_allowed", msg="DELETE /healthz")

    def test_nothing_fits_is_200_for_solve_and_409_for_booking(self):
        # One day that is a holiday (Independence Day 2026 is a Sunday; use Epiphany 2027, a Wednesday).
        body = self.solve_body(TEAM_A, days=1, **{"from": "2027-01-06T08:00"})
        answer = self.solve(body)
        self.assertIsNone(answer["start"], answer)
        self.assertTrue(answer.get("reason"), answer)
        self.assertIsInstance(answer.get("without_free_time"), list)
        self.assertEqual(answer.get("alternatives"), [])
        r = self.server.post("/api/v1/meetings", dict(body, case_ref="YA-2026-0302"), token=self.coordinator)
        self.assertStatus(r, 409, "no_slot", msg="booking when nothing fits")

    def test_far_future_window_does_not_poison_the_calendar_cache(self):
        # A solve from 9999-01-04 read the calendars up to the year 9999, failed on the occurrence cap,
        # and that failure was cached: every later solve naming those people answered 503 until restart.
        far = "9999-01-04T08:00"
        r = self.server.post("/api/v1/solve", self.solve_body(TEAM_C, **{"from": far}), token=self.coordinator)
        self.assertStatus(r, 422, "invalid_value", "from", msg="solve from %s" % far)
        r = self.server.post("/api/v1/meetings", self.book_body(TEAM_C, "YA-2026-0303", start=far),
                             token=self.coordinator)
        self.assertStatus(r, 422, "invalid_value", "start", msg="booking at %s" % far)
        self.assertIsNotNone(self.solve(self.solve_body(TEAM_C))["start"], "the calendars still answer")
        r = self.server.post("/api/v1/sources/%s/refresh" % TEAM_C[0], {}, token=self.admin)
        self.assertStatus(r, 200, msg="refresh of a file source")
        self.assertFalse(r.json()["unknown"], r.json())

    def test_optional_defaults_and_times_with_offsets(self):
        at = local(self.solve(self.solve_body(TEAM_C, strategy="earliest"))["start"])
        utc = at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        r = self.server.post("/api/v1/solve", {"required": TEAM_C, "from": utc, "days": 1, "strategy": "earliest"},
                             token=self.coordinator)
        self.assertStatus(r, 200, msg="from in UTC")
        self.assertEqual(parse_time(r.json()["start"]), at)
        self.assertEqual(local(r.json()["end"]) - at, dt.timedelta(minutes=60), "duration_minutes defaults to 60")
        self.assertEqual(r.json()["optional_free"] + r.json()["optional_busy"], [])


class CalendarUnavailable(unittest.TestCase):
    def test_a_broken_calendar_is_503_naming_the_professional_and_line(self):
        tmp = tempfile.mkdtemp(prefix="yhteisaika-cal-")
        try:
            cals = os.path.join(tmp, "calendars")
            shutil.copytree(CALENDARS, cals)
            with Server(BINARY, cals) as server:
                token = server.token("coordinator")
                target = os.path.join(cals, "laakari-korhonen.ics")
                with open(target, encoding="utf-8") as f:
                    text = f.read()
                lines = text.splitlines()
                first_event = lines.index("BEGIN:VEVENT")
                at = next(i for i, l in enumerate(lines) if i > first_event and l.startswith("DTSTART"))
                lines[at] = lines[at].rsplit(":", 1)[0] + ":20261399T250000"  # month 13, day 99, hour 25
                with open(target, "w", encoding="utf-8") as f:
                    f.write("\r\n".join(lines) + "\r\n")
                os.utime(target, (os.path.getmtime(target) + 5,) * 2)
                r = server.post("/api/v1/solve", {"required": TEAM_A, "from": FROM}, token=token)
                self.assertEqual(r.status, 503, r)
                j = r.json()
                self.assertEqual(j["error"], "calendar_unavailable")
                self.assertIn("laakari-korhonen", j["detail"])
                self.assertRegex(j["detail"], r"laakari-korhonen\.ics:\d+", "file:line (line %d was broken)" % (at + 1))
                self.assertEqual(server.get("/healthz").status, 200)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class DatabaseLock(unittest.TestCase):
    def test_a_write_lock_held_by_another_process_stalls_no_read_and_a_booking_answers_503(self):
        # A booking waiting for another process's write lock held a pooled connection (and a worker)
        # for the whole group-commit wait, so that reads stalled for up to 15 s; then it failed as 503 "database".
        with Server(BINARY, CALENDARS, extra_args=["--busy-timeout-ms", "1000", "--horizon-days", "200"]) as server:
            token = server.token("coordinator")  # the command line writes before the lock is taken
            other = sqlite3.connect(server.db, isolation_level=None, timeout=5)
            other.execute("BEGIN IMMEDIATE")
            try:
                with concurrent.futures.ThreadPoolExecutor(2) as pool:
                    bookings = [pool.submit(server.post, "/api/v1/meetings",
                                            {"required": TEAM_A, "from": FROM, "case_ref": "YA-2026-095%d" % i},
                                            token=token, timeout=30) for i in range(2)]
                    slowest = 0.0
                    while not all(b.done() for b in bookings):
                        for path in ("/api/v1/meetings", "/api/v1/professionals"):
                            t0 = time.monotonic()
                            r = server.get(path, token=token)
                            slowest = max(slowest, time.monotonic() - t0)
                            self.assertEqual(r.status, 200, r)
                    for b in bookings:
                        r = b.result()
                        self.assertEqual(r.status, 503, r)
                        self.assertEqual(r.json()["error"], "database_busy", r.json())
                        self.assertIn("write lock", r.json()["detail"])
                self.assertLess(slowest, 0.75, "reads answer while the bookings wait for the lock")
            finally:
                other.execute("ROLLBACK")
                other.close()
            r = server.post("/api/v1/meetings", {"required": TEAM_A, "from": FROM, "case_ref": "YA-2026-0959"},
                            token=token)
            self.assertEqual(r.status, 201, r)


class Concurrency(ServiceCase):
    def parallel(self, bodies):
        barrier = threading.Barrier(len(bodies))

        def one(body):
            barrier.wait(10)
            return self.server.post("/api/v1/meetings", body, token=self.coordinator, timeout=60)

        with concurrent.futures.ThreadPoolExecutor(len(bodies)) as pool:
            return list(pool.map(one, bodies))

    def test_50_parallel_bookings_never_double_book(self):
        bodies = [self.book_body(TEAM_A, "YA-2026-%04d" % (1000 + i)) for i in range(50)]
        answers = self.parallel(bodies)
        bad = [r for r in answers if r.status not in (201, 409)]
        self.assertEqual(bad, [], "every answer is 201 or 409")
        for r in answers:
            if r.status == 409:
                self.assertEqual(r.json()["error"], "no_slot", r)
        made = [r.json() for r in answers if r.status == 201]
        self.assertTrue(made, "at least one booking succeeds")
        spans = sorted((parse_time(m["start"]), parse_time(m["end"]), m["id"]) for m in made)
        for a, b in zip(spans, spans[1:]):
            self.assertLessEqual(a[1], b[0], "meetings %d and %d overlap for the same people" % (a[2], b[2]))
        ids = {m["id"] for m in made}
        self.assertEqual(len(ids), len(made))
        for m in made:
            r = self.server.get("/api/v1/meetings/%d" % m["id"], token=self.coordinator)
            self.assertStatus(r, 200)
            self.assertEqual(r.json()["start"], m["start"])
        listed = {x["id"] for x in self.meetings("?from=%s&to=%s" % (MONDAY, MONDAY + dt.timedelta(days=15)))}
        self.assertTrue(ids <= listed, "listed: missing %s" % (ids - listed))

    def test_parallel_bookings_of_one_explicit_start_give_one_201(self):
        slot = self.solve(self.solve_body(TEAM_C, strategy="earliest",
                                          **{"from": "%sT08:00" % (MONDAY + dt.timedelta(days=21))}))
        bodies = [self.book_body(TEAM_C, "YA-2026-%04d" % (2000 + i), start=slot["start"]) for i in range(20)]
        answers = self.parallel(bodies)
        statuses = sorted(r.status for r in answers)
        self.assertEqual(statuses, [201] + [409] * 19, [repr(r) for r in answers if r.status not in (201, 409)])
        for r in answers:
            if r.status == 409:
                self.assertEqual(r.json()["error"], "slot_taken")


class GracefulShutdown(unittest.TestCase):
    def test_sigterm_exits_0_and_the_database_survives_a_restart(self):
        tmp = tempfile.mkdtemp(prefix="yhteisaika-db-")
        try:
            db = os.path.join(tmp, "yhteisaika.db")
            first = Server(BINARY, CALENDARS, db=db, workdir=tmp).start()
            try:
                token = first.token("coordinator")
                body = {"required": TEAM_A, "from": FROM, "case_ref": "YA-2026-0900"}
                made = []
                for i in range(3):
                    r = first.post("/api/v1/meetings", dict(body, case_ref="YA-2026-09%02d" % i), token=token)
                    self.assertEqual(r.status, 201, r)
                    made.append(r.json())
                r = first.request("DELETE", "/api/v1/meetings/%d" % made[2]["id"], token=token)
                self.assertEqual(r.status, 200, r)
                made[2] = r.json()
                profs = first.get("/api/v1/professionals", token=token).json()["professionals"]
                self.assertEqual(first.stop(signal.SIGTERM), 0, "SIGTERM exits 0; stderr: %s" % first.stderr_text())
            finally:
                first.cleanup()

            second = Server(BINARY, CALENDARS, db=db, workdir=tmp).start()
            try:
                again = second.get("/api/v1/professionals", token=token)
                self.assertEqual(again.status, 200, "a token issued before the restart still works: %r" % again)
                ids = [p["id"] for p in again.json()["professionals"]]
                self.assertEqual(len(ids), len(set(ids)), "no duplicate professionals after restart")
                self.assertEqual(again.json()["professionals"], profs, "no re-import on restart")
                for m in made:
                    r = second.get("/api/v1/meetings/%d" % m["id"], token=token)
                    self.assertEqual(r.status, 200, r)
                    got = r.json()
                    self.assertEqual((got["start"], got["status"], got["sequence"], got["case_ref"]),
                                     (m["start"], m["status"], m["sequence"], m["case_ref"]))
                listed = second.get("/api/v1/meetings", token=token).json()["meetings"]
                # Besides the demo's past bookings (calendars/demo-bookings.json, imported once on
                # the first start), exactly the meetings made before the restart.
                with open(os.path.join(CALENDARS, "demo-bookings.json"), encoding="utf-8") as f:
                    demo_refs = {c["ref"] for c in json.load(f)["cases"]}
                self.assertEqual(sorted(x["id"] for x in listed if x["case_ref"] not in demo_refs),
                                 sorted(m["id"] for m in made))
                self.assertEqual(len(listed), len({x["id"] for x in listed}), "no meeting twice")
                self.assertEqual(second.stop(signal.SIGINT), 0, "SIGINT exits 0")
            finally:
                second.cleanup()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class OpenApi(ServiceCase):
    CONTRACT = {
        "/healthz": {"get"}, "/metrics": {"get"}, "/api/v1/openapi.json": {"get"}, "/feeds/{secret}.ics": {"get"},
        "/api/v1/professionals": {"get", "post"}, "/api/v1/professionals/{id}": {"get", "patch"},
        "/api/v1/professionals/{id}/feed-secret": {"post"}, "/api/v1/audit": {"get"}, "/api/v1/solve": {"post"},
        "/api/v1/meetings": {"get", "post"}, "/api/v1/meetings/{id}": {"get", "delete"},
        "/api/v1/meetings/{id}/reschedule": {"post"}, "/api/v1/meetings/{id}/invite.ics": {"get"},
        "/api/v1/utilisation": {"get"}, "/api/v1/outbox": {"get"}, "/answers/{secret}": {"get", "post"},
    }

    def check_document(self, doc, where):
        self.assertTrue(str(doc.get("openapi", "")).startswith("3.0"), where)
        paths = doc.get("paths", {})
        for path, methods in self.CONTRACT.items():
            self.assertIn(path, paths, "%s lacks %s" % (where, path))
            self.assertTrue(methods <= set(paths[path]), "%s %s: %s" % (where, path, sorted(paths[path])))

        def refs(node):
            if isinstance(node, dict):
                for k, v in node.items():
                    if k == "$ref":
                        yield v
                    else:
                        yield from refs(v)
            elif isinstance(node, list):
                for v in node:
                    yield from refs(v)

        for ref in refs(doc):
            self.assertTrue(ref.startswith("#/"), ref)
            node = doc
            for part in ref[2:].split("/"):
                self.assertIn(part, node, "%s: dangling $ref %s" % (where, ref))
                node = node[part]

    def test_the_repository_document_covers_the_contract(self):
        with open(os.path.join(REPO, "docs", "openapi.json"), encoding="utf-8") as f:
            self.check_document(json.load(f), "docs/openapi.json")

    def test_the_served_document(self):
        r = self.server.get("/api/v1/openapi.json")
        self.assertStatus(r, 200)
        self.assertIn("json", r.header("Content-Type", ""))
        self.check_document(r.json(), "GET /api/v1/openapi.json")

    def test_health_and_metrics(self):
        r = self.server.get("/healthz")
        self.assertStatus(r, 200)
        self.assertEqual(r.json(), {"status": "ok"})
        self.server.get("/api/v1/meetings", token=self.coordinator)
        r = self.server.get("/metrics")
        self.assertStatus(r, 200)
        self.assertTrue(r.header("Content-Type", "").startswith("text/plain"), r.header("Content-Type"))
        self.assertRegex(r.text, r"(?m)^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)$")
        self.assertNotIn(self.coordinator, r.text)


def main():
    global BINARY, CALENDARS
    BINARY, CALENDARS, argv = parse_test_args(__doc__)
    unittest.main(argv=argv, verbosity=2)


if __name__ == "__main__":
    main()
