"""The bare reference: a plain ASGI websocket app doing the live-results job with nothing else.

Same job as Röstrum's live path, no framework: a phone sends
``{"type": "answer", "request_id", "data": {"option_id", "idempotency_key"}}``; the app
records one answer per phone (Redis HSETNX keyed by the phone's cookie, the "commit"),
acks, and PUBLISHes "changed"; every worker process subscribes once, coalesces changes to
at most one tally read per BENCH_INTERVAL seconds, serialises once and writes the same
frame to all its sockets. Run: ``uvicorn bench.bare_app:app``.
"""

import asyncio
import json
import os
from typing import Any

import redis.asyncio as redis

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
PREFIX = os.environ.get("BENCH_PREFIX", "benchbare")
INTERVAL = float(os.environ.get("BENCH_INTERVAL", "0.15"))
COOKIE = os.environ.get("BENCH_COOKIE", "rostrum_participant")

TALLY = f"{PREFIX}:tally"
ANSWERS = f"{PREFIX}:answers"
CHANNEL = f"{PREFIX}:changed"


# One round trip per answer: record it once per phone, count it, announce the change.
RECORD = """
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
  redis.call('PUBLISH', KEYS[3], '1')
  return 1
end
return 0
"""


class Hub:
    def __init__(self) -> None:
        self.sockets: set[Any] = set()
        # A bounded pool that waits for a free connection instead of failing under a burst.
        pool = redis.BlockingConnectionPool.from_url(
            REDIS_URL, decode_responses=True, max_connections=64, timeout=30
        )
        self.client = redis.Redis(connection_pool=pool)
        self.record = self.client.register_script(RECORD)
        self.text = ""
        self.ready: asyncio.Event = asyncio.Event()
        self._dirty = False
        self._flusher: asyncio.Task[None] | None = None
        self._last = 0.0
        self._started = False
        self._listener: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if self._started:
            await self.ready.wait()
            return
        self._started = True
        pubsub = self.client.pubsub()
        await pubsub.subscribe(CHANNEL)
        self._listener = asyncio.create_task(self._listen(pubsub))
        await self._flush()
        self.ready.set()

    async def _listen(self, pubsub: Any) -> None:
        async for message in pubsub.listen():
            if message.get("type") == "message":
                self.request_flush()

    def request_flush(self) -> None:
        self._dirty = True
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_loop())

    async def _flush_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while self._dirty:
            delay = self._last + INTERVAL - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            self._dirty = False
            await self._flush()
            self._last = loop.time()

    async def _flush(self) -> None:
        tally = await self.client.hgetall(TALLY)
        counts = {k: int(v) for k, v in tally.items()}
        body = {"current": {"answer_count": sum(counts.values()), "counts": counts}}
        self.text = json.dumps({"type": "snapshot", "session": body})
        for send in list(self.sockets):
            try:
                await send({"type": "websocket.send", "text": self.text})
            except Exception:  # noqa: S112 - a closed socket just misses the frame
                continue


_hub: Hub | None = None


def cookie_value(scope: dict[str, Any]) -> str:
    for name, value in scope.get("headers") or []:
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, val = part.strip().partition("=")
                if key == COOKIE:
                    return val
    return ""


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    global _hub
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] == "http":
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
        return
    if scope["type"] != "websocket":
        return
    if (await receive())["type"] != "websocket.connect":
        return
    await send({"type": "websocket.accept"})
    if _hub is None:
        _hub = Hub()
    hub = _hub
    await hub.start()
    phone = cookie_value(scope)
    hub.sockets.add(send)
    await send({"type": "websocket.send", "text": hub.text})
    try:
        while True:
            message = await receive()
            if message["type"] == "websocket.disconnect":
                return
            frame = json.loads(message.get("text") or "{}")
            if frame.get("type") != "answer" or not phone:
                continue
            data = frame.get("data") or {}
            option = str(data.get("option_id"))
            await hub.record(keys=[ANSWERS, TALLY, CHANNEL], args=[phone, option])
            ack = {"type": "ack", "request_id": frame.get("request_id"), "result": {}}
            await send({"type": "websocket.send", "text": json.dumps(ack)})
    finally:
        hub.sockets.discard(send)
