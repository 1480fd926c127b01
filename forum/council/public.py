"""What the council did with a forum's input, for everyone, without a login.

Only what is already public reaches these dataclasses: published brief versions (their
frozen, suppressed snapshot), decisions whose feedback is published, and each linked
input's published usage and reason. Nothing here names a person: no staff user, no
participant, no count under 5 (docs/decisions/0032-public-transparency.md).
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from forum.core.errors import NotFound
from forum.core.selectors import department_path
from forum.core.suppression import shown_count
from forum.core.translations import localized
from forum.council.activities import activity_title
from forum.council.briefdata import brief_from_json
from forum.council.followup import followup_report
from forum.council.models import (
    AgendaItem,
    BriefVersion,
    Decision,
    FeedbackEntry,
    Meeting,
    PlanningLink,
)
from forum.live.models import LiveSessionState
from forum.moderation.models import ModerationState
from forum.participation.models import Forum
from forum.polls.models import PollStatus


@dataclass(frozen=True)
class PublicBriefItem:
    """One agenda item of a published brief, as the frozen snapshot has it."""

    reference: str
    title: str
    # Suppressed: None is "fewer than 5".
    participants: int | None


@dataclass(frozen=True)
class PublicBrief:
    meeting_id: int
    meeting_title: str
    meeting_starts_at: dt.datetime
    version: int
    published_at: dt.datetime
    changelog: str
    items: tuple[PublicBriefItem, ...]


@dataclass(frozen=True)
class PublicInputUsage:
    """How one input of this forum was used in a decision, and why (published only)."""

    kind: str
    title: str
    question: str | None
    usage: str
    usage_name: str
    reason: str


@dataclass(frozen=True)
class PublicDecision:
    reference: str
    # In the reader's language where translated; ``planning_item_title_lang`` says which.
    planning_item_title: str
    planning_item_title_lang: str
    meeting_title: str
    # The meeting's date: when the council decided, not when it was typed in.
    meeting_date: dt.datetime
    text: str
    outcome: str
    outcome_name: str
    feedback_text: str
    # Who carries it out: the decision's department, else the planning item's ("" none).
    responsible: str
    inputs: tuple[PublicInputUsage, ...]


@dataclass(frozen=True)
class PublicForum:
    name: str
    slug: str
    description: str
    briefs: tuple[PublicBrief, ...]
    decisions: tuple[PublicDecision, ...]


@dataclass(frozen=True)
class PublicForumRef:
    name: str
    slug: str


def _forum_inputs(forum: Forum) -> Q:
    """Links to input that belongs to this forum (every link kind)."""
    return (
        Q(poll__forum=forum)
        | Q(idea__board__forum=forum)
        | Q(board__forum=forum)
        | Q(activity__session__forum=forum)
        | Q(workshop__forum=forum)
    )


def _is_public(link: PlanningLink) -> bool:
    """Whether the input itself may be named in public: never a draft poll, an idea that is
    not (or no longer) published, or a live session still being prepared."""

    if link.poll is not None:
        return link.poll.status != PollStatus.DRAFT
    if link.idea is not None:
        return link.idea.moderation_state == ModerationState.PUBLISHED
    if link.activity is not None:
        return link.activity.session.state != LiveSessionState.DRAFT
    return link.board is not None or link.workshop is not None


def _input_title(link: PlanningLink) -> tuple[str, str | None]:

    if link.poll is not None:
        return link.poll.title, link.question.text if link.question is not None else None
    if link.idea is not None:
        return link.idea.title, None
    if link.board is not None:
        return link.board.question, None
    if link.workshop is not None:
        return link.workshop.title, None
    assert link.activity is not None
    return link.activity.session.title, activity_title(link.activity)


def public_forum_list() -> list[PublicForumRef]:
    return [PublicForumRef(name=f.name, slug=f.slug) for f in Forum.objects.order_by("name")]


def _snapshot_items(snapshot: dict[str, Any]) -> tuple[PublicBriefItem, ...]:
    """The items of a frozen snapshot, read through the brief's own loader (every schema)."""

    return tuple(
        PublicBriefItem(
            reference=item.planning_item.reference,
            title=item.planning_item.title,
            # The snapshot is suppressed already; once more, so no older one slips by.
            participants=None if item.participants is None else shown_count(item.participants),
        )
        for item in brief_from_json(snapshot).items
    )


def _published_briefs(forum: Forum) -> tuple[PublicBrief, ...]:
    """Published versions of the briefs for meetings whose agenda had input from this forum
    when the version was published (a link made later was not in it)."""
    links = PlanningLink.objects.filter(_forum_inputs(forum))
    versions = (
        BriefVersion.objects.filter(
            meeting__agenda_items__planning_item__links__in=links.values("pk")
        )
        .select_related("meeting")
        .distinct()
        .order_by("-meeting__starts_at", "-number")
    )
    first_link_at = {
        item_id: created
        for item_id, created in links.order_by("-created_at").values_list(
            "planning_item_id", "created_at"
        )
    }
    agenda: dict[int, set[int]] = {}
    for meeting_id, item_id in AgendaItem.objects.filter(
        meeting_id__in=versions.values("meeting_id")
    ).values_list("meeting_id", "planning_item_id"):
        agenda.setdefault(meeting_id, set()).add(item_id)
    briefs = []
    for version in versions:
        linked_then = any(
            first_link_at[i] <= version.published_at
            for i in agenda.get(version.meeting_id, ())
            if i in first_link_at
        )
        if not linked_then:
            continue
        briefs.append(
            PublicBrief(
                meeting_id=version.meeting_id,
                meeting_title=version.meeting.title,
                meeting_starts_at=version.meeting.starts_at,
                version=version.number,
                published_at=version.published_at,
                changelog=version.changelog,
                items=_snapshot_items(version.snapshot),
            )
        )
    return tuple(briefs)


def _published_decisions(forum: Forum, language: str | None) -> tuple[PublicDecision, ...]:
    """Decisions with published feedback on items linked to this forum's input, each with
    the published usage of this forum's inputs (an input without one is left out)."""
    entries = (
        FeedbackEntry.objects.filter(published_at__isnull=False)
        .filter(
            Q(link__poll__forum=forum)
            | Q(link__idea__board__forum=forum)
            | Q(link__board__forum=forum)
            | Q(link__activity__session__forum=forum)
            | Q(link__workshop__forum=forum)
        )
        .exclude(usage="")
        .select_related(
            "link__poll",
            "link__question",
            "link__idea",
            "link__board",
            "link__activity__session",
            "link__activity__question",
            "link__activity__board",
            "link__workshop",
        )
        .order_by("link__created_at", "link_id")
    )
    decisions = (
        Decision.objects.filter(feedback_published_at__isnull=False)
        .select_related(
            "agenda_item__planning_item__department__parent__parent",
            "agenda_item__meeting",
            "department__parent__parent",
        )
        .prefetch_related(Prefetch("feedback", queryset=entries, to_attr="public_entries"))
        .order_by("-agenda_item__meeting__starts_at", "agenda_item__position")
    )
    out = []
    for decision in decisions:
        inputs = tuple(
            PublicInputUsage(
                kind=entry.link.kind,
                title=_input_title(entry.link)[0],
                question=_input_title(entry.link)[1],
                usage=entry.usage,
                usage_name=str(entry.get_usage_display()),
                reason=entry.reason,
            )
            for entry in decision.public_entries
            if _is_public(entry.link)
        )
        if not inputs:
            continue
        agenda_item = decision.agenda_item
        meeting: Meeting = agenda_item.meeting
        # The council's items are offered in every language (not one forum's).
        title = localized(agenda_item.planning_item, "title", language)
        out.append(
            PublicDecision(
                reference=agenda_item.planning_item.reference,
                planning_item_title=title.text,
                planning_item_title_lang=title.language,
                meeting_title=meeting.title,
                meeting_date=meeting.starts_at,
                text=decision.text,
                outcome=decision.outcome,
                outcome_name=str(decision.get_outcome_display()),
                feedback_text=decision.feedback_text,
                responsible=_responsible(decision),
                inputs=inputs,
            )
        )
    return tuple(out)


def _responsible(decision: Decision) -> str:
    department = decision.department or decision.agenda_item.planning_item.department
    return department_path(department) if department is not None else ""


def public_forum(*, slug: str, language: str | None = None) -> PublicForum:
    """Everything the public page of one forum shows; NotFound for an unknown slug.
    ``language``: the reader's, for the planning items' titles (Swedish where missing)."""
    forum = Forum.objects.filter(slug=slug).first()
    if forum is None:
        raise NotFound()
    return PublicForum(
        name=forum.name,
        slug=forum.slug,
        description=forum.description,
        briefs=_published_briefs(forum),
        decisions=_published_decisions(forum, language),
    )


@dataclass(frozen=True)
class PublicFollowup:
    """The yearly follow-up's headline figures for the whole district (all suppressed)."""

    year: int
    start: dt.date
    end: dt.date
    participants: int | None
    forums: int
    sessions: int
    polls: int
    ideas: int
    planning_items_with_input: int
    decisions_with_input: int
    median_days_to_decision: float | None
    polls_with_feedback_percent: float | None


def public_followup(*, year: int | None = None) -> PublicFollowup:
    """The follow-up for a calendar year (this year so far by default). District-wide:
    the follow-up is the council's, not one forum's."""

    today = timezone.localdate()
    year = year or today.year
    if not 2000 <= year <= today.year:
        raise NotFound()
    start = dt.date(year, 1, 1)
    end = min(dt.date(year, 12, 31), today)
    totals = followup_report(start=start, end=end).totals
    participants = totals.participants
    return PublicFollowup(
        year=year,
        start=start,
        end=end,
        participants=None if participants is None else shown_count(participants),
        forums=totals.forums,
        sessions=totals.sessions,
        polls=totals.polls,
        ideas=totals.ideas,
        planning_items_with_input=totals.planning_items_with_input,
        decisions_with_input=totals.decisions_with_input,
        median_days_to_decision=totals.median_days_to_decision,
        polls_with_feedback_percent=totals.polls_with_feedback_percent,
    )
