"""Real uvicorn servers in subprocesses, pointed at the test database.

Browser and multi-worker tests talk to the app exactly as phones do: over TCP to uvicorn,
not through Django's test client. The servers share the test database (a SQLite file or
PostgreSQL), so the test must commit its data (``transactional_db``).
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parents[2]


# base URL -> server process, for tests that kill a worker (tests/realtime/test_killed_worker.py).
PROCESSES: dict[str, "subprocess.Popen[bytes]"] = {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_database_env() -> dict[str, str]:
    """Environment that points a subprocess at the database this test run uses."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return {"SQLITE_PATH": str(db["NAME"]), "DATABASE_URL": ""}
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return {"DATABASE_URL": f"postgres://{auth}{host}:{port}/{db['NAME']}"}


@contextmanager
def uvicorn_server(
    extra_env: dict[str, str] | None = None, *, port: int | None = None
) -> Iterator[str]:
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(test_database_env())
    env.update({"AXES_ENABLED": "False", "LOG_LEVEL": "WARNING"})
    env.update(extra_env or {})
    if not env.get("DATABASE_URL"):
        env.pop("DATABASE_URL", None)
    log_path = BASE_DIR / "var" / f"uvicorn-{port}.log"
    log_path.parent.mkdir(exist_ok=True)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "serve",  # as in production: proxy trust from TRUSTED_PROXIES
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    PROCESSES[base_url] = proc
    try:
        _wait_healthy(base_url, proc, log_path)
        yield base_url
    finally:
        PROCESSES.pop(base_url, None)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_healthy(base_url: str, proc: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"uvicorn exited early:\n{log_path.read_text(errors='replace')}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"uvicorn did not become healthy:\n{log_path.read_text(errors='replace')}")
