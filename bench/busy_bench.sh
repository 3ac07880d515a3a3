#!/usr/bin/env bash
# Parse + expand: 2,000 generated professionals' calendars (~80 MiB) through
# `yhteisaika busy`, whole process, against its peer ical.js (2.2.1, Node.js) doing
# the same work on the same folder in the same run (bench/peers/icaljs_busy.mjs).
# Three interleaved pairs; prints each pair's ratio (ical.js time / ours) and the
# median with the range, and checks that both find the same number of merged
# busy intervals.
#   bench/busy_bench.sh [BUILD_DIR] [DAYS]        (defaults: build, 14)
# Needs node and npm (ical.js is installed into bench/out/peers on first use).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
days=${2:-14}
data=$here/out/region
peers=$here/out/peers
if [ ! -d "$data" ]; then
  python3 "$here/generate_region.py" "$data" --count 2000 --seed 1 --start 2026-11-23
fi
if [ ! -d "$peers/node_modules/ical.js" ]; then
  mkdir -p "$peers"
  npm install --prefix "$peers" --no-audit --no-fund ical.js@2.2.1 >/dev/null
fi
# Node resolves 'ical.js' beside the script, so the peer runs from $peers.
cp "$here/peers/icaljs_busy.mjs" "$peers/"
echo "data: $(ls "$data" | wc -l) files, $(du -sh "$data" | cut -f1); window: 2026-11-23 + $days days"
python3 - "$build/src/app/yhteisaika" "$data" "$peers/icaljs_busy.mjs" "$days" <<'PY'
import json, statistics, subprocess, sys, time
binary, data, peer, days = sys.argv[1:5]
ours_cmd = [binary, "busy", "--calendars", data, "--from", "2026-11-23T00:00", "--days", days]
# 2026-11-23T00:00 Helsinki wall time is 2026-11-22T22:00Z.
peer_cmd = ["env", "TZ=Europe/Helsinki", "node", peer, data, "2026-11-22T22:00:00Z", days]

def timed(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, out

def count_ours(text):
    doc = json.loads(text)
    people = doc if isinstance(doc, list) else doc.get("participants", doc)
    if isinstance(people, dict):
        people = list(people.values())
    return sum(len(p["busy"]) if isinstance(p, dict) else len(p) for p in people)

ratios, ours_t, peer_t = [], [], []
for i in range(3):
    t_ours, out_ours = timed(ours_cmd)
    t_peer, out_peer = timed(peer_cmd)
    ours_t.append(t_ours); peer_t.append(t_peer); ratios.append(t_peer / t_ours)
    print(f"pair {i + 1}: ours {t_ours:.2f} s, ical.js {t_peer:.2f} s, ratio {t_peer / t_ours:.1f}x")
n_ours = count_ours(out_ours)
n_peer = int(out_peer.split()[-1])
print(f"merged busy intervals: ours {n_ours}, ical.js {n_peer}" + ("" if n_ours == n_peer else "  (DIFFERENT)"))
med = statistics.median
print(f"busy: ours median {med(ours_t):.2f} s ({min(ours_t):.2f}-{max(ours_t):.2f}); "
      f"ical.js median {med(peer_t):.2f} s; ratio median {med(ratios):.1f}x ({min(ratios):.1f}-{max(ratios):.1f})")
PY
