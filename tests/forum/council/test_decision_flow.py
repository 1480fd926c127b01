"""Decisions reach linked ideas' timelines, live activities as a council
channel (link, brief, follow-up, "you said → we did"), and unlinking."""

import datetime as dt
import uuid
from dataclasses import asdict

import pytest
from django.utils import timezone

from forum.core.errors import AlreadyLinked, NotAuthenticated, PermissionDenied
from forum.core.roles import Role
from forum.council.brief import brief_build
from forum.council.followup import followup_report
from forum.council.models import BriefVersion, FeedbackEntry, MeetingState, PlanningLink
from forum.council.selectors import brief_document, participant_feedback
from forum.council.services import (
    decision_record,
    meeting_brief_publish,
    planning_link_create,
    planning_link_remove,
)
from forum.ideas.models import FeedbackEntry as IdeaStep
from forum.ideas.models import FeedbackStatus, Support
from forum.ideas.selectors import my_participation
from forum.ideas.services import idea_feedback_add
from forum.live.models import (
    ActivityIdea,
    ActivityKind,
    LiveActivity,
    QaQuestion,
    QaStatus,
    QaUpvote,
)
from forum.moderation.models import ModerationState
from tests.factories import (
    AgendaItemFactory,
    IdeaBoardFactory,
    IdeaFactory,
    MeetingFactory,
    ParticipantFactory,
    ParticipantProfileFactory,
    PlanningItemFactory,
    PollLinkFactory,
    ResponseFactory,
    UserFactory,
    live_session_with_activities,
    usages_for,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

FEEDBACK = "Ni bad om lördagsöppet – nämnden sa ja."


def _held_item():
    return AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))


REASON = "Ungas röster vägde in."
STEP = f"{FEEDBACK}\n\n{REASON}"


def _decide(
    agenda, official, *, outcome="approved", publish=True, feedback=FEEDBACK, usage="taken"
):
    return decision_record(
        agenda_item=agenda,
        text="Nämnden beslutar att öppna fritidsgården på lördagar.",
        outcome=outcome,
        feedback_text=feedback,
        publish_feedback=publish,
        actor=official,
        usages=usages_for(agenda, usage) if usage else [],
    )


def _qa(session):
    return session.activities.get(kind=ActivityKind.QA)


def _ask(activity, participant, text="Varför stänger ni kl 21?", status=QaStatus.PUBLISHED):
    return QaQuestion.objects.create(
        activity=activity,
        participant=participant,
        text=text,
        status=status,
        idempotency_key=uuid.uuid4(),
    )


# --- decisions reach ideas ------------------------------------------------------------------


def test_published_decision_is_a_decided_step_on_linked_ideas_and_board_ideas(official) -> None:
    agenda = _held_item()
    item = agenda.planning_item
    single = IdeaFactory(title="Lördagsöppet")
    planning_link_create(planning_item=item, idea=single, note="", actor=official)
    board = IdeaBoardFactory()
    on_board = IdeaFactory(board=board, title="Fler bänkar")
    held = IdeaFactory(board=board, moderation_state=ModerationState.HELD)
    planning_link_create(planning_item=item, board=board, note="", actor=official)

    decision = _decide(agenda, official)

    for idea in (single, on_board):
        [step] = IdeaStep.objects.filter(idea=idea)
        assert (step.status, step.decision, step.text) == ("decided", "yes", STEP)
        origin = step.council_origin  # council holds where the step came from
        assert (origin.planning_item, origin.decision) == (item, decision)
        idea.refresh_from_db()
        assert (idea.feedback_status, idea.decision) == (FeedbackStatus.DECIDED, "yes")
        assert idea.first_feedback_at is not None
    assert not IdeaStep.objects.filter(idea=held).exists()
    held.refresh_from_db()
    assert held.feedback_status == FeedbackStatus.RECEIVED


def test_unpublished_decision_feedback_writes_no_idea_step_and_reaches_no_phone(
    official,
) -> None:
    agenda = _held_item()
    idea = IdeaFactory()
    planning_link_create(planning_item=agenda.planning_item, idea=idea, note="", actor=official)
    supporter = ParticipantFactory()
    Support.objects.create(idea=idea, participant=supporter)

    _decide(agenda, official, publish=False)

    assert not IdeaStep.objects.filter(idea=idea).exists()
    idea.refresh_from_db()
    assert (idea.feedback_status, idea.first_feedback_at) == (FeedbackStatus.RECEIVED, None)
    assert my_participation(participant=supporter).timelines == {}

    _decide(agenda, official, publish=True)

    [step] = my_participation(participant=supporter).timelines[idea.pk]
    assert (step.status, step.decision, step.text) == ("decided", "yes", STEP)
    mine = my_participation(participant=idea.participant)
    assert [s.status for s in mine.timelines[idea.pk]] == ["decided"]


def test_corrected_decision_updates_the_idea_step_instead_of_adding_one(official) -> None:
    agenda = _held_item()
    idea = IdeaFactory()
    planning_link_create(planning_item=agenda.planning_item, idea=idea, note="", actor=official)
    _decide(agenda, official)
    first_feedback_at = type(idea).objects.get(pk=idea.pk).first_feedback_at

    _decide(
        agenda,
        official,
        outcome="amended",
        feedback="Lördagar, men bara till kl 18.",
        usage="partly",
    )

    [step] = IdeaStep.objects.filter(idea=idea)
    assert (step.decision, step.text) == ("partly", f"Lördagar, men bara till kl 18.\n\n{REASON}")
    idea.refresh_from_db()
    assert (idea.feedback_status, idea.decision) == (FeedbackStatus.DECIDED, "partly")
    assert idea.first_feedback_at == first_feedback_at


def test_decision_corrected_to_postponed_takes_the_step_back(official) -> None:
    agenda = _held_item()
    idea = IdeaFactory()
    idea_feedback_add(idea=idea, status="under_review", text="Vi tittar på den.", actor=official)
    planning_link_create(planning_item=agenda.planning_item, idea=idea, note="", actor=official)
    _decide(agenda, official)

    _decide(agenda, official, outcome="postponed", usage=None)

    assert [s.status for s in IdeaStep.objects.filter(idea=idea)] == ["under_review"]
    idea.refresh_from_db()
    assert (idea.feedback_status, idea.decision) == (FeedbackStatus.UNDER_REVIEW, "")


def test_idea_already_done_keeps_its_status_but_gets_the_step(official) -> None:
    agenda = _held_item()
    idea = IdeaFactory()
    for status, kwargs in (
        ("under_review", {}),
        ("forwarded", {"planning_item": agenda.planning_item}),
        ("decided", {"decision": "yes"}),
        ("done", {}),
    ):
        idea_feedback_add(idea=idea, status=status, text=f"Steg {status}", actor=official, **kwargs)

    _decide(agenda, official, outcome="rejected")

    idea.refresh_from_db()
    assert idea.feedback_status == FeedbackStatus.DONE
    assert IdeaStep.objects.filter(idea=idea, council_origin__decision__isnull=False).count() == 1


def test_after_a_council_decision_staff_can_mark_the_idea_done(official) -> None:
    agenda = _held_item()
    idea = IdeaFactory()
    planning_link_create(planning_item=agenda.planning_item, idea=idea, note="", actor=official)
    _decide(agenda, official)

    idea_feedback_add(idea=idea, status="done", text="Nu är det öppet!", actor=official)

    idea.refresh_from_db()
    assert idea.feedback_status == FeedbackStatus.DONE


# --- live activities as a channel -----------------------------------------------------------


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.YOUTH_WORKER])
def test_staff_link_a_live_activity_with_a_note(role) -> None:
    session, _worker = live_session_with_activities()
    item = PlanningItemFactory()

    link = planning_link_create(
        planning_item=item,
        activity=_qa(session),
        note=" Många frågor om kvällar ",
        actor=UserFactory(roles=[role]),
    )

    assert (link.activity, link.planning_item, link.note) == (
        _qa(session),
        item,
        "Många frågor om kvällar",
    )
    with pytest.raises(AlreadyLinked):
        planning_link_create(
            planning_item=item, activity=_qa(session), note="", actor=UserFactory(roles=[role])
        )


@pytest.mark.parametrize(
    ("actor", "error"),
    [
        (lambda: None, NotAuthenticated),
        (lambda: UserFactory(roles=[Role.COUNCIL_MEMBER]), PermissionDenied),
    ],
)
def test_link_activity_refuses_others(actor, error) -> None:
    session, _worker = live_session_with_activities()

    with pytest.raises(error):
        planning_link_create(
            planning_item=PlanningItemFactory(), activity=_qa(session), note="", actor=actor()
        )
    assert not PlanningLink.objects.exists()


def test_decision_feedback_reaches_phones_that_took_part_in_a_linked_activity(official) -> None:
    session, worker = live_session_with_activities()
    agenda = _held_item()
    qa = _qa(session)
    planning_link_create(planning_item=agenda.planning_item, activity=qa, note="", actor=worker)
    asker, upvoter, held_asker, bystander = (ParticipantFactory() for _ in range(4))
    question = _ask(qa, asker)
    QaUpvote.objects.create(question=question, participant=upvoter)
    _ask(qa, held_asker, text="Ring mig 0701234567", status=QaStatus.HELD)

    _decide(agenda, official, publish=False)
    assert participant_feedback(participant=asker) == []

    _decide(agenda, official, publish=True)

    for phone in (asker, upvoter):
        [entry] = participant_feedback(participant=phone)
        assert (entry.link.activity, entry.link.poll, entry.text) == (qa, None, FEEDBACK)
    assert participant_feedback(participant=held_asker) == []
    assert participant_feedback(participant=bystander) == []
    _decide(agenda, official)  # recorded again: still one entry per activity
    assert FeedbackEntry.objects.filter(link__activity=qa).count() == 1


def test_brief_counts_an_activity_under_sessions_with_suppression_and_results(official) -> None:
    session, worker = live_session_with_activities()
    agenda = AgendaItemFactory()
    item = agenda.planning_item
    poll_activity = session.activities.filter(kind=ActivityKind.POLL_QUESTION)[0]
    assert poll_activity.question is not None
    qa = _qa(session)
    planning_link_create(planning_item=item, activity=poll_activity, note="Röstade", actor=worker)
    planning_link_create(planning_item=item, activity=qa, note="Frågade", actor=worker)
    option = poll_activity.question.options.all()[0]
    voters = [ParticipantFactory() for _ in range(6)]
    for voter in voters:
        ParticipantProfileFactory(forum=session.forum, participant=voter, gender="girl")
        ResponseFactory(option=option, participant=voter)
    asked = _ask(qa, voters[0], text="Kan vi få fler kvällar?")
    for voter in voters[1:3]:
        QaUpvote.objects.create(question=asked, participant=voter)

    [brief_item] = asdict(brief_build(meeting=agenda.meeting))["items"]

    assert brief_item["participants"] == 6
    assert [(c["channel"], c["participants"]) for c in brief_item["channels"]] == [("sessions", 6)]
    by_kind = {a["activity"]["kind"]: a for a in brief_item["activities"]}
    poll_source = by_kind[ActivityKind.POLL_QUESTION]
    assert poll_source["participants"] == 6
    assert poll_source["note"] == "Röstade"
    [question] = poll_source["questions"]
    assert question["total"] == 6
    assert question["options"][0]["count"] == 6
    qa_source = by_kind[ActivityKind.QA]
    # Three young people asked or upvoted: fewer than 5 is never shown as a number.
    assert qa_source["participants"] is None
    assert qa_source["top"] == [{"text": "Kan vi få fler kvällar?", "count": None}]  # 2
    girls = next(t for t in brief_item["demographics"] if t["dimension"] == "gender")
    assert next(r for r in girls["rows"] if r["code"] == "girl")["count"] == 6


def test_small_activity_alone_is_fewer_than_five(official) -> None:
    session, worker = live_session_with_activities()
    agenda = AgendaItemFactory()
    qa = _qa(session)
    planning_link_create(planning_item=agenda.planning_item, activity=qa, note="", actor=worker)
    for _ in range(2):
        _ask(qa, ParticipantFactory())

    [brief_item] = asdict(brief_build(meeting=agenda.meeting))["items"]

    assert brief_item["participants"] is None
    assert brief_item["channels"][0]["participants"] is None
    assert all(
        r["count"] is None or r["count"] == 0 for t in brief_item["demographics"] for r in t["rows"]
    )


def test_published_brief_keeps_the_activity_after_more_input_and_unlinking(official) -> None:
    session, worker = live_session_with_activities()
    agenda = AgendaItemFactory()
    qa = _qa(session)
    link = planning_link_create(
        planning_item=agenda.planning_item, activity=qa, note="", actor=worker
    )
    for _ in range(5):
        _ask(qa, ParticipantFactory())
    meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)

    _ask(qa, ParticipantFactory())
    planning_link_remove(link=link, actor=worker)

    member = UserFactory(roles=[Role.COUNCIL_MEMBER])
    [frozen] = asdict(brief_document(meeting=agenda.meeting, viewer=member, version=1))["items"]
    assert frozen["participants"] == 5
    assert [a["activity"]["id"] for a in frozen["activities"]] == [qa.pk]
    assert asdict(brief_build(meeting=agenda.meeting))["items"][0]["activities"] == []
    assert BriefVersion.objects.count() == 1


def test_followup_counts_activity_participants_and_items_with_activity_input(official) -> None:
    session, worker = live_session_with_activities()
    qa = _qa(session)
    item = PlanningItemFactory(area="mandate")
    planning_link_create(planning_item=item, activity=qa, note="", actor=worker)
    for _ in range(5):
        _ask(qa, ParticipantFactory())
    agenda = AgendaItemFactory(planning_item=item, meeting=MeetingFactory(state=MeetingState.HELD))
    decision_record(
        agenda_item=agenda,
        text="Beslut",
        outcome="approved",
        feedback_text="",
        publish_feedback=False,
        actor=official,
        usages=usages_for(agenda),
        decided_at=timezone.now(),
    )
    today = timezone.localdate()

    report = asdict(followup_report(start=today - dt.timedelta(days=1), end=today, area="mandate"))

    assert report["totals"]["participants"] == 5
    [figures] = report["areas"]
    assert figures["participants"] == 5
    assert figures["sessions"] == 1
    assert figures["planning_items_with_input"] == 1
    assert figures["decisions_with_input"] == 1


# --- unlinking ------------------------------------------------------------------------------


def _all_links(official):
    session, worker = live_session_with_activities()
    item = PlanningItemFactory()
    idea = IdeaFactory()
    return [
        PollLinkFactory(planning_item=item),
        planning_link_create(planning_item=item, idea=idea, note="", actor=official),
        planning_link_create(planning_item=item, board=idea.board, note="", actor=official),
        planning_link_create(planning_item=item, activity=_qa(session), note="", actor=worker),
    ]


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.YOUTH_WORKER])
def test_staff_unlink_every_kind_of_link(role, official) -> None:
    links = _all_links(official)
    actor = UserFactory(roles=[role])

    for link in links:
        planning_link_remove(link=link, actor=actor)

    for model in (PlanningLink, PlanningLink, PlanningLink, PlanningLink):
        assert not model.objects.exists()
    assert LiveActivity.objects.exists()  # the activity itself stays


def test_council_member_cannot_unlink(official) -> None:
    links = _all_links(official)
    member = UserFactory(roles=[Role.COUNCIL_MEMBER])

    for link in links:
        with pytest.raises(PermissionDenied):
            planning_link_remove(link=link, actor=member)
        with pytest.raises(NotAuthenticated):
            planning_link_remove(link=link, actor=None)
    assert PlanningLink.objects.count() == len(links)


def test_brief_pdf_and_csv_carry_the_activity_with_its_chart(official) -> None:
    import io

    from django.utils import translation
    from pypdf import PdfReader

    from forum.council import exports

    session, worker = live_session_with_activities()
    agenda = AgendaItemFactory()
    poll_activity = session.activities.filter(kind=ActivityKind.POLL_QUESTION)[0]
    assert poll_activity.question is not None
    planning_link_create(
        planning_item=agenda.planning_item, activity=poll_activity, note="Röstade", actor=worker
    )
    option = poll_activity.question.options.all()[0]
    for _ in range(5):
        ResponseFactory(option=option, participant=ParticipantFactory())

    with translation.override("sv"):
        brief = brief_build(meeting=agenda.meeting)
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(exports.brief_pdf(brief))).pages
        )
        rows = list(exports.brief_rows(brief))

    assert "Fredagsfika: Vilken dag?" in text
    assert option.label in text
    section = "Fredagsfika: Vilken dag?"
    # Counts stay numbers in CSV/XLSX.
    assert [section, "Vilken dag?", option.label, 5] in [r[2:6] for r in rows]
    assert [section, "Deltagare", "", 5] in [r[2:6] for r in rows]


def test_idea_collection_activity_hears_the_ideas_it_collected(official) -> None:
    from forum.council.activities import activity_participant_ids

    session, worker = live_session_with_activities()
    board = IdeaBoardFactory(forum=session.forum)
    activity = LiveActivity.objects.create(
        session=session, kind=ActivityKind.IDEA_COLLECTION, board=board, position=9
    )
    before = IdeaFactory(board=board)
    type(before).objects.filter(pk=before.pk).update(
        created_at=session.started_at - dt.timedelta(hours=1)
    )
    during = IdeaFactory(board=board)
    held = IdeaFactory(board=board, moderation_state=ModerationState.HELD)
    for collected in (during, held):
        ActivityIdea.objects.create(activity=activity, idea=collected)
    elsewhere = IdeaFactory(board=board)  # the board's own page, same hour: not the activity's
    supporter = ParticipantFactory()
    Support.objects.create(idea=during, participant=supporter)

    heard = activity_participant_ids(activity)

    assert heard == {during.participant_id, supporter.pk}
    assert before.participant_id not in heard
    assert held.participant_id not in heard
    assert elsewhere.participant_id not in heard
    agenda = AgendaItemFactory()
    planning_link_create(
        planning_item=agenda.planning_item, activity=activity, note="", actor=worker
    )
    [source] = asdict(brief_build(meeting=agenda.meeting))["items"][0]["activities"]
    assert source["top"] == [{"text": during.title, "count": None}]  # 1: fewer than 5
