#!/usr/bin/env bash
# HTTP layer throughput: wrk -t4 -c64 -d5s against bench/http_echo_server (a
# fixed 10 KB answer, keep-alive), with and without the hop to the worker pool.
#   bench/http_bench.sh [BUILD_DIR]     (build the target http_echo_server first)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
server=$build/bench/http_echo_server
port=${PORT:-18080}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -x "$server" ] || { echo "build the target http_echo_server in $build first" >&2; exit 1; }

run() {  # label, server flags...
  local label=$1; shift
  "$server" --port "$port" "$@" 2>/dev/null &
  local pid=$!
  for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  local rps
  rps=$(wrk -t4 -c64 -d5s "http://127.0.0.1:$port/" | awk '/Requests\/sec/ {print $2}')
  kill -TERM "$pid"
  wait "$pid"
  printf '%-48s %10s req/s\n' "$label" "$rps"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F)"
run "2 io threads, handler on 4 workers (default)" --io-threads 2 --worker-threads 4
run "2 io threads, handler on the io threads" --io-threads 2 --worker-threads 0
run "2 io threads, 4 workers, access log on" --io-threads 2 --worker-threads 4 --access-log
