"""A socket's database work gives its connection back (api/live/db.py).

Channels' own wrapper closes old connections outside the copied context the function ran
in; in the hub's batches it did not see the connection the batch had opened, so with the
psycopg pool every batch kept one until the pool ran dry and sockets waited for it.
"""

import asyncio
import json
import threading
import time
import uuid
from typing import Any

import pytest
from django.db.backends.base.base import BaseDatabaseWrapper

from tests.api.live.test_answer_kinds import body, world  # noqa: F401  (a fixture)
from tests.api.live.test_consumers import receive
from tests.api.live.test_socket_writes import phone

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def opened_and_not_closed(monkeypatch: pytest.MonkeyPatch) -> dict[int, str]:
    """Connections opened outside the test's own thread and not closed yet: wrapper id ->
    the thread that opened it."""
    main = threading.main_thread()
    open_now: dict[int, str] = {}
    connect = BaseDatabaseWrapper.connect
    close_old = BaseDatabaseWrapper.close_if_unusable_or_obsolete

    def connect_spy(self: BaseDatabaseWrapper) -> None:
        connect(self)
        if threading.current_thread() is not main:
            open_now[id(self)] = threading.current_thread().name

    def close_old_spy(self: BaseDatabaseWrapper) -> None:
        # CONN_MAX_AGE=0: a connection seen here is closed (SQLite's in-memory test
        # database ignores the close itself, so the attempt is what counts).
        if self.connection is not None:
            open_now.pop(id(self), None)
        close_old(self)

    monkeypatch.setattr(BaseDatabaseWrapper, "connect", connect_spy)
    monkeypatch.setattr(BaseDatabaseWrapper, "close_if_unusable_or_obsolete", close_old_spy)
    return open_now


async def test_a_phones_connect_and_answer_leave_no_connection_open(
    world: dict[str, Any],  # noqa: F811
    opened_and_not_closed: dict[int, str],
) -> None:
    comm = await phone(world)
    data = body(world, "scale", str(uuid.uuid4()))
    await comm.send_to(text_data=json.dumps({"type": "answer", "request_id": "a", "data": data}))
    await receive(comm, "ack")
    await comm.disconnect()
    # The hub may still be rebuilding after the answer: wait (bounded) for work in flight
    # to finish; a connection kept for good stays in the dict.
    deadline = time.monotonic() + 5
    while opened_and_not_closed and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert opened_and_not_closed == {}
