#!/usr/bin/python3
"""Independent check of Yhteisaika's iMIP e-mail (mail/calendar_mail, mail/invite_text).

Runs write_mail_samples into a temporary directory, then reads each message
with Python's email package (policy=email.policy.default) and the calendar part
with python3-icalendar (a Debian package of /usr/bin/python3), and checks what
a mail client would see: the MIME structure, the decoded headers, the text in
Finnish and English, the calendar part's parameters and content, and the line
limits of RFC 5322 §2.1.1.

    /usr/bin/python3 validate_mail.py --generator PATH/write_mail_samples

Exit 0 when every check passes, 1 with the failures listed otherwise, 2 on a
usage or environment error.
"""
import argparse
import email
import email.policy
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timezone

try:
    import icalendar
except ImportError as e:
    sys.stderr.write(f"validate_mail: needs python3-icalendar ({e}); run it with /usr/bin/python3\n")
    sys.exit(2)

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
    return condition


WHEN = " YA-2026-0042, ke 2.12.2026 klo 14.30"
SAMPLES = {
    "invitation.eml": ("REQUEST", "Kutsu: Omatiimin tapaaminen" + WHEN),
    "update.eml": ("REQUEST", "Päivitetty kutsu: Moniammatillinen yhteistyöpalaveri, jossa käydään läpi "
                              "hoito- ja palvelusuunnitelma" + WHEN),
    "cancellation.eml": ("CANCEL", "Peruttu: Omatiimin tapaaminen" + WHEN),
}
FINNISH = ["Hei Päivi Mäkinen,", "Aika: keskiviikko 2.12.2026 klo 14.30–15.30", "Paikka: Sote-keskus, huone 3",
           "Asia: YA-2026-0042", "Kutsuja: Kaisa Koordinaattori", "- lääkäri: Pekka Korhonen"]
ENGLISH = ["Time: Wednesday 2 December 2026, 14:30–15:30 (Europe/Helsinki)", "Case: YA-2026-0042",
           "Organizer: Kaisa Koordinaattori"]
LINKS = ["Osallistun: https://yhteisaika.example.fi/v/abc?a=accept", "Ehkä: https://yhteisaika.example.fi/v/abc?a=tentative",
         "En pääse: https://yhteisaika.example.fi/v/abc?a=decline", "Accept: https://yhteisaika.example.fi/v/abc?a=accept",
         "Decline: https://yhteisaika.example.fi/v/abc?a=decline"]


def check_raw(name, data):
    """RFC 5322 §2.1, §2.3: CRLF lines of at most 998 octets, and 7-bit text (every
    8-bit octet is transfer-encoded)."""
    check(data.endswith(b"\r\n"), f"{name}: does not end in CRLF")
    lines = data.split(b"\r\n")[:-1]
    for n, line in enumerate(lines, 1):
        check(b"\n" not in line and b"\r" not in line, f"{name}:{n}: a bare CR or LF")
        check(len(line) <= 998, f"{name}:{n}: {len(line)} octets, more than 998")
        check(all(b < 0x80 for b in line), f"{name}:{n}: an 8-bit octet in the raw message")
    body = lines[lines.index(b"") + 1:] if b"" in lines else []
    for n, line in enumerate(body, 1):
        check(len(line) <= 76, f"{name}: body line {n} has {len(line)} octets, more than 76")


def check_message(name, data, method, subject):
    check_raw(name, data)
    msg = email.message_from_bytes(data, policy=email.policy.default)
    check(not msg.defects, f"{name}: defects {msg.defects}")
    check(str(msg["Subject"]) == subject, f"{name}: Subject reads {str(msg['Subject'])!r}")
    sender = msg["From"].addresses
    check(len(sender) == 1 and sender[0].display_name == "Yhteisaika – Kaisa Koordinaattori"
          and sender[0].addr_spec == "kutsut@yhteisaika.example.fi", f"{name}: From reads {str(msg['From'])!r}")
    to = msg["To"].addresses
    check(len(to) == 1 and to[0].display_name == "Päivi Mäkinen" and to[0].addr_spec == "paivi.makinen@example.fi",
          f"{name}: To reads {str(msg['To'])!r}")
    reply_to = msg["Reply-To"]
    check(reply_to is not None and reply_to.addresses[0].addr_spec == "kutsut@yhteisaika.example.fi",
          f"{name}: Reply-To {reply_to!r}")
    check(msg["Message-ID"] is not None and str(msg["Message-ID"]).startswith("<outbox-"), f"{name}: Message-ID")
    date = msg["Date"]
    check(date is not None and date.datetime == datetime(2026, 11, 30, 18, 18, 5, tzinfo=timezone.utc),
          f"{name}: Date {date!r}")
    check(str(msg["MIME-Version"]) == "1.0", f"{name}: MIME-Version")

    if not check(msg.is_multipart(), f"{name}: not multipart"):
        return
    check(msg.get_content_type() == "multipart/alternative", f"{name}: {msg.get_content_type()}")
    parts = list(msg.iter_parts())
    if not check(len(parts) == 2, f"{name}: {len(parts)} parts, expected 2"):
        return
    text_part, calendar_part = parts
    for part in parts:
        check(not part.defects, f"{name}: {part.get_content_type()} part has defects {part.defects}")

    check(text_part.get_content_type() == "text/plain", f"{name}: first part {text_part.get_content_type()}")
    check(text_part.get_content_charset() == "utf-8", f"{name}: text charset {text_part.get_content_charset()}")
    text = text_part.get_payload(decode=True).decode("utf-8")
    check("\n" not in text.replace("\r\n", ""), f"{name}: the text has a line break that is not CRLF")
    text = text.replace("\r\n", "\n")
    finnish, _, english = text.partition("\n--- In English ---\n")
    check(english != "", f"{name}: no '--- In English ---' line")
    for line in FINNISH:
        check(line in finnish, f"{name}: the Finnish text lacks {line!r}")
    for line in ENGLISH:
        check(line in english, f"{name}: the English text lacks {line!r}")
    for line in LINKS:
        if method == "CANCEL":
            check(line.split(": ")[0] + ":" not in text, f"{name}: a cancellation has the link {line!r}")
        else:
            check(line in text, f"{name}: the text lacks {line!r}")

    check(calendar_part.get_content_type() == "text/calendar", f"{name}: second part {calendar_part.get_content_type()}")
    check(calendar_part.get_param("method") == method, f"{name}: method={calendar_part.get_param('method')}")
    check(calendar_part.get_param("charset") == "UTF-8", f"{name}: charset={calendar_part.get_param('charset')}")
    try:
        cal = icalendar.Calendar.from_ical(calendar_part.get_payload(decode=True))
    except Exception as e:  # noqa: BLE001 - any parser failure is the finding
        failures.append(f"{name}: python3-icalendar cannot read the calendar part: {e!r}")
        return
    check(str(cal.get("METHOD")) == method, f"{name}: METHOD {cal.get('METHOD')}")
    events = cal.walk("VEVENT")
    if check(len(events) == 1, f"{name}: {len(events)} VEVENTs"):
        ev = events[0]
        check(str(ev["UID"]) == "meeting-42@yhteisaika.local", f"{name}: UID {ev['UID']}")
        check(ev["DTSTART"].dt.astimezone(timezone.utc) == datetime(2026, 12, 2, 12, 30, tzinfo=timezone.utc),
              f"{name}: DTSTART {ev['DTSTART'].dt}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generator", required=True, help="path of the write_mail_samples executable")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="yhteisaika-mail-") as out:
        result = subprocess.run([args.generator, out])
        if result.returncode != 0:
            sys.stderr.write(f"validate_mail: {args.generator} failed with {result.returncode}\n")
            return 2
        for file, (method, subject) in SAMPLES.items():
            with open(os.path.join(out, file), "rb") as f:
                check_message(file, f.read(), method, subject)

    for f in failures:
        print("FAIL", f)
    print(f"validate_mail: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
