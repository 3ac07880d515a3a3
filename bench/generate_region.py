#!/usr/bin/env python3
"""Generate a synthetic wellbeing-services-county worth of calendars for the benchmark.

    python3 bench/generate_region.py OUTDIR --count 2000 --seed 1 --start 2026-11-23

writes OUTDIR/p0000.ics ... in mixed Outlook / Google / Apple export styles. Each
file has a VTIMEZONE, 5-8 weekly series (some with EXDATEs, 1-3 RECURRENCE-ID
overrides per file), 40-80 one-off events over 90 days, and the weekly hole
reservation (X-YHTEISAIKA-HOLE:TRUE, Wednesdays 14:30-15:30 Europe/Helsinki).
Descriptions are sized so that a file averages about 40 KiB (2,000 files are
about 80 MiB). The output depends only on the arguments (deterministic for a
seed). Pseudonymous wording only; no real people or clients.
"""
import argparse
import hashlib
import os
import random
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

HEL = ZoneInfo("Europe/Helsinki")
TARGET_MEAN = 33 * 1024  # nominal bytes per file; Outlook files overshoot (verbose props), total ~80 MiB

VTZ = {
    "outlook": [
        "BEGIN:VTIMEZONE", "TZID:FLE Standard Time",
        "BEGIN:STANDARD", "DTSTART:16010101T040000", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0200",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0300",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE"],
    "google": [
        "BEGIN:VTIMEZONE", "TZID:Europe/Helsinki", "X-LIC-LOCATION:Europe/Helsinki",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0300", "TZNAME:EEST",
        "DTSTART:19700329T030000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0200", "TZNAME:EET",
        "DTSTART:19701025T040000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE"],
    "apple": [
        "BEGIN:VTIMEZONE", "TZID:Europe/Helsinki",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0200", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "DTSTART:19810329T030000", "TZNAME:EEST", "TZOFFSETTO:+0300", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0300", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "DTSTART:19961027T040000", "TZNAME:EET", "TZOFFSETTO:+0200", "END:STANDARD",
        "END:VTIMEZONE"],
}

PROFESSIONS = ["sosiaalityöntekijä", "lääkäri", "terveydenhoitaja", "psykologi", "kuraattori",
               "perhetyöntekijä", "erityisopettaja", "kuntoutusohjaaja", "Kelan asiantuntija",
               "päihdetyöntekijä", "sairaanhoitaja", "sosiaaliohjaaja", "fysioterapeutti",
               "nuorisotyöntekijä", "toimintaterapeutti"]

SERIES = ["Tiimipalaveri", "Vastaanotto", "Kotikäynnit", "Ajanvarausvastaanotto", "Työnohjaus",
          "Ryhmätoiminta", "Konsultaatioaika", "Puhelinaika", "Kouluterveydenhuolto", "Neuvolan vastaanotto",
          "Moniammatillinen työryhmä", "Perhekeskuksen tiimi", "Oppilashuoltoryhmä", "Kuntoutustyöryhmä",
          "Päihdepoliklinikan vastaanotto", "Palvelutarpeen arviointi"]

ONEOFF = ["Verkostoneuvottelu", "Kotikäynti", "Asiakastapaaminen", "Monialainen neuvottelu",
          "Palvelutarpeen arviointi", "Hoitoneuvottelu", "Konsultaatio", "Puhelinaika",
          "Kirjaaminen", "Kehityskeskustelu", "Perehdytys", "Apuvälinearvio", "Etätapaaminen",
          "Lausunnon laatiminen", "Yhteistyöpalaveri", "Ryhmän suunnittelu"]

ABSENCE = ["Vuosiloma", "Koulutus", "Sairausloma", "Koulutuspäivät", "Lomapäivä", "Poissa"]

LOCATIONS = ["Sote-keskus, neuvotteluhuone 1", "Perhekeskus", "Teams", "Sosiaaliasema",
             "Terveysasema, huone 112", "Asiakkaan koti", "Koulu", "Kuntoutusyksikkö",
             "Päihdepoliklinikka", "Kelan toimisto", "Lastenneuvola", ""]

SENTENCES = [
    "Monialainen neuvottelu yhteisasiakkaan tilanteesta.",
    "Käydään läpi monialainen suunnitelma, tavoitteet ja yhteiset askeleet.",
    "Sovitaan vastuutyöntekijän seuraavat toimet ja yhteydenpito asiakkaan kanssa.",
    "Kirjaus Apottiin asiakkaan suostumuksella.",
    "Kalenteriin ei kirjata tunnistetietoja.",
    "Omatiimi kokoaa asiakkaan ympärille tarvittavan ammattilais- ja läheisverkoston.",
    "Asiakkaan kanssa on sovittu tapaamisesta puhelimitse.",
    "Tarvittaessa kutsutaan mukaan Kelan asiantuntija ja kuntoutusohjaaja.",
    "Tilanteen kartoitus tehty edellisellä käynnillä; jatketaan suunnitelman päivityksellä.",
    "Etäyhteys Teamsissa, linkki kutsussa.",
    "Huom. tila varattu myös valmisteluun 15 min ennen.",
    "Palveluiden yhteensovittaminen ja koordinointi, ei päällekkäisiä käyntejä.",
    "Läheinen osallistuu asiakkaan toiveesta.",
    "Seuraava tapaaminen sovitaan 1–2 viikon sisään.",
    "Asiakkuus arvioidaan nelikentän mukaan; tuen tarpeen määrä ja kesto kirjataan.",
    "Kevyimmän palvelun periaate: ensisijaisesti digi- ja etäkontaktit.",
]

HOLE = "Reikä kalenterissa – yhteisasiakkaat"


def fold(line):
    """Fold a content line to 75 octets without splitting a UTF-8 character."""
    b = line.encode("utf-8")
    if len(b) <= 75:
        return line
    parts, i, limit = [], 0, 75
    n = len(b)
    while i < n:
        j = min(i + limit, n)
        while j < n and (b[j] & 0xC0) == 0x80:
            j -= 1
        parts.append(b[i:j])
        i, limit = j, 74
    return "\r\n ".join(p.decode("utf-8") for p in parts)


def esc(s):
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def lstr(d):
    return d.strftime("%Y%m%dT%H%M%S")


def ustr(d):
    return d.replace(tzinfo=HEL).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


class Writer:
    def __init__(self, style, rng, pid):
        self.style, self.rng, self.pid = style, rng, pid
        self.tz = 'TZID="FLE Standard Time"' if style == "outlook" else "TZID=Europe/Helsinki"
        self.n = 0

    def uid(self):
        self.n += 1
        h = hashlib.sha1(("%s-%d" % (self.pid, self.n)).encode()).hexdigest()
        if self.style == "outlook":
            return "040000008200E00074C5B7101A82E00800000000" + h[:32].upper()
        if self.style == "google":
            return h[:26] + "@google.com"
        return "%s-%s-%s-%s-%s" % (h[:8].upper(), h[8:12].upper(), h[12:16].upper(), h[16:20].upper(), h[20:32].upper())

    def dt(self, name, v, utc=False):
        if isinstance(v, datetime):
            return "%s:%s" % (name, ustr(v)) if utc else "%s;%s:%s" % (name, self.tz, lstr(v))
        return "%s;VALUE=DATE:%s" % (name, v.strftime("%Y%m%d"))

    def event(self, e):
        """e: dict(uid, summary, s, e, rrule, exdate, rid, status, transp, hole, desc, loc, utc)."""
        st = self.style
        utc = e.get("utc", False)
        transp = e.get("transp", "OPAQUE")
        L = ["BEGIN:VEVENT"]
        ex = ["EXDATE;%s:%s" % (self.tz, ",".join(lstr(x) for x in e["exdate"]))] if e.get("exdate") else []
        rid = [self.dt("RECURRENCE-ID", e["rid"])] if e.get("rid") else []
        rr = ["RRULE:" + e["rrule"]] if e.get("rrule") else []
        hole = ["X-YHTEISAIKA-HOLE:TRUE"] if e.get("hole") else []
        status = e.get("status")
        if st == "outlook":
            busy = "FREE" if transp == "TRANSPARENT" else ("TENTATIVE" if status == "TENTATIVE" else "BUSY")
            L += ["CLASS:PUBLIC", "CREATED:20261012T063000Z",
                  "DESCRIPTION:" + esc(e.get("desc", "")) + "\\n",
                  self.dt("DTEND", e["e"], utc), "DTSTAMP:20261120T071500Z", self.dt("DTSTART", e["s"], utc)]
            L += ex + ["LAST-MODIFIED:20261119T140000Z"]
            if e.get("loc"):
                L.append("LOCATION:" + esc(e["loc"]))
            L += ["PRIORITY:5"] + rid + rr + ["SEQUENCE:0"]
            if status:
                L.append("STATUS:" + status)
            L += ["SUMMARY;LANGUAGE=fi:" + esc(e["summary"]), "TRANSP:" + transp, "UID:" + e["uid"]] + hole
            L += ["X-MICROSOFT-CDO-BUSYSTATUS:" + busy, "X-MICROSOFT-CDO-IMPORTANCE:1",
                  "X-MICROSOFT-CDO-INTENDEDSTATUS:" + busy, "X-MICROSOFT-DISALLOW-COUNTER:FALSE",
                  "X-MS-OLK-AUTOFILLLOCATION:FALSE",
                  "X-MICROSOFT-CDO-ALLDAYEVENT:" + ("FALSE" if isinstance(e["s"], datetime) else "TRUE"),
                  "X-MS-OLK-CONFTYPE:0"]
        elif st == "google":
            L += [self.dt("DTSTART", e["s"], utc), self.dt("DTEND", e["e"], utc)] + rr + ex
            L += ["DTSTAMP:20261120T071500Z", "UID:" + e["uid"]] + rid
            L += ["CREATED:20261005T090000Z", "DESCRIPTION:" + esc(e.get("desc", "")),
                  "LAST-MODIFIED:20261119T101500Z", "LOCATION:" + esc(e.get("loc", "")), "SEQUENCE:0",
                  "STATUS:" + (status or "CONFIRMED"), "SUMMARY:" + esc(e["summary"]), "TRANSP:" + transp] + hole
        else:
            L += ["TRANSP:" + transp, self.dt("DTEND", e["e"], utc), "UID:" + e["uid"], "DTSTAMP:20261120T071500Z"]
            if e.get("loc"):
                L.append("LOCATION:" + esc(e["loc"]))
            if e.get("desc"):
                L.append("DESCRIPTION:" + esc(e["desc"]))
            if status:
                L.append("STATUS:" + status)
            L += ["X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC", "SEQUENCE:1"] + rid + rr + ex
            L += ["X-APPLE-CREATOR-IDENTITY:com.apple.calendar", "X-APPLE-CREATOR-TEAM-IDENTITY:0000000000",
                  "SUMMARY:" + esc(e["summary"]), "LAST-MODIFIED:20261118T124200Z", "CREATED:20261008T113000Z",
                  self.dt("DTSTART", e["s"], utc)] + hole
        L.append("END:VEVENT")
        return L

    def header(self, calname):
        st = self.style
        if st == "outlook":
            return ["BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "VERSION:2.0",
                    "METHOD:PUBLISH", "X-CALSTART:20261102T060000Z", "X-WR-CALNAME:" + calname,
                    "X-MS-OLK-FORCEINSPECTOROPEN:TRUE"] + VTZ[st]
        if st == "google":
            return ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
                    "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + calname,
                    "X-WR-TIMEZONE:Europe/Helsinki"] + VTZ[st]
        return ["BEGIN:VCALENDAR", "METHOD:PUBLISH", "VERSION:2.0", "X-WR-CALNAME:" + calname,
                "PRODID:-//Apple Inc.//macOS 14.6//EN", "X-APPLE-CALENDAR-COLOR:#1BADF8",
                "X-WR-TIMEZONE:Europe/Helsinki", "CALSCALE:GREGORIAN"] + VTZ[st]


def description(rng, length):
    if length <= 0:
        return ""
    out, n = [], 0
    while n < length:
        s = rng.choice(SENTENCES)
        out.append(s)
        n += len(s.encode("utf-8")) + 1
    return " ".join(out)


def make_person(index, seed, start):
    rng = random.Random("%d:%d" % (seed, index))
    style = ("outlook", "google", "apple")[rng.randrange(3)]
    pid = "p%04d" % index
    w = Writer(style, rng, pid)
    prof = rng.choice(PROFESSIONS)
    days = 90
    monday = start - timedelta(days=start.weekday())
    events = []  # (dict, desc_weight)

    def slot(day, earliest=8 * 4, latest=15 * 4):
        q = rng.randint(earliest, latest)
        return datetime(day.year, day.month, day.day, q // 4, (q % 4) * 15)

    # Weekly series, starting a few weeks before the window.
    series = []
    for k in range(rng.randint(5, 8)):
        wd = rng.randrange(5)
        first = monday - timedelta(weeks=rng.randint(1, 6)) + timedelta(days=wd)
        s = slot(first)
        dur = timedelta(minutes=rng.choice((30, 45, 60, 60, 90, 120, 180)))
        interval = rng.choice((1, 1, 1, 2))
        rrule = "FREQ=WEEKLY;BYDAY=%s" % ("MO", "TU", "WE", "TH", "FR")[wd]
        if interval > 1:
            rrule = "FREQ=WEEKLY;INTERVAL=%d;BYDAY=%s" % (interval, ("MO", "TU", "WE", "TH", "FR")[wd])
        r = rng.random()
        if r < 0.15:
            rrule += ";COUNT=%d" % rng.randint(8, 20)
        elif r < 0.3:
            until = s + timedelta(weeks=interval * rng.randint(8, 16))
            rrule += ";UNTIL=" + ustr(until)
        # Instances 1..7 exist whatever COUNT (>= 8) or UNTIL (>= 8 intervals) says.
        instances = [s + timedelta(weeks=interval * i) for i in range(1, 8)]
        ex = sorted(rng.sample(instances, rng.randint(1, 3))) if rng.random() < 0.5 else []
        e = dict(uid=w.uid(), summary=rng.choice(SERIES), s=s, e=s + dur, rrule=rrule, exdate=ex,
                 loc=rng.choice(LOCATIONS))
        events.append(e)
        series.append((e, [i for i in instances if i not in ex]))

    # 1-3 overrides: move, shorten or cancel one instance.
    for _ in range(rng.randint(1, 3)):
        base, inst = rng.choice(series)
        rid = rng.choice(inst)
        dur = base["e"] - base["s"]
        kind = rng.randrange(3)
        ov = dict(uid=base["uid"], summary=base["summary"], rid=rid, loc=base.get("loc", ""))
        if kind == 0:  # move
            ns = rid + timedelta(minutes=15 * rng.randint(-8, 8), days=rng.choice((0, 0, 1, -1)))
            ov.update(s=ns, e=ns + dur, summary=base["summary"] + " (siirretty)")
        elif kind == 1:  # shorten
            ov.update(s=rid, e=rid + max(timedelta(minutes=15), dur / 2), summary=base["summary"] + " (lyhennetty)")
        else:  # cancel
            ov.update(s=rid, e=rid + dur, status="CANCELLED", summary="Peruttu: " + base["summary"])
        if not any(o.get("rid") == rid and o["uid"] == base["uid"] for o in events):
            events.append(ov)

    # The hole reservation.
    hs = monday - timedelta(weeks=3) + timedelta(days=2, hours=14, minutes=30)
    events.append(dict(uid=w.uid(), summary=HOLE, s=hs, e=hs + timedelta(hours=1), rrule="FREQ=WEEKLY;BYDAY=WE",
                       hole=True, desc="Viikoittainen varaus yhteisasiakkaiden Omatiimi-tapaamisille."))

    # One-off events over the window.
    for _ in range(rng.randint(40, 80)):
        day = start + timedelta(days=rng.randrange(days))
        if day.weekday() >= 5:
            day -= timedelta(days=day.weekday() - 4)
        r = rng.random()
        if r < 0.05:  # all-day absence, 1-5 days
            d0 = date(day.year, day.month, day.day)
            events.append(dict(uid=w.uid(), summary=rng.choice(ABSENCE), s=d0, e=d0 + timedelta(days=rng.randint(1, 5))))
            continue
        if r < 0.12:  # something in the hole
            s = datetime(day.year, day.month, day.day, 14, 0) + timedelta(days=(2 - day.weekday()) % 7)
            s += timedelta(minutes=15 * rng.randint(0, 5))
        else:
            s = slot(day)
        e = dict(uid=w.uid(), summary="%s YA-2026-%04d" % (rng.choice(ONEOFF), rng.randint(1, 400)), s=s,
                 e=s + timedelta(minutes=rng.choice((15, 30, 45, 60, 60, 90, 120))), loc=rng.choice(LOCATIONS),
                 utc=(style == "google" and rng.random() < 0.4))
        r2 = rng.random()
        if r2 < 0.06:
            e["transp"] = "TRANSPARENT"
        elif r2 < 0.10:
            e["status"] = "TENTATIVE"
        elif r2 < 0.13:
            e["status"] = "CANCELLED"
        events.append(e)

    # Size the descriptions so the file lands near its target size.
    target = int(rng.uniform(0.75, 1.25) * TARGET_MEAN)
    head = w.header("%s – %s" % (prof, pid))
    base = sum(len(fold(l).encode("utf-8")) + 2 for ev in events for l in w.event(ev)) + \
        sum(len(l) + 2 for l in head) + 15
    per = max(0, (target - base) // max(1, len(events)))
    for ev in events:
        if "desc" not in ev:
            ev["desc"] = "" if (style == "google" and rng.random() < 0.2) else \
                description(rng, max(rng.randint(15, 60), int(per * rng.uniform(0.3, 1.7) * 74 / 76)))
    lines = list(head)
    for ev in events:
        lines += w.event(ev)
    lines.append("END:VCALENDAR")
    return pid, "\r\n".join(fold(l) for l in lines) + "\r\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", default="2026-11-23")
    args = ap.parse_args()
    if args.count <= 0:
        ap.error("--count must be positive")
    start = date.fromisoformat(args.start)
    os.makedirs(args.outdir, exist_ok=True)
    total = 0
    for i in range(args.count):
        pid, text = make_person(i, args.seed, start)
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(args.outdir, pid + ".ics"), "wb") as f:
            f.write(data)
    print("wrote %d calendars, %.1f MiB, to %s" % (args.count, total / 2**20, args.outdir), file=sys.stderr)


if __name__ == "__main__":
    main()
