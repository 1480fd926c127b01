"""Participant writes shared by REST views and the phone websocket.

Both edges validate with the same input serializer, call the same service inside one
transaction and serialise the committed result with the same output serializer: an answer
sent over the socket and one sent over HTTP cannot behave differently. Run in a worker
thread (sync ORM); the caller acknowledges only after this returned, i.e. after commit.
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from rest_framework import serializers

from api import serializers as s
from api.live import serializers as ls
from forum.live.models import LiveSession
from forum.live.services import (
    live_answer_submit,
    qa_question_post,
    qa_upvote_add,
    qa_upvote_withdraw,
)
from forum.participation.models import Participant


def answer_submit(session: LiveSession, participant: Participant, data: Any) -> dict[str, Any]:
    valid = _valid(ls.LiveAnswerInput, data)
    with transaction.atomic():
        answer = live_answer_submit(session=session, participant=participant, **valid)
    return dict(s.ResponseOutput(answer).data)


def qa_post(session: LiveSession, participant: Participant, data: Any) -> dict[str, Any]:
    valid = _valid(ls.QaPostInput, data)
    with transaction.atomic():
        question = qa_question_post(session=session, participant=participant, **valid)
    return dict(ls.OwnQuestionOutput(question).data)


def qa_upvote(session: LiveSession, participant: Participant, data: Any) -> dict[str, Any]:
    valid = _valid(ls.QaUpvoteInput, data)
    service = qa_upvote_add if valid["upvote"] else qa_upvote_withdraw
    with transaction.atomic():
        service(session=session, participant=participant, question_id=valid["question_id"])
    return {"question_id": valid["question_id"], "upvoted": valid["upvote"]}


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
