"""One live snapshot per change, shared by join, live state and every worker's hub.

A snapshot costs a dozen queries; a hall joining at once asks for the same one hundreds of
times a second. It is kept in the shared cache (Redis in production, so every worker
process reads the one built first) with the generations of the event groups it was built
from (forum/core/events.py bumps them after commit): the session's, its polls' and its idea
boards'. Any event since makes it stale and the next reader builds it again.

Inside a transaction the cache is bypassed: the caller may see its own writes, whose
events are not sent yet, and a shared entry must hold only committed state.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from forum.core.events import generations, idea_board_group, live_group, poll_group
from forum.live.models import QUESTION_KINDS, ActivityKind
from forum.live.selectors import LiveSnapshot, live_session_snapshot, normalise_join_code

# A bound on staleness for what no event announces: a scheduled poll opening or closing
# by the clock (the entry also expires at the poll's next opens_at/closes_at).
SNAPSHOT_MAX_AGE_SECONDS = 30
# Generation for a group first seen only after the build: never equal, so the next read
# rebuilds once with it known beforehand (an event during this build must not be missed).
_UNKNOWN = -1


def _key(code: str) -> str:
    return f"live:snapshot:{code}"


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


def live_snapshot_shared(*, code: str) -> LiveSnapshot:
    """The session's snapshot as of the last event: from the cache, or built and stored."""
    if connection.in_atomic_block:
        return live_session_snapshot(code=code)
    code = normalise_join_code(code)
    key = _key(code)
    entry: tuple[dict[str, int], LiveSnapshot] | None = cache.get(key)
    if entry is not None:
        built_at, snapshot = entry
        now = generations(built_at)
        if now == built_at:
            return snapshot
    else:
        now = generations([live_group(code)])
    # ``now`` was read before the build: an event during it leaves the entry stale.
    snapshot = live_session_snapshot(code=code)
    built_at = {group: now.get(group, _UNKNOWN) for group in snapshot_groups(snapshot)}
    cache.set(key, (built_at, snapshot), timeout=_max_age(snapshot))
    return snapshot
