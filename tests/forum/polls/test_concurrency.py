"""Racing submissions by one participant: the database, not an ``if``, keeps one row.

Each thread has its own database connection, so these tests need real commits
(``transaction=True``). On SQLite the settings use BEGIN IMMEDIATE, which serialises
the writers; on PostgreSQL the unique constraint and row locks do.
"""

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from forum.core.errors import AnswerChangeNotAllowed
from forum.polls.models import Question, Response
from forum.polls.services import poll_response_submit
from tests.factories import ParticipantFactory, PollFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 10


def race(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run ``jobs`` in parallel threads released together; returns results or exceptions."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = jobs[i]()
        except Exception as exc:
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a submission hung"
    return results


def submit_job(
    question_id: int, participant_id: int, option_id: int, key: uuid.UUID
) -> Callable[[], Any]:
    def job() -> Response:
        # Fresh objects per thread, as two HTTP requests would load them.
        from forum.participation.models import Participant

        return poll_response_submit(
            question=Question.objects.select_related("poll").get(pk=question_id),
            participant=Participant.objects.get(pk=participant_id),
            option_id=option_id,
            idempotency_key=key,
        )

    return job


def test_parallel_submissions_by_one_participant_leave_exactly_one_response() -> None:
    poll = PollFactory(questions=[("Q", ["A", "B"])])
    question = poll.questions.get()
    a, b = question.options.all()
    participant = ParticipantFactory()
    shared_key = uuid.uuid4()
    # Half retry the same request (same key, same option), half send new answers.
    submissions = [(a.pk, shared_key)] * (THREADS // 2) + [
        (b.pk, uuid.uuid4()) for _ in range(THREADS - THREADS // 2)
    ]

    results = race([submit_job(question.pk, participant.pk, o, k) for o, k in submissions])

    assert [r for r in results if isinstance(r, Exception)] == []
    row = Response.objects.get(question=question, participant=participant)
    assert Response.objects.count() == 1
    assert {r.pk for r in results} == {row.pk}
    assert (row.option_id, row.idempotency_key) in set(submissions)


def test_parallel_first_answers_with_locked_answers_keep_one_and_refuse_the_rest() -> None:
    poll = PollFactory(questions=[("Q", ["A", "B"])], allow_answer_change=False)
    question = poll.questions.get()
    a, b = question.options.all()
    participant = ParticipantFactory()
    submissions = [(a.pk if i % 2 else b.pk, uuid.uuid4()) for i in range(THREADS)]

    results = race([submit_job(question.pk, participant.pk, o, k) for o, k in submissions])

    unexpected = [
        r for r in results if isinstance(r, Exception) and not isinstance(r, AnswerChangeNotAllowed)
    ]
    assert unexpected == []
    row = Response.objects.get()
    winners = [r for r in results if isinstance(r, Response)]
    # Whoever won, every successful call reports that same row and its option.
    assert winners
    assert all(r.pk == row.pk and r.option_id == row.option_id for r in winners)
    refused = [
        s
        for s, r in zip(submissions, results, strict=True)
        if isinstance(r, AnswerChangeNotAllowed)
    ]
    assert all(option_id != row.option_id for option_id, _key in refused)
