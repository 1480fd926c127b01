from dataclasses import dataclass

from forum.core.errors import SessionEnded, UnknownJoinCode
from forum.live.models import JOIN_CODE_LENGTH, LiveSession, LiveSessionState
from forum.polls.models import Poll
from forum.polls.selectors import PollResults, poll_results, poll_with_questions


def normalise_join_code(code: str) -> str:
    return "".join(code.split()).upper()[: JOIN_CODE_LENGTH + 1]


def live_session_by_code(*, code: str, running_only: bool = False) -> LiveSession:
    """The session behind a join code; with ``running_only`` an ended one is SessionEnded."""
    session = (
        LiveSession.objects.select_related("forum")
        .filter(join_code=normalise_join_code(code))
        .first()
    )
    if session is None:
        raise UnknownJoinCode()
    if running_only and session.state != LiveSessionState.RUNNING:
        raise SessionEnded()
    return session


@dataclass(frozen=True)
class LiveSnapshot:
    """Everything a screen needs to draw a live session, identical for every viewer."""

    session: LiveSession
    poll: Poll | None
    results: PollResults | None


def live_session_snapshot(*, code: str) -> LiveSnapshot:
    session = live_session_by_code(code=code)
    poll = poll_with_questions(poll_id=session.current_poll_id) if session.current_poll_id else None
    return LiveSnapshot(
        session=session, poll=poll, results=poll_results(poll=poll) if poll else None
    )
