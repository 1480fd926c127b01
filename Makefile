# Röstrum: `make run` serves the demo, `make test` runs every check and test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
# Database and Redis for the second test pass (CI): real PostgreSQL and Redis.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
# pytest-xdist workers per pass: one per core (docs/decisions/0060-parallel-test-runs.md).
TEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -n $(TEST_WORKERS) --durations=25

.PHONY: help setup frontend run test lint typecheck test-embedded test-services test-frontend e2e-deps clean messages bench bench-http

help:
	@echo "make run    install, build, migrate, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   lint + type checks, frontend tests, the suite on SQLite/in-memory and on PostgreSQL/Redis"
	@echo "make bench PHONES=2000  live-session load test (2 workers, Redis, PostgreSQL) vs a bare ASGI app"
	@echo "make bench PHONES=2000 KILL=1  the same with one worker SIGKILLed mid-vote (and restarted)"
	@echo "make bench-http  hot HTTP requests (join, live state, answer) vs a reference DRF view, 2 workers"
	@echo "make messages  refresh locale/*/django.po from the code and compile the .mo files (needs gettext)"

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || "$$(scripts/find-python.sh)" -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.installed frontend/node_modules/.installed

frontend: setup
	$(PY) manage.py spectacular --file frontend/openapi.yml
	cd frontend && npm run build --silent
	$(PY) manage.py collectstatic --noinput -v0

run: frontend
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	@echo ""
	@echo "  Röstrum is running on http://$(HOST):$(PORT)/"
	@echo "  Phone (participant):  http://$(HOST):$(PORT)/j/FIKA42   (or type the code FIKA42 on http://$(HOST):$(PORT)/)"
	@echo "  Big screen:           http://$(HOST):$(PORT)/present/FIKA42   (log in as staff first)"
	@echo "  Console (phone-sized): http://$(HOST):$(PORT)/console/FIKA42   (youth worker)"
	@echo "  Staff:                http://$(HOST):$(PORT)/staff"
	@echo "  Demo staff logins:    ungdom / rostrum-demo (youth worker), tjansteperson / rostrum-demo (official), ledamot / rostrum-demo (council member), admin / rostrum-demo"
	@echo "  API docs:             http://$(HOST):$(PORT)/api/docs/"
	@echo ""
	$(PY) manage.py serve --host $(HOST) --port $(PORT)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports

test-frontend: frontend
	cd frontend && npm run check --silent && npm test --silent

e2e-deps:
	@scripts/ensure-chromium.sh
	@scripts/ensure-pdf-libs.sh

# Browser tests and the schema fuzzer run once: in the PostgreSQL/Redis pass when those are
# there (always in CI), else here (docs/decisions/0047-browser-tests-run-once.md).
test-embedded: frontend e2e-deps
	@echo "== tests on the embedded default (SQLite, in-memory channel layer) =="
	@if [ -n "$$CI" ] || scripts/ensure-services.sh >/dev/null 2>&1; then \
		echo "(browser tests and the schema fuzzer run in the PostgreSQL/Redis pass)"; \
		env -u DATABASE_URL -u REDIS_URL $(PYTEST) --ignore=tests/e2e \
			--ignore=tests/api/test_fuzz_schema.py; \
	else \
		env -u DATABASE_URL -u REDIS_URL $(PYTEST); \
	fi

# Test connections (and the servers the tests start) commit without waiting for the disk:
# ~0.1 ms instead of ~3 ms a commit; a crash could lose the last commits of a throwaway
# test database, nothing else (docs/decisions/0060).
test-services: frontend e2e-deps
	@echo "== tests on PostgreSQL and Redis =="
	@if scripts/ensure-services.sh; then \
		PGOPTIONS='-c synchronous_commit=off' \
			DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PYTEST); \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL/Redis unavailable in CI"; exit 1; \
	else \
		echo "!! PostgreSQL or Redis not reachable: skipped the second pass (CI runs it)"; \
	fi

test: lint test-frontend test-embedded test-services

# Backend translations: refresh the .po files from the code, then compile the .mo files
# (committed, so `make run` needs no gettext). Needs GNU gettext (apt-get install gettext).
MESSAGES_IGNORE := --ignore=.venv --ignore=frontend --ignore=node_modules --ignore=tests --ignore=bench --ignore=var
messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "GNU gettext is missing: apt-get install gettext" >&2; exit 1; }
	$(PY) manage.py makemessages -l sv -l en -l ar -l so -l ti -l fa -l tr --add-location=file --no-obsolete $(MESSAGES_IGNORE)
	$(PY) manage.py compilemessages $(MESSAGES_IGNORE)

# Live-session load test against PostgreSQL + Redis (loopback), with the bare reference.
PHONES ?= 1000
bench: setup
	$(PY) -m bench.live --phones $(PHONES) $(if $(KILL),--kill-worker)

# The hot HTTP requests against a one-read-one-write DRF view in the same server (bench/README.md).
# Drops and recreates BENCH_DATABASE_URL's database (its name must contain "bench"). The
# default settings (the psycopg pool, DB_POOL_MAX_SIZE per worker); POOL=N sets its size,
# POOL=0 turns it off (connections kept per thread, CONN_MAX_AGE=60: bench/README.md).
REQUESTS ?= 2000
POOL ?=
bench-http: setup
	$(PY) -m bench.hot_requests --requests $(REQUESTS) $(if $(POOL),--pool $(POOL))

clean:
	rm -rf var frontend/dist .pytest_cache .mypy_cache .ruff_cache
