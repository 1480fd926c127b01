import uuid

import pytest

from forum.participation.models import Participant
from forum.polls.models import Response
from tests.api.assertions import assert_error, db_state
from tests.factories import LiveSessionFactory, PollFactory, poll_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return LiveSessionFactory()


@pytest.fixture
def joined(api_client, session):
    assert (
        api_client.post("/api/join", {"code": session.join_code}, format="json").status_code == 200
    )
    return api_client


def vote(client, question, option, key=None):
    return client.post(
        f"/api/questions/{question.pk}/responses",
        {"option_id": option.pk, "idempotency_key": str(key or uuid.uuid4())},
        format="json",
    )


def test_vote_is_acknowledged_after_it_is_stored(joined, session) -> None:
    question = poll_of(session).questions.get()
    option = question.options.all()[0]
    key = uuid.uuid4()

    response = vote(joined, question, option, key)

    assert response.status_code == 200
    assert response.json() == {
        "question_id": question.pk,
        "option_id": option.pk,
        "idempotency_key": str(key),
        "counted": True,
    }
    stored = Response.objects.get()
    assert (stored.option_id, stored.idempotency_key, stored.participant) == (
        option.pk,
        key,
        Participant.objects.get(),
    )


def test_vote_same_idempotency_key_twice_keeps_one_row(joined, session) -> None:
    question = poll_of(session).questions.get()
    option = question.options.all()[0]
    key = uuid.uuid4()

    first = vote(joined, question, option, key)
    second = vote(joined, question, option, key)

    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert Response.objects.count() == 1


def test_vote_with_new_key_changes_my_answer(joined, session) -> None:
    question = poll_of(session).questions.get()
    first_option, second_option = question.options.all()[:2]
    vote(joined, question, first_option)

    response = vote(joined, question, second_option)

    assert response.status_code == 200
    assert list(Response.objects.values_list("option_id", flat=True)) == [second_option.pk]
    my_answers = joined.get(f"/api/live/{session.join_code}").json()["my_answers"]
    assert my_answers == {str(question.pk): second_option.pk}


def test_vote_without_joining_creates_a_participant_and_sets_the_cookie(
    api_client, session
) -> None:
    question = poll_of(session).questions.get()

    response = vote(api_client, question, question.options.all()[0])

    assert response.status_code == 200
    assert response.cookies["rostrum_participant"]["httponly"] is True
    assert Participant.objects.count() == 1
    assert Response.objects.get().participant == Participant.objects.get()


def test_two_devices_are_two_participants(joined, session, client_for) -> None:
    question = poll_of(session).questions.get()
    other_device = client_for(None)
    other_device.post("/api/join", {"code": session.join_code}, format="json")
    key = uuid.uuid4()

    vote(joined, question, question.options.all()[0], key)
    vote(other_device, question, question.options.last(), key)

    assert Response.objects.count() == 2
    assert Participant.objects.count() == 2


def test_vote_locked_answer_is_conflict(api_client) -> None:
    session = LiveSessionFactory(current_poll=PollFactory(allow_answer_change=False))
    api_client.post("/api/join", {"code": session.join_code}, format="json")
    question = poll_of(session).questions.get()
    vote(api_client, question, question.options.all()[0])
    before = db_state()

    assert_error(vote(api_client, question, question.options.last()), 409, "answer_locked")
    assert db_state() == before


def test_vote_reusing_key_for_another_option_is_conflict(joined, session) -> None:
    question = poll_of(session).questions.get()
    key = uuid.uuid4()
    vote(joined, question, question.options.all()[0], key)
    before = db_state()

    assert_error(
        vote(joined, question, question.options.last(), key), 409, "idempotency_key_reused"
    )
    assert db_state() == before
