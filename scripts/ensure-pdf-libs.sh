#!/usr/bin/env bash
# WeasyPrint (the council brief's PDF) needs Pango and HarfBuzz from the system.
set -euo pipefail
have() { ldconfig -p 2>/dev/null | grep -q "$1"; }
if have 'libpangoft2-1.0.so.0' && have 'libharfbuzz-subset.so.0'; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Pango and HarfBuzz for the PDF briefs (apt)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null
else
  echo "Pango/HarfBuzz missing: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" \
    "libharfbuzz-subset0 fonts-dejavu-core (needed for PDF briefs)." >&2
  exit 1
fi
