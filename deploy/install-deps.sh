#!/usr/bin/env bash
# Installs every build, test and benchmark dependency from Debian 12 packages.
# Idempotent: packages already present are skipped, so running it twice is cheap.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ca-certificates tzdata
  libboost1.81-dev libboost-json1.81-dev libboost-program-options1.81-dev
  libical-dev libsqlitecpp-dev libsqlite3-dev catch2
  # independent peers used by the tests and benchmarks; curl runs the walk-through's
  # commands (tests/integration/walkthrough_test.py)
  python3 python3-icalendar python3-recurring-ical-events curl
  # remote calendars: TLS for the HTTP client; a real CalDAV server and openssl for their tests
  libssl-dev openssl radicale
  # mail: libcurl for SMTP and IMAP
  libcurl4-openssl-dev
  # feeds sent gzip-compressed (Content-Encoding: gzip)
  zlib1g-dev
  # libfaketime: moves the server's wall clock in tests/integration/holds_test.py
  faketime
)
# The mail tests' real servers (deploy/test.sh sets this): an SMTP sink and Dovecot,
# each started by the tests themselves on loopback (tests/integration/mail_servers.py).
if [ "${YHTEISAIKA_WITH_MAIL_SERVERS:-0}" = 1 ]; then
  packages+=(python3-aiosmtpd dovecot-imapd)
fi
# The benchmarks' peers: wrk drives the load, nginx serves the same feed bytes,
# ical.js (from npm, installed by bench/busy_bench.sh) parses the same calendars.
if [ "${YHTEISAIKA_WITH_TEST_PEERS:-0}" = 1 ]; then
  packages+=(wrk nginx)
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi
# The dashboard's browser test (deploy/test.sh sets this): Debian's Chromium, and
# Node.js with npm for playwright-core, unless a node and npm are already installed.
if [ "${YHTEISAIKA_WITH_BROWSER_TESTS:-0}" = 1 ]; then
  packages+=(chromium)
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages (${missing[*]}); run as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
# Debian starts Dovecot as a system service on install; the tests need none, and
# an IMAP server listening on the machine's ports is not wanted here.
if [[ " ${missing[*]} " == *" dovecot-imapd "* ]] && [ -d /run/systemd/system ]; then
  systemctl disable --now dovecot.service >/dev/null 2>&1 || true
fi
