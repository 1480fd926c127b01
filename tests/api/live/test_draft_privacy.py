"""Before a live session starts, phones and anonymous clients learn only its title and that
it has not started; every way in to its prepared activities is closed."""

import uuid

import pytest
from channels.db import database_sync_to_async

from config.asgi import application
from forum.core.roles import Role
from forum.live.models import ActivityKind
from forum.live.services import (
    live_activity_add,
    live_activity_image_set,
    live_session_begin,
    live_session_prepare,
)
from forum.polls.models import PollStatus, Response
from tests.api.assertions import assert_error
from tests.api.live.communicator import WebsocketCommunicator
from tests.api.live.test_prepare_rest import picture
from tests.factories import ForumFactory, PollFactory, UserFactory

pytestmark = pytest.mark.usefixtures("youth_workers_in_every_forum")

SECRET_QUESTION = "Vem i personalen borde sluta?"
SECRET_SLIDE = "Överraskning: vi åker till Gröna Lund"
SAME_ORIGIN = [(b"origin", b"http://testserver"), (b"host", b"testserver")]


def prepared_session() -> dict:
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    forum = ForumFactory()
    poll = PollFactory(
        forum=forum,
        status=PollStatus.DRAFT,
        opened_at=None,
        questions=[(SECRET_QUESTION, ["Ja", "Nej"])],
    )
    question = poll.questions.get()
    session = live_session_prepare(forum=forum, actor=worker, title="Fredagskväll")
    live_activity_add(
        session=session, actor=worker, kind=ActivityKind.INFO_SLIDE, title=SECRET_SLIDE
    )
    live_activity_add(
        session=session, actor=worker, kind=ActivityKind.POLL_QUESTION, question=question
    )
    return {"worker": worker, "session": session, "poll": poll, "question": question}


@pytest.mark.django_db
def test_anonymous_live_state_of_a_draft_has_only_title_and_state(api_client) -> None:
    world = prepared_session()

    response = api_client.get(f"/api/live/{world['session'].join_code}")

    body = response.json()
    assert response.status_code == 200
    assert body["title"] == "Fredagskväll"
    assert body["state"] == "draft"
    assert body["activities"] == []
    assert body["current"] is None
    assert body["poll"] is None
    assert SECRET_QUESTION not in response.content.decode()
    assert SECRET_SLIDE not in response.content.decode()


@pytest.mark.django_db
def test_staff_still_see_the_prepared_activities_of_a_draft(client_for) -> None:
    world = prepared_session()

    body = client_for(world["worker"]).get(f"/api/live/{world['session'].join_code}").json()

    assert [a["kind"] for a in body["activities"]] == ["info_slide", "poll_question"]
    assert SECRET_SLIDE in str(body)
    assert SECRET_QUESTION in str(body)


@pytest.mark.django_db
def test_a_drafts_slide_picture_is_not_served_by_id_until_the_start(api_client, client_for) -> None:
    world = prepared_session()
    session, worker = world["session"], world["worker"]
    slide = session.activities.get(kind=ActivityKind.INFO_SLIDE)
    live_activity_image_set(
        session=session, activity_id=slide.pk, data=picture(), alt="Karta", actor=worker
    )
    url = f"/api/live/{session.join_code}/activities/{slide.pk}/image"

    # Ids are small integers: a code holder could walk them before the youth worker shows it.
    assert_error(api_client.get(url), 404, "not_found")
    staff_copy = client_for(worker).get(url)
    assert staff_copy.status_code == 200
    assert "public" not in staff_copy["Cache-Control"]
    live_session_begin(session=session, actor=worker)
    assert api_client.get(url).status_code == 200


@pytest.mark.django_db
def test_joining_a_draft_is_refused_without_its_activities(api_client) -> None:
    world = prepared_session()

    response = api_client.post("/api/join", {"code": world["session"].join_code}, format="json")

    assert_error(response, 409, "session_not_started")
    assert SECRET_SLIDE not in response.content.decode()


@pytest.mark.django_db
def test_a_draft_sessions_questions_cannot_be_read_or_answered_by_id(api_client) -> None:
    world = prepared_session()
    question = world["question"]

    read = api_client.get(f"/api/polls/{world['poll'].pk}")
    vote = api_client.post(
        f"/api/questions/{question.pk}/responses",
        {"option_id": question.options.first().pk, "idempotency_key": str(uuid.uuid4())},
        format="json",
    )
    answer = api_client.post(
        f"/api/questions/{question.pk}/answers",
        {
            "answer": {"option_id": question.options.first().pk},
            "idempotency_key": str(uuid.uuid4()),
        },
        format="json",
    )

    # Read and answered by id: not there. The one-option vote says the poll is not open,
    # still without the question's text.
    assert_error(read, 404, "not_found")
    assert_error(vote, 409, "poll_not_open")
    assert_error(answer, 404, "not_found")
    for response in (read, vote, answer):
        assert SECRET_QUESTION not in response.content.decode()
    assert not Response.objects.exists()


@pytest.mark.django_db(transaction=True)
async def test_a_phone_socket_on_a_draft_gets_no_activity_in_any_frame() -> None:
    world = await database_sync_to_async(prepared_session)()
    phone = WebsocketCommunicator(
        application, f"/ws/live/{world['session'].join_code}/", headers=SAME_ORIGIN
    )
    await phone.connect()

    frames = []
    while True:
        output = await phone.receive_output(timeout=5)
        if output["type"] == "websocket.close":
            break
        frames.append(output.get("text", ""))

    assert frames
    assert '"session_not_started"' in frames[0]
    assert not any(SECRET_SLIDE in f or SECRET_QUESTION in f for f in frames)
