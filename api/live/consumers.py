"""Websocket consumers: the hub hands them ready-made frames; phones may also write.

Frames from the hub cost no thread hop: they are written as they come. A phone's own
write (answer, Q&A question, upvote) is validated and committed by the same code as the
REST endpoint (api/live/actions.py) in one worker-thread hop, and acknowledged only after
commit, followed by that phone's own "mine" frame. A ping touches nothing.
"""

import json
import logging
import time
from collections.abc import Sequence
from typing import Any, cast

from channels.consumer import get_handler_name
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError, ValidationError

from api.errors import _flatten_fields, domain_error_body, error_body
from api.live.actions import SOCKET_ACTIONS, answers_submit, mine_apply, mine_moderated
from api.live.batching import ThreadBatcher
from api.live.db import database_sync_to_async
from api.live.hub import SessionHub, hub_acquire
from api.live.serializers import MineOutput
from api.parsers import json_loads_checked
from api.request_language import scope_language
from forum.core.errors import (
    DomainError,
    NotAuthenticated,
    NotJoined,
    SessionNotStarted,
    UnknownJoinCode,
)
from forum.core.roles import Role, require_role
from forum.live.models import LiveSession, LiveSessionState
from forum.live.selectors import (
    live_participant_state,
    live_participants_state,
    live_session_by_code,
    normalise_join_code,
)
from forum.participation.access import require_forum_staff
from forum.participation.models import Participant
from forum.participation.selectors import participant_from_token, participants_from_tokens

logger = logging.getLogger(__name__)

# Close codes in the 4000 range are ours: 4400 bad request, 4401/4403 auth, 4404 unknown.
CLOSE_FOR_ERROR = {
    "not_authenticated": 4401,
    "permission_denied": 4403,
    "mfa_required": 4403,
    "mfa_enrolment_required": 4403,
    "unknown_join_code": 4404,
    "not_found": 4404,
    "session_not_started": 4409,
}
INBOUND_FRAME_LIMIT = 2048


def scope_base_url(scope: dict[str, Any]) -> str:
    headers = dict(scope.get("headers") or [])
    host = headers.get(b"host", b"").decode("latin-1") or "localhost"
    scheme = "https" if scope.get("scheme") in ("wss", "https") else "http"
    return f"{scheme}://{host}"


class TokenBucket:
    """Per-socket write limit, in memory: no cache round trip (and no thread hop) per frame."""

    def __init__(self, *, rate: float, burst: float) -> None:
        self.rate, self.burst = rate, burst
        self.tokens = burst
        self.updated = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


AnswerOutcome = dict[str, Any] | DomainError | ValidationError
AnswerBatcher = ThreadBatcher[tuple[LiveSession, Participant, Any], AnswerOutcome]


def _answers_batch(items: Sequence[tuple[LiveSession, Participant, Any]]) -> list[AnswerOutcome]:
    # A hub serves one session: every item names the same one.
    return answers_submit(items[0][0], [(participant, data) for _s, participant, data in items])


Resumed = tuple[Participant, dict[str, Any]] | None
ResumeBatcher = ThreadBatcher[tuple[LiveSession, str], Resumed]


def _resumes_batch(items: Sequence[tuple[LiveSession, str]]) -> list[Resumed]:
    """Returning phones' identities and own state ("mine"), all in one go."""
    session = items[-1][0]
    participants = participants_from_tokens(tokens=[token for _s, token in items])
    states = live_participants_state(session=session, participants=list(participants.values()))
    mine = MineOutput()  # one serializer for the batch (DRF copies fields per instance)
    out: list[Resumed] = []
    for _s, token in items:
        participant = participants.get(token)
        out.append(
            None
            if participant is None
            else (participant, dict(mine.to_representation(states[participant.pk])))
        )
    return out


def resume_batcher(hub: SessionHub) -> ResumeBatcher:
    batcher = hub.batchers.get("resume")
    if batcher is None:
        batcher = hub.batchers["resume"] = ResumeBatcher(_resumes_batch)
    return cast(ResumeBatcher, batcher)


def answer_batcher(hub: SessionHub) -> AnswerBatcher:
    """The socket answers of one session on this worker go through one batcher."""
    batcher = hub.batchers.get("answer")
    if batcher is None:
        batcher = hub.batchers["answer"] = AnswerBatcher(_answers_batch)
    return cast(AnswerBatcher, batcher)


class HubSocketConsumer(AsyncWebsocketConsumer):
    """A socket fed by its session's hub: no channel layer of its own, no idle thread hops.

    Channels gives every consumer a channel on the layer (with the pub/sub layer, one
    Redis SUBSCRIBE per socket and an UNSUBSCRIBE when it goes, which a hall of phones
    connecting or a worker dying turns into thousands of Redis commands) and closes stale
    database connections in a thread hop before every message it dispatches (a connect,
    a ping, a disconnect). Our sockets hear changes through the hub, which subscribes once
    per worker, and touch the database only through ``database_sync_to_async``, whose
    worker thread closes stale connections itself: so neither is needed here.
    """

    channel_layer_alias = "__hub_only__"  # not configured: get_channel_layer() gives None

    async def dispatch(self, message: dict[str, Any]) -> None:
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def websocket_disconnect(self, message: dict[str, Any]) -> None:
        await self.disconnect(message["code"])
        raise StopConsumer()


class LiveSessionConsumer(HubSocketConsumer):
    """A phone watching a live session."""

    counts_as_presence = True
    wants_console = False
    accepts_writes = True
    hub: SessionHub | None = None
    participant: Participant | None = None
    session: LiveSession | None = None
    mine: dict[str, Any] | None = None

    async def connect(self) -> None:
        self.bucket = TokenBucket(
            rate=settings.LIVE_SOCKET_WRITES_PER_SECOND,
            burst=2 * settings.LIVE_SOCKET_WRITES_PER_SECOND,
        )
        await self.accept()
        code = normalise_join_code(self.scope["url_route"]["kwargs"]["code"])
        try:
            await self.authorise()
            self.hub = await hub_acquire(code, scope_base_url(self.scope))
            await self.admit(self.hub)
        except DomainError as exc:
            if self.hub is not None:
                self.hub.close_if_idle()
            self.hub = None
            await self.send_error_and_close(exc)
            return
        self.hub.add(self)
        await self.send(text_data=self.hub.frame_for(self))
        await self.send(
            text_data=json.dumps({"type": "presence", "count": self.hub.presence_total()})
        )
        await self.after_snapshot(code)

    def has_answered(self, question_id: int) -> bool:
        """Whether this phone's own state holds an answer to ``question_id``."""
        return self.mine is not None and str(question_id) in self.mine.get("full_answers", {})

    async def after_snapshot(self, code: str) -> None:
        """A returning phone (cookie) gets its own answers right after the shared snapshot.

        Phones connecting together share one thread hop and four queries for all of
        them (api/live/batching.py): a hall arriving, or reconnecting after a worker died.
        """
        token = (self.scope.get("cookies") or {}).get(settings.PARTICIPANT_COOKIE_NAME)
        if not token or self.hub is None or self.hub.session is None:
            return  # a first-time phone: nothing of its own yet, and no thread hop
        found = await resume_batcher(self.hub).run((self.hub.session, token))
        if found is None:
            return
        before = self.hub.frame_for(self)
        self.participant, self.mine = found
        self.session = self.hub.session
        await self.send(text_data=json.dumps({"type": "mine", **self.mine}))
        await self._send_frame_if_changed(before)

    async def _send_frame_if_changed(self, before: str) -> None:
        """Its own answer may have unlocked the current question's results for this phone."""
        if self.hub is not None and self.hub.frame_for(self) != before:
            await self.send(text_data=self.hub.frame_for(self))

    def _load_mine(self) -> str:
        """Read this phone's own state once; later writes update it from their results."""
        assert self.session is not None
        state = live_participant_state(session=self.session, participant=self.participant)
        self.mine = dict(MineOutput(state).data)
        return json.dumps({"type": "mine", **self.mine})

    async def authorise(self) -> None:
        """Anyone holding the join code may watch; presenters override this."""

    async def admit(self, hub: SessionHub) -> None:
        """Phones wait for a prepared session to start. Judged from the hub's snapshot (no
        query for a running session); only a snapshot saying "draft" is checked against the
        database, in case the start committed before the hub's next rebuild."""
        if hub.session_state() != LiveSessionState.DRAFT:
            return
        fresh = await database_sync_to_async(live_session_by_code)(code=hub.code)
        if fresh.state == LiveSessionState.DRAFT:
            raise SessionNotStarted()

    async def disconnect(self, code: int) -> None:
        if self.hub is not None:
            self.hub.remove(self)
            self.hub = None

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        message: Any = None
        if text_data and len(text_data) <= INBOUND_FRAME_LIMIT:
            try:
                # The HTTP parser's checks: no nesting deep enough to blow the stack, no
                # lone surrogates (they would break every page that shows the text).
                message = json_loads_checked(text_data)
            except ParseError:
                message = None
            except DomainError as exc:
                with translation.override(scope_language(self.scope)):
                    body = domain_error_body(exc)
                await self.send(text_data=json.dumps({"type": "error", **body}))
                return
        kind = message.get("type") if isinstance(message, dict) else None
        if not isinstance(kind, str):
            kind = None  # a list or object is unhashable: no lookup among the actions
        if kind == "ping":
            await self.send(text_data='{"type":"pong"}')
            return
        if self.accepts_writes and self.hub is not None and kind in SOCKET_ACTIONS:
            if not self.bucket.take():
                with translation.override(scope_language(self.scope)):
                    body = error_body(
                        "rate_limited", _("Too many requests. Wait a moment and try again.")
                    )
                request_id = message.get("request_id")
                await self.send(
                    text_data=json.dumps(
                        {
                            "type": "error",
                            "request_id": request_id if isinstance(request_id, str) else None,
                            **body,
                        }
                    )
                )
                return
            await self.write(kind, message)
            return
        with translation.override(scope_language(self.scope)):
            body = error_body("unsupported_message", _("This connection cannot do that."))
        await self.send(text_data=json.dumps({"type": "error", **body}))

    async def write(self, kind: str, message: dict[str, Any]) -> None:
        """Same service, same validation, same error shape as REST; ack only after commit."""
        request_id = message.get("request_id")
        request_id = request_id if isinstance(request_id, str) and len(request_id) <= 64 else None
        before = self.hub.frame_for(self) if self.hub is not None else ""
        try:
            if kind == "answer":
                result, mine = await self._answer(message.get("data"))
            else:
                result, mine = await database_sync_to_async(self._write, thread_sensitive=False)(
                    kind, message.get("data")
                )
        except DomainError as exc:
            with translation.override(scope_language(self.scope)):
                body = domain_error_body(exc)
        except ValidationError as exc:
            with translation.override(scope_language(self.scope)):
                body = error_body(
                    "invalid",
                    _("Some of the information is not valid."),
                    _flatten_fields(exc.detail),
                )
        except Exception:
            # Like a 500 over REST: nothing was acknowledged, the phone retries with the
            # same key (a write that did commit then counts once). The socket stays open.
            logger.exception("live socket write %s failed", kind)
            with translation.override(scope_language(self.scope)):
                body = error_body(
                    "server_error", _("Something went wrong on our side. Try again soon.")
                )
        else:
            await self.send(
                text_data=json.dumps({"type": "ack", "request_id": request_id, "result": result})
            )
            await self.send(text_data=mine)
            await self._send_frame_if_changed(before)
            return
        await self.send(text_data=json.dumps({"type": "error", "request_id": request_id, **body}))

    async def _answer(self, data: Any) -> tuple[dict[str, Any], str]:
        """An answer joins the answers arriving on this worker meanwhile: one thread hop and
        one transaction for all of them (api/live/batching.py), acked after that commit."""
        assert self.hub is not None
        if self.participant is None or self.session is None or self.mine is None:
            await database_sync_to_async(self._identify, thread_sensitive=False)()
        assert self.session is not None
        assert self.participant is not None
        outcome = await answer_batcher(self.hub).run((self.session, self.participant, data))
        if isinstance(outcome, Exception):
            raise outcome
        assert self.mine is not None
        self.mine = mine_apply("answer", self.mine, outcome)
        return outcome, json.dumps({"type": "mine", **self.mine})

    def _identify(self) -> None:
        """Who is writing (the cookie's participant), in which session, with which answers."""
        assert self.hub is not None
        if self.participant is None:
            # Phones get their pseudonymous identity (cookie) from REST join, never here.
            token = (self.scope.get("cookies") or {}).get(settings.PARTICIPANT_COOKIE_NAME)
            self.participant = participant_from_token(token=token)
            if self.participant is None:
                raise NotJoined()
        if self.session is None:
            self.session = live_session_by_code(code=self.hub.code)
        if self.mine is None:
            self._load_mine()

    def _write(self, kind: str, data: Any) -> tuple[dict[str, Any], str]:
        self._identify()
        assert self.session is not None
        assert self.participant is not None
        assert self.mine is not None
        # The service re-reads the session's state itself; ours only names the session.
        result = SOCKET_ACTIONS[kind](self.session, self.participant, data)
        self.mine = mine_apply(kind, self.mine, result)
        return result, json.dumps({"type": "mine", **self.mine})

    def mine_after_moderation(self, statuses: dict[int, dict[int, str]]) -> str | None:
        """This phone's "mine" frame when moderation changed its own answers, else None.

        ``statuses`` holds every author's changes (participant id → question id → status):
        only this socket's own entry is read, so nothing about others reaches this phone.
        """
        if self.participant is None or self.mine is None:
            return None
        own = statuses.get(self.participant.pk)
        updated = mine_moderated(self.mine, own) if own else None
        if updated is None:
            return None
        self.mine = updated
        return json.dumps({"type": "mine", **self.mine})

    async def send_frame(self, text: str) -> None:
        # Straight to the server: the hub calls this for every socket on every snapshot.
        await self.base_send({"type": "websocket.send", "text": text})

    async def send_error_and_close(self, exc: DomainError) -> None:
        with translation.override(scope_language(self.scope)):
            body = domain_error_body(exc)
        await self.send(text_data=json.dumps({"type": "error", **body}))
        await self.close(code=CLOSE_FOR_ERROR.get(exc.code, 4400))


def staff_may_watch(user: Any, code: str, *roles: Role) -> None:
    """Role first, then the forum: a youth worker watches only their forums' sessions
    (docs/decisions/0049). An unknown code is left to the hub (its own error)."""
    require_role(user, *roles)
    try:
        session = live_session_by_code(code=code)
    except UnknownJoinCode:
        return
    require_forum_staff(user, session.forum, *roles)


class PresenterConsumer(LiveSessionConsumer):
    """The big screen: same feed, for staff only, and not counted as a phone."""

    counts_as_presence = False
    accepts_writes = False

    async def admit(self, hub: SessionHub) -> None:
        """The big screen and the console show a prepared session too ("starting soon")."""

    async def after_snapshot(self, code: str) -> None:
        return None

    async def authorise(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            raise NotAuthenticated()
        code = normalise_join_code(self.scope["url_route"]["kwargs"]["code"])
        await database_sync_to_async(staff_may_watch)(user, code, Role.YOUTH_WORKER, Role.OFFICIAL)


class ConsoleConsumer(PresenterConsumer):
    """The youth worker's console: the feed plus the moderation queue ("console" frames).

    Only youth workers (and admins) pass; whatever a phone sends, the hub only ever adds a
    socket to the console set when it is a ConsoleConsumer that passed this check.
    """

    wants_console = True

    async def authorise(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            raise NotAuthenticated()
        code = normalise_join_code(self.scope["url_route"]["kwargs"]["code"])
        await database_sync_to_async(staff_may_watch)(user, code, Role.YOUTH_WORKER)

    async def after_snapshot(self, code: str) -> None:
        assert self.hub is not None
        await self.hub.refresh_console()
