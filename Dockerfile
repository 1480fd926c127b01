# syntax=docker/dockerfile:1.7
# Röstrum production image: docker build -t rostrum .
#
# Stages: python-deps (a virtualenv with the runtime dependencies from pyproject.toml)
#   -> schema   (the OpenAPI file the frontend generates its TypeScript types from)
#   -> frontend (Vite build to frontend/dist; Node exists only in this stage)
#   -> runtime  (python slim, non-root, uvicorn; Django + whitenoise serve the built files)
# Configuration comes from the environment at run time: see README.md, "Configuration".

ARG PYTHON_IMAGE=python:3.12-slim-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim

# --- 1. Python dependencies ------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS python-deps
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY pyproject.toml ./
# Only [project].dependencies (not the dev extra), in their own layer so that a code
# change does not reinstall them.
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt

# --- 2. OpenAPI schema for the frontend build --------------------------------------------------
# Default (development) settings are enough: generating the schema needs no database,
# Redis or secrets, and none of these values reach the runtime image.
FROM python-deps AS schema
COPY manage.py ./
COPY config ./config
COPY forum ./forum
COPY api ./api
RUN python manage.py spectacular --file /tmp/openapi.yml

# --- 3. Frontend -----------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS frontend
WORKDIR /app/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend/ ./
COPY --from=schema /tmp/openapi.yml ./openapi.yml
# `npm run build` generates src/lib/api/schema.d.ts from openapi.yml, then runs vite build.
RUN npm run build

# --- 4. Runtime ------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    ROSTRUM_ENV=production \
    WEB_CONCURRENCY=2
# WeasyPrint (voting-code slips, the brief's A4 PDF) needs Pango and HarfBuzz; DejaVu gives å, ä, ö,
# Noto Sans Arabic and Noto Sans Ethiopic (fonts-noto-core) Arabic, Persian and Tigrinya.
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
        fonts-noto-core \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 rostrum \
    && useradd --system --uid 10001 --gid rostrum --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin rostrum
WORKDIR /app
COPY --from=python-deps /opt/venv /opt/venv
# What the server needs at run time, nothing more (the .mo files in locale/ are committed).
COPY pyproject.toml manage.py ./
COPY config ./config
COPY forum ./forum
COPY api ./api
COPY locale ./locale
COPY --from=frontend /app/frontend/dist ./frontend/dist
# Install the project itself in editable mode, like `make setup`: settings derive paths
# (locale/, frontend/dist, var/) from the source tree, so the code must run from /app.
# collectstatic needs production settings, hence throwaway values that exist only here.
RUN pip install --no-deps -e . \
    && ROSTRUM_ENV=production SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-xx \
       ALLOWED_HOSTS=build.invalid python manage.py collectstatic --noinput -v0 \
    && python -m compileall -q config forum api \
    && mkdir -p var \
    && chown rostrum:rostrum var

# Entrypoint: optional migrations, then the server (or any other command given).
COPY --chmod=0755 <<'EOF' /usr/local/bin/rostrum-entrypoint
#!/bin/sh
set -eu
if [ "$#" -eq 0 ] || [ "$1" = "serve" ]; then
    workers="${WEB_CONCURRENCY:-2}"
    if [ "$workers" -gt 1 ] && [ -z "${REDIS_URL:-}" ]; then
        echo "rostrum: REDIS_URL is required with WEB_CONCURRENCY=$workers;" \
             "the in-memory channel layer cannot reach sockets held by other workers." >&2
        exit 1
    fi
    if [ "${RUN_MIGRATIONS:-0}" = "1" ]; then
        echo "rostrum: applying database migrations"
        python manage.py migrate --noinput
    fi
    # uvicorn trusts X-Forwarded-* only from TRUSTED_PROXIES (manage.py serve).
    exec python manage.py serve --host 0.0.0.0 --port 8000 --workers "$workers"
fi
exec "$@"
EOF

# Health: database and channel layer round trip. Sent with a Host from ALLOWED_HOSTS so
# Django accepts it; /healthz is exempt from the HTTPS redirect.
COPY --chmod=0755 <<'EOF' /usr/local/bin/rostrum-healthcheck
#!/opt/venv/bin/python
import os
import sys
import urllib.request

host = os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip().lstrip(".")
if host in ("", "*"):
    host = "localhost"
request = urllib.request.Request("http://127.0.0.1:8000/healthz", headers={"Host": host})
try:
    with urllib.request.urlopen(request, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception as exc:  # 503 (degraded), refused connection, timeout
    print(f"unhealthy: {exc}", file=sys.stderr)
    sys.exit(1)
EOF

USER rostrum
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["rostrum-healthcheck"]
ENTRYPOINT ["rostrum-entrypoint"]
CMD ["serve"]
