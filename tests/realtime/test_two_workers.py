"""Realtime across two uvicorn worker processes sharing one Redis and one PostgreSQL.

A vote posted to worker A must reach a socket held by worker B: the path a hall of phones
takes when a load balancer spreads them over several workers.
"""

import asyncio
import json
import os
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import websockets
from django.conf import settings
from django.core.management import call_command
from websockets.typing import Origin

from forum.live.models import LiveSession
from forum.polls.models import Poll, ResultsVisibility
from tests.support.servers import uvicorn_server

pytestmark = [
    pytest.mark.multiworker,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or "sqlite" in settings.DATABASES["default"]["ENGINE"],
        reason="needs REDIS_URL and PostgreSQL (the CI pass `make test-services`)",
    ),
]


@pytest.fixture
def two_workers(transactional_db: Any) -> Iterator[tuple[str, str]]:
    call_command("seed_demo", quiet=True)
    prefix = f"rt{uuid.uuid4().hex[:8]}"
    env = {"REDIS_URL": os.environ["REDIS_URL"], "CHANNEL_PREFIX": prefix, "CACHE_PREFIX": prefix}
    with uvicorn_server(env) as worker_a, uvicorn_server(env) as worker_b:
        yield worker_a, worker_b


def ws_url(base: str, path: str) -> str:
    return base.replace("http://", "ws://") + path


async def next_message(ws: Any, wanted: str, timeout: float = 10) -> dict[str, Any]:
    async with asyncio.timeout(timeout):
        while True:
            message = json.loads(await ws.recv())
            if message["type"] == wanted:
                return message


def test_vote_posted_to_one_worker_reaches_socket_on_the_other(
    two_workers: tuple[str, str],
) -> None:
    worker_a, worker_b = two_workers
    session = LiveSession.objects.get(join_code="FIKA42")
    assert session.current_poll is not None
    question = session.current_poll.questions.get()
    option = question.options.order_by("position")[1]
    # This test is about a vote on one worker reaching a socket on the other; the watching
    # phone has not answered, so it is let see the results before answering (a phone sees
    # them only after answering by default: docs/decisions/0040).
    Poll.objects.filter(pk=session.current_poll.pk).update(
        results_visibility=ResultsVisibility.LIVE
    )
    session.activities.filter(question=question).update(results_before_answer=True)

    async def scenario() -> dict[str, Any]:
        async with websockets.connect(
            ws_url(worker_b, "/ws/live/FIKA42/"), origin=Origin(worker_b)
        ) as phone_on_b:
            first = await next_message(phone_on_b, "snapshot")
            assert first["session"]["results"]["questions"][0]["total"] == 0
            async with httpx.AsyncClient(base_url=worker_a) as client:
                joined = await client.post("/api/join", json={"code": "FIKA42"})
                assert joined.status_code == 200
                vote = await client.post(
                    f"/api/questions/{question.pk}/responses",
                    json={"option_id": option.pk, "idempotency_key": str(uuid.uuid4())},
                )
                assert vote.status_code == 200, vote.text
            while True:
                snapshot = await next_message(phone_on_b, "snapshot")
                if snapshot["session"]["results"]["questions"][0]["total"] == 1:
                    return snapshot

    snapshot = asyncio.run(scenario())
    counts = {
        o["option_id"]: o["count"]
        for o in snapshot["session"]["results"]["questions"][0]["options"]
    }
    assert counts[option.pk] == 1
    assert sum(counts.values()) == 1


def test_presence_counts_phones_on_both_workers(two_workers: tuple[str, str]) -> None:
    worker_a, worker_b = two_workers

    async def scenario() -> int:
        async with (
            websockets.connect(
                ws_url(worker_a, "/ws/live/FIKA42/"), origin=Origin(worker_a)
            ) as phone_a,
            websockets.connect(
                ws_url(worker_b, "/ws/live/FIKA42/"), origin=Origin(worker_b)
            ) as phone_b,
        ):
            await next_message(phone_a, "snapshot")
            await next_message(phone_b, "snapshot")
            while True:
                presence = await next_message(phone_b, "presence", timeout=15)
                if presence["count"] == 2:
                    return 2

    assert asyncio.run(scenario()) == 2
