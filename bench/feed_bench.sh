#!/usr/bin/env bash
# Feed throughput: GET /feeds/<secret>.ics with wrk, plain and conditional.
#   bench/feed_bench.sh [BUILD_DIR] [DURATION]      (defaults: build, 10s)
# Starts `yhteisaika serve` on a loopback ephemeral port with a temporary
# database over the demo team (calendars/), books a few meetings for one
# professional so that the feed has content, makes a feed URL for them, and runs
#   wrk -t2 -c32 --latency -d10s <feed URL>                               (200s)
#   wrk -t2 -c32 --latency -d10s -H 'If-None-Match: <ETag>' <feed URL>    (304s)
# against its peer, Debian's nginx serving the same bytes as a static file, in
# three interleaved pairs, and reports ours/nginx requests per second (median
# and range) and each server's CPU per request.
# Needs wrk, curl and nginx (YHTEISAIKA_WITH_TEST_PEERS=1 deploy/install-deps.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
duration=${2:-10s}
binary=$build/src/app/yhteisaika
calendars=$here/../calendars
for tool in wrk curl nginx; do
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

# The peer: Debian's nginx on loopback serving the same bytes as a static file
# (ETag on, access log on, as ours), so that each figure is a ratio measured in
# the same run on the same machine.
www=$work/www
mkdir -p "$www/feeds" "$work/nginx"
cp "$work/feed.ics" "$www/feeds/${url##*/feeds/}"
chmod -R a+rX "$work"
nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log $work/nginx/access.log;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  types { text/calendar ics; }
  sendfile on;
  server { listen 127.0.0.1:$nginx_port; root $www; }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
trap 'kill -TERM $nginx_pid 2>/dev/null || true; cleanup' EXIT INT TERM
nginx_url="http://127.0.0.1:$nginx_port/feeds/${url##*/feeds/}"
for _ in $(seq 100); do curl -fsS -o /dev/null "$nginx_url" 2>/dev/null && break; sleep 0.05; done
nginx_etag=$(curl -fsS -D - -o /dev/null "$nginx_url" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
cmp -s "$work/feed.ics" <(curl -fsS "$nginx_url") || { echo "feed_bench: nginx serves other bytes" >&2; exit 1; }

# User+system CPU time in clock ticks (Linux /proc) of a process and its children
# (nginx's workers), to report CPU per request.
cpu_ticks() {
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat")))
  done
  echo "$total"
}
run_wrk() {  # OUT_NAME PID URL [extra wrk arguments...]: prints "req/s us_cpu_per_request"
  local name=$1 pid=$2 target=$3; shift 3
  local before after
  before=$(cpu_ticks "$pid")
  wrk -t2 -c32 -d"$duration" --latency "$@" "$target" >"$work/$name.txt"
  after=$(cpu_ticks "$pid")
  if grep -q 'Non-2xx or 3xx' "$work/$name.txt" && [ "$name" != "${name%200*}" ]; then
    echo "feed_bench: $name had error answers" >&2
  fi
  awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    /^ *[0-9]+ requests in/ { n = $1 } /Requests\/sec/ { rps = $2 }
    END { printf "%.0f %.1f\n", rps, 1e6 * t / hz / n }' "$work/$name.txt"
}

# Three interleaved pairs (ours, then nginx) for the full feed and for the 304.
summary() {  # LABEL FILE: the pairs' figures, median and range
  python3 - "$1" "$2" <<'PY2'
import statistics, sys
label, path = sys.argv[1:3]
rows = [list(map(float, l.split())) for l in open(path)]
ratio = [o / n for o, _, n, _ in rows]
med = statistics.median
for i, (o, oc, n, nc) in enumerate(rows, 1):
    print(f"  pair {i}: ours {o:.0f} req/s ({oc:.1f} us CPU/req), nginx {n:.0f} req/s ({nc:.1f} us CPU/req), ratio {o / n:.2f}")
print(f"{label}: ours/nginx median {med(ratio):.2f}x ({min(ratio):.2f}-{max(ratio):.2f}); "
      f"ours median {med(r[0] for r in rows):.0f} req/s, {med(r[1] for r in rows):.1f} us server CPU per request "
      f"({min(r[1] for r in rows):.1f}-{max(r[1] for r in rows):.1f}); nginx {med(r[3] for r in rows):.1f} us")
PY2
}
: >"$work/pairs-200"; : >"$work/pairs-304"
for round in 1 2 3; do
  echo "round $round"
  echo "$(run_wrk ours-200-$round "$server_pid" "$url") $(run_wrk nginx-200-$round "$nginx_pid" "$nginx_url")" >>"$work/pairs-200"
  echo "$(run_wrk ours-304-$round "$server_pid" "$url" -H "If-None-Match: $etag") $(run_wrk nginx-304-$round "$nginx_pid" "$nginx_url" -H "If-None-Match: $nginx_etag")" >>"$work/pairs-304"
done
echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (wrk shares the cores with the server)"
summary "feed 200 (wrk -t2 -c32 -d$duration)" "$work/pairs-200"
summary "feed 304 (If-None-Match)" "$work/pairs-304"
