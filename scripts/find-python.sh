#!/usr/bin/env bash
# Print a Python >= 3.12 interpreter (Django 6 needs it), or fail with a clear message.
set -euo pipefail
candidates=(python3.12 python3.13 python3)
for dir in "$HOME"/.pyenv/versions/3.12*/bin "$HOME"/.pyenv/versions/3.13*/bin /usr/local/bin /usr/bin; do
  for name in python3.12 python3.13; do
    [ -x "$dir/$name" ] && candidates+=("$dir/$name")
  done
done
for py in "${candidates[@]}"; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    command -v "$py"
    exit 0
  fi
done
echo "Röstrum needs Python 3.12 or newer (Django 6). Install it (e.g. pyenv install 3.12) and retry." >&2
exit 1
