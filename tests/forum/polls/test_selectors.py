import csv
import io

import pytest
from django.utils import translation

from forum.core import tabular
from forum.polls.models import Poll
from forum.polls.selectors import (
    participant_answers,
    poll_raw_table,
    poll_results,
    poll_results_table,
    poll_with_questions,
    question_for_answer,
)
from tests.factories import ParticipantFactory, PollFactory, ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll() -> Poll:
    return PollFactory(questions=[("Q1", ["A", "B", "C"]), ("Q2", ["X", "Y"])])


def test_poll_results_counts_percent_and_participants(poll: Poll) -> None:
    q1, q2 = poll.questions.all()
    a, b, c = q1.options.all()
    x, _y = q2.options.all()
    p1, p2, p3 = ParticipantFactory.create_batch(3)
    for participant, option in [(p1, a), (p2, a), (p3, b)]:
        ResponseFactory(option=option, participant=participant)
    ResponseFactory(option=x, participant=p1)  # p1 answered both: still one participant

    results = poll_results(poll=poll)

    assert results.poll_id == poll.pk
    assert results.participants == 3
    first, second = results.questions
    assert (first.question_id, first.text, first.total) == (q1.pk, "Q1", 3)
    assert [(o.option_id, o.label, o.count, o.percent) for o in first.options] == [
        (a.pk, "A", 2, 66.7),
        (b.pk, "B", 1, 33.3),
        (c.pk, "C", 0, 0.0),
    ]
    assert second.total == 1
    assert [o.percent for o in second.options] == [100.0, 0.0]


def test_poll_results_without_answers_are_zero_not_a_division_error(poll: Poll) -> None:
    results = poll_results(poll=poll)

    assert results.participants == 0
    assert all(q.total == 0 for q in results.questions)
    assert all(o.count == 0 and o.percent == 0.0 for q in results.questions for o in q.options)


def test_poll_results_ignore_other_polls(poll: Poll) -> None:
    other = PollFactory()
    ResponseFactory(option=other.questions.get().options.all()[0])

    assert poll_results(poll=poll).participants == 0
    assert poll_results(poll=other).participants == 1


def test_poll_results_use_a_fixed_number_of_queries(
    poll: Poll, django_assert_max_num_queries
) -> None:
    for option in poll.questions.all()[0].options.all():
        ResponseFactory.create_batch(3, option=option)
    fresh = poll_with_questions(poll_id=poll.pk)
    assert fresh is not None

    with django_assert_max_num_queries(2):
        poll_results(poll=fresh)


def test_participant_answers_maps_question_to_option(poll: Poll) -> None:
    q1, q2 = poll.questions.all()
    me, someone_else = ParticipantFactory.create_batch(2)
    mine = q1.options.all()[2]
    ResponseFactory(option=mine, participant=me)
    ResponseFactory(option=q2.options.all()[0], participant=someone_else)

    assert participant_answers(poll=poll, participant=me) == {q1.pk: mine.pk}
    assert participant_answers(poll=poll, participant=None) == {}


def test_question_for_answer_and_poll_with_questions(poll: Poll) -> None:
    question = poll.questions.all()[0]

    found = question_for_answer(question_id=question.pk)
    assert found is not None
    assert found.poll == poll
    assert question_for_answer(question_id=987_654) is None
    assert poll_with_questions(poll_id=poll.pk) == poll
    assert poll_with_questions(poll_id=987_654) is None


@pytest.mark.parametrize(
    ("language", "header", "kind"),
    [
        ("sv", ["Fråga nr", "Fråga", "Typ", "Alternativ eller värde", "Antal"], "Ett svar"),
        ("ar", ["رقم السؤال", "السؤال", "النوع", "الخيار أو القيمة", "العدد"], "إجابة واحدة"),
    ],
)
def test_results_csv_header_and_kind_are_in_the_active_language(
    poll: Poll, language: str, header: list[str], kind: str
) -> None:
    with translation.override(language):
        content = tabular.to_csv(tabular.table_of(poll_results_table(poll=poll)))

    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:5] == header
    assert len(rows[0]) == 11
    assert {row[2] for row in rows[1:]} == {kind}
    # The people's own words stay as they wrote them.
    assert [row[3] for row in rows[1:4]] == ["A", "B", "C"]


def test_raw_csv_header_is_in_the_active_language(poll: Poll) -> None:
    with translation.override("ar"):
        header = poll_raw_table(poll=poll)[0]

    assert header == ["المجيب", "رقم السؤال", "السؤال", "النوع", "الإجابة"]
