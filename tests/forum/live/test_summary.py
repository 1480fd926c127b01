"""The live session summary: every activity in order with its figures, only what may leave
the room (published texts, groups of 5 or more), and the export rows built from it."""

import uuid

import pytest

from forum.live.models import ActivityKind, QaQuestion, QaStatus
from forum.live.services import live_answer_submit
from forum.live.summary import Measure, live_session_export, live_session_summary
from forum.polls.models import Response, TextStatus
from tests.factories import ParticipantFactory, live_session_with_activities
from tests.support.live_summary import LONG_QUESTION, PHONES, live_session_with_every_kind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.fixture
def full():
    return live_session_with_every_kind()


def _by_title(summary, title):
    return next(a for a in summary.activities if a.title == title)


def test_every_activity_in_session_order_with_its_kind(full) -> None:
    summary = live_session_summary(session=full.session)

    assert [(a.step, a.kind, a.question_kind) for a in summary.activities] == [
        (1, ActivityKind.POLL_QUESTION, "single_choice"),
        (2, ActivityKind.POLL_QUESTION, "multiple_choice"),
        (3, ActivityKind.POLL_QUESTION, "yes_no"),
        (4, ActivityKind.POLL_QUESTION, "scale"),
        (5, ActivityKind.POLL_QUESTION, "ranking"),
        (6, ActivityKind.POLL_QUESTION, "open_text"),
        (7, ActivityKind.POLL_QUESTION, "budget"),
        (8, ActivityKind.INFO_SLIDE, ""),
        (9, ActivityKind.COUNTDOWN, ""),
        (10, ActivityKind.WORD_CLOUD, "open_text"),
        (11, ActivityKind.OPEN_WALL, "open_text"),
        (12, ActivityKind.QA, ""),
        (13, ActivityKind.IDEA_COLLECTION, ""),
    ]
    assert summary.title == "Fredagsmöte på gården"
    assert summary.forum == "Tensta ungdomsråd"
    assert summary.join_code == full.session.join_code
    assert summary.duration.total_seconds() == 75 * 60


def test_session_participants_are_every_phone_that_did_anything(full) -> None:
    summary = live_session_summary(session=full.session)

    assert summary.participants == PHONES


def test_choice_counts_and_percentages(full) -> None:
    summary = live_session_summary(session=full.session)

    day = _by_title(summary, "Vilken dag?")
    assert (day.answers, day.participants, day.suppressed) == (12, 12, False)
    assert [(b.label, b.count, b.percent) for b in day.bars] == [
        ("Fredag", 7, 58.3),
        ("Lördag", 5, 41.7),
    ]
    picks = _by_title(summary, "Vilka aktiviteter?")
    assert [(b.label, b.count) for b in picks.bars] == [
        ("Fotboll", 6),
        ("Musik", 5),
        ("Gaming", 12),
        ("Film", 0),  # nobody is no one: zero stays visible
    ]


def test_scale_ranking_and_budget_results(full) -> None:
    summary = live_session_summary(session=full.session)

    scale = _by_title(summary, "Hur trygg känner du dig?")
    assert [(b.label, b.count) for b in scale.bars] == [
        ("1 (Otrygg)", 0),
        ("2", 0),
        ("3", 5),
        ("4", 7),
        ("5 (Trygg)", 0),
    ]
    assert scale.mean == 3.58
    ranking = _by_title(summary, "Rangordna förslagen")
    assert ranking.measure == Measure.SCORE
    # Borda: 7 × (2, 1, 0) for skate, gym, library and 5 × (1, 0, 2) for skate, gym, library.
    assert [(b.label, b.score, b.count) for b in ranking.bars] == [
        ("Skatepark", 19, 7),
        ("Bibliotek", 10, 5),
        ("Gym", 7, 0),
    ]
    budget = _by_title(summary, "Fördela 100 poäng")
    assert (budget.measure, budget.unit, budget.budget) == (Measure.AMOUNT, "points", 100)
    assert [(b.label, b.amount, b.count, b.marks) for b in budget.bars] == [
        ("Utegym", 420, 7, ()),
        ("Konsert", 500, 5, ("funded",)),
        ("Läxhjälp", 280, 7, ("funded",)),
    ]
    assert budget.funded_total == 80


def test_open_text_shows_published_answers_and_words_only(full) -> None:
    summary = live_session_summary(session=full.session)

    missing = _by_title(summary, "Vad saknar du?")
    assert missing.answers == 6
    assert missing.not_shown == 1  # the phone number waits for a youth worker
    assert missing.texts == [
        "Mer musik och fika",
        "Fler kvällar med musik",
        "Bättre wifi",
        "Musik och en ateljé",
        "Fika!",
    ]
    assert not any("070" in t for t in missing.texts)
    # Word counts of 1–4 are "fewer than 5" (None) like every count that leaves the room.
    assert [(b.label, b.count) for b in missing.bars][:2] == [("musik", None), ("fika", None)]
    cloud = _by_title(summary, "Beskriv gården med ett ord")
    assert [(b.label, b.count) for b in cloud.bars] == [
        ("mys", None),
        ("trygg", None),
        ("fika", None),
        ("hemma", None),
        ("kul", None),
    ]
    wall = _by_title(summary, "Vad vill du säga till politikerna?")
    assert wall.texts == ["Lyssna på oss", "Öppna längre", "Mer pengar till gården"]


def test_hidden_open_text_answers_leave_the_summary(full) -> None:
    hidden = Response.objects.get(answer__text="Bättre wifi")
    hidden.text_status = TextStatus.HIDDEN
    hidden.save()

    missing = _by_title(live_session_summary(session=full.session), "Vad saknar du?")

    assert "Bättre wifi" not in missing.texts
    assert "wifi" not in [b.label for b in missing.bars]
    assert missing.not_shown == 2


def test_qa_lists_published_questions_by_upvotes_with_marks(full) -> None:
    qa = _by_title(live_session_summary(session=full.session), "Fråga politikerna")

    assert [(b.label, b.count, b.marks) for b in qa.bars] == [
        (LONG_QUESTION, 6, ()),
        ("Kan vi få en skatepark?", None, ("answered",)),  # 2 upvotes: fewer than 5
        ("När öppnar gymmet?", 0, ("pinned",)),
    ]
    assert (qa.answers, qa.not_shown, qa.participants) == (None, 1, 8)


def test_a_hidden_qa_question_is_counted_but_not_shown(full) -> None:
    QaQuestion.objects.filter(text="Kan vi få en skatepark?").update(status=QaStatus.HIDDEN)

    qa = _by_title(live_session_summary(session=full.session), "Fråga politikerna")

    assert [b.label for b in qa.bars] == [LONG_QUESTION, "När öppnar gymmet?"]
    assert qa.not_shown == 2


def test_idea_collection_counts_the_session_window_and_ranks_by_support(full) -> None:
    ideas = _by_title(live_session_summary(session=full.session), "Idéer för gården")

    # The idea from last month is the board's, not the session's; the held one is counted
    # but its text (a phone number) never shown.
    assert [(b.label, b.count) for b in ideas.bars] == [
        ("Fler lampor vid entrén", 7),
        ("Nya soffor", None),  # 2 supporters: fewer than 5
    ]
    assert (ideas.answers, ideas.not_shown, ideas.participants) == (None, 1, 11)


def test_info_slide_is_title_only(full) -> None:
    info = _by_title(live_session_summary(session=full.session), "Paus")

    assert (info.answers, info.participants, info.bars, info.texts) == (0, 0, [], [])


def test_small_groups_are_hidden_with_a_complementary_cell() -> None:
    session, _worker = live_session_with_activities()
    first = session.activities.select_related("question").first()
    assert first is not None
    assert first.question is not None
    fredag, lordag = first.question.options.all()
    for n in range(7):  # 6 x Fredag, 1 x Lördag
        live_answer_submit(
            session=session,
            participant=ParticipantFactory(),
            question_id=first.question.pk,
            option_id=(lordag if n == 0 else fredag).pk,
            idempotency_key=uuid.uuid4(),
        )

    summary = live_session_summary(session=session)

    day, what = summary.activities[0], summary.activities[1]
    assert [(b.label, b.count, b.percent) for b in day.bars] == [
        ("Fredag", None, None),
        ("Lördag", None, None),
    ]
    assert day.suppressed is False
    assert day.answers == 7
    # Nobody answered: 0 reveals no one, so it is said as it is.
    assert what.suppressed is False
    assert what.answers == 0
    assert summary.participants == 7


# --- the export rows: the same figures, every kind ---------------------------------------------


def test_export_has_rows_for_every_activity_kind(full) -> None:
    rows = live_session_export(session=full.session)

    assert {r.kind for r in rows} == set(ActivityKind.values)
    assert [r.step for r in rows] == sorted(r.step for r in rows)


def test_export_rows_match_the_summary(full) -> None:
    rows = live_session_export(session=full.session)

    def items(title):
        return [(r.item, r.count, r.note) for r in rows if r.activity == title]

    assert items("Fråga politikerna") == [
        (LONG_QUESTION, 6, ""),
        ("Kan vi få en skatepark?", None, "answered"),
        ("När öppnar gymmet?", 0, "pinned"),
    ]
    assert items("Idéer för gården") == [
        ("Fler lampor vid entrén", 7, ""),
        ("Nya soffor", None, ""),
    ]
    wall = [r for r in rows if r.activity == "Vad vill du säga till politikerna?"]
    assert [(r.item, r.note, r.counted) for r in wall if r.note == "text"] == [
        ("Lyssna på oss", "text", False),
        ("Öppna längre", "text", False),
        ("Mer pengar till gården", "text", False),
    ]
    assert ("mys", None, "word") in items("Beskriv gården med ett ord")  # 3: fewer than 5
    assert items("Hur trygg känner du dig?")[-1] == ("mean", 12, "3.58")
    assert ("Skatepark", 7, "score 19") in items("Rangordna förslagen")
    assert ("Konsert", 5, "amount 500 points, cost 50 points, funded") in items("Fördela 100 poäng")
    assert items("Paus") == [("", None, "")]


def test_export_never_carries_held_text(full) -> None:
    texts = " ".join(r.item for r in live_session_export(session=full.session))

    assert "070" not in texts
    assert "förra månaden" not in texts
