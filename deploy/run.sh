#!/usr/bin/env bash
# Installs what is needed, builds, and runs the main job on the embedded default:
# a solve for the demo team in calendars/.
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" --target yhteisaika
team=$(python3 -c 'import json; print(",".join(p["id"] for p in json.load(open("calendars/people.json"))[:6]))')
echo "yhteisaika solve --calendars calendars --attendees $team --from 2026-11-23T09:00 --days 14 --duration 60"
./build/src/app/yhteisaika solve --calendars calendars --attendees "$team" --from 2026-11-23T09:00 --days 14 --duration 60
