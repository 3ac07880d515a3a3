#!/usr/bin/python3
"""Runs the walk-through (docs/walkthrough.md, and the README's short one) as a user would.

Every fenced ```sh block of the page is run, in order, in one bash session
(set -euo pipefail) against a real `yhteisaika serve` started on a free loopback
port with a temporary database and the demo calendars. The page's own
assignments of Y (the binary), DB (the database) and HOST (the server's address)
are pointed at this server; everything else runs as written, so the commands
must work on whatever day the test runs. The ```sh server block (the server's
start) is not run: the test starts the server itself with the same flags.

    /usr/bin/python3 walkthrough_test.py --binary build/src/app/yhteisaika --calendars calendars [unittest args]
"""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_support import Server, parse_test_args  # noqa: E402

BINARY = None
CALENDARS = None
REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FENCE = re.compile(r"^```(\S*)[ \t]*(.*?)\s*$")
MARKER = "@@ walkthrough block %d @@"
# The variables the test points at its own server; each page must assign them.
OURS = ("Y", "DB", "HOST")


def fenced_blocks(text):
    """[(info, body)] of the ``` fenced blocks of a markdown text, in order."""
    blocks, info, body = [], None, []
    for line in text.splitlines():
        m = FENCE.match(line)
        if info is None and m:
            info, body = (m.group(1) + " " + m.group(2)).strip(), []
        elif info is not None and line.strip() == "```":
            blocks.append((info, "\n".join(body)))
            info = None
        elif info is not None:
            body.append(line)
    if info is not None:
        raise AssertionError("an unterminated ``` block")
    return blocks


def json_objects(text):
    """The JSON objects printed one after another (with or without newlines) in `text`."""
    decoder, found, i = json.JSONDecoder(), [], 0
    while (j := text.find("{", i)) >= 0:
        try:
            value, i = decoder.raw_decode(text, j)
            found.append(value)
        except ValueError:
            i = j + 1
    return found


def section(text, heading):
    """The part of a markdown text from `heading` to the next heading of its level."""
    start = text.index(heading + "\n")
    level = heading.split(" ")[0]
    m = re.compile(r"^%s " % re.escape(level), re.M).search(text, start + len(heading))
    return text[start:m.start() if m else len(text)]


class Walkthrough:
    """Runs a page's sh blocks against `server`; block(snippet) is the output of the one block holding snippet."""

    def __init__(self, test, name, text, server, workdir):
        self.test = test
        self.name = name
        self.host = server.base_url
        blocks = fenced_blocks(text)
        self.commands = [body for info, body in blocks if info == "sh"]
        self.starts = [body for info, body in blocks if info == "sh server"]
        test.assertTrue(self.commands, "%s has no ```sh blocks" % name)
        values = {"Y": BINARY, "DB": server.db, "HOST": server.base_url}
        assigned = set()
        script = ["set -euo pipefail"]
        for i, body in enumerate(self.commands):
            lines = []
            for line in body.splitlines():
                m = re.match(r"^(%s)=" % "|".join(OURS), line)
                if m:
                    assigned.add(m.group(1))
                    line = "%s='%s'" % (m.group(1), values[m.group(1)])
                lines.append(line)
            script += ["echo '%s'" % (MARKER % i)] + lines
        test.assertEqual(assigned, set(OURS), "%s must assign Y, DB and HOST in its sh blocks" % name)
        env = {k: v for k, v in os.environ.items() if not k.startswith("YHTEISAIKA_")}
        r = subprocess.run(["bash", "-c", "\n".join(script)], cwd=workdir, env=env, capture_output=True,
                           text=True, timeout=240)
        # Not at a line start: an answer may end without a newline (curl prints the body as is).
        parts = re.split(r"@@ walkthrough block (\d+) @@\n", r.stdout)
        self.outputs = {int(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}
        last = max(self.outputs) if self.outputs else -1
        test.assertEqual(r.returncode, 0, "%s: a command of block %d failed (exit %d):\n%s\n--- its output:\n%s\n"
                                          "--- stderr:\n%s" % (name, last, r.returncode,
                                                               self.commands[last] if last >= 0 else "",
                                                               self.outputs.get(last, ""), r.stderr[-3000:]))
        test.assertEqual(len(self.outputs), len(self.commands), "%s: not every block ran" % name)

    def block(self, snippet):
        found = [i for i, body in enumerate(self.commands) if snippet in body]
        self.test.assertEqual(len(found), 1, "%s: exactly one sh block should hold %r" % (self.name, snippet))
        return self.outputs[found[0]]


class WalkthroughTest(unittest.TestCase):
    def run_page(self, name, text):
        server = Server(BINARY, CALENDARS)
        workdir = tempfile.mkdtemp(prefix="yhteisaika-walkthrough-", dir=server.workdir)
        with server:
            return Walkthrough(self, name, text, server, workdir)

    def test_the_walkthrough_commands_work_on_any_day(self):
        # The walk-through's fixed dates and ids ("from": "2026-11-23T09:00", ID=33)
        # stopped matching what happens once those days had passed.
        with open(os.path.join(REPO, "docs", "walkthrough.md"), encoding="utf-8") as f:
            text = f.read()
        page = self.run_page("docs/walkthrough.md", text)
        self.assertEqual(len(page.starts), 1, "the page shows how to start the server once")
        self.assertIn(" serve --db ", page.starts[0])

        self.assertEqual(page.block('curl -s $HOST/healthz').strip(), '{"status":"ok"}')
        self.assertIn('"start":null', page.block("EPIPHANY="))
        booked = page.block("-o meeting.json").splitlines()
        self.assertEqual(booked[0], "201", "booking answers 201 Created: %s" % booked)
        self.assertIn('"status":"scheduled"', booked[1])
        self.assertRegex(page.block("ID=$("), r"^meeting \d+\n$")
        invite = page.block("-o omatiimi.ics")
        self.assertIn("METHOD:REQUEST", invite)
        self.assertIn("SEQUENCE:0", invite)
        moved = page.block("reschedule -d '{}'")
        self.assertIn('"sequence":1', moved)
        self.assertIn("METHOD:REQUEST\nSEQUENCE:1\n", moved)
        cancelled = page.block("-X DELETE")
        self.assertIn('"status":"cancelled"', cancelled)
        self.assertRegex(cancelled, r"METHOD:CANCEL\nSEQUENCE:\d+\n409\n$")
        self.assertRegex(page.block('"duration_minutes": 7'), r'"error":"invalid_value".*\n422\n$')

        cli_url = page.block("feed-url --professional").strip().split()[-1]
        self.assertTrue(cli_url.startswith(page.host + "/feeds/"), cli_url)
        self.assertIn("address: base_url from flag --base-url", page.block("feed-url --professional"))
        self.assertRegex(page.block("FEED=$("), r"^http://127\.0\.0\.1:\d+/feeds/[0-9a-f]+\.ics\n$")
        polled = page.block("If-None-Match")
        self.assertRegex(polled, r'^ETag: "[^"]+"\n304\nUID:hole-laakari-korhonen@yhteisaika.local\n')

        self.assertIn('"rows":[{', page.block("utilisation?from="))
        self.assertTrue(page.block("kaytto.csv").startswith("key,label,"))
        self.assertEqual(page.block('"Authorization: Bearer $MGR" $API/meetings').strip(), "403")
        self.assertTrue(page.block('"calendar_source": "nuorisotyontekija-virtanen.ics"').endswith("\n201\n"))
        source = page.block("$API/sources")
        self.assertIn("'unknown': True", source)
        self.assertIn("no nuorisotyontekija-virtanen.ics", source)
        self.assertIn('"action":"book"', page.block("$API/audit"))

    def test_the_readme_walkthrough_commands_work_on_any_day(self):
        with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
            text = section(f.read(), "## Walk-through")
        page = self.run_page("README.md, Walk-through", text)
        booked = page.block("| tee meeting.json")
        self.assertIn('"status":"scheduled"', booked)
        self.assertIn("METHOD:REQUEST", page.block("$ID/invite.ics"))
        self.assertIn("SEQUENCE:1", page.block("/reschedule"))
        self.assertIn("METHOD:CANCEL", page.block("-X DELETE"))
        self.assertIn("304", page.block("If-None-Match"))
        self.assertIn('"rows":[{', page.block("utilisation?from="))
        self.assertTrue(page.block("format=csv").startswith("key,label,"))
        # The joint client's case (issue 13): held in the room with the client
        # and the close one, whose Tuesday and Thursday afternoons rule out the
        # hole; confirmed after consent.
        case = page.block("| tee held.json")
        held = next(o for o in json_objects(case) if o.get("status") == "held")
        self.assertEqual(held["status"], "held")
        self.assertFalse(held["in_hole"])
        self.assertEqual(held["room"]["id"], "neuvotteluhuone-2")
        self.assertEqual([(p["id"], p["kind"], p["label"]) for p in held["participants"]],
                         [("p1", "client", "Asiakas"), ("p2", "close_one", "Äiti")])
        start = datetime.datetime.fromisoformat(held["start"])
        self.assertIn(start.isoweekday(), (2, 4), "inside the close one's days: " + held["start"])
        self.assertGreaterEqual((start.hour, start.minute), (12, 0))
        for line in ("STATUS:TENTATIVE", "LOCATION:Neuvotteluhuone 2", "CUTYPE=ROOM;ROLE=NON-PARTICIPANT"):
            self.assertIn(line, case)
        self.assertIn("scheduled 1", case)
        self.assertIn("mapping ['scheduled']", case)


def main():
    global BINARY, CALENDARS
    BINARY, CALENDARS, argv = parse_test_args(__doc__)
    unittest.main(argv=argv, verbosity=2)


if __name__ == "__main__":
    main()
