"""The live session state machine, answers through the session, and Q&A."""

import datetime as dt
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from forum.core.errors import (
    ActivityNotCurrent,
    AnsweringLocked,
    InvalidInput,
    NotFound,
    PermissionDenied,
    SessionEnded,
    TextBlocked,
)
from forum.core.roles import Role
from forum.live.models import ActivityKind, LiveActivity, LiveSession, QaStatus, QaUpvote
from forum.live.selectors import (
    live_moderation_queue,
    live_participant_state,
    live_session_snapshot,
)
from forum.live.services import (
    live_activity_add,
    live_answer_submit,
    live_answering_set,
    live_countdown_start,
    live_results_set,
    live_session_end,
    live_session_goto,
    qa_question_moderate,
    qa_question_post,
    qa_upvote_add,
    qa_upvote_withdraw,
)
from forum.polls.models import PollStatus, Response
from tests.factories import ParticipantFactory, UserFactory, live_session_with_activities

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def activities(session: LiveSession) -> list[LiveActivity]:
    return list(session.activities.all())


def answer(session: LiveSession, participant, activity: LiveActivity, option: int = 0, key=None):
    assert activity.question is not None
    return live_answer_submit(
        session=session,
        participant=participant,
        question_id=activity.question.pk,
        option_id=list(activity.question.options.all())[option].pk,
        idempotency_key=key or uuid.uuid4(),
    )


def test_start_makes_one_activity_per_question_and_the_first_current() -> None:
    session, _worker = live_session_with_activities()

    kinds = [a.kind for a in activities(session)]

    assert kinds == ["poll_question", "poll_question", "qa", "info_slide"]
    assert session.current_activity_id == activities(session)[0].pk
    assert session.current_poll is not None
    assert session.current_poll.status == PollStatus.OPEN


def test_next_and_previous_step_and_stop_at_the_ends() -> None:
    session, worker = live_session_with_activities()
    ids = [a.pk for a in activities(session)]

    live_session_goto(session=session, actor=worker, step=-1)
    session.refresh_from_db()
    assert session.current_activity_id == ids[0]
    for expected in [*ids[1:], ids[-1]]:
        live_session_goto(session=session, actor=worker, step=1)
        session.refresh_from_db()
        assert session.current_activity_id == expected
    live_session_goto(session=session, actor=worker, step=-1)
    session.refresh_from_db()
    assert session.current_activity_id == ids[2]


def test_entering_an_activity_reopens_answering_and_clears_the_countdown() -> None:
    session, worker = live_session_with_activities()
    live_answering_set(session=session, actor=worker, open=False)
    live_results_set(session=session, actor=worker, visible=False)
    live_countdown_start(session=session, actor=worker, seconds=30)

    live_session_goto(session=session, actor=worker, step=1)
    session.refresh_from_db()

    assert session.answering_open
    assert session.results_visible
    assert session.countdown_ends_at is None


def test_every_transition_bumps_the_version() -> None:
    session, worker = live_session_with_activities()
    before = session.version

    live_results_set(session=session, actor=worker, visible=False)
    live_answering_set(session=session, actor=worker, open=False)
    session.refresh_from_db()

    assert session.version == before + 2


@pytest.mark.parametrize("role", [None, Role.OFFICIAL])
def test_only_youth_workers_drive_the_session(role) -> None:
    session, _worker = live_session_with_activities()
    outsider = UserFactory(roles=[role] if role else [])

    with pytest.raises(PermissionDenied):
        live_session_goto(session=session, actor=outsider, step=1)
    with pytest.raises(PermissionDenied):
        live_answering_set(session=session, actor=outsider, open=False)
    with pytest.raises(PermissionDenied):
        live_activity_add(session=session, actor=outsider, kind=ActivityKind.QA)
    session.refresh_from_db()
    assert session.current_activity_id == activities(session)[0].pk


def test_an_ended_session_cannot_be_driven() -> None:
    session, worker = live_session_with_activities()
    live_session_end(session=session, actor=worker)

    with pytest.raises(SessionEnded):
        live_session_goto(session=session, actor=worker, step=1)


def test_activity_rules_are_checked() -> None:
    session, worker = live_session_with_activities()

    with pytest.raises(InvalidInput):
        live_activity_add(session=session, actor=worker, kind=ActivityKind.POLL_QUESTION)
    with pytest.raises(InvalidInput):
        live_activity_add(session=session, actor=worker, kind=ActivityKind.INFO_SLIDE)
    with pytest.raises(InvalidInput):
        live_activity_add(session=session, actor=worker, kind="word_cloud")
    with pytest.raises(InvalidInput):
        live_session_goto(session=session, actor=worker, activity_id=10**9)


def test_a_poll_question_activity_needs_a_question_in_the_database() -> None:
    session, _worker = live_session_with_activities()

    with pytest.raises(IntegrityError), transaction.atomic():
        LiveActivity.objects.create(session=session, kind=ActivityKind.POLL_QUESTION)


# --- answers -------------------------------------------------------------------------------


def test_answer_to_the_current_question_counts_and_a_retry_counts_once() -> None:
    session, _worker = live_session_with_activities()
    phone = ParticipantFactory()
    key = uuid.uuid4()

    first = answer(session, phone, activities(session)[0], key=key)
    again = answer(session, phone, activities(session)[0], key=key)

    assert first.pk == again.pk
    assert Response.objects.filter(participant=phone).count() == 1


def test_presenter_paced_phones_cannot_answer_another_question() -> None:
    session, _worker = live_session_with_activities()

    with pytest.raises(ActivityNotCurrent):
        answer(session, ParticipantFactory(), activities(session)[1])
    assert not Response.objects.exists()


def test_self_paced_phones_may_answer_any_question() -> None:
    session, _worker = live_session_with_activities(pacing="self")
    phone = ParticipantFactory()

    answer(session, phone, activities(session)[1])

    assert Response.objects.filter(participant=phone).count() == 1


def test_locked_answering_refuses_answers() -> None:
    session, worker = live_session_with_activities()
    live_answering_set(session=session, actor=worker, open=False)

    with pytest.raises(AnsweringLocked):
        answer(session, ParticipantFactory(), activities(session)[0])
    assert not Response.objects.exists()


def test_locked_answering_also_binds_the_polls_own_answer_path() -> None:
    from forum.polls.services import poll_answer_submit

    session, worker = live_session_with_activities()
    current, later = activities(session)[0], activities(session)[1]
    assert current.question is not None
    assert later.question is not None
    phone = ParticipantFactory()
    live_answering_set(session=session, actor=worker, open=False)

    with pytest.raises(AnsweringLocked):
        poll_answer_submit(
            question=current.question,
            participant=phone,
            answer={"option_id": current.question.options.all()[0].pk},
            idempotency_key=uuid.uuid4(),
        )
    assert not Response.objects.exists()
    # A question not on the screen keeps the poll's own rules.
    poll_answer_submit(
        question=later.question,
        participant=phone,
        answer={"option_id": later.question.options.all()[0].pk},
        idempotency_key=uuid.uuid4(),
    )
    live_answering_set(session=session, actor=worker, open=True)
    poll_answer_submit(
        question=current.question,
        participant=phone,
        answer={"option_id": current.question.options.all()[0].pk},
        idempotency_key=uuid.uuid4(),
    )
    assert Response.objects.filter(participant=phone).count() == 2


def test_an_expired_countdown_locks_answering() -> None:
    session, worker = live_session_with_activities()
    live_countdown_start(session=session, actor=worker, seconds=30)
    LiveSession.objects.filter(pk=session.pk).update(
        countdown_ends_at=timezone.now() - dt.timedelta(seconds=1)
    )

    with pytest.raises(AnsweringLocked):
        answer(session, ParticipantFactory(), activities(session)[0])


def test_answering_an_unknown_question_is_not_found() -> None:
    session, _worker = live_session_with_activities()

    with pytest.raises(NotFound):
        live_answer_submit(
            session=session,
            participant=ParticipantFactory(),
            question_id=10**9,
            option_id=1,
            idempotency_key=uuid.uuid4(),
        )


def test_hidden_results_are_not_in_the_snapshot() -> None:
    session, worker = live_session_with_activities()
    answer(session, ParticipantFactory(), activities(session)[0])
    live_results_set(session=session, actor=worker, visible=False)

    snapshot = live_session_snapshot(code=session.join_code)

    assert snapshot.results is None
    assert snapshot.current is not None
    assert snapshot.current.results is None
    assert snapshot.current.answer_count == 1


def test_a_phone_sees_its_own_answers() -> None:
    session, _worker = live_session_with_activities()
    phone = ParticipantFactory()
    response = answer(session, phone, activities(session)[0], option=1)

    state = live_participant_state(session=session, participant=phone)

    assert state.answers == {response.question_id: response.option_id}
    assert live_participant_state(session=session, participant=ParticipantFactory()).answers == {}


# --- Q&A -------------------------------------------------------------------------------------


def on_qa(session: LiveSession, worker) -> LiveActivity:
    qa = session.activities.get(kind=ActivityKind.QA)
    live_session_goto(session=session, actor=worker, activity_id=qa.pk)
    return qa


def ask(session, phone, qa, text="Varför stänger gården kl 21?", key=None):
    return qa_question_post(
        session=session,
        participant=phone,
        activity_id=qa.pk,
        text=text,
        idempotency_key=key or uuid.uuid4(),
    )


def test_a_clean_question_is_published_and_reaches_the_wall() -> None:
    session, worker = live_session_with_activities()
    qa = on_qa(session, worker)

    question = ask(session, ParticipantFactory(), qa)
    snapshot = live_session_snapshot(code=session.join_code)

    assert question.status == QaStatus.PUBLISHED
    assert snapshot.current is not None
    assert [q.id for q in snapshot.current.qa] == [question.pk]


def test_a_question_with_a_phone_number_is_held_for_the_queue_not_the_wall() -> None:
    session, worker = live_session_with_activities()
    qa = on_qa(session, worker)

    question = ask(session, ParticipantFactory(), qa, text="Ring mig 070-123 45 67")
    snapshot = live_session_snapshot(code=session.join_code)

    assert question.status == QaStatus.HELD
    assert snapshot.current is not None
    assert snapshot.current.qa == []
    assert [q.id for q in live_moderation_queue(session=session)] == [question.pk]


def test_a_pre_moderated_forum_holds_every_question_until_approved() -> None:
    session, worker = live_session_with_activities(pre_moderated=True)
    qa = on_qa(session, worker)
    question = ask(session, ParticipantFactory(), qa)
    assert question.status == QaStatus.HELD

    qa_question_moderate(session=session, question_id=question.pk, action="approve", actor=worker)

    snapshot = live_session_snapshot(code=session.join_code)
    assert snapshot.current is not None
    assert [q.id for q in snapshot.current.qa] == [question.pk]
    assert live_moderation_queue(session=session) == []


def test_a_blocked_question_is_refused_and_not_stored() -> None:
    from forum.moderation.wordlists import DEFAULT_WORDS

    blocked = DEFAULT_WORDS[("sv", "block")][0]
    session, worker = live_session_with_activities()
    qa = on_qa(session, worker)

    with pytest.raises(TextBlocked):
        ask(session, ParticipantFactory(), qa, text=f"du är {blocked}")
    assert not qa.qa_questions.exists()


def test_posting_a_question_twice_with_one_key_stores_it_once() -> None:
    session, worker = live_session_with_activities()
    qa = on_qa(session, worker)
    phone = ParticipantFactory()
    key = uuid.uuid4()

    first = ask(session, phone, qa, key=key)
    again = ask(session, phone, qa, key=key)

    assert first.pk == again.pk
    assert qa.qa_questions.count() == 1


def test_questions_only_while_the_qa_round_is_current() -> None:
    session, _worker = live_session_with_activities()
    qa = session.activities.get(kind=ActivityKind.QA)

    with pytest.raises(ActivityNotCurrent):
        ask(session, ParticipantFactory(), qa)


def test_empty_or_overlong_questions_are_invalid() -> None:
    session, worker = live_session_with_activities()
    qa = on_qa(session, worker)

    with pytest.raises(InvalidInput):
        ask(session, ParticipantFactory(), qa, text="   ")
    with pytest.raises(InvalidInput):
        ask(session, ParticipantFactory(), qa, text="x" * 281)


def test_an_upvote_counts_once_and_can_be_withdrawn() -> None:
    session, worker = live_session_with_activities()
    qa = on_qa(session, worker)
    question = ask(session, ParticipantFactory(), qa)
    phone = ParticipantFactory()

    assert qa_upvote_add(session=session, participant=phone, question_id=question.pk)
    assert not qa_upvote_add(session=session, participant=phone, question_id=question.pk)
    assert QaUpvote.objects.filter(question=question).count() == 1
    assert live_participant_state(session=session, participant=phone).upvoted == [question.pk]

    assert qa_upvote_withdraw(session=session, participant=phone, question_id=question.pk)
    assert not QaUpvote.objects.filter(question=question).exists()


def test_one_upvote_per_participant_is_a_database_constraint() -> None:
    session, worker = live_session_with_activities()
    qa = on_qa(session, worker)
    question = ask(session, ParticipantFactory(), qa)
    phone = ParticipantFactory()
    QaUpvote.objects.create(question=question, participant=phone)

    with pytest.raises(IntegrityError), transaction.atomic():
        QaUpvote.objects.create(question=question, participant=phone)


def test_held_or_hidden_questions_cannot_be_upvoted() -> None:
    session, worker = live_session_with_activities()
    qa = on_qa(session, worker)
    held = ask(session, ParticipantFactory(), qa, text="mejla mig på a@b.se")

    with pytest.raises(NotFound):
        qa_upvote_add(session=session, participant=ParticipantFactory(), question_id=held.pk)


def test_the_wall_puts_pinned_first_then_by_upvotes_and_answered_last() -> None:
    session, worker = live_session_with_activities()
    qa = on_qa(session, worker)
    a, b, c, d = (ask(session, ParticipantFactory(), qa, text=f"Fråga {n}") for n in "abcd")
    qa_upvote_add(session=session, participant=ParticipantFactory(), question_id=c.pk)
    qa_question_moderate(session=session, question_id=d.pk, action="pin", actor=worker)
    qa_question_moderate(session=session, question_id=a.pk, action="answered", actor=worker)
    qa_question_moderate(session=session, question_id=b.pk, action="hide", actor=worker)

    snapshot = live_session_snapshot(code=session.join_code)

    assert snapshot.current is not None
    assert [q.id for q in snapshot.current.qa] == [d.pk, c.pk, a.pk]
    assert [q.id for q in live_moderation_queue(session=session)] == [b.pk]


def test_pinning_another_question_unpins_the_first() -> None:
    session, worker = live_session_with_activities()
    qa = on_qa(session, worker)
    a, b = ask(session, ParticipantFactory(), qa), ask(session, ParticipantFactory(), qa)

    qa_question_moderate(session=session, question_id=a.pk, action="pin", actor=worker)
    qa_question_moderate(session=session, question_id=b.pk, action="pin", actor=worker)

    assert list(qa.qa_questions.filter(pinned=True).values_list("pk", flat=True)) == [b.pk]


def test_only_youth_workers_moderate() -> None:
    session, worker = live_session_with_activities()
    qa = on_qa(session, worker)
    question = ask(session, ParticipantFactory(), qa)

    with pytest.raises(PermissionDenied):
        qa_question_moderate(
            session=session,
            question_id=question.pk,
            action="hide",
            actor=UserFactory(roles=[Role.OFFICIAL]),
        )
    question.refresh_from_db()
    assert question.status == QaStatus.PUBLISHED
