#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own download does not work offline).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium for the browser tests (apt)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "Chromium is missing: install it with 'sudo apt-get install chromium' for the browser tests." >&2
  exit 1
fi
