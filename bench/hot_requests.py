"""HTTP bench of the hot requests: ``python -m bench.hot_requests`` (``make bench-http``).

On loopback only, in one run:

1. A fresh PostgreSQL database (dropped and created; its name must contain "bench"),
   migrated, and a running live session with one four-option question, ``--answers``
   answers already given and a pool of participants with cookies.
2. Röstrum started the way production starts it: ``manage.py serve --workers 2`` (uvicorn,
   Redis for the cache and the channel layer), with ``DJANGO_SETTINGS_MODULE=bench.settings``
   which adds one URL, the reference view (bench/reference.py: one indexed read, one write),
   to the same app.
3. ``--clients`` concurrent clients (httpx, asyncio, one keep-alive connection each) send
   ``--requests`` requests per endpoint, one endpoint at a time: the reference, POST
   /api/join (a new phone each time), GET /api/live/{code} (a phone with a cookie), POST
   /api/live/{code}/answers (a different phone for each answer).
4. Optionally (``--top-up``) the answers are topped up to that many and the round runs
   again: the cost per request should not grow with the answers.

Per endpoint: req/s, p50, p95, errors, and CPU per request of the server processes and
of the PostgreSQL backends serving them (utime + stime from /proc/<pid>/stat before and
after each phase). Prints a table and writes JSON (bench/README.md). Every wait is bounded.
"""

import argparse
import asyncio
import json
import os
import secrets
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from bench.live import BASE_DIR, CLK_TCK, COOKIE, app_env, raise_fd_limit
from tests.support.servers import descendants, server_process

TARGET_FACTOR = 2.0  # hot request vs the reference: CPU per request and p95 (issue 14)
SCALE_TOLERANCE = 0.10  # cost per request with many answers vs few
HOT = ("join", "live_state", "answer")


# --- processes and CPU ----------------------------------------------------------------------------


def cpu_by_pid(pids: list[int]) -> dict[int, int]:
    """utime + stime in clock ticks; a process gone meanwhile counts as absent."""
    out = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[pid] = int(fields[11]) + int(fields[12])  # fields 14 and 15 of stat(5)
    return out


def postgres_cpu_ticks() -> int | None:
    """CPU of the whole local PostgreSQL, ended backends included: the postmaster's own
    time plus what it reaped (cutime, cstime) plus every live child's. Machine-wide (other
    databases count too); None when the postmaster is not visible (PostgreSQL elsewhere)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == "1" and _comm(int(entry)) == "postgres":
            own = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
            return own + sum(cpu_by_pid(descendants(int(entry))[1:]).values())
    return None


def _comm(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""


def loadavg() -> float:
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


class Database:
    """The bench's own connection: seeding helpers and the PIDs of the app's backends."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.name = urlparse(url).path.lstrip("/")
        self.conn = psycopg.connect(url, autocommit=True)

    def backend_pids(self) -> list[int]:
        rows = self.conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
            " AND backend_type = 'client backend'",
            (self.name,),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def sessions(self) -> int:
        """Connections ever opened to the bench database (PostgreSQL 14+)."""
        row = self.conn.execute(
            "SELECT sessions FROM pg_stat_database WHERE datname = %s", (self.name,)
        ).fetchone()
        return int(row[0]) if row else 0

    def answers(self, question_id: int) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM polls_response WHERE question_id = %s", (question_id,)
        ).fetchone()
        return int(row[0]) if row else 0


def recreate_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"refusing to drop {name!r}: the bench database's name must say 'bench'")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


# --- the world ------------------------------------------------------------------------------------


@dataclass
class World:
    code: str
    poll_id: int
    question_id: int
    option_ids: list[int]
    tokens: list[str]  # participants without an answer, handed out in order
    answered_tokens: list[str]  # participants who answered while seeding
    next_token: int = 0

    def take(self, n: int) -> list[str]:
        if self.next_token + n > len(self.tokens):
            raise SystemExit("participant pool exhausted: raise --pool")
        out = self.tokens[self.next_token : self.next_token + n]
        self.next_token += n
        return out


def seed(answers: int, pool: int) -> World:
    """A running session, ``answers`` answers and ``pool`` participants who have not answered.
    Needs Django set up against the bench database."""
    from django.contrib.auth.models import Group, User

    from forum.core.roles import Role
    from forum.live.services import live_session_start
    from forum.participation.models import Forum, ForumStaff, Participant
    from forum.participation.services import participant_token_hash
    from forum.polls.services import QuestionSpec, poll_create, poll_response_submit

    worker = User.objects.create_user("bench-worker", password=secrets.token_urlsafe(16))
    worker.groups.add(Group.objects.get_or_create(name=Role.YOUTH_WORKER.value)[0])
    forum = Forum.objects.create(name="Bench", slug="bench", pre_moderation=False)
    # Youth workers run only the forums they are staff of (docs/decisions/0049).
    ForumStaff.objects.create(forum=forum, user=worker)
    poll = poll_create(
        forum=forum,
        title="Bench",
        actor=worker,
        questions=[QuestionSpec(text="Vad?", options=["A", "B", "C", "D"])],
    )
    session = live_session_start(forum=forum, poll=poll, actor=worker, title="Bench")
    poll.refresh_from_db()  # opened by the start
    question = poll.questions.get()
    option_ids = list(question.options.order_by("pk").values_list("pk", flat=True))
    answered = [secrets.token_urlsafe(32) for _ in range(answers)]
    tokens = [secrets.token_urlsafe(32) for _ in range(pool)]
    Participant.objects.bulk_create(
        [Participant(token_hash=participant_token_hash(t)) for t in answered + tokens],
        batch_size=1000,
    )
    world = World(
        code=session.join_code,
        poll_id=poll.pk,
        question_id=question.pk,
        option_ids=option_ids,
        tokens=tokens,
        answered_tokens=answered,
    )
    # Through the service, as a phone would: the rows are exactly what the app writes.
    for i, participant in enumerate(
        Participant.objects.filter(
            token_hash__in=[participant_token_hash(t) for t in answered]
        ).order_by("pk")
    ):
        poll_response_submit(
            question=question,
            participant=participant,
            option_id=option_ids[i % len(option_ids)],
            idempotency_key=uuid.uuid4(),
        )
    return world


def top_up(world: World, total: int, db: Database) -> int:
    """Answers up to ``total`` (bulk rows shaped like the service's), then tell the app."""
    from forum.core.events import generation_bump, poll_group
    from forum.participation.models import Participant
    from forum.participation.services import participant_token_hash
    from forum.polls.models import Response

    missing = total - db.answers(world.question_id)
    if missing <= 0:
        return 0
    shape = Response.objects.filter(question_id=world.question_id).values_list(
        "answer", "option_id"
    )[0]
    if shape[0] != {"option_id": shape[1]}:
        raise SystemExit(f"unexpected answer shape {shape[0]!r}: update bench top_up")
    tokens = world.take(missing)
    participants = Participant.objects.filter(
        token_hash__in=[participant_token_hash(t) for t in tokens]
    )
    rows = []
    for i, participant in enumerate(participants):
        option_id = world.option_ids[i % len(world.option_ids)]
        rows.append(
            Response(
                question_id=world.question_id,
                participant=participant,
                option_id=option_id,
                answer={"option_id": option_id},
            )
        )
    Response.objects.bulk_create(rows, batch_size=1000)
    # Written behind the app's back: an event, as a real answer would send, marks the
    # shared snapshot stale.
    generation_bump(poll_group(world.poll_id))
    return len(rows)


# --- the load -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    cookie: str | None = None
    body: dict[str, Any] | None = None


async def drive(
    bases: list[str], calls: list[Call], clients: int, timeout: float
) -> tuple[list[float], dict[str, int], float]:
    """Send ``calls`` with ``clients`` concurrent clients: latencies (ms), statuses, seconds."""
    import httpx

    latencies: list[float] = []
    statuses: dict[str, int] = {}
    queue = iter(calls)
    deadline = time.monotonic() + timeout

    async def client(index: int) -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        # --listeners split: clients alternate between the ports (one worker each).
        base = bases[index % len(bases)]
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as http:
            for call in queue:
                if time.monotonic() > deadline:
                    statuses["deadline"] = statuses.get("deadline", 0) + 1
                    continue
                http.cookies.clear()  # each call is its own phone
                headers = {"Cookie": f"{COOKIE}={call.cookie}"} if call.cookie else {}
                start = time.perf_counter()
                try:
                    response = await http.request(
                        call.method, call.path, json=call.body, headers=headers
                    )
                    key = str(response.status_code)
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                latencies.append((time.perf_counter() - start) * 1000)
                statuses[key] = statuses.get(key, 0) + 1

    start = time.monotonic()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return latencies, statuses, time.monotonic() - start


def percentile(values: list[float], p: int) -> float | None:
    if len(values) < 2:
        return None
    return round(statistics.quantiles(values, n=100, method="inclusive")[p - 1], 1)


def phase(
    name: str,
    calls: list[Call],
    *,
    bases: list[str],
    server_pids: list[int],
    db: Database,
    world: World,
    args: argparse.Namespace,
) -> dict[str, Any]:
    servers = [p for pid in server_pids for p in descendants(pid)]
    backends_before = db.backend_pids()
    server_before = cpu_by_pid(servers)
    db_before = cpu_by_pid(backends_before)
    pg_before = postgres_cpu_ticks()
    sessions_before = db.sessions()
    load_before = loadavg()
    client_before = time.process_time()
    latencies, statuses, seconds = asyncio.run(drive(bases, calls, args.clients, args.timeout))
    client_cpu = time.process_time() - client_before
    server_after = cpu_by_pid(servers)
    db_after = cpu_by_pid(db.backend_pids())
    pg_after = postgres_cpu_ticks()
    # Every stats query above is one session; pg_stat_database lags by up to half a second.
    time.sleep(0.6)
    opened = db.sessions() - sessions_before
    n = len(calls)
    ok = sum(v for k, v in statuses.items() if k.startswith("2"))
    # A backend opened during the phase started at zero; one closed during it is lost
    # (connections are persistent, so that is rare: counted in the JSON).
    db_ticks = sum(t - db_before.get(pid, 0) for pid, t in db_after.items())
    server_ticks = sum(server_after[p] - server_before.get(p, 0) for p in server_after)
    per_process = {
        str(p): round((server_after[p] - server_before.get(p, 0)) / CLK_TCK, 2)
        for p in server_after
    }
    result = {
        "endpoint": name,
        "requests": n,
        "ok": ok,
        "errors": n - ok,
        "statuses": statuses,
        "seconds": round(seconds, 2),
        "req_per_s": round(n / seconds, 1),
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "server_cpu_s": round(server_ticks / CLK_TCK, 2),
        "server_cpu_ms_per_req": round(server_ticks / CLK_TCK * 1000 / n, 2),
        "server_cpu_s_by_process": per_process,
        # The load generator shares the machine: if it nears a core, it is the bottleneck.
        "client_cpu_ms_per_req": round(client_cpu * 1000 / n, 2),
        "db_cpu_ms_per_req": round(db_ticks / CLK_TCK * 1000 / n, 2),
        # Backends of the bench database that ended during the phase (their CPU is missing
        # above): connections opened and closed per request if this is near the requests.
        "db_connections_opened": opened,
        "db_backends_closed": len(set(db_before) - set(db_after)),
        "postgres_cpu_ms_per_req": round((pg_after - pg_before) / CLK_TCK * 1000 / n, 2)
        if pg_before is not None and pg_after is not None
        else None,
        "answers_in_db_after": db.answers(world.question_id),
        "loadavg_before": load_before,
        "loadavg_after": loadavg(),
    }
    print(
        f"  {name:<11} {result['req_per_s']:>7} req/s  p50 {result['p50_ms']} ms"
        f"  p95 {result['p95_ms']} ms  cpu {result['server_cpu_ms_per_req']} ms/req"
        f"  pg {result['postgres_cpu_ms_per_req']} ms/req"
        f"  client {result['client_cpu_ms_per_req']} ms/req"
        f"  new conns {opened}  errors {result['errors']}",
        file=sys.stderr,
    )
    return result


def calls_for(endpoint: str, world: World, n: int) -> list[Call]:
    code = world.code
    if endpoint == "reference":
        # Cookies of phones that exist: the indexed read finds a row every time.
        pool = world.answered_tokens or world.tokens
        return [Call("POST", "/api/bench/reference", pool[i % len(pool)], {}) for i in range(n)]
    if endpoint == "join":
        return [Call("POST", "/api/join", None, {"code": code}) for _ in range(n)]
    if endpoint == "live_state":
        pool = world.answered_tokens or world.tokens
        return [Call("GET", f"/api/live/{code}", pool[i % len(pool)]) for i in range(n)]
    if endpoint == "answer":
        tokens = world.take(n)
        return [
            Call(
                "POST",
                f"/api/live/{code}/answers",
                token,
                {
                    "question_id": world.question_id,
                    "option_id": world.option_ids[i % len(world.option_ids)],
                    "idempotency_key": str(uuid.uuid4()),
                },
            )
            for i, token in enumerate(tokens)
        ]
    raise ValueError(endpoint)


ENDPOINTS = ("reference", "join", "live_state", "answer")


def run_round(
    label: str, run: Callable[[str, list[Call]], dict[str, Any]], world: World, n: int
) -> dict[str, Any]:
    print(f"round {label}", file=sys.stderr)
    return {name: run(name, calls_for(name, world, n)) for name in ENDPOINTS}


def verdict(rnd: dict[str, Any]) -> dict[str, Any]:
    ref = rnd["reference"]
    out: dict[str, Any] = {}
    for name in HOT:
        hot = rnd[name]
        cpu = hot["server_cpu_ms_per_req"] / ref["server_cpu_ms_per_req"]
        p95 = hot["p95_ms"] / ref["p95_ms"]
        out[name] = {
            "cpu_ratio": round(cpu, 2),
            "p95_ratio": round(p95, 2),
            "cpu_met": cpu <= TARGET_FACTOR,
            "p95_met": p95 <= TARGET_FACTOR,
        }
    return out


def scale_verdict(few: dict[str, Any], many: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name in HOT:
        a = few[name]["server_cpu_ms_per_req"]
        b = many[name]["server_cpu_ms_per_req"]
        change = b / a - 1
        out[name] = {"cpu_change": round(change, 3), "met": change <= SCALE_TOLERANCE}
    return out


# --- the server -----------------------------------------------------------------------------------


@contextmanager
def serve(
    env: dict[str, str], workers: int, log: Path, timeout: float
) -> Iterator[tuple[str, int]]:
    """``manage.py serve --workers N``, as production starts it; yields its URL and the pid
    of uvicorn's supervisor."""
    with server_process(
        ["manage.py", "serve"],
        env=env,
        log_path=log,
        extra_args=["--workers", str(workers)],
        workers=workers,
        timeout=timeout,
    ) as started:
        yield started.url, started.process.pid


# --- output ---------------------------------------------------------------------------------------


def table(summary: dict[str, Any]) -> str:
    lines = [
        "| answers | endpoint | req/s | p50 ms | p95 ms | errors | app CPU ms/req | "
        "PostgreSQL CPU ms/req | new DB conns | client CPU ms/req | CPU × ref | p95 × ref |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for rnd in summary["rounds"]:
        ref = rnd["phases"]["reference"]
        for name in ENDPOINTS:
            r = rnd["phases"][name]
            cpu = r["server_cpu_ms_per_req"] / ref["server_cpu_ms_per_req"]
            p95 = r["p95_ms"] / ref["p95_ms"]
            lines.append(
                f"| {rnd['answers_at_start']} | {name.replace('_', ' ')} | {r['req_per_s']} | "
                f"{r['p50_ms']} | {r['p95_ms']} | {r['errors']} | {r['server_cpu_ms_per_req']} | "
                f"{r['postgres_cpu_ms_per_req']} | {r['db_connections_opened']} | "
                f"{r['client_cpu_ms_per_req']} | {cpu:.2f} | {p95:.2f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000, help="per endpoint and round")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--answers", type=int, default=100, help="answers before round one")
    parser.add_argument(
        "--top-up", type=int, default=5000, help="answers before round two (0: one round)"
    )
    parser.add_argument("--warmup", type=int, default=100, help="unmeasured requests each")
    parser.add_argument("--timeout", type=float, default=120.0, help="bound on each phase (s)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rostrum_bench"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument(
        "--pool",
        type=int,
        default=None,
        help="DB_POOL_MAX_SIZE per worker (unset: the settings' default pool; 0: no pool, "
        "connections kept per thread with the bench's CONN_MAX_AGE=60)",
    )
    parser.add_argument(
        "--listeners",
        choices=["shared", "split"],
        default="shared",
        help="shared: one `serve --workers N` (production); split: N `serve --workers 1` on "
        "N ports, clients alternating (even load per worker, as behind a balancing proxy)",
    )
    parser.add_argument(
        "--output", type=Path, default=BASE_DIR / "var" / "bench-http.json", help="results JSON"
    )
    args = parser.parse_args(argv)
    for url in (args.database_url, args.redis_url):
        host = urlparse(url).hostname or ""
        if host not in ("127.0.0.1", "localhost", "::1"):
            parser.error(f"loopback addresses only, got {host}")
    raise_fd_limit()
    rounds_needed = 2 if args.top_up else 1
    pool = (args.requests + args.warmup) * rounds_needed + max(args.top_up, 0) + 100

    recreate_database(args.database_url)
    prefix = f"benchhttp{uuid.uuid4().hex[:8]}"
    env = app_env(args.database_url, args.redis_url, prefix)
    env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if args.pool is not None:
        env["DB_POOL_MAX_SIZE"] = str(args.pool)
    os.environ.update(
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        CACHE_PREFIX=prefix,
        CHANNEL_PREFIX=prefix,
        DJANGO_SETTINGS_MODULE="bench.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    world = seed(args.answers, pool)
    connections.close_all()
    db = Database(args.database_url)
    logs = BASE_DIR / "var"
    logs.mkdir(exist_ok=True)

    summary: dict[str, Any] = {
        "clients": args.clients,
        "requests_per_endpoint": args.requests,
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "db_pool_max_size": args.pool,
        "listeners": args.listeners,
        "rounds": [],
    }
    with ExitStack() as stack:
        if args.listeners == "shared":
            servers = [
                stack.enter_context(
                    serve(env, args.workers, logs / "bench-http-server.log", args.timeout)
                )
            ]
        else:
            servers = [
                stack.enter_context(
                    serve(env, 1, logs / f"bench-http-server-{i}.log", args.timeout)
                )
                for i in range(args.workers)
            ]
        urls = [u for u, _p in servers]
        pids = [p for _u, p in servers]

        def run(name: str, calls: list[Call]) -> dict[str, Any]:
            return phase(name, calls, bases=urls, server_pids=pids, db=db, world=world, args=args)

        # Unmeasured: connections opened, caches filled, code paths imported in each worker.
        for name in ENDPOINTS:
            asyncio.run(drive(urls, calls_for(name, world, args.warmup), args.clients, 60))
        for label in ("first", "topped up")[:rounds_needed]:
            if label == "topped up":
                top_up(world, args.top_up, db)
                connections.close_all()
            answers = db.answers(world.question_id)
            phases = run_round(label, run, world, args.requests)
            summary["rounds"].append(
                {"answers_at_start": answers, "phases": phases, "targets": verdict(phases)}
            )
    if len(summary["rounds"]) == 2:
        summary["scale"] = scale_verdict(
            summary["rounds"][0]["phases"], summary["rounds"][1]["phases"]
        )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(summary, indent=2) + "\n")
    print(table(summary))
    print(json.dumps({k: v for k, v in summary.items() if k != "rounds"}, indent=2))
    for rnd in summary["rounds"]:
        print(json.dumps({"answers_at_start": rnd["answers_at_start"], **rnd["targets"]}))
    print(f"results: {args.output}")
    return summary


if __name__ == "__main__":
    main()
