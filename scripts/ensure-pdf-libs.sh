#!/usr/bin/env bash
# WeasyPrint (voting-code slips, council briefs) needs Pango and HarfBuzz from the system,
# and fonts for every script the documents are written in: DejaVu (Latin), Noto Sans Arabic
# (Arabic, Persian) and Noto Sans Ethiopic (Tigrinya) from fonts-noto-core. poppler-utils
# (pdftotext, pdffonts) lets the tests read the PDFs back.
set -euo pipefail
PDF_APT_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0
  fonts-dejavu-core fonts-noto-core poppler-utils)
if ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" \
  && ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset.so.0" \
  && fc-list 2>/dev/null | grep -q "Noto Sans Arabic" \
  && fc-list 2>/dev/null | grep -q "Noto Sans Ethiopic" \
  && command -v pdftotext >/dev/null; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Pango/HarfBuzz, fonts and poppler-utils for PDF output (apt)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PDF_APT_PACKAGES[@]}" >/dev/null
else
  echo "PDF libraries missing: sudo apt-get install ${PDF_APT_PACKAGES[*]}" >&2
  exit 1
fi
