#!/usr/bin/env bash
# Restore a backup written by scripts/backup.sh into an EMPTY PostgreSQL database.
#
#   createdb rostrum_restored
#   DATABASE_URL=postgres://user:pass@host:5432/rostrum_restored scripts/restore.sh BACKUP_DIR
#
# Checks SHA256SUMS, refuses a database that already has tables (unless --force, which
# drops the objects the dump contains first), restores in one transaction
# (all or nothing), then checks that this checkout's migrations match the restored schema.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/pg-url.sh
. "$ROOT/scripts/pg-url.sh"

usage() { echo "usage: DATABASE_URL=postgres://… $0 [--force] BACKUP_DIR" >&2; exit 2; }
force=0
args=()
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h | --help) usage ;;
    -*) echo "unknown option: $arg" >&2; usage ;;
    *) args+=("$arg") ;;
  esac
done
[ ${#args[@]} -eq 1 ] || usage
backup=${args[0]}
[ -n "${DATABASE_URL:-}" ] || { echo "DATABASE_URL is not set" >&2; exit 2; }
[ -f "$backup/database.dump" ] || { echo "no database.dump in $backup" >&2; exit 2; }
pg_python_pick "$ROOT"
pg_url_load "$DATABASE_URL"

echo "Checking checksums in $backup"
(cd "$backup" && sha256sum --check --quiet SHA256SUMS)

tables=$(psql --dbname="$PG_URI" --no-password -X -At -c \
  "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
clean=()
if [ "$tables" != "0" ]; then
  if [ "$force" -eq 0 ]; then
    echo "Refusing: $PG_SHOWN already has $tables tables. Restore into an empty database," >&2
    echo "or pass --force to drop and replace the objects the backup contains." >&2
    exit 3
  fi
  echo "--force: replacing the objects in $PG_SHOWN ($tables tables)"
  clean=(--clean --if-exists)
fi

echo "Restoring into $PG_SHOWN"
pg_restore --dbname="$PG_URI" --no-password --no-owner --no-privileges --exit-on-error \
  --single-transaction "${clean[@]}" "$backup/database.dump"

echo "Checking the schema against this checkout's migrations"
(cd "$ROOT" && DATABASE_URL="$DATABASE_URL" "$PYTHON" manage.py migrate --check >/dev/null) || {
  echo "The restored database does not match this checkout's migrations: run" >&2
  echo "'manage.py migrate' if the code is newer, or check out the commit in MANIFEST." >&2
  exit 4
}
echo "Restored. Backup made from:"
sed -n 's/^\(created_utc\|rostrum_commit\): /  \1: /p' "$backup/MANIFEST"
