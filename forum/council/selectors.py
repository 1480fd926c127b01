from typing import Any

from django.db.models import Count, Prefetch

from forum.core.errors import NotFound
from forum.core.roles import Role, require_role, user_roles
from forum.council.models import (
    AgendaItem,
    BriefVersion,
    FeedbackEntry,
    Meeting,
    PlanningItem,
    PollLink,
    ReferencePopulation,
)
from forum.participation.models import Participant
from forum.polls.models import Poll, Response


def _activity_links() -> Any:
    from forum.live.models import ActivityLink

    return ActivityLink.objects.select_related(
        "activity__session", "activity__question", "activity__board"
    )


def planning_item_list(*, viewer: Any) -> list[PlanningItem]:
    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(
        PlanningItem.objects.prefetch_related(
            Prefetch("poll_links", queryset=PollLink.objects.select_related("poll", "question")),
            "idea_links__idea",
            "board_links__board",
            Prefetch("activity_links", queryset=_activity_links()),
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("meeting")),
        )
    )


def meeting_list(*, viewer: Any) -> list[Meeting]:
    require_role(viewer, Role.OFFICIAL, Role.COUNCIL_MEMBER)
    return list(Meeting.objects.all())


def meeting_detail(*, meeting_id: int, viewer: Any) -> Meeting:
    require_role(viewer, Role.OFFICIAL, Role.COUNCIL_MEMBER)
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
    item = (
        PlanningItem.objects.prefetch_related(
            Prefetch("poll_links", queryset=PollLink.objects.select_related("poll")),
            "idea_links__idea",
            "board_links__board",
            Prefetch("activity_links", queryset=_activity_links()),
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("meeting")),
        )
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise NotFound()
    return item


def brief_document(*, meeting: Meeting, viewer: Any, version: int | None = None) -> dict[str, Any]:
    """The brief to show or export: the live draft (officials only) or a frozen version.

    Council members read published versions only; without ``version`` they get the latest.
    """
    from forum.council.brief import brief_build

    require_role(viewer, Role.OFFICIAL, Role.COUNCIL_MEMBER)
    versions = list(meeting.brief_versions.order_by("number"))
    is_official = bool(user_roles(viewer) & {Role.OFFICIAL, Role.ADMIN})
    if version is None and is_official:
        document = brief_build(meeting=meeting)
    else:
        chosen: BriefVersion | None = None
        if version is None:
            chosen = versions[-1] if versions else None
        else:
            chosen = next((v for v in versions if v.number == version), None)
        if chosen is None:
            raise NotFound()
        document = dict(chosen.snapshot)
    document["versions"] = [
        {"number": v.number, "published_at": v.published_at.isoformat(), "changelog": v.changelog}
        for v in versions
    ]
    return document


def participant_feedback(*, participant: Participant | None) -> list[FeedbackEntry]:
    """Published feedback on the polls this participant answered and the live activities it
    took part in ('you said → we did'). Unpublished feedback is never returned."""
    from forum.council.activities import participant_took_part

    if participant is None:
        return []
    answered = Response.objects.filter(participant=participant).values("question__poll_id")
    related = (
        "poll",
        "activity__session",
        "activity__question",
        "activity__board",
        "decision__agenda_item__planning_item",
        "decision__agenda_item__meeting",
    )
    published = FeedbackEntry.objects.filter(published_at__isnull=False).select_related(*related)
    entries = list(published.filter(poll_id__in=answered))
    took_part: dict[int, bool] = {}  # one check per activity, however many decisions it has
    for entry in published.filter(activity__isnull=False):
        activity = entry.activity
        assert activity is not None
        if activity.pk not in took_part:
            took_part[activity.pk] = participant_took_part(
                activity=activity, participant_id=participant.pk
            )
        if took_part[activity.pk]:
            entries.append(entry)
    return sorted(entries, key=lambda e: (e.published_at, e.pk), reverse=True)


def reference_population_list(*, viewer: Any) -> list[ReferencePopulation]:
    require_role(viewer, Role.OFFICIAL, Role.COUNCIL_MEMBER)
    return list(ReferencePopulation.objects.all())


def linkable_poll_list(*, viewer: Any) -> list[Poll]:
    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(
        Poll.objects.select_related("forum")
        .prefetch_related("questions")
        .annotate(participants=Count("questions__responses__participant", distinct=True))
    )


def linkable_session_list(*, viewer: Any) -> list[Any]:
    """Live sessions with their activities, newest first, to route an activity from."""
    from forum.live.models import LiveActivity, LiveSession

    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(
        LiveSession.objects.select_related("forum").prefetch_related(
            Prefetch(
                "activities",
                queryset=LiveActivity.objects.select_related("question", "board").defer("image"),
            )
        )
    )


def session_activity_links(*, code: str, viewer: Any) -> list[Any]:
    """The planning items a session's activities are routed to (console and export page)."""
    from forum.live.models import ActivityLink
    from forum.live.selectors import live_session_by_code

    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    session = live_session_by_code(code=code)
    return list(
        ActivityLink.objects.filter(activity__session=session)
        .select_related(
            "planning_item", "activity__question", "activity__board", "activity__session"
        )
        .order_by("activity__position", "activity_id", "id")
    )


# --- ideas routed to planning items, and quotes -----------------------------------------------


def linkable_board_list(*, viewer: Any) -> list[Any]:
    """Idea boards with their published ideas, to route to a planning item."""
    from forum.ideas.models import Idea, IdeaBoard
    from forum.moderation.models import ModerationState

    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(
        IdeaBoard.objects.select_related("forum").prefetch_related(
            Prefetch(
                "ideas",
                queryset=Idea.objects.filter(moderation_state=ModerationState.PUBLISHED).order_by(
                    "title", "id"
                ),
                to_attr="published_ideas",
            )
        )
    )


def content_planning_links(*, kind: str, content_id: int, viewer: Any) -> list[dict[str, Any]]:
    """The planning items a poll, idea board or idea is routed to ("Kopplad till nämndens
    planeringspunkt …"). An idea's links are public once the idea is published (the
    registry number and title are public records); polls and boards are for staff."""
    from forum.ideas.models import Idea, IdeaBoardLink, IdeaLink
    from forum.moderation.models import ModerationState

    def row(item: PlanningItem, note: str, via: str, idea: Any = None) -> dict[str, Any]:
        return {
            "id": item.pk,
            "reference": item.reference,
            "title": item.title,
            "note": note,
            "via": via,
            "idea_id": idea.pk if idea else None,
            "idea_title": idea.title if idea else "",
        }

    if kind == "idea":
        idea = Idea.objects.filter(pk=content_id).first()
        if idea is None:
            raise NotFound()
        if idea.moderation_state != ModerationState.PUBLISHED:
            require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
        direct = [
            row(link.planning_item, link.note, "idea", idea)
            for link in IdeaLink.objects.filter(idea=idea).select_related("planning_item")
        ]
        seen = {r["id"] for r in direct}
        board = [
            row(link.planning_item, link.note, "board")
            for link in IdeaBoardLink.objects.filter(board_id=idea.board_id).select_related(
                "planning_item"
            )
            if link.planning_item_id not in seen
        ]
        return direct + board
    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    if kind == "board":
        # The whole board's links, then those of single ideas on it (for the staff page).
        return [
            row(link.planning_item, link.note, "board")
            for link in IdeaBoardLink.objects.filter(board_id=content_id).select_related(
                "planning_item"
            )
        ] + [
            row(link.planning_item, link.note, "idea", link.idea)
            for link in IdeaLink.objects.filter(idea__board_id=content_id)
            .select_related("planning_item", "idea")
            .order_by("idea_id", "id")
        ]
    if kind == "poll":
        return [
            row(link.planning_item, link.note, "question" if link.question_id else "poll")
            for link in PollLink.objects.filter(poll_id=content_id).select_related("planning_item")
        ]
    raise NotFound()


def quote_candidates(*, agenda_item: AgendaItem, viewer: Any) -> list[dict[str, Any]]:
    """Text an official may quote in the brief: published ideas and approved open-text
    answers routed to the agenda item's planning item. Nothing held, hidden or rejected."""
    from forum.council.brief import published_ideas_for
    from forum.polls.models import TextStatus

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
    links = list(PollLink.objects.filter(planning_item_id=agenda_item.planning_item_id))
    for link in links:
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
