"""What a phone's socket frames can do: the same refusals as REST, and the socket lives on."""

import json
import uuid

import pytest
from channels.db import database_sync_to_async

from forum.polls.models import Response
from tests.api.live.test_consumers import receive
from tests.api.live.test_socket_writes import phone, world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


async def still_answers_pings(comm) -> None:
    await comm.send_to(text_data='{"type": "ping"}')
    assert await receive(comm, "pong") == {"type": "pong"}


async def test_a_lone_surrogate_in_a_frame_is_refused_and_nothing_is_stored(world) -> None:  # noqa: F811
    comm = await phone(world)
    # By hand: json.dumps would escape a real character, a client can send the escape.
    question_id, key = world["question"].pk, uuid.uuid4()
    frame = (
        f'{{"type": "answer", "request_id": "r1", "data": {{"question_id": {question_id}, '
        f'"answer": {{"text": "hej \\ud800"}}, "idempotency_key": "{key}"}}}}'
    )
    await comm.send_to(text_data=frame)
    error = await receive(comm, "error")
    assert error["code"] == "text_invalid_characters"
    await still_answers_pings(comm)
    assert await database_sync_to_async(Response.objects.count)() == 0
    await comm.disconnect()


async def test_a_frame_nested_two_thousand_deep_does_not_kill_the_socket(world) -> None:  # noqa: F811
    comm = await phone(world)
    # Within the frame limit, and deeper than json.loads can recurse (RecursionError).
    await comm.send_to(text_data="[" * 2048)
    assert (await receive(comm, "error"))["code"] == "unsupported_message"
    await still_answers_pings(comm)
    await comm.disconnect()


@pytest.mark.parametrize("question_id", [2**63, 10**30])
async def test_a_question_id_out_of_range_over_the_socket_is_refused(world, question_id) -> None:  # noqa: F811
    comm = await phone(world)
    data = {"question_id": question_id, "option_id": 1, "idempotency_key": str(uuid.uuid4())}
    await comm.send_to(text_data=json.dumps({"type": "answer", "request_id": "r9", "data": data}))
    error = await receive(comm, "error")
    assert (error["code"], error["request_id"]) == ("id_out_of_range", "r9")
    await still_answers_pings(comm)
    await comm.disconnect()


@pytest.mark.parametrize("kind", [["answer"], {"answer": 1}])
async def test_a_frame_whose_type_is_not_a_string_does_not_kill_the_socket(world, kind) -> None:  # noqa: F811
    comm = await phone(world)
    # A list or object cannot be looked up among the actions (unhashable): found by hand.
    await comm.send_to(text_data=json.dumps({"type": kind, "request_id": "r1", "data": {}}))
    assert (await receive(comm, "error"))["code"] == "unsupported_message"
    await still_answers_pings(comm)
    await comm.disconnect()
