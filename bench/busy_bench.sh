#!/usr/bin/env bash
# Parse + expand throughput: 2,000 generated professionals' calendars (~80 MiB)
# through `yhteisaika busy`, whole process, best of 3.
#   bench/busy_bench.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
data=$here/out/region
if [ ! -d "$data" ]; then
  python3 "$here/generate_region.py" "$data" --count 2000 --seed 1 --start 2026-11-23
fi
echo "data: $(ls "$data" | wc -l) files, $(du -sh "$data" | cut -f1)"
python3 - "$build/src/app/yhteisaika" "$data" <<'PY'
import subprocess, sys, time
binary, data = sys.argv[1], sys.argv[2]
times = []
for i in range(3):
    start = time.perf_counter()
    subprocess.run([binary, "busy", "--calendars", data, "--from", "2026-11-23T00:00", "--days", "90"],
                   check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - start)
    print(f"run {i + 1}: {times[-1]:.2f} s")
print(f"busy: best of 3: {min(times):.2f} s")
PY
