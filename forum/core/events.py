"""Typed domain events, published to channel-layer groups only after commit.

Realtime pushes, it does not own state: an event says *what changed*, never the new
state itself. Listeners (api/live hubs) rebuild a full snapshot from the database, so a
lost or duplicated event can never leave a screen showing something that was not committed.
The channel layer is our event bus; forum/ still knows nothing of HTTP or sockets.
"""

import asyncio
import concurrent.futures
import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any, ClassVar, cast

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    type: ClassVar[str]

    def as_message(self) -> dict[str, Any]:
        return {"type": self.type, **asdict(self)}


@dataclass(frozen=True)
class PollTallyChanged(Event):
    type: ClassVar[str] = "poll.tally_changed"
    poll_id: int


@dataclass(frozen=True)
class LiveSessionChanged(Event):
    """The session's state or current activity changed (started, poll switched, ended)."""

    type: ClassVar[str] = "live.session_changed"
    code: str


@dataclass(frozen=True)
class LiveAnswersModerated(Event):
    """Open-text answers in a live session were approved or hidden: whose, and their new
    status, as ``(participant_id, question_id, text_status)``.

    Internal to the hubs, never sent to a phone as such: each hub hands every local phone
    socket only its own entries, and that socket updates its "mine" state in memory and
    sends its own "mine" frame (no query per phone). Published next to the
    ``LiveSessionChanged`` that rebuilds the screens.
    """

    type: ClassVar[str] = "live.answers_moderated"
    code: str
    changes: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class IdeaBoardChanged(Event):
    """Something participants can see on a board changed (an idea published, hidden,
    supported or given feedback). Listeners re-read the public selector."""

    type: ClassVar[str] = "ideas.board_changed"
    board_id: int


def idea_board_group(board_id: int) -> str:
    return f"ideas-{board_id}"


def poll_group(poll_id: int) -> str:
    return f"poll-{poll_id}"


def live_group(code: str) -> str:
    return f"live-{code}"


_pending_sends: set[asyncio.Task[None]] = set()


# Every published event also bumps a counter per group in the shared cache (Redis in
# production): whatever was built from the database before it, for example a live
# snapshot, knows it is out of date (see api/live/snapshots.py).
def generation_key(group: str) -> str:
    """The shared-cache key of ``group``'s counter (read it with ``generations``)."""
    return f"events:generation:{group}"


def generation_bump(group: str) -> None:
    key = generation_key(group)
    try:
        cache.incr(key)  # the usual case: the group had events before
    except ValueError:  # its first event (or evicted): create it, unless another just did
        if not cache.add(key, 1, timeout=None):
            cache.incr(key)


def generations(groups: Iterable[str]) -> dict[str, int]:
    """The groups' counters now (0 for a group that never had an event): one cache read."""
    groups = list(groups)
    found = cache.get_many([generation_key(g) for g in groups])
    return {g: int(found.get(generation_key(g), 0)) for g in groups}


def publish(group: str, event: Event) -> None:
    generation_bump(group)
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        server_loop = _server_loop()
        if server_loop is None:
            async_to_sync(layer.group_send)(group, event.as_message())
            return
        # A request's (or socket batch's) thread below the server's event loop: hand the
        # send to that loop and go on. Waiting for it put the loop's whole queue into every
        # answer's response time (HTTP bench: a quarter of the throughput of join).
        future = asyncio.run_coroutine_threadsafe(
            layer.group_send(group, event.as_message()), server_loop
        )
        future.add_done_callback(_log_send_failure)
    else:
        # Sync code running under this thread's own event loop cannot block on it: hand the
        # send to the loop instead.
        task = loop.create_task(layer.group_send(group, event.as_message()))
        _pending_sends.add(task)
        task.add_done_callback(_pending_sends.discard)


def _server_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop this thread was called from through sync_to_async, if any
    (asgiref records it for its own AsyncToSync; None in plain sync code and tests)."""
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    if loop is None or not loop.is_running() or loop.is_closed():
        return None
    return cast(asyncio.AbstractEventLoop, loop)


def _log_send_failure(future: "concurrent.futures.Future[None]") -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.warning("an event send failed", exc_info=future.exception())


_coalescing = threading.local()


def publish_on_commit(group: str, event: Event) -> None:
    """Send ``event`` to ``group`` once the surrounding transaction has committed.

    A rolled-back write publishes nothing; outside a transaction it is sent at once.
    Inside ``events_coalesced()`` equal events are sent once (see there).
    """
    pending: dict[tuple[str, Event], None] | None = getattr(_coalescing, "pending", None)
    if pending is not None:
        pending[(group, event)] = None
        return
    transaction.on_commit(lambda: publish(group, event), robust=True)


@contextmanager
def events_coalesced() -> Iterator[None]:
    """Within this block (and this thread), equal events are published once, on commit.

    For a batch of writes in one transaction (a hall's answers arriving together on a
    worker): a hundred answers to one poll are one ``poll.tally_changed``, not a hundred.
    Events only say *what changed*, so sending one of several equal events loses nothing.
    Use it inside the transaction: the events are registered with on_commit at the end.
    """
    if getattr(_coalescing, "pending", None) is not None:
        yield  # already coalescing (nested): the outer block publishes
        return
    pending: dict[tuple[str, Event], None] = {}
    _coalescing.pending = pending
    try:
        yield
    finally:
        _coalescing.pending = None
    for group, event in pending:
        publish_on_commit(group, event)
