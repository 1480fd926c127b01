import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from forum.core.errors import (
    AnswerChangeNotAllowed,
    IdempotencyKeyReused,
    InvalidInput,
    NotAuthenticated,
    PermissionDenied,
    PollClosed,
    PollNotOpen,
    UnknownOption,
)
from forum.core.events import PollTallyChanged, poll_group
from forum.core.roles import Role
from forum.polls.models import Poll, PollStatus, Response, ResultsVisibility
from forum.polls.services import (
    PollSettings,
    QuestionSpec,
    poll_close,
    poll_create,
    poll_open,
    poll_response_submit,
)
from tests.factories import ForumFactory, ParticipantFactory, PollFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.fixture
def poll() -> Poll:
    return PollFactory(questions=[("Q1", ["A", "B", "C"]), ("Q2", ["X", "Y"])])


def options(poll: Poll, question_index: int = 0) -> list:
    return list(poll.questions.all()[question_index].options.all())


def submit(question, participant, option, key=None) -> Response:
    return poll_response_submit(
        question=question,
        participant=participant,
        option_id=option.pk,
        idempotency_key=key or uuid.uuid4(),
    )


# --- poll_response_submit ------------------------------------------------------------------


def test_response_submit_records_first_answer(poll: Poll) -> None:
    question = poll.questions.all()[0]
    a, _b, _c = options(poll)
    participant = ParticipantFactory()
    key = uuid.uuid4()

    response = submit(question, participant, a, key)

    stored = Response.objects.get()
    assert stored.pk == response.pk
    assert (stored.question_id, stored.participant_id, stored.option_id) == (
        question.pk,
        participant.pk,
        a.pk,
    )
    assert stored.idempotency_key == key


def test_response_submit_retry_with_same_key_returns_same_row_and_changes_nothing(
    poll: Poll,
) -> None:
    question = poll.questions.all()[0]
    a, _b, _c = options(poll)
    participant = ParticipantFactory()
    key = uuid.uuid4()
    first = submit(question, participant, a, key)
    before = Response.objects.values().get()

    again = submit(question, participant, a, key)

    assert again.pk == first.pk
    assert Response.objects.count() == 1
    assert Response.objects.values().get() == before  # not even updated_at moved


def test_response_submit_with_new_key_changes_the_answer(poll: Poll) -> None:
    question = poll.questions.all()[0]
    a, b, _c = options(poll)
    participant = ParticipantFactory()
    first = submit(question, participant, a)
    new_key = uuid.uuid4()

    changed = submit(question, participant, b, new_key)

    assert changed.pk == first.pk
    stored = Response.objects.get()
    assert stored.option_id == b.pk
    assert stored.idempotency_key == new_key


def test_response_submit_same_option_with_new_key_keeps_the_row(poll: Poll) -> None:
    question = poll.questions.all()[0]
    a, _b, _c = options(poll)
    participant = ParticipantFactory()
    first_key = uuid.uuid4()
    submit(question, participant, a, first_key)

    submit(question, participant, a, uuid.uuid4())

    assert Response.objects.get().idempotency_key == first_key


def test_response_submit_refuses_change_when_poll_locks_answers() -> None:
    poll = PollFactory(allow_answer_change=False)
    question = poll.questions.get()
    a, b, _c = options(poll)
    participant = ParticipantFactory()
    submit(question, participant, a)

    with pytest.raises(AnswerChangeNotAllowed):
        submit(question, participant, b)

    assert Response.objects.get().option_id == a.pk


def test_response_submit_locked_poll_still_accepts_a_retry() -> None:
    poll = PollFactory(allow_answer_change=False)
    question = poll.questions.get()
    a, _b, _c = options(poll)
    participant = ParticipantFactory()
    key = uuid.uuid4()
    first = submit(question, participant, a, key)

    assert submit(question, participant, a, key).pk == first.pk


def test_response_submit_rejects_unknown_option(poll: Poll) -> None:
    question = poll.questions.all()[0]

    with pytest.raises(UnknownOption) as excinfo:
        poll_response_submit(
            question=question,
            participant=ParticipantFactory(),
            option_id=999_999,
            idempotency_key=uuid.uuid4(),
        )

    assert "option_id" in excinfo.value.fields
    assert not Response.objects.exists()


def test_response_submit_rejects_option_of_another_question(poll: Poll) -> None:
    first_question = poll.questions.all()[0]
    other_questions_option = options(poll, 1)[0]

    with pytest.raises(UnknownOption):
        submit(first_question, ParticipantFactory(), other_questions_option)

    assert not Response.objects.exists()


def test_response_submit_rejects_option_of_another_poll(poll: Poll) -> None:
    foreign = PollFactory()

    with pytest.raises(UnknownOption):
        submit(poll.questions.all()[0], ParticipantFactory(), options(foreign)[0])


def test_response_submit_rejects_draft_poll() -> None:
    poll = PollFactory(status=PollStatus.DRAFT, opened_at=None)

    with pytest.raises(PollNotOpen):
        submit(poll.questions.get(), ParticipantFactory(), options(poll)[0])

    assert not Response.objects.exists()


def test_response_submit_rejects_closed_poll() -> None:
    poll = PollFactory(status=PollStatus.CLOSED)

    with pytest.raises(PollClosed):
        submit(poll.questions.get(), ParticipantFactory(), options(poll)[0])

    assert not Response.objects.exists()


def test_response_submit_rejects_closed_poll_even_for_changes(poll: Poll) -> None:
    question = poll.questions.all()[0]
    a, b, _c = options(poll)
    participant = ParticipantFactory()
    submit(question, participant, a)
    poll_close(poll=poll, actor=UserFactory(roles=[Role.YOUTH_WORKER]))
    question.refresh_from_db()
    question.poll.refresh_from_db()

    with pytest.raises(PollClosed):
        submit(question, participant, b)

    assert Response.objects.get().option_id == a.pk


def test_response_submit_rejects_key_reused_with_another_option(poll: Poll) -> None:
    question = poll.questions.all()[0]
    a, b, _c = options(poll)
    participant = ParticipantFactory()
    key = uuid.uuid4()
    submit(question, participant, a, key)

    with pytest.raises(IdempotencyKeyReused):
        submit(question, participant, b, key)

    assert Response.objects.get().option_id == a.pk


def test_response_submit_keeps_participants_apart(poll: Poll) -> None:
    question = poll.questions.all()[0]
    a, b, _c = options(poll)
    key = uuid.uuid4()  # even the same key: keys are scoped to a participant's answer
    submit(question, ParticipantFactory(), a, key)
    submit(question, ParticipantFactory(), b, key)

    assert sorted(Response.objects.values_list("option_id", flat=True)) == sorted([a.pk, b.pk])


# --- events: published only after commit ---------------------------------------------------


def test_response_submit_publishes_tally_changed_after_commit(
    poll: Poll, published: list, django_capture_on_commit_callbacks
) -> None:
    question = poll.questions.all()[0]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(question, ParticipantFactory(), options(poll)[0])
        assert published == []  # not while the transaction is still open

    assert len(callbacks) == 1
    callbacks[0]()
    assert published == [(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))]


def test_response_submit_publishes_nothing_when_rolled_back(
    poll: Poll, published: list, django_capture_on_commit_callbacks
) -> None:
    class Abort(Exception):
        pass

    def submit_then_abort() -> None:
        with transaction.atomic():
            submit(poll.questions.all()[0], ParticipantFactory(), options(poll)[0])
            raise Abort

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Abort),
    ):
        submit_then_abort()

    assert callbacks == []
    assert published == []
    assert not Response.objects.exists()


def test_response_submit_retry_publishes_nothing(
    poll: Poll, published: list, django_capture_on_commit_callbacks
) -> None:
    question = poll.questions.all()[0]
    participant = ParticipantFactory()
    key = uuid.uuid4()
    submit(question, participant, options(poll)[0], key)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submit(question, participant, options(poll)[0], key)

    assert callbacks == []
    assert published == []


def test_response_submit_change_publishes_tally_changed(
    poll: Poll, published: list, django_capture_on_commit_callbacks
) -> None:
    question = poll.questions.all()[0]
    participant = ParticipantFactory()
    submit(question, participant, options(poll)[0])

    with django_capture_on_commit_callbacks(execute=True):
        submit(question, participant, options(poll)[1])

    assert published == [(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))]


@pytest.mark.django_db(transaction=True)
def test_response_submit_publishes_only_once_the_outer_transaction_commits(published: list) -> None:
    poll = PollFactory()
    question = poll.questions.get()
    participant = ParticipantFactory()

    with transaction.atomic():
        submit(question, participant, options(poll)[0])
        assert published == []

    assert published == [(poll_group(poll.pk), PollTallyChanged(poll_id=poll.pk))]


@pytest.mark.django_db(transaction=True)
def test_response_submit_in_rolled_back_transaction_publishes_nothing(published: list) -> None:
    poll = PollFactory()

    def submit_then_roll_back() -> None:
        with transaction.atomic():
            submit(poll.questions.get(), ParticipantFactory(), options(poll)[0])
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError, match="roll back"):
        submit_then_roll_back()

    assert published == []
    assert not Response.objects.exists()


# --- poll_create / poll_open / poll_close --------------------------------------------------


def test_poll_create_builds_questions_and_options_in_order() -> None:
    forum = ForumFactory()
    poll = poll_create(
        forum=forum,
        title="  Fritid  ",
        questions=[QuestionSpec(text="Hur ofta?", options=["Ofta", "Sällan", "Aldrig"])],
        actor=UserFactory(roles=[Role.OFFICIAL]),
    )

    assert poll.title == "Fritid"
    assert poll.status == PollStatus.DRAFT
    assert [o.label for o in poll.questions.get().options.all()] == ["Ofta", "Sällan", "Aldrig"]


def test_a_new_poll_shows_its_results_after_answering_unless_told_otherwise() -> None:
    def made(poll_settings: PollSettings) -> str:
        poll = poll_create(
            forum=ForumFactory(),
            title="Fritid",
            questions=[QuestionSpec(text="Hur ofta?", options=["Ofta", "Sällan"])],
            actor=UserFactory(roles=[Role.OFFICIAL]),
            poll_settings=poll_settings,
        )
        return Poll.objects.get(pk=poll.pk).results_visibility

    assert made(PollSettings()) == ResultsVisibility.AFTER_ANSWER
    assert made(PollSettings(results_visibility=ResultsVisibility.LIVE)) == ResultsVisibility.LIVE
    assert Poll().results_visibility == ResultsVisibility.AFTER_ANSWER  # the model's default


@pytest.mark.parametrize(
    ("title", "questions", "field"),
    [
        ("   ", [QuestionSpec(text="Q", options=["A", "B"])], "title"),
        ("Titel", [], "questions"),
        ("Titel", [QuestionSpec(text="Q", options=["A"])], "questions.0"),
    ],
)
def test_poll_create_rejects_invalid_input(title, questions, field) -> None:
    with pytest.raises(InvalidInput) as excinfo:
        poll_create(
            forum=ForumFactory(),
            title=title,
            questions=questions,
            actor=UserFactory(roles=[Role.YOUTH_WORKER]),
        )
    assert field in excinfo.value.fields
    assert not Poll.objects.exists()


def test_poll_create_requires_staff_role() -> None:
    with pytest.raises(PermissionDenied):
        poll_create(
            forum=ForumFactory(),
            title="T",
            questions=[QuestionSpec(text="Q", options=["A", "B"])],
            actor=UserFactory(),
        )
    with pytest.raises(NotAuthenticated):
        poll_create(
            forum=ForumFactory(),
            title="T",
            questions=[QuestionSpec(text="Q", options=["A", "B"])],
            actor=AnonymousUser(),
        )


def test_poll_open_and_close_move_status_and_timestamps() -> None:
    poll = PollFactory(status=PollStatus.DRAFT, opened_at=None)
    worker = UserFactory(roles=[Role.YOUTH_WORKER])

    opened = poll_open(poll=poll, actor=worker)
    assert opened.status == PollStatus.OPEN
    assert opened.opened_at is not None

    closed = poll_close(poll=poll, actor=worker)
    assert closed.status == PollStatus.CLOSED
    assert closed.closed_at is not None
    poll.refresh_from_db()
    assert poll.status == PollStatus.CLOSED


def test_poll_open_refuses_official() -> None:
    poll = PollFactory(status=PollStatus.DRAFT, opened_at=None)

    with pytest.raises(PermissionDenied):
        poll_open(poll=poll, actor=UserFactory(roles=[Role.OFFICIAL]))

    poll.refresh_from_db()
    assert poll.status == PollStatus.DRAFT
