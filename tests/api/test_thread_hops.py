"""An API request under ASGI crosses into a worker thread once (it was 18).

Counted, not timed: every sync_to_async and AsyncToSync call while one request runs
through the real ASGI application. Three remain: Django's request_started and
request_finished signals, and the request itself (middleware chain and view together).
"""

import asyncio
from typing import Any

import pytest
from asgiref import sync

pytestmark = pytest.mark.django_db(transaction=True)

HOPS_PER_REQUEST = 3


async def _get(application: Any, path: str) -> int:
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
        "scheme": "http",
        "http_version": "1.1",
        "asgi": {"version": "3.0"},
    }
    messages = [{"type": "http.request", "body": b"", "more_body": False}]
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        await asyncio.Event().wait()  # the client never disconnects
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await application(scope, receive, send)
    return status[0]


@pytest.mark.asyncio
async def test_an_api_request_makes_one_hop_into_a_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    from config.asgi import application

    hops = [0]
    to_async, to_sync = sync.SyncToAsync.__call__, sync.AsyncToSync.__call__

    def counted(original: Any) -> Any:
        def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            hops[0] += 1
            return original(self, *args, **kwargs)

        return call

    monkeypatch.setattr(sync.SyncToAsync, "__call__", counted(to_async))
    monkeypatch.setattr(sync.AsyncToSync, "__call__", counted(to_sync))
    assert await _get(application, "/api/auth/me") == 200
    assert hops[0] == HOPS_PER_REQUEST
