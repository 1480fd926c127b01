#!/usr/bin/env bash
# Sourced by backup.sh and restore.sh: splits DATABASE_URL into a libpq URI without the
# password (PG_URI, safe to pass as an argument: `ps` shows arguments to every local user),
# PGPASSWORD in the environment, and PG_SHOWN (the URL with the password masked, for logs).
pg_url_load() {
  local url=${1:?DATABASE_URL is empty}
  case "$url" in
    postgres://* | postgresql://*) ;;
    *) echo "DATABASE_URL must be postgres://… (PostgreSQL); SQLite is copied as a file." >&2; return 2 ;;
  esac
  local parsed
  parsed=$(DATABASE_URL_TO_SPLIT="$url" "${PYTHON:?}" - <<'PY'
import os, shlex
from urllib.parse import unquote, urlsplit, urlunsplit

parts = urlsplit(os.environ["DATABASE_URL_TO_SPLIT"])
host = parts.hostname or ""
if ":" in host:
    host = f"[{host}]"
netloc = host + (f":{parts.port}" if parts.port else "")
user = parts.username
if user:
    netloc = f"{user}@{netloc}"
uri = urlunsplit(("postgresql", netloc, parts.path, parts.query, ""))
shown = urlunsplit(("postgresql", (f"{user}:***@" if parts.password else (f"{user}@" if user else "")) + host + (f":{parts.port}" if parts.port else ""), parts.path, "", ""))
print(f"PG_URI={shlex.quote(uri)}")
print(f"PG_SHOWN={shlex.quote(shown)}")
print(f"PG_DBNAME={shlex.quote(unquote(parts.path.lstrip('/')))}")
if parts.password is not None:
    print(f"export PGPASSWORD={shlex.quote(unquote(parts.password))}")
PY
  ) || return 2
  eval "$parsed"
  [ -n "${PG_DBNAME:-}" ] || { echo "DATABASE_URL names no database" >&2; return 2; }
}

# The project's interpreter: $PYTHON, else the repository's .venv, else python3.
pg_python_pick() {
  local root=$1
  if [ -n "${PYTHON:-}" ]; then return 0; fi
  if [ -x "$root/.venv/bin/python" ]; then PYTHON="$root/.venv/bin/python"; else PYTHON=python3; fi
}
