"""One live snapshot per change, shared by join, live state and every worker's hub, and
rendered once per change per worker for join and live state.

A snapshot costs a dozen queries; a hall joining at once asks for the same one hundreds of
times a second. It is kept in the shared cache (Redis in production, so every worker
process reads the one built first) with the generations of the event groups it was built
from (forum/core/events.py bumps them after commit): the session's, its polls' and its idea
boards'. Any event since makes it stale and the next reader builds it again.

Rendering it (the nested LiveStateOutput serializer) cost more than all of a request's
queries, so each worker also keeps the rendered body (per audience: phones, staff) of the
last snapshot it read, with those generations. A join or live-state request then reads the
generations and the presence count in one cache round trip, copies the body and adds what
is its own (the device's answers, the join URL of its host).

Inside a transaction the caches are bypassed: the caller may see its own writes, whose
events are not sent yet, and a shared entry must hold only committed state.
"""

import contextlib
import copy
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from api.live.presence import presence_cache_key
from api.live.serializers import LiveStateOutput
from api.live.session_serializers import (
    full_answers_body,
    join_url,
    my_about_you_asked_body,
    my_answers_body,
)
from api.participant_cookie import participant_from_request
from forum.core.events import generation_key, generations, idea_board_group, live_group, poll_group
from forum.core.roles import user_roles
from forum.live.models import QUESTION_KINDS, ActivityKind, LiveSession
from forum.live.selectors import (
    LiveSnapshot,
    live_phone_own_answers,
    live_question_awaiting_answer,
    live_session_by_code,
    live_session_snapshot,
    live_snapshot_before_answer,
    live_snapshot_for_phones,
    normalise_join_code,
)
from forum.participation.selectors import about_you_asked

# A bound on staleness for what no event announces: a scheduled poll opening or closing
# by the clock (the entry also expires at the poll's next opens_at/closes_at).
SNAPSHOT_MAX_AGE_SECONDS = 30
# Generation for a group first seen only after the build: never equal, so the next read
# rebuilds once with it known beforehand (an event during this build must not be missed).
_UNKNOWN = -1
# Rendered bodies kept per worker: one per session read lately; the oldest go first.
RENDERED_MAX_SESSIONS = 64


def _key(code: str) -> str:
    return f"live:snapshot:v2:{code}"


def snapshot_groups(snapshot: LiveSnapshot) -> set[str]:
    """The event groups whose events can change ``snapshot``."""
    groups = {live_group(snapshot.session.join_code)}
    if snapshot.poll is not None:
        groups.add(poll_group(snapshot.poll.pk))
    for activity in snapshot.activities:
        if activity.kind in QUESTION_KINDS and activity.question is not None:
            groups.add(poll_group(activity.question.poll_id))
        if activity.kind == ActivityKind.IDEA_COLLECTION and activity.board_id is not None:
            groups.add(idea_board_group(activity.board_id))
    return groups


def _max_age(snapshot: LiveSnapshot) -> int:
    age = SNAPSHOT_MAX_AGE_SECONDS
    poll = snapshot.poll
    if poll is not None:
        now = timezone.now()
        for moment in (poll.opens_at, poll.closes_at):
            if moment is not None and moment > now:
                age = min(age, int((moment - now) / timedelta(seconds=1)) + 1)
    return age


# (generations it was built from, snapshot, expiry as a Unix time)
_Entry = tuple[dict[str, int], LiveSnapshot, float]


def _shared_entry(code: str) -> _Entry:
    """The snapshot as of the last event, from the shared cache or built and stored."""
    key = _key(code)
    entry: _Entry | None = cache.get(key)
    if entry is not None:
        built_at, snapshot, _expires = entry
        now = generations(built_at)
        if now == built_at:
            return entry
    else:
        now = generations([live_group(code)])
    # ``now`` was read before the build: an event during it leaves the entry stale.
    snapshot = live_session_snapshot(code=code)
    built_at = {group: now.get(group, _UNKNOWN) for group in snapshot_groups(snapshot)}
    max_age = _max_age(snapshot)
    entry = (built_at, snapshot, time.time() + max_age)
    cache.set(key, entry, timeout=max_age)
    return entry


def live_snapshot_shared(*, code: str) -> LiveSnapshot:
    """The session's snapshot as of the last event: from the cache, or built and stored."""
    if connection.in_atomic_block:
        return live_session_snapshot(code=code)
    return _shared_entry(normalise_join_code(code))[1]


# --- rendered once per change, per worker ---------------------------------------------------


@dataclass
class _Rendered:
    built_at: dict[str, int]
    snapshot: LiveSnapshot
    expires_at: float
    bodies: dict[str, dict[str, Any]] = field(default_factory=dict)  # audience -> body


# Per worker process. A cache flush (generations back to 0) can make an entry built at 0
# look current: it is still dropped at its expiry (SNAPSHOT_MAX_AGE_SECONDS at most).
_rendered: dict[str, _Rendered] = {}


def live_state_rendered_clear() -> None:
    """Forget this worker's rendered bodies (tests: ids and codes come back after a flush)."""
    _rendered.clear()


# The audiences that share one rendered body: staff, phones, and phones that have not yet
# answered the current question whose results they may see only after answering.
STAFF, PHONES, PHONES_BEFORE_ANSWER = "staff", "phones", "phones_before_answer"


def _render(snapshot: LiveSnapshot, *, audience: str) -> dict[str, Any]:
    """The body every viewer of an audience shares; the per-request parts are placeholders
    (kept in their places, so a filled-in copy has the serializer's key order)."""
    shown = snapshot if audience == STAFF else live_snapshot_for_phones(snapshot=snapshot)
    if audience == PHONES_BEFORE_ANSWER:
        shown = live_snapshot_before_answer(snapshot=shown)
    return dict(LiveStateOutput(shown, context={}).data)


@dataclass
class SharedLiveState:
    """A live session's state as join and live state answer it: one shared snapshot, its
    rendered bodies, and the presence count when it came with the generations."""

    snapshot: LiveSnapshot
    rendered: _Rendered
    presence: int | None

    def body(self, request: HttpRequest, *, new_participant: bool = False) -> dict[str, Any]:
        """The LiveStateOutput body for this request: the audience's shared body plus the
        device's own answers (``new_participant``: created by this request, so it has none
        and was never asked 'about you': no queries)."""
        staff = bool(user_roles(request.user))
        snapshot = self.snapshot
        own = None
        if staff:
            audience = STAFF
        elif new_participant:
            audience = PHONES_BEFORE_ANSWER
        else:
            participant = participant_from_request(request)
            # Phones' one-option answers only to the poll they are shown (none before start).
            phones = live_snapshot_for_phones(snapshot=snapshot)
            own = live_phone_own_answers(
                snapshot=snapshot, poll=phones.poll, participant=participant
            )
            awaited = live_question_awaiting_answer(snapshot=phones)
            answered = {a.question_id for a in own.full}
            audience = PHONES if awaited is None or awaited in answered else PHONES_BEFORE_ANSWER
        shared = self.rendered.bodies.get(audience)
        if shared is None:
            shared = self.rendered.bodies[audience] = _render(snapshot, audience=audience)
        code = snapshot.session.join_code
        body = dict(shared)
        body["join_url"] = join_url(code=code, base_url=f"{request.scheme}://{request.get_host()}")
        presence = self.presence
        if presence is None:
            presence = cache.get(presence_cache_key(code))
        body["presence"] = int(presence or 0)
        if new_participant:
            body["my_answers"], body["my_full_answers"] = {}, {}
            body["my_about_you_asked"] = False
            return body
        participant = participant_from_request(request)
        if own is None:
            own = live_phone_own_answers(
                snapshot=snapshot, poll=snapshot.poll, participant=participant
            )
        body["my_answers"] = my_answers_body(own.options)
        body["my_full_answers"] = full_answers_body(own.full)
        body["my_about_you_asked"] = my_about_you_asked_body(
            about_you_asked(forum_id=snapshot.session.forum_id, participant=participant)
        )
        return body


def live_session_for_write(*, code: str) -> LiveSession:
    """The session behind ``code`` for a phone's write, which uses only what never changes
    (its id, code and forum) and reads the rules fresh itself: this worker's rendered copy,
    stale or not (a hall's answers each make it stale; waiting for a rebuild per answer
    would cost a snapshot each), else one query."""
    code = normalise_join_code(code)
    local = None if connection.in_atomic_block else _rendered.get(code)
    if local is not None:
        return copy.copy(local.snapshot.session)  # the copy is the caller's to change
    return live_session_by_code(code=code)


def live_state_shared(*, code: str) -> SharedLiveState:
    """The state of the session behind ``code`` as of the last event: this worker's
    rendered copy when no event came since (one cache round trip), else the shared
    snapshot (built once per change for all workers) rendered again."""
    code = normalise_join_code(code)
    if connection.in_atomic_block:
        snapshot = live_session_snapshot(code=code)
        return SharedLiveState(snapshot, _Rendered({}, snapshot, 0.0), None)
    local = _rendered.get(code)
    if local is not None and time.time() < local.expires_at:
        keys = [generation_key(group) for group in local.built_at]
        found = cache.get_many([*keys, presence_cache_key(code)])
        now = {group: int(found.get(k, 0)) for group, k in zip(local.built_at, keys, strict=True)}
        if now == local.built_at:
            return SharedLiveState(local.snapshot, local, found.get(presence_cache_key(code), 0))
    built_at, snapshot, expires_at = _shared_entry(code)
    local = _Rendered(built_at, snapshot, expires_at)
    if code not in _rendered and len(_rendered) >= RENDERED_MAX_SESSIONS:
        # Another thread may change it meanwhile (RuntimeError, StopIteration).
        with contextlib.suppress(RuntimeError, StopIteration):
            _rendered.pop(next(iter(_rendered)), None)  # the longest kept
    _rendered[code] = local
    return SharedLiveState(snapshot, local, None)
