#!/usr/bin/env python3
"""Benchmark: refresh 2,000 ICS-URL calendars served from loopback, 95% unchanged (304).

Serves the calendars with tests/integration/sources_support.IcsServer (ETag,
If-None-Match), lets bench/sources_bench read them all once, changes 5% of them,
and times the second round, in which every copy is asked again conditionally.
Target: <= 10 s for the refresh round.

    python3 bench/sources_bench.py --binary build/bench/sources_bench [--count 2000] [--concurrency 16]
"""
import argparse
import datetime as dt
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "integration"))
from sources_support import IcsServer, vcalendar  # noqa: E402

HELSINKI = dt.timezone(dt.timedelta(hours=2))


def calendar(i, version):
    rnd = random.Random(i * 1000 + version)
    start = dt.datetime.now(HELSINKI).replace(hour=8, minute=0, second=0, microsecond=0)
    events = []
    for n in range(40):
        s = start + dt.timedelta(days=rnd.randrange(0, 60), minutes=15 * rnd.randrange(0, 32))
        events.append((s, s + dt.timedelta(minutes=15 * rnd.randrange(2, 8)), "p%04d-%d-%d" % (i, n, version)))
    return vcalendar(events)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--changed", type=float, default=0.05)
    ap.add_argument("--concurrency", type=int, default=16)
    args = ap.parse_args()
    server = IcsServer().start()
    try:
        for i in range(args.count):
            server.put("/p%04d.ics" % i, calendar(i, 0))
        proc = subprocess.Popen([args.binary, "--base-url", "http://127.0.0.1:%d" % server.port,
                                 "--count", str(args.count), "--concurrency", str(args.concurrency)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for line in proc.stdout:
            print(line.rstrip())
            if line.strip() == "ready":
                changed = random.Random(7).sample(range(args.count), int(args.count * args.changed))
                for i in changed:
                    server.put("/p%04d.ics" % i, calendar(i, 1))
                proc.stdin.write("go\n")
                proc.stdin.flush()
        code = proc.wait()
        n304 = sum(v for (path, status), v in server.counts.items() if status == 304)
        n200 = sum(v for (path, status), v in server.counts.items() if status == 200)
        print("server answered: 200 x %d, 304 x %d" % (n200, n304))
        return code
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
