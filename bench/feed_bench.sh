#!/usr/bin/env bash
# Feed throughput: GET /feeds/<secret>.ics with wrk, plain and conditional.
#   bench/feed_bench.sh [BUILD_DIR] [DURATION]      (defaults: build, 10s)
# Starts `yhteisaika serve` on a loopback ephemeral port with a temporary
# database over the demo team (calendars/), books a few meetings for one
# professional so that the feed has content, makes a feed URL for them, and runs
#   wrk -t2 -c32 --latency -d10s <feed URL>                               target >= 25,000 req/s
#   wrk -t2 -c32 --latency -d10s -H 'If-None-Match: <ETag>' <feed URL>    (304s)
# Needs wrk and curl (YHTEISAIKA_WITH_TEST_PEERS=1 deploy/install-deps.sh, or apt-get install wrk curl).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
duration=${2:-10s}
binary=$build/src/app/yhteisaika
calendars=$here/../calendars
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "feed_bench: needs $tool (apt-get install -y $tool)" >&2; exit 2; }
done
[ -x "$binary" ] || { echo "feed_bench: no binary at $binary" >&2; exit 2; }

work=$(mktemp -d -t yhteisaika-feed-bench-XXXXXX)
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

db=$work/yhteisaika.db
"$binary" serve --db "$db" --listen 127.0.0.1:0 --calendars "$calendars" >"$work/stdout" 2>"$work/stderr" &
server_pid=$!
base=
for _ in $(seq 200); do
  base=$(grep -oE 'listening on http://[^[:space:]]+' "$work/stdout" | head -1 | sed 's/^listening on //') || true
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "feed_bench: server exited:" >&2; cat "$work/stderr" >&2; exit 1; }
  sleep 0.05
done
[ -n "$base" ] || { echo "feed_bench: server did not report 'listening on'" >&2; exit 1; }
base=${base%/}
echo "server: $base"

token=$("$binary" token create --role coordinator --name feed-bench --db "$db" | awk '{print $NF}')
professional=laakari-korhonen
for i in 1 2 3 4 5; do
  curl -fsS -o /dev/null -X POST "$base/api/v1/meetings" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' \
    -d "{\"required\":[\"$professional\",\"sosiaalityontekija-aalto\"],\"case_ref\":\"YA-BENCH-000$i\",\"from\":\"2026-11-30T08:00\",\"days\":14,\"duration_minutes\":60}"
done
url=$("$binary" feed-url --professional "$professional" --base-url "$base" --db "$db" | awk '{print $NF}')
# Whatever host the URL names, measure the local server.
url="$base/feeds/${url##*/feeds/}"

headers=$(curl -fsS -D - -o "$work/feed.ics" "$url")
etag=$(printf '%s\n' "$headers" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
echo "feed: $(wc -c <"$work/feed.ics") bytes, $(grep -c '^BEGIN:VEVENT' "$work/feed.ics") VEVENTs, ETag $etag"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$url")
echo "conditional GET with the ETag: HTTP $code"

# The server's user+system CPU time in clock ticks (Linux /proc), to report CPU per request.
cpu_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$server_pid/stat"; }
run_wrk() {  # NAME, extra wrk arguments...
  local name=$1; shift
  local before after
  before=$(cpu_ticks)
  wrk -t2 -c32 -d"$duration" --latency "$@" "$url" | tee "$work/$name.txt"
  after=$(cpu_ticks)
  awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" '/^ *[0-9]+ requests in/ {
        printf "server CPU: %.2f s, %.1f us per request\n", t / hz, 1e6 * t / hz / $1 }' "$work/$name.txt" \
    | tee -a "$work/$name.txt"
}

echo
echo "== wrk -t2 -c32 --latency -d$duration (200, full feed)"
run_wrk wrk-200
echo
echo "== wrk -t2 -c32 --latency -d$duration with If-None-Match (304)"
run_wrk wrk-304 -H "If-None-Match: $etag"

echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (wrk shares the cores with the server)"
printf 'feed 200: %s req/s (target >= 25000); %s\n' "$(awk '/Requests\/sec/{print $2}' "$work/wrk-200.txt")" \
  "$(grep -o 'server CPU.*' "$work/wrk-200.txt")"
printf 'feed 304: %s req/s; %s\n' "$(awk '/Requests\/sec/{print $2}' "$work/wrk-304.txt")" \
  "$(grep -o 'server CPU.*' "$work/wrk-304.txt")"
for f in wrk-200 wrk-304; do
  if grep -q 'Non-2xx or 3xx' "$work/$f.txt"; then echo "warning: $f had error answers" >&2; fi
done
