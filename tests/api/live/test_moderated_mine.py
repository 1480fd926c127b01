"""A phone's own confirmation follows moderation: when a youth worker approves or hides its
held open-text answer, that phone (and only that phone) gets its own "mine" frame with the
new status, without a reload and without a query per phone."""

import asyncio
import json
import uuid
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client

from forum.live.services import live_session_goto
from forum.polls.models import Response, TextStatus
from tests.api.live.test_consumers import communicator, receive
from tests.api.live.test_socket_writes import phone_headers
from tests.factories import participant_with_token
from tests.forum.live.test_open_text_activities import cloud_and_wall_session
from tests.support.mfa import staff_login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict[str, Any]:
    session, worker, cloud, _wall = cloud_and_wall_session(pre_moderated=True)
    live_session_goto(session=session, actor=worker, activity_id=cloud.pk)
    return {"session": session, "worker": worker, "cloud": cloud}


async def phone_that_answered(world: dict[str, Any], word: str):
    """A phone on the socket whose word is held; returns it, its participant and the ack."""
    participant, token = await database_sync_to_async(participant_with_token)()
    comm = communicator(f"/ws/live/{world['session'].join_code}/", phone_headers(token))
    assert (await comm.connect())[0]
    await receive(comm, "snapshot")
    data = {
        "question_id": world["cloud"].question_id,
        "answer": {"text": word},
        "idempotency_key": str(uuid.uuid4()),
    }
    await comm.send_to(text_data=json.dumps({"type": "answer", "request_id": word, "data": data}))
    ack = await receive(comm, "ack")
    mine = await receive(comm, "mine")
    question = str(world["cloud"].question_id)
    assert ack["result"]["text_status"] == mine["full_answers"][question]["text_status"] == "held"
    return comm, participant


def moderate(world: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    client = Client()
    staff_login(client, world["worker"])
    response = client.post(
        f"/api/live/{world['session'].join_code}/queue/moderate",
        body,
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()


async def frames_until_held(comm, held: int) -> list[dict[str, Any]]:
    """Frames up to the snapshot whose held count is ``held``, then whatever follows briefly."""
    seen: list[dict[str, Any]] = []
    while True:
        frame = await comm.receive_json_from(timeout=5)
        seen.append(frame)
        if frame["type"] == "snapshot" and frame["session"]["current"]["held"] == held:
            break
    await asyncio.sleep(0.3)
    while not await comm.receive_nothing(timeout=0.05):
        seen.append(await comm.receive_json_from(timeout=1))
    return seen


async def test_only_the_author_of_an_approved_answer_gets_its_new_status(world) -> None:
    question = str(world["cloud"].question_id)
    first, _first_participant = await phone_that_answered(world, "fotboll")
    second, second_participant = await phone_that_answered(world, "musik")
    first_id = await database_sync_to_async(
        lambda: Response.objects.get(answer__text="fotboll").pk
    )()

    await database_sync_to_async(moderate)(
        world, {"action": "approve", "entries": [{"kind": "answer", "id": first_id}]}
    )

    mine = await receive(first, "mine")
    assert mine["full_answers"][question]["text_status"] == "published"
    assert mine["full_answers"][question]["answer"] == {"text": "fotboll"}
    seen = await frames_until_held(second, held=1)
    assert [f for f in seen if f["type"] == "mine"] == []

    # Approve all: now the second phone's own answer is published too, and it hears so.
    await database_sync_to_async(moderate)(world, {"action": "approve", "all": True})

    mine = await receive(second, "mine")
    assert mine["full_answers"][question]["text_status"] == "published"
    assert mine["full_answers"][question]["answer"] == {"text": "musik"}
    seen = await frames_until_held(first, held=0)
    assert [f for f in seen if f["type"] == "mine"] == []
    status = await database_sync_to_async(
        lambda: Response.objects.get(participant=second_participant).text_status
    )()
    assert status == TextStatus.PUBLISHED
    await first.disconnect()
    await second.disconnect()


async def test_a_hidden_answer_tells_its_author_it_is_not_shown(world) -> None:
    question = str(world["cloud"].question_id)
    comm, _participant = await phone_that_answered(world, "fotboll")
    response_id = await database_sync_to_async(lambda: Response.objects.get().pk)()

    await database_sync_to_async(moderate)(
        world, {"action": "hide", "entries": [{"kind": "answer", "id": response_id}]}
    )

    mine = await receive(comm, "mine")
    assert mine["full_answers"][question]["text_status"] == "hidden"
    await comm.disconnect()


async def test_one_by_one_moderation_also_reaches_the_author(world) -> None:
    question = str(world["cloud"].question_id)
    comm, _participant = await phone_that_answered(world, "fotboll")
    response_id = await database_sync_to_async(lambda: Response.objects.get().pk)()

    def approve_one() -> int:
        client = Client()
        staff_login(client, world["worker"])
        return client.post(
            f"/api/live/{world['session'].join_code}/answers/{response_id}/moderate",
            {"action": "approve"},
            content_type="application/json",
        ).status_code

    assert await database_sync_to_async(approve_one)() == 200

    mine = await receive(comm, "mine")
    assert mine["full_answers"][question]["text_status"] == "published"
    await comm.disconnect()


@pytest.mark.django_db
def test_a_phone_polling_over_rest_reads_its_answers_new_status(world) -> None:
    participant, token = participant_with_token()
    client = Client()
    client.cookies[settings.PARTICIPANT_COOKIE_NAME] = token
    code = world["session"].join_code
    question = str(world["cloud"].question_id)
    sent = client.post(
        f"/api/live/{code}/answers",
        {
            "question_id": world["cloud"].question_id,
            "answer": {"text": "fotboll"},
            "idempotency_key": str(uuid.uuid4()),
        },
        content_type="application/json",
    )
    assert sent.status_code == 200, sent.content
    before = client.get(f"/api/live/{code}").json()["my_full_answers"][question]

    moderate(world, {"action": "approve", "all": True})

    after = client.get(f"/api/live/{code}").json()["my_full_answers"][question]
    assert (before["text_status"], after["text_status"]) == ("held", "published")
    assert Response.objects.get(participant=participant).text_status == TextStatus.PUBLISHED
