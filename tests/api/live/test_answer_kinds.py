"""Every question kind through the live answer path, over REST and over the phone's socket:
the answering lock holds for all of them, and a retry counts once on each path."""

import json
import uuid
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client

from forum.live.services import live_answering_set
from forum.polls.models import Response
from tests.api.live.test_consumers import receive
from tests.api.live.test_socket_writes import phone
from tests.factories import an_answer_of_each_kind, live_session_all_kinds, participant_with_token

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict[str, Any]:
    session, worker = live_session_all_kinds(pre_moderated=True)
    participant, token = participant_with_token()
    return {
        "session": session,
        "worker": worker,
        "participant": participant,
        "token": token,
        "answers": an_answer_of_each_kind(session),
    }


def body(world: dict[str, Any], kind: str, key: str) -> dict[str, Any]:
    question_id, answer = world["answers"][kind]
    return {"question_id": question_id, "answer": answer, "idempotency_key": key}


def rest_post(world: dict[str, Any], data: dict[str, Any]) -> Any:
    client = Client()
    client.cookies[settings.PARTICIPANT_COOKIE_NAME] = world["token"]
    return client.post(
        f"/api/live/{world['session'].join_code}/answers", data, content_type="application/json"
    )


def responses(world: dict[str, Any]) -> int:
    return Response.objects.filter(participant=world["participant"]).count()


def lock(world: dict[str, Any]) -> None:
    live_answering_set(session=world["session"], actor=world["worker"], open=False)


@pytest.mark.parametrize("kind", ["multiple_choice", "open_text"])
def test_locked_answering_refuses_rest_answers_of_any_kind(world, kind: str) -> None:
    lock(world)

    response = rest_post(world, body(world, kind, str(uuid.uuid4())))

    assert response.status_code == 409
    assert response.json()["code"] == "answering_locked"
    assert responses(world) == 0


@pytest.mark.parametrize("kind", ["multiple_choice", "open_text"])
async def test_locked_answering_refuses_socket_answers_of_any_kind(world, kind: str) -> None:
    comm = await phone(world)
    await database_sync_to_async(lock)(world)
    frame = {"type": "answer", "request_id": "r", "data": body(world, kind, str(uuid.uuid4()))}

    await comm.send_to(text_data=json.dumps(frame))
    error = await receive(comm, "error")

    assert error["code"] == "answering_locked"
    assert error["request_id"] == "r"
    assert await database_sync_to_async(responses)(world) == 0
    await comm.disconnect()


@pytest.mark.parametrize("kind", ["multiple_choice", "ranking", "budget"])
def test_a_rest_retry_of_any_kind_counts_once(world, kind: str) -> None:
    data = body(world, kind, str(uuid.uuid4()))

    first = rest_post(world, data)
    again = rest_post(world, data)

    assert first.status_code == again.status_code == 200, first.json()
    assert first.json() == again.json()
    assert first.json()["option_id"] is None
    assert first.json()["answer"]
    assert responses(world) == 1


async def test_a_socket_retry_of_open_text_counts_once_and_mine_shows_it_held(world) -> None:
    comm = await phone(world)
    data = body(world, "open_text", str(uuid.uuid4()))
    question_id = str(data["question_id"])

    acks, mines = [], []
    for request_id in ("a", "b"):
        await comm.send_to(
            text_data=json.dumps({"type": "answer", "request_id": request_id, "data": data})
        )
        acks.append(await receive(comm, "ack"))
        mines.append(await receive(comm, "mine"))

    assert [a["request_id"] for a in acks] == ["a", "b"]
    assert acks[0]["result"] == acks[1]["result"]
    assert acks[0]["result"]["text_status"] == "held"  # pre-moderated forum: stored, not public
    assert mines[1]["full_answers"][question_id] == {
        "answer": {"text": "Ett café med brädspel"},
        "text_status": "held",
    }
    assert question_id not in mines[1]["answers"]  # one-option answers only
    assert await database_sync_to_async(responses)(world) == 1
    await comm.disconnect()


async def test_a_socket_answer_and_a_rest_retry_of_a_scale_count_once(world) -> None:
    comm = await phone(world)
    data = body(world, "scale", str(uuid.uuid4()))
    await comm.send_to(text_data=json.dumps({"type": "answer", "request_id": "s", "data": data}))
    await receive(comm, "ack")

    retry = await database_sync_to_async(rest_post)(world, data)

    assert retry.status_code == 200
    assert retry.json()["answer"] == {"value": 4}
    assert await database_sync_to_async(responses)(world) == 1
    await comm.disconnect()


def test_an_answer_and_an_option_id_together_are_refused(world) -> None:
    data = body(world, "single_choice", str(uuid.uuid4()))
    data["option_id"] = data["answer"]["option_id"]

    response = rest_post(world, data)

    assert response.status_code == 400
    assert "answer" in response.json()["fields"]
    assert responses(world) == 0


async def test_a_database_failure_is_a_retryable_error_and_the_socket_stays_open(world) -> None:
    comm = await phone(world)
    # Wait until the socket knows its phone (the "mine" frame), or the deletion below may win
    # the race and the write is rightly refused as not joined instead of failing.
    await receive(comm, "mine")
    # The phone's participant row goes away under it (an erasure): the write breaks.
    await database_sync_to_async(world["participant"].delete)()
    frame = {"type": "answer", "request_id": "z", "data": body(world, "scale", str(uuid.uuid4()))}

    await comm.send_to(text_data=json.dumps(frame))
    error = await receive(comm, "error")
    await comm.send_to(text_data=json.dumps({"type": "ping"}))

    assert (error["code"], error["request_id"]) == ("server_error", "z")
    assert (await receive(comm, "pong"))["type"] == "pong"
    assert not await database_sync_to_async(Response.objects.exists)()
    await comm.disconnect()
