"""Assertions shared by the API tests."""

from typing import Any

from forum.council.models import (
    AgendaItem,
    BriefVersion,
    Decision,
    Meeting,
    PlanningItem,
    PlanningLink,
    ReferencePopulation,
)
from forum.council.models import FeedbackEntry as DecisionFeedbackEntry
from forum.ideas.models import Comment, FeedbackEntry, Idea, IdeaBoard, Support
from forum.live.models import LiveSession
from forum.moderation.models import (
    ContentReport,
    ForumModeration,
    ModerationAction,
    WordList,
)
from forum.participation.models import Forum, Participant
from forum.polls.models import Option, Poll, Question, Response

ERROR_KEYS = {"code", "message", "fields"}
WATCHED = [
    Forum,
    Participant,
    Poll,
    Question,
    Option,
    Response,
    LiveSession,
    PlanningItem,
    Meeting,
    AgendaItem,
    PlanningLink,
    IdeaBoard,
    Idea,
    Support,
    Comment,
    FeedbackEntry,
    PlanningLink,
    ContentReport,
    ModerationAction,
    ForumModeration,
    WordList,
    BriefVersion,
    Decision,
    DecisionFeedbackEntry,
    ReferencePopulation,
]


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The one error shape: exactly code/message/fields, a readable message, list-valued fields."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == ERROR_KEYS, body
    assert body["code"] == code, body
    assert isinstance(body["message"], str)
    assert body["message"].strip()
    assert isinstance(body["fields"], dict)
    assert all(
        isinstance(msgs, list) and all(isinstance(m, str) for m in msgs)
        for msgs in body["fields"].values()
    )
    return body


def db_state() -> dict[str, Any]:
    """Everything a bad request must leave alone: every row of the domain tables."""
    return {
        model.__name__: list(model._default_manager.order_by("pk").values()) for model in WATCHED
    }
