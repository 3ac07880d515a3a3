#!/usr/bin/python3
"""End-to-end check of a case's meeting (issue 13) against `yhteisaika serve`:
a required participant's weekly windows rule out the hole, and the next free
time inside them is chosen.

The case and its participant are written straight into the server's SQLite
database (the same rows the store writes), since the cases' own HTTP API is
another part of issue 13; the meeting is then booked over HTTP.

    /usr/bin/python3 case_meetings_test.py --binary build/src/app/yhteisaika --calendars calendars [unittest args]
"""
import datetime as dt
import json
import os
import sqlite3
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_support import HELSINKI, Server, local, next_monday, parse_test_args  # noqa: E402

BINARY = None
CALENDARS = None

# A team whose holes are free in the demo calendars' steady state (as in
# service_test.py), from a Monday far enough ahead not to depend on today.
TEAM = ["sosiaalityontekija-aalto", "laakari-korhonen", "terveydenhoitaja-nieminen"]
MONDAY = next_monday(not_before=dt.date(2027, 3, 1))
FROM = "%sT08:00" % MONDAY
DAYS = 14
THURSDAY = 4  # c_encoding, as the store keeps a window's days


def insert_case(db_path, ref, coordinator, team, participants):
    """Writes a case at stage identified with `team` and `participants` ((kind,
    label, windows) with windows as the store keeps them) as the store would;
    returns its id."""
    with sqlite3.connect(db_path, timeout=10) as db:
        case_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM cases").fetchone()[0]
        db.execute("INSERT INTO cases (id, ref, coordinator, identified_on, trigger, segment, stage, "
                   "participants_issued) VALUES (?, ?, ?, ?, 'professional_concern', NULL, 'identified', ?)",
                   (case_id, ref, coordinator, str(MONDAY - dt.timedelta(days=7)), len(participants)))
        for i, member in enumerate(team):
            db.execute("INSERT INTO case_team (case_id, position, professional_id) VALUES (?, ?, ?)",
                       (case_id, i, member))
        for i, (kind, label, windows) in enumerate(participants):
            db.execute("INSERT INTO case_participants (case_id, id, position, kind, label, email, availability, "
                       "unavailable) VALUES (?, ?, ?, ?, ?, NULL, ?, '[]')",
                       (case_id, "p%d" % (i + 1), i, kind, label, json.dumps(windows)))
    return case_id


class ParticipantWindows(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(BINARY, CALENDARS, extra_args=["--horizon-days", "200"]).start()
        try:
            cls.token = cls.server.token("coordinator", "it-case-meetings")
        except Exception:
            cls.server.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def solve(self, **request):
        r = self.server.post("/api/v1/solve", dict(required=TEAM, duration_minutes=60, **request), token=self.token)
        self.assertEqual(r.status, 200, r)
        return r.json()

    def next_thursday_afternoon_slot(self):
        """The team's earliest slot from the first Thursday noon of the window
        that ends by 16:00 (RFC 3339 start), as the solver sees it now."""
        first = dt.datetime.fromisoformat(FROM).date()
        for offset in range(DAYS):
            day = first + dt.timedelta(days=offset)
            if day.weekday() != 3:
                continue
            slot = self.solve(**{"from": "%sT12:00" % day, "days": 1, "strategy": "earliest"})
            if slot.get("start") and local(slot["end"]) <= dt.datetime.combine(day, dt.time(16, 0), HELSINKI):
                return slot["start"]
        return None

    def test_a_participants_windows_rule_out_the_hole_and_the_next_free_time_is_chosen(self):
        alone = self.solve(**{"from": FROM, "days": DAYS})
        self.assertTrue(alone["in_hole"], "the team alone meets in the hole: %r" % alone)
        expected = self.next_thursday_afternoon_slot()  # before anything is booked
        self.assertIsNotNone(expected)
        case_id = insert_case(self.server.db, "YA-2027-0013", TEAM[0], TEAM[1:],
                              [("close_one", "Äiti", [{"days": [THURSDAY], "from": 12 * 60, "to": 16 * 60}])])

        r = self.server.post("/api/v1/cases/%d/meetings" % case_id,
                             {"kind": "joint", "required": TEAM + ["p1"], "from": FROM, "days": DAYS,
                              "duration_minutes": 60},
                             token=self.token)
        self.assertEqual(r.status, 201, r)
        meeting = r.json()
        start, end = local(meeting["start"]), local(meeting["end"])
        self.assertNotEqual(meeting["start"], alone["start"], "the hole is ruled out by her windows")
        self.assertFalse(meeting["in_hole"])
        # Inside her window, at the next free time there.
        self.assertEqual(start.weekday(), 3, "on a Thursday: %s" % start)
        self.assertGreaterEqual((start.hour, start.minute), (12, 0))
        self.assertLessEqual((end.hour, end.minute), (16, 0))
        self.assertEqual(end.date(), start.date())
        self.assertEqual(meeting["start"], expected)

        self.assertEqual(meeting["case"], case_id)
        self.assertEqual(meeting["kind"], "joint")
        self.assertEqual(meeting["status"], "scheduled")
        self.assertEqual([(p["id"], p["kind"], p["label"], p["partstat"]) for p in meeting["participants"]],
                         [("p1", "close_one", "Äiti", "NEEDS-ACTION")])
        read = self.server.get("/api/v1/meetings/%d" % meeting["id"], token=self.token)
        self.assertEqual(read.status, 200, read)
        self.assertEqual(read.json()["participants"], meeting["participants"])


def main():
    global BINARY, CALENDARS
    BINARY, CALENDARS, argv = parse_test_args(__doc__)
    unittest.main(argv=argv, verbosity=2)


if __name__ == "__main__":
    main()
