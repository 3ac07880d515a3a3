#!/usr/bin/python3
"""Independent check of Yhteisaika's invites and feeds (calendar/itip, calendar/feed).

Runs write_ics_samples into a temporary directory, then reads each file with
python3-icalendar and expands the feed with python3-recurring-ical-events
(Debian packages of /usr/bin/python3), and checks what a calendar client would
see: the method, the times in UTC, the attendees, the text, and every hole of
the weekly series across holidays and DST changes. The VTIMEZONE we write is
checked on its own too: icalendar reads an IANA TZID from pytz and ignores the
VTIMEZONE, so each file is read a second time with the TZID renamed, which
makes the VTIMEZONE the only source of offsets.

    /usr/bin/python3 validate_ics.py --generator PATH/write_ics_samples

Exit 0 when every check passes, 1 with the failures listed otherwise, 2 on a
usage or environment error.
"""
import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

try:
    import icalendar
    import recurring_ical_events
    from dateutil.easter import easter
except ImportError as e:
    sys.stderr.write(f"validate_ics: needs python3-icalendar and python3-recurring-ical-events ({e}); "
                     "run it with /usr/bin/python3\n")
    sys.exit(2)

HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = timezone.utc
TZID = "Europe/Helsinki"
RENAMED_TZID = "Yhteisaika-Test/Only-In-File"

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
    return condition


def utc(y, m, d, h, mi=0):
    return datetime(y, m, d, h, mi, tzinfo=UTC)


def helsinki(d, hh, mm):
    return datetime.combine(d, time(hh, mm), tzinfo=HELSINKI).astimezone(UTC)


# ---- The spec's holidays (docs/scheduling-rules.md), computed here independently.

def finnish_holidays(year):
    e = easter(year)
    midsummer_eve = next(date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4)
    return {
        date(year, 1, 1), date(year, 1, 6), e - timedelta(days=2), e + timedelta(days=1), date(year, 5, 1),
        e + timedelta(days=39), midsummer_eve, date(year, 12, 6), date(year, 12, 24), date(year, 12, 25),
        date(year, 12, 26),
    }


# ---- Raw text: what RFC 5545 §3.1 asks of every physical line.

def check_raw(name, data):
    check(data.endswith(b"\r\n"), f"{name}: does not end in CRLF")
    lines = data.split(b"\r\n")[:-1]
    for n, line in enumerate(lines, 1):
        check(b"\n" not in line and b"\r" not in line, f"{name}:{n}: a bare CR or LF inside a line")
        check(len(line) <= 75, f"{name}:{n}: {len(line)} octets, more than 75")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            failures.append(f"{name}:{n}: a fold split a UTF-8 sequence")


def parse(name, data):
    try:
        return icalendar.Calendar.from_ical(data)
    except Exception as e:  # noqa: BLE001 - any parser failure is the finding
        failures.append(f"{name}: python3-icalendar cannot read it: {e!r}")
        return None


def used_tzids(cal):
    used = set()
    for component in cal.walk():
        if component.name in ("VTIMEZONE", "STANDARD", "DAYLIGHT"):
            continue
        for key, values in component.items():
            for value in values if isinstance(values, list) else [values]:
                params = getattr(value, "params", {})
                if "TZID" in params:
                    used.add(str(params["TZID"]))
    return used


def check_timezones(name, cal):
    declared = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    for tzid in used_tzids(cal):
        check(tzid in declared, f"{name}: TZID {tzid} has no VTIMEZONE")


def check_vtimezone_offsets(name, cal, start, end):
    """Our VTIMEZONE gives Helsinki's offset at every hour of [start, end]."""
    for component in cal.walk("VTIMEZONE"):
        tz = component.to_tz()
        t = start
        bad = 0
        while t <= end:
            ours = t.astimezone(tz).utcoffset()
            real = t.astimezone(HELSINKI).utcoffset()
            if ours != real:
                bad += 1
                if bad <= 3:
                    failures.append(f"{name}: VTIMEZONE gives {ours} at {t:%Y-%m-%dT%H:%MZ}, Helsinki has {real}")
            t += timedelta(hours=1)


def renamed(data):
    return data.replace(TZID.encode(), RENAMED_TZID.encode())


def unescape_param(value):
    """RFC 6868 caret decoding, which python3-icalendar 4.0.3 does not do."""
    out, i = [], 0
    while i < len(value):
        if value[i] == "^" and i + 1 < len(value) and value[i + 1] in "n'^":
            out.append({"n": "\n", "'": '"', "^": "^"}[value[i + 1]])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def attendees(event):
    a = event.get("ATTENDEE", [])
    return a if isinstance(a, list) else [a]


# ---- Invites

DESCRIPTION = "Yhteisasiakkaan palaveri.\nTuokaa: hoitosuunnitelma, lääkelista \\ muistiinpanot"
LOCATION = "Sote-keskus, huone 3; 2. krs"


def check_invite(name, data, method, uid, sequence, start_utc, end_utc, status):
    check_raw(name, data)
    for variant, text in (("", data), (" (TZID renamed)", renamed(data))):
        cal = parse(name + variant, text)
        if cal is None:
            return
        check(str(cal.get("METHOD")) == method, f"{name}: METHOD is {cal.get('METHOD')}, expected {method}")
        check(str(cal.get("VERSION")) == "2.0", f"{name}: VERSION is not 2.0")
        check_timezones(name + variant, cal)
        events = cal.walk("VEVENT")
        if not check(len(events) == 1, f"{name}: {len(events)} VEVENTs, expected 1"):
            return
        ev = events[0]
        start = ev["DTSTART"].dt.astimezone(UTC)
        end = ev["DTEND"].dt.astimezone(UTC)
        check(start == start_utc, f"{name}{variant}: starts {start}, expected {start_utc}")
        check(end == end_utc, f"{name}{variant}: ends {end}, expected {end_utc}")
        check(ev["DTSTART"].params.get("TZID") in (TZID, RENAMED_TZID), f"{name}: DTSTART has no TZID")
        check(str(ev["UID"]) == uid, f"{name}: UID {ev['UID']}")
        check(int(ev["SEQUENCE"]) == sequence, f"{name}: SEQUENCE {ev['SEQUENCE']}, expected {sequence}")
        check(str(ev["STATUS"]) == status, f"{name}: STATUS {ev['STATUS']}, expected {status}")
        check(str(ev["SUMMARY"]) == "Omatiimi: YA-2026-0042", f"{name}: SUMMARY {ev['SUMMARY']!r}")
        check(str(ev["DESCRIPTION"]) == DESCRIPTION, f"{name}: DESCRIPTION reads {str(ev['DESCRIPTION'])!r}")
        check(str(ev["LOCATION"]) == LOCATION, f"{name}: LOCATION reads {str(ev['LOCATION'])!r}")
        check(ev["DTSTAMP"].dt == utc(2026, 11, 21, 10, 15), f"{name}: DTSTAMP {ev['DTSTAMP'].dt}")
        check(str(ev["ORGANIZER"]) == "mailto:kaisa.koordinaattori@example.fi", f"{name}: ORGANIZER {ev['ORGANIZER']}")
        check(ev["ORGANIZER"].params.get("CN") == "Koordinaattori Kaisa", f"{name}: organizer's CN")
        people = attendees(ev)
        if not check(len(people) == 3, f"{name}: {len(people)} attendees, expected 3"):
            continue
        anna, pekka, kaisa = people
        check(str(anna) == "mailto:anna.virtanen@example.fi", f"{name}: first attendee {anna}")
        check(unescape_param(anna.params.get("CN", "")) == 'Virtanen, Anna "Annu"',
              f"{name}: first attendee's CN reads {anna.params.get('CN')!r}")
        check(anna.params.get("ROLE") == "REQ-PARTICIPANT", f"{name}: required attendee's ROLE")
        check(anna.params.get("PARTSTAT") == "NEEDS-ACTION", f"{name}: required attendee's PARTSTAT")
        check(anna.params.get("X-YHTEISAIKA-PROFESSION") == "lääkäri", f"{name}: profession")
        check(str(pekka) == "urn:yhteisaika:participant:sosiaali-1", f"{name}: second attendee {pekka}")
        check(pekka.params.get("CN") == "Pekka Sosiaalityöntekijä", f"{name}: second attendee's CN")
        check(pekka.params.get("ROLE") == "OPT-PARTICIPANT", f"{name}: optional attendee's ROLE")
        check(pekka.params.get("PARTSTAT") == "ACCEPTED", f"{name}: optional attendee's PARTSTAT")
        # The organizer attends too: accepted, and not asked to reply.
        check(str(kaisa) == str(ev["ORGANIZER"]), f"{name}: third attendee {kaisa} is not the organizer")
        check(kaisa.params.get("PARTSTAT") == "ACCEPTED", f"{name}: the organizer's PARTSTAT as attendee")
        for a in people:
            if method == "REQUEST":
                rsvp = "FALSE" if a is kaisa else "TRUE"
                check(a.params.get("RSVP") == rsvp, f"{name}: attendee {a} without RSVP={rsvp}")
            else:
                check("RSVP" not in a.params, f"{name}: a CANCEL asks {a} to reply")
        if variant == "":
            check_vtimezone_offsets(name, cal, start_utc - timedelta(days=200), end_utc + timedelta(days=200))


# ---- Feeds

FEED_START = date(2025, 11, 24)
FEED_END = date(2029, 1, 1)  # exclusive
CLOSURE = date(2027, 2, 17)
RELEASED = date(2027, 3, 10)


def expected_holes():
    holidays = set()
    for y in range(FEED_START.year, FEED_END.year + 1):
        holidays |= finnish_holidays(y)
    d = FEED_START + timedelta(days=(2 - FEED_START.weekday()) % 7)  # Wednesday
    holes = []
    while d < FEED_END:
        if d not in holidays and d not in (CLOSURE, RELEASED):
            holes.append((helsinki(d, 14, 30), helsinki(d, 15, 30)))
        d += timedelta(days=7)
    return holes


def check_feed(name, data):
    check_raw(name, data)
    want = expected_holes()
    # The spot checks the task names, so that expected_holes() itself is checked.
    starts = {s for s, _ in want}
    for d, present in ((date(2026, 12, 23), True), (date(2026, 12, 30), True), (date(2025, 12, 24), False),
                       (date(2027, 1, 6), False), (date(2028, 12, 6), False), (CLOSURE, False)):
        check((helsinki(d, 14, 30) in starts) == present, f"validate_ics: expectation for {d} is wrong")
    check(utc(2027, 3, 24, 12, 30) in starts and utc(2027, 3, 31, 11, 30) in starts,
          "validate_ics: expectation across the DST change of 2027-03-28 is wrong")

    for variant, text in (("", data), (" (TZID renamed)", renamed(data))):
        cal = parse(name + variant, text)
        if cal is None:
            return
        check(str(cal.get("METHOD")) == "PUBLISH", f"{name}: METHOD is {cal.get('METHOD')}")
        check(str(cal.get("X-WR-CALNAME")) == "Yhteisaika – Anna Virtanen", f"{name}: X-WR-CALNAME")
        check(str(cal.get("NAME")) == "Yhteisaika – Anna Virtanen", f"{name}: NAME")
        refresh = cal.get("REFRESH-INTERVAL")
        check(refresh is not None and refresh.to_ical() == b"PT1H", f"{name}: REFRESH-INTERVAL")
        check(str(cal.get("X-PUBLISHED-TTL")) == "PT1H", f"{name}: X-PUBLISHED-TTL")
        check_timezones(name + variant, cal)

        # Expand well past the span's end: the series must stop at its last hole.
        occurrences = recurring_ical_events.of(cal).between(datetime(2025, 1, 1, tzinfo=UTC),
                                                            datetime(2030, 1, 1, tzinfo=UTC))
        holes, meetings = [], {}
        for ev in occurrences:
            if str(ev.get("X-YHTEISAIKA-HOLE", "")) == "TRUE":
                holes.append((ev["DTSTART"].dt.astimezone(UTC), ev["DTEND"].dt.astimezone(UTC)))
                check(str(ev["UID"]) == "hole-laakari-1@yhteisaika.local", f"{name}: hole UID {ev['UID']}")
                check(str(ev.get("TRANSP")) == "OPAQUE", f"{name}: hole is not OPAQUE")
                # RFC 5546 §3.2.1: every PUBLISH event has an ORGANIZER, the hole too.
                check(str(ev.get("ORGANIZER")) == "mailto:yhteisaika@hyvinvointialue.example",
                      f"{name}: hole ORGANIZER {ev.get('ORGANIZER')}")
                check(ev.get("ORGANIZER") is not None and ev["ORGANIZER"].params.get("CN") == "Yhteisaika",
                      f"{name}: the hole organizer's CN")
            else:
                meetings[str(ev["UID"])] = ev
        holes.sort()
        missing = sorted(set(want) - set(holes))
        extra = sorted(set(holes) - set(want))
        check(not missing, f"{name}{variant}: holes missing: {[s.isoformat() for s, _ in missing[:5]]}")
        check(not extra, f"{name}{variant}: holes that should not be there: {[s.isoformat() for s, _ in extra[:5]]}")
        check(len(holes) == len(set(holes)), f"{name}{variant}: a hole appears twice")

        check(set(meetings) == {"meeting-42@yhteisaika.local", "meeting-44@yhteisaika.local"},
              f"{name}: meetings {sorted(meetings)}")
        if "meeting-42@yhteisaika.local" in meetings:
            m = meetings["meeting-42@yhteisaika.local"]
            check(m["DTSTART"].dt.astimezone(UTC) == utc(2026, 11, 25, 12, 30), f"{name}{variant}: meeting-42 start")
            check(str(m["STATUS"]) == "CONFIRMED", f"{name}: meeting-42 STATUS")
            check(not attendees(m), f"{name}: a PUBLISH carries ATTENDEE lines")
            check(str(m.get("ORGANIZER")) == "mailto:kaisa.koordinaattori@example.fi", f"{name}: meeting ORGANIZER")
        if "meeting-44@yhteisaika.local" in meetings:
            m = meetings["meeting-44@yhteisaika.local"]
            check(m["DTSTART"].dt.astimezone(UTC) == utc(2027, 4, 7, 11, 30), f"{name}{variant}: meeting-44 start")
            check(m["DTEND"].dt.astimezone(UTC) == utc(2027, 4, 7, 12, 0), f"{name}{variant}: meeting-44 end")
            check(str(m["STATUS"]) == "CANCELLED", f"{name}: cancelled meeting-44 is {m['STATUS']}")
        if variant == "":
            check_vtimezone_offsets(name, cal, utc(2025, 11, 1, 0), utc(2029, 1, 1, 0))


def check_feed_without_holes(name, data):
    check_raw(name, data)
    cal = parse(name, data)
    if cal is None:
        return
    check(str(cal.get("METHOD")) == "PUBLISH", f"{name}: METHOD")
    check(not cal.walk("VEVENT"), f"{name}: a span whose only Wednesday is a holiday has events")
    check(not cal.walk("VTIMEZONE"), f"{name}: a VTIMEZONE that no time uses")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generator", required=True, help="path of the write_ics_samples executable")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="yhteisaika-ics-") as out:
        result = subprocess.run([args.generator, out])
        if result.returncode != 0:
            sys.stderr.write(f"validate_ics: {args.generator} failed with {result.returncode}\n")
            return 2

        def read(file):
            with open(os.path.join(out, file), "rb") as f:
                return f.read()

        check_invite("invite_winter.ics", read("invite_winter.ics"), "REQUEST", "meeting-42@yhteisaika.local", 0,
                     utc(2026, 11, 25, 12, 30), utc(2026, 11, 25, 13, 30), "CONFIRMED")
        check_invite("invite_summer.ics", read("invite_summer.ics"), "REQUEST", "meeting-43@yhteisaika.local", 0,
                     utc(2027, 6, 16, 11, 30), utc(2027, 6, 16, 12, 30), "CONFIRMED")
        check_invite("cancel_winter.ics", read("cancel_winter.ics"), "CANCEL", "meeting-42@yhteisaika.local", 1,
                     utc(2026, 11, 25, 12, 30), utc(2026, 11, 25, 13, 30), "CANCELLED")
        check_feed("feed.ics", read("feed.ics"))
        check_feed_without_holes("feed_without_holes.ics", read("feed_without_holes.ics"))

    for f in failures:
        print("FAIL", f)
    print(f"validate_ics: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
