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


def planning_item_list(*, viewer: Any) -> list[PlanningItem]:
    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(
        PlanningItem.objects.prefetch_related(
            Prefetch("poll_links", queryset=PollLink.objects.select_related("poll", "question")),
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
    """Published feedback on the polls this participant answered ('you said → we did')."""
    if participant is None:
        return []
    answered = Response.objects.filter(participant=participant).values("question__poll_id")
    return list(
        FeedbackEntry.objects.filter(published_at__isnull=False, poll_id__in=answered)
        .select_related(
            "poll", "decision__agenda_item__planning_item", "decision__agenda_item__meeting"
        )
        .order_by("-published_at", "-id")
    )


def reference_population_list(*, viewer: Any) -> list[ReferencePopulation]:
    require_role(viewer, Role.OFFICIAL, Role.COUNCIL_MEMBER)
    return list(ReferencePopulation.objects.all())


def linkable_poll_list(*, viewer: Any) -> list[Poll]:
    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(
        Poll.objects.select_related("forum").annotate(
            participants=Count("questions__responses__participant", distinct=True)
        )
    )
