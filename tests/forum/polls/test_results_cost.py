"""Poll results cost the same with 100 or 5,000 answers: the database counts them.

Counted, not timed: the queries a results read runs and the rows it fetches. Every kind
but open text (whose word cloud reads the published texts) is answered.
"""

import secrets
from typing import Any

import pytest
from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.test.utils import CaptureQueriesContext

from forum.core.roles import Role
from forum.participation.models import Participant
from forum.polls.models import Poll, QuestionKind, Response
from forum.polls.selectors import poll_results, poll_with_questions
from forum.polls.services import PollSettings, QuestionSpec, poll_create
from tests.factories import ForumFactory, UserFactory, all_kinds_specs

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.fixture
def rows_fetched(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Rows handed from the database driver to Django, summed over every fetch."""
    fetched = [0]

    def counting(name: str) -> Any:
        def fetch(self: CursorWrapper, *args: Any) -> Any:
            result = getattr(self.cursor, name)(*args)
            if name == "fetchone":
                fetched[0] += result is not None
            else:
                fetched[0] += len(result)
            return result

        return fetch

    for name in ("fetchone", "fetchmany", "fetchall"):
        monkeypatch.setattr(CursorWrapper, name, counting(name), raising=False)
    return fetched


def _approval_spec() -> QuestionSpec:
    return QuestionSpec(
        text="Godkänn förslag",
        kind="budget",
        options=["Utegym", "Konsert", "Läxhjälp"],
        costs=[60, 50, 30],
        config={"budget": 100, "unit": "points", "budget_mode": "approval"},
    )


def _answers_for(poll: Poll, people: int) -> None:
    """``people`` participants answer every question but the open text, in varied ways."""
    participants = Participant.objects.bulk_create(
        [Participant(token_hash=secrets.token_hex(32)) for _ in range(people)]
    )
    rows = []
    for question in poll.questions.prefetch_related("options"):
        options = [o.pk for o in question.options.all()]
        for i, participant in enumerate(participants):
            option_id = None
            kind = question.kind
            if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.YES_NO):
                option_id = options[i % len(options)]
                answer: dict[str, Any] = {"option_id": option_id}
            elif kind == QuestionKind.MULTIPLE_CHOICE:
                answer = {"option_ids": [options[i % 4], options[(i + 1) % 4]]}
            elif kind == QuestionKind.SCALE:
                answer = {"value": 1 + i % 5}
            elif kind == QuestionKind.RANKING:
                shift = i % 3
                answer = {"order": options[shift:] + options[:shift]}
            elif kind == QuestionKind.BUDGET and question.config.get("budget_mode") == "approval":
                answer = {"option_ids": [options[i % 2], options[2]]}
            elif kind == QuestionKind.BUDGET:
                answer = {"allocation": {str(options[i % 3]): 40, str(options[2 - i % 3]): 30}}
            else:
                continue
            rows.append(
                Response(
                    question=question, participant=participant, option_id=option_id, answer=answer
                )
            )
    Response.objects.bulk_create(rows, batch_size=2000)


def _poll_with_every_kind() -> Poll:
    return poll_create(
        forum=ForumFactory(pre_moderation=False),
        title="Allt om fritid",
        questions=[*all_kinds_specs(), _approval_spec()],
        actor=UserFactory(roles=[Role.YOUTH_WORKER]),
        poll_settings=PollSettings(),
    )


def _cost(people: int, rows_fetched: list[int]) -> tuple[int, int, Any]:
    poll = _poll_with_every_kind()
    _answers_for(poll, people)
    fresh = poll_with_questions(poll_id=poll.pk)
    assert fresh is not None
    rows_fetched[0] = 0
    with CaptureQueriesContext(connection) as queries:
        results = poll_results(poll=fresh)
    return len(queries), rows_fetched[0], results


def test_results_cost_the_same_with_100_or_5000_answers(rows_fetched: list[int]) -> None:
    small_queries, small_rows, small = _cost(100, rows_fetched)
    big_queries, big_rows, big = _cost(5000, rows_fetched)
    assert small.participants == 100
    assert big.participants == 5000
    assert all(q.total == 5000 for q in big.questions if q.kind != QuestionKind.OPEN_TEXT)
    # Same statements, and rows that grow with the options, never with the answers.
    assert big_queries == small_queries
    assert big_rows <= small_rows * 1.1


def test_results_from_aggregates_match_the_answers(rows_fetched: list[int]) -> None:
    _queries, _rows, results = _cost(60, rows_fetched)
    by_kind = {(q.kind, q.budget_mode): q for q in results.questions}
    single = by_kind[(QuestionKind.SINGLE_CHOICE, "")]
    assert [o.count for o in single.options] == [30, 30]
    multi = by_kind[(QuestionKind.MULTIPLE_CHOICE, "")]
    assert [o.count for o in multi.options] == [30, 30, 30, 30]
    scale = by_kind[(QuestionKind.SCALE, "")]
    assert [d.count for d in scale.distribution] == [12] * 5
    assert scale.mean == 3.0
    ranking = by_kind[(QuestionKind.RANKING, "")]
    # Each rotation 20 times: every option is first 20 times and scores 20 x (2 + 1 + 0).
    assert [(o.count, o.score) for o in ranking.options] == [(20, 60)] * 3
    # Allocations: 40 + 30 to options 0 and 2, or (every third person) 30 to option 1 alone.
    allocate = by_kind[(QuestionKind.BUDGET, "allocate")]
    assert [(o.count, o.amount) for o in allocate.options] == [(40, 1400), (20, 600), (40, 1400)]
    approval = by_kind[(QuestionKind.BUDGET, "approval")]
    assert [(o.count, o.amount) for o in approval.options] == [(30, 1800), (30, 1500), (60, 1800)]
