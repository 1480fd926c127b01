#!/usr/bin/env bash
# Start PostgreSQL and Redis if they are installed but not running (CI machines start
# them already; a developer laptop may not). Exits non-zero if either is unreachable.
set -uo pipefail
PGHOST_ADDR=${PGHOST_ADDR:-127.0.0.1}
if ! pg_isready -q -h "$PGHOST_ADDR" -p 5432 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "Starting PostgreSQL..."
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST_ADDR" -p 5432 && break; sleep 1; done
  fi
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  if command -v redis-server >/dev/null; then
    echo "Starting Redis..."
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
      --dir /tmp --logfile /tmp/rostrum-redis.log || true
    for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
  fi
fi
pg_isready -q -h "$PGHOST_ADDR" -p 5432 && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1
