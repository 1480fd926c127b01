"""Word clouds and walls over the websockets: held answers reach the console's queue only,
approving puts the card on every screen, and a phone can neither see nor moderate."""

import json
import uuid
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client

from forum.core.roles import Role
from forum.live.services import live_session_goto
from forum.polls.models import Response, ResultsVisibility, TextStatus
from tests.api.live.test_consumers import closed_with, communicator, receive
from tests.api.live.test_socket_writes import phone_headers, staff_headers
from tests.factories import participant_with_token
from tests.forum.live.test_open_text_activities import HELD_TEXT, cloud_and_wall_session
from tests.support.mfa import staff_login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("youth_workers_in_every_forum"),
]


@pytest.fixture
def world() -> dict[str, Any]:
    session, worker, cloud, wall = cloud_and_wall_session()
    live_session_goto(session=session, actor=worker, activity_id=wall.pk)
    # The wall's cards reach phones that have not answered (the youth worker's choice).
    session.activities.update(results_before_answer=True)
    _participant, token = participant_with_token()
    return {"session": session, "worker": worker, "cloud": cloud, "wall": wall, "token": token}


def rest_answer(world: dict[str, Any], text: str) -> dict[str, Any]:
    client = Client()
    client.cookies[settings.PARTICIPANT_COOKIE_NAME] = world["token"]
    response = client.post(
        f"/api/questions/{world['wall'].question_id}/answers",
        {"answer": {"text": text}, "idempotency_key": str(uuid.uuid4())},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def rest_moderate(world: dict[str, Any], response_id: int, action: str) -> int:
    client = Client()
    staff_login(client, world["worker"])
    return client.post(
        f"/api/live/{world['session'].join_code}/answers/{response_id}/moderate",
        {"action": action},
        content_type="application/json",
    ).status_code


async def frames_until(comm, wanted, predicate) -> list[str]:
    """Raw frames up to and including the first frame of type ``wanted`` matching."""
    seen: list[str] = []
    while True:
        raw = await comm.receive_from(timeout=5)
        seen.append(raw)
        frame = json.loads(raw)
        if frame["type"] == wanted and predicate(frame):
            return seen


async def test_a_held_answer_reaches_the_console_only_and_approving_puts_it_on_the_wall(
    world,
) -> None:
    code = world["session"].join_code
    console = communicator(
        f"/ws/live/{code}/console/", await database_sync_to_async(staff_headers)(Role.YOUTH_WORKER)
    )
    assert (await console.connect())[0]
    assert (await receive(console, "console"))["queue"] == []
    phone = communicator(f"/ws/live/{code}/", phone_headers(world["token"]))
    assert (await phone.connect())[0]
    first = await receive(phone, "snapshot")
    assert first["session"]["current"]["kind"] == "open_wall"
    assert first["session"]["current"]["wall"] == {"cards": [], "total": 0}

    ack = await database_sync_to_async(rest_answer)(world, HELD_TEXT)
    assert ack["text_status"] == "held"

    # The answer arrives as a tally event: the console's queue follows without a full rebuild.
    queue = (await receive(console, "console"))["queue"]
    assert [(e["kind"], e["text"], e["activity_id"]) for e in queue] == [
        ("answer", HELD_TEXT, world["wall"].pk)
    ]
    held_id = queue[0]["id"]

    status = await database_sync_to_async(rest_moderate)(world, held_id, "approve")
    assert status == 200

    seen = await frames_until(
        phone, "snapshot", lambda f: f["session"]["current"]["wall"]["total"] == 1
    )
    assert json.loads(seen[-1])["session"]["current"]["wall"]["cards"] == [
        {"id": held_id, "text": HELD_TEXT}
    ]
    # Before approval the text never reached the phone, and no console frame ever did.
    assert all(HELD_TEXT not in raw for raw in seen[:-1])
    assert all(json.loads(raw)["type"] != "console" for raw in seen)
    assert (await receive(console, "console"))["queue"] == []
    await phone.disconnect()
    await console.disconnect()


async def test_a_phone_cannot_moderate_over_its_socket(world) -> None:
    code = world["session"].join_code
    ack = await database_sync_to_async(rest_answer)(world, HELD_TEXT)
    response_id = await database_sync_to_async(
        lambda: Response.objects.get(question_id=world["wall"].question_id).pk
    )()
    phone = communicator(f"/ws/live/{code}/", phone_headers(world["token"]))
    assert (await phone.connect())[0]
    await receive(phone, "snapshot")

    for frame in (
        {"type": "answer.moderate", "request_id": "m", "data": {"id": response_id}},
        {"type": "moderate", "data": {"id": response_id, "action": "approve"}},
        {"type": "console"},
    ):
        await phone.send_to(text_data=json.dumps(frame))
        error = await receive(phone, "error")
        assert error["code"] == "unsupported_message"

    status = await database_sync_to_async(
        lambda: Response.objects.get(pk=response_id).text_status
    )()
    assert ack["text_status"] == status == TextStatus.HELD
    await phone.disconnect()


async def test_a_phone_cannot_open_the_console_socket_to_read_held_answers(world) -> None:
    await database_sync_to_async(rest_answer)(world, HELD_TEXT)
    code = world["session"].join_code
    comm = communicator(f"/ws/live/{code}/console/", phone_headers(world["token"]))
    await comm.connect()

    error = await comm.receive_json_from(timeout=5)

    assert error["type"] == "error"
    assert error["code"] == "not_authenticated"
    assert await closed_with(comm) == 4401


async def test_the_big_screen_never_gets_held_text(world) -> None:
    code = world["session"].join_code
    screen = communicator(
        f"/ws/live/{code}/presenter/", await database_sync_to_async(staff_headers)(Role.OFFICIAL)
    )
    assert (await screen.connect())[0]
    await receive(screen, "snapshot")

    await database_sync_to_async(rest_answer)(world, HELD_TEXT)
    seen = await frames_until(
        screen, "snapshot", lambda f: f["session"]["current"]["answer_count"] == 1
    )

    assert all(HELD_TEXT not in raw for raw in seen)
    assert json.loads(seen[-1])["session"]["current"]["wall"] == {"cards": [], "total": 0}
    await screen.disconnect()


async def test_phones_get_no_cards_while_the_polls_mode_withholds_results(world) -> None:
    def on_reveal_with_a_card() -> None:
        poll = world["wall"].question.poll
        poll.results_visibility = ResultsVisibility.ON_REVEAL
        poll.save()
        rest_answer(world, "Ett café")

    await database_sync_to_async(on_reveal_with_a_card)()
    code = world["session"].join_code
    screen = communicator(
        f"/ws/live/{code}/presenter/", await database_sync_to_async(staff_headers)(Role.OFFICIAL)
    )
    assert (await screen.connect())[0]
    phone = communicator(f"/ws/live/{code}/", phone_headers(world["token"]))
    assert (await phone.connect())[0]

    on_screen = (await receive(screen, "snapshot"))["session"]["current"]
    on_phone = (await receive(phone, "snapshot"))["session"]["current"]

    assert [c["text"] for c in on_screen["wall"]["cards"]] == ["Ett café"]
    assert on_phone["wall"] is None
    assert on_phone["results"] is None
    assert on_phone["answer_count"] == 1
    await phone.disconnect()
    await screen.disconnect()
