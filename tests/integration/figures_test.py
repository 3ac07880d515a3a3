#!/usr/bin/python3
"""End-to-end check of the case's figures (issue 13) in GET /api/v1/utilisation.

The server starts on a copy of the demo calendars whose demo-bookings.json is
written here for last week (so the service does not move it): case meetings of
every kind, a confirmed and an expired hold, a cancelled meeting, and two cases
with their identification dates, one with its consent time. The week's figures,
in JSON and CSV, must equal what this script works out from the file with
Python's own zoneinfo.

    /usr/bin/python3 figures_test.py --binary build/src/app/yhteisaika --calendars calendars [unittest args]
"""
import csv
import datetime as dt
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_support import HELSINKI, Server, parse_test_args  # noqa: E402

BINARY = None
CALENDARS = None


def wall(day, hhmm="00:00"):
    """A local wall time 'YYYY-MM-DDTHH:MM' as the demo file writes it."""
    return "%sT%s" % (day.isoformat(), hhmm)


def instant(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


def days_between(a, b):
    return (instant(b) - instant(a)).total_seconds() / 86400


class CaseFigures(unittest.TestCase):
    def test_holds_kinds_and_days_to_the_first_joint_meeting_of_last_week(self):
        today = dt.datetime.now(HELSINKI).date()
        monday = today - dt.timedelta(days=today.weekday() + 7)  # last week's
        day = lambda n: monday + dt.timedelta(days=n)  # noqa: E731
        team = [{"id": "sosiaalityontekija-aalto"}, {"id": "laakari-korhonen"}]
        a_identified, b_identified = day(-21), day(-14)
        a_consent = wall(day(-10), "10:00")

        def meeting(ref, start, kind, **extra):
            return dict({"case_ref": ref, "start": start, "end": start[:11] + "%02d" % (int(start[11:13]) + 1)
                         + start[13:], "requested_at": wall(day(-3), "09:00"), "attendees": team, "kind": kind},
                        **extra)

        first_a = wall(day(3), "10:00")  # A's confirmed hold: its first joint meeting
        first_b = wall(day(2), "09:00")  # B's joint meeting booked outright
        demo = {
            "cases": [
                {"ref": "YA-2026-0701", "coordinator": "sosiaalityontekija-aalto",
                 "identified_on": a_identified.isoformat(),
                 "stages": [{"stage": "consent_asked", "at": a_consent},
                            {"stage": "mapping", "at": wall(day(-7), "12:00")}]},
                {"ref": "YA-2026-0702", "coordinator": "sosiaalityontekija-aalto",
                 "identified_on": b_identified.isoformat()},
            ],
            "meetings": [
                meeting("YA-2026-0701", wall(day(0), "10:00"), "mapping"),
                meeting("YA-2026-0701", wall(day(1), "10:00"), "joint", status="expired",
                        hold_expires_at=wall(day(-1), "12:00")),
                meeting("YA-2026-0701", first_a, "joint", hold_expires_at=wall(day(1), "12:00")),
                meeting("YA-2026-0701", wall(day(4), "10:00"), "plan_update"),
                meeting("YA-2026-0702", first_b, "joint"),
                meeting("YA-2026-0702", wall(day(2), "12:00"), "other", status="cancelled"),
            ],
        }
        tmp = tempfile.mkdtemp(prefix="yhteisaika-figures-it-")
        self.addCleanup(shutil.rmtree, tmp, True)
        calendars = os.path.join(tmp, "calendars")
        shutil.copytree(CALENDARS, calendars)
        with open(os.path.join(calendars, "demo-bookings.json"), "w", encoding="utf-8") as f:
            json.dump(demo, f)

        with Server(BINARY, calendars, workdir=tmp) as server:
            manager = server.token("manager")
            query = "/api/v1/utilisation?from=%s&to=%s" % (monday, day(6))
            r = server.get(query, token=manager)
            self.assertEqual(r.status, 200, r)
            rows = r.json()["rows"]
            self.assertEqual(len(rows), 1, rows)
            week = rows[0]
            self.assertEqual(week["week_start"], monday.isoformat())
            self.assertEqual((week["holds_held"], week["holds_confirmed"], week["holds_expired"]), (0, 1, 1), week)
            self.assertEqual(week["meetings_by_kind"], {"mapping": 1, "joint": 2, "plan_update": 1, "other": 0})
            self.assertEqual(week["cancelled"], 1)
            self.assertEqual(week["meetings_in_hole"] + week["meetings_outside_hole"], 4)
            from_identification = statistics.median([days_between(wall(a_identified), first_a),
                                                     days_between(wall(b_identified), first_b)])
            from_consent = days_between(a_consent, first_a)
            self.assertEqual(week["first_joint_from_identification"]["count"], 2)
            self.assertAlmostEqual(week["first_joint_from_identification"]["median_days"], from_identification,
                                   delta=0.005)
            self.assertEqual(week["first_joint_from_consent"]["count"], 1)  # B has no consent time
            self.assertAlmostEqual(week["first_joint_from_consent"]["median_days"], from_consent, delta=0.005)

            r = server.get(query + "&format=csv", token=manager)
            self.assertEqual(r.status, 200, r)
            records = list(csv.DictReader(io.StringIO(r.body.decode("utf-8"), newline="")))
            self.assertEqual(list(records[0])[-11:], [
                "holds_held", "holds_confirmed", "holds_expired", "meetings_mapping", "meetings_joint",
                "meetings_plan_update", "meetings_other", "first_joint_from_identification_count",
                "first_joint_from_identification_median_days", "first_joint_from_consent_count",
                "first_joint_from_consent_median_days"])
            rec = records[0]
            self.assertEqual(rec["key"], week["key"])
            self.assertEqual([rec[k] for k in ("holds_held", "holds_confirmed", "holds_expired", "meetings_mapping",
                                               "meetings_joint", "meetings_plan_update", "meetings_other",
                                               "first_joint_from_identification_count",
                                               "first_joint_from_consent_count")],
                             ["0", "1", "1", "1", "2", "1", "0", "2", "1"])
            self.assertAlmostEqual(float(rec["first_joint_from_consent_median_days"]), from_consent, delta=0.005)


def main():
    global BINARY, CALENDARS
    BINARY, CALENDARS, argv = parse_test_args(__doc__)
    unittest.main(argv=argv, verbosity=2)


if __name__ == "__main__":
    main()
