#!/usr/bin/env bash
# WeasyPrint (voting-code slips, council briefs) needs Pango and HarfBuzz from the system.
set -euo pipefail
PDF_APT_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core)
if ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" \
  && ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset.so.0"; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Pango/HarfBuzz for PDF output (apt)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PDF_APT_PACKAGES[@]}" >/dev/null
else
  echo "PDF libraries missing: sudo apt-get install ${PDF_APT_PACKAGES[*]}" >&2
  exit 1
fi
