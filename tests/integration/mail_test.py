#!/usr/bin/python3
"""Invites by e-mail (iMIP, RFC 6047) and the answers that come back, against
real mail servers on loopback: an SMTP sink (Debian's python3-aiosmtpd) and
Dovecot IMAP (dovecot-imapd), both started here (tests/integration/mail_servers.py).

Each test starts `yhteisaika serve` with its own database, books meetings of
the demo team over HTTP, and reads what arrived with Python's `email` package
and python3-icalendar, independent of the C++ code that wrote it.

    /usr/bin/python3 mail_test.py --binary build/src/app/yhteisaika --calendars calendars [unittest args]
"""
import email
import email.policy
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
import unittest
import urllib.parse
from email.message import EmailMessage

import icalendar

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mail_servers import Dovecot, SmtpSink, free_port  # noqa: E402
from service_support import Server, parse_test_args  # noqa: E402

BINARY = CALENDARS = None
ORGANIZER = "yhteisaika@hyvinvointialue.example"
TEAM = ["sosiaalityontekija-aalto", "laakari-korhonen", "psykologi-makela"]
OPTIONAL = "kelan-asiantuntija-salo"
EMAIL = {
    "sosiaalityontekija-aalto": "sanna.aalto@hyvinvointialue.example",
    "laakari-korhonen": "mikko.korhonen@hyvinvointialue.example",
    "psykologi-makela": "heidi.makela@hyvinvointialue.example",
    "kelan-asiantuntija-salo": "anna-maija.salo@hyvinvointialue.example",
}
PROFESSION = {"laakari-korhonen": "lääkäri", "psykologi-makela": "psykologi",
              "sosiaalityontekija-aalto": "sosiaalityöntekijä", "kelan-asiantuntija-salo": "Kelan asiantuntija"}
IMAP_USER, IMAP_PASSWORD = "yhteisaika", "imap-salasana-123"
SMTP_PASSWORD = "smtp-salasana-456"
# A valid henkilötunnus (checksum and date): must never reach any message.
IDENTITY_CODE = "131052-308T"


def wait_for(what, predicate, timeout=20.0, step=0.1):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(step)


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def calendar_part(msg):
    parts = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, [p.get_content_type() for p in msg.walk()]
    return parts[0]


def answer_links(msg):
    """answer -> the link's secret, from the text part."""
    text = msg.get_body(("plain",)).get_content()
    return {a: s for s, a in re.findall(r"/answers/([0-9a-f]{64})\?answer=(accepted|tentative|declined)", text)}


class MailCase(unittest.TestCase):
    """A server with e-mail on; subclasses say whether IMAP is read too."""

    with_imap = False

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="yhteisaika-mail-")
        self.sink = SmtpSink(os.path.join(self.dir, "smtp"), credentials=("yhteisaika", SMTP_PASSWORD))
        self.sink.start()
        self.addCleanup(self.sink.stop)
        password_file = os.path.join(self.dir, "smtp-password")
        with open(password_file, "w") as f:
            f.write(SMTP_PASSWORD + "\n")
        args = ["--smtp_url", "smtp://127.0.0.1:%d" % self.sink.port, "--smtp_starttls", "no",
                "--smtp_user", "yhteisaika", "--smtp_password_file", password_file,
                "--organizer_email", ORGANIZER, "--mail_retry_seconds", "1"]
        if self.with_imap:
            self.imap = Dovecot(os.path.join(self.dir, "imap"), IMAP_USER, IMAP_PASSWORD).start()
            self.addCleanup(self.imap.stop)
            imap_password = os.path.join(self.dir, "imap-password")
            with open(imap_password, "w") as f:
                f.write(IMAP_PASSWORD + "\n")
            args += ["--imap_url", "imap://127.0.0.1:%d/INBOX" % self.imap.port, "--imap_starttls", "no",
                     "--imap_user", IMAP_USER, "--imap_password_file", imap_password, "--imap_poll_seconds", "1"]
        self.server = Server(BINARY, CALENDARS, workdir=os.path.join(self.dir, "server"), extra_args=args)
        os.makedirs(self.server.workdir)
        self.server.start()
        self.addCleanup(self.server.cleanup)
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.coordinator = self.server.token("coordinator", "Sanna Aalto")
        self.admin = self.server.token("admin", "it-admin")

    # -- helpers ---------------------------------------------------------------
    def book(self, case_ref="YA-2026-0042", optional=(OPTIONAL,), **extra):
        body = dict(case_ref=case_ref, coordinator="sosiaalityontekija-aalto", required=TEAM,
                    optional=list(optional), duration_minutes=60,
                    location="Hämeenkosken sote-keskus, neuvotteluhuone 2", **extra)
        r = self.server.post("/api/v1/meetings", body, token=self.coordinator)
        self.assertEqual(r.status, 201, r.text)
        return r.json()

    def meeting(self, mid):
        r = self.server.get("/api/v1/meetings/%d" % mid, token=self.coordinator)
        self.assertEqual(r.status, 200, r.text)
        return r.json()

    def mails(self, count, since=0):
        """Waits until `since + count` messages arrived; returns the new ones, parsed."""
        got = wait_for("%d messages in the SMTP sink" % (since + count),
                       lambda: (lambda m: m if len(m) >= since + count else None)(self.sink.messages()))
        return [dict(m, msg=parse(m["raw"])) for m in got[since:]]

    def outbox(self, status=None):
        r = self.server.get("/api/v1/outbox" + ("?status=" + status if status else ""), token=self.admin)
        self.assertEqual(r.status, 200, r.text)
        return r.json()["outbox"]

    def partstat(self, mid, who):
        return {a["id"]: a["partstat"] for a in self.meeting(mid)["attendees"]}[who]


class InviteMailTest(MailCase):
    def test_every_attendee_gets_an_imip_request_carrying_the_invite(self):
        m = self.book()
        arrived = self.mails(4)
        invite = self.server.get("/api/v1/meetings/%d/invite.ics" % m["id"], token=self.coordinator)
        self.assertEqual(invite.status, 200)
        self.assertEqual(sorted(r for a in arrived for r in a["rcpt_tos"]), sorted(EMAIL.values()))
        for a in arrived:
            msg = a["msg"]
            self.assertEqual(a["mail_from"], ORGANIZER)
            self.assertEqual(msg.defects, [])
            self.assertEqual(msg.get_content_type(), "multipart/alternative")
            self.assertEqual(msg["From"].addresses[0].addr_spec, ORGANIZER)
            self.assertEqual(msg["Reply-To"].addresses[0].addr_spec, ORGANIZER)
            self.assertEqual([x.addr_spec for x in msg["To"].addresses], a["rcpt_tos"])
            self.assertRegex(msg["Message-ID"], r"^<[^<>@\s]+@hyvinvointialue\.example>$")
            self.assertIsNotNone(msg["Date"].datetime)
            self.assertIn("YA-2026-0042", str(msg["Subject"]))
            self.assertTrue(str(msg["Subject"]).startswith("Kutsu:"), str(msg["Subject"]))

            text = msg.get_body(("plain",)).get_content()
            fi, _, en = text.partition("--- In English ---")
            self.assertTrue(en, "Finnish first, English below")
            start = m["start"]  # e.g. 2026-12-02T14:30:00+02:00
            hh, mm = start[11:13].lstrip("0") or "0", start[14:16]
            self.assertIn("klo %s.%s" % (hh, mm), fi)
            self.assertIn("%s:%s" % (start[11:13], mm), en)
            for part in (fi, en):
                self.assertIn("YA-2026-0042", part)
                self.assertIn("Hämeenkosken sote-keskus, neuvotteluhuone 2", part)
            recipient = a["rcpt_tos"][0]
            others = [p for p, e in EMAIL.items() if e != recipient]
            for other in others:
                self.assertIn(PROFESSION[other], fi, "who else is invited, by role")
            if recipient == EMAIL["sosiaalityontekija-aalto"]:
                # The coordinator organizes the meeting: attending, not asked (RSVP=FALSE), no links.
                self.assertEqual(answer_links(msg), {}, "the coordinator is asked to answer their own meeting")
            else:
                self.assertEqual(set(answer_links(msg)), {"accepted", "tentative", "declined"})

            cal = calendar_part(msg)
            self.assertEqual(cal.get_param("method"), "REQUEST")
            self.assertEqual(cal.get_param("charset").upper(), "UTF-8")
            self.assertEqual(cal.get_content().replace("\r\n", "\n"), invite.text.replace("\r\n", "\n"),
                             "the mail carries the same iTIP object as invite.ics")
            ical = icalendar.Calendar.from_ical(cal.get_content())
            self.assertEqual(str(ical["METHOD"]), "REQUEST")
            ev = ical.walk("VEVENT")[0]
            self.assertEqual(str(ev["ORGANIZER"]).lower(), "mailto:" + ORGANIZER,
                             "answers go to the service's mailbox")
            self.assertEqual(ev["ORGANIZER"].params.get("CN"), "Sanna Aalto", "named after the coordinator")
            self.assertEqual(int(ev["SEQUENCE"]), 0)
            coordinator = [x for x in ev.get("ATTENDEE") if str(x).lower() == "mailto:" + EMAIL["sosiaalityontekija-aalto"]]
            self.assertEqual([(x.params.get("PARTSTAT"), x.params.get("RSVP")) for x in coordinator],
                             [("ACCEPTED", "FALSE")], "the coordinator attends, and is not asked to reply")
        self.assertEqual({e["status"] for e in self.outbox()}, {"sent"})

    def test_reschedule_and_cancel_are_mailed_with_a_higher_sequence(self):
        m = self.book()
        self.mails(4)
        r = self.server.post("/api/v1/meetings/%d/reschedule" % m["id"], {}, token=self.coordinator)
        self.assertEqual(r.status, 200, r.text)
        updates = self.mails(4, since=4)
        for a in updates:
            self.assertTrue(str(a["msg"]["Subject"]).startswith("Päivitetty kutsu:"), str(a["msg"]["Subject"]))
            ev = icalendar.Calendar.from_ical(calendar_part(a["msg"]).get_content()).walk("VEVENT")[0]
            self.assertEqual(int(ev["SEQUENCE"]), 1)
        r = self.server.request("DELETE", "/api/v1/meetings/%d" % m["id"], token=self.coordinator)
        self.assertEqual(r.status, 200, r.text)
        cancels = self.mails(4, since=8)
        for a in cancels:
            cal = calendar_part(a["msg"])
            self.assertEqual(cal.get_param("method"), "CANCEL")
            ical = icalendar.Calendar.from_ical(cal.get_content())
            self.assertEqual(str(ical["METHOD"]), "CANCEL")
            self.assertEqual(int(ical.walk("VEVENT")[0]["SEQUENCE"]), 2)
            self.assertEqual(answer_links(a["msg"]), {}, "nothing to answer in a cancellation")

    def test_no_identity_code_reaches_any_mail(self):
        r = self.server.post("/api/v1/meetings", dict(case_ref="YA-2026-0043", required=TEAM, duration_minutes=60,
                                                      description="Asiakas " + IDENTITY_CODE),
                             token=self.coordinator)
        self.assertEqual(r.status, 422, r.text)
        self.book(case_ref="YA-2026-0044", optional=())
        arrived = self.mails(3)
        time.sleep(1.5)  # the refused booking would have been mailed by now
        self.assertEqual(len(self.sink.messages()), 3)
        for a in arrived:
            for part in a["msg"].walk():
                if not part.is_multipart():
                    self.assertNotIn(IDENTITY_CODE, part.get_content())
            self.assertNotIn(IDENTITY_CODE.encode(), a["raw"])

    def test_the_outbox_is_for_admins(self):
        self.book(optional=())
        self.mails(3)
        self.assertEqual(self.server.get("/api/v1/outbox", token=self.coordinator).status, 403)
        self.assertEqual(self.server.get("/api/v1/outbox").status, 401)
        rows = self.outbox("sent")
        self.assertEqual(len(rows), 3)
        for row in rows:
            self.assertEqual((row["method"], row["attempts"], row["last_error"]), ("REQUEST", 0, None))
            self.assertIsNotNone(row["sent_at"])
        self.assertEqual(self.server.get("/api/v1/outbox?status=lost", token=self.admin).status, 422)
        # Neither the SMTP password nor any message text is in the server's log.
        self.assertNotIn(SMTP_PASSWORD, self.server.stderr_text())


class OutboxTest(MailCase):
    def test_smtp_down_queued_then_delivered_after_a_restart(self):
        self.sink.stop()
        m = self.book(optional=())
        rows = wait_for("failed tries in the outbox",
                        lambda: (lambda r: r if len(r) == 3 and all(x["attempts"] >= 1 for x in r) else None)(
                            self.outbox("queued")))
        for row in rows:
            self.assertIn("127.0.0.1:%d" % self.sink.port, row["last_error"])
            self.assertNotIn(SMTP_PASSWORD, row["last_error"])
        self.assertEqual(self.sink.messages(), [])
        # The service stops with mail still queued; nothing is lost.
        self.assertEqual(self.server.stop(), 0)
        self.sink.start()  # the SMTP server is back, on the same port
        self.server.start()
        arrived = self.mails(3)
        self.assertEqual(sorted(r for a in arrived for r in a["rcpt_tos"]), sorted(EMAIL[p] for p in TEAM))
        for a in arrived:
            self.assertIn("meeting-%d@" % m["id"], calendar_part(a["msg"]).get_content())
        wait_for("every message sent", lambda: {e["status"] for e in self.outbox()} == {"sent"})

    def test_a_refused_recipient_fails_at_once_with_the_reason(self):
        self.sink.stop()
        self.sink = SmtpSink(os.path.join(self.dir, "smtp"), port=self.sink.port, reject=[EMAIL["laakari-korhonen"]],
                             credentials=("yhteisaika", SMTP_PASSWORD)).start()
        self.addCleanup(self.sink.stop)
        self.book(optional=())
        failed = wait_for("a failed message", lambda: self.outbox("failed"))
        self.assertEqual(len(failed), 1)
        self.assertEqual(failed[0]["recipient"], EMAIL["laakari-korhonen"])
        self.assertIn("550", failed[0]["last_error"])
        wait_for("the others sent", lambda: len(self.outbox("sent")) == 2)

    def test_a_bad_address_fails_its_own_message_and_the_mail_behind_it_is_sent(self):
        # An address like "Name <a@b>" made building its message throw: the
        # mailer's round failed every second and every notice behind it waited.
        named = "Mikko Korhonen <%s>" % EMAIL["laakari-korhonen"]
        for method, path, body in (("PATCH", "/api/v1/professionals/laakari-korhonen", {"email": named}),
                                   ("POST", "/api/v1/professionals",
                                    {"id": "nuorisotyontekija-virtanen", "name": "Ville Virtanen", "email": named})):
            r = self.server.request(method, path, body=body, token=self.admin)
            self.assertEqual((r.status, r.json()["error"], r.json()["field"]), (422, "invalid_value", "email"),
                             "%s %s" % (method, path))
        # One stored before addresses were checked where they come in.
        db = sqlite3.connect(self.server.db)
        with db:
            db.execute("UPDATE professionals SET email = ? WHERE id = 'laakari-korhonen'", (named,))
        db.close()
        self.book(optional=())
        arrived = self.mails(2)
        self.assertEqual(sorted(r for a in arrived for r in a["rcpt_tos"]),
                         sorted([EMAIL["sosiaalityontekija-aalto"], EMAIL["psykologi-makela"]]))
        failed = wait_for("the doctor's message failed", lambda: self.outbox("failed"))
        self.assertEqual((len(failed), failed[0]["professional"], failed[0]["attempts"]), (1, "laakari-korhonen", 0))
        self.assertIn("cannot be built", failed[0]["last_error"])
        self.book(case_ref="YA-2026-0045", optional=())  # the next notice goes out as well
        self.mails(2, since=2)
        self.assertEqual(len(wait_for("two failed", lambda: (lambda f: f if len(f) == 2 else None)(
            self.outbox("failed")))), 2)
        log = self.server.stderr_text()
        self.assertIn('"mail failed"', log)
        self.assertNotIn("mailer round failed", log)


class AnswerLinkTest(MailCase):
    def test_links_answer_for_their_attendee_and_go_stale_on_reschedule(self):
        m = self.book()
        arrived = self.mails(4)
        doctor = next(a for a in arrived if a["rcpt_tos"] == [EMAIL["laakari-korhonen"]])
        psych = next(a for a in arrived if a["rcpt_tos"] == [EMAIL["psykologi-makela"]])
        links = answer_links(doctor["msg"])
        decline = "/answers/%s" % links["declined"]

        # Opening the link (as a mail scanner would) changes nothing; it asks to confirm.
        page = self.server.get(decline + "?answer=declined")
        self.assertEqual(page.status, 200)
        self.assertIn("<form method=\"post\"", page.text)
        self.assertIn("YA-2026-0042", page.text)
        self.assertEqual(page.header("Cache-Control"), "no-store")
        self.assertEqual(self.partstat(m["id"], "laakari-korhonen"), "NEEDS-ACTION")

        done = self.server.request("POST", decline, raw=b"answer=declined",
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(done.status, 200, done.text)
        self.assertIn("En pääse", done.text)
        after = self.meeting(m["id"])
        doc = next(a for a in after["attendees"] if a["id"] == "laakari-korhonen")
        self.assertEqual(doc["partstat"], "DECLINED")
        self.assertIsNotNone(doc["answered_at"])
        self.assertEqual(after["required_declines"], ["laakari-korhonen"])
        self.assertTrue(after["needs_attention"])
        # The psychologist's link answers for the psychologist only.
        p_accept = "/answers/%s" % answer_links(psych["msg"])["accepted"]
        r = self.server.request("POST", p_accept, raw=b"answer=accepted",
                                headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(r.status, 200)
        self.assertEqual(self.partstat(m["id"], "psykologi-makela"), "ACCEPTED")
        self.assertEqual(self.partstat(m["id"], "laakari-korhonen"), "DECLINED")

        r = self.server.get("/api/v1/meetings?declined=true", token=self.coordinator)
        self.assertEqual([x["id"] for x in r.json()["meetings"]], [m["id"]])
        self.assertEqual(self.server.get("/answers/" + "0" * 64).status, 404)
        self.assertEqual(self.server.request("POST", decline, raw=b"answer=maybe",
                                             headers={"Content-Type": "application/x-www-form-urlencoded"}).status,
                         400)

        # Re-solve without the decliner: they get a CANCEL, the rest an update, everyone is asked anew.
        r = self.server.post("/api/v1/meetings/%d/reschedule" % m["id"], {"without_declined": True},
                             token=self.coordinator)
        self.assertEqual(r.status, 200, r.text)
        moved = r.json()
        self.assertNotIn("laakari-korhonen", [a["id"] for a in moved["attendees"]])
        self.assertEqual({a["id"]: a["partstat"] for a in moved["attendees"]},
                         {a["id"]: "ACCEPTED" if a["id"] == "sosiaalityontekija-aalto" else "NEEDS-ACTION"
                          for a in moved["attendees"]}, "all but the coordinator are asked anew")
        self.assertFalse(moved["needs_attention"])
        told = self.mails(4, since=4)
        by_rcpt = {a["rcpt_tos"][0]: a for a in told}
        self.assertEqual(calendar_part(by_rcpt[EMAIL["laakari-korhonen"]]["msg"]).get_param("method"), "CANCEL")
        for who in ("psykologi-makela", "sosiaalityontekija-aalto", OPTIONAL):
            self.assertEqual(calendar_part(by_rcpt[EMAIL[who]]["msg"]).get_param("method"), "REQUEST")

        # The psychologist's old link is for SEQUENCE 0: it says so and changes nothing.
        stale = self.server.request("POST", p_accept, raw=b"answer=accepted",
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(stale.status, 410)
        self.assertIn("vanhentunut", stale.text)
        self.assertEqual(self.partstat(m["id"], "psykologi-makela"), "NEEDS-ACTION")
        # The doctor, taken off, is told so.
        self.assertEqual(self.server.get(decline).status, 410)

    def test_reschedule_refuses_to_drop_someone_not_invited(self):
        m = self.book(optional=())
        r = self.server.post("/api/v1/meetings/%d/reschedule" % m["id"], {"without": ["kuraattori-heikkinen"]},
                             token=self.coordinator)
        self.assertEqual(r.status, 422, r.text)
        self.assertEqual(r.json()["field"], "without[0]")
        r = self.server.post("/api/v1/meetings/%d/reschedule" % m["id"], {"without_declined": "yes"},
                             token=self.coordinator)
        self.assertEqual(r.status, 400, r.text)
        self.assertEqual(r.json()["field"], "without_declined")


def reply_mail(invite_msg, attendee_email, partstat, sequence=None):
    """A METHOD:REPLY as a calendar client sends it to the organizer, built with icalendar."""
    request = icalendar.Calendar.from_ical(calendar_part(invite_msg).get_content())
    ev = request.walk("VEVENT")[0]
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN")
    cal.add("version", "2.0")
    cal.add("method", "REPLY")
    reply = icalendar.Event()
    reply.add("uid", str(ev["UID"]))
    reply.add("sequence", int(ev["SEQUENCE"]) if sequence is None else sequence)
    reply.add("dtstamp", ev["DTSTAMP"].dt)
    reply.add("dtstart", ev["DTSTART"].dt)
    reply.add("dtend", ev["DTEND"].dt)
    reply.add("summary", str(ev["SUMMARY"]))
    reply.add("organizer", str(ev["ORGANIZER"]))
    att = icalendar.vCalAddress("mailto:" + attendee_email)
    att.params["PARTSTAT"] = icalendar.vText(partstat)
    reply.add("attendee", att, encode=0)
    cal.add_component(reply)
    msg = EmailMessage()
    msg["From"] = attendee_email
    msg["To"] = ORGANIZER
    msg["Subject"] = "Vastaus: " + str(invite_msg["Subject"])
    msg.set_content("%s has answered %s" % (attendee_email, partstat))
    msg.add_alternative(cal.to_ical().decode(), subtype="calendar", params={"method": "REPLY"})
    return msg.as_bytes()


class ImapReplyTest(MailCase):
    with_imap = True

    def test_replies_by_mail_set_attendance_and_stale_ones_are_ignored(self):
        m = self.book()
        arrived = self.mails(4)
        psych = next(a for a in arrived if a["rcpt_tos"] == [EMAIL["psykologi-makela"]])["msg"]
        uid = self.imap.append(reply_mail(psych, EMAIL["psykologi-makela"], "ACCEPTED"))
        wait_for("the reply applied", lambda: self.partstat(m["id"], "psykologi-makela") == "ACCEPTED")
        wait_for("the reply marked seen", lambda: uid in self.imap.seen_uids())

        doctor = next(a for a in arrived if a["rcpt_tos"] == [EMAIL["laakari-korhonen"]])["msg"]
        self.imap.append(reply_mail(doctor, EMAIL["laakari-korhonen"], "DECLINED"))
        wait_for("the decline applied", lambda: self.meeting(m["id"])["needs_attention"])

        # After a reschedule, a reply to the old SEQUENCE is ignored (and logged).
        r = self.server.post("/api/v1/meetings/%d/reschedule" % m["id"], {}, token=self.coordinator)
        self.assertEqual(r.status, 200, r.text)
        stale = self.imap.append(reply_mail(psych, EMAIL["psykologi-makela"], "DECLINED", sequence=0))
        other = self.imap.append(b"From: someone@example.org\r\nTo: " + ORGANIZER.encode() +
                                 b"\r\nSubject: Poissa toimistolta\r\n\r\nOlen lomalla.\r\n")
        wait_for("both marked seen", lambda: {stale, other} <= set(self.imap.seen_uids()))
        self.assertEqual(self.partstat(m["id"], "psykologi-makela"), "NEEDS-ACTION")
        log = self.server.stderr_text()
        self.assertIn('"outcome":"superseded"', log)
        self.assertIn("no calendar part", log)
        self.assertNotIn(IMAP_PASSWORD, log)


def main():
    global BINARY, CALENDARS
    BINARY, CALENDARS, argv = parse_test_args(__doc__)
    unittest.main(argv=argv, verbosity=2)


if __name__ == "__main__":
    main()
