#!/usr/bin/env bash
# Back up Röstrum's PostgreSQL database into a new timestamped directory.
#
#   DATABASE_URL=postgres://user:pass@host:5432/rostrum scripts/backup.sh /srv/backups
#
# Writes TARGET/rostrum-YYYYmmddTHHMMSSZ/ with database.dump (pg_dump custom format),
# MANIFEST (time, git commit, latest migration per app) and SHA256SUMS. Pictures (idea
# photos, poll and slide images) are stored in the database, so the dump holds them.
# The environment file (SECRET_KEY and the rest) is NOT copied: see docs/operations/backups.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/pg-url.sh
. "$ROOT/scripts/pg-url.sh"

usage() { echo "usage: DATABASE_URL=postgres://… $0 TARGET_DIR" >&2; exit 2; }
[ $# -eq 1 ] || usage
target=$1
[ -n "${DATABASE_URL:-}" ] || { echo "DATABASE_URL is not set" >&2; exit 2; }
pg_python_pick "$ROOT"
pg_url_load "$DATABASE_URL"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$target/rostrum-$stamp"
umask 077 # the dump holds young people's free text: readable by the owner only
mkdir -p "$target"
mkdir "$out"
echo "Backing up $PG_SHOWN into $out"

pg_dump --dbname="$PG_URI" --format=custom --compress=6 --no-password --file="$out/database.dump"

commit=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
{
  echo "created_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "rostrum_commit: $commit"
  echo "database: $PG_SHOWN"
  echo "pg_dump: $(pg_dump --version)"
  echo "pictures: stored in the database (inside database.dump)"
  echo "latest_migrations:"
  psql --dbname="$PG_URI" --no-password -X -At -F ' ' -c \
    "SELECT app, max(name) FROM django_migrations GROUP BY app ORDER BY app" |
    sed 's/^/  /'
} >"$out/MANIFEST"

(cd "$out" && sha256sum database.dump MANIFEST >SHA256SUMS)
echo "Done: $out ($(du -h "$out/database.dump" | cut -f1) dump)"
