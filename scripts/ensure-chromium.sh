#!/usr/bin/env bash
# Make sure the browser the e2e suite drives exists: Debian's Chromium at
# $CHROMIUM_PATH (default /usr/bin/chromium). Installs it with apt when missing
# and running as root (as CI does on a fresh Debian machine); otherwise fails
# with a message that says what to do.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "ensure-chromium: $chromium is missing; installing Debian's chromium package…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  if [ -x "$chromium" ]; then
    echo "ensure-chromium: installed $("$chromium" --version 2>/dev/null | head -n1)" >&2
    exit 0
  fi
fi
echo "ensure-chromium: no Chromium at $chromium." >&2
echo "  Install it (as root: apt-get update && apt-get install -y chromium)," >&2
echo "  or point CHROMIUM_PATH at a Chromium or Chrome binary, then run the e2e suite again." >&2
exit 1
