"""Ideas routed to planning items: links, the ideas channel in the brief, quotes, follow-up."""

import datetime as dt
import io
from dataclasses import asdict

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from forum.core.errors import (
    AlreadyLinked,
    InvalidInput,
    InvalidStateTransition,
    NotAuthenticated,
    PermissionDenied,
)
from forum.core.roles import Role
from forum.council import exports
from forum.council.brief import brief_build
from forum.council.briefdata import brief_from_json
from forum.council.followup import followup_report
from forum.council.models import BriefQuote, MeetingState, PlanningLink
from forum.council.selectors import content_planning_links, quote_candidates
from forum.council.services import (
    brief_quote_add,
    brief_quote_remove,
    meeting_brief_publish,
    planning_link_create,
)
from forum.ideas.models import FeedbackStatus, Support
from forum.ideas.services import idea_feedback_add
from forum.moderation.models import ModerationState
from forum.polls.models import Question, QuestionKind, TextStatus
from tests.factories import (
    AgendaItemFactory,
    IdeaBoardFactory,
    IdeaFactory,
    ParticipantFactory,
    ParticipantProfileFactory,
    PlanningItemFactory,
    PollFactory,
    PollLinkFactory,
    ResponseFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

UNPUBLISHED = [ModerationState.HELD, ModerationState.HIDDEN, ModerationState.REJECTED]


def _idea_with_supporters(board, title: str, supporters: int, *, gender: str = "girl"):
    idea = IdeaFactory(board=board, title=title)
    ParticipantProfileFactory(forum=board.forum, participant=idea.participant, gender=gender)
    for _ in range(supporters):
        participant = ParticipantFactory()
        ParticipantProfileFactory(forum=board.forum, participant=participant, gender=gender)
        Support.objects.create(idea=idea, participant=participant)
    return idea


# --- linking ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.YOUTH_WORKER])
def test_staff_link_an_idea_with_a_note(role: Role) -> None:
    item, idea = PlanningItemFactory(), IdeaFactory()

    link = planning_link_create(
        planning_item=item,
        idea=idea,
        note="  Unga vill ha bänkar ",
        actor=UserFactory(roles=[role]),
    )

    assert (link.idea, link.planning_item, link.note) == (idea, item, "Unga vill ha bänkar")


@pytest.mark.parametrize("roles", [[], [Role.COUNCIL_MEMBER]])
def test_others_cannot_link_ideas_or_boards(roles) -> None:
    item, idea = PlanningItemFactory(), IdeaFactory()
    actor = UserFactory(roles=roles)

    with pytest.raises(PermissionDenied):
        planning_link_create(planning_item=item, idea=idea, note="", actor=actor)
    with pytest.raises(PermissionDenied):
        planning_link_create(planning_item=item, board=idea.board, note="", actor=actor)
    assert not PlanningLink.objects.exists()


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_an_unpublished_idea_cannot_be_linked(state, official) -> None:
    idea = IdeaFactory(moderation_state=state)

    with pytest.raises(InvalidInput) as caught:
        planning_link_create(
            planning_item=PlanningItemFactory(), idea=idea, note="", actor=official
        )

    assert "target_id" in caught.value.fields
    assert not PlanningLink.objects.exists()


def test_linking_twice_is_already_linked_but_fills_a_forwarded_ideas_missing_note(
    official,
) -> None:
    item, idea = PlanningItemFactory(), IdeaFactory()
    # Forwarded through the idea's feedback steps: linked without a note.
    PlanningLink.objects.create(idea=idea, planning_item=item)

    link = planning_link_create(planning_item=item, idea=idea, note="Viktig", actor=official)
    assert link.note == "Viktig"
    with pytest.raises(AlreadyLinked):
        planning_link_create(planning_item=item, idea=idea, note="Igen", actor=official)
    assert PlanningLink.objects.get().note == "Viktig"


def test_a_board_is_linked_once_per_item(official) -> None:
    item, board = PlanningItemFactory(), IdeaBoardFactory()

    planning_link_create(planning_item=item, board=board, note="Belysning", actor=official)
    with pytest.raises(AlreadyLinked):
        planning_link_create(planning_item=item, board=board, note="", actor=official)

    assert PlanningLink.objects.get().note == "Belysning"


def test_links_show_on_the_linked_content(official) -> None:
    item = PlanningItemFactory(reference="1.2.4-182-2025", title="Trygg park")
    idea, poll = IdeaFactory(), PollFactory()
    planning_link_create(planning_item=item, board=idea.board, note="", actor=official)
    PollLinkFactory(planning_item=item, poll=poll)

    for kind, content_id, via in (
        ("idea", idea.pk, "board"),
        ("board", idea.board_id, "board"),
        ("poll", poll.pk, "poll"),
    ):
        [link] = content_planning_links(kind=kind, content_id=content_id, viewer=official)
        item_of = (link.planning_item.reference, link.planning_item.title)
        assert (*item_of, link.kind) == ("1.2.4-182-2025", "Trygg park", via)
    # A published idea's links are public; a poll's are for staff.
    assert content_planning_links(kind="idea", content_id=idea.pk, viewer=None)
    with pytest.raises(NotAuthenticated):
        content_planning_links(kind="poll", content_id=poll.pk, viewer=None)
    with pytest.raises(PermissionDenied):
        content_planning_links(
            kind="poll", content_id=poll.pk, viewer=UserFactory(roles=[Role.COUNCIL_MEMBER])
        )


# --- the brief --------------------------------------------------------------------------------


def test_brief_counts_idea_authors_and_supporters_in_the_ideas_channel(official) -> None:
    agenda = AgendaItemFactory()
    board = IdeaBoardFactory()
    planning_link_create(
        planning_item=agenda.planning_item, board=board, note="Belysning", actor=official
    )
    _idea_with_supporters(board, "Lampor i parken", 4, gender="girl")  # 5 girls
    _idea_with_supporters(board, "Fler bänkar", 2, gender="boy")  # 3 boys
    for state in UNPUBLISHED:
        IdeaFactory(board=board, title=f"Dold {state}", moderation_state=state)

    [item] = asdict(brief_build(meeting=agenda.meeting))["items"]

    assert item["participants"] == 8
    assert [(c["channel"], c["participants"]) for c in item["channels"]] == [("ideas", 8)]
    [genders] = [t for t in item["demographics"] if t["dimension"] == "gender"]
    counts = {r["code"]: r["count"] for r in genders["rows"]}
    assert (counts["girl"], counts["boy"]) == (None, None)  # 3 boys, and the complement
    assert [(i["title"], i["supports"]) for i in item["top_ideas"]] == [
        ("Lampor i parken", None),  # 4 and 2 supporters: fewer than 5
        ("Fler bänkar", None),
    ]
    assert item["ideas"] == 2
    assert item["idea_links"] == [
        {"kind": "board", "id": board.pk, "title": board.question, "note": "Belysning"}
    ]
    # 4 and 2 supporters are "fewer than 5": the draft names no supporter count.
    assert "(4 " not in item["analysis"]
    assert "Dold" not in str(item)


def test_polls_and_ideas_count_each_young_person_once(official) -> None:
    agenda = AgendaItemFactory()
    idea = IdeaFactory()
    planning_link_create(planning_item=agenda.planning_item, idea=idea, note="", actor=official)
    poll = PollFactory(questions=[("Ja eller nej?", ["Ja", "Nej"])])
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll)
    option = poll.questions.get().options.first()
    ResponseFactory(option=option, participant=idea.participant)
    for _ in range(5):
        ResponseFactory(option=option)

    with translation.override("en"):
        [item] = asdict(brief_build(meeting=agenda.meeting))["items"]

    assert item["participants"] == 6
    channels = {c["channel"]: c["participants"] for c in item["channels"]}
    assert channels == {"polls": 6, "ideas": None}  # one author: fewer than 5
    assert "polls and idea boards" in item["analysis"]


def _open_text_answer(poll, text: str, status: str):
    question = Question.objects.create(
        poll=poll, text="Vad vill du säga?", kind=QuestionKind.OPEN_TEXT
    )
    return ResponseFactory(
        question=question, option=None, answer={"text": text}, text_status=status
    )


def test_quotes_come_only_from_published_linked_text(official) -> None:
    agenda = AgendaItemFactory()
    board = IdeaBoardFactory()
    planning_link_create(planning_item=agenda.planning_item, board=board, note="", actor=official)
    published = IdeaFactory(board=board, title="Lampor", text="Det är mörkt i parken.")
    hidden = [IdeaFactory(board=board, moderation_state=s) for s in UNPUBLISHED]
    unlinked = IdeaFactory()
    poll = PollFactory(questions=[])
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll)
    approved = _open_text_answer(poll, "Mer fritid för tjejer", TextStatus.PUBLISHED)
    held = _open_text_answer(poll, "Något elakt", TextStatus.HELD)

    candidates = quote_candidates(agenda_item=agenda, viewer=official)
    assert [(c["source_kind"], c["source_id"]) for c in candidates] == [
        ("idea", published.pk),
        ("poll_answer", approved.pk),
    ]
    quote = brief_quote_add(
        agenda_item=agenda, source_kind="idea", source_id=published.pk, actor=official
    )
    assert quote.text == "Lampor: Det är mörkt i parken."
    brief_quote_add(
        agenda_item=agenda, source_kind="poll_answer", source_id=approved.pk, actor=official
    )
    for kind, source_id in [("idea", i.pk) for i in [*hidden, unlinked]] + [
        ("poll_answer", held.pk)
    ]:
        with pytest.raises(InvalidInput):
            brief_quote_add(
                agenda_item=agenda, source_kind=kind, source_id=source_id, actor=official
            )
    with pytest.raises(AlreadyLinked):
        brief_quote_add(
            agenda_item=agenda, source_kind="idea", source_id=published.pk, actor=official
        )

    [item] = asdict(brief_build(meeting=agenda.meeting))["items"]
    assert [q["text"] for q in item["quotes"]] == [
        "Lampor: Det är mörkt i parken.",
        "Mer fritid för tjejer",
    ]
    brief_quote_remove(quote=quote, actor=official)
    assert list(BriefQuote.objects.values_list("text", flat=True)) == ["Mer fritid för tjejer"]


def test_only_officials_choose_quotes(youth_worker) -> None:
    agenda = AgendaItemFactory()
    idea = IdeaFactory()
    PlanningLink.objects.create(idea=idea, planning_item=agenda.planning_item)

    with pytest.raises(PermissionDenied):
        brief_quote_add(
            agenda_item=agenda, source_kind="idea", source_id=idea.pk, actor=youth_worker
        )
    assert not BriefQuote.objects.exists()


def test_published_brief_keeps_ideas_and_quotes_after_later_support(official) -> None:
    agenda = AgendaItemFactory()
    board = IdeaBoardFactory()
    planning_link_create(planning_item=agenda.planning_item, board=board, note="", actor=official)
    idea = _idea_with_supporters(board, "Lampor i parken", 5)
    brief_quote_add(agenda_item=agenda, source_kind="idea", source_id=idea.pk, actor=official)

    version = meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)
    for _ in range(3):
        Support.objects.create(idea=idea, participant=ParticipantFactory())
    BriefQuote.objects.all().delete()

    [frozen] = version.snapshot["items"]
    assert frozen["top_ideas"] == [{"id": idea.pk, "title": "Lampor i parken", "supports": 5}]
    assert frozen["participants"] == 6
    assert [q["text"] for q in frozen["quotes"]] == [f"Lampor i parken: {idea.text}"]
    [live] = asdict(brief_build(meeting=agenda.meeting))["items"]
    assert live["top_ideas"][0]["supports"] == 8
    assert live["quotes"] == []


def test_brief_pdf_csv_show_top_ideas_and_quotes(official) -> None:
    agenda = AgendaItemFactory(planning_item__reference="1.2.4-182-2025")
    board = IdeaBoardFactory()
    planning_link_create(planning_item=agenda.planning_item, board=board, note="", actor=official)
    idea = _idea_with_supporters(board, "Lampor i parken", 5)
    idea.text = "Det är mörkt på kvällen."
    idea.save()
    brief_quote_add(agenda_item=agenda, source_kind="idea", source_id=idea.pk, actor=official)
    version = meeting_brief_publish(meeting=agenda.meeting, changelog="", actor=official)

    with translation.override("sv"):
        pdf = exports.brief_pdf(brief_from_json(version.snapshot))
        csv_text = exports.to_csv(exports.brief_rows(brief_from_json(version.snapshot))).decode(
            "utf-8-sig"
        )

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Mest stöttade idéer" in text
    assert "Lampor i parken" in text
    assert "Det är mörkt på kvällen." in text  # the quote
    assert "Idétavlor:" in text  # the ideas channel
    assert "Lampor i parken;Har stöttat;5" in csv_text
    assert "Det är mörkt på kvällen." in csv_text


# --- follow-up --------------------------------------------------------------------------------


def test_followup_counts_ideas_feedback_share_and_median_days(official) -> None:
    item = PlanningItemFactory(area="feedback")
    board = IdeaBoardFactory()
    planning_link_create(planning_item=item, board=board, note="", actor=official)
    ideas = [_idea_with_supporters(board, f"Idé {n}", 1) for n in range(4)]
    IdeaFactory(board=board, moderation_state=ModerationState.HELD)  # never counted
    now = timezone.now()
    for idea, days in zip(ideas[:2], (2, 4), strict=True):
        idea_feedback_add(
            idea=idea, status=FeedbackStatus.UNDER_REVIEW, text="Vi tittar på den", actor=official
        )
        idea.refresh_from_db()
        type(idea).objects.filter(pk=idea.pk).update(created_at=now - dt.timedelta(days=days))
    idea_feedback_add(
        idea=ideas[0],
        status=FeedbackStatus.FORWARDED,
        text="Till nämnden",
        actor=official,
        planning_item=item,
    )
    idea_feedback_add(
        idea=ideas[0], status=FeedbackStatus.DECIDED, decision="yes", text="Ja", actor=official
    )
    today = timezone.localdate()

    report = asdict(followup_report(start=today - dt.timedelta(days=30), end=today))

    totals = report["totals"]
    assert totals["ideas"] == 4
    assert (totals["ideas_with_feedback"], totals["ideas_with_feedback_percent"]) == (2, 50.0)
    assert totals["ideas_median_days_to_feedback"] == 3.0
    assert totals["ideas_median_days_to_decision"] == 2.0
    assert totals["participants"] == 8  # 4 authors and 4 supporters
    assert totals["planning_items_with_input"] == 1
    [area] = [a for a in report["areas"] if a["code"] == "feedback"]
    assert (area["ideas"], area["ideas_with_feedback_percent"]) == (4, 50.0)
    [other] = [a for a in report["areas"] if a["code"] == "mandate"]
    assert (other["ideas"], other["participants"]) == (0, 0)
    [genders] = [t for t in report["demographics"] if t["dimension"] == "gender"]
    assert {r["code"]: r["count"] for r in genders["rows"]}["girl"] == 8


def test_a_quote_leaves_the_draft_when_its_idea_is_hidden_later(official) -> None:
    agenda = AgendaItemFactory()
    idea = IdeaFactory()
    PlanningLink.objects.create(idea=idea, planning_item=agenda.planning_item)
    brief_quote_add(agenda_item=agenda, source_kind="idea", source_id=idea.pk, actor=official)

    type(idea).objects.filter(pk=idea.pk).update(moderation_state=ModerationState.HIDDEN)

    [item] = asdict(brief_build(meeting=agenda.meeting))["items"]
    assert item["quotes"] == []
    assert item["top_ideas"] == []


def test_quotes_cannot_change_after_the_meeting(official) -> None:
    agenda = AgendaItemFactory(meeting__state=MeetingState.HELD)
    idea = IdeaFactory()
    PlanningLink.objects.create(idea=idea, planning_item=agenda.planning_item)
    quote = BriefQuote.objects.create(
        agenda_item=agenda, text="x", source_kind="idea", source_id=idea.pk
    )

    with pytest.raises(InvalidStateTransition):
        brief_quote_add(agenda_item=agenda, source_kind="idea", source_id=idea.pk, actor=official)
    with pytest.raises(InvalidStateTransition):
        brief_quote_remove(quote=quote, actor=official)
    assert BriefQuote.objects.count() == 1
