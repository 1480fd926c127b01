"""A worker process is SIGKILLed mid-session: no acknowledged answer is lost, and the
phones it held reconnect to the remaining worker and get the full state back.

Phones are spread over two uvicorn workers sharing Redis and PostgreSQL. Each phone
answers over its websocket with an idempotency key and keeps the answer until acked (as
the frontend does). Half answer before the kill, the other half while it happens; phones
whose socket dies reconnect to the next URL in their list, receive the snapshot and their
own "mine" frame, and resend what was not acknowledged with the same key.
"""

import asyncio
import json
import os
import signal
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import websockets
from django.conf import settings
from django.core.management import call_command
from websockets.typing import Origin

from forum.live.models import LiveSession
from forum.polls.models import Response
from tests.support.servers import PROCESSES, uvicorn_server
from tests.support.waits import until

pytestmark = [
    pytest.mark.multiworker,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or "sqlite" in settings.DATABASES["default"]["ENGINE"],
        reason="needs REDIS_URL and PostgreSQL (the CI pass `make test-services`)",
    ),
]

PHONES = 16


@pytest.fixture
def two_workers(transactional_db: Any) -> Iterator[tuple[str, str]]:
    call_command("seed_demo", quiet=True)
    prefix = f"kw{uuid.uuid4().hex[:8]}"
    env = {
        "REDIS_URL": os.environ["REDIS_URL"],
        "CHANNEL_PREFIX": prefix,
        "CACHE_PREFIX": prefix,
        "THROTTLE_JOIN": "100000/min",
    }
    with uvicorn_server(env) as worker_a, uvicorn_server(env) as worker_b:
        yield worker_a, worker_b


@dataclass
class Phone:
    urls: list[str]  # where to (re)connect, in order
    cookie: str
    question_id: int
    option_id: int
    key: str = field(default_factory=lambda: str(uuid.uuid4()))
    sent: bool = False
    acked: bool = False
    reconnected: bool = False
    last_snapshot: dict[str, Any] | None = None
    mine: dict[str, Any] | None = None


def ws_url(base: str) -> str:
    return base.replace("http://", "ws://") + "/ws/live/FIKA42/"


async def connect(phone: Phone) -> Any:
    last_error: Exception | None = None
    for base in phone.urls:
        try:
            ws = await websockets.connect(
                ws_url(base),
                origin=Origin(base),
                additional_headers={"Cookie": f"{settings.PARTICIPANT_COOKIE_NAME}={phone.cookie}"},
                open_timeout=5,
            )
        except (OSError, websockets.WebSocketException) as exc:
            last_error = exc
            continue
        phone.urls = [base, *[u for u in phone.urls if u != base]]
        return ws
    raise AssertionError(f"no worker reachable: {last_error}")


async def frames_until(ws: Any, phone: Phone, wanted: str) -> dict[str, Any]:
    async with asyncio.timeout(15):
        while True:
            frame = json.loads(await ws.recv())
            if frame["type"] == "snapshot":
                phone.last_snapshot = frame["session"]
            elif frame["type"] == "mine":
                phone.mine = frame
            elif frame["type"] == "error":
                raise AssertionError(frame)
            if frame["type"] == wanted:
                return frame


async def answer(ws: Any, phone: Phone) -> None:
    data = {
        "question_id": phone.question_id,
        "option_id": phone.option_id,
        "idempotency_key": phone.key,
    }
    await ws.send(json.dumps({"type": "answer", "request_id": phone.key, "data": data}))
    phone.sent = True
    await frames_until(ws, phone, "ack")
    phone.acked = True
    await frames_until(ws, phone, "mine")


async def run_phone(phone: Phone, ws: Any, go: asyncio.Event, killed: asyncio.Event) -> None:
    await go.wait()
    try:
        await answer(ws, phone)
        async with asyncio.timeout(30):
            await killed.wait()  # stay connected through the kill
        pong = await ws.ping()
        async with asyncio.timeout(10):
            await pong  # only a live worker answers; a dead one's socket closes
    except (websockets.ConnectionClosed, OSError, TimeoutError):
        pass
    else:
        return
    # The worker died under this phone: the next URL, full state, resend if not acked.
    phone.reconnected = True
    ws = await connect(phone)
    await frames_until(ws, phone, "snapshot")
    await frames_until(ws, phone, "mine")
    assert phone.mine is not None
    if phone.acked:
        assert str(phone.question_id) in phone.mine["answers"], "an acknowledged answer was lost"
    else:
        # Never acknowledged: maybe committed just before the kill, maybe not. Either way
        # the same key again counts once.
        await answer(ws, phone)
    await ws.close()


def test_killing_a_worker_loses_no_acknowledged_answer(two_workers: tuple[str, str]) -> None:
    worker_a, worker_b = two_workers
    session = LiveSession.objects.get(join_code="FIKA42")
    question = session.current_activity.question  # type: ignore[union-attr]
    assert question is not None
    options = list(question.options.values_list("pk", flat=True))

    async def scenario() -> list[Phone]:
        phones: list[Phone] = []
        for n in range(PHONES):
            first = worker_a if n % 2 == 0 else worker_b
            other = worker_b if first == worker_a else worker_a
            async with httpx.AsyncClient(base_url=first) as client:
                joined = await client.post("/api/join", json={"code": "FIKA42"})
                assert joined.status_code == 200, joined.text
                cookie = joined.cookies[settings.PARTICIPANT_COOKIE_NAME]
            phones.append(Phone([first, other], cookie, question.pk, options[n % len(options)]))
        sockets = [await connect(p) for p in phones]
        for phone, ws in zip(phones, sockets, strict=True):
            await frames_until(ws, phone, "snapshot")
        early, late, killed = asyncio.Event(), asyncio.Event(), asyncio.Event()
        tasks = [
            asyncio.create_task(run_phone(p, ws, early if n < PHONES // 2 else late, killed))
            for n, (p, ws) in enumerate(zip(phones, sockets, strict=True))
        ]
        early.set()
        await until(lambda: all(p.acked for p in phones[: PHONES // 2]), what="the first half")
        late.set()  # the second half answers while worker A dies
        # Phones on worker A are the even ones: kill it once one of them has an answer out.
        on_a = phones[PHONES // 2 :: 2]
        await until(lambda: any(p.sent for p in on_a), what="an answer sent to worker A")
        PROCESSES[worker_a].send_signal(signal.SIGKILL)
        await until(lambda: PROCESSES[worker_a].poll() is not None, what="worker A gone")
        killed.set()
        await asyncio.gather(*tasks)

        # A phone that reconnected sees the full, final state on the surviving worker.
        watcher = phones[0]
        ws = await connect(watcher)
        async with asyncio.timeout(15):
            while True:
                snapshot = await frames_until(ws, watcher, "snapshot")
                if snapshot["session"]["current"]["answer_count"] == PHONES:
                    break
        await ws.close()
        return phones

    phones = asyncio.run(scenario())

    assert PROCESSES[worker_a].poll() == -signal.SIGKILL
    assert any(p.reconnected for p in phones)
    for phone in phones:
        assert phone.acked  # every phone eventually got its answer acknowledged
        stored = Response.objects.get(question=question, idempotency_key=phone.key)
        assert stored.option_id == phone.option_id
    assert Response.objects.filter(question=question).count() == PHONES
    for phone in phones:
        assert phone.mine is not None
        assert phone.mine["answers"] == {str(question.pk): phone.option_id}
