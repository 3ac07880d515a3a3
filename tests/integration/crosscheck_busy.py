#!/usr/bin/env python3
"""Independent cross-check of `yhteisaika busy` against python-icalendar.

For every participant in a calendars directory (DIR/<id>.ics, or every *.ics in
DIR/<id>/) this computes the busy intervals in a window by the rules of
docs/scheduling-rules.md, using python3-icalendar and
python3-recurring-ical-events (Debian packages), runs

    <binary> busy --calendars DIR --from 2026-11-23T00:00 --days 98

and compares the two. Exit 0 when identical, 1 with the differences otherwise,
2 on a usage or environment error.

    python3 crosscheck_busy.py --binary PATH --calendars DIR [--from ...] [--days N] [--shard I/N]
    python3 crosscheck_busy.py --calendars DIR --print [ID ...]   # Python side only

With --shard I/N only every N-th participant (by id, from the I-th, 0-based) is
compared (the binary's answer is still checked whole for order and form), so
that N processes share a large directory.
"""
import argparse
import json
import os
import re
import subprocess
import sys

# The Debian packages live in the system interpreter's dist-packages; a python3
# from pyenv/venv on PATH may not see them. Re-run under /usr/bin/python3 then.
try:
    import icalendar  # noqa: F401
    import recurring_ical_events  # noqa: F401
except ImportError:
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
            and not os.environ.get("CROSSCHECK_REEXEC"):
        os.environ["CROSSCHECK_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    sys.stderr.write("crosscheck_busy: needs python3-icalendar and python3-recurring-ical-events\n")
    sys.exit(2)

import icalendar
import recurring_ical_events
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Helsinki")

# Windows zone names (CLDR windowsZones, territory 001) that may appear in
# Outlook exports. Mapped before parsing: icalendar 4.0.3 would otherwise map
# "FLE Standard Time" to Europe/Kiev through its own table or fall back to the
# in-file VTIMEZONE via pytz.
WINDOWS_ZONES = {
    "FLE Standard Time": "Europe/Helsinki",
    "GTB Standard Time": "Europe/Bucharest",
    "E. Europe Standard Time": "Europe/Chisinau",
    "W. Europe Standard Time": "Europe/Berlin",
    "Romance Standard Time": "Europe/Paris",
    "Central Europe Standard Time": "Europe/Budapest",
    "Central European Standard Time": "Europe/Warsaw",
    "GMT Standard Time": "Europe/London",
    "Russian Standard Time": "Europe/Moscow",
    "UTC": "Etc/UTC",
}

_TZID_PARAM = re.compile(r'TZID=("?)([^";:]+)\1')


def _map_windows(text):
    def param(m):
        name = m.group(2)
        return "TZID=" + WINDOWS_ZONES[name] if name in WINDOWS_ZONES else m.group(0)

    # Unfold first so a folded TZID parameter is seen whole.
    text = re.sub(r"\r?\n[ \t]", "", text)
    text = _TZID_PARAM.sub(param, text)
    return re.sub(r"(?m)^TZID:(.+?)\r?$",
                  lambda m: "TZID:" + WINDOWS_ZONES.get(m.group(1), m.group(1)), text)


def participants(caldir):
    """{id: [files]} by the spec's layout rules."""
    out = {}
    for name in sorted(os.listdir(caldir)):
        path = os.path.join(caldir, name)
        if os.path.isfile(path) and name.endswith(".ics"):
            out.setdefault(name[:-4], []).append(path)
        elif os.path.isdir(path):
            files = sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith(".ics"))
            if files:
                out.setdefault(name, []).extend(files)
    return out


def _instant(v):
    """A DTSTART/DTEND value as an aware datetime (UTC)."""
    if isinstance(v, datetime):
        if v.tzinfo is None:  # floating: deployment zone
            v = v.replace(tzinfo=ZONE)
        return v.astimezone(timezone.utc)
    if isinstance(v, date):  # all-day: local midnight
        return datetime(v.year, v.month, v.day, tzinfo=ZONE).astimezone(timezone.utc)
    raise ValueError("unexpected date value %r" % (v,))


def _is_true(prop):
    return prop is not None and str(prop).strip().upper() == "TRUE"


def busy_for_file(path, win_start, win_end):
    with open(path, "rb") as f:
        raw = f.read().decode("utf-8")
    cal = icalendar.Calendar.from_ical(_map_windows(raw))
    if cal.name != "VCALENDAR":
        raise ValueError("%s: not a VCALENDAR" % path)
    # Ask the library for a generous window (in local wall time) and clip
    # exactly ourselves; all-day events are expanded on local dates.
    lo = (win_start - timedelta(days=40)).astimezone(ZONE).replace(tzinfo=None)
    hi = (win_end + timedelta(days=2)).astimezone(ZONE).replace(tzinfo=None)
    out = []
    for ev in recurring_ical_events.of(cal).between(lo, hi):
        if ev.name != "VEVENT":
            continue
        if str(ev.get("TRANSP", "OPAQUE")).strip().upper() == "TRANSPARENT":
            continue
        if str(ev.get("STATUS", "")).strip().upper() == "CANCELLED":
            continue
        if _is_true(ev.get("X-YHTEISAIKA-HOLE")):
            continue
        start = ev["DTSTART"].dt
        if "DTEND" in ev:
            end = ev["DTEND"].dt
        elif "DURATION" in ev:
            end = start + ev["DURATION"].dt
        elif isinstance(start, datetime):
            end = start
        else:
            end = start + timedelta(days=1)
        s, e = _instant(start), _instant(end)
        s, e = max(s, win_start), min(e, win_end)
        if s < e:
            out.append((s, e))
    return out


def merge(intervals):
    merged = []
    for s, e in sorted(intervals):
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def expected(caldir, win_start, win_end, only=None):
    res = {}
    for pid, files in participants(caldir).items():
        if only is not None and pid not in only:
            continue
        iv = []
        for path in files:
            iv += busy_for_file(path, win_start, win_end)
        res[pid] = merge(iv)
    return res


def fmt(t):
    return t.astimezone(ZONE).isoformat()


def parse_window(text, days):
    try:
        local = datetime.fromisoformat(text)
    except ValueError:
        raise SystemExit("crosscheck_busy: bad --from %r" % text)
    if local.tzinfo is None:
        local = local.replace(tzinfo=ZONE)
    end_local = (local.replace(tzinfo=None) + timedelta(days=days)).replace(tzinfo=ZONE)
    return local.astimezone(timezone.utc), end_local.astimezone(timezone.utc)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", help="path to the yhteisaika executable")
    ap.add_argument("--calendars", required=True)
    ap.add_argument("--from", dest="start", default="2026-11-23T00:00")
    ap.add_argument("--days", type=int, default=98)
    ap.add_argument("--print", dest="show", nargs="*", metavar="ID",
                    help="print the Python-side busy intervals (of the given ids, or all) and exit")
    ap.add_argument("--max-diffs", type=int, default=5)
    ap.add_argument("--shard", default="0/1", metavar="I/N", help="compare every N-th participant from the I-th")
    args = ap.parse_args()
    try:
        shard, shards = (int(x) for x in args.shard.split("/"))
        assert 0 <= shard < shards
    except (ValueError, AssertionError):
        ap.error("--shard is I/N with 0 <= I < N, got %r" % args.shard)

    win_start, win_end = parse_window(args.start, args.days)
    try:
        everyone = sorted(participants(args.calendars))
        mine = set(everyone[shard::shards])
        exp = expected(args.calendars, win_start, win_end, mine)
    except Exception as e:  # noqa: BLE001
        print("crosscheck_busy: python side failed: %s" % e, file=sys.stderr)
        return 2

    if args.show is not None:
        for pid in sorted(exp):
            if args.show and pid not in args.show:
                continue
            print(pid)
            for s, e in exp[pid]:
                print("  %s  %s  (%s)" % (fmt(s), fmt(e), e - s))
        return 0
    if not args.binary:
        ap.error("--binary is required unless --print is given")

    cmd = [args.binary, "busy", "--calendars", args.calendars, "--from", args.start, "--days", str(args.days)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print("crosscheck_busy: %s exited %d\n%s" % (" ".join(cmd), proc.returncode, proc.stderr), file=sys.stderr)
        return 1
    try:
        got_list = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        print("crosscheck_busy: binary output is not JSON: %s\n%s" % (e, proc.stdout[:500]), file=sys.stderr)
        return 1

    problems = []
    ids = [p.get("id") for p in got_list]
    if ids != sorted(ids):
        problems.append("participants are not sorted by id: %s" % ids)
    got = {}
    for p in got_list:
        iv, bad = [], []
        for pair in p.get("busy", []):
            try:
                s, e = (datetime.fromisoformat(x.replace("Z", "+00:00")) for x in pair)
            except (ValueError, TypeError, AttributeError):
                bad.append(pair)
                continue
            for x, t in zip(pair, (s, e)):
                if t.tzinfo is None or t.utcoffset() != t.astimezone(ZONE).utcoffset():
                    bad.append(x)
            iv.append((s.astimezone(timezone.utc), e.astimezone(timezone.utc)))
        if bad:
            problems.append("%s: times not RFC 3339 with the local offset: %s" % (p.get("id"), bad[:3]))
        if iv != merge(iv):
            problems.append("%s: intervals not sorted and merged" % p.get("id"))
        got[p.get("id")] = iv

    for pid in sorted(set(everyone) | set(got)):
        if pid not in got:
            problems.append("%s: missing from binary output" % pid)
            continue
        if pid not in everyone:
            problems.append("%s: in binary output but not a participant in %s" % (pid, args.calendars))
            continue
        if pid not in mine:
            continue
        e_set, g_set = set(exp[pid]), set(got[pid])
        if e_set == g_set:
            continue
        only_e = sorted(e_set - g_set)
        only_g = sorted(g_set - e_set)
        lines = ["%s: %d expected interval(s) missing, %d unexpected" % (pid, len(only_e), len(only_g))]
        lines += ["    expected only: %s – %s" % (fmt(s), fmt(e)) for s, e in only_e[:args.max_diffs]]
        lines += ["    binary only:   %s – %s" % (fmt(s), fmt(e)) for s, e in only_g[:args.max_diffs]]
        problems.append("\n".join(lines))

    if problems:
        print("crosscheck_busy: %d problem(s) (window %s .. %s)" % (len(problems), fmt(win_start), fmt(win_end)))
        for p in problems:
            print("  " + p)
        return 1
    print("crosscheck_busy: %d participants identical (%d intervals)%s" % (
        len(exp), sum(len(v) for v in exp.values()), " of %d (shard %s)" % (len(everyone), args.shard) if shards > 1 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
