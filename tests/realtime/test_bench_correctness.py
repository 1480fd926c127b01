"""The benchmark's 200-phone run as a correctness check (no timing asserts).

Two uvicorn workers, Redis and PostgreSQL; 200 phones in client processes answer over
their websockets within 3 s while an observer watches the presenter socket. Every vote
must be acknowledged and counted, the big screen must reach the final total, and every
phone must see the final result. The same with one worker SIGKILLed mid-vote (the bench's
--kill-worker). Timing figures come from `make bench`, not from here.
"""

import os
import signal
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings

from bench.live import Fault, counted, prepare_session, raise_fd_limit, run_load, votes_in_db
from tests.support.servers import PROCESSES, uvicorn_server

pytestmark = [
    pytest.mark.multiworker,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or "sqlite" in settings.DATABASES["default"]["ENGINE"],
        reason="needs REDIS_URL and PostgreSQL (the CI pass `make test-services`)",
    ),
]

PHONES = 200


@pytest.fixture
def two_workers(transactional_db: Any) -> Iterator[list[str]]:
    raise_fd_limit()
    prefix = f"bc{uuid.uuid4().hex[:8]}"
    env = {
        "REDIS_URL": os.environ["REDIS_URL"],
        "CHANNEL_PREFIX": prefix,
        "CACHE_PREFIX": prefix,
        "THROTTLE_VOTE": "1000000/min",
    }
    with uvicorn_server(env) as worker_a, uvicorn_server(env) as worker_b:
        yield [worker_a, worker_b]


def test_two_hundred_phones_every_vote_counted_and_seen(two_workers: list[str]) -> None:
    world = prepare_session(PHONES)

    result = run_load(
        urls=two_workers,
        pids=[PROCESSES[url].pid for url in two_workers],
        path=f"/ws/live/{world['code']}/",
        observer_path=f"/ws/live/{world['code']}/presenter/",
        observer_headers={"Cookie": world["staff_cookie"]},
        tokens=world["tokens"],
        question_id=world["question_id"],
        option_ids=world["option_ids"],
        spread=3.0,
        processes=2,
        timeout=90,
    )

    assert result["connect_failures"] == 0
    assert result["votes_sent"] == result["votes_acked"] == PHONES
    assert votes_in_db(world["question_id"]) == PHONES
    assert result["votes_on_screen"] == PHONES  # the big screen reached the final total
    assert result["phones_with_final"] == PHONES  # and so did every phone


KILL_PHONES = 100


def test_worker_killed_mid_vote_every_acknowledged_vote_counted_every_phone_final(
    two_workers: list[str],
) -> None:
    """The bench's --kill-worker at small scale: worker B is SIGKILLed once half the phones
    have voted and stays dead; its phones reconnect to worker A (backoff, next URL), resend
    what was not acknowledged with the same key, and all end with the final tally."""
    world = prepare_session(KILL_PHONES)
    victim = PROCESSES[two_workers[1]]

    result = run_load(
        urls=two_workers,
        pids=[PROCESSES[url].pid for url in two_workers],
        path=f"/ws/live/{world['code']}/",
        observer_path=f"/ws/live/{world['code']}/presenter/",
        observer_headers={"Cookie": world["staff_cookie"]},
        tokens=world["tokens"],
        question_id=world["question_id"],
        option_ids=world["option_ids"],
        spread=3.0,
        processes=1,
        timeout=20,
        fault=Fault(victim=1, at=0.5),
    )

    assert victim.wait(timeout=5) == -signal.SIGKILL
    # Killed once half the phones had voted, before the rest had.
    assert KILL_PHONES // 2 <= result["votes_sent_before_kill"] < KILL_PHONES
    assert result["phones_reconnected"] >= KILL_PHONES // 2  # every phone worker B held
    db = counted(world["question_id"])
    assert db["votes_counted"] >= result["votes_acked"] == KILL_PHONES
    assert db["votes_counted"] == db["phones_counted"] == KILL_PHONES  # once per phone
    assert result["phones_without_final"] == 0
    assert result["votes_on_screen"] == KILL_PHONES  # the big screen reached it too
