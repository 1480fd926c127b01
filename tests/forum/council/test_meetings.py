"""Meetings: agenda, state transitions, publishing frozen briefs, decisions and feedback."""

import datetime as dt
from dataclasses import asdict

import pytest
from django.utils import timezone

from forum.core.errors import InvalidInput, InvalidStateTransition, PermissionDenied
from forum.core.roles import Role
from forum.council.brief import brief_build
from forum.council.models import BriefVersion, FeedbackEntry, MeetingState
from forum.council.selectors import brief_document, participant_feedback
from forum.council.services import (
    decision_record,
    meeting_agenda_set,
    meeting_brief_publish,
    meeting_create,
    meeting_delete,
    meeting_transition,
)
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    ParticipantFactory,
    PlanningItemFactory,
    PollFactory,
    PollLinkFactory,
    UserFactory,
    answer_poll,
    usages_for,
)

pytestmark = pytest.mark.django_db


def test_official_creates_a_meeting_and_sets_the_agenda_in_order(official) -> None:
    meeting = meeting_create(
        title="Nämnden i juni", starts_at=timezone.now() + dt.timedelta(days=3), actor=official
    )
    a, b, c = PlanningItemFactory(), PlanningItemFactory(), PlanningItemFactory()

    meeting_agenda_set(meeting=meeting, planning_item_ids=[b.pk, a.pk], actor=official)
    meeting_agenda_set(meeting=meeting, planning_item_ids=[c.pk, b.pk], actor=official)

    assert [(x.position, x.planning_item_id) for x in meeting.agenda_items.all()] == [
        (1, c.pk),
        (2, b.pk),
    ]


def test_agenda_refuses_unknown_or_repeated_items(official) -> None:
    meeting, item = MeetingFactory(), PlanningItemFactory()

    with pytest.raises(InvalidInput):
        meeting_agenda_set(meeting=meeting, planning_item_ids=[item.pk, item.pk], actor=official)
    with pytest.raises(InvalidInput):
        meeting_agenda_set(meeting=meeting, planning_item_ids=[987654], actor=official)
    assert not meeting.agenda_items.exists()


def test_states_move_forward_only(official) -> None:
    meeting = AgendaItemFactory().meeting

    meeting_brief_publish(meeting=meeting, changelog="", actor=official)
    assert meeting.state == MeetingState.BRIEF_PUBLISHED
    with pytest.raises(InvalidStateTransition):
        meeting_transition(meeting=meeting, to=MeetingState.MINUTES_RECORDED, actor=official)
    meeting_transition(meeting=meeting, to=MeetingState.HELD, actor=official)
    with pytest.raises(InvalidStateTransition):
        meeting_brief_publish(meeting=meeting, changelog="för sent", actor=official)
    with pytest.raises(InvalidStateTransition):
        meeting_agenda_set(meeting=meeting, planning_item_ids=[], actor=official)
    meeting_transition(meeting=meeting, to=MeetingState.MINUTES_RECORDED, actor=official)

    meeting.refresh_from_db()
    assert meeting.state == MeetingState.MINUTES_RECORDED
    with pytest.raises(InvalidInput):
        meeting_transition(meeting=meeting, to=MeetingState.PLANNED, actor=official)


def test_only_a_planned_meeting_without_brief_can_be_deleted(official) -> None:
    meeting = AgendaItemFactory().meeting
    meeting_brief_publish(meeting=meeting, changelog="", actor=official)

    with pytest.raises(InvalidStateTransition):
        meeting_delete(meeting=meeting, actor=official)
    meeting_delete(meeting=MeetingFactory(), actor=official)


def _linked_poll(meeting=None):
    agenda = AgendaItemFactory(meeting=meeting or MeetingFactory())
    poll = PollFactory(questions=[("Vad vill du?", ["Mer", "Mindre"])])
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll)
    return agenda, poll


def _counts(brief: dict) -> list[int]:
    return [o["count"] for o in brief["items"][0]["polls"][0]["questions"][0]["options"]]


def test_published_brief_is_unchanged_by_later_votes(official) -> None:
    agenda, poll = _linked_poll()
    for _ in range(5):
        answer_poll(poll, option_index=0, gender="girl")

    version = meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)
    for _ in range(6):
        answer_poll(poll, option_index=1, gender="boy")

    published = asdict(brief_document(meeting=agenda.meeting, viewer=official, version=1))
    assert _counts(published) == [5, 0]
    assert published["items"][0]["participants"] == 5
    assert _counts(asdict(brief_build(meeting=agenda.meeting))) == [5, 6]
    version.refresh_from_db()
    assert version.snapshot["version"] == 1


def test_a_new_version_needs_a_changelog_and_keeps_the_old_one(official) -> None:
    agenda, poll = _linked_poll()
    for _ in range(5):
        answer_poll(poll)
    meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)
    for _ in range(5):
        answer_poll(poll, option_index=1)

    with pytest.raises(InvalidInput):
        meeting_brief_publish(meeting=agenda.meeting, changelog="  ", actor=official)
    meeting_brief_publish(meeting=agenda.meeting, changelog="Fler svar kom in", actor=official)

    v1 = asdict(brief_document(meeting=agenda.meeting, viewer=official, version=1))
    v2 = asdict(brief_document(meeting=agenda.meeting, viewer=official, version=2))
    assert (_counts(v1), _counts(v2)) == ([5, 0], [5, 5])
    assert v2["changelog"] == "Fler svar kom in"
    assert [v["number"] for v in v2["versions"]] == [1, 2]
    assert BriefVersion.objects.count() == 2


def test_council_member_reads_only_published_briefs() -> None:
    member = UserFactory(roles=[Role.COUNCIL_MEMBER])
    official = UserFactory(roles=[Role.OFFICIAL])
    agenda, poll = _linked_poll()
    for _ in range(5):
        answer_poll(poll)

    from forum.core.errors import NotFound

    with pytest.raises(NotFound):
        brief_document(meeting=agenda.meeting, viewer=member)
    meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)
    answer_poll(poll)

    assert asdict(brief_document(meeting=agenda.meeting, viewer=member))["version"] == 1
    assert _counts(asdict(brief_document(meeting=agenda.meeting, viewer=member))) == [5, 0]
    with pytest.raises(PermissionDenied):
        meeting_brief_publish(meeting=agenda.meeting, changelog="x", actor=member)


def test_decision_feedback_reaches_only_participants_who_took_part(official) -> None:
    agenda, poll = _linked_poll(MeetingFactory(state=MeetingState.HELD))
    voter = answer_poll(poll)
    bystander = ParticipantFactory()
    other_poll = PollFactory()
    answer_poll(other_poll, participant=bystander)

    decision_record(
        agenda_item=agenda,
        text="Nämnden beslutar att öppna fritidsgården på lördagar.",
        outcome="approved",
        feedback_text="Ni röstade för lördagar – nu blir det så!",
        publish_feedback=False,
        actor=official,
    )
    assert participant_feedback(participant=voter) == []  # not published yet

    decision_record(
        agenda_item=agenda,
        text="Nämnden beslutar att öppna fritidsgården på lördagar.",
        outcome="approved",
        feedback_text="Ni röstade för lördagar – nu blir det så!",
        publish_feedback=True,
        actor=official,
        usages=usages_for(agenda),
    )

    [entry] = participant_feedback(participant=voter)
    assert (entry.link.poll_id, entry.text) == (
        poll.pk,
        "Ni röstade för lördagar – nu blir det så!",
    )
    assert participant_feedback(participant=bystander) == []
    assert participant_feedback(participant=None) == []
    assert FeedbackEntry.objects.count() == 1


def test_decision_needs_a_held_meeting_and_an_official(official, youth_worker) -> None:
    agenda, _poll = _linked_poll()
    kwargs = {
        "agenda_item": agenda,
        "text": "Beslut",
        "outcome": "approved",
        "feedback_text": "",
        "publish_feedback": False,
    }

    with pytest.raises(InvalidStateTransition):
        decision_record(actor=official, **kwargs)
    with pytest.raises(PermissionDenied):
        decision_record(actor=youth_worker, **kwargs)
    with pytest.raises(InvalidInput):
        decision_record(actor=official, **{**kwargs, "outcome": "maybe"})
