"""The live answer path for every question kind: live rules, idempotency, SQL per answer."""

import datetime as dt
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum.core.errors import (
    ActivityNotCurrent,
    AnsweringLocked,
    IdempotencyKeyReused,
    UnknownOption,
)
from forum.core.events import PollTallyChanged
from forum.live.models import LiveSession
from forum.live.services import (
    LiveAnswer,
    live_answer_submit,
    live_answering_set,
    live_answers_submit,
    live_countdown_start,
    live_session_goto,
)
from forum.polls.models import Question, Response, TextStatus
from tests.factories import (
    ParticipantFactory,
    an_answer_of_each_kind,
    live_session_all_kinds,
    live_session_with_activities,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

KINDS = ["single_choice", "multiple_choice", "yes_no", "scale", "ranking", "open_text", "budget"]


def submit(session: LiveSession, participant: Any, kind: str, key: uuid.UUID | None = None):
    question_id, answer = an_answer_of_each_kind(session)[kind]
    return live_answer_submit(
        session=session,
        participant=participant,
        question_id=question_id,
        answer=answer,
        idempotency_key=key or uuid.uuid4(),
    )


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_answered_through_the_live_path_and_a_retry_counts_once(kind: str) -> None:
    session, _worker = live_session_all_kinds()
    participant = ParticipantFactory()
    key = uuid.uuid4()

    first = submit(session, participant, kind, key)
    again = submit(session, participant, kind, key)

    stored = Response.objects.get(participant=participant)
    assert stored.question.kind == kind
    assert again.pk == first.pk == stored.pk
    assert stored.idempotency_key == key
    assert stored.answer == first.answer


def test_a_budget_answer_is_stored_in_option_order_so_a_reordered_retry_matches() -> None:
    session, _worker = live_session_all_kinds()
    participant = ParticipantFactory()
    question_id, answer = an_answer_of_each_kind(session)["budget"]
    key = uuid.uuid4()
    reordered = {"allocation": dict(reversed(list(answer["allocation"].items())))}

    first = live_answer_submit(
        session=session,
        participant=participant,
        question_id=question_id,
        answer=answer,
        idempotency_key=key,
    )
    again = live_answer_submit(
        session=session,
        participant=participant,
        question_id=question_id,
        answer=reordered,
        idempotency_key=key,
    )

    assert list(first.answer["allocation"]) == sorted(first.answer["allocation"], key=int)
    assert again.pk == first.pk


def test_the_same_key_with_another_answer_is_refused() -> None:
    session, _worker = live_session_all_kinds()
    participant = ParticipantFactory()
    question_id, _answer = an_answer_of_each_kind(session)["scale"]
    key = uuid.uuid4()
    live_answer_submit(
        session=session,
        participant=participant,
        question_id=question_id,
        answer={"value": 2},
        idempotency_key=key,
    )

    with pytest.raises(IdempotencyKeyReused):
        live_answer_submit(
            session=session,
            participant=participant,
            question_id=question_id,
            answer={"value": 5},
            idempotency_key=key,
        )
    assert Response.objects.get(participant=participant).answer == {"value": 2}


@pytest.mark.parametrize("kind", ["multiple_choice", "open_text"])
def test_locked_answering_refuses_every_kind(kind: str) -> None:
    session, worker = live_session_all_kinds()
    live_answering_set(session=session, actor=worker, open=False)

    with pytest.raises(AnsweringLocked):
        submit(session, ParticipantFactory(), kind)
    assert not Response.objects.exists()


def test_a_finished_countdown_refuses_a_scale_answer() -> None:
    session, worker = live_session_all_kinds()
    live_countdown_start(session=session, actor=worker, seconds=1)
    LiveSession.objects.filter(pk=session.pk).update(
        countdown_ends_at=timezone.now() - dt.timedelta(seconds=1)
    )

    with pytest.raises(AnsweringLocked):
        submit(session, ParticipantFactory(), "scale")


def test_presenter_pacing_refuses_a_question_that_is_not_current() -> None:
    session, worker = live_session_all_kinds(pacing="presenter")
    ranking = session.activities.get(question__kind="ranking")

    with pytest.raises(ActivityNotCurrent):
        submit(session, ParticipantFactory(), "ranking")
    live_session_goto(session=session, actor=worker, activity_id=ranking.pk)
    submit(session, ParticipantFactory(), "ranking")

    assert Response.objects.count() == 1


def test_held_open_text_is_stored_but_not_public() -> None:
    session, _worker = live_session_all_kinds(pre_moderated=True)

    answer = submit(session, ParticipantFactory(), "open_text")

    assert answer.text_status == TextStatus.HELD
    assert Response.objects.get().text_status == TextStatus.HELD


def first_question(session: LiveSession) -> Question:
    activity = session.activities.select_related("question").first()
    assert activity is not None
    assert activity.question is not None
    return activity.question


def test_an_answer_is_one_read_and_one_write(django_assert_max_num_queries) -> None:
    session, _worker = live_session_with_activities()
    question = first_question(session)
    option_id = question.options.values_list("pk", flat=True)[0]

    def send(participant: Any) -> Response:
        return live_answer_submit(
            session=session,
            participant=participant,
            question_id=question.pk,
            option_id=option_id,
            idempotency_key=uuid.uuid4(),
        )

    send(ParticipantFactory())
    participant = ParticipantFactory()

    # session + activity + question + poll + forum in one SELECT, then one INSERT … ON
    # CONFLICT (the options were read once per process, by the first answer above).
    with django_assert_max_num_queries(2):
        send(participant)
    # A retry: the same two, and one read of the stored answer to tell it was a retry.
    with django_assert_max_num_queries(3):
        send(participant)
    assert Response.objects.filter(question=question).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_batch_reads_the_session_once_commits_once_and_publishes_once(published) -> None:
    session, _worker = live_session_with_activities()
    question = first_question(session)
    options = [o.pk for o in question.options.all()]
    phones = [ParticipantFactory() for _ in range(10)]
    batch = [
        LiveAnswer(
            participant=phone,
            question_id=question.pk,
            answer={"option_id": options[i % 2]},
            idempotency_key=uuid.uuid4(),
        )
        for i, phone in enumerate(phones)
    ]
    batch[3] = LiveAnswer(phones[3], question.pk, {"option_id": 999_999}, uuid.uuid4())
    published.clear()

    with CaptureQueriesContext(connection) as queries:
        results = live_answers_submit(session=session, answers=batch)

    statements = [q["sql"] for q in queries.captured_queries]
    # 1 read of the session for the whole batch, (the options, once per process), ONE
    # multi-row INSERT … ON CONFLICT for the 9 valid answers, in one transaction.
    assert len([s for s in statements if s.startswith("INSERT")]) == 1
    assert len(statements) <= 1 + 1 + 1 + 2
    assert isinstance(results[3], UnknownOption)  # refused alone
    assert all(isinstance(r, Response) for i, r in enumerate(results) if i != 3)
    assert Response.objects.filter(question=question).count() == 9
    assert published == [(f"poll-{question.poll_id}", PollTallyChanged(poll_id=question.poll_id))]


@pytest.mark.django_db(transaction=True)
def test_a_batch_with_a_retry_and_a_second_answer_of_the_same_phone_keeps_the_rules() -> None:
    session, _worker = live_session_with_activities()
    question = first_question(session)
    first, second = [o.pk for o in question.options.all()]
    phone, other = ParticipantFactory(), ParticipantFactory()
    key = uuid.uuid4()
    live_answer_submit(
        session=session,
        participant=other,
        question_id=question.pk,
        option_id=first,
        idempotency_key=key,
    )

    results = live_answers_submit(
        session=session,
        answers=[
            LiveAnswer(other, question.pk, {"option_id": first}, key),  # a retry
            LiveAnswer(phone, question.pk, {"option_id": first}, uuid.uuid4()),
            LiveAnswer(phone, question.pk, {"option_id": second}, uuid.uuid4()),  # changed
            LiveAnswer(other, question.pk, {"option_id": second}, key),  # key reused
        ],
    )

    assert isinstance(results[0], Response)
    assert results[0].idempotency_key == key
    assert isinstance(results[2], Response)
    assert results[2].option_id == second
    assert isinstance(results[3], IdempotencyKeyReused)
    stored = dict(Response.objects.values_list("participant_id", "option_id"))
    assert stored == {other.pk: first, phone.pk: second}
