#!/usr/bin/python3
"""Booking throughput of `yhteisaika serve` over HTTP.

N concurrent clients (threads, one keep-alive connection each) book meetings for
distinct cases over a team: every booking names `--attendees` professionals
drawn at random, a window of 14 days from a random working day, hole-first, and
no start (the server solves, re-checks and writes in one transaction). Reports
bookings/s (201 answers over the wall time of the run), 409s, and latency
percentiles; then checks that no professional was double-booked. Target: at
least 300 bookings/s.

By default it starts its own server on a loopback ephemeral port with a
temporary database over a generated team (bench/generate_region.py, `--team`
professionals, 90 days of calendars from 2026-11-23, plus a people.json):

    bench/booking_bench.py [--binary build/src/app/yhteisaika] [--clients 32] [--bookings 2000]

or runs against a server that is already up (its professionals are the team):

    bench/booking_bench.py --url http://127.0.0.1:8080 --token <coordinator or admin token>
"""
import argparse
import datetime as dt
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))
from service_support import Server, parse_time  # noqa: E402

START = dt.date(2026, 11, 23)


def make_team(folder, count, seed):
    """`count` generated calendars p0000.ics... and a people.json naming them."""
    subprocess.run([sys.executable, os.path.join(HERE, "generate_region.py"), folder, "--count", str(count),
                    "--seed", str(seed), "--start", str(START)], check=True, stdout=subprocess.DEVNULL)
    people = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".ics"):
            pid = name[:-4]
            people.append({"id": pid, "name": "Ammattilainen %s" % pid[1:], "profession": "sosiaalityöntekijä",
                           "unit": "Benchmark", "email": "%s@hyvinvointialue.example" % pid})
    with open(os.path.join(folder, "people.json"), "w", encoding="utf-8") as f:
        json.dump(people, f, ensure_ascii=False)
    return [p["id"] for p in people]


class Client:
    def __init__(self, host, port, token):
        self.host, self.port, self.token = host, port, token
        self.conn = None

    def post(self, path, body):
        data = json.dumps(body).encode()
        headers = {"Content-Type": "application/json", "Authorization": "Bearer " + self.token}
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.request("POST", path, body=data, headers=headers)
                r = self.conn.getresponse()
                payload = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, payload
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise

    def get(self, path):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            conn.request("GET", path, headers={"Authorization": "Bearer " + self.token})
            r = conn.getresponse()
            return r.status, r.read()
        finally:
            conn.close()


def server_cpu_seconds(pid):
    """User + system CPU seconds of a local process (Linux), or None."""
    if not pid:
        return None
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def working_days(first, days):
    out, d = [], first
    while len(out) < days:
        if d.weekday() < 5:
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * (len(sorted_values) - 1)))))
    return sorted_values[k]


def run(host, port, token, team, args):
    rnd = random.Random(args.seed)
    days = working_days(START, args.spread_days)
    bodies = []
    for i in range(args.bookings):
        bodies.append({"required": rnd.sample(team, args.attendees), "case_ref": "YA-BENCH-%06d" % i,
                       "from": "%sT08:00" % rnd.choice(days), "days": 14,
                       "duration_minutes": args.duration, "strategy": "hole-first"})
    # Warm-up: calendars parsed and indexed, connections made.
    warm = Client(host, port, token)
    for i in range(min(5, len(team))):
        warm.post("/api/v1/solve", {"required": team[i:i + 1], "from": "%sT08:00" % START})

    lock = threading.Lock()
    next_index = [0]
    results = []  # (status, seconds, body)

    def worker():
        c = Client(host, port, token)
        mine = []
        while True:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= len(bodies):
                break
            t0 = time.perf_counter()
            status, payload = c.post("/api/v1/meetings", bodies[i])
            mine.append((status, time.perf_counter() - t0, payload))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(args.clients)]
    cpu0 = server_cpu_seconds(args.server_pid)
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    cpu1 = server_cpu_seconds(args.server_pid)

    by_status = {}
    for status, _, _ in results:
        by_status[status] = by_status.get(status, 0) + 1
    lat = sorted(s for _, s, _ in results)
    made = [json.loads(p) for s, _, p in results if s == 201]
    print("clients: %d, requests: %d, wall: %.2f s" % (args.clients, len(results), wall))
    print("answers: %s" % ", ".join("%d x %d" % (n, s) for s, n in sorted(by_status.items())))
    codes = {}
    for s, _, p in results:
        if s != 201:
            try:
                key = "%d %s" % (s, json.loads(p).get("error"))
                detail = json.loads(p).get("detail", "")
            except ValueError:
                key, detail = "%d (not JSON)" % s, p[:120]
            codes.setdefault(key, [0, detail])[0] += 1
    for key, (n, detail) in sorted(codes.items()):
        print("  %d x %s, e.g. %s" % (n, key, detail[:160]))
    print("latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms"
          % tuple(1000 * percentile(lat, p) for p in (50, 90, 99, 100)))
    rate = len(made) / wall if wall > 0 else 0.0
    print("bookings/s: %.0f  (target >= 300)" % rate)
    if cpu0 is not None and cpu1 is not None and results:
        print("server CPU: %.2f s over %.2f s wall (%.0f%% of one core), %.2f ms per request"
              % (cpu1 - cpu0, wall, 100 * (cpu1 - cpu0) / wall, 1000 * (cpu1 - cpu0) / len(results)))

    # No professional is booked twice at the same time.
    per = {}
    for m in made:
        span = (parse_time(m["start"]), parse_time(m["end"]), m["id"])
        for a in m["attendees"]:
            per.setdefault(a["id"], []).append(span)
    clashes = 0
    for pid, spans in per.items():
        spans.sort()
        for a, b in zip(spans, spans[1:]):
            if b[0] < a[1]:
                clashes += 1
                if clashes <= 5:
                    print("DOUBLE BOOKING: %s: meetings %d and %d" % (pid, a[2], b[2]))
    print("double bookings: %d" % clashes)
    errors = sum(n for s, n in by_status.items() if s not in (201, 409))
    return 0 if clashes == 0 and errors == 0 else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", default=os.path.join(HERE, "..", "build", "src", "app", "yhteisaika"))
    ap.add_argument("--url", help="use a running server instead of starting one")
    ap.add_argument("--token", help="coordinator or admin token for --url")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--bookings", type=int, default=2000)
    ap.add_argument("--team", type=int, default=100, help="generated professionals (own server only)")
    ap.add_argument("--attendees", type=int, default=3, help="professionals per meeting")
    ap.add_argument("--duration", type=int, default=30, help="meeting length, minutes")
    ap.add_argument("--spread-days", type=int, default=40, help="working days the windows start on")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--server-pid", type=int, help="with --url: the server's pid, to report its CPU time")
    args = ap.parse_args()

    if args.url:
        if not args.token:
            ap.error("--url needs --token")
        u = urllib.parse.urlsplit(args.url)
        status, body = Client(u.hostname, u.port or 80, args.token).get("/api/v1/professionals")
        if status != 200:
            sys.exit("GET /api/v1/professionals: HTTP %d %s" % (status, body[:200]))
        team = [p["id"] for p in json.loads(body)["professionals"]]
        return run(u.hostname, u.port or 80, args.token, team, args)

    tmp = tempfile.mkdtemp(prefix="yhteisaika-bench-")
    try:
        cals = os.path.join(tmp, "calendars")
        team = make_team(cals, args.team, args.seed)
        print("team: %d generated professionals, %d attendees per meeting, %d-minute meetings"
              % (len(team), args.attendees, args.duration))
        with Server(args.binary, cals, workdir=tmp) as server:
            token = server.token("coordinator", "bench")
            args.server_pid = server.proc.pid
            rc = run(server.host, server.port, token, team, args)
            print("server: %s (exit on SIGTERM: %s)" % (server.base_url, server.stop()))
            return rc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
