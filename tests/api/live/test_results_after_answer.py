"""A live question's results reach a phone only after that phone answered it, unless the
youth worker chose to show them first (LiveActivity.results_before_answer). Over REST and
over the socket: the phone's state never holds results it should not show yet."""

import json
import uuid
from typing import Any

import pytest
from django.test import Client

from forum.core.roles import Role
from tests.api.live.test_consumers import receive
from tests.api.live.test_socket_writes import phone, world  # noqa: F401 (fixture)
from tests.factories import UserFactory, live_session_with_activities
from tests.support.mfa import staff_login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("youth_workers_in_every_forum"),
]


def joined_phone(code: str) -> Client:
    client = Client()
    assert (
        client.post("/api/join", {"code": code}, content_type="application/json").status_code == 200
    )
    return client


def state(client: Client, code: str) -> dict[str, Any]:
    response = client.get(f"/api/live/{code}")
    assert response.status_code == 200
    return response.json()


def answer(client: Client, code: str, question_id: int, option_id: int) -> None:
    response = client.post(
        f"/api/live/{code}/answers",
        {"question_id": question_id, "option_id": option_id, "idempotency_key": str(uuid.uuid4())},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content


def current_question(session) -> tuple[int, int]:
    activity = session.current_activity
    option = activity.question.options.first()
    return activity.question_id, option.pk


def test_a_phone_that_has_not_answered_gets_no_results_over_rest() -> None:
    session, _worker = live_session_with_activities()
    code = session.join_code
    first = joined_phone(code)

    body = state(first, code)
    join_body = first.post("/api/join", {"code": code}, content_type="application/json").json()

    assert body["current"]["results"] is None
    assert body["results"] is None
    assert join_body["current"]["results"] is None
    assert body["activities"][0]["results_before_answer"] is False


def test_answering_unlocks_the_results_for_that_phone_only() -> None:
    session, _worker = live_session_with_activities()
    code = session.join_code
    answered, waiting = joined_phone(code), joined_phone(code)
    question_id, option_id = current_question(session)

    answer(answered, code, question_id, option_id)

    assert state(answered, code)["current"]["results"]["total"] == 1
    assert state(waiting, code)["current"]["results"] is None
    staff = Client()
    staff_login(staff, UserFactory(roles=[Role.YOUTH_WORKER]))
    assert state(staff, code)["current"]["results"]["total"] == 1  # the big screen's view


def test_the_youth_worker_can_show_results_before_answering() -> None:
    session, _worker = live_session_with_activities()
    session.activities.update(results_before_answer=True)
    code = session.join_code

    assert state(joined_phone(code), code)["current"]["results"]["total"] == 0


def test_the_setting_is_stored_when_the_activity_is_added_and_edited(client_for, db) -> None:
    session, worker = live_session_with_activities()
    staff = client_for(worker)
    assert session.current_activity is not None
    question_id = session.current_activity.question_id

    added = staff.post(
        f"/api/live/{session.join_code}/activities",
        {"kind": "poll_question", "question_id": question_id, "results_before_answer": True},
        format="json",
    )
    assert added.status_code == 201, added.content
    assert added.json()["results_before_answer"] is True
    edited = staff.patch(
        f"/api/live/{session.join_code}/activities/{added.json()['id']}",
        {"title": "", "body": "", "results_before_answer": False},
        format="json",
    )
    assert edited.status_code == 200, edited.content
    assert session.activities.get(pk=added.json()["id"]).results_before_answer is False


async def test_over_the_socket_the_phone_gets_results_right_after_its_answer(world) -> None:  # noqa: F811
    comm = await phone(world)  # the fixture's first snapshot was taken before answering
    await comm.send_to(
        text_data=json.dumps(
            {
                "type": "answer",
                "request_id": "r1",
                "data": {
                    "question_id": world["question"].pk,
                    "option_id": world["options"][0],
                    "idempotency_key": str(uuid.uuid4()),
                },
            }
        )
    )
    await receive(comm, "ack")
    after = (await receive(comm, "snapshot"))["session"]

    assert after["current"]["results"] is not None
    await comm.disconnect()


async def test_over_the_socket_a_new_phone_gets_no_results(world) -> None:  # noqa: F811
    from tests.api.live.test_consumers import communicator

    comm = communicator(f"/ws/live/{world['session'].join_code}/")
    assert (await comm.connect())[0]
    first = (await receive(comm, "snapshot"))["session"]

    assert first["current"]["results"] is None
    assert first["results"] is None
    await comm.disconnect()


def test_a_poll_in_after_answer_mode_gates_each_phone_even_if_the_activity_shows_first() -> None:
    session, _worker = live_session_with_activities()
    session.activities.update(results_before_answer=True)
    poll = session.current_poll
    assert poll is not None
    poll.results_visibility = "after_answer"
    poll.save()
    code = session.join_code
    answered, waiting = joined_phone(code), joined_phone(code)
    question_id, option_id = current_question(session)

    answer(answered, code, question_id, option_id)

    assert state(answered, code)["current"]["results"]["total"] == 1
    assert state(waiting, code)["current"]["results"] is None
