"""The board socket only ever says "changed": held, hidden or rejected content never
travels over it, and nothing at all is sent for a post nobody else may see yet."""

import json
import uuid

import pytest
from channels.db import database_sync_to_async

from api.ideas import consumers
from config.asgi import application
from forum.core.roles import Role
from forum.ideas.services import idea_moderate, idea_submit, idea_support_add
from tests.api.live.communicator import WebsocketCommunicator
from tests.factories import IdeaBoardFactory, IdeaFactory, ParticipantFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("youth_workers_in_every_forum"),
]

SAME_ORIGIN = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
SECRET = "Ring mig på 070-123 45 67"


@pytest.fixture(autouse=True)
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(consumers, "BOARD_NOTIFY_INTERVAL_SECONDS", 0.05)


async def connect(board_id: int) -> WebsocketCommunicator:
    comm = WebsocketCommunicator(application, f"/ws/ideas/boards/{board_id}/", headers=SAME_ORIGIN)
    connected, _ = await comm.connect()
    assert connected
    assert await comm.receive_json_from(timeout=5) == {"type": "board_changed"}
    return comm


async def test_held_posts_send_nothing_and_approval_sends_only_a_notification() -> None:
    board = await database_sync_to_async(IdeaBoardFactory)(forum__pre_moderation=True)
    comm = await connect(board.pk)

    idea = await database_sync_to_async(idea_submit)(
        board=board,
        participant=await database_sync_to_async(ParticipantFactory)(),
        title="Hemligt",
        text=SECRET,
        idempotency_key=uuid.uuid4(),
    )
    assert idea.moderation_state == "held"
    assert await comm.receive_nothing(timeout=0.3)

    worker = await database_sync_to_async(UserFactory)(roles=[Role.YOUTH_WORKER])
    await database_sync_to_async(idea_moderate)(idea=idea, action="hide", actor=worker)
    frame = await comm.receive_from(timeout=5)

    assert json.loads(frame) == {"type": "board_changed"}
    assert "070" not in frame
    assert "Hemligt" not in frame
    await comm.disconnect()


async def test_a_burst_of_supports_is_coalesced_into_one_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(consumers, "BOARD_NOTIFY_INTERVAL_SECONDS", 2.0)
    idea = await database_sync_to_async(IdeaFactory)()
    people = [await database_sync_to_async(ParticipantFactory)() for _ in range(5)]
    comm = await connect(idea.board_id)

    for participant in people:
        await database_sync_to_async(idea_support_add)(idea=idea, participant=participant)

    assert await comm.receive_json_from(timeout=5) == {"type": "board_changed"}
    assert await comm.receive_nothing(timeout=0.3)
    await comm.disconnect()


async def test_unknown_board_is_closed_with_not_found() -> None:
    comm = WebsocketCommunicator(application, "/ws/ideas/boards/999999/", headers=SAME_ORIGIN)
    await comm.connect()
    frame = await comm.receive_json_from(timeout=5)
    assert frame["type"] == "error"
    assert frame["code"] == "not_found"
    output = await comm.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": 4404}


@pytest.mark.parametrize("path", ["/ws/ideas/boards/0/", f"/ws/ideas/boards/{2**63}/", "/ws/nope/"])
async def test_a_socket_path_no_route_matches_is_closed_with_not_found(path) -> None:
    # Channels' router raised "No route found": the handshake answered 500 (found by hand).
    comm = WebsocketCommunicator(application, path, headers=SAME_ORIGIN)
    await comm.connect()
    frame = await comm.receive_json_from(timeout=5)
    assert frame["type"] == "error"
    assert frame["code"] == "not_found"
    output = await comm.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": 4404}
