"""One hub per live session per worker process: the coalescing fan-out point.

Sockets never subscribe to the channel layer one by one. Each process that holds sockets
for a session runs one hub, which joins the session's groups once, and on any change
rebuilds the snapshot from the database once, serialises it once, and writes the same text
frame to every local socket, at most once per LIVE_SNAPSHOT_INTERVAL_SECONDS. So 2,000
phones cost one layer message and one query per process per interval, not 2,000 of each.
See docs/realtime.md.
"""

import asyncio
import json
import logging
import os
import time
import uuid
from typing import Any, Protocol

from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache

from api.live.db import database_sync_to_async
from api.live.presence import presence_cache_key
from api.live.serializers import ConsoleOutput, CurrentActivityOutput, LiveStateOutput
from api.live.snapshots import live_snapshot_shared
from api.polls.outputs import PollResultsOutput
from forum.core.errors import UnknownJoinCode
from forum.core.events import idea_board_group, live_group, poll_group
from forum.live.models import ActivityKind, LiveSession, LiveSessionState
from forum.live.selectors import (
    LiveSnapshot,
    live_idea_queue,
    live_moderation_queue,
    live_question_awaiting_answer,
    live_results_reach_phones,
    live_session_by_code,
    live_snapshot_poll_changed,
    live_snapshot_with_fresh_counts,
)
from forum.polls.models import QuestionKind

logger = logging.getLogger(__name__)

WORKER_ID = f"{os.getpid()}-{uuid.uuid4().hex[:6]}"
PRESENCE_HEARTBEAT_SECONDS = 5.0
PRESENCE_STALE_SECONDS = 3 * PRESENCE_HEARTBEAT_SECONDS
EMPTY_HUB_GRACE_SECONDS = 10.0
# A hub's event loop spends at most about 1/FLUSH_LOAD_FACTOR of its time serialising and
# writing snapshots: the wait between two grows with what the last one's writes cost (many
# local sockets). 2: half the loop stays free for receiving answers and sending acks; 4,
# and counting the database read (done in a worker thread, not on the loop), kept a
# loaded hall's big screen a second behind (bench/README.md).
FLUSH_LOAD_FACTOR = 2.0


# (big screen and console frame, phones' frame, the current poll's id)
Frames = tuple[dict[str, Any], dict[str, Any], int | None]


class LiveSocket(Protocol):
    counts_as_presence: bool
    wants_console: bool

    async def send_frame(self, text: str) -> None: ...

    def has_answered(self, question_id: int) -> bool: ...

    def mine_after_moderation(self, statuses: dict[int, dict[int, str]]) -> str | None: ...


class SessionHub:
    def __init__(self, code: str, base_url: str) -> None:
        self.code = code
        self.base_url = base_url
        self.sockets: set[LiveSocket] = set()
        self.layer = get_channel_layer()
        self.channel_name = ""
        self.poll_id: int | None = None
        # Idea boards the session's idea collections show: their changes (ideas posted,
        # supported, moderated) arrive as ideas.board_changed and rebuild the snapshot.
        self.board_ids: set[int] = set()
        self._wanted_board_ids: set[int] = set()
        # Two shared frames: phones' (results only as the poll's visibility mode allows) and
        # the big screen's and console's (the youth worker's reveal control alone). Usually
        # they are the same text. See live_results_reach_phones and docs/realtime.md.
        self.snapshot_text = ""
        self.screen_text = ""
        # A third: the phones' frame without the current question's results, for phones
        # that have not answered it yet (live_question_awaiting_answer).
        self.before_answer_text = ""
        self.awaited_question_id: int | None = None
        self._snapshot: LiveSnapshot | None = None
        self._body: dict[str, Any] = {}
        self._full = True  # the next flush rebuilds everything, not only the counts
        self._last_cost = 0.0
        self.console_text = ""
        self._phones = 0
        self._consoles: set[LiveSocket] = set()
        # Big screens and consoles (staff sockets, not counted as phones): served first.
        self._screens: set[LiveSocket] = set()
        # Reused for the counts-only rebuilds: DRF copies a serializer's fields per instance.
        self._results_out = PollResultsOutput()
        self._current_out = CurrentActivityOutput()
        self.ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._dirty = False
        self._flush_task: asyncio.Task[None] | None = None
        self._last_flush_at = 0.0
        self._pump_task: asyncio.Task[None] | None = None
        self._heartbeat_task: asyncio.Task[None] | None = None
        self._close_task: asyncio.Task[None] | None = None
        self._worker_counts: dict[str, tuple[int, float]] = {}
        self._presence_dirty = False
        self._presence_announce = False
        self._presence_task: asyncio.Task[None] | None = None
        self._last_presence_at = 0.0
        self._presence_sent = -1
        # Batchers of the sockets' writes on this worker (api/live/batching.py), by kind.
        self.batchers: dict[str, Any] = {}

    @property
    def session(self) -> LiveSession | None:
        """The session as of the last full snapshot (identity and settings, not counts)."""
        return self._snapshot.session if self._snapshot is not None else None

    # --- lifecycle ------------------------------------------------------------------------

    async def start(self) -> None:
        try:
            self.channel_name = await self.layer.new_channel("hub.")
            await self.layer.group_add(live_group(self.code), self.channel_name)
            self._pump_task = asyncio.create_task(self._pump())
            # Subscribed before the first read, so no committed change can fall between.
            await self._flush()
            self._heartbeat_task = asyncio.create_task(self._heartbeat())
            self.ready.set_result(None)
        except BaseException as exc:
            await self.stop()
            self.ready.set_exception(exc)
            raise

    async def stop(self) -> None:
        for task in (self._pump_task, self._heartbeat_task, self._flush_task, self._presence_task):
            if task is not None and task is not asyncio.current_task():
                task.cancel()
        if self.channel_name:
            try:
                await self.layer.group_discard(live_group(self.code), self.channel_name)
                if self.poll_id is not None:
                    await self.layer.group_discard(poll_group(self.poll_id), self.channel_name)
                for board_id in self.board_ids:
                    await self.layer.group_discard(idea_board_group(board_id), self.channel_name)
            except Exception:
                logger.warning("hub %s could not leave its groups", self.code, exc_info=True)

    def add(self, socket: LiveSocket) -> None:
        if socket in self.sockets:
            return
        self.sockets.add(socket)
        if socket.wants_console:
            self._consoles.add(socket)
        if not socket.counts_as_presence:
            self._screens.add(socket)
        if self._close_task is not None:
            self._close_task.cancel()
            self._close_task = None
        if socket.counts_as_presence:
            self._phones += 1  # a counter: a hall connecting at once is O(1) per socket
            self._local_presence_changed()

    def remove(self, socket: LiveSocket) -> None:
        if socket not in self.sockets:
            return
        self.sockets.discard(socket)
        self._consoles.discard(socket)
        self._screens.discard(socket)
        if socket.counts_as_presence:
            self._phones -= 1
            self._local_presence_changed()
        if not self.sockets and self._close_task is None:
            self._close_task = asyncio.create_task(self._close_when_idle())

    async def _close_when_idle(self) -> None:
        await asyncio.sleep(EMPTY_HUB_GRACE_SECONDS)
        if not self.sockets:
            await _registry.discard(self)

    # --- changes in -----------------------------------------------------------------------

    async def _pump(self) -> None:
        while True:
            try:
                message = await self.layer.receive(self.channel_name)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("hub %s lost a layer message", self.code, exc_info=True)
                await asyncio.sleep(0.2)
                self._full = True
                self.request_flush()  # resync: whatever we missed is in the database
                continue
            kind = message.get("type")
            if kind == "live.session_changed":
                self._full = True
                self.request_flush()
            elif kind == "poll.tally_changed":
                self.request_flush()
            elif kind == "ideas.board_changed":
                self._full = True  # supports, new or moderated ideas: cards and console
                self.request_flush()
            elif kind == "live.answers_moderated":
                await self._send_moderated_mine(message["changes"])
            elif kind == "live.presence":
                self._worker_counts[message["worker"]] = (int(message["count"]), time.monotonic())
                self._request_presence_broadcast()

    async def _send_moderated_mine(self, changes: list[list[Any]]) -> None:
        """Authors whose answers were approved or hidden get their own "mine" frame: each
        local phone socket reads its own entry in memory, no query; other phones get nothing."""
        statuses: dict[int, dict[int, str]] = {}
        for participant_id, question_id, status in changes:
            statuses.setdefault(int(participant_id), {})[int(question_id)] = str(status)
        for socket in list(self.sockets):
            if not socket.counts_as_presence:
                continue
            text = socket.mine_after_moderation(statuses)
            if text is None:
                continue
            try:
                await socket.send_frame(text)
            except Exception:
                logger.debug("dropping frame to a closed socket", exc_info=True)

    def request_flush(self) -> None:
        self._dirty = True
        if self._flush_task is None or self._flush_task.done():
            self._flush_task = asyncio.create_task(self._flush_loop())

    async def _flush_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while self._dirty:
            interval = max(
                settings.LIVE_SNAPSHOT_INTERVAL_SECONDS, FLUSH_LOAD_FACTOR * self._last_cost
            )
            delay = self._last_flush_at + interval - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)  # changes arriving meanwhile share this snapshot
            self._dirty = False
            try:
                await self._flush()
            except Exception:
                logger.exception("hub %s could not build a snapshot", self.code)
            self._last_flush_at = loop.time()

    async def _flush(self) -> None:
        full = self._full or self._snapshot is None
        if full:
            self._full = False
            try:
                screen_body, phone_body, poll_id = await database_sync_to_async(
                    self._build_snapshot
                )()
            except BaseException:
                self._full = True
                raise
        else:
            screen_body, phone_body, poll_id = await database_sync_to_async(self._build_counts)()
        if poll_id != self.poll_id:
            if self.poll_id is not None:
                await self.layer.group_discard(poll_group(self.poll_id), self.channel_name)
            if poll_id is not None:
                await self.layer.group_add(poll_group(poll_id), self.channel_name)
            self.poll_id = poll_id
        if self._wanted_board_ids != self.board_ids:
            for board_id in self.board_ids - self._wanted_board_ids:
                await self.layer.group_discard(idea_board_group(board_id), self.channel_name)
            for board_id in self._wanted_board_ids - self.board_ids:
                await self.layer.group_add(idea_board_group(board_id), self.channel_name)
            self.board_ids = set(self._wanted_board_ids)
        started = time.monotonic()  # the loop's own share: serialising and writing
        presence = self.presence_total()
        screen_body["presence"] = phone_body["presence"] = presence
        self.screen_text = json.dumps({"type": "snapshot", "session": screen_body})
        self.snapshot_text = (
            self.screen_text
            if phone_body is screen_body
            else json.dumps({"type": "snapshot", "session": phone_body})
        )
        self._set_before_answer(phone_body)
        await self._send_frames()
        if self._consoles and (full or self._current_takes_text()):
            # New open-text answers arrive as tally events and may wait for approval.
            await self.refresh_console(only_if_changed=not full)
        self._last_cost = time.monotonic() - started

    def _current_takes_text(self) -> bool:
        """Whether the current activity takes open-text answers (which may be held)."""
        current = self._snapshot.current if self._snapshot is not None else None
        question = current.activity.question if current is not None else None
        return question is not None and question.kind == QuestionKind.OPEN_TEXT

    async def refresh_console(self, only_if_changed: bool = False) -> None:
        """The moderation queue goes only to console sockets (staff, checked at connect)."""
        text = await database_sync_to_async(self._build_console)()
        if only_if_changed and text == self.console_text:
            return
        self.console_text = text
        for socket in list(self._consoles):
            try:
                await socket.send_frame(self.console_text)
            except Exception:
                logger.debug("dropping frame to a closed socket", exc_info=True)

    def _build_console(self) -> str:
        session = live_session_by_code(code=self.code)
        body = ConsoleOutput(
            {
                "queue": live_moderation_queue(session=session),
                "ideas": live_idea_queue(session=session),
            }
        ).data
        return json.dumps({"type": "console", **body})

    def _build_snapshot(self) -> Frames:
        snapshot = live_snapshot_shared(code=self.code)  # built once per change, all workers
        body = dict(LiveStateOutput(snapshot, context={"base_url": self.base_url}).data)
        body.pop("my_answers", None)  # the same frame goes to every phone
        body.pop("my_full_answers", None)
        self._snapshot, self._body = snapshot, body
        self._wanted_board_ids = {
            a.board_id
            for a in snapshot.activities
            if a.kind == ActivityKind.IDEA_COLLECTION and a.board_id is not None
        }
        screen = dict(body)
        return (
            screen,
            self._phone_body(snapshot, screen),
            snapshot.poll.pk if snapshot.poll else None,
        )

    def _build_counts(self) -> Frames:
        """Only answers came in: fresh counts spliced into the last full snapshot."""
        assert self._snapshot is not None
        if live_snapshot_poll_changed(snapshot=self._snapshot):
            return self._build_snapshot()  # closed, revealed or edited: rebuild it all
        snapshot = live_snapshot_with_fresh_counts(snapshot=self._snapshot)
        body = dict(self._body)
        body["results"] = (
            self._results_out.to_representation(snapshot.results) if snapshot.results else None
        )
        body["current"] = (
            self._current_out.to_representation(snapshot.current) if snapshot.current else None
        )
        return body, self._phone_body(snapshot, body), self.poll_id

    @staticmethod
    def _phone_body(snapshot: LiveSnapshot, body: dict[str, Any]) -> dict[str, Any]:
        """The phones' frame: ``body`` itself, or a copy without the withheld results.

        A draft's frame never carries its prepared activities (like the REST state, see
        live_snapshot_for_phones): phones are turned away before the start, but one let in
        just as the start commits must not read a stale draft frame's contents."""
        if snapshot.session.state == LiveSessionState.DRAFT:
            return dict(body, poll=None, results=None, activities=[], current=None)
        if live_results_reach_phones(snapshot=snapshot):
            return body
        phone = dict(body, results=None)
        if phone.get("current"):
            phone["current"] = dict(phone["current"], results=None, wall=None)
        return phone

    def _set_before_answer(self, phone_body: dict[str, Any]) -> None:
        snapshot = self._snapshot
        awaited = live_question_awaiting_answer(snapshot=snapshot) if snapshot else None
        self.awaited_question_id = awaited
        if awaited is None or not phone_body.get("current"):
            self.before_answer_text = self.snapshot_text
            return
        before = dict(phone_body, results=None)
        before["current"] = dict(phone_body["current"], results=None, wall=None)
        self.before_answer_text = json.dumps({"type": "snapshot", "session": before})

    def session_state(self) -> str:
        """The session's state as of the last snapshot (no query)."""
        return self._snapshot.session.state if self._snapshot is not None else ""

    def close_if_idle(self) -> None:
        """A socket was turned away after acquiring the hub: let an unused hub go."""
        if not self.sockets and self._close_task is None:
            self._close_task = asyncio.create_task(self._close_when_idle())

    def frame_for(self, socket: "LiveSocket") -> str:
        """Phones get the phones' frame (without the current question's results until they
        answered it); the big screen and the console get theirs."""
        if not socket.counts_as_presence:
            return self.screen_text
        awaited = self.awaited_question_id
        if awaited is not None and not socket.has_answered(awaited):
            return self.before_answer_text
        return self.snapshot_text

    async def _send_frames(self) -> None:
        # Already-serialised texts: no per-phone work but the write. The big screen (and
        # the console) first: the hall looks at it, and writing to a thousand phones takes
        # a while; then every phone.
        phones = [s for s in self.sockets if s not in self._screens]
        for socket in [*self._screens, *phones]:
            try:
                await socket.send_frame(self.frame_for(socket))
            except Exception:
                logger.debug("dropping frame to a closed socket", exc_info=True)

    async def _send_all(self, text: str) -> None:
        # The same already-serialised text to every socket: no per-phone work but the write.
        for socket in list(self.sockets):
            try:
                await socket.send_frame(text)
            except Exception:
                logger.debug("dropping frame to a closed socket", exc_info=True)

    # --- presence ---------------------------------------------------------------------------

    def local_presence(self) -> int:
        return self._phones

    def presence_total(self) -> int:
        now = time.monotonic()
        self._worker_counts[WORKER_ID] = (self.local_presence(), now)
        return sum(
            count
            for count, seen in self._worker_counts.values()
            if now - seen < PRESENCE_STALE_SECONDS
        )

    def _local_presence_changed(self) -> None:
        self._worker_counts[WORKER_ID] = (self.local_presence(), time.monotonic())
        self._request_presence_broadcast(announce=True)

    def _request_presence_broadcast(self, announce: bool = False) -> None:
        self._presence_dirty = True
        self._presence_announce = self._presence_announce or announce
        if self._presence_task is None or self._presence_task.done():
            self._presence_task = asyncio.create_task(self._presence_loop())

    async def _presence_loop(self) -> None:
        """Presence goes out rate-limited: a hall of phones connecting is not 2,000 messages."""
        loop = asyncio.get_running_loop()
        while self._presence_dirty:
            delay = self._last_presence_at + settings.LIVE_PRESENCE_INTERVAL_SECONDS - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            self._presence_dirty = False
            announce, self._presence_announce = self._presence_announce, False
            try:
                if announce:
                    await self._announce_presence()
                await self._broadcast_presence()
            except Exception:
                logger.warning("hub %s presence update failed", self.code, exc_info=True)
            self._last_presence_at = loop.time()

    async def _announce_presence(self) -> None:
        await self.layer.group_send(
            live_group(self.code),
            {"type": "live.presence", "worker": WORKER_ID, "count": self.local_presence()},
        )

    async def _broadcast_presence(self) -> None:
        total = self.presence_total()
        if total == self._presence_sent:
            return
        self._presence_sent = total
        await database_sync_to_async(cache.set, thread_sensitive=False)(
            presence_cache_key(self.code), total, PRESENCE_STALE_SECONDS
        )
        await self._send_all(json.dumps({"type": "presence", "count": total}))

    async def _heartbeat(self) -> None:
        # Re-announce so other workers can forget a worker that died without saying goodbye.
        while True:
            await asyncio.sleep(PRESENCE_HEARTBEAT_SECONDS)
            self._presence_sent = -1
            self._request_presence_broadcast(announce=self.local_presence() > 0)


class HubRegistry:
    def __init__(self) -> None:
        self._hubs: dict[str, SessionHub] = {}
        self._lock: asyncio.Lock | None = None

    async def acquire(self, code: str, base_url: str) -> SessionHub:
        hub = self._hubs.get(code)
        if hub is None:
            hub = SessionHub(code, base_url)
            self._hubs[code] = hub
            try:
                await hub.start()
            except BaseException:
                self._hubs.pop(code, None)
                raise
        else:
            await asyncio.shield(hub.ready)
        return hub

    async def discard(self, hub: SessionHub) -> None:
        if self._hubs.get(hub.code) is hub:
            del self._hubs[hub.code]
        await hub.stop()


_registry = HubRegistry()


async def hub_acquire(code: str, base_url: str) -> SessionHub:
    """The hub of ``code`` (a normalised join code); UnknownJoinCode for a code no session
    can have: its channel-layer group name would be refused (ASCII letters and digits only)."""
    if not (code.isascii() and code.isalnum()):
        raise UnknownJoinCode()
    return await _registry.acquire(code, base_url)
