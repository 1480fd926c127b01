"""The connect path: phones arriving together share their database work; idle frames
(a ping) and the phone endpoint's handshake cost no database thread hop."""

import asyncio
import json
import uuid
from typing import Any

import pytest
from asgiref.sync import SyncToAsync
from channels.db import database_sync_to_async

from forum.live.selectors import live_participants_state
from forum.live.services import live_answer_submit
from tests.api.live.test_consumers import communicator, receive
from tests.api.live.test_socket_writes import phone_headers
from tests.factories import live_session_with_activities, participant_with_token

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict[str, Any]:
    session, _worker = live_session_with_activities()
    activity = session.activities.select_related("question").first()
    assert activity is not None
    assert activity.question is not None
    phones = [participant_with_token() for _ in range(4)]
    options = [o.pk for o in activity.question.options.all()]
    for i, (participant, _token) in enumerate(phones[:3]):
        live_answer_submit(
            session=session,
            participant=participant,
            question_id=activity.question.pk,
            option_id=options[i % 2],
            idempotency_key=uuid.uuid4(),
        )
    return {"session": session, "phones": phones, "question": activity.question, "options": options}


async def test_phones_connecting_together_each_get_their_own_answers(world) -> None:
    path = f"/ws/live/{world['session'].join_code}/"
    comms = [communicator(path, phone_headers(token)) for _p, token in world["phones"]]
    stranger = communicator(path, phone_headers("not-a-token"))

    await asyncio.gather(*(c.connect() for c in [*comms, stranger]))
    mines = [await receive(c, "mine") for c in comms]

    question = str(world["question"].pk)
    assert [m["answers"].get(question) for m in mines] == [
        world["options"][0],
        world["options"][1],
        world["options"][0],
        None,  # joined, has not answered yet
    ]
    # An unknown cookie gets the shared frames only, never a "mine" frame.
    kinds = []
    while not await stranger.receive_nothing(timeout=0.3):
        kinds.append((await stranger.receive_json_from())["type"])
    assert "snapshot" in kinds
    assert "mine" not in kinds
    for c in [*comms, stranger]:
        await c.disconnect()


async def test_a_ping_costs_no_thread_hop(world, monkeypatch) -> None:
    comm = communicator(f"/ws/live/{world['session'].join_code}/")  # no cookie: no resume
    await comm.connect()
    await receive(comm, "presence")
    hops: list[Any] = []
    real_call = SyncToAsync.__call__

    async def counting(self: SyncToAsync, *args: Any, **kwargs: Any) -> Any:
        hops.append(self.func)
        return await real_call(self, *args, **kwargs)

    monkeypatch.setattr(SyncToAsync, "__call__", counting)

    for _ in range(3):
        await comm.send_to(text_data=json.dumps({"type": "ping"}))
        assert (await receive(comm, "pong"))["type"] == "pong"

    # (The hub may meanwhile write the presence count to the cache, at most once a second:
    # that is the hub's, not a frame's.)
    assert [h for h in hops if getattr(h, "__name__", "") != "set"] == []
    monkeypatch.undo()
    await comm.disconnect()


async def test_the_state_of_many_phones_is_five_queries_however_many_phones(
    world, django_assert_max_num_queries
):
    """Four as before, and one more: whether each phone was asked 'about you' yet."""
    participants = [p for p, _token in world["phones"]]

    def states() -> dict[int, Any]:
        with django_assert_max_num_queries(5):
            return live_participants_state(session=world["session"], participants=participants)

    found = await database_sync_to_async(states)()

    assert sorted(len(found[p.pk].full_answers) for p in participants) == [0, 1, 1, 1]
