"""Live-session load and latency harness: ``python -m bench.live --phones 2000``.

Runs, in one go and on loopback only:

1. **Röstrum**: two uvicorn worker processes (separate ports) with Redis and PostgreSQL,
   a running live session, N phones (pseudonymous participants with cookies), and an
   observer on the presenter socket playing the big screen.
2. **The bare reference** (bench/bare_app.py): two uvicorn processes of a plain ASGI +
   Redis pub/sub app doing the same job, with the same clients.

Phones live in separate client processes (multiprocessing, each holding many asyncio
websocket clients), spread over both workers. All phones connect (a ramp: at most
CONNECTING_PER_PROCESS handshakes in flight per client process); then each sends one
answer over its websocket at a random moment within ``--spread`` seconds and waits for the
ack; every phone watches its snapshots until it sees the final total. ``--kill-worker``
SIGKILLs one server process once half the phones have voted (docs/decisions/0059); its
phones reconnect and resend as the frontend does. Prints a JSON summary (see
bench/README.md). Stops by itself (bounded waits everywhere).
"""

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import random
import resource
import secrets
import signal
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
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
def server(
    app: str, env: dict[str, str], log: Path, port: int | None = None
) -> Iterator[tuple[str, int]]:
    """One uvicorn process of ``app``; yields its URL and pid. Any answer on /healthz means
    ready: the bare reference app has no health URL. ``port``: restart on the same one."""
    with server_process(
        ["-m", "uvicorn", app],
        env=env,
        log_path=log,
        port=port,
        extra_args=["--ws-max-queue", "64", "--backlog", "4096"],
        any_answer=True,
    ) as started:
        yield started.url, started.process.pid


# --- clients -------------------------------------------------------------------------------------

# Phones open their sockets at most this many at a time per client process: 5,000 handshakes
# at once overflow the listen backlog and time out; a steady ramp connects faster overall.
CONNECTING_PER_PROCESS = 200
# As the frontend (frontend/src/lib/outbox.ts, docs/realtime.md): an answer not acknowledged
# within 8 s is sent again with the same key; reconnects back off 250-500 ms, 500-1000 ms, ...
ACK_WAIT = 8.0
BACKOFF_BASE = 0.5
BACKOFF_CAP = 15.0


def backoff_delay(attempt: int, rng: random.Random) -> float:
    exp = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** min(attempt, 16))
    return exp / 2 + rng.random() * exp / 2


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
    sent: Any,
    results: Any,
    expected: int,
    timeout: float,
) -> None:
    raise_fd_limit()
    try:
        import uvloop

        uvloop.install()  # the clients' own CPU is the bench's limit at 5,000 phones
    except ImportError:
        pass
    out = asyncio.run(_phones(specs, path, ready, go, go_at, sent, expected, timeout))
    results.put(out)


def close_code(error: Exception) -> int:
    """Why a socket dropped: its close code, 1006 without a close frame, 0 another error."""
    import websockets

    if isinstance(error, websockets.ConnectionClosed):
        frame = error.rcvd or error.sent
        return frame.code if frame else 1006
    return 0


def _count(frame: dict[str, Any]) -> int | None:
    return (frame["session"].get("current") or {}).get("answer_count")


async def _phones(
    specs: list[PhoneSpec],
    path: str,
    ready: Any,
    go: Any,
    go_at: Any,
    sent: Any,
    expected: int,
    timeout: float,
) -> dict[str, Any]:
    import websockets

    connected: list[float] = []
    failures = 0
    frames = 0
    sends: list[tuple[float, float]] = []  # (first sent, acked or 0.0)
    finals: list[float] = []
    reconnects: list[float] = []  # seconds from a dropped socket to the next snapshot
    resends = 0
    drops: Counter[int] = Counter()  # close code (1006: no close frame, 0: other error)
    start = time.monotonic()
    rng = random.Random(os.getpid())
    gate = asyncio.Semaphore(CONNECTING_PER_PROCESS)

    async def open_socket(spec: PhoneSpec) -> tuple[Any, dict[str, Any]] | None:
        """The first URL that answers with a snapshot: (socket, snapshot)."""
        for base in spec.urls:
            try:
                async with gate:
                    ws = await websockets.connect(
                        base.replace("http://", "ws://") + path,
                        origin=websockets.typing.Origin(base),
                        additional_headers={"Cookie": f"{COOKIE}={spec.token}"},
                        open_timeout=timeout,
                        max_queue=None,
                        compression=None,
                        # No client keepalive: 1,250 phones share one starved client loop
                        # here, and a pong it reads late would close a healthy socket
                        # (1011). The server's own pings (uvicorn, 20 s) still apply.
                        ping_interval=None,
                    )
                async with asyncio.timeout(timeout):
                    while True:
                        frame = json.loads(await ws.recv())
                        if frame["type"] == "snapshot":
                            return ws, frame
            except (OSError, websockets.WebSocketException, TimeoutError):
                continue
        return None

    async def connect_one(spec: PhoneSpec) -> Any:
        nonlocal failures, frames
        opened = await open_socket(spec)
        if opened is None:
            failures += 1
            return None
        frames += 1
        connected.append(time.monotonic())
        return opened[0]

    sockets = await asyncio.gather(*(connect_one(s) for s in specs))
    ready.put((start, len(connected), failures))
    await asyncio.get_running_loop().run_in_executor(None, go.wait)
    t_go = go_at.value

    async def run(spec: PhoneSpec, ws: Any) -> None:
        """Answer once at the phone's moment, until acked and the final total is seen;
        a dropped socket reconnects with backoff and the unacked answer goes again with the
        same key, as the frontend does."""
        nonlocal frames, resends
        key = str(uuid.uuid4())
        message = json.dumps(
            {
                "type": "answer",
                "request_id": key,
                "data": {
                    "question_id": spec.question_id,
                    "option_id": spec.option_id,
                    "idempotency_key": key,
                },
            }
        )
        due = t_go + spec.offset
        deadline = due + timeout
        first_sent = last_sent = acked = final = 0.0
        dropped_at = time.monotonic() if ws is None else 0.0
        attempt = 0
        try:
            while not (acked and final):
                now = time.monotonic()
                if now >= deadline:
                    break
                if ws is None:
                    # Like the frontend, wait first (250-500 ms): the jitter spreads a
                    # dead worker's phones instead of landing them all in one millisecond.
                    await asyncio.sleep(backoff_delay(attempt, rng))
                    attempt += 1
                    opened = await open_socket(spec)
                    if opened is None:
                        continue
                    ws, snapshot = opened
                    now = time.monotonic()
                    frames += 1
                    reconnects.append(now - dropped_at)
                    attempt, last_sent = 0, 0.0  # the new socket has not had the answer
                    if (_count(snapshot) or 0) >= expected:
                        final = final or now
                if not acked and now >= due and (not last_sent or now - last_sent >= ACK_WAIT):
                    try:
                        await ws.send(message)
                    except websockets.WebSocketException as error:
                        drops[close_code(error)] += 1
                        ws, dropped_at = None, time.monotonic()
                        continue
                    if first_sent:
                        resends += 1
                    else:
                        with sent.get_lock():  # phones that have voted, for the fault
                            sent.value += 1
                    first_sent = first_sent or now
                    last_sent = now
                if acked:
                    wake = deadline
                elif not last_sent:
                    wake = due
                else:
                    wake = last_sent + ACK_WAIT
                try:
                    async with asyncio.timeout(max(0.001, min(wake, deadline) - now)):
                        frame = json.loads(await ws.recv())
                except TimeoutError:
                    continue
                except (OSError, websockets.WebSocketException) as error:
                    drops[close_code(error)] += 1
                    ws, dropped_at = None, time.monotonic()
                    continue
                frames += 1
                if frame["type"] == "ack" and frame.get("request_id") == key:
                    acked = acked or time.monotonic()
                elif frame["type"] == "snapshot" and (_count(frame) or 0) >= expected:
                    final = final or time.monotonic()  # may overtake the ack: both follow commit
        finally:
            if first_sent:
                sends.append((first_sent, acked))
            if acked and final:
                finals.append(final)
            if ws is not None:
                await ws.close()

    await asyncio.gather(*(run(s, ws) for s, ws in zip(specs, sockets, strict=True)))
    return {
        "connected": connected,
        "failures": failures,
        "frames": frames,
        "sends": sends,
        "finals": finals,
        "reconnects": reconnects,
        "resends": resends,
        "drops": dict(drops),
        "phones": len(specs),
        "cpu_s": time.process_time(),  # the client's own CPU: is the bench client-bound?
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
                count = _count(frame) or 0
                seen.append((time.monotonic(), count))
                if count >= expected:
                    break
    return seen


@dataclass(frozen=True)
class Fault:
    """SIGKILL the server process ``urls[victim]`` once the share ``at`` of the phones have
    sent their vote; ``restart`` (if given) starts it again on the same URL, as a process
    manager does, and returns its new pid."""

    victim: int
    at: float = 0.5
    restart: Callable[[], int] | None = None


def _quantile(values: list[float], q: int) -> float | None:
    """The q-th percentile in ms (statistics.quantiles, 'exclusive'), None under 20 values."""
    if len(values) < 20:
        return None
    return round(statistics.quantiles(values, n=100)[q - 1] * 1000, 1)


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
    fault: Fault | None = None,
) -> dict[str, Any]:
    """N phones in ``processes`` client processes against ``urls``; measurements in a dict.
    With a ``fault``, one server process is killed mid-vote (the observer, the big screen,
    stays on ``urls[0]``, which is never the victim)."""
    if fault is not None and not 0 < fault.victim < len(urls):
        raise ValueError("the victim must be a server other than urls[0], the big screen's")
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
    sent = ctx.Value("i", 0)
    chunks = [specs[i::processes] for i in range(processes)]
    procs = [
        ctx.Process(
            target=_phone_main,
            args=(chunk, path, ready, go, go_at, sent, results, n, timeout),
            daemon=True,
        )
        for chunk in chunks
    ]
    pids = list(pids)
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
    killed: dict[str, float] = {}  # what the fault did, and when

    async def watch() -> list[tuple[float, int]]:
        return await observe(
            urls[0], observer_path, observer_headers, connected, go_at.value + spread + timeout
        )

    async def kill(fault: Fault) -> None:
        # Once that share of the phones have sent their vote (at the latest when the
        # spread is over): lagging client loops would otherwise shift the kill in time.
        while sent.value < fault.at * n and time.monotonic() < go_at.value + spread:
            await asyncio.sleep(0.005)
        victim = pids[fault.victim]
        # Its CPU so far; a killed process's counters are gone once it is reaped.
        killed["victim_ticks"] = cpu_ticks([victim])
        os.kill(victim, signal.SIGKILL)
        killed["at"] = time.monotonic()
        if fault.restart is not None:
            new = await asyncio.get_running_loop().run_in_executor(None, fault.restart)
            killed["restarted_at"] = time.monotonic()
            # Its start-up (imports, Django setup) is reported apart from the voting's CPU.
            killed["restart_ticks"] = cpu_ticks([new])
            pids[fault.victim] = new
        else:
            pids.pop(fault.victim)

    async def session() -> list[tuple[float, int]]:
        if fault is None:
            return await watch()
        seen, _ = await asyncio.gather(watch(), kill(fault))
        return seen

    go.set()
    seen = asyncio.run(session())
    outs = [results.get(timeout=timeout * 3) for _ in procs]
    cpu_end = cpu_ticks(pids) + int(killed.get("victim_ticks", 0))
    if fault is not None:
        # The victim's ticks before "go" were counted in cpu_at_go; its restart is apart.
        cpu_end -= int(killed.get("restart_ticks", 0))
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
    result = {
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
        "phones_without_final": n - len(finals),
        "last_phone_final_ms": round((max(finals) - last_vote) * 1000, 1) if finals else None,
        "messages_delivered": delivered,
        "server_cpu_s_connect": round((cpu_at_go - cpu_before_connect) / CLK_TCK, 2),
        "server_cpu_s_votes": round((cpu_end - cpu_at_go) / CLK_TCK, 2),
        "server_cpu_us_per_msg": round((cpu_end - cpu_at_go) / CLK_TCK * 1e6 / delivered, 1)
        if delivered
        else None,
        # The app sends each phone an ack, its "mine" and snapshots; the bare app an ack and
        # snapshots: per vote is the other fair yardstick.
        "server_cpu_ms_per_vote": round((cpu_end - cpu_at_go) / CLK_TCK * 1e3 / len(acked), 2)
        if acked
        else None,
        "client_cpu_s": round(sum(o["cpu_s"] for o in outs), 2),
    }
    if fault is not None:
        reconnects = [r for o in outs for r in o["reconnects"]]
        result.update(
            {
                "killed_after_s": round(killed["at"] - go_at.value, 2),
                "votes_sent_before_kill": sum(1 for s, _a in sends if s < killed["at"]),
                "votes_resent": sum(o["resends"] for o in outs),
                "phones_reconnected": len(reconnects),
                "drops_by_close_code": dict(sum((Counter(o["drops"]) for o in outs), Counter())),
                "reconnect_p50_ms": _quantile(reconnects, 50),
                "reconnect_p95_ms": _quantile(reconnects, 95),
                "reconnect_max_ms": round(max(reconnects) * 1000, 1) if reconnects else None,
                "restart_s": round(killed["restarted_at"] - killed["at"], 2)
                if "restarted_at" in killed
                else None,
                "server_cpu_s_restart": round(killed.get("restart_ticks", 0) / CLK_TCK, 2),
            }
        )
    return result


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
    return counted(question_id)["votes_counted"]


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


def run_target(
    args: argparse.Namespace, app: str, env: dict[str, str], log_stem: str, **load: Any
) -> dict[str, Any]:
    """``args.workers`` uvicorn processes of ``app`` and the phones against them; with
    ``--kill-worker`` the last process is SIGKILLed mid-vote and, unless ``--no-restart``,
    started again on its port as a process manager would (uvicorn's own supervisor,
    systemd ``Restart=always``, a container restart policy)."""
    logs = BASE_DIR / "var"
    logs.mkdir(exist_ok=True)
    with ExitStack() as stack:
        servers = [
            stack.enter_context(server(app, env, logs / f"{log_stem}-{i}.log"))
            for i in range(args.workers)
        ]
        fault = None
        if args.kill_worker:
            victim = len(servers) - 1  # never servers[0]: the big screen watches there
            port = urlparse(servers[victim][0]).port

            def restart() -> int:
                log = logs / f"{log_stem}-{victim}-restarted.log"
                return stack.enter_context(server(app, env, log, port=port))[1]

            fault = Fault(
                victim=victim, at=args.kill_at, restart=None if args.no_restart else restart
            )
        return run_load(
            urls=[u for u, _p in servers],
            pids=[p for _u, p in servers],
            spread=args.spread,
            processes=args.processes,
            timeout=args.timeout,
            fault=fault,
            **load,
        )


def bench_app(args: argparse.Namespace, prefix: str) -> dict[str, Any]:
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    world = prepare_session(args.phones)
    # A closed DB connection before starting the client processes.
    connections.close_all()
    result = run_target(
        args,
        "config.asgi:application",
        app_env(args.database_url, args.redis_url, prefix),
        "bench-app",
        path=f"/ws/live/{world['code']}/",
        observer_path=f"/ws/live/{world['code']}/presenter/",
        observer_headers={"Cookie": world["staff_cookie"]},
        tokens=world["tokens"],
        question_id=world["question_id"],
        option_ids=world["option_ids"],
    )
    result.update(counted(world["question_id"]))
    return result


def counted(question_id: int) -> dict[str, int]:
    """Votes in the database: all, and distinct phones (one answer per participant)."""
    from forum.polls.models import Response

    answers = Response.objects.filter(question_id=question_id)
    return {
        "votes_counted": answers.count(),
        "phones_counted": answers.values("participant_id").distinct().count(),
    }


def bench_bare(args: argparse.Namespace, prefix: str) -> dict[str, Any]:
    import redis

    env = dict(os.environ)
    env.update(
        BENCH_REDIS_URL=args.redis_url, BENCH_PREFIX=prefix, BENCH_INTERVAL=str(args.interval)
    )
    result = run_target(
        args,
        "bench.bare_app:app",
        env,
        "bench-bare",
        path="/ws/",
        observer_path="/ws/",
        observer_headers={},
        tokens=[secrets.token_urlsafe(32) for _ in range(args.phones)],
        question_id=1,
        option_ids=[1, 2, 3, 4],
    )
    client = redis.from_url(args.redis_url)
    tally = client.hgetall(f"{prefix}:tally")
    result["votes_counted"] = sum(int(v) for v in tally.values())
    result["phones_counted"] = client.hlen(f"{prefix}:answers")
    client.delete(f"{prefix}:tally", f"{prefix}:answers")
    return result


def verdict(result: dict[str, Any]) -> dict[str, bool]:
    """The correctness targets: every acknowledged vote counted once per phone that voted,
    and no phone left without the final total."""
    return {
        "all_acked_votes_counted": result["votes_counted"] >= result["votes_acked"]
        and result["votes_counted"] == result["phones_counted"] == result["votes_sent"],
        "every_phone_has_final": result["phones_without_final"] == 0,
    }


def ratios(app: dict[str, Any], bare: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key in (
        "vote_to_screen_p50_ms",
        "vote_to_screen_p95_ms",
        "last_phone_final_ms",
        "server_cpu_us_per_msg",
        "server_cpu_ms_per_vote",
        "reconnect_p95_ms",
    ):
        a, b = app.get(key), bare.get(key)
        out[f"{key}_ratio"] = round(a / b, 2) if a is not None and b else None
    a, b = app.get("connect_rate_per_s"), bare.get("connect_rate_per_s")
    out["connect_rate_ratio"] = round(a / b, 2) if a and b else None
    p95, cpu = out["vote_to_screen_p95_ms_ratio"], out["server_cpu_us_per_msg_ratio"]
    out["targets"] = {  # the targets for the hall (bench/README.md)
        "p95_at_most_1_5x_bare": p95 is not None and p95 <= 1.5,
        "cpu_per_msg_at_most_2x_bare": cpu is not None and cpu <= 2.0,
    }
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
    parser.add_argument(
        "--kill-worker",
        action="store_true",
        help="SIGKILL one of the server processes mid-vote (both targets)",
    )
    parser.add_argument(
        "--kill-at", type=float, default=0.5, help="kill once this share of phones have voted"
    )
    parser.add_argument("--no-restart", action="store_true", help="leave the killed process dead")
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
        "kill_worker": args.kill_worker,
        "restart": args.kill_worker and not args.no_restart,
        "load_average": os.getloadavg(),
    }
    if args.only != "bare":
        summary["app"] = bench_app(args, prefix)
    if args.only != "app":
        summary["bare"] = bench_bare(args, prefix + "bare")
    for target in ("app", "bare"):
        if target in summary:
            summary[target]["verdict"] = verdict(summary[target])
    summary["load_average_after"] = os.getloadavg()
    if "app" in summary and "bare" in summary:
        summary["ratios"] = ratios(summary["app"], summary["bare"])
    print(json.dumps(summary, indent=2))
    return summary


if __name__ == "__main__":
    main()
