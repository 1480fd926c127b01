"""After a reload a live phone gets back its earlier answer to every question kind: in
the join/REST state (``my_full_answers``) and in its own ``mine`` socket frame."""

import json
import uuid
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from rest_framework.test import APIClient

from forum.core.roles import Role
from forum.live.services import live_session_start
from forum.polls.models import Poll
from tests.api.live.test_consumers import SAME_ORIGIN, communicator, receive
from tests.factories import UserFactory, all_kinds_poll, question_of

pytestmark = pytest.mark.usefixtures("youth_workers_in_every_forum")


def answers_for(poll: Poll) -> dict[int, dict[str, Any]]:
    def ids(kind: str) -> list[int]:
        return [o.pk for o in question_of(poll, kind).options.all()]

    return {
        question_of(poll, "single_choice").pk: {"option_id": ids("single_choice")[1]},
        question_of(poll, "multiple_choice").pk: {"option_ids": ids("multiple_choice")[:2]},
        question_of(poll, "yes_no").pk: {"option_id": ids("yes_no")[2]},
        question_of(poll, "scale").pk: {"value": 4},
        question_of(poll, "ranking").pk: {"order": ids("ranking")[::-1]},
        question_of(poll, "open_text").pk: {"text": "Ett café med läxhjälp"},
        question_of(poll, "budget").pk: {"allocation": {str(ids("budget")[2]): 30}},
    }


def answered_session() -> tuple[str, str, dict[int, dict[str, Any]]]:
    poll = all_kinds_poll()
    session = live_session_start(
        forum=poll.forum, poll=poll, actor=UserFactory(roles=[Role.YOUTH_WORKER])
    )
    phone = APIClient()
    assert phone.post("/api/join", {"code": session.join_code}, format="json").status_code == 200
    wanted = answers_for(poll)
    for question_id, answer in wanted.items():
        response = phone.post(
            f"/api/questions/{question_id}/answers",
            {"answer": answer, "idempotency_key": str(uuid.uuid4())},
            format="json",
        )
        assert response.status_code == 200, response.content
    token = phone.cookies[settings.PARTICIPANT_COOKIE_NAME].value
    return session.join_code, token, wanted


def same_answer(got: dict[str, Any], sent: dict[str, Any]) -> bool:
    return all(got.get(key) == value for key, value in sent.items())


@pytest.mark.django_db
def test_rest_state_carries_every_kinds_full_answer() -> None:
    code, token, wanted = answered_session()
    reloaded = APIClient()
    reloaded.cookies[settings.PARTICIPANT_COOKIE_NAME] = token

    state = reloaded.get(f"/api/live/{code}").json()

    full = state["my_full_answers"]
    assert set(full) == {str(q) for q in wanted}
    for question_id, sent in wanted.items():
        assert same_answer(full[str(question_id)]["answer"], sent), (full, sent)
    assert APIClient().get(f"/api/live/{code}").json()["my_full_answers"] == {}


@pytest.mark.django_db(transaction=True)
async def test_mine_frame_carries_every_kinds_full_answer_and_the_shared_frame_none() -> None:
    code, token, wanted = await database_sync_to_async(answered_session)()
    headers = [*SAME_ORIGIN, (b"cookie", f"{settings.PARTICIPANT_COOKIE_NAME}={token}".encode())]
    comm = communicator(f"/ws/live/{code}/", headers)
    await comm.connect()

    snapshot = await receive(comm, "snapshot")
    mine = await receive(comm, "mine")

    assert "my_full_answers" not in snapshot["session"]
    assert "Ett café" not in json.dumps(snapshot)
    for question_id, sent in wanted.items():
        assert same_answer(mine["full_answers"][str(question_id)]["answer"], sent)
    assert mine["full_answers"][str(next(iter(wanted)))]["text_status"] == ""
    await comm.disconnect()
