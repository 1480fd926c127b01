"""Sockets for prepared sessions and idea collections: phones wait for the start, the big
screen shows the draft, and idea changes on a board refresh the sessions that show it."""

import uuid
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client

from config.asgi import application
from forum.core.roles import Role
from forum.ideas.services import idea_submit, idea_support_add
from forum.live.models import ActivityKind, LiveSession
from forum.live.services import (
    live_activity_add,
    live_idea_submit,
    live_session_begin,
    live_session_prepare,
)
from tests.api.live.communicator import WebsocketCommunicator
from tests.factories import ForumFactory, IdeaBoardFactory, ParticipantFactory, UserFactory
from tests.support.mfa import staff_login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("youth_workers_in_every_forum"),
]

SAME_ORIGIN = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
TIMEOUT = 5


def communicator(path: str, headers: list[tuple[bytes, bytes]]) -> WebsocketCommunicator:
    return WebsocketCommunicator(application, path, headers=headers)


async def receive(comm: WebsocketCommunicator, wanted: str) -> dict[str, Any]:
    while True:
        frame = await comm.receive_json_from(timeout=TIMEOUT)
        if frame["type"] == wanted:
            return frame


def staff_headers(user) -> list[tuple[bytes, bytes]]:
    client = Client()
    staff_login(client, user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [*SAME_ORIGIN, (b"cookie", f"{settings.SESSION_COOKIE_NAME}={value}".encode())]


def prepared() -> dict[str, Any]:
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    forum = ForumFactory(pre_moderation=False)
    board = IdeaBoardFactory(forum=forum)
    session = live_session_prepare(forum=forum, actor=worker, title="Idékväll")
    activity = live_activity_add(
        session=session, actor=worker, kind=ActivityKind.IDEA_COLLECTION, board=board
    )
    return {
        "worker": worker,
        "session": session,
        "board": board,
        "activity": activity,
        "headers": staff_headers(worker),
    }


async def test_a_phone_socket_on_a_draft_is_told_it_has_not_started() -> None:
    world = await database_sync_to_async(prepared)()
    phone = communicator(f"/ws/live/{world['session'].join_code}/", SAME_ORIGIN)
    await phone.connect()

    error = await receive(phone, "error")
    output = await phone.receive_output(timeout=TIMEOUT)

    assert error["code"] == "session_not_started"
    assert output == {"type": "websocket.close", "code": 4409}


async def test_the_big_screen_shows_the_draft_then_the_start() -> None:
    world = await database_sync_to_async(prepared)()
    code = world["session"].join_code
    screen = communicator(f"/ws/live/{code}/presenter/", world["headers"])
    await screen.connect()
    first = await receive(screen, "snapshot")
    assert first["session"]["state"] == "draft"
    assert first["session"]["current"] is None

    await database_sync_to_async(live_session_begin)(
        session=world["session"], actor=world["worker"]
    )

    started = await receive(screen, "snapshot")
    assert started["session"]["state"] == "running"
    assert started["session"]["current"]["id"] == world["activity"].pk
    await screen.disconnect()


async def test_ideas_posted_on_the_board_anywhere_refresh_the_big_screen() -> None:
    world = await database_sync_to_async(prepared)()
    await database_sync_to_async(live_session_begin)(
        session=world["session"], actor=world["worker"]
    )
    code = world["session"].join_code
    screen = communicator(f"/ws/live/{code}/presenter/", world["headers"])
    await screen.connect()
    assert (await receive(screen, "snapshot"))["session"]["current"]["ideas"] == []
    author, supporter = await database_sync_to_async(ParticipantFactory.create_batch)(2)

    # Through the ideas app itself (the board's own page), not the live endpoint.
    idea = await database_sync_to_async(idea_submit)(
        board=world["board"],
        participant=author,
        title="Skatepark",
        text="Vid torget",
        idempotency_key=uuid.uuid4(),
    )
    cards = (await receive(screen, "snapshot"))["session"]["current"]["ideas"]
    assert [(c["id"], c["supports"]) for c in cards] == [(idea.pk, 0)]

    await database_sync_to_async(idea_support_add)(idea=idea, participant=supporter)
    cards = (await receive(screen, "snapshot"))["session"]["current"]["ideas"]
    assert [(c["id"], c["supports"]) for c in cards] == [(idea.pk, 1)]
    await screen.disconnect()


async def test_held_ideas_reach_only_the_console() -> None:
    world = await database_sync_to_async(prepared)()
    forum = world["session"].forum
    forum.pre_moderation = True
    await database_sync_to_async(forum.save)()
    await database_sync_to_async(live_session_begin)(
        session=world["session"], actor=world["worker"]
    )
    code = world["session"].join_code
    console = communicator(f"/ws/live/{code}/console/", world["headers"])
    await console.connect()
    assert (await receive(console, "console"))["ideas"] == []
    author = await database_sync_to_async(ParticipantFactory)()

    idea = await database_sync_to_async(live_idea_submit)(
        session=world["session"],
        participant=author,
        activity_id=world["activity"].pk,
        title="Ring mig",
        text="",
        idempotency_key=uuid.uuid4(),
    )

    frame = await receive(console, "console")
    assert [(i["id"], i["status"]) for i in frame["ideas"]] == [(idea.pk, "held")]
    await console.disconnect()


async def test_a_phone_is_admitted_when_the_start_beat_the_hubs_rebuild() -> None:
    world = await database_sync_to_async(prepared)()
    code = world["session"].join_code
    screen = communicator(f"/ws/live/{code}/presenter/", world["headers"])
    await screen.connect()
    assert (await receive(screen, "snapshot"))["session"]["state"] == "draft"
    # Started behind the hub's back: no event reaches it, its snapshot still says draft.
    await database_sync_to_async(LiveSession.objects.filter(pk=world["session"].pk).update)(
        state="running"
    )

    phone = communicator(f"/ws/live/{code}/", SAME_ORIGIN)
    connected, _ = await phone.connect()

    assert connected
    assert (await receive(phone, "snapshot"))["type"] == "snapshot"
    await phone.disconnect()
    await screen.disconnect()
