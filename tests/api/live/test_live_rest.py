"""REST for live sessions: phone answers and Q&A, the console's controls and queue."""

import uuid
from typing import Any

import pytest
from django.conf import settings

from forum.core.roles import Role
from forum.live.models import ActivityKind, QaQuestion, QaUpvote
from forum.polls.models import Response
from tests.api.assertions import assert_error
from tests.factories import UserFactory, live_session_with_activities

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    session, worker = live_session_with_activities()
    first = session.activities.select_related("question").first()
    assert first is not None
    assert first.question is not None
    return {
        "code": session.join_code,
        "session": session,
        "worker": worker,
        "question": first.question,
        "options": [o.pk for o in first.question.options.all()],
        "qa": session.activities.get(kind=ActivityKind.QA),
    }


def joined(api_client, code: str):
    assert api_client.post("/api/join", {"code": code}, format="json").status_code == 200
    assert settings.PARTICIPANT_COOKIE_NAME in api_client.cookies
    return api_client


def test_answer_over_rest_is_idempotent(api_client, world) -> None:
    phone = joined(api_client, world["code"])
    body = {
        "question_id": world["question"].pk,
        "option_id": world["options"][0],
        "idempotency_key": str(uuid.uuid4()),
    }

    first = phone.post(f"/api/live/{world['code']}/answers", body, format="json")
    again = phone.post(f"/api/live/{world['code']}/answers", body, format="json")

    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert Response.objects.count() == 1


def test_a_locked_activity_refuses_rest_answers_in_the_error_shape(
    api_client, client_for, world
) -> None:
    staff = client_for(world["worker"])
    assert (
        staff.post(f"/api/live/{world['code']}/control", {"action": "lock"}, format="json").json()[
            "controls"
        ]["answering_open"]
        is False
    )
    phone = joined(api_client, world["code"])

    response = phone.post(
        f"/api/live/{world['code']}/answers",
        {
            "question_id": world["question"].pk,
            "option_id": world["options"][0],
            "idempotency_key": str(uuid.uuid4()),
        },
        format="json",
    )

    assert_error(response, 409, "answering_locked")
    assert Response.objects.count() == 0


def test_console_controls_drive_the_state(client_for, world) -> None:
    staff = client_for(world["worker"])
    url = f"/api/live/{world['code']}/control"

    after_next = staff.post(url, {"action": "next"}, format="json").json()
    hidden = staff.post(url, {"action": "hide"}, format="json").json()
    counting = staff.post(url, {"action": "countdown", "seconds": 30}, format="json").json()
    goto = staff.post(url, {"action": "goto", "activity_id": world["qa"].pk}, format="json")

    ids = [a["id"] for a in after_next["activities"]]
    assert after_next["current"]["id"] == ids[1]
    assert hidden["controls"]["results_visible"] is False
    assert hidden["current"]["results"] is None
    assert hidden["results"] is None
    assert counting["controls"]["countdown_ends_at"] is not None
    assert goto.json()["current"]["kind"] == "qa"


def test_bad_control_input_is_invalid_and_changes_nothing(client_for, world) -> None:
    staff = client_for(world["worker"])
    url = f"/api/live/{world['code']}/control"

    for body in ({"action": "dance"}, {"action": "goto"}, {"action": "countdown", "seconds": -1}):
        assert_error(staff.post(url, body, format="json"), 400, "invalid")
    world["session"].refresh_from_db()
    assert world["session"].version == 2  # the two activities the factory added


def test_a_phone_cannot_drive_the_console_or_read_the_queue(api_client, world) -> None:
    phone = joined(api_client, world["code"])

    assert_error(
        phone.post(f"/api/live/{world['code']}/control", {"action": "next"}, format="json"),
        401,
        "not_authenticated",
    )
    assert_error(phone.get(f"/api/live/{world['code']}/console"), 401, "not_authenticated")


def test_qa_post_upvote_and_moderation_over_rest(api_client, client_for, world) -> None:
    staff = client_for(world["worker"])
    staff.post(
        f"/api/live/{world['code']}/control",
        {"action": "goto", "activity_id": world["qa"].pk},
        format="json",
    )
    phone = joined(api_client, world["code"])

    posted = phone.post(
        f"/api/live/{world['code']}/qa",
        {
            "activity_id": world["qa"].pk,
            "text": "Kan vi få en pingisrobot?",
            "idempotency_key": str(uuid.uuid4()),
        },
        format="json",
    )
    assert posted.status_code == 201
    assert posted.json()["status"] == "published"
    question_id = posted.json()["id"]
    upvote = {"question_id": question_id}
    assert (
        phone.post(f"/api/live/{world['code']}/qa/upvotes", upvote, format="json").status_code
        == 200
    )
    assert (
        phone.post(f"/api/live/{world['code']}/qa/upvotes", upvote, format="json").status_code
        == 200
    )
    assert QaUpvote.objects.count() == 1
    hidden = staff.post(
        f"/api/live/{world['code']}/qa/{question_id}/moderate", {"action": "hide"}, format="json"
    )
    state = staff.get(f"/api/live/{world['code']}")
    queue = staff.get(f"/api/live/{world['code']}/console")

    assert hidden.json()["status"] == "hidden"
    assert state.json()["current"]["qa"] == []
    assert [q["id"] for q in queue.json()["queue"]] == [question_id]
    assert QaQuestion.objects.get().status == "hidden"


def test_an_official_cannot_moderate(client_for, world) -> None:
    official = client_for(UserFactory(roles=[Role.OFFICIAL]))

    assert_error(
        official.post(f"/api/live/{world['code']}/control", {"action": "next"}, format="json"),
        403,
        "permission_denied",
    )
