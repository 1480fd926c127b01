"""Real uvicorn servers in subprocesses: the one way tests and the bench start them.

Browser and multi-worker tests talk to the app exactly as phones do: over TCP to uvicorn,
not through Django's test client. The servers share the test database (a SQLite file or
PostgreSQL), so the test must commit its data (``transactional_db``). The bench
(bench/live.py, bench/hot_requests.py) starts its servers with ``server_process`` too.
"""

import os
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from django.conf import settings

from tests.support.waits import wait_until

BASE_DIR = Path(__file__).resolve().parents[2]


# base URL -> server process, for tests that kill a worker (tests/realtime/test_killed_worker.py).
PROCESSES: dict[str, "subprocess.Popen[bytes]"] = {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (uvicorn's supervisor and its workers)."""
    found = [pid]
    for child in _children(pid):
        found.extend(descendants(child))
    return found


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid:
            out.append(int(entry))
    return out


@dataclass(frozen=True)
class Server:
    url: str  # http://127.0.0.1:<port>
    process: "subprocess.Popen[bytes]"


@contextmanager
def server_process(
    command: Sequence[str],
    *,
    env: Mapping[str, str],
    log_path: Path,
    port: int | None = None,
    extra_args: Sequence[str] = (),
    workers: int = 1,
    any_answer: bool = False,
    timeout: float = 30,
) -> Iterator[Server]:
    """Start ``python <command> --host 127.0.0.1 --port <port> --log-level warning
    <extra_args>`` (``manage.py serve`` or ``-m uvicorn <app>``), wait until it is ready
    and stop it afterwards (terminate, then kill).

    Ready means GET /healthz answers 200 (any answer with ``any_answer``: the bench's bare
    app has no health URL) and, with several ``workers``, that uvicorn has started them all
    (it starts them in turn and /healthz may reach only the first). The process's output
    goes to ``log_path``, shown when it exits early or never becomes ready.
    """
    port = port or free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                *command,
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
                *extra_args,
            ],
            cwd=BASE_DIR,
            env=dict(env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"

    def answering() -> bool:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{_tail(log_path)}")
        try:
            status = httpx.get(f"{url}/healthz", timeout=2).status_code
        except httpx.HTTPError:
            return False
        return any_answer or status == 200

    try:
        try:
            wait_until(answering, what=f"{url}/healthz", timeout=timeout, interval=0.2)
            wait_until(
                lambda: len(descendants(proc.pid)) > workers or workers == 1,
                what=f"{workers} workers",
                timeout=timeout,
                interval=0.2,
            )
        except TimeoutError as exc:
            raise RuntimeError(f"server did not become ready ({exc}):\n{_tail(log_path)}") from exc
        yield Server(url, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _tail(log_path: Path) -> str:
    return log_path.read_text(errors="replace")[-4000:]


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
def uvicorn_server(extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """``manage.py serve`` (as in production: proxy trust from TRUSTED_PROXIES) on the test
    database; yields its base URL."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(test_database_env())
    env.update({"AXES_ENABLED": "False", "LOG_LEVEL": "WARNING"})
    env.update(extra_env or {})
    if not env.get("DATABASE_URL"):
        env.pop("DATABASE_URL", None)
    port = free_port()
    log_path = BASE_DIR / "var" / f"uvicorn-{port}.log"
    with server_process(["manage.py", "serve"], env=env, log_path=log_path, port=port) as server:
        PROCESSES[server.url] = server.process
        try:
            yield server.url
        finally:
            PROCESSES.pop(server.url, None)
