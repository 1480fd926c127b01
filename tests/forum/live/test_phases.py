"""The activity state machine: every transition, and random step sequences through the
real services never leave an activity in a state the machine does not know."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.core.errors import ActivityStepNotPossible
from forum.live.models import LiveSession
from forum.live.phases import (
    Action,
    Phase,
    Presenter,
    allowed_actions,
    phase_at,
    phase_view,
    step_is_repeat,
)
from forum.live.selectors import live_phase, live_session_snapshot
from forum.live.services import (
    answering_is_open,
    live_answering_set,
    live_countdown_start,
    live_results_set,
    live_session_end,
    live_session_goto,
)
from tests.factories import live_session_with_activities


def freeze_time(moment: datetime) -> mock._patch:
    """Every ``timezone.now()`` (services, selectors) reads ``moment``."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(seconds=30)

QUESTION = Presenter(
    session_state="running",
    has_activity=True,
    takes_answers=True,
    has_results=True,
    answering_open=True,
    results_visible=True,
    countdown_ends_at=None,
    index=1,
    count=3,
)


@pytest.mark.parametrize(
    ("changes", "phase"),
    [
        ({"session_state": "draft"}, Phase.DRAFT),
        ({"session_state": "ended"}, Phase.ENDED),
        ({"has_activity": False, "index": -1}, Phase.WAITING),
        ({"takes_answers": False, "has_results": False}, Phase.PRESENTING),
        ({}, Phase.OPEN),
        ({"countdown_ends_at": LATER}, Phase.COUNTING_DOWN),
        ({"countdown_ends_at": NOW}, Phase.REVEALED),  # the countdown is over
        ({"countdown_ends_at": NOW, "results_visible": False}, Phase.CLOSED),
        ({"answering_open": False}, Phase.REVEALED),
        ({"answering_open": False, "results_visible": False}, Phase.CLOSED),
        # A Q&A round has nothing to reveal: closed is closed.
        ({"answering_open": False, "has_results": False}, Phase.CLOSED),
    ],
)
def test_the_phase_follows_from_the_presenter_fields(changes, phase) -> None:
    assert phase_at(replace(QUESTION, **changes), NOW) == phase


@pytest.mark.parametrize(
    ("changes", "offered", "not_offered"),
    [
        ({}, {Action.LOCK, Action.COUNTDOWN, Action.HIDE}, {Action.OPEN, Action.COUNTDOWN_STOP}),
        (
            {"countdown_ends_at": LATER},
            {Action.LOCK, Action.COUNTDOWN_STOP},
            {Action.OPEN, Action.COUNTDOWN},
        ),
        (
            {"answering_open": False, "results_visible": False},
            {Action.OPEN, Action.REVEAL, Action.COUNTDOWN},
            {Action.LOCK, Action.HIDE},
        ),
        ({"answering_open": False}, {Action.OPEN, Action.HIDE}, {Action.LOCK, Action.REVEAL}),
        ({"countdown_ends_at": NOW}, {Action.OPEN}, {Action.LOCK, Action.COUNTDOWN_STOP}),
        (
            {"takes_answers": False, "has_results": False},
            {Action.NEXT, Action.PREVIOUS},
            {Action.OPEN, Action.LOCK, Action.REVEAL, Action.HIDE, Action.COUNTDOWN},
        ),
        ({"index": 0}, {Action.NEXT}, {Action.PREVIOUS}),
        ({"index": 2}, {Action.PREVIOUS}, {Action.NEXT}),
        ({"count": 1, "index": 0}, set(), {Action.NEXT, Action.PREVIOUS, Action.GOTO}),
        (
            {"has_activity": False, "index": -1, "has_results": False},
            {Action.NEXT, Action.GOTO},
            {Action.PREVIOUS, Action.LOCK},
        ),
        ({"session_state": "ended"}, set(), set(Action)),
        ({"session_state": "draft"}, set(), set(Action)),
    ],
)
def test_each_phase_offers_only_the_steps_that_change_something(
    changes, offered, not_offered
) -> None:
    actions = set(allowed_actions(replace(QUESTION, **changes), NOW))

    assert offered <= actions
    assert not (not_offered & actions)


def test_a_countdown_carries_the_phase_it_turns_into() -> None:
    view = phase_view(replace(QUESTION, countdown_ends_at=LATER), NOW)

    assert view.name == Phase.COUNTING_DOWN
    assert view.ends_at == LATER
    assert view.after is not None
    assert view.after.name == Phase.REVEALED
    assert Action.LOCK not in view.after.actions
    assert Action.OPEN in view.after.actions


def test_repeats_are_recognised_and_real_conflicts_are_not() -> None:
    closed = replace(QUESTION, answering_open=False)

    assert step_is_repeat(closed, Action.LOCK, NOW)
    assert step_is_repeat(QUESTION, Action.OPEN, NOW)
    assert step_is_repeat(QUESTION, Action.REVEAL, NOW)
    slide = replace(QUESTION, takes_answers=False, has_results=False)
    assert not step_is_repeat(slide, Action.LOCK, NOW)


# --- through the services ----------------------------------------------------------------

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def _phase(session: LiveSession) -> Phase:
    return live_phase(snapshot=live_session_snapshot(code=session.join_code)).name


def test_closing_a_question_reveals_it_and_a_finished_countdown_is_closed_everywhere() -> None:
    session, worker = live_session_with_activities()
    assert _phase(session) == Phase.OPEN

    with freeze_time(NOW):
        live_countdown_start(session=session, actor=worker, seconds=30)
        assert _phase(session) == Phase.COUNTING_DOWN
    with freeze_time(LATER + timedelta(seconds=1)):
        snapshot = live_session_snapshot(code=session.join_code)
        view = live_phase(snapshot=snapshot)
        assert view.name == Phase.REVEALED
        assert Action.LOCK not in view.actions  # the console never offers "Stäng svar"
        assert Action.COUNTDOWN_STOP not in view.actions


def test_a_step_the_machine_does_not_allow_is_refused_and_changes_nothing() -> None:
    session, worker = live_session_with_activities()
    live_session_goto(session=session, actor=worker, step=3)  # the info slide
    session.refresh_from_db()
    version = session.version

    with pytest.raises(ActivityStepNotPossible):
        live_answering_set(session=session, actor=worker, open=False)
    with pytest.raises(ActivityStepNotPossible):
        live_results_set(session=session, actor=worker, visible=False)

    session.refresh_from_db()
    assert session.version == version
    assert _phase(session) == Phase.PRESENTING


def test_a_retried_step_is_a_no_op() -> None:
    session, worker = live_session_with_activities()
    live_answering_set(session=session, actor=worker, open=False)
    session.refresh_from_db()
    version = session.version

    live_answering_set(session=session, actor=worker, open=False)

    session.refresh_from_db()
    assert session.version == version


def test_locking_during_a_countdown_ends_the_countdown() -> None:
    session, worker = live_session_with_activities()
    live_countdown_start(session=session, actor=worker, seconds=60)

    live_answering_set(session=session, actor=worker, open=False)

    session.refresh_from_db()
    assert session.countdown_ends_at is None
    assert _phase(session) == Phase.REVEALED


STEPS = st.sampled_from(
    [
        ("next", None),
        ("previous", None),
        ("open", None),
        ("lock", None),
        ("reveal", None),
        ("hide", None),
        ("countdown", 30),
        ("countdown_stop", None),
        ("wait", 31),
        ("goto", 0),
        ("goto", 2),
    ]
)


def _apply(session: LiveSession, worker, step: tuple[str, int | None]) -> None:
    action, arg = step
    match action:
        case "next" | "previous":
            live_session_goto(session=session, actor=worker, step=1 if action == "next" else -1)
        case "goto":
            ids = list(session.activities.values_list("id", flat=True))
            live_session_goto(session=session, actor=worker, activity_id=ids[arg or 0])
        case "open" | "lock":
            live_answering_set(session=session, actor=worker, open=action == "open")
        case "reveal" | "hide":
            live_results_set(session=session, actor=worker, visible=action == "reveal")
        case "countdown":
            live_countdown_start(session=session, actor=worker, seconds=arg or 30)
        case "countdown_stop":
            live_countdown_start(session=session, actor=worker, seconds=0)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(STEPS, min_size=1, max_size=12))
def test_random_step_sequences_never_reach_an_invalid_state(steps) -> None:
    with transaction.atomic():
        session, worker = live_session_with_activities()
        clock = NOW
        for step in steps:
            if step[0] == "wait":
                clock += timedelta(seconds=step[1] or 0)
                continue
            with freeze_time(clock):
                before = live_phase(snapshot=live_session_snapshot(code=session.join_code))
                offered = step[0] in before.actions
                try:
                    _apply(session, worker, step)
                except ActivityStepNotPossible:
                    # Refused only what the console would not have offered.
                    assert not offered
                after = live_phase(snapshot=live_session_snapshot(code=session.join_code))
            session.refresh_from_db()
            assert after.name in set(Phase)
            assert set(after.actions) <= set(Action)
            # One consistent answer to "can phones answer?" on every screen.
            takes = after.name in (Phase.OPEN, Phase.COUNTING_DOWN)
            with freeze_time(clock):
                if after.name not in (Phase.PRESENTING, Phase.WAITING):
                    assert answering_is_open(session) == takes
            assert (after.name == Phase.COUNTING_DOWN) == (after.after is not None)
            if after.name in (Phase.CLOSED, Phase.REVEALED):
                assert Action.LOCK not in after.actions
            if after.name in (Phase.OPEN, Phase.COUNTING_DOWN):
                assert Action.OPEN not in after.actions
        transaction.set_rollback(True)


def test_an_ended_session_offers_nothing() -> None:
    session, worker = live_session_with_activities()
    live_session_end(session=session, actor=worker)

    assert live_phase(snapshot=live_session_snapshot(code=session.join_code)).actions == []
