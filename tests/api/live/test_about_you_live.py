"""'About you' in a live session: the phone's state says whether to offer it and whether
this device was already asked; a youth worker switches it off per session."""

import json
import uuid
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.conf import settings

from forum.core.errors import SessionEnded
from forum.core.roles import Role
from forum.live.models import LiveSession
from forum.live.services import live_about_you_set, live_session_end
from forum.participation.models import ParticipantProfile
from forum.participation.services import participant_profile_skip
from tests.api.assertions import assert_error
from tests.api.live.test_consumers import receive
from tests.api.live.test_socket_writes import phone
from tests.factories import (
    ForumFactory,
    UserFactory,
    live_session_with_activities,
    participant_with_token,
)

pytestmark = pytest.mark.usefixtures("youth_workers_in_every_forum")


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
    }


def control(client: Any, code: str, on: bool) -> Any:
    return client.post(
        f"/api/live/{code}/control", {"action": "about_you", "ask_about_you": on}, format="json"
    )


# --- REST -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_join_tells_the_phone_to_offer_it_and_whether_it_was_asked(world, api_client) -> None:
    code = world["session"].join_code
    api_client.cookies[settings.PARTICIPANT_COOKIE_NAME] = world["token"]

    before = api_client.post("/api/join", {"code": code}, format="json").json()
    participant_profile_skip(forum=world["session"].forum, participant=world["participant"])
    after = api_client.get(f"/api/live/{code}").json()

    assert before["controls"]["ask_about_you"] is True
    assert before["my_about_you_asked"] is False
    assert after["my_about_you_asked"] is True


@pytest.mark.django_db
def test_a_youth_worker_switches_it_off_and_on_from_the_console(world, client_for) -> None:
    code = world["session"].join_code
    worker = client_for(world["worker"])

    off = control(worker, code, False)

    assert off.status_code == 200, off.content
    assert off.json()["controls"]["ask_about_you"] is False
    assert LiveSession.objects.get(pk=world["session"].pk).ask_about_you is False
    assert control(worker, code, True).json()["controls"]["ask_about_you"] is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status", "code"),
    [(None, 401, "not_authenticated"), (Role.OFFICIAL, 403, "permission_denied")],
)
def test_only_a_youth_worker_may_switch_it(world, client_for, role, status, code) -> None:
    client = client_for(UserFactory(roles=[role]) if role else None)

    assert_error(control(client, world["session"].join_code, False), status, code)

    assert LiveSession.objects.get(pk=world["session"].pk).ask_about_you is True


@pytest.mark.django_db
def test_the_switch_needs_its_value(world, client_for) -> None:
    client = client_for(world["worker"])
    response = client.post(
        f"/api/live/{world['session'].join_code}/control", {"action": "about_you"}, format="json"
    )

    body = assert_error(response, 400, "invalid")

    assert "ask_about_you" in body["fields"]


@pytest.mark.django_db
def test_it_is_set_when_a_session_is_prepared_and_shown_while_preparing(client_for) -> None:
    worker = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    forum = ForumFactory()

    made = worker.post(
        f"/api/forums/{forum.pk}/live-drafts",
        {"title": "Kort fika", "ask_about_you": False},
        format="json",
    )
    code = made.json()["code"]
    switched = control(worker, code, True)  # while still a draft

    assert made.status_code == 201
    assert made.json()["ask_about_you"] is False
    assert switched.status_code == 200, switched.content
    assert worker.get(f"/api/live/{code}/prepare").json()["ask_about_you"] is True


@pytest.mark.django_db
def test_an_ended_session_cannot_be_switched(world) -> None:
    live_session_end(session=world["session"], actor=world["worker"])

    with pytest.raises(SessionEnded):
        live_about_you_set(session=world["session"], actor=world["worker"], ask=False)


@pytest.mark.django_db
def test_answering_never_needs_it(world, api_client) -> None:
    joined = api_client.post("/api/join", {"code": world["session"].join_code}, format="json")
    assert joined.json()["my_about_you_asked"] is False

    answered = api_client.post(
        f"/api/live/{world['session'].join_code}/answers",
        {
            "question_id": world["question"].pk,
            "option_id": world["options"][0],
            "idempotency_key": str(uuid.uuid4()),
        },
        format="json",
    )

    assert answered.status_code == 200, answered.content
    assert ParticipantProfile.objects.count() == 0


# --- websocket --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
async def test_the_mine_frame_says_whether_this_device_was_asked(world) -> None:
    comm = await phone(world)
    first = await receive(comm, "mine")
    await database_sync_to_async(
        lambda: participant_profile_skip(
            forum=world["session"].forum, participant=world["participant"]
        )
    )()
    await comm.disconnect()

    comm = await phone(world)
    second = await receive(comm, "mine")
    # A socket answer keeps it in the phone's "mine" frame.
    data = {
        "question_id": world["question"].pk,
        "option_id": world["options"][1],
        "idempotency_key": str(uuid.uuid4()),
    }
    await comm.send_to(text_data=json.dumps({"type": "answer", "request_id": "a", "data": data}))
    await receive(comm, "ack")
    after_answer = await receive(comm, "mine")

    assert first["about_you_asked"] is False
    assert second["about_you_asked"] is True
    assert after_answer["about_you_asked"] is True
    await comm.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_every_phone_hears_when_it_is_switched_off(world) -> None:
    comm = await phone(world)

    await database_sync_to_async(live_about_you_set)(
        session=world["session"], actor=world["worker"], ask=False
    )
    frame = (await receive(comm, "snapshot"))["session"]

    assert frame["controls"]["ask_about_you"] is False
    assert frame["my_about_you_asked"] is None  # a shared frame speaks for no one phone
    await comm.disconnect()
