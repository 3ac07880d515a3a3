#!/usr/bin/env bash
# Installs what is needed, builds, and runs the main job on the embedded default:
# the Yhteisaika service on http://127.0.0.1:8080 with a local SQLite file
# (yhteisaika.db) and the demo team of calendars/ (imported on first start).
# It prints where to go and how to get a token; stop it with Ctrl-C.
# Any `yhteisaika serve` flag may follow, e.g. ./deploy/run.sh --listen 0.0.0.0:8080
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" --target yhteisaika
exec ./build/src/app/yhteisaika serve --db yhteisaika.db --calendars calendars "$@"
