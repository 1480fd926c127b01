"""Word clouds and open walls: snapshots, the console's queue of held answers, moderation
through the session, the picker of open-text questions and the export."""

import uuid
from typing import Any

import pytest

from forum.core.errors import InvalidInput, NotFound, PermissionDenied, SessionEnded
from forum.core.events import LiveSessionChanged, live_group
from forum.core.roles import Role
from forum.live.models import ActivityKind, LiveActivity, LiveSession
from forum.live.selectors import (
    WALL_MAX_CARDS,
    live_moderation_queue,
    live_open_text_questions,
    live_participant_state,
    live_session_snapshot,
    live_snapshot_for_phones,
)
from forum.live.services import (
    WORD_CLOUD_MAX_LENGTH,
    live_activity_add,
    live_open_text_activity_create,
    live_open_text_answer_moderate,
    live_results_set,
    live_session_end,
    live_session_goto,
)
from forum.live.summary import live_session_export
from forum.participation.models import Participant
from forum.polls.models import (
    PollStatus,
    QuestionKind,
    Response,
    ResultsVisibility,
    TextStatus,
)
from forum.polls.services import QuestionSpec, poll_answer_submit, poll_create
from tests.factories import (
    ParticipantFactory,
    UserFactory,
    live_session_with_activities,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

HELD_TEXT = "Ring mig på 070-123 45 67"  # a phone number: held for a youth worker


def cloud_and_wall_session(
    *, pre_moderated: bool = False
) -> tuple[LiveSession, Any, LiveActivity, LiveActivity]:
    """The standard session plus a word cloud and a wall added on the fly (in that order)."""
    session, worker = live_session_with_activities(pre_moderated=pre_moderated)
    cloud = live_open_text_activity_create(
        session=session, actor=worker, kind=ActivityKind.WORD_CLOUD, text="Ett ord om gården?"
    )
    wall = live_open_text_activity_create(
        session=session, actor=worker, kind=ActivityKind.OPEN_WALL, text="Vad vill ni göra?"
    )
    session.refresh_from_db()
    return session, worker, cloud, wall


def say(activity: LiveActivity, text: str, participant: Participant | None = None) -> Response:
    assert activity.question is not None
    return poll_answer_submit(
        question=activity.question,
        participant=participant or ParticipantFactory(),
        answer={"text": text},
        idempotency_key=uuid.uuid4(),
    )


def current_state(session: LiveSession):
    snapshot = live_session_snapshot(code=session.join_code)
    assert snapshot.current is not None
    return snapshot.current


# --- adding them ---------------------------------------------------------------------------


def test_a_cloud_made_on_the_fly_has_an_open_one_question_poll_with_a_short_limit() -> None:
    session, _worker, cloud, wall = cloud_and_wall_session()

    assert [a.kind for a in session.activities.all()][-2:] == ["word_cloud", "open_wall"]
    assert cloud.question is not None
    assert wall.question is not None
    assert cloud.question.kind == QuestionKind.OPEN_TEXT
    assert cloud.question.config["max_length"] == WORD_CLOUD_MAX_LENGTH
    assert wall.question.config["max_length"] == 280
    assert cloud.question.poll.status == PollStatus.OPEN
    assert cloud.question.poll.forum_id == session.forum_id
    assert cloud.question.poll.questions.count() == 1
    # Whether phones see results before answering is the activity's choice, not the poll's.
    assert cloud.question.poll.results_visibility == ResultsVisibility.LIVE


def test_a_cloud_needs_a_question_text_and_a_youth_worker() -> None:
    session, worker = live_session_with_activities()
    official = UserFactory(roles=[Role.OFFICIAL])

    with pytest.raises(InvalidInput) as blank:
        live_open_text_activity_create(
            session=session, actor=worker, kind=ActivityKind.WORD_CLOUD, text="   "
        )
    with pytest.raises(InvalidInput):
        live_open_text_activity_create(
            session=session, actor=worker, kind=ActivityKind.QA, text="Fråga?"
        )
    with pytest.raises(PermissionDenied):
        live_open_text_activity_create(
            session=session, actor=official, kind=ActivityKind.WORD_CLOUD, text="Fråga?"
        )
    assert "question_text" in blank.value.fields
    assert session.activities.count() == 4


def test_an_ended_session_gets_no_new_cloud_and_no_poll_is_left_behind() -> None:
    session, worker = live_session_with_activities()
    live_session_end(session=session, actor=worker)
    polls_before = session.forum.polls.count()

    with pytest.raises(SessionEnded):
        live_open_text_activity_create(
            session=session, actor=worker, kind=ActivityKind.OPEN_WALL, text="Fråga?"
        )

    assert session.forum.polls.count() == polls_before


def test_an_existing_open_text_question_can_be_a_wall_but_a_choice_question_cannot() -> None:
    session, worker = live_session_with_activities()
    poll = poll_create(
        forum=session.forum,
        title="Sommar",
        questions=[
            QuestionSpec(text="Vad saknas?", kind=QuestionKind.OPEN_TEXT),
            QuestionSpec(text="Vilken dag?", options=["Fre", "Lör"]),
        ],
        actor=worker,
    )
    text_q, choice_q = list(poll.questions.all())

    wall = live_activity_add(
        session=session, actor=worker, kind=ActivityKind.OPEN_WALL, question=text_q
    )
    with pytest.raises(InvalidInput):
        live_activity_add(
            session=session, actor=worker, kind=ActivityKind.WORD_CLOUD, question=choice_q
        )

    # Entering it opens the draft poll and follows its answers (the hub's poll group).
    live_session_goto(session=session, actor=worker, activity_id=wall.pk)
    session.refresh_from_db()
    poll.refresh_from_db()
    assert poll.status == PollStatus.OPEN
    assert session.current_poll_id == poll.pk


def test_the_picker_lists_the_forums_open_text_questions_that_can_take_answers() -> None:
    session, worker, cloud, _wall = cloud_and_wall_session()
    other, _w = live_session_with_activities()
    live_open_text_activity_create(
        session=other, actor=worker, kind=ActivityKind.WORD_CLOUD, text="Annat forum?"
    )
    closed = poll_create(
        forum=session.forum,
        title="Gammal",
        questions=[QuestionSpec(text="Stängd fråga?", kind=QuestionKind.OPEN_TEXT)],
        actor=worker,
    )
    closed.status = PollStatus.CLOSED
    closed.save()

    texts = [q.text for q in live_open_text_questions(session=session)]

    assert "Ett ord om gården?" in texts
    assert "Vad vill ni göra?" in texts
    assert "Annat forum?" not in texts  # another forum
    assert "Stängd fråga?" not in texts
    assert "Vilken dag?" not in texts  # not open text
    assert cloud.question is not None
    entry = next(q for q in live_open_text_questions(session=session) if q.id == cloud.question.pk)
    assert entry.max_length == WORD_CLOUD_MAX_LENGTH


# --- the word cloud ------------------------------------------------------------------------


def test_the_cloud_counts_published_words_without_stop_words_and_held_ones() -> None:
    session, worker, cloud, _wall = cloud_and_wall_session()
    live_session_goto(session=session, actor=worker, activity_id=cloud.pk)
    say(cloud, "Fotboll och musik")
    say(cloud, "musik")
    say(cloud, "Musik, fotboll")
    say(cloud, HELD_TEXT)

    state = current_state(session)

    assert state.activity.kind == ActivityKind.WORD_CLOUD
    assert state.answer_count == 4  # every answer counts, held ones too
    assert state.results is not None
    assert [(w.word, w.count) for w in state.results.words] == [("musik", 3), ("fotboll", 2)]
    assert state.results.held == 1
    assert state.wall is None


def test_the_cloud_keeps_the_40_most_used_words() -> None:
    session, worker, cloud, _wall = cloud_and_wall_session()
    live_session_goto(session=session, actor=worker, activity_id=cloud.pk)
    letters = "abcdefghijklmnopqrstuvwxyz"
    for i in range(45):
        say(cloud, f"ord{letters[i % 26]}{letters[i // 26]} populär")

    state = current_state(session)

    assert state.results is not None
    assert len(state.results.words) == 40
    assert state.results.words[0].word == "populär"
    assert state.results.words[0].count == 45


def test_hidden_results_show_no_words_and_no_cards() -> None:
    session, worker, cloud, wall = cloud_and_wall_session()
    say(cloud, "fotboll")
    say(wall, "Mer fotboll")
    for activity in (cloud, wall):
        live_session_goto(session=session, actor=worker, activity_id=activity.pk)
        live_results_set(session=session, actor=worker, visible=False)

        state = current_state(session)

        assert state.results is None
        assert state.wall is None
        assert state.answer_count == 1


# --- the wall ------------------------------------------------------------------------------


def test_the_wall_shows_published_answers_newest_first_and_never_held_ones() -> None:
    session, worker, _cloud, wall = cloud_and_wall_session()
    live_session_goto(session=session, actor=worker, activity_id=wall.pk)
    say(wall, "Ett café")
    say(wall, HELD_TEXT)
    say(wall, "Längre öppettider")

    state = current_state(session)

    assert state.wall is not None
    assert [c.text for c in state.wall.cards] == ["Längre öppettider", "Ett café"]
    assert state.wall.total == 2
    assert state.answer_count == 3
    assert state.results is not None
    assert state.results.words == []


def test_the_wall_is_bounded_but_counts_every_published_card() -> None:
    session, worker, _cloud, wall = cloud_and_wall_session()
    live_session_goto(session=session, actor=worker, activity_id=wall.pk)
    for i in range(WALL_MAX_CARDS + 3):
        say(wall, f"Idé nummer {i}")

    state = current_state(session)

    assert state.wall is not None
    assert len(state.wall.cards) == WALL_MAX_CARDS
    assert state.wall.total == WALL_MAX_CARDS + 3
    assert state.wall.cards[0].text == f"Idé nummer {WALL_MAX_CARDS + 2}"


def test_phones_get_no_cards_while_the_polls_mode_withholds_results() -> None:
    session, worker, _cloud, wall = cloud_and_wall_session()
    assert wall.question is not None
    poll = wall.question.poll
    poll.results_visibility = ResultsVisibility.ON_REVEAL
    poll.save()
    live_session_goto(session=session, actor=worker, activity_id=wall.pk)
    say(wall, "Ett café")

    snapshot = live_session_snapshot(code=session.join_code)
    phones = live_snapshot_for_phones(snapshot=snapshot)

    assert snapshot.current is not None
    assert snapshot.current.wall is not None
    assert phones.current is not None
    assert phones.current.wall is None
    assert phones.current.results is None


# --- moderation ----------------------------------------------------------------------------


def test_the_queue_holds_held_answers_beside_held_questions_with_reasons() -> None:
    session, _worker, cloud, wall = cloud_and_wall_session()
    held = say(wall, HELD_TEXT)
    say(cloud, "fotboll")  # published: not in the queue

    queue = live_moderation_queue(session=session)

    assert [(e.kind, e.id, e.activity_id, e.status) for e in queue] == [
        ("answer", held.pk, wall.pk, "held")
    ]
    assert queue[0].text == HELD_TEXT
    assert "phone_number" in queue[0].reasons


def test_the_queue_ignores_answers_to_questions_outside_the_session() -> None:
    session, worker, _cloud, _wall = cloud_and_wall_session()
    elsewhere = poll_create(
        forum=session.forum,
        title="Annan enkät",
        questions=[QuestionSpec(text="Något mer?", kind=QuestionKind.OPEN_TEXT)],
        actor=worker,
    )
    elsewhere.status = PollStatus.OPEN
    elsewhere.save()
    poll_answer_submit(
        question=elsewhere.questions.get(),
        participant=ParticipantFactory(),
        answer={"text": HELD_TEXT},
        idempotency_key=uuid.uuid4(),
    )

    assert live_moderation_queue(session=session) == []


def test_approving_puts_the_card_on_the_wall_and_publishes_after_commit(
    published, django_capture_on_commit_callbacks
) -> None:
    session, worker, _cloud, wall = cloud_and_wall_session()
    live_session_goto(session=session, actor=worker, activity_id=wall.pk)
    held = say(wall, HELD_TEXT)
    assert current_state(session).wall.cards == []
    published.clear()

    with django_capture_on_commit_callbacks(execute=True):
        live_open_text_answer_moderate(
            session=session, response_id=held.pk, action="approve", actor=worker
        )
        assert (live_group(session.join_code), LiveSessionChanged(session.join_code)) not in (
            published
        )

    assert (live_group(session.join_code), LiveSessionChanged(code=session.join_code)) in published
    held.refresh_from_db()
    assert held.text_status == TextStatus.PUBLISHED
    assert [c.text for c in current_state(session).wall.cards] == [HELD_TEXT]
    assert live_moderation_queue(session=session) == []


def test_approving_a_held_word_puts_it_in_the_cloud() -> None:
    session, worker = live_session_with_activities(pre_moderated=True)
    cloud = live_open_text_activity_create(
        session=session, actor=worker, kind=ActivityKind.WORD_CLOUD, text="Ett ord?"
    )
    live_session_goto(session=session, actor=worker, activity_id=cloud.pk)
    held = say(cloud, "Pingis")
    assert current_state(session).results.words == []
    assert [e.reasons for e in live_moderation_queue(session=session)] == [["pre_moderation"]]

    live_open_text_answer_moderate(
        session=session, response_id=held.pk, action="approve", actor=worker
    )

    assert [w.word for w in current_state(session).results.words] == ["pingis"]


def test_hiding_keeps_the_answer_off_the_wall_and_marks_it_hidden_in_the_queue() -> None:
    session, worker, _cloud, wall = cloud_and_wall_session()
    live_session_goto(session=session, actor=worker, activity_id=wall.pk)
    shown = say(wall, "Ett café")

    live_open_text_answer_moderate(
        session=session, response_id=shown.pk, action="hide", actor=worker
    )

    assert current_state(session).wall.cards == []
    assert [(e.id, e.status) for e in live_moderation_queue(session=session)] == [
        (shown.pk, "hidden")
    ]


@pytest.mark.parametrize("role", [None, Role.OFFICIAL, Role.COUNCIL_MEMBER])
def test_only_youth_workers_moderate_answers(role) -> None:
    session, _worker, _cloud, wall = cloud_and_wall_session()
    held = say(wall, HELD_TEXT)

    with pytest.raises(PermissionDenied):
        live_open_text_answer_moderate(
            session=session,
            response_id=held.pk,
            action="approve",
            actor=UserFactory(roles=[role] if role else []),
        )

    held.refresh_from_db()
    assert held.text_status == TextStatus.HELD


def test_an_answer_of_another_session_or_a_choice_answer_cannot_be_moderated_here() -> None:
    session, worker, _cloud, _wall = cloud_and_wall_session()
    other, other_worker, _c, other_wall = cloud_and_wall_session()
    foreign = say(other_wall, HELD_TEXT)
    first = session.activities.select_related("question").first()
    assert first is not None
    assert first.question is not None
    vote = poll_answer_submit(
        question=first.question,
        participant=ParticipantFactory(),
        answer={"option_id": first.question.options.all()[0].pk},
        idempotency_key=uuid.uuid4(),
    )

    for response_id in (foreign.pk, vote.pk, 999_999):
        with pytest.raises(NotFound):
            live_open_text_answer_moderate(
                session=session, response_id=response_id, action="approve", actor=worker
            )
    with pytest.raises(InvalidInput):
        live_open_text_answer_moderate(
            session=other, response_id=foreign.pk, action="delete", actor=other_worker
        )

    foreign.refresh_from_db()
    assert foreign.text_status == TextStatus.HELD


# --- the phone's own answer and the export -------------------------------------------------


def test_a_phone_gets_its_own_cloud_answer_back_with_its_status() -> None:
    session, _worker, cloud, wall = cloud_and_wall_session()
    participant = ParticipantFactory()
    say(cloud, "fotboll", participant)
    say(wall, HELD_TEXT, participant)

    state = live_participant_state(session=session, participant=participant)

    mine = {a.question_id: (a.answer, a.text_status) for a in state.full_answers}
    assert cloud.question is not None
    assert wall.question is not None
    assert mine[cloud.question.pk] == ({"text": "fotboll"}, "published")
    assert mine[wall.question.pk] == ({"text": HELD_TEXT}, "held")


def test_the_export_lists_cloud_words_and_published_answers_but_no_held_text() -> None:
    session, _worker, cloud, wall = cloud_and_wall_session()
    say(cloud, "fotboll musik")
    say(cloud, "musik")
    say(wall, "Ett café")
    say(wall, HELD_TEXT)

    rows = live_session_export(session=session)

    cloud_rows = [(r.item, r.count, r.note) for r in rows if r.kind == "word_cloud"]
    wall_rows = [(r.item, r.count, r.note, r.counted) for r in rows if r.kind == "open_wall"]
    # Word counts of 1–4 are "fewer than 5", like every count that leaves the room.
    assert ("musik", None, "word") in cloud_rows
    assert ("fotboll", None, "word") in cloud_rows
    assert ("fotboll musik", None, "text") in cloud_rows
    assert ("Ett café", None, "text", False) in wall_rows
    assert all(HELD_TEXT not in r.item for r in rows)
    assert {r.step for r in rows if r.kind == "open_wall"} == {wall.position + 1}


def test_the_demo_session_gets_a_cloud_and_a_wall_once() -> None:
    from django.core.management import call_command

    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)

    session = LiveSession.objects.get(join_code="FIKA42")
    kinds = list(session.activities.values_list("kind", flat=True))
    assert kinds.count("word_cloud") == 1
    assert kinds.count("open_wall") == 1
    cloud = session.activities.get(kind="word_cloud")
    live_session_goto(session=session, actor=session.created_by, activity_id=cloud.pk)
    state = current_state(session)
    assert state.results is not None
    assert state.results.words[0].word == "trygg"
    queue = live_moderation_queue(session=session)
    assert [(e.kind, e.reasons) for e in queue] == [("answer", ["email", "pre_moderation"])]
