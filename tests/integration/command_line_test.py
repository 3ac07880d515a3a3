#!/usr/bin/python3
"""End-to-end checks of how `yhteisaika serve` starts and refuses to start.

What the command line does without a server (help, databases that must exist,
feed-url's address, solve --db) is tested in tests/app/cli_test.cpp; here are
the cases that need a real listening socket.

    /usr/bin/python3 command_line_test.py --binary build/src/app/yhteisaika --calendars calendars [unittest args]
"""
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service_support import Server, parse_test_args  # noqa: E402

BINARY = None
CALENDARS = None


def serve(*args, timeout=30):
    """Runs `yhteisaika serve ARGS` that is expected to stop on its own; returns the CompletedProcess."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("YHTEISAIKA_")}
    return subprocess.run([BINARY, "serve", "--calendars", CALENDARS] + list(args), env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout)


class ServeStartTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="yhteisaika-cli-it-")
        self.addCleanup(self.tmp.cleanup)

    def test_a_second_server_on_a_used_port_fails_before_it_writes_anything(self):
        # The second server opened (and created, with the demo team imported) its
        # database before it found the port taken.
        with Server(BINARY, CALENDARS) as first:
            second_db = os.path.join(self.tmp.name, "second.db")
            r = serve("--db", second_db, "--listen", "127.0.0.1:%d" % first.port)
            self.assertEqual(r.returncode, 2, r)
            self.assertIn("127.0.0.1:%d" % first.port, r.stderr)
            self.assertIn("in use", r.stderr)
            self.assertEqual(sorted(os.listdir(self.tmp.name)), [], "the second server wrote %s"
                             % os.listdir(self.tmp.name))
            self.assertEqual(first.get("/healthz").status, 200)

    def test_a_database_in_a_missing_folder_names_the_folder(self):
        # SQLite's "unable to open database file" did not say which part was wrong.
        folder = os.path.join(self.tmp.name, "no-such-folder")
        r = serve("--db", os.path.join(folder, "yhteisaika.db"), "--listen", "127.0.0.1:0")
        self.assertEqual(r.returncode, 2, r)
        self.assertIn("the folder %s does not exist" % folder, r.stderr)
        self.assertFalse(os.path.exists(folder))


def main():
    global BINARY, CALENDARS
    BINARY, CALENDARS, argv = parse_test_args(__doc__)
    unittest.main(argv=argv, verbosity=2)


if __name__ == "__main__":
    main()
