"""In-process CPU of the hot requests: ``python -m bench.hot_profile`` (a quick loop, no server).

A companion to ``bench.hot_requests``: the same fresh database (dropped, created, migrated
and seeded the same way; its name must contain "bench"), the same four endpoints, but sent
one after another through Django's test client in this one process, so the figure is this
process's CPU per request (``time.process_time``) without uvicorn, the other worker or the
load generator competing for the cores. Quicker and steadier than the HTTP bench while
changing code; the HTTP bench stays the one that counts. ``--profile ENDPOINT`` prints
cProfile's heaviest functions for that endpoint (by this process's CPU time).

Differences from the server: no ASGI handler (the test client is WSGI-like). As under
uvicorn, the requests run in a worker thread below a running event loop, so the events an
answer sends after commit hop back to that loop (their CPU counts: it is this process's).
"""

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import statistics
import time
import uuid
from collections.abc import Callable
from typing import Any

from bench.hot_requests import ENDPOINTS, Call, calls_for, recreate_database, seed

# Phases repeat and the median counts: the machine is shared.
REPEATS = 5


def send(client: Any, call: Call) -> int:
    from django.conf import settings

    client.cookies.clear()
    if call.cookie:
        client.cookies[settings.PARTICIPANT_COOKIE_NAME] = call.cookie
    if call.method == "GET":
        response = client.get(call.path)
    else:
        response = client.post(call.path, call.body or {}, content_type="application/json")
    return int(response.status_code)


def measure(client: Any, calls: list[Call]) -> float:
    """CPU milliseconds per request of this process."""
    start = time.process_time()
    for call in calls:
        status = send(client, call)
        if status >= 300:
            raise SystemExit(f"{call.method} {call.path}: HTTP {status}")
    return (time.process_time() - start) * 1000 / len(calls)


def under_a_loop[R](work: Callable[[], R]) -> R:
    """``work()`` in a worker thread below a running event loop, as a server runs a view."""
    from asgiref.sync import sync_to_async

    async def run() -> R:
        return await sync_to_async(work, thread_sensitive=True)()

    return asyncio.run(run())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=300, help="per endpoint and repeat")
    parser.add_argument("--answers", type=int, default=100)
    parser.add_argument("--profile", choices=ENDPOINTS, help="cProfile this endpoint")
    parser.add_argument("--top", type=int, default=35, help="functions shown by --profile")
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
        "--pool", type=int, default=None, help="DB_POOL_MAX_SIZE (unset: the settings' default)"
    )
    args = parser.parse_args(argv)

    recreate_database(args.database_url)
    prefix = f"benchprof{uuid.uuid4().hex[:8]}"
    os.environ.update(
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        CACHE_PREFIX=prefix,
        CHANNEL_PREFIX=prefix,
        AXES_ENABLED="False",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="bench.settings",
        THROTTLE_VOTE="10000000/min",
        THROTTLE_JOIN="10000000/min",
        THROTTLE_QA="10000000/min",
        THROTTLE_STAFF_WRITE="10000000/min",
    )
    if args.pool is not None:
        os.environ["DB_POOL_MAX_SIZE"] = str(args.pool)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    world = seed(args.answers, (args.requests + 20) * (REPEATS + 1) + 100)
    client = Client()

    def measured(calls: list[Call]) -> Callable[[], float]:
        return lambda: measure(client, calls)

    for name in ENDPOINTS:  # warm: imports, caches, the shared snapshot
        under_a_loop(measured(calls_for(name, world, 20)))

    if args.profile:
        # CPU time, as the figures: on a busy machine wall time is mostly waiting.
        profiler = cProfile.Profile(time.process_time)
        calls = calls_for(args.profile, world, args.requests)
        profiler.enable()
        under_a_loop(measured(calls))
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
        stats.print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        print(out.getvalue())
        return

    per: dict[str, list[float]] = {name: [] for name in ENDPOINTS}
    for _repeat in range(REPEATS):
        for name in ENDPOINTS:
            per[name].append(under_a_loop(measured(calls_for(name, world, args.requests))))
    ref = statistics.median(per["reference"])
    print("| endpoint | CPU ms/req (median) | min | × reference |")
    print("|---|---|---|---|")
    for name in ENDPOINTS:
        med = statistics.median(per[name])
        print(f"| {name} | {med:.2f} | {min(per[name]):.2f} | {med / ref:.2f} |")


if __name__ == "__main__":
    main()
