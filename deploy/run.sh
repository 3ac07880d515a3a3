#!/usr/bin/env bash
# Installs what is needed, builds, and runs the main job on the embedded default:
# the coordinator's request for a first Omatiimi meeting of the demo team in calendars/.
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" --target yhteisaika
required=sosiaalityontekija-aalto,laakari-korhonen,terveydenhoitaja-nieminen,psykologi-makela,kuraattori-heikkinen,perhetyontekija-koskinen
optional=kelan-asiantuntija-salo
set -x
./build/src/app/yhteisaika solve --calendars calendars --attendees "$required" --optional "$optional" \
  --from 2026-11-23T09:00 --days 14 --duration 60 --strategy hole-first
