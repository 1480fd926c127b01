"""REST for word clouds and walls: adding them, the question picker, moderating answers
from the console (roles), what phones see, and the export."""

import uuid
from typing import Any

import pytest
from django.conf import settings

from forum.core.roles import Role
from forum.live.models import ActivityKind
from forum.live.services import live_session_goto
from forum.polls.models import Response, TextStatus
from tests.api.assertions import assert_error, db_state
from tests.factories import UserFactory
from tests.forum.live.test_open_text_activities import HELD_TEXT, cloud_and_wall_session, say

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.fixture
def world() -> dict[str, Any]:
    session, worker, cloud, wall = cloud_and_wall_session()
    live_session_goto(session=session, actor=worker, activity_id=wall.pk)
    # The wall's cards reach phones that have not answered (the youth worker's choice).
    session.activities.update(results_before_answer=True)
    return {
        "code": session.join_code,
        "session": session,
        "worker": worker,
        "cloud": cloud,
        "wall": wall,
        "held": say(wall, HELD_TEXT),
    }


def joined(api_client, code: str):
    assert api_client.post("/api/join", {"code": code}, format="json").status_code == 200
    assert settings.PARTICIPANT_COOKIE_NAME in api_client.cookies
    return api_client


def moderate_url(world: dict[str, Any], response_id: int | None = None) -> str:
    return f"/api/live/{world['code']}/answers/{response_id or world['held'].pk}/moderate"


def test_a_youth_worker_adds_a_cloud_with_a_new_question(client_for, world) -> None:
    staff = client_for(world["worker"])

    response = staff.post(
        f"/api/live/{world['code']}/activities",
        {"kind": "word_cloud", "question_text": "Ett ord om kvällen?"},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "word_cloud"
    assert body["question"]["text"] == "Ett ord om kvällen?"
    assert body["question"]["kind"] == "open_text"
    assert body["question"]["config"]["max_length"] == 40


def test_a_youth_worker_adds_a_wall_from_a_picked_question(client_for, world) -> None:
    staff = client_for(world["worker"])

    listed = staff.get(f"/api/live/{world['code']}/open-text-questions")
    assert listed.status_code == 200
    picked = next(q for q in listed.json() if q["text"] == "Ett ord om gården?")
    response = staff.post(
        f"/api/live/{world['code']}/activities",
        {"kind": "open_wall", "question_id": picked["id"]},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["question"]["id"] == picked["id"]
    assert set(picked) == {"id", "text", "poll_id", "poll_title", "poll_status", "max_length"}


def test_new_question_and_picked_question_together_is_invalid_and_changes_nothing(
    client_for, world
) -> None:
    staff = client_for(world["worker"])
    before = db_state()

    response = staff.post(
        f"/api/live/{world['code']}/activities",
        {"kind": "word_cloud", "question_text": "Ny?", "question_id": world["wall"].question_id},
        format="json",
    )

    assert_error(response, 400, "invalid")
    assert db_state() == before


@pytest.mark.parametrize("role", [None, Role.OFFICIAL])
def test_only_youth_workers_add_clouds_or_list_questions(client_for, world, role) -> None:
    user = UserFactory(roles=[role]) if role else None
    client = client_for(user)
    status = 403 if role else 401
    code = "permission_denied" if role else "not_authenticated"

    assert_error(client.get(f"/api/live/{world['code']}/open-text-questions"), status, code)
    assert_error(
        client.post(
            f"/api/live/{world['code']}/activities",
            {"kind": "word_cloud", "question_text": "Ett ord?"},
            format="json",
        ),
        status,
        code,
    )


def test_a_phone_cannot_read_the_queue_or_moderate(api_client, world) -> None:
    phone = joined(api_client, world["code"])

    assert_error(phone.get(f"/api/live/{world['code']}/console"), 401, "not_authenticated")
    assert_error(
        phone.post(moderate_url(world), {"action": "approve"}, format="json"),
        401,
        "not_authenticated",
    )
    world["held"].refresh_from_db()
    assert world["held"].text_status == TextStatus.HELD


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.COUNCIL_MEMBER])
def test_staff_without_the_youth_worker_role_cannot_moderate(client_for, world, role) -> None:
    client = client_for(UserFactory(roles=[role]))

    assert_error(client.get(f"/api/live/{world['code']}/console"), 403, "permission_denied")
    assert_error(
        client.post(moderate_url(world), {"action": "approve"}, format="json"),
        403,
        "permission_denied",
    )
    world["held"].refresh_from_db()
    assert world["held"].text_status == TextStatus.HELD


def test_the_youth_worker_sees_the_held_answer_and_approving_shows_the_card(
    client_for, api_client, world
) -> None:
    staff = client_for(world["worker"])

    queue = staff.get(f"/api/live/{world['code']}/console").json()["queue"]
    assert queue == [
        {
            "id": world["held"].pk,
            "activity_id": world["wall"].pk,
            "text": HELD_TEXT,
            "status": "held",
            "reasons": ["phone_number"],
            "kind": "answer",
        }
    ]
    phone = joined(api_client, world["code"])
    assert HELD_TEXT not in phone.get(f"/api/live/{world['code']}").content.decode()

    approved = staff.post(moderate_url(world), {"action": "approve"}, format="json")

    assert approved.status_code == 200
    assert approved.json()["status"] == "published"
    state = phone.get(f"/api/live/{world['code']}").json()
    assert state["current"]["wall"] == {
        "cards": [{"id": world["held"].pk, "text": HELD_TEXT}],
        "total": 1,
    }
    assert staff.get(f"/api/live/{world['code']}/console").json()["queue"] == []


def test_bad_moderation_input_is_an_error_and_changes_nothing(client_for, world) -> None:
    staff = client_for(world["worker"])
    other = cloud_and_wall_session()
    foreign = say(other[3], HELD_TEXT)
    before = db_state()

    assert_error(
        staff.post(moderate_url(world), {"action": "delete"}, format="json"), 400, "invalid"
    )
    assert_error(staff.post(moderate_url(world), {}, format="json"), 400, "invalid")
    assert_error(
        staff.post(moderate_url(world, foreign.pk), {"action": "approve"}, format="json"),
        404,
        "not_found",
    )
    assert_error(
        staff.post(
            f"/api/live/NOPE22/answers/{world['held'].pk}/moderate",
            {"action": "approve"},
            format="json",
        ),
        404,
        "not_found",
    )
    assert db_state() == before


def test_an_open_text_answer_from_the_phone_is_screened_and_hidden_until_approved(
    api_client, world
) -> None:
    phone = joined(api_client, world["code"])

    response = phone.post(
        f"/api/questions/{world['wall'].question_id}/answers",
        {"answer": {"text": "Maila mig på kim@example.se"}, "idempotency_key": str(uuid.uuid4())},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["text_status"] == "held"
    state = phone.get(f"/api/live/{world['code']}").json()
    assert "kim@example.se" not in str(state["current"])
    assert state["my_full_answers"][str(world["wall"].question_id)]["text_status"] == "held"


def test_the_csv_export_has_the_published_answers_and_no_held_text(client_for, world) -> None:
    say(world["wall"], "Ett café")
    say(world["cloud"], "fotboll musik")

    response = client_for(world["worker"]).get(f"/api/live/{world['code']}/export.csv")

    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "Ett café" in text
    assert "fotboll musik" in text
    assert "musik" in text
    assert HELD_TEXT not in text
    wall_line = next(line for line in text.splitlines() if "Ett café" in line)
    assert "fewer than 5" not in wall_line
    assert "färre än 5" not in wall_line
    assert Response.objects.filter(text_status=TextStatus.HELD).count() == 1


def test_activities_list_the_new_kinds_for_every_screen(api_client, world) -> None:
    state = joined(api_client, world["code"]).get(f"/api/live/{world['code']}").json()

    kinds = [a["kind"] for a in state["activities"]]
    assert kinds[-2:] == [ActivityKind.WORD_CLOUD, ActivityKind.OPEN_WALL]
    assert state["current"]["kind"] == "open_wall"
    assert state["poll"]["questions"][0]["text"] == "Vad vill ni göra?"
