"""Live-session activities as a council input channel ("sessions").

Who took part in an activity, and what it produced, read from the live and polls apps
(read-only). The brief, the follow-up and "you said → we did" all use these, so an
activity counts the same everywhere.
"""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from forum.core.suppression import shown_count
from forum.ideas.models import Idea, Support
from forum.live.models import (
    QUESTION_KINDS,
    ActivityKind,
    LiveActivity,
    QaQuestion,
    QaStatus,
    QaUpvote,
)
from forum.live.selectors import activity_question_result
from forum.moderation.models import ModerationState
from forum.polls.models import Response
from forum.polls.selectors import ShownQuestionResult, shown_question_result

TOP_ITEMS = 5


def _session_ideas(activity: LiveActivity) -> QuerySet[Idea]:
    """Published ideas the activity collected (live.ActivityIdea): ideas posted on the
    same board elsewhere are not this activity's outcome."""
    return Idea.objects.filter(
        live_activity_link__activity=activity, moderation_state=ModerationState.PUBLISHED
    )


def activity_participant_ids(activity: LiveActivity) -> set[int]:
    """Participants heard through one activity: answers to its question, Q&A questions
    that were published and their upvotes, published ideas sent during the session and
    their supports. An info slide hears nobody."""
    if activity.kind in QUESTION_KINDS and activity.question_id is not None:
        return set(
            Response.objects.filter(question_id=activity.question_id).values_list(
                "participant_id", flat=True
            )
        )
    if activity.kind == ActivityKind.QA:
        asked = QaQuestion.objects.filter(activity=activity, status=QaStatus.PUBLISHED)
        return set(asked.values_list("participant_id", flat=True)) | set(
            QaUpvote.objects.filter(question__in=asked).values_list("participant_id", flat=True)
        )
    if activity.kind == ActivityKind.IDEA_COLLECTION and activity.board_id:
        ideas = _session_ideas(activity)
        return set(ideas.values_list("participant_id", flat=True)) | set(
            Support.objects.filter(idea__in=ideas).values_list("participant_id", flat=True)
        )
    return set()


def participant_took_part(*, activity: LiveActivity, participant_id: int) -> bool:
    return participant_id in activity_participant_ids(activity)


@dataclass(frozen=True)
class Outcome:
    """A question's suppressed result, or the top Q&A questions or ideas with their votes."""

    questions: list["ShownQuestionResult"] = field(default_factory=list)
    top: list[tuple[str, int | None]] = field(default_factory=list)


def activity_outcome(activity: LiveActivity) -> Outcome:
    """What the activity produced, for the brief: a question's results (the same fields as
    a poll's, so it is charted the same way), or the top published Q&A questions or ideas;
    small counts suppressed like every figure that leaves the room."""

    if activity.kind in (
        ActivityKind.POLL_QUESTION,
        ActivityKind.WORD_CLOUD,
        ActivityKind.OPEN_WALL,
    ):
        return Outcome(questions=[shown_question_result(activity_question_result(activity))])
    if activity.kind == ActivityKind.QA:
        rows = (
            QaQuestion.objects.filter(activity=activity, status=QaStatus.PUBLISHED)
            .annotate(n=Count("upvotes"))
            .order_by("-n", "created_at", "id")[:TOP_ITEMS]
        )
        return Outcome(top=[(q.text, shown_count(q.n)) for q in rows])
    if activity.kind == ActivityKind.IDEA_COLLECTION and activity.board_id:
        ideas = (
            _session_ideas(activity)
            .annotate(n=Count("supports"))
            .order_by("-n", "created_at", "id")[:TOP_ITEMS]
        )
        return Outcome(top=[(i.title, shown_count(i.n)) for i in ideas])
    return Outcome()


def activity_title(activity: LiveActivity) -> str:
    if activity.question_id and activity.question is not None:
        return activity.question.text
    if activity.kind == ActivityKind.IDEA_COLLECTION and activity.board is not None:
        return activity.title or activity.board.question
    return activity.title or str(ActivityKind(activity.kind).label)
