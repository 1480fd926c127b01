from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch

from forum.core.roles import Role, require_role
from forum.council.models import AgendaItem, Meeting, PlanningItem, PollLink
from forum.polls.models import Poll
from forum.polls.selectors import PollResults, poll_results


def planning_item_list(*, viewer: Any) -> list[PlanningItem]:
    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(
        PlanningItem.objects.prefetch_related(
            Prefetch("poll_links", queryset=PollLink.objects.select_related("poll"))
        )
    )


def meeting_list(*, viewer: Any) -> list[Meeting]:
    require_role(viewer, Role.OFFICIAL)
    return list(Meeting.objects.all())


def linkable_poll_list(*, viewer: Any) -> list[Poll]:
    require_role(viewer, Role.OFFICIAL, Role.YOUTH_WORKER)
    return list(
        Poll.objects.select_related("forum").annotate(
            participants=Count("questions__responses__participant", distinct=True)
        )
    )


@dataclass(frozen=True)
class BriefPoll:
    poll: Poll
    note: str
    results: PollResults


@dataclass(frozen=True)
class BriefItem:
    position: int
    planning_item: PlanningItem
    polls: list[BriefPoll]


@dataclass(frozen=True)
class MeetingBrief:
    """'Ungas röster inför nämnden': youth input per agenda item of one meeting."""

    meeting: Meeting
    items: list[BriefItem]


def meeting_brief(*, meeting: Meeting, viewer: Any) -> MeetingBrief:
    require_role(viewer, Role.OFFICIAL)
    agenda = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("planning_item")
        .prefetch_related(
            Prefetch(
                "planning_item__poll_links",
                queryset=PollLink.objects.select_related("poll").prefetch_related(
                    "poll__questions__options"
                ),
            )
        )
    )
    items = [
        BriefItem(
            position=agenda_item.position,
            planning_item=agenda_item.planning_item,
            polls=[
                BriefPoll(poll=link.poll, note=link.note, results=poll_results(poll=link.poll))
                for link in agenda_item.planning_item.poll_links.all()
            ],
        )
        for agenda_item in agenda
    ]
    return MeetingBrief(meeting=meeting, items=items)
