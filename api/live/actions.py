"""Participant writes shared by REST views and the phone websocket.

Both edges validate with the same input serializer, call the same service (each service is
its own transaction) and serialise the committed result with the same output serializer:
an answer sent over the socket and one sent over HTTP cannot behave differently. Run in a
worker thread (sync ORM); the caller acknowledges only after this returned, i.e. after
commit (the REST view wraps the call in one more transaction with the participant's row).
"""

from collections.abc import Callable, Sequence
from typing import Any

from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from api.live import serializers as ls
from forum.core.errors import DomainError
from forum.live.models import LiveSession
from forum.live.services import (
    LiveAnswer,
    answer_error_for_shorthand,
    live_answer_submit,
    live_answers_submit,
    live_idea_submit,
    live_idea_support,
    qa_question_post,
    qa_upvote_add,
    qa_upvote_withdraw,
)
from forum.participation.models import Participant


def answer_submit(session: LiveSession, participant: Participant, data: Any) -> dict[str, Any]:
    valid = _valid(ls.LiveAnswerInput, data)
    answer = live_answer_submit(
        session=session,
        participant=participant,
        question_id=valid["question_id"],
        answer=valid.get("answer"),
        option_id=valid.get("option_id"),
        idempotency_key=valid["idempotency_key"],
    )
    return dict(ls.LiveAnswerOutput(answer).data)


def answers_submit(
    session: LiveSession, items: Sequence[tuple[Participant, Any]]
) -> list[dict[str, Any] | DomainError | ValidationError]:
    """Answers that arrived together over several phones' sockets: one result each.

    Validated and serialised like ``answer_submit``, written by one ``live_answers_submit``
    call (one transaction for the batch); a refused answer refuses only itself.
    """
    out: list[dict[str, Any] | DomainError | ValidationError] = []
    batch: list[LiveAnswer] = []
    places: list[tuple[int, bool]] = []  # (index in out, sent as the option_id shorthand)
    # One serializer each way for the batch: DRF deep-copies a serializer's fields per
    # instance, which per answer was a tenth of a worker's time in a hall's burst.
    checker, output = ls.LiveAnswerInput(), ls.LiveAnswerOutput()
    for participant, data in items:
        try:
            valid = _valid_with(checker, data)
        except (ValidationError, DomainError) as exc:  # DomainError: api/fields.py
            out.append(exc)
            continue
        answer: Any = valid.get("answer")
        shorthand = answer is None
        places.append((len(out), shorthand))
        out.append({})
        batch.append(
            LiveAnswer(
                participant=participant,
                question_id=valid["question_id"],
                answer={"option_id": valid["option_id"]} if shorthand else answer,
                idempotency_key=valid["idempotency_key"],
            )
        )
    results = live_answers_submit(session=session, answers=batch) if batch else []
    for (index, shorthand), result in zip(places, results, strict=True):
        if isinstance(result, DomainError):
            out[index] = answer_error_for_shorthand(result) if shorthand else result
        else:
            out[index] = dict(output.to_representation(result))
    return out


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


def _valid_with(checker: serializers.Serializer, data: Any) -> dict[str, Any]:
    """``_valid`` with a serializer instance reused across a batch (same checks, same errors)."""
    if not isinstance(data, dict):
        return _valid(type(checker), data)
    return dict(checker.run_validation(data))


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
        question = str(result["question_id"])
        if result.get("option_id") is not None:  # one-option kinds: also in "answers"
            answers[question] = result["option_id"]
        full_answers[question] = {
            "answer": result.get("answer") or {"option_id": result["option_id"]},
            "text_status": result.get("text_status", ""),
        }
    elif kind == "qa.post":
        if all(q["id"] != result["id"] for q in questions):
            questions.append(result)
    elif kind == "qa.upvote":
        upvoted = [q for q in upvoted if q != result["question_id"]]
        if result["upvoted"]:
            upvoted = sorted([*upvoted, result["question_id"]])
    # Whatever the write did not touch (ideas, supports, 'about you') is carried over.
    return {
        **mine,
        "answers": answers,
        "full_answers": full_answers,
        "upvoted": upvoted,
        "questions": questions,
    }


def mine_moderated(mine: dict[str, Any], statuses: dict[int, str]) -> dict[str, Any] | None:
    """The phone's "mine" state after a youth worker approved or hid its open-text answers
    (``statuses``: question id → new text status), or None when it holds none of them.

    Only answers this state already holds change: the status follows its answer, and an
    answer this socket never saw (sent over REST meanwhile) is the next snapshot's business.
    """
    full_answers = dict(mine.get("full_answers", {}))
    changed = False
    for question_id, status in statuses.items():
        entry = full_answers.get(str(question_id))
        if entry is not None and entry.get("text_status") != status:
            full_answers[str(question_id)] = {**entry, "text_status": status}
            changed = True
    return {**mine, "full_answers": full_answers} if changed else None
