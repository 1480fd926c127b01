"""The yearly follow-up: activity counts, suppressed demographics, representation, timing."""

import datetime as dt
from dataclasses import asdict

import pytest
from django.utils import timezone, translation

from forum.council.followup import followup_report
from forum.council.models import MeetingState
from forum.council.services import decision_record, reference_population_set
from tests.factories import (
    AgendaItemFactory,
    LiveSessionFactory,
    MeetingFactory,
    PlanningItemFactory,
    PollFactory,
    PollLinkFactory,
    answer_poll,
    usages_for,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START, END = TODAY - dt.timedelta(days=200), TODAY + dt.timedelta(days=1)


def _rows(report: dict, dimension: str) -> dict[str, dict]:
    [table] = [t for t in report["demographics"] if t["dimension"] == dimension]
    return {r["code"]: r for r in table["rows"]}


def test_counts_and_suppressed_demographics() -> None:
    poll = PollFactory()
    for _ in range(6):
        answer_poll(poll, gender="girl", neighbourhood="tensta")
    for _ in range(3):
        answer_poll(poll, gender="boy", neighbourhood="tensta")
    LiveSessionFactory(forum=poll.forum, current_poll=poll)

    report = asdict(followup_report(start=START, end=END))

    totals = report["totals"]
    assert (totals["participants"], totals["polls"], totals["forums"]) == (9, 1, 1)
    assert totals["sessions"] == 1
    genders = _rows(report, "gender")
    # 3 boys hidden, and 6 girls too: otherwise 9 - 6 = 3 boys.
    assert (genders["boy"]["count"], genders["girl"]["count"]) == (None, None)
    assert _rows(report, "neighbourhood")["tensta"]["count"] == 9


def test_demographics_tell_skipped_from_never_asked() -> None:
    from tests.factories import ParticipantProfileFactory

    poll = PollFactory()
    for _ in range(5):
        answer_poll(poll, gender="girl")
    for _ in range(5):  # asked (a profile row), left gender blank
        skipped = answer_poll(poll)
        ParticipantProfileFactory(forum=poll.forum, participant=skipped)
    for _ in range(6):  # never asked: no profile anywhere
        answer_poll(poll)

    with translation.override("sv"):
        genders = _rows(asdict(followup_report(start=START, end=END)), "gender")

    assert (genders["skipped"]["count"], genders["skipped"]["label"]) == (5, "Hoppade över frågan")
    assert (genders["not_asked"]["count"], genders["not_asked"]["label"]) == (6, "Fick inte frågan")
    assert "not_answered" not in genders


def test_representation_against_the_reference_population(official) -> None:
    poll = PollFactory()
    for _ in range(15):
        answer_poll(poll, gender="girl")
    for _ in range(5):
        answer_poll(poll, gender="boy")
    reference_population_set(dimension="gender", counts={"girl": 1000, "boy": 1000}, actor=official)

    genders = _rows(asdict(followup_report(start=START, end=END)), "gender")

    assert (genders["girl"]["share"], genders["girl"]["reference_share"]) == (75.0, 50.0)
    assert genders["girl"]["representation"] == "over"
    assert genders["boy"]["representation"] == "under"
    assert genders["non_binary"]["representation"] is None  # no reference given


def test_feedback_share_and_median_days_per_area(official) -> None:
    meeting = MeetingFactory(state=MeetingState.HELD)
    agenda = AgendaItemFactory(meeting=meeting, planning_item__area="feedback")
    with_feedback = PollFactory(opened_at=timezone.now() - dt.timedelta(days=10))
    PollLinkFactory(planning_item=agenda.planning_item, poll=with_feedback)
    without = PollFactory()
    PollLinkFactory(planning_item=PlanningItemFactory(area="mandate"), poll=without)
    for poll in (with_feedback, without):
        for _ in range(5):
            answer_poll(poll)

    decision_record(
        agenda_item=agenda,
        text="Beslut",
        outcome="approved",
        feedback_text="Så här blev det",
        publish_feedback=True,
        decided_at=timezone.now() - dt.timedelta(days=4),
        actor=official,
        usages=usages_for(agenda),
    )
    report = asdict(followup_report(start=START, end=END))

    totals = report["totals"]
    assert (totals["polls"], totals["polls_with_feedback"]) == (2, 1)
    assert totals["polls_with_feedback_percent"] == 50.0
    assert totals["median_days_to_feedback"] == pytest.approx(10.0, abs=0.1)
    assert totals["median_days_to_decision"] == pytest.approx(6.0, abs=0.1)
    assert (totals["planning_items_with_input"], totals["decisions_with_input"]) == (2, 1)
    areas = {a["code"]: a for a in report["areas"]}
    assert (areas["feedback"]["polls"], areas["feedback"]["decisions_with_input"]) == (1, 1)
    assert (areas["mandate"]["polls"], areas["mandate"]["polls_with_feedback"]) == (1, 0)
    assert areas["structures"]["participants"] == 0  # nobody: zero reveals no one

    only_mandate = asdict(followup_report(start=START, end=END, area="mandate"))
    assert only_mandate["totals"]["polls"] == 1
    assert [a["code"] for a in only_mandate["areas"]] == ["mandate"]


def test_period_excludes_answers_outside_it() -> None:
    answer_poll(PollFactory())

    report = asdict(
        followup_report(start=TODAY - dt.timedelta(days=400), end=TODAY - dt.timedelta(days=2))
    )

    assert report["totals"]["polls"] == 0
