"""Results visibility in live sessions: phones follow the poll's mode (judged once for the
whole session), the big screen follows the youth worker's reveal control."""

import pytest
from django.utils import timezone

from forum.core.roles import Role
from forum.live.selectors import (
    live_results_reach_phones,
    live_session_snapshot,
    live_snapshot_for_phones,
)
from forum.live.services import live_results_set
from forum.polls.models import PollStatus, ResultsVisibility
from tests.factories import LiveSessionFactory, UserFactory, live_session_with_activities

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def session_with(mode: str, **poll_fields):
    session = LiveSessionFactory()
    poll = session.current_poll
    assert poll is not None
    poll.results_visibility = mode
    for name, value in poll_fields.items():
        setattr(poll, name, value)
    poll.save()
    return session


@pytest.mark.parametrize(
    ("mode", "fields", "phones"),
    [
        (ResultsVisibility.LIVE, {}, True),
        (ResultsVisibility.AFTER_CLOSE, {}, False),
        (ResultsVisibility.AFTER_CLOSE, {"status": PollStatus.CLOSED}, True),
        (ResultsVisibility.ON_REVEAL, {}, False),
        (ResultsVisibility.ON_REVEAL, {"status": PollStatus.CLOSED}, False),
        (ResultsVisibility.ON_REVEAL, {"results_revealed_at": timezone.now()}, True),
        # "After answering" is judged per phone by the hub's frame choice
        # (live_question_awaiting_answer), so the shared phones' frame may carry them.
        (ResultsVisibility.AFTER_ANSWER, {}, True),
        (ResultsVisibility.AFTER_ANSWER, {"status": PollStatus.CLOSED}, True),
    ],
)
def test_phones_follow_the_polls_mode_and_the_big_screen_the_reveal_control(
    mode, fields, phones
) -> None:
    session = session_with(mode, **fields)

    snapshot = live_session_snapshot(code=session.join_code)
    for_phones = live_snapshot_for_phones(snapshot=snapshot)

    assert live_results_reach_phones(snapshot=snapshot) is phones
    assert snapshot.results is not None  # the big screen: the reveal control is on
    assert (for_phones.results is not None) is phones


@pytest.mark.parametrize("mode", ResultsVisibility.values)
def test_when_the_youth_worker_hides_results_nobody_sees_them(mode) -> None:
    session = session_with(mode, status=PollStatus.CLOSED, results_revealed_at=timezone.now())
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    live_results_set(session=session, actor=worker, visible=False)

    snapshot = live_session_snapshot(code=session.join_code)

    assert snapshot.results is None
    assert live_results_reach_phones(snapshot=snapshot) is False


def test_the_current_activitys_results_are_withheld_from_phones_too() -> None:
    session, _worker = live_session_with_activities()
    poll = session.current_poll
    assert poll is not None
    poll.results_visibility = ResultsVisibility.AFTER_CLOSE
    poll.save()

    snapshot = live_session_snapshot(code=session.join_code)
    for_phones = live_snapshot_for_phones(snapshot=snapshot)

    assert snapshot.current is not None
    assert snapshot.current.results is not None
    assert for_phones.current is not None
    assert for_phones.current.results is None
    assert for_phones.current.answer_count == snapshot.current.answer_count
