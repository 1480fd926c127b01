"""Phones writing over the websocket, "mine" frames, resync and the staff-only console."""

import json
import uuid
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client

from forum.core.roles import Role
from forum.live.models import ActivityKind, QaQuestion
from forum.live.services import live_session_goto
from forum.polls.models import Response
from tests.api.live.communicator import WebsocketCommunicator
from tests.api.live.test_consumers import SAME_ORIGIN, closed_with, communicator, receive
from tests.factories import UserFactory, live_session_with_activities, participant_with_token
from tests.support.mfa import staff_login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("youth_workers_in_every_forum"),
]


@pytest.fixture
def world() -> dict[str, Any]:
    session, worker = live_session_with_activities()
    participant, token = participant_with_token()
    first = session.activities.select_related("question").first()
    assert first is not None
    assert first.question is not None
    return {
        "session": session,
        "worker": worker,
        "participant": participant,
        "token": token,
        "question": first.question,
        "options": [o.pk for o in first.question.options.all()],
        "qa": session.activities.get(kind=ActivityKind.QA),
    }


def phone_headers(token: str) -> list[tuple[bytes, bytes]]:
    return [*SAME_ORIGIN, (b"cookie", f"{settings.PARTICIPANT_COOKIE_NAME}={token}".encode())]


def staff_headers(role: Role | None) -> list[tuple[bytes, bytes]]:
    client = Client()
    staff_login(client, UserFactory(roles=[role] if role else []))
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [*SAME_ORIGIN, (b"cookie", f"{settings.SESSION_COOKIE_NAME}={value}".encode())]


async def phone(world: dict[str, Any], token: str | None = None) -> WebsocketCommunicator:
    headers = phone_headers(token or world["token"]) if token != "" else SAME_ORIGIN
    comm = communicator(f"/ws/live/{world['session'].join_code}/", headers)
    connected, _ = await comm.connect()
    assert connected
    await receive(comm, "snapshot")
    return comm


def answer_frame(world: dict[str, Any], option: int, key: str, request_id: str = "r1") -> str:
    data = {
        "question_id": world["question"].pk,
        "option_id": world["options"][option],
        "idempotency_key": key,
    }
    return json.dumps({"type": "answer", "request_id": request_id, "data": data})


async def count_responses(world: dict[str, Any]) -> int:
    return await database_sync_to_async(
        lambda: Response.objects.filter(participant=world["participant"]).count()
    )()


async def test_answer_over_the_socket_is_acked_after_commit_then_mine(world) -> None:
    comm = await phone(world)

    await comm.send_to(text_data=answer_frame(world, 1, str(uuid.uuid4())))
    ack = await receive(comm, "ack")
    mine = await receive(comm, "mine")

    assert ack["request_id"] == "r1"
    assert ack["result"]["counted"] is True
    assert await count_responses(world) == 1  # committed before the ack was sent
    assert mine["answers"] == {str(world["question"].pk): world["options"][1]}
    await comm.disconnect()


async def test_a_retried_socket_answer_counts_once(world) -> None:
    comm = await phone(world)
    key = str(uuid.uuid4())

    for request_id in ("a", "b"):
        await comm.send_to(text_data=answer_frame(world, 0, key, request_id))
        assert (await receive(comm, "ack"))["request_id"] == request_id

    assert await count_responses(world) == 1
    await comm.disconnect()


async def test_a_socket_answer_and_a_rest_retry_with_the_same_key_count_once(world) -> None:
    key = str(uuid.uuid4())
    comm = await phone(world)
    await comm.send_to(text_data=answer_frame(world, 0, key))
    await receive(comm, "ack")

    def rest_retry() -> int:
        client = Client()
        client.cookies[settings.PARTICIPANT_COOKIE_NAME] = world["token"]
        response = client.post(
            f"/api/live/{world['session'].join_code}/answers",
            {
                "question_id": world["question"].pk,
                "option_id": world["options"][0],
                "idempotency_key": key,
            },
            content_type="application/json",
        )
        return response.status_code

    assert await database_sync_to_async(rest_retry)() == 200
    assert await count_responses(world) == 1
    await comm.disconnect()


async def test_socket_errors_have_the_rest_error_shape(world) -> None:
    comm = await phone(world)

    await comm.send_to(
        text_data=json.dumps({"type": "answer", "request_id": "x", "data": {"option_id": "z"}})
    )
    invalid = await receive(comm, "error")
    await database_sync_to_async(live_session_goto)(
        session=world["session"], actor=world["worker"], step=2
    )
    await comm.send_to(text_data=answer_frame(world, 0, str(uuid.uuid4()), "y"))
    not_current = await receive(comm, "error")

    assert set(invalid) == {"type", "request_id", "code", "message", "fields"}
    assert invalid["code"] == "invalid"
    assert "question_id" in invalid["fields"]
    assert not_current["code"] == "activity_not_current"
    assert not_current["request_id"] == "y"
    assert await count_responses(world) == 0
    await comm.disconnect()


async def test_a_phone_without_a_cookie_must_join_first(world) -> None:
    comm = await phone(world, token="")

    await comm.send_to(text_data=answer_frame(world, 0, str(uuid.uuid4())))

    assert (await receive(comm, "error"))["code"] == "not_joined"
    await comm.disconnect()


async def test_a_reconnecting_phone_gets_the_snapshot_then_its_own_answer(world) -> None:
    comm = await phone(world)
    await comm.send_to(text_data=answer_frame(world, 1, str(uuid.uuid4())))
    await receive(comm, "ack")
    await comm.disconnect()

    again = communicator(f"/ws/live/{world['session'].join_code}/", phone_headers(world["token"]))
    await again.connect()
    first = await again.receive_json_from(timeout=5)
    snapshot = first
    frame = first
    # The hub may still be coalescing the vote: a later snapshot (after commit) carries it,
    # and may come before or after this phone's own "mine" frame.
    while frame["type"] != "mine":
        frame = await again.receive_json_from(timeout=5)
        if frame["type"] == "snapshot":
            snapshot = frame
    mine = frame
    while snapshot["session"]["current"]["answer_count"] != 1:
        snapshot = await receive(again, "snapshot")

    assert first["type"] == "snapshot"  # the full state comes first, then this phone's own
    assert mine["answers"] == {str(world["question"].pk): world["options"][1]}
    await again.disconnect()


async def test_a_late_phone_lands_on_the_current_activity(world) -> None:
    await database_sync_to_async(live_session_goto)(
        session=world["session"], actor=world["worker"], activity_id=world["qa"].pk
    )
    comm = communicator(f"/ws/live/{world['session'].join_code}/")
    await comm.connect()

    snapshot = await receive(comm, "snapshot")

    assert snapshot["session"]["current"]["id"] == world["qa"].pk
    assert snapshot["session"]["current"]["kind"] == "qa"
    await comm.disconnect()


async def test_qa_over_the_socket_held_question_stays_off_phones(world) -> None:
    await database_sync_to_async(live_session_goto)(
        session=world["session"], actor=world["worker"], activity_id=world["qa"].pk
    )
    console = communicator(
        f"/ws/live/{world['session'].join_code}/console/",
        await database_sync_to_async(staff_headers)(Role.YOUTH_WORKER),
    )
    assert (await console.connect())[0]
    assert (await receive(console, "console"))["queue"] == []
    comm = await phone(world)
    secret = "ring mig på 070-123 45 67"

    await comm.send_to(
        text_data=json.dumps(
            {
                "type": "qa.post",
                "request_id": "q",
                "data": {
                    "activity_id": world["qa"].pk,
                    "text": secret,
                    "idempotency_key": str(uuid.uuid4()),
                },
            }
        )
    )
    ack = await receive(comm, "ack")
    mine = await receive(comm, "mine")
    queue = await receive(console, "console")

    assert ack["result"]["status"] == "held"
    assert mine["questions"][0]["status"] == "held"  # the author sees it is waiting
    assert [q["text"] for q in queue["queue"]] == [secret]
    # Whatever else reaches the phone, the held text and the queue never do.
    frames = []
    while not await comm.receive_nothing(timeout=0.5):
        frames.append(await comm.receive_from())
    assert all(secret not in f and '"console"' not in f for f in frames)
    assert await database_sync_to_async(QaQuestion.objects.count)() == 1
    await comm.disconnect()
    await console.disconnect()


@pytest.mark.parametrize(("role", "close_code"), [(None, 4403), (Role.OFFICIAL, 4403)])
async def test_the_console_socket_is_for_youth_workers_only(world, role, close_code) -> None:
    headers = await database_sync_to_async(staff_headers)(role)
    comm = communicator(f"/ws/live/{world['session'].join_code}/console/", headers)
    await comm.connect()

    assert (await comm.receive_json_from(timeout=5))["code"] == "permission_denied"
    assert await closed_with(comm) == close_code


async def test_a_phone_cannot_open_the_console_socket(world) -> None:
    comm = communicator(
        f"/ws/live/{world['session'].join_code}/console/", phone_headers(world["token"])
    )
    await comm.connect()

    assert (await comm.receive_json_from(timeout=5))["code"] == "not_authenticated"
    assert await closed_with(comm) == 4401


async def test_a_phone_cannot_ask_to_join_a_staff_group(world) -> None:
    comm = await phone(world)

    for frame in (
        {"type": "subscribe", "group": f"live-{world['session'].join_code}"},
        {"type": "console"},
        {"type": "websocket.join", "group": "staff"},
    ):
        await comm.send_to(text_data=json.dumps(frame))
        assert (await receive(comm, "error"))["code"] == "unsupported_message"
    await comm.disconnect()


async def test_the_presenter_socket_cannot_write(world) -> None:
    headers = await database_sync_to_async(staff_headers)(Role.YOUTH_WORKER)
    comm = communicator(f"/ws/live/{world['session'].join_code}/presenter/", headers)
    await comm.connect()
    await receive(comm, "snapshot")

    await comm.send_to(text_data=answer_frame(world, 0, str(uuid.uuid4())))

    assert (await receive(comm, "error"))["code"] == "unsupported_message"
    await comm.disconnect()


async def test_socket_writes_are_rate_limited_per_socket(world, settings) -> None:
    settings.LIVE_SOCKET_WRITES_PER_SECOND = 1
    comm = await phone(world)
    key = str(uuid.uuid4())

    codes = []
    for n in range(4):
        await comm.send_to(text_data=answer_frame(world, 0, key, f"r{n}"))
        frame = await comm.receive_json_from(timeout=5)
        while frame["type"] not in ("ack", "error"):
            frame = await comm.receive_json_from(timeout=5)
        codes.append(frame.get("code", "ack"))

    assert codes[:2] == ["ack", "ack"]
    assert "rate_limited" in codes[2:]
    assert await count_responses(world) == 1
    await comm.disconnect()


async def test_counts_follow_the_activity_after_the_presenter_moves_on(world) -> None:
    await database_sync_to_async(live_session_goto)(
        session=world["session"], actor=world["worker"], step=1
    )
    second = await database_sync_to_async(
        lambda: world["session"].activities.select_related("question").all()[1]
    )()
    option = await database_sync_to_async(lambda: second.question.options.first().pk)()
    comm = await phone(world)

    await comm.send_to(
        text_data=json.dumps(
            {
                "type": "answer",
                "request_id": "z",
                "data": {
                    "question_id": second.question_id,
                    "option_id": option,
                    "idempotency_key": str(uuid.uuid4()),
                },
            }
        )
    )
    acked, snapshot = False, None
    # The snapshot may overtake the ack (both are after commit); one that comes before the
    # hub knows this phone answered has no results yet (results after answering), so wait
    # for the one this phone gets once it has answered.
    while not (acked and snapshot):
        frame = await comm.receive_json_from(timeout=5)
        acked = acked or frame["type"] == "ack"
        if (
            frame["type"] == "snapshot"
            and frame["session"]["current"]["answer_count"] == 1
            and frame["session"]["current"]["results"] is not None
        ):
            snapshot = frame

    assert snapshot["session"]["current"]["id"] == second.pk
    assert snapshot["session"]["current"]["results"]["question_id"] == second.question_id
    await comm.disconnect()
