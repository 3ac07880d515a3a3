#!/usr/bin/env bash
# Installs what is needed, builds with warnings as errors, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
YHTEISAIKA_WITH_BROWSER_TESTS=1 YHTEISAIKA_WITH_MAIL_SERVERS=1 ./deploy/install-deps.sh
# playwright-core for the dashboard's browser test, from the committed lock file;
# again only when node_modules is missing or the lock changed. It never downloads
# a browser: the test drives Debian's /usr/bin/chromium.
browser=tests/integration/browser
lock_sum=$(sha256sum "$browser/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$browser/node_modules/.lock.sha256" 2>/dev/null)" != "$lock_sum" ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$browser" --no-audit --no-fund
  echo "$lock_sum" >"$browser/node_modules/.lock.sha256"
fi
cmake -S . -B build -DYHTEISAIKA_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
