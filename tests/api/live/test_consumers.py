"""Websocket consumers through the real ASGI application (origin check, auth, routing).

These need committed data (the hub reads in its own thread), hence transaction=True.
"""

import json
import uuid
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client

from config.asgi import application
from forum.core.roles import Role
from forum.live.services import live_session_end
from forum.polls.services import poll_response_submit
from tests.api.live.communicator import WebsocketCommunicator
from tests.factories import (
    LiveSessionFactory,
    ParticipantFactory,
    UserFactory,
    participant_with_token,
    poll_of,
)
from tests.support.mfa import staff_login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("youth_workers_in_every_forum"),
]

SAME_ORIGIN = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
TIMEOUT = 5


def communicator(
    path: str, headers: list[tuple[bytes, bytes]] | None = None
) -> WebsocketCommunicator:
    return WebsocketCommunicator(
        application, path, headers=headers if headers is not None else SAME_ORIGIN
    )


async def receive(
    comm: WebsocketCommunicator, wanted: str, timeout: float = TIMEOUT
) -> dict[str, Any]:
    """The next frame of type ``wanted``, skipping others (presence frames come and go)."""
    while True:
        frame = await comm.receive_json_from(timeout=timeout)
        if frame["type"] == wanted:
            return frame


async def closed_with(comm: WebsocketCommunicator) -> int:
    output = await comm.receive_output(timeout=TIMEOUT)
    assert output["type"] == "websocket.close", output
    return output["code"]


@pytest.fixture
def session():
    return LiveSessionFactory()


@pytest.fixture
def staff_cookie():
    def make(role: Role | None) -> list[tuple[bytes, bytes]]:
        client = Client()
        staff_login(client, UserFactory(roles=[role] if role else []))
        value = client.cookies[settings.SESSION_COOKIE_NAME].value
        return [*SAME_ORIGIN, (b"cookie", f"{settings.SESSION_COOKIE_NAME}={value}".encode())]

    return make


async def test_connect_gets_a_full_snapshot_first(session) -> None:
    comm = communicator(f"/ws/live/{session.join_code}/")
    connected, _ = await comm.connect()
    assert connected

    first = await comm.receive_json_from(timeout=TIMEOUT)

    assert first["type"] == "snapshot"
    body = first["session"]
    assert body["code"] == session.join_code
    assert body["state"] == "running"
    assert body["poll"]["id"] == session.current_poll_id
    assert body["results"]["participants"] == 0
    assert "my_answers" not in body  # the same frame goes to every phone
    await comm.disconnect()


async def test_code_in_the_path_is_normalised(session) -> None:
    comm = communicator(f"/ws/live/{session.join_code.lower()}/")
    await comm.connect()

    assert (await receive(comm, "snapshot"))["session"]["code"] == session.join_code
    await comm.disconnect()


async def test_committed_vote_pushes_a_new_snapshot(session) -> None:
    question = await database_sync_to_async(
        lambda: poll_of(session).questions.select_related("poll").get()
    )()
    option_id = await database_sync_to_async(lambda: question.options.all()[1].pk)()
    participant = await database_sync_to_async(ParticipantFactory)()
    comm = communicator(f"/ws/live/{session.join_code}/")
    await comm.connect()
    assert (await receive(comm, "snapshot"))["session"]["results"]["questions"][0]["total"] == 0

    await database_sync_to_async(poll_response_submit)(
        question=question,
        participant=participant,
        option_id=option_id,
        idempotency_key=uuid.uuid4(),
    )

    snapshot = await receive(comm, "snapshot")
    result = snapshot["session"]["results"]
    assert result["participants"] == 1
    assert {o["option_id"]: o["count"] for o in result["questions"][0]["options"]}[option_id] == 1
    await comm.disconnect()


async def test_many_votes_are_coalesced_into_few_snapshots(session) -> None:
    question = await database_sync_to_async(
        lambda: poll_of(session).questions.select_related("poll").get()
    )()
    option_id = await database_sync_to_async(lambda: question.options.all()[0].pk)()
    participants = await database_sync_to_async(ParticipantFactory.create_batch)(8)
    comm = communicator(f"/ws/live/{session.join_code}/")
    await comm.connect()
    await receive(comm, "snapshot")

    def vote_all() -> None:
        for participant in participants:
            poll_response_submit(
                question=question,
                participant=participant,
                option_id=option_id,
                idempotency_key=uuid.uuid4(),
            )

    await database_sync_to_async(vote_all)()
    snapshots = []
    while True:
        snapshots.append(await receive(comm, "snapshot"))
        if snapshots[-1]["session"]["results"]["participants"] == len(participants):
            break

    assert len(snapshots) < len(participants)  # not one frame per vote
    await comm.disconnect()


async def test_ending_the_session_pushes_ended_state(session) -> None:
    worker = await database_sync_to_async(UserFactory)(roles=[Role.YOUTH_WORKER])
    comm = communicator(f"/ws/live/{session.join_code}/")
    await comm.connect()
    await receive(comm, "snapshot")

    await database_sync_to_async(live_session_end)(session=session, actor=worker)

    assert (await receive(comm, "snapshot"))["session"]["state"] == "ended"
    await comm.disconnect()


async def test_presence_counts_phones_but_not_presenters(session, staff_cookie) -> None:
    headers = await database_sync_to_async(staff_cookie)(Role.YOUTH_WORKER)
    presenter = communicator(f"/ws/live/{session.join_code}/presenter/", headers)
    await presenter.connect()
    assert (await receive(presenter, "presence"))["count"] == 0
    phone = communicator(f"/ws/live/{session.join_code}/")
    await phone.connect()

    assert (await receive(phone, "presence"))["count"] == 1
    await phone.disconnect()
    await presenter.disconnect()


async def test_ping_gets_pong_and_other_messages_an_error(session) -> None:
    comm = communicator(f"/ws/live/{session.join_code}/")
    await comm.connect()
    await receive(comm, "snapshot")

    await comm.send_to(text_data=json.dumps({"type": "ping"}))
    assert await receive(comm, "pong") == {"type": "pong"}
    await comm.send_to(text_data=json.dumps({"type": "vote", "option_id": 1}))
    error = await receive(comm, "error")
    assert set(error) == {"type", "code", "message", "fields"}
    assert error["code"] == "unsupported_message"
    await comm.disconnect()


@pytest.mark.parametrize(
    "headers",
    [
        [(b"origin", b"http://evil.example"), (b"host", b"testserver")],
        [(b"origin", b"http://testserver.evil.example"), (b"host", b"testserver")],
        [(b"origin", b"https://testserver:8443"), (b"host", b"testserver")],
        [(b"host", b"testserver")],  # no origin at all
        [(b"origin", b"null"), (b"host", b"testserver")],
    ],
)
async def test_foreign_origin_is_refused(session, headers) -> None:
    comm = communicator(f"/ws/live/{session.join_code}/", headers)
    await comm.connect()

    error = await comm.receive_json_from(timeout=TIMEOUT)

    assert error == {
        "type": "error",
        "code": "origin_not_allowed",
        "message": error["message"],
        "fields": {},
    }
    assert await closed_with(comm) == 4403


async def test_unknown_code_is_refused() -> None:
    comm = communicator("/ws/live/NOPE99/")
    await comm.connect()

    error = await comm.receive_json_from(timeout=TIMEOUT)

    assert (error["type"], error["code"], error["fields"]) == ("error", "unknown_join_code", {})
    assert await closed_with(comm) == 4404


async def test_error_messages_follow_accept_language() -> None:
    comm = communicator("/ws/live/NOPE99/", [*SAME_ORIGIN, (b"accept-language", b"en-GB,en;q=0.9")])
    await comm.connect()

    error = await comm.receive_json_from(timeout=TIMEOUT)

    assert (
        error["message"] == "There is no open session with that code. Check the code and try again."
    )
    await closed_with(comm)


async def test_presenter_socket_refuses_anonymous(session) -> None:
    comm = communicator(f"/ws/live/{session.join_code}/presenter/")
    await comm.connect()

    error = await comm.receive_json_from(timeout=TIMEOUT)

    assert (error["type"], error["code"]) == ("error", "not_authenticated")
    assert await closed_with(comm) == 4401


async def test_participant_cannot_open_the_presenter_socket(session) -> None:
    _participant, token = await database_sync_to_async(participant_with_token)()
    headers = [*SAME_ORIGIN, (b"cookie", f"{settings.PARTICIPANT_COOKIE_NAME}={token}".encode())]
    comm = communicator(f"/ws/live/{session.join_code}/presenter/", headers)
    await comm.connect()

    assert (await comm.receive_json_from(timeout=TIMEOUT))["code"] == "not_authenticated"
    assert await closed_with(comm) == 4401


async def test_presenter_socket_refuses_staff_without_role(session, staff_cookie) -> None:
    headers = await database_sync_to_async(staff_cookie)(None)
    comm = communicator(f"/ws/live/{session.join_code}/presenter/", headers)
    await comm.connect()

    assert (await comm.receive_json_from(timeout=TIMEOUT))["code"] == "permission_denied"
    assert await closed_with(comm) == 4403


@pytest.mark.parametrize("role", [Role.YOUTH_WORKER, Role.OFFICIAL])
async def test_presenter_socket_for_staff_gets_a_snapshot(session, staff_cookie, role) -> None:
    headers = await database_sync_to_async(staff_cookie)(role)
    comm = communicator(f"/ws/live/{session.join_code}/presenter/", headers)
    connected, _ = await comm.connect()
    assert connected

    first = await comm.receive_json_from(timeout=TIMEOUT)

    assert first["type"] == "snapshot"
    assert first["session"]["code"] == session.join_code
    await comm.disconnect()


@pytest.mark.parametrize("code", ["%C3%85%C3%84%C3%96123", "%ED%A0%80", "F%C4%B0KA42"])
async def test_a_code_that_cannot_be_a_join_code_is_refused_like_an_unknown_one(code) -> None:
    # A non-ASCII code made a channel-layer group name that the layer refuses (a 500).
    comm = communicator(f"/ws/live/{code}/")
    await comm.connect()

    error = await comm.receive_json_from(timeout=TIMEOUT)

    assert (error["type"], error["code"]) == ("error", "unknown_join_code")
    assert await closed_with(comm) == 4404
