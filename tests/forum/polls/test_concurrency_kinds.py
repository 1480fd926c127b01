"""Races on real commits: one response per participant per question for every kind, and a
voting code spent exactly once however many phones type it at the same moment."""

import uuid
from typing import Any

import pytest

from forum.core.errors import VotingCodeInvalid
from forum.core.roles import Role
from forum.participation.models import Participant
from forum.polls.models import Poll, Question, Response, VotingCode
from forum.polls.services import poll_answer_submit, voting_code_redeem, voting_codes_generate
from tests.factories import ParticipantFactory, UserFactory, all_kinds_poll
from tests.forum.polls.test_concurrency import THREADS, race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("youth_workers_in_every_forum"),
]


def answers_for(question: Question) -> list[dict[str, Any]]:
    ids = list(question.options.values_list("id", flat=True))
    table: dict[str, Any] = {
        "single_choice": lambda: [{"option_id": ids[0]}, {"option_id": ids[1]}],
        "multiple_choice": lambda: [{"option_ids": [ids[0]]}, {"option_ids": [ids[1], ids[2]]}],
        "yes_no": lambda: [{"option_id": ids[0]}, {"option_id": ids[2]}],
        "scale": lambda: [{"value": 1}, {"value": 5}],
        "ranking": lambda: [{"order": ids}, {"order": ids[::-1]}],
        "open_text": lambda: [{"text": "mer musik"}, {"text": "fler filmer"}],
        "budget": lambda: [
            {"allocation": {str(ids[0]): 10}},
            {"allocation": {str(ids[1]): 90}},
        ],
    }
    return list(table[question.kind]())


def test_racing_answers_of_every_kind_leave_one_response_per_question() -> None:
    poll = all_kinds_poll()
    participant = ParticipantFactory()
    jobs: list[Any] = []
    for question in poll.questions.all():
        variants = answers_for(question)
        for i in range(4):

            def job(qid: int = question.pk, answer: dict[str, Any] = variants[i % 2]) -> Response:
                return poll_answer_submit(
                    question=Question.objects.select_related("poll", "poll__forum").get(pk=qid),
                    participant=Participant.objects.get(pk=participant.pk),
                    answer=answer,
                    idempotency_key=uuid.uuid4(),
                )

            jobs.append(job)

    results = race(jobs)

    assert [r for r in results if isinstance(r, Exception)] == []
    assert Response.objects.filter(participant=participant).count() == poll.questions.count()


def test_a_voting_code_is_spent_exactly_once_under_concurrent_use() -> None:
    poll = all_kinds_poll(access_mode="code")
    [code] = voting_codes_generate(poll=poll, count=1, actor=UserFactory(roles=[Role.YOUTH_WORKER]))
    people = [ParticipantFactory() for _ in range(THREADS)]

    def job_for(pid: int) -> Any:
        return lambda: voting_code_redeem(
            poll=Poll.objects.get(pk=poll.pk),
            participant=Participant.objects.get(pk=pid),
            code=code,
        )

    results = race([job_for(p.pk) for p in people])

    winners = [r for r in results if isinstance(r, VotingCode)]
    losers = [r for r in results if isinstance(r, VotingCodeInvalid)]
    assert len(winners) == 1
    assert len(losers) == THREADS - 1
    spent = VotingCode.objects.get()
    assert spent.spent_at is not None
    assert spent.participant_id == winners[0].participant_id
