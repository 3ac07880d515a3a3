#!/usr/bin/env bash
# Installs what is needed, builds with warnings as errors, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
YHTEISAIKA_WITH_BROWSER_TESTS=1 YHTEISAIKA_WITH_MAIL_SERVERS=1 ./deploy/install-deps.sh
# The npm peers of the integration tests (playwright-core for the dashboard's
# browser test, and each folder's own), from each committed lock file; installed
# again only when node_modules is missing or the lock changed. No browser is
# downloaded: the browser test drives Debian's /usr/bin/chromium.
for lock in tests/integration/*/package-lock.json; do
  folder=$(dirname "$lock")
  lock_sum=$(sha256sum "$lock" | cut -d' ' -f1)
  if [ "$(cat "$folder/node_modules/.lock.sha256" 2>/dev/null)" != "$lock_sum" ]; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$folder" --no-audit --no-fund
    echo "$lock_sum" >"$folder/node_modules/.lock.sha256"
  fi
done
cmake -S . -B build -DYHTEISAIKA_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
