"""Live-session load and latency harness: ``python -m bench.live --phones 2000``.

Runs, in one go and on loopback only:

1. **Röstrum**: two uvicorn worker processes (separate ports) with Redis and PostgreSQL,
   a running live session, N phones (pseudonymous participants with cookies), and an
   observer on the presenter socket playing the big screen.
2. **The bare reference** (bench/bare_app.py): two uvicorn processes of a plain ASGI +
   Redis pub/sub app doing the same job, with the same clients.

Phones live in separate client processes (multiprocessing, each holding many asyncio
websocket clients), spread over both workers. All phones connect at once; then each
sends one answer over its websocket at a random moment within ``--spread`` seconds and
waits for the ack; every phone watches its snapshots until it sees the final total.
Prints a JSON summary (see bench/README.md). Stops by itself (bounded waits everywhere).
"""

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import random
import resource
import secrets
import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from tests.support.servers import server_process

BASE_DIR = Path(__file__).resolve().parent.parent
CLK_TCK = os.sysconf("SC_CLK_TCK")
COOKIE = "rostrum_participant"


def raise_fd_limit() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def cpu_ticks(pids: list[int]) -> int:
    """utime + stime of the processes (all their threads), from /proc/<pid>/stat."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # fields 14 and 15 of stat(5)
    return total


# --- servers -----------------------------------------------------------------------------------


@contextmanager
def server(app: str, env: dict[str, str], log: Path) -> Iterator[tuple[str, int]]:
    """One uvicorn process of ``app``; yields its URL and pid. Any answer on /healthz means
    ready: the bare reference app has no health URL."""
    with server_process(
        ["-m", "uvicorn", app],
        env=env,
        log_path=log,
        extra_args=["--ws-max-queue", "64", "--backlog", "4096"],
        any_answer=True,
    ) as started:
        yield started.url, started.process.pid


# --- clients -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhoneSpec:
    urls: tuple[str, ...]  # ws base URLs to try in order
    token: str
    question_id: int
    option_id: int
    offset: float  # seconds after "go" to send the answer


def _phone_main(
    specs: list[PhoneSpec],
    path: str,
    ready: Any,
    go: Any,
    go_at: Any,
    results: Any,
    expected: int,
    timeout: float,
) -> None:
    raise_fd_limit()
    out = asyncio.run(_phones(specs, path, ready, go, go_at, expected, timeout))
    results.put(out)


async def _phones(
    specs: list[PhoneSpec],
    path: str,
    ready: Any,
    go: Any,
    go_at: Any,
    expected: int,
    timeout: float,
) -> dict[str, Any]:
    import websockets

    connected: list[float] = []
    failures = 0
    frames = 0
    sends: list[tuple[float, float]] = []  # (sent, acked)
    finals: list[float] = []
    start = time.monotonic()

    async def open_socket(spec: PhoneSpec) -> Any:
        for base in spec.urls:
            try:
                return await websockets.connect(
                    base.replace("http://", "ws://") + path,
                    origin=websockets.typing.Origin(base),
                    additional_headers={"Cookie": f"{COOKIE}={spec.token}"},
                    open_timeout=timeout,
                    max_queue=None,
                    compression=None,
                )
            except (OSError, websockets.WebSocketException, TimeoutError):
                continue
        return None

    async def connect_one(spec: PhoneSpec) -> Any:
        nonlocal failures, frames
        ws = await open_socket(spec)
        if ws is None:
            failures += 1
            return None
        try:
            async with asyncio.timeout(timeout):
                while json.loads(await ws.recv())["type"] != "snapshot":
                    pass
        except (TimeoutError, websockets.WebSocketException):
            failures += 1
            return None
        frames += 1
        connected.append(time.monotonic())
        return ws

    sockets = await asyncio.gather(*(connect_one(s) for s in specs))
    ready.put((start, len(connected), failures))
    await asyncio.get_running_loop().run_in_executor(None, go.wait)
    t_go = go_at.value

    async def run(spec: PhoneSpec, ws: Any) -> None:
        nonlocal frames
        if ws is None:
            return
        await asyncio.sleep(max(0.0, t_go + spec.offset - time.monotonic()))
        key = str(uuid.uuid4())
        data = {
            "question_id": spec.question_id,
            "option_id": spec.option_id,
            "idempotency_key": key,
        }
        sent = time.monotonic()
        await ws.send(json.dumps({"type": "answer", "request_id": key, "data": data}))
        acked = final = 0.0
        try:
            async with asyncio.timeout(timeout):
                while True:
                    frame = json.loads(await ws.recv())
                    frames += 1
                    now = time.monotonic()
                    if frame["type"] == "ack" and frame.get("request_id") == key:
                        acked = now
                        sends.append((sent, acked))
                    elif frame["type"] == "snapshot":
                        current = frame["session"].get("current") or {}
                        if current.get("answer_count") == expected:
                            final = final or now  # may overtake the ack: both follow commit
                    if acked and final:
                        finals.append(final)
                        return
        except (TimeoutError, websockets.WebSocketException):
            if not acked:
                sends.append((sent, 0.0))
        finally:
            await ws.close()

    await asyncio.gather(*(run(s, ws) for s, ws in zip(specs, sockets, strict=True)))
    return {
        "connected": connected,
        "failures": failures,
        "frames": frames,
        "sends": sends,
        "finals": finals,
        "phones": len(specs),
    }


async def observe(
    url: str, path: str, headers: dict[str, str], expected: int, stop_at: float
) -> list[tuple[float, int]]:
    """The big screen: (time, answer_count) for every snapshot it receives."""
    import websockets

    seen: list[tuple[float, int]] = []
    async with websockets.connect(
        url.replace("http://", "ws://") + path,
        origin=websockets.typing.Origin(url),
        additional_headers=headers,
        max_queue=None,
    ) as ws:
        while time.monotonic() < stop_at:
            try:
                async with asyncio.timeout(max(0.1, stop_at - time.monotonic())):
                    frame = json.loads(await ws.recv())
            except TimeoutError:
                break
            if frame["type"] == "snapshot":
                count = (frame["session"].get("current") or {}).get("answer_count", 0)
                seen.append((time.monotonic(), count))
                if count >= expected:
                    break
    return seen


def run_load(
    *,
    urls: list[str],
    pids: list[int],
    path: str,
    observer_path: str,
    observer_headers: dict[str, str],
    tokens: list[str],
    question_id: int,
    option_ids: list[int],
    spread: float = 3.0,
    processes: int = 4,
    timeout: float = 60.0,
) -> dict[str, Any]:
    """N phones in ``processes`` client processes against ``urls``; measurements in a dict."""
    n = len(tokens)
    rng = random.Random(42)
    specs = [
        PhoneSpec(
            urls=tuple(urls[i % len(urls) :] + urls[: i % len(urls)]),
            token=token,
            question_id=question_id,
            option_id=option_ids[i % len(option_ids)],
            offset=rng.uniform(0, spread),
        )
        for i, token in enumerate(tokens)
    ]
    # spawn, not fork: the caller (a test run, Django) may have threads a fork would copy.
    ctx = mp.get_context("spawn")
    ready, results = ctx.Queue(), ctx.Queue()
    go = ctx.Event()
    go_at = ctx.Value("d", 0.0)
    chunks = [specs[i::processes] for i in range(processes)]
    procs = [
        ctx.Process(
            target=_phone_main,
            args=(chunk, path, ready, go, go_at, results, n, timeout),
            daemon=True,
        )
        for chunk in chunks
    ]
    cpu_before_connect = cpu_ticks(pids)
    for p in procs:
        p.start()
    starts, connected, failures = [], 0, 0
    for _ in procs:
        start, ok, failed = ready.get(timeout=timeout * 2)
        starts.append(start)
        connected += ok
        failures += failed
    cpu_at_go = cpu_ticks(pids)
    go_at.value = time.monotonic() + 0.5

    async def watch() -> list[tuple[float, int]]:
        return await observe(
            urls[0], observer_path, observer_headers, connected, go_at.value + spread + timeout
        )

    loop = asyncio.new_event_loop()
    observer_task = loop.create_task(watch())
    go.set()
    seen = loop.run_until_complete(observer_task)
    loop.close()
    outs = [results.get(timeout=timeout * 2) for _ in procs]
    cpu_end = cpu_ticks(pids)
    for p in procs:
        p.join(timeout=10)
        if p.is_alive():
            p.kill()

    connect_times = sorted(t for o in outs for t in o["connected"])
    sends = sorted((s for o in outs for s in o["sends"]), key=lambda s: s[1] or float("inf"))
    acked = [s for s in sends if s[1]]
    finals = [t for o in outs for t in o["finals"]]
    frames = sum(o["frames"] for o in outs) + len(seen)
    # The k-th committed (acked) vote is on the big screen once it shows a count >= k.
    latencies = []
    for k, (sent, _ack) in enumerate(acked, start=1):
        shown = next((t for t, count in seen if count >= k), None)
        if shown is not None:
            latencies.append((shown - sent) * 1000)
    connect_span = (connect_times[-1] - min(starts)) if connect_times else float("nan")
    last_vote = max((s for s, _a in acked), default=float("nan"))
    delivered = frames
    return {
        "phones": n,
        "connected": len(connect_times),
        "connect_rate_per_s": round(len(connect_times) / connect_span, 1) if connect_span else None,
        "connect_seconds": round(connect_span, 3),
        "connect_failures": failures,
        "votes_sent": len(sends),
        "votes_acked": len(acked),
        "votes_on_screen": len(latencies),
        "vote_to_screen_p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "vote_to_screen_p95_ms": round(statistics.quantiles(latencies, n=20)[18], 1)
        if len(latencies) >= 20
        else None,
        "phones_with_final": len(finals),
        "last_phone_final_ms": round((max(finals) - last_vote) * 1000, 1) if finals else None,
        "messages_delivered": delivered,
        "server_cpu_s_connect": round((cpu_at_go - cpu_before_connect) / CLK_TCK, 2),
        "server_cpu_s_votes": round((cpu_end - cpu_at_go) / CLK_TCK, 2),
        "server_cpu_us_per_msg": round((cpu_end - cpu_at_go) / CLK_TCK * 1e6 / delivered, 1)
        if delivered
        else None,
    }


# --- the real app ------------------------------------------------------------------------------


def prepare_session(n: int) -> dict[str, Any]:
    """A running session with one 4-option question, n participants (tokens) and a staff
    session cookie for the observer. Needs Django set up against the target database."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User
    from django.contrib.sessions.backends.db import SessionStore

    from forum.core.roles import Role
    from forum.live.services import live_session_start
    from forum.participation.models import Forum, ForumStaff, Participant
    from forum.participation.services import participant_token_hash
    from forum.polls.services import QuestionSpec, poll_create

    suffix = secrets.token_hex(4)
    worker = User.objects.create_user(f"bench-{suffix}", password=secrets.token_urlsafe(16))
    worker.groups.add(Group.objects.get_or_create(name=Role.YOUTH_WORKER.value)[0])
    forum = Forum.objects.create(
        name=f"Bench {suffix}", slug=f"bench-{suffix}", pre_moderation=False
    )
    # Youth workers run only the forums they are staff of (docs/decisions/0049).
    ForumStaff.objects.create(forum=forum, user=worker)
    poll = poll_create(
        forum=forum,
        title="Bench",
        actor=worker,
        questions=[QuestionSpec(text="Vad?", options=["A", "B", "C", "D"])],
    )
    session = live_session_start(forum=forum, poll=poll, actor=worker, title="Bench")
    tokens = [secrets.token_urlsafe(32) for _ in range(n)]
    Participant.objects.bulk_create(
        [Participant(token_hash=participant_token_hash(t)) for t in tokens], batch_size=1000
    )
    store = SessionStore()
    store[SESSION_KEY] = str(worker.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = worker.get_session_auth_hash()
    store.create()
    question = poll.questions.get()
    return {
        "code": session.join_code,
        "session_id": session.pk,
        "tokens": tokens,
        "question_id": question.pk,
        "option_ids": list(question.options.values_list("pk", flat=True)),
        "staff_cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}",
    }


def votes_in_db(question_id: int) -> int:
    from forum.polls.models import Response

    return Response.objects.filter(question_id=question_id).count()


def app_env(database_url: str, redis_url: str, prefix: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CHANNEL_PREFIX=prefix,
        CACHE_PREFIX=prefix,
        CONN_MAX_AGE="60",
        AXES_ENABLED="False",
        LOG_LEVEL="WARNING",
        # The bench is one machine pretending to be a hall: no per-device write limits.
        THROTTLE_VOTE="10000000/min",
        THROTTLE_JOIN="10000000/min",
        THROTTLE_QA="10000000/min",
        THROTTLE_STAFF_WRITE="10000000/min",
    )
    return env


def ensure_database(database_url: str) -> None:
    from urllib.parse import urlparse

    import psycopg

    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def bench_app(args: argparse.Namespace, prefix: str) -> dict[str, Any]:
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    world = prepare_session(args.phones)
    env = app_env(args.database_url, args.redis_url, prefix)
    logs = BASE_DIR / "var"
    logs.mkdir(exist_ok=True)
    with ExitStack() as stack:
        servers = [
            stack.enter_context(server("config.asgi:application", env, logs / f"bench-app-{i}.log"))
            for i in range(args.workers)
        ]
        # A closed DB connection before forking the client processes.
        from django.db import connections

        connections.close_all()
        result = run_load(
            urls=[u for u, _p in servers],
            pids=[p for _u, p in servers],
            path=f"/ws/live/{world['code']}/",
            observer_path=f"/ws/live/{world['code']}/presenter/",
            observer_headers={"Cookie": world["staff_cookie"]},
            tokens=world["tokens"],
            question_id=world["question_id"],
            option_ids=world["option_ids"],
            spread=args.spread,
            processes=args.processes,
            timeout=args.timeout,
        )
    result["votes_counted"] = votes_in_db(world["question_id"])
    return result


def bench_bare(args: argparse.Namespace, prefix: str) -> dict[str, Any]:
    import redis

    env = dict(os.environ)
    env.update(
        BENCH_REDIS_URL=args.redis_url, BENCH_PREFIX=prefix, BENCH_INTERVAL=str(args.interval)
    )
    tokens = [secrets.token_urlsafe(32) for _ in range(args.phones)]
    logs = BASE_DIR / "var"
    with ExitStack() as stack:
        servers = [
            stack.enter_context(server("bench.bare_app:app", env, logs / f"bench-bare-{i}.log"))
            for i in range(args.workers)
        ]
        result = run_load(
            urls=[u for u, _p in servers],
            pids=[p for _u, p in servers],
            path="/ws/",
            observer_path="/ws/",
            observer_headers={},
            tokens=tokens,
            question_id=1,
            option_ids=[1, 2, 3, 4],
            spread=args.spread,
            processes=args.processes,
            timeout=args.timeout,
        )
    client = redis.from_url(args.redis_url)
    tally = client.hgetall(f"{prefix}:tally")
    result["votes_counted"] = sum(int(v) for v in tally.values())
    client.delete(f"{prefix}:tally", f"{prefix}:answers")
    return result


def ratios(app: dict[str, Any], bare: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key in (
        "vote_to_screen_p50_ms",
        "vote_to_screen_p95_ms",
        "last_phone_final_ms",
        "server_cpu_us_per_msg",
    ):
        a, b = app.get(key), bare.get(key)
        out[f"{key}_ratio"] = round(a / b, 2) if a is not None and b else None
    a, b = app.get("connect_rate_per_s"), bare.get("connect_rate_per_s")
    out["connect_rate_ratio"] = round(a / b, 2) if a and b else None
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument(
        "--spread", type=float, default=3.0, help="seconds over which votes are spread"
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn processes per target")
    parser.add_argument("--processes", type=int, default=4, help="client processes")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--interval", type=float, default=0.15, help="bare app coalescing interval")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rostrum_bench"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument("--only", choices=["app", "bare"], default=None)
    args = parser.parse_args(argv)
    for url in (args.database_url, args.redis_url):
        host = urlparse(url).hostname or ""
        if host not in ("127.0.0.1", "localhost", "::1"):
            parser.error(f"loopback addresses only, got {host}")
    fds = raise_fd_limit()
    if fds < args.phones * 2 + 100:
        parser.error(f"file descriptor limit {fds} is too low for {args.phones} phones")
    ensure_database(args.database_url)
    prefix = f"bench{uuid.uuid4().hex[:8]}"
    summary: dict[str, Any] = {
        "phones": args.phones,
        "spread_s": args.spread,
        "workers": args.workers,
    }
    if args.only != "bare":
        summary["app"] = bench_app(args, prefix)
    if args.only != "app":
        summary["bare"] = bench_bare(args, prefix + "bare")
    if "app" in summary and "bare" in summary:
        summary["ratios"] = ratios(summary["app"], summary["bare"])
    print(json.dumps(summary, indent=2))
    return summary


if __name__ == "__main__":
    main()
