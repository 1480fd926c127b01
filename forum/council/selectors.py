import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from forum.core.errors import NotFound
from forum.core.languages import LANGUAGE_CODES
from forum.core.roles import Role, require_role, user_roles
from forum.core.translations import (
    TranslationForm,
    missing_languages,
    translatable,
    translation_form,
)
from forum.council.activities import activity_participant_ids
from forum.council.brief import brief_build, published_ideas_for
from forum.council.briefdata import Brief, VersionRef, brief_from_json
from forum.council.models import (
    AgendaItem,
    BriefVersion,
    FeedbackEntry,
    IdeaStepOrigin,
    InputUsage,
    Meeting,
    PlanningItem,
    PlanningLink,
    ReferencePopulation,
)
from forum.ideas.models import Idea, IdeaBoard, Support
from forum.live.models import LiveActivity, LiveSession, LiveSessionState, OfflineWorkshop
from forum.live.selectors import live_session_by_code
from forum.moderation.models import ModerationState
from forum.participation.access import forum_ids_for_staff, require_forum_staff
from forum.participation.models import Forum, Participant
from forum.polls.models import Poll, PollStatus, Question, Response, TextStatus

LINK_TARGETS = (
    "poll__forum",
    "question",
    "idea__board",
    "board__forum",
    "activity__session__forum",
    "activity__question",
    "activity__board",
    "workshop__forum",
    "created_by",
)


# Who reads published briefs, the meetings they belong to and the follow-up: officials, the
# council's members, and youth workers (the young people's input is theirs to follow up).
# Drafts stay with officials (and admins): brief_document gives the others published
# versions only.
BRIEF_READERS = (Role.OFFICIAL, Role.COUNCIL_MEMBER, Role.YOUTH_WORKER)


def _links() -> QuerySet[PlanningLink]:
    return PlanningLink.objects.select_related("planning_item", *LINK_TARGETS)


def _items_with_links() -> QuerySet[PlanningItem]:
    return PlanningItem.objects.select_related("department__parent__parent").prefetch_related(
        Prefetch("links", queryset=_links()),
        Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("meeting")),
    )


def planning_item_list(*, viewer: Any) -> list[PlanningItem]:
    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(_items_with_links())


def planning_link_list(*, item_id: int, viewer: Any) -> list[PlanningLink]:
    """Every input routed to one planning item, oldest first (all kinds in one list)."""
    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    if not PlanningItem.objects.filter(pk=item_id).exists():
        raise NotFound()
    return list(_links().filter(planning_item_id=item_id))


def poll_planning_items(poll_ids: set[int]) -> dict[int, list[tuple[str, str]]]:
    """("reference title", note) of the items each poll is routed to (the ideas app's
    "my participation" reads it through its provider hook)."""
    out: dict[int, list[tuple[str, str]]] = {}
    for link in PlanningLink.objects.select_related("planning_item").filter(poll_id__in=poll_ids):
        assert link.poll_id is not None
        item = link.planning_item
        out.setdefault(link.poll_id, []).append((f"{item.reference} {item.title}", link.note))
    return out


def idea_step_planning_items(step_ids: set[int]) -> dict[int, str]:
    """ "reference title" of the planning item each idea timeline step went to or was decided
    on (the ideas app's timeline reads it through its provider hook)."""
    origins = IdeaStepOrigin.objects.select_related("planning_item").filter(
        step_id__in=step_ids, planning_item__isnull=False
    )
    return {
        o.step_id: f"{o.planning_item.reference} {o.planning_item.title}"
        for o in origins
        if o.planning_item is not None
    }


def meeting_list(*, viewer: Any) -> list[Meeting]:
    require_role(viewer, *BRIEF_READERS)
    return list(Meeting.objects.all())


def meeting_detail(*, meeting_id: int, viewer: Any) -> Meeting:
    require_role(viewer, *BRIEF_READERS)
    meeting = (
        Meeting.objects.prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("planning_item", "decision"),
            ),
            "brief_versions",
        )
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise NotFound()
    return meeting


def planning_item_detail(*, item_id: int, viewer: Any) -> PlanningItem:
    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    item = _items_with_links().filter(pk=item_id).first()
    if item is None:
        raise NotFound()
    return item


DRAFT = "draft"


def brief_document(
    *,
    meeting: Meeting,
    viewer: Any,
    version: int | str | None = None,
    published_first: bool = False,
) -> "Brief":
    """The brief to show or export: the live draft (officials only) or a frozen version.

    ``version``: a version number, ``"draft"`` (officials: the draft even after publishing),
    or None: council members and youth workers read published versions only and get the
    latest (a meeting without one is not found for them); officials the draft, unless
    ``published_first`` (every download): then the latest version once one is published,
    so "Ladda ner PDF" after publishing hands out what was published, never the draft.
    """

    require_role(viewer, *BRIEF_READERS)
    versions = list(meeting.brief_versions.order_by("number"))
    is_official = bool(user_roles(viewer) & {Role.OFFICIAL, Role.ADMIN})
    if version == DRAFT:
        require_role(viewer, Role.OFFICIAL)
        brief = brief_build(meeting=meeting)
    elif version is None and is_official and not (published_first and versions):
        brief = brief_build(meeting=meeting)
    else:
        chosen: BriefVersion | None = None
        if version is None:
            chosen = versions[-1] if versions else None
        else:
            chosen = next((v for v in versions if v.number == version), None)
        if chosen is None:
            raise NotFound()
        brief = brief_from_json(chosen.snapshot)
    return replace(
        brief,
        versions=[
            VersionRef(
                number=v.number, published_at=v.published_at.isoformat(), changelog=v.changelog
            )
            for v in versions
        ],
    )


def link_participant_ids(link: PlanningLink) -> set[int]:
    """Who took part in exactly this linked input: answered the poll (or, for a question
    link, that question), took part in the activity, sent or supported a published idea
    (of the board)."""

    if link.question_id is not None:
        return set(
            Response.objects.filter(question_id=link.question_id).values_list(
                "participant_id", flat=True
            )
        )
    if link.poll_id is not None:
        return set(
            Response.objects.filter(question__poll_id=link.poll_id).values_list(
                "participant_id", flat=True
            )
        )
    if link.activity is not None:
        return activity_participant_ids(link.activity)
    if link.workshop_id is not None:
        return set()  # entered by hand: nobody in it has a participant row to reach
    ideas = Idea.objects.filter(moderation_state=ModerationState.PUBLISHED)
    ideas = ideas.filter(pk=link.idea_id) if link.idea_id else ideas.filter(board_id=link.board_id)
    return set(ideas.values_list("participant_id", flat=True)) | set(
        Support.objects.filter(idea__in=ideas).values_list("participant_id", flat=True)
    )


def participant_feedback(*, participant: Participant | None) -> list[FeedbackEntry]:
    """Published feedback on the inputs this participant took part in ('you said → we
    did'): each entry is one decision's word on one linked input, so a decision reaches
    only the input it was about. Ideas also carry it on their own timeline. Unpublished
    feedback is never returned."""
    if participant is None:
        return []
    published = FeedbackEntry.objects.filter(published_at__isnull=False).select_related(
        "decision__agenda_item__planning_item",
        "decision__agenda_item__meeting",
        *(f"link__{t}" for t in LINK_TARGETS if t != "created_by"),
    )
    answered_polls = set(
        Response.objects.filter(participant=participant).values_list("question__poll_id", flat=True)
    )
    took_part: dict[int, bool] = {}  # one check per link, however many decisions it has
    entries = []
    for entry in published.filter(
        # Cheap pre-filter: polls this participant answered, or a kind checked one by one.
        Q(link__poll_id__in=answered_polls) | Q(link__poll__isnull=True)
    ):
        link = entry.link
        if link.pk not in took_part:
            took_part[link.pk] = participant.pk in link_participant_ids(link)
        if took_part[link.pk]:
            entries.append(entry)
    return sorted(entries, key=lambda e: (e.decision.decided_at, e.pk), reverse=True)


def reference_population_list(*, viewer: Any) -> list[ReferencePopulation]:
    require_role(viewer, Role.OFFICIAL, Role.COUNCIL_MEMBER)
    return list(ReferencePopulation.objects.all())


def linkable_poll_list(*, viewer: Any) -> list[Poll]:
    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(
        _own_forums(Poll.objects.select_related("forum"), viewer)
        .prefetch_related("questions")
        .annotate(participants=Count("questions__responses__participant", distinct=True))
    )


def _own_forums(rows: Any, viewer: Any) -> Any:
    """Only the viewer's forums' rows for a youth worker (docs/decisions/0049)."""
    own = forum_ids_for_staff(viewer)
    return rows if own is None else rows.filter(forum__in=own)


def linkable_session_list(*, viewer: Any) -> list[Any]:
    """Live sessions with their activities, newest first, to route an activity from."""

    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(
        _own_forums(LiveSession.objects.select_related("forum"), viewer).prefetch_related(
            Prefetch(
                "activities",
                queryset=LiveActivity.objects.select_related("question", "board").defer("image"),
            )
        )
    )


def session_activity_links(*, code: str, viewer: Any) -> list[PlanningLink]:
    """The planning items a session's activities are routed to (console and export page)."""

    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    session = live_session_by_code(code=code)
    require_forum_staff(viewer, session.forum, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(
        _links()
        .filter(activity__session=session)
        .order_by("activity__position", "activity_id", "id")
    )


# --- ideas routed to planning items, and quotes -----------------------------------------------


def linkable_workshop_list(*, viewer: Any) -> list[OfflineWorkshop]:
    """Workshops entered by hand, newest first, to route to a planning item like a poll."""

    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(OfflineWorkshop.objects.select_related("forum"))


def linkable_board_list(*, viewer: Any) -> list[Any]:
    """Idea boards with their published ideas, to route to a planning item."""

    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(
        _own_forums(IdeaBoard.objects.select_related("forum"), viewer).prefetch_related(
            Prefetch(
                "ideas",
                queryset=Idea.objects.filter(moderation_state=ModerationState.PUBLISHED).order_by(
                    "title", "id"
                ),
                to_attr="published_ideas",
            )
        )
    )


def content_planning_links(*, kind: str, content_id: int, viewer: Any) -> list[PlanningLink]:
    """The links a poll, idea board or idea is routed by ("Kopplad till nämndens
    planeringspunkt …"). An idea's links (its own and its board's) are public once the
    idea is published (the registry number and title are public records); polls and boards
    are for staff. A board's staff page also lists the links of single ideas on it."""

    if kind == "idea":
        idea = Idea.objects.filter(pk=content_id).first()
        if idea is None:
            raise NotFound()
        if idea.moderation_state != ModerationState.PUBLISHED:
            require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
        direct = list(_links().filter(idea=idea))
        seen = {link.planning_item_id for link in direct}
        board = [
            link
            for link in _links().filter(board_id=idea.board_id)
            if link.planning_item_id not in seen
        ]
        return direct + board
    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    if kind == "board":
        return list(_links().filter(board_id=content_id)) + list(
            _links().filter(idea__board_id=content_id).order_by("idea_id", "id")
        )
    if kind == "poll":
        return list(_links().filter(poll_id=content_id))
    raise NotFound()


def quote_candidates(*, agenda_item: AgendaItem, viewer: Any) -> list[dict[str, Any]]:
    """Text an official may quote in the brief: published ideas and approved open-text
    answers routed to the agenda item's planning item. Nothing held, hidden or rejected."""

    require_role(viewer, Role.OFFICIAL)
    chosen = {(q.source_kind, q.source_id) for q in agenda_item.quotes.all()}
    candidates: list[dict[str, Any]] = []
    for idea in published_ideas_for(agenda_item.planning_item_id).order_by("created_at", "id"):
        candidates.append(
            {
                "source_kind": "idea",
                "source_id": idea.pk,
                "text": f"{idea.title}: {idea.text}" if idea.text else idea.title,
                "chosen": ("idea", idea.pk) in chosen,
            }
        )
    links = list(
        PlanningLink.objects.filter(
            planning_item_id=agenda_item.planning_item_id, poll__isnull=False
        )
    )
    for link in links:
        assert link.poll_id is not None
        answers = Response.objects.filter(
            question__poll_id=link.poll_id, text_status=TextStatus.PUBLISHED
        )
        if link.question_id is not None:
            answers = answers.filter(question_id=link.question_id)
        for answer in answers.order_by("created_at", "id"):
            text = str(answer.answer.get("text", "")).strip()
            key = ("poll_answer", answer.pk)
            if text and not any(
                c["source_kind"] == key[0] and c["source_id"] == key[1] for c in candidates
            ):
                candidates.append(
                    {
                        "source_kind": "poll_answer",
                        "source_id": answer.pk,
                        "text": text,
                        "chosen": key in chosen,
                    }
                )
    return candidates


# --- decisions with young people's input (the follow-up) -------------------------------------


@dataclass(frozen=True)
class DecisionWithInput:
    """A decision in which at least one linked input was weighed (taken into account,
    partly, or not), with when each such input began (a poll's close or opening, an idea's
    or board's creation, a live session's start)."""

    decision_id: int
    decided_at: dt.datetime
    inputs_began: tuple[dt.datetime, ...]


def _input_began(link: PlanningLink) -> dt.datetime:
    if link.poll is not None:
        return link.poll.closed_at or link.poll.opened_at or link.poll.created_at
    if link.idea is not None:
        return link.idea.created_at
    if link.board is not None:
        return link.board.closes_at or link.board.opens_at or link.board.created_at
    if link.workshop is not None:
        return dt.datetime.combine(
            link.workshop.held_on, dt.time(), tzinfo=timezone.get_current_timezone()
        )
    assert link.activity is not None
    return link.activity.session.started_at


def decisions_with_youth_input(
    *, start: dt.datetime, end: dt.datetime, area: str | None = None
) -> list[DecisionWithInput]:
    """The one source of the follow-up's decision figures: how many decisions took young
    people's input up, and how long that input waited, are counted from the same rows, so
    they cannot disagree. "Not relevant" inputs were not about the decision."""
    entries = (
        FeedbackEntry.objects.filter(decision__decided_at__gte=start, decision__decided_at__lt=end)
        .exclude(usage=InputUsage.NOT_RELEVANT)
        .select_related(
            "decision", "link__poll", "link__idea", "link__board", "link__activity__session"
        )
        .order_by("decision_id", "link_id")
    )
    if area:
        entries = entries.filter(decision__agenda_item__planning_item__area=area)
    rows: dict[int, list[dt.datetime]] = {}
    decided: dict[int, dt.datetime] = {}
    for entry in entries:
        rows.setdefault(entry.decision_id, []).append(_input_began(entry.link))
        decided[entry.decision_id] = entry.decision.decided_at
    return [
        DecisionWithInput(decision_id=d, decided_at=decided[d], inputs_began=tuple(began))
        for d, began in rows.items()
    ]


def activity_is_linked(activity: LiveActivity) -> bool:
    """Whether a planning item links this live activity (live asks through its registry)."""
    return PlanningLink.objects.filter(activity=activity).exists()


def planning_item_translation_form(*, item_id: int) -> TranslationForm:
    """A planning item's public title and summary; the council offers every language."""
    item = PlanningItem.objects.filter(pk=item_id).first()
    if item is None:
        raise NotFound()
    return translation_form(translatable(item, kind="planning_item"), offered=LANGUAGE_CODES)


@dataclass(frozen=True)
class UntranslatedText:
    """A staff-written text participants will read that lacks a translation in one or more
    of its forum's languages, and where staff translate it."""

    kind: str  # "question", "board" or "activity"
    id: int
    title: str
    missing: list[str]
    edit_path: str


def _question_missing(question: Question, offered: list[str]) -> set[str]:
    missing = set(
        missing_languages(question.translations, sources={"text": question.text}, offered=offered)
    )
    for option in question.options.all():
        missing.update(
            missing_languages(option.translations, sources={"label": option.label}, offered=offered)
        )
    return missing


def _in_order(codes: set[str], offered: list[str]) -> list[str]:
    return [code for code in offered if code in codes]


def untranslated_texts(*, forum_id: int, viewer: Any) -> list[UntranslatedText]:
    """Every text of the forum's polls (not closed or archived), open or upcoming boards and
    live sessions not yet ended that misses a translation in a language the forum offers."""
    require_role(viewer, Role.YOUTH_WORKER, Role.OFFICIAL)
    forum = Forum.objects.filter(pk=forum_id).first()
    if forum is None:
        raise NotFound()
    require_forum_staff(viewer, forum, Role.YOUTH_WORKER, Role.OFFICIAL)
    offered = list(forum.languages)
    found: list[UntranslatedText] = []
    if len(offered) < 2:
        return found
    questions = (
        Question.objects.filter(poll__forum=forum, live_activities__isnull=True)
        .exclude(poll__status__in=[PollStatus.CLOSED, PollStatus.ARCHIVED])
        .prefetch_related("options")
        .order_by("poll_id", "position")
    )
    for question in questions:
        if missing := _question_missing(question, offered):
            found.append(
                UntranslatedText(
                    kind="question",
                    id=question.pk,
                    title=question.text,
                    missing=_in_order(missing, offered),
                    edit_path=f"/staff/polls/{question.poll_id}",
                )
            )
    now = timezone.now()
    boards = IdeaBoard.objects.filter(forum=forum).filter(
        Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    )
    for board in boards.order_by("pk"):
        sources = {"question": board.question, "description": board.description}
        if missing_list := missing_languages(board.translations, sources=sources, offered=offered):
            found.append(
                UntranslatedText(
                    kind="board",
                    id=board.pk,
                    title=board.question,
                    missing=missing_list,
                    edit_path=f"/staff/ideas/boards/{board.pk}",
                )
            )
    activities = (
        LiveActivity.objects.filter(session__forum=forum)
        .exclude(session__state=LiveSessionState.ENDED)
        .select_related("session", "question")
        .prefetch_related("question__options")
        .order_by("session_id", "position", "pk")
    )
    for activity in activities:
        sources = {"title": activity.title, "body": activity.body}
        missing = set(missing_languages(activity.translations, sources=sources, offered=offered))
        if activity.question is not None:
            missing |= _question_missing(activity.question, offered)
        if missing:
            found.append(
                UntranslatedText(
                    kind="activity",
                    id=activity.pk,
                    title=activity.title or (activity.question.text if activity.question else ""),
                    missing=_in_order(missing, offered),
                    edit_path=f"/staff/live/{activity.session.join_code}/prepare",
                )
            )
    return found
