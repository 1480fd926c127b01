"""Reads for idea boards.

Participants (and anything pushed to sockets) only ever get published ideas and comments,
plus their own posts in any state (with the rejection reason when a youth worker rejected
one). Staff reads are separate functions that check the role.
"""

import datetime as dt
import hashlib
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from forum.core.errors import NotFound
from forum.core.roles import Role, require_role, user_roles
from forum.core.translations import TranslationForm, translatable, translation_form
from forum.ideas.models import Comment, FeedbackEntry, FeedbackStatus, Idea, IdeaBoard, Support
from forum.ideas.services import FEEDBACK_NEXT
from forum.moderation.models import ModerationAction, ModerationActionKind, ModerationState
from forum.moderation.selectors import moderation_history, open_reports, report_counts
from forum.moderation.services import hidden_by_reports
from forum.participation.access import forum_ids_for_staff, require_forum_staff
from forum.participation.models import Forum, Participant
from forum.polls.answers import answer_summary
from forum.polls.models import Response

SORTS = ("newest", "supported", "random")
DEFAULT_WAITING_DAYS = 30
MAX_IDEAS = 500


@dataclass(frozen=True)
class TimelineStep:
    status: str
    decision: str
    text: str
    created_at: dt.datetime
    planning_item: str  # "1.2.4-182-2025 Fritidsgårdarnas …" or ""


@dataclass(frozen=True)
class CommentView:
    id: int
    text: str
    created_at: dt.datetime
    is_mine: bool
    moderation_state: str  # "published" unless it is the viewer's own
    rejection_reason: str
    replies: list["CommentView"] = field(default_factory=list)


@dataclass(frozen=True)
class IdeaCard:
    id: int
    board_id: int
    title: str
    text: str
    category: str
    neighbourhood: str
    has_photo: bool
    photo_width: int | None
    photo_height: int | None
    supports: int
    supported_by_me: bool
    comments: int
    feedback_status: str
    decision: str
    is_mine: bool
    moderation_state: str
    rejection_reason: str
    created_at: dt.datetime


@dataclass(frozen=True)
class IdeaDetail:
    idea: IdeaCard
    board: IdeaBoard
    timeline: list[TimelineStep]
    comment_list: list[CommentView]


def idea_board_get(*, board_id: int) -> IdeaBoard:
    board = IdeaBoard.objects.select_related("forum").filter(pk=board_id).first()
    if board is None:
        raise NotFound()
    return board


def idea_board_list() -> list[IdeaBoard]:
    return list(IdeaBoard.objects.select_related("forum").all())


def _participant_visible(qs: QuerySet[Any], participant: Participant | None) -> QuerySet[Any]:
    published = Q(moderation_state=ModerationState.PUBLISHED)
    if participant is None:
        return qs.filter(published)
    return qs.filter(published | Q(participant=participant))


def fair_order_key(*, participant: Participant | None, idea_id: int) -> str:
    """A per-phone shuffle that stays put between visits: early ideas don't win by position."""
    seed = participant.token_hash if participant is not None else "anonymous"
    return hashlib.sha256(f"{seed}:{idea_id}".encode()).hexdigest()


def _card(idea: Idea, participant: Participant | None, mine_supported: set[int]) -> IdeaCard:
    is_mine = participant is not None and idea.participant_id == participant.pk
    return IdeaCard(
        id=idea.pk,
        board_id=idea.board_id,
        title=idea.title,
        text=idea.text,
        category=idea.category,
        neighbourhood=idea.neighbourhood,
        has_photo=bool(idea.photo_type),
        photo_width=idea.photo_width,
        photo_height=idea.photo_height,
        supports=getattr(idea, "n_supports", 0),
        supported_by_me=idea.pk in mine_supported,
        comments=getattr(idea, "n_comments", 0),
        feedback_status=idea.feedback_status,
        decision=idea.decision,
        is_mine=is_mine,
        moderation_state=idea.moderation_state,
        rejection_reason=idea.rejection_reason
        if is_mine and idea.moderation_state == ModerationState.REJECTED
        else "",
        created_at=idea.created_at,
    )


def _annotated(qs: QuerySet[Idea]) -> QuerySet[Idea]:
    return qs.defer("photo").annotate(
        n_supports=Count("supports", distinct=True),
        n_comments=Count(
            "comments",
            filter=Q(comments__moderation_state=ModerationState.PUBLISHED),
            distinct=True,
        ),
    )


def _supported(participant: Participant | None, ids: list[int]) -> set[int]:
    if participant is None:
        return set()
    return set(
        Support.objects.filter(participant=participant, idea_id__in=ids).values_list(
            "idea_id", flat=True
        )
    )


def idea_list_for_participant(
    *, board: IdeaBoard, participant: Participant | None, sort: str = "random"
) -> list[IdeaCard]:
    qs = _annotated(_participant_visible(Idea.objects.filter(board=board), participant))
    ideas = list(qs.order_by("-created_at", "-id")[:MAX_IDEAS])
    if sort == "supported":
        ideas.sort(key=lambda i: (-getattr(i, "n_supports", 0), -i.created_at.timestamp(), -i.pk))
    elif sort == "random":
        ideas.sort(key=lambda i: fair_order_key(participant=participant, idea_id=i.pk))
    # The phone's own ideas that others can't see yet come first, so it finds them.
    ideas.sort(key=lambda i: i.moderation_state == ModerationState.PUBLISHED)
    supported = _supported(participant, [i.pk for i in ideas])
    return [_card(i, participant, supported) for i in ideas]


def public_idea_list(*, board: IdeaBoard) -> list[IdeaCard]:
    """What anyone may see (and what sockets may carry): published ideas only."""
    return idea_list_for_participant(board=board, participant=None, sort="newest")


def _visible_idea_or_404(*, idea_id: int, participant: Participant | None) -> Idea:
    qs = _participant_visible(Idea.objects.select_related("board__forum"), participant)
    idea = _annotated(qs).filter(pk=idea_id).first()
    if idea is None:
        raise NotFound()
    return idea


def _no_step_planning_items(step_ids: set[int]) -> dict[int, str]:
    return {}


# The planning item ("reference title") each timeline step went to, per step id. Council, a
# layer above, holds it and provides it (CouncilConfig.ready), so this app never imports
# council.
step_planning_items_provider: Callable[[set[int]], dict[int, str]] = _no_step_planning_items


def idea_timeline(*, idea: Idea) -> list[TimelineStep]:
    entries = list(FeedbackEntry.objects.filter(idea=idea))
    planning_items = step_planning_items_provider({e.pk for e in entries}) if entries else {}
    return [
        TimelineStep(
            status=e.status,
            decision=e.decision,
            text=e.text,
            # A council decision's step is dated the meeting, not when it was typed in.
            created_at=e.happened_at or e.created_at,
            planning_item=planning_items.get(e.pk, ""),
        )
        for e in entries
    ]


def idea_detail_for_participant(*, idea_id: int, participant: Participant | None) -> IdeaDetail:
    idea = _visible_idea_or_404(idea_id=idea_id, participant=participant)
    comments = list(
        _participant_visible(Comment.objects.filter(idea=idea), participant).order_by(
            "created_at", "id"
        )
    )
    views: dict[int, CommentView] = {}
    top: list[CommentView] = []
    for c in comments:
        is_mine = participant is not None and c.participant_id == participant.pk
        view = CommentView(
            id=c.pk,
            text=c.text,
            created_at=c.created_at,
            is_mine=is_mine,
            moderation_state=c.moderation_state,
            rejection_reason=c.rejection_reason
            if is_mine and c.moderation_state == ModerationState.REJECTED
            else "",
        )
        views[c.pk] = view
        if c.parent_id is None:
            top.append(view)
        elif c.parent_id in views:
            views[c.parent_id].replies.append(view)
    return IdeaDetail(
        idea=_card(idea, participant, _supported(participant, [idea.pk])),
        board=idea.board,
        timeline=idea_timeline(idea=idea),
        comment_list=top,
    )


def idea_for_participant_action(*, idea_id: int) -> Idea:
    """The idea a phone acts on (support, comment, report); services check visibility."""
    idea = Idea.objects.select_related("board__forum").defer("photo").filter(pk=idea_id).first()
    if idea is None:
        raise NotFound()
    return idea


def comment_for_action(*, comment_id: int) -> Comment:
    comment = Comment.objects.select_related("idea__board__forum").filter(pk=comment_id).first()
    if comment is None:
        raise NotFound()
    return comment


def idea_photo(*, idea_id: int, participant: Participant | None, viewer: Any) -> Idea:
    """The photo, under the same rules as the text: staff see any, phones what they may."""

    if user_roles(viewer).intersection({Role.YOUTH_WORKER, Role.OFFICIAL, Role.ADMIN}):
        idea = Idea.objects.filter(pk=idea_id).first()
    else:
        idea = _participant_visible(Idea.objects.filter(pk=idea_id), participant).first()
    if idea is None or not idea.photo_type:
        raise NotFound()
    return idea


# --- "you said → we did" --------------------------------------------------------------------


@dataclass(frozen=True)
class VoteView:
    poll_id: int
    poll_title: str
    question: str
    answer: str
    poll_status: str
    answered_at: dt.datetime
    planning_items: list[str]
    notes: list[str]


@dataclass(frozen=True)
class MyParticipation:
    ideas: list[IdeaCard]
    supported: list[IdeaCard]
    votes: list[VoteView]
    timelines: dict[int, list[TimelineStep]]


def _no_poll_links(poll_ids: set[int]) -> dict[int, list[tuple[str, str]]]:
    return {}


# Where polls are routed ("reference title", note) per poll id. Council, a layer above,
# provides it (CouncilConfig.ready), so this app never imports council.
poll_links_provider: Callable[[set[int]], dict[int, list[tuple[str, str]]]] = _no_poll_links


def my_participation(*, participant: Participant | None) -> MyParticipation:
    """Everything this phone took part in, with its current status: the participant token
    is the key, no account. Polls are read from forum/polls Response rows (read-only)."""
    if participant is None:
        return MyParticipation(ideas=[], supported=[], votes=[], timelines={})
    own = list(_annotated(Idea.objects.filter(participant=participant)).order_by("-created_at"))
    # A subquery, not a filter across the supports join: that join would make the count
    # annotation count this phone's own support only (1 for every idea).
    supported_qs = _annotated(
        Idea.objects.filter(
            pk__in=Support.objects.filter(participant=participant).values("idea_id"),
            moderation_state=ModerationState.PUBLISHED,
        ).exclude(participant=participant)
    ).order_by("-created_at")
    supported = list(supported_qs)
    supported_ids = _supported(participant, [i.pk for i in own + supported])
    timelines: dict[int, list[TimelineStep]] = {}
    for idea in own + supported:
        if idea.feedback_status != FeedbackStatus.RECEIVED:
            timelines[idea.pk] = idea_timeline(idea=idea)
    responses = list(
        Response.objects.filter(participant=participant)
        .select_related("question__poll")
        .prefetch_related("question__options")
        .order_by("-created_at")
    )
    links = poll_links_provider({r.question.poll_id for r in responses})
    votes = [
        VoteView(
            poll_id=r.question.poll_id,
            poll_title=r.question.poll.title,
            question=r.question.text,
            answer=answer_summary(question=r.question, answer=r.answer),
            poll_status=r.question.poll.status,
            answered_at=r.updated_at,
            planning_items=[label for label, _note in links.get(r.question.poll_id, [])],
            notes=[note for _label, note in links.get(r.question.poll_id, []) if note],
        )
        for r in responses
    ]
    return MyParticipation(
        ideas=[_card(i, participant, supported_ids) for i in own],
        supported=[_card(i, participant, supported_ids) for i in supported],
        votes=votes,
        timelines=timelines,
    )


# --- staff ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    kind: str  # "idea" | "comment"
    id: int
    board_id: int
    board_question: str
    idea_id: int
    title: str
    text: str
    has_photo: bool
    moderation_state: str
    screen_reasons: list[str]
    reports: int  # open reports: not marked as abuse
    hidden_by_reports: bool
    created_at: dt.datetime
    history: list[ModerationAction]


def _hidden_at(item: QueueItem) -> float:
    hides = [a for a in item.history if a.kind == ModerationActionKind.REPORTED_HIDDEN]
    return hides[-1].created_at.timestamp() if hides else 0.0


def moderation_queue(*, viewer: Any, forum: Forum | None = None) -> list[QueueItem]:
    """Held and hidden ideas and comments, and published ones with open reports, with
    reasons, reports and history. What reports hid comes first (latest first: a wrongly
    hidden post is restored soon); the rest oldest first. A youth worker sees only their
    forums' (docs/decisions/0049)."""
    if forum is not None:
        require_forum_staff(viewer, forum, Role.YOUTH_WORKER)
    require_role(viewer, Role.YOUTH_WORKER)
    pending = [ModerationState.HELD, ModerationState.HIDDEN]

    def waiting(model: type[Idea] | type[Comment]) -> Q:
        reported = open_reports(model=model).values("object_id")
        return Q(moderation_state__in=pending) | Q(
            moderation_state=ModerationState.PUBLISHED, pk__in=reported
        )

    ideas = Idea.objects.select_related("board").defer("photo").filter(waiting(Idea))
    comments = Comment.objects.select_related("idea__board").filter(waiting(Comment))
    if forum is not None:
        ideas = ideas.filter(board__forum=forum)
        comments = comments.filter(idea__board__forum=forum)
    own = forum_ids_for_staff(viewer)
    if own is not None:
        ideas = ideas.filter(board__forum__in=own)
        comments = comments.filter(idea__board__forum__in=own)
    idea_list, comment_list = list(ideas), list(comments)
    idea_reports = report_counts(model=Idea, ids=[i.pk for i in idea_list])
    comment_reports = report_counts(model=Comment, ids=[c.pk for c in comment_list])
    items: list[QueueItem] = []
    for i in idea_list:
        history = moderation_history(item=i)
        items.append(
            QueueItem(
                kind="idea",
                id=i.pk,
                board_id=i.board_id,
                board_question=i.board.question,
                idea_id=i.pk,
                title=i.title,
                text=i.text,
                has_photo=bool(i.photo_type),
                moderation_state=i.moderation_state,
                screen_reasons=list(i.screen_reasons),
                reports=idea_reports.get(i.pk, 0),
                hidden_by_reports=hidden_by_reports(state=i.moderation_state, history=history),
                created_at=i.created_at,
                history=history,
            )
        )
    for c in comment_list:
        history = moderation_history(item=c)
        items.append(
            QueueItem(
                kind="comment",
                id=c.pk,
                board_id=c.idea.board_id,
                board_question=c.idea.board.question,
                idea_id=c.idea_id,
                title=c.idea.title,
                text=c.text,
                has_photo=False,
                moderation_state=c.moderation_state,
                screen_reasons=list(c.screen_reasons),
                reports=comment_reports.get(c.pk, 0),
                hidden_by_reports=hidden_by_reports(state=c.moderation_state, history=history),
                created_at=c.created_at,
                history=history,
            )
        )
    items.sort(key=lambda q: (q.created_at, q.kind, q.id))
    # Stable: the reports-hidden group moves to the top, latest hide first.
    items.sort(key=lambda q: (0, -_hidden_at(q)) if q.hidden_by_reports else (1, 0.0))
    return items


@dataclass(frozen=True)
class StaffIdea:
    id: int
    board_id: int
    title: str
    text: str
    category: str
    moderation_state: str
    feedback_status: str
    decision: str
    supports: int
    created_at: dt.datetime
    first_feedback_at: dt.datetime | None
    next_steps: list[str]
    timeline: list[TimelineStep]


def staff_idea_list(*, board: IdeaBoard, viewer: Any) -> list[StaffIdea]:
    require_forum_staff(viewer, board.forum, Role.YOUTH_WORKER, Role.OFFICIAL)
    ideas = _annotated(Idea.objects.filter(board=board)).order_by("created_at", "id")
    return [
        StaffIdea(
            id=i.pk,
            board_id=i.board_id,
            title=i.title,
            text=i.text,
            category=i.category,
            moderation_state=i.moderation_state,
            feedback_status=i.feedback_status,
            decision=i.decision,
            supports=getattr(i, "n_supports", 0),
            created_at=i.created_at,
            first_feedback_at=i.first_feedback_at,
            next_steps=sorted(FEEDBACK_NEXT[i.feedback_status])
            if i.moderation_state == ModerationState.PUBLISHED
            else [],
            timeline=idea_timeline(idea=i),
        )
        for i in ideas
    ]


def ideas_waiting_for_feedback(
    *, viewer: Any, days: int = DEFAULT_WAITING_DAYS, now: dt.datetime | None = None
) -> list[StaffIdea]:
    """Published ideas with no first response after ``days`` days, oldest first."""
    require_role(viewer, Role.YOUTH_WORKER, Role.OFFICIAL)
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    ideas = Idea.objects.filter(
        moderation_state=ModerationState.PUBLISHED,
        first_feedback_at__isnull=True,
        created_at__lt=cutoff,
    )
    own = forum_ids_for_staff(viewer)
    if own is not None:
        ideas = ideas.filter(board__forum__in=own)
    out: list[StaffIdea] = []
    for board_id in sorted(set(ideas.values_list("board_id", flat=True))):
        board = IdeaBoard.objects.get(pk=board_id)
        out += [
            s
            for s in staff_idea_list(board=board, viewer=viewer)
            if s.first_feedback_at is None
            and s.moderation_state == ModerationState.PUBLISHED
            and s.created_at < cutoff
        ]
    out.sort(key=lambda s: s.created_at)
    return out


@dataclass(frozen=True)
class BoardStats:
    board: IdeaBoard
    ideas: int
    published: int
    pending: int
    with_feedback: int
    median_days_to_first_feedback: float | None


def idea_board_stats(*, viewer: Any) -> list[BoardStats]:
    require_role(viewer, Role.YOUTH_WORKER, Role.OFFICIAL)
    stats: list[BoardStats] = []
    boards = IdeaBoard.objects.select_related("forum")
    own = forum_ids_for_staff(viewer)
    if own is not None:
        boards = boards.filter(forum__in=own)
    for board in boards:
        rows = list(
            Idea.objects.filter(board=board).values(
                "moderation_state", "created_at", "first_feedback_at"
            )
        )
        waits = [
            (r["first_feedback_at"] - r["created_at"]).total_seconds() / 86400
            for r in rows
            if r["first_feedback_at"] is not None
        ]
        stats.append(
            BoardStats(
                board=board,
                ideas=len(rows),
                published=sum(r["moderation_state"] == ModerationState.PUBLISHED for r in rows),
                pending=sum(
                    r["moderation_state"] in (ModerationState.HELD, ModerationState.HIDDEN)
                    for r in rows
                ),
                with_feedback=len(waits),
                median_days_to_first_feedback=round(statistics.median(waits), 1) if waits else None,
            )
        )
    return stats


def board_translation_form(*, board_id: int) -> TranslationForm:
    board = IdeaBoard.objects.select_related("forum").filter(pk=board_id).first()
    if board is None:
        raise NotFound()
    return translation_form(translatable(board, kind="board"), offered=board.forum.languages)
