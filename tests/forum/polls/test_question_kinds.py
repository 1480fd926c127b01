"""Every question kind: validation, canonical answers, and results per kind."""

import datetime as dt
import uuid
from typing import Any

import pytest
from django.utils import timezone

from forum.core.errors import (
    InvalidInput,
    PollClosed,
    PollNotOpen,
    TextBlocked,
    UnknownOption,
)
from forum.core.roles import Role
from forum.polls.models import PollStatus, Question, Response, TextStatus
from forum.polls.selectors import poll_results
from forum.polls.services import open_text_moderate, poll_answer_submit
from tests.factories import ParticipantFactory, UserFactory, all_kinds_poll, question_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def submit(question: Question, answer: dict[str, Any], participant: Any = None) -> Response:
    return poll_answer_submit(
        question=question,
        participant=participant or ParticipantFactory(),
        answer=answer,
        idempotency_key=uuid.uuid4(),
    )


def ids(question: Question) -> list[int]:
    return list(question.options.values_list("id", flat=True))


@pytest.fixture
def poll():
    return all_kinds_poll()


def test_yes_no_questions_get_three_fixed_options(poll) -> None:
    labels = [o.label for o in question_of(poll, "yes_no").options.all()]
    assert len(labels) == 3


@pytest.mark.parametrize(
    ("kind", "answer", "error"),
    [
        ("single_choice", {"option_id": 999_999}, UnknownOption),
        ("single_choice", {"option_id": "1"}, InvalidInput),
        ("single_choice", {}, InvalidInput),
        ("multiple_choice", {"option_ids": []}, InvalidInput),  # under min picks
        ("multiple_choice", "three", InvalidInput),
        ("scale", {"value": 6}, InvalidInput),
        ("scale", {"value": 0}, InvalidInput),
        ("scale", {"value": True}, InvalidInput),
        ("open_text", {"text": "   "}, InvalidInput),
        ("open_text", {"text": "x" * 101}, InvalidInput),
        ("open_text", {"text": 12}, InvalidInput),
        ("budget", {"allocation": {}}, InvalidInput),
        ("budget", {"allocation": {"999999": 10}}, UnknownOption),
        ("budget", {"allocation": "all"}, InvalidInput),
    ],
)
def test_bad_answers_are_refused_and_change_nothing(poll, kind, answer, error) -> None:
    with pytest.raises(error):
        submit(question_of(poll, kind), answer)
    assert not Response.objects.exists()


def test_multiple_choice_refuses_too_many_picks_and_repeats(poll) -> None:
    question = question_of(poll, "multiple_choice")
    a, b, c, _d = ids(question)
    with pytest.raises(InvalidInput) as too_many:
        submit(question, {"option_ids": [a, b, c]})
    assert "answer" in too_many.value.fields
    with pytest.raises(InvalidInput):
        submit(question, {"option_ids": [a, a]})
    with pytest.raises(UnknownOption):
        submit(question, {"option_ids": [a, 999_999]})
    assert submit(question, {"option_ids": [b, a]}).answer == {"option_ids": sorted([a, b])}


@pytest.mark.parametrize(
    "order",
    [
        lambda a, b, c: [a, b],  # missing one
        lambda a, b, c: [a, a, b],  # repeat
        lambda a, b, c: [a, b, c, a],  # too long
        lambda a, b, c: [a, b, 999_999],  # unknown
    ],
)
def test_ranking_must_be_a_permutation_of_the_options(poll, order) -> None:
    question = question_of(poll, "ranking")
    with pytest.raises((InvalidInput, UnknownOption)):
        submit(question, {"order": order(*ids(question))})
    assert not Response.objects.exists()


def test_budget_refuses_more_than_the_cap_and_negative_amounts(poll) -> None:
    question = question_of(poll, "budget")
    a, b, _c = ids(question)
    with pytest.raises(InvalidInput) as over:
        submit(question, {"allocation": {str(a): 60, str(b): 41}})
    assert "100" in over.value.fields["answer"][0]
    with pytest.raises(InvalidInput):
        submit(question, {"allocation": {str(a): -5, str(b): 50}})
    ok = submit(question, {"allocation": {str(a): 60, str(b): 40}})
    assert ok.answer == {"allocation": {str(a): 60, str(b): 40}}


def test_budget_approval_mode_refuses_picks_costing_more_than_the_budget() -> None:
    from forum.polls.services import QuestionSpec, poll_update

    poll = all_kinds_poll()
    poll.status = PollStatus.DRAFT
    poll.save()
    poll_update(
        poll=poll,
        title=poll.title,
        actor=UserFactory(roles=[Role.YOUTH_WORKER]),
        questions=[
            QuestionSpec(
                text="Välj inom 100 000 kr",
                kind="budget",
                options=["Utegym", "Konsert", "Läxhjälp"],
                costs=[60_000, 50_000, 30_000],
                config={"budget": 100_000, "unit": "kr", "budget_mode": "approval"},
            )
        ],
    )
    poll.status = PollStatus.OPEN
    poll.save()
    question = question_of(poll, "budget")
    gym, concert, homework = ids(question)
    with pytest.raises(InvalidInput):
        submit(question, {"option_ids": [gym, concert]})
    for _i in range(3):
        submit(question, {"option_ids": [gym, homework]})
    for _i in range(2):
        submit(question, {"option_ids": [concert, homework]})
    result = poll_results(poll=poll).questions[0]
    by_label = {o.label: o for o in result.options}
    # Support: Läxhjälp 5, Utegym 3, Konsert 2 -> Läxhjälp + Utegym fit (90 000), Konsert not.
    assert [by_label[x].count for x in ("Utegym", "Konsert", "Läxhjälp")] == [3, 2, 5]
    assert by_label["Läxhjälp"].funded
    assert by_label["Utegym"].funded
    assert not by_label["Konsert"].funded
    assert result.funded_total == 90_000


def test_blocked_open_text_is_refused_with_a_clear_error(poll) -> None:
    from forum.moderation.wordlists import DEFAULT_WORDS

    blocked = DEFAULT_WORDS[("sv", "block")][0]
    with pytest.raises(TextBlocked) as excinfo:
        submit(question_of(poll, "open_text"), {"text": f"du är {blocked}"})
    assert excinfo.value.code == "text_blocked"
    assert not Response.objects.exists()


def test_held_open_text_is_stored_but_kept_out_of_the_word_cloud_until_approved(poll) -> None:
    question = question_of(poll, "open_text")
    submit(question, {"text": "Ring mig på 070-123 45 67 om skatepark"})
    submit(question, {"text": "En skatepark vore bra"})
    result = poll_results(poll=poll).questions[5]
    assert result.total == 2
    assert result.held == 1
    assert {w.word: w.count for w in result.words}.get("skatepark") == 1

    held = Response.objects.get(text_status=TextStatus.HELD)
    open_text_moderate(response=held, approve=True, actor=UserFactory(roles=[Role.YOUTH_WORKER]))
    result = poll_results(poll=poll).questions[5]
    assert {w.word: w.count for w in result.words}["skatepark"] == 2
    assert result.held == 0


def test_word_cloud_drops_swedish_and_english_stop_words(poll) -> None:
    question = question_of(poll, "open_text")
    submit(question, {"text": "Det är för lite och vi vill ha mer musik"})
    submit(question, {"text": "the music and more music"})
    words = {w.word for w in poll_results(poll=poll).questions[5].words}
    assert words == {"musik", "music", "vill"}


def test_results_per_kind(poll) -> None:
    single = question_of(poll, "single_choice")
    multi = question_of(poll, "multiple_choice")
    scale = question_of(poll, "scale")
    ranking = question_of(poll, "ranking")
    budget = question_of(poll, "budget")
    s1, s2 = ids(single)
    m1, m2, m3, _m4 = ids(multi)
    r1, r2, r3 = ids(ranking)
    b1, b2, b3 = ids(budget)
    people = [ParticipantFactory() for _ in range(4)]
    for i, p in enumerate(people):
        submit(single, {"option_id": s1 if i < 3 else s2}, p)
        submit(multi, {"option_ids": [m1, m2] if i % 2 else [m3]}, p)
        submit(scale, {"value": [1, 2, 5, 4][i]}, p)
        submit(ranking, {"order": [r2, r1, r3] if i < 3 else [r3, r1, r2]}, p)
        allocation = {str(b2): 50, str(b3): 50} if i < 3 else {str(b1): 100}
        submit(budget, {"allocation": allocation}, p)

    results = poll_results(poll=poll)
    assert results.participants == 4
    q = {r.kind: r for r in results.questions}
    assert [(o.count, o.percent) for o in q["single_choice"].options] == [(3, 75.0), (1, 25.0)]
    assert [o.count for o in q["multiple_choice"].options] == [2, 2, 2, 0]
    assert q["scale"].mean == 3.0
    assert [d.count for d in q["scale"].distribution] == [1, 1, 0, 1, 1]
    # Borda with 3 options: 2 points for first, 1 for second. r1: 4x1=4, r2: 3x2=6, r3: 1x2=2.
    assert [o.score for o in q["ranking"].options] == [4, 6, 2]
    assert [o.count for o in q["ranking"].options] == [0, 3, 1]
    # Budget totals: b1 100, b2 150, b3 150; fund b2 (50) then b3 (30) = 80; b1 (60) no longer fits.
    assert [o.amount for o in q["budget"].options] == [100, 150, 150]
    assert [o.funded for o in q["budget"].options] == [False, True, True]
    assert q["budget"].funded_total == 80


def test_a_retry_returns_the_first_answer_and_a_change_replaces_it(poll) -> None:
    question = question_of(poll, "scale")
    participant = ParticipantFactory()
    key = uuid.uuid4()
    first = poll_answer_submit(
        question=question, participant=participant, answer={"value": 2}, idempotency_key=key
    )
    again = poll_answer_submit(
        question=question, participant=participant, answer={"value": 2}, idempotency_key=key
    )
    assert again.pk == first.pk
    changed = poll_answer_submit(
        question=question,
        participant=participant,
        answer={"value": 5},
        idempotency_key=uuid.uuid4(),
    )
    assert changed.pk == first.pk
    assert changed.answer == {"value": 5}
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "opens", "closes", "error"),
    [
        (PollStatus.DRAFT, None, None, PollNotOpen),
        (PollStatus.SCHEDULED, dt.timedelta(hours=1), None, PollNotOpen),
        (PollStatus.OPEN, None, -dt.timedelta(minutes=1), PollClosed),
        (PollStatus.CLOSED, None, None, PollClosed),
        (PollStatus.ARCHIVED, None, None, PollClosed),
    ],
)
def test_polls_not_yet_open_or_closed_refuse_answers(poll, status, opens, closes, error) -> None:
    now = timezone.now()
    poll.status = status
    poll.opens_at = now + opens if opens else None
    poll.closes_at = now + closes if closes else None
    poll.save()
    with pytest.raises(error):
        submit(question_of(poll, "scale"), {"value": 3})
    assert not Response.objects.exists()


def test_a_scheduled_poll_opens_at_its_time_and_closes_at_its_time(poll) -> None:
    now = timezone.now()
    poll.status = PollStatus.SCHEDULED
    poll.opens_at = now - dt.timedelta(minutes=5)
    poll.closes_at = now + dt.timedelta(minutes=5)
    poll.save()
    assert poll.current_status == PollStatus.OPEN
    submit(question_of(poll, "scale"), {"value": 3})
    assert poll.status_at(now + dt.timedelta(minutes=10)) == PollStatus.CLOSED
