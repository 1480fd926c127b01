"""Participant writes shared by REST views and the phone websocket.

Both edges validate with the same input serializer, call the same service (each service is
its own transaction) and serialise the committed result with the same output serializer:
an answer sent over the socket and one sent over HTTP cannot behave differently. Run in a
worker thread (sync ORM); the caller acknowledges only after this returned, i.e. after
commit (the REST view wraps the call in one more transaction with the participant's row).
"""

from collections.abc import Callable
from typing import Any

from rest_framework import serializers

from api import serializers as s
from api.live import serializers as ls
from forum.live.models import LiveSession
from forum.live.services import (
    live_answer_submit,
    live_idea_submit,
    live_idea_support,
    qa_question_post,
    qa_upvote_add,
    qa_upvote_withdraw,
)
from forum.participation.models import Participant


def answer_submit(session: LiveSession, participant: Participant, data: Any) -> dict[str, Any]:
    valid = _valid(ls.LiveAnswerInput, data)
    answer = live_answer_submit(session=session, participant=participant, **valid)
    return dict(s.ResponseOutput(answer).data)


def qa_post(session: LiveSession, participant: Participant, data: Any) -> dict[str, Any]:
    valid = _valid(ls.QaPostInput, data)
    question = qa_question_post(session=session, participant=participant, **valid)
    return dict(ls.OwnQuestionOutput(question).data)


def qa_upvote(session: LiveSession, participant: Participant, data: Any) -> dict[str, Any]:
    valid = _valid(ls.QaUpvoteInput, data)
    service = qa_upvote_add if valid["upvote"] else qa_upvote_withdraw
    service(session=session, participant=participant, question_id=valid["question_id"])
    return {"question_id": valid["question_id"], "upvoted": valid["upvote"]}


def idea_post(session: LiveSession, participant: Participant, data: Any) -> dict[str, Any]:
    valid = _valid(ls.LiveIdeaInput, data)
    idea = live_idea_submit(session=session, participant=participant, **valid)
    return dict(ls.LiveIdeaOutput(idea).data)


def idea_support(session: LiveSession, participant: Participant, data: Any) -> dict[str, Any]:
    valid = _valid(ls.LiveIdeaSupportInput, data)
    live_idea_support(
        session=session,
        participant=participant,
        idea_id=valid["idea_id"],
        support=valid["support"],
    )
    return {"idea_id": valid["idea_id"], "supported": valid["support"]}


def _valid(serializer: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    checked = serializer(data=data)
    checked.is_valid(raise_exception=True)
    return dict(checked.validated_data)


Action = Callable[[LiveSession, Participant, Any], dict[str, Any]]

# Websocket message type -> action (the REST views call the same functions).
SOCKET_ACTIONS: dict[str, Action] = {
    "answer": answer_submit,
    "qa.post": qa_post,
    "qa.upvote": qa_upvote,
}


def mine_apply(kind: str, mine: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """The phone's "mine" state after its own committed write, without asking the database.

    ``mine`` was read from the database when the socket connected; each acknowledged write
    is applied to it from the committed result, so a vote costs no extra queries for it.
    """
    answers = dict(mine.get("answers", {}))
    full_answers = dict(mine.get("full_answers", {}))
    upvoted = list(mine.get("upvoted", []))
    questions = list(mine.get("questions", []))
    if kind == "answer":
        answers[str(result["question_id"])] = result["option_id"]
        # Socket answers are one-option answers: the full answer is the option.
        full_answers[str(result["question_id"])] = {
            "answer": {"option_id": result["option_id"]},
            "text_status": "",
        }
    elif kind == "qa.post":
        if all(q["id"] != result["id"] for q in questions):
            questions.append(result)
    elif kind == "qa.upvote":
        upvoted = [q for q in upvoted if q != result["question_id"]]
        if result["upvoted"]:
            upvoted = sorted([*upvoted, result["question_id"]])
    return {
        "answers": answers,
        "full_answers": full_answers,
        "upvoted": upvoted,
        "questions": questions,
    }
