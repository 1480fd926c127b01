"""One link concept (council.PlanningLink) and decisions that reach only the input they
were about."""

import datetime as dt
import pathlib
import re
from dataclasses import asdict

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from forum.core.errors import InvalidInput, MeetingNotHeld, MeetingNotStarted
from forum.council.followup import followup_report
from forum.council.models import Decision, FeedbackEntry, Meeting, MeetingState, PlanningLink
from forum.council.selectors import participant_feedback
from forum.council.services import (
    LinkUsage,
    decision_record,
    meeting_transition,
    planning_link_create,
)
from forum.ideas.models import FeedbackEntry as IdeaStep
from forum.ideas.selectors import idea_timeline
from tests.factories import (
    AgendaItemFactory,
    IdeaFactory,
    MeetingFactory,
    PlanningItemFactory,
    PollFactory,
    ResponseFactory,
    answer_poll,
)

pytestmark = pytest.mark.django_db

FORUM_ROOT = pathlib.Path(__file__).resolve().parents[3] / "forum"


def _decide(agenda, official, usages, **kwargs):
    return decision_record(
        agenda_item=agenda,
        text="Nämnden beslutar om längre öppettider, inte om bänkar.",
        outcome=kwargs.pop("outcome", "amended"),
        feedback_text="Så här använde nämnden era synpunkter.",
        publish_feedback=True,
        actor=official,
        usages=usages,
        **kwargs,
    )


def test_a_decision_reaches_only_the_idea_it_was_about(official) -> None:
    # Before: every idea linked to the item got "Beslut: Delvis", also one about benches
    # when the decision was about opening hours.
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))
    item = agenda.planning_item
    hours, benches = IdeaFactory(title="Öppet till 22"), IdeaFactory(title="Fler bänkar")
    used = planning_link_create(planning_item=item, idea=hours, actor=official)
    planning_link_create(planning_item=item, idea=benches, actor=official)

    _decide(agenda, official, [LinkUsage(used.pk, "partly", "Öppet till 21, inte 22.")])

    [step] = idea_timeline(idea=hours)
    assert (step.status, step.decision) == ("decided", "partly")
    assert step.text.endswith("Öppet till 21, inte 22.")
    assert idea_timeline(idea=benches) == []
    benches.refresh_from_db()
    assert (benches.feedback_status, benches.decision) == ("received", "")


def test_a_question_link_reaches_only_those_who_answered_that_question(official) -> None:
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))
    poll = PollFactory(questions=[("Öppettider?", ["Längre", "Som nu"]), ("Bänkar?", ["Ja"])])
    hours_q, benches_q = poll.questions.all()
    link = planning_link_create(
        planning_item=agenda.planning_item, question=hours_q, actor=official
    )
    answered_hours = answer_poll(poll)  # both questions
    answered_benches_only = ResponseFactory(option=benches_q.options.all()[0]).participant

    _decide(agenda, official, [LinkUsage(link.pk, "taken", "Längre öppet från mars.")])

    [entry] = participant_feedback(participant=answered_hours)
    assert (entry.link, entry.usage, entry.reason) == (link, "taken", "Längre öppet från mars.")
    assert participant_feedback(participant=answered_benches_only) == []


def test_feedback_and_idea_step_are_dated_the_meeting_not_when_typed(official) -> None:
    met = timezone.now() - dt.timedelta(days=9)
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD, starts_at=met))
    idea, poll = IdeaFactory(), PollFactory()
    voter = answer_poll(poll)
    usages = [
        LinkUsage(
            planning_link_create(planning_item=agenda.planning_item, **t, actor=official).pk,
            "taken",
            "Med i beslutet.",
        )
        for t in ({"idea": idea}, {"poll": poll})
    ]

    _decide(agenda, official, usages)

    [step] = idea_timeline(idea=idea)
    assert step.created_at == met
    [entry] = participant_feedback(participant=voter)
    assert entry.decision.decided_at == met


def test_usages_name_only_links_of_the_decided_item_and_bad_ones_change_nothing(
    official,
) -> None:
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))
    other = planning_link_create(
        planning_item=PlanningItemFactory(), poll=PollFactory(), actor=official
    )
    mine = planning_link_create(
        planning_item=agenda.planning_item, poll=PollFactory(), actor=official
    )

    for usages in (
        [LinkUsage(other.pk, "taken", "Fel punkt")],
        [LinkUsage(mine.pk, "maybe", "Okänt")],
        [LinkUsage(mine.pk, "taken", "  ")],
        [LinkUsage(mine.pk, "taken", "a"), LinkUsage(mine.pk, "partly", "b")],
    ):
        with pytest.raises(InvalidInput) as caught:
            _decide(agenda, official, usages)
        assert "usages" in caught.value.fields
    assert not FeedbackEntry.objects.exists()
    assert not Decision.objects.exists()


def test_a_meeting_cannot_be_held_before_it_starts(official) -> None:
    meeting = MeetingFactory(starts_at=timezone.now() + dt.timedelta(hours=2))

    with pytest.raises(MeetingNotStarted) as caught:
        meeting_transition(meeting=meeting, to=MeetingState.HELD, actor=official)

    assert caught.value.code == "meeting_not_started"
    assert Meeting.objects.get(pk=meeting.pk).state == MeetingState.PLANNED


def test_a_decision_on_a_meeting_not_held_is_refused_with_a_clear_code(official) -> None:
    agenda = AgendaItemFactory()

    with pytest.raises(MeetingNotHeld) as caught:
        _decide(agenda, official, [])

    assert caught.value.code == "meeting_not_held"
    assert not Decision.objects.exists()


def test_the_database_holds_exactly_one_target_per_link() -> None:
    item, poll, idea = PlanningItemFactory(), PollFactory(), IdeaFactory()
    question = poll.questions.all()[0]

    for bad in ({"poll": poll, "idea": idea}, {"question": question}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            PlanningLink.objects.create(planning_item=item, **bad)
    PlanningLink.objects.create(planning_item=item, poll=poll, question=question)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanningLink.objects.create(planning_item=item, poll=poll, question=question)


def test_followup_never_shows_zero_decisions_beside_a_median_of_days(official) -> None:
    # Before: a decision dated outside the period still fed the median ("0 decisions with
    # young people's input" beside "median 43.1 days").
    met = timezone.now() - dt.timedelta(hours=2)
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD, starts_at=met))
    poll = PollFactory(opened_at=timezone.now() - dt.timedelta(days=30))
    answer_poll(poll)
    link = planning_link_create(planning_item=agenda.planning_item, poll=poll, actor=official)
    later = timezone.now() + dt.timedelta(days=13)
    _decide(agenda, official, [LinkUsage(link.pk, "taken", "Ja")], decided_at=later)
    today = timezone.localdate()

    before = asdict(followup_report(start=today - dt.timedelta(days=40), end=today))["totals"]
    after = asdict(
        followup_report(start=today - dt.timedelta(days=40), end=today + dt.timedelta(days=20))
    )

    assert (before["decisions_with_input"], before["median_days_to_decision"]) == (0, None)
    totals = after["totals"]
    assert totals["decisions_with_input"] == 1
    assert totals["median_days_to_decision"] == pytest.approx(43.0, abs=0.1)
    for area in after["areas"]:
        assert (area["decisions_with_input"] == 0) == (area["median_days_to_decision"] is None)


def test_a_not_relevant_input_does_not_make_a_decision_one_with_youth_input(official) -> None:
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))
    poll = PollFactory(opened_at=timezone.now() - dt.timedelta(days=3))
    link = planning_link_create(planning_item=agenda.planning_item, poll=poll, actor=official)
    _decide(agenda, official, [LinkUsage(link.pk, "not_relevant", "Handlade om annat.")])
    today = timezone.localdate()

    totals = asdict(followup_report(start=today - dt.timedelta(days=5), end=today))["totals"]

    assert (totals["decisions_with_input"], totals["median_days_to_decision"]) == (0, None)
    assert not IdeaStep.objects.exists()


def test_ideas_and_live_import_nothing_from_council() -> None:
    upward = re.compile(r"^\s*(from|import)\s+forum\.council\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(FORUM_ROOT))
        for app in ("ideas", "live")
        for path in (FORUM_ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and upward.search(path.read_text())
    ]
    assert offenders == []
