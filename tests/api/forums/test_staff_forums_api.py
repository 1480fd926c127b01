"""/api/staff/forums: officials and admins create, change and archive forums and choose
their youth workers; youth workers see only their own forums (docs/decisions/0049)."""

from typing import Any
from uuid import uuid4

import pytest

from forum.core.models import Department
from forum.core.roles import Role
from forum.live.models import LiveSessionState
from forum.participation.models import Forum, ForumStaff
from tests.api.assertions import assert_error
from tests.factories import ForumFactory, LiveSessionFactory, PollFactory, UserFactory

pytestmark = pytest.mark.django_db

# Forum management's URL names: their roles are tested here and in the authorization matrix
# (tests/api/test_staff_permissions.py counts them as classified).
FORUM_ADMIN_URL_NAMES = {
    "staff-forums",
    "staff-forum",
    "staff-forum-archive",
    "staff-forum-staff",
    "staff-forum-staff-member",
    "staff-youth-workers",
    "staff-departments",
}


def test_an_official_creates_a_forum_and_gets_its_settings(client_for, official: Any) -> None:
    unit = Department.objects.create(name="Kultur och fritid", level="administration")

    response = client_for(official).post(
        "/api/staff/forums",
        {
            "name": "Ungdomsråd Tensta",
            "unit_id": unit.pk,
            "age_min": 12,
            "age_max": 18,
            "neighbourhoods": ["tensta"],
            "languages": ["sv", "ar"],
            "pre_moderation": True,
            "retention_days": 400,
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "ungdomsrad-tensta"
    assert body["unit_id"] == unit.pk
    assert (body["age_min"], body["age_max"], body["retention_days"]) == (12, 18, 400)
    assert body["neighbourhoods"] == ["tensta"]
    assert body["archived"] is False


def test_a_youth_worker_may_not_create_a_forum(client_for, youth_worker: Any) -> None:
    response = client_for(youth_worker).post(
        "/api/staff/forums", {"name": "Mitt forum"}, format="json"
    )

    assert_error(response, 403, "permission_denied")
    assert not Forum.objects.exists()


def test_bad_input_answers_400_with_fields_and_changes_nothing(client_for, official: Any) -> None:
    forum = ForumFactory(name="Före")

    response = client_for(official).patch(
        f"/api/staff/forums/{forum.pk}",
        {"name": "Efter", "age_min": 20, "age_max": 15, "neighbourhoods": ["narnia"]},
        format="json",
    )

    body = assert_error(response, 400, "invalid")
    assert {"age_min", "neighbourhoods"} <= set(body["fields"])
    forum.refresh_from_db()
    assert forum.name == "Före"


def test_an_official_renames_a_forum(client_for, official: Any) -> None:
    forum = ForumFactory(name="Före")

    response = client_for(official).patch(
        f"/api/staff/forums/{forum.pk}", {"name": "Efter", "slug": "efter"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert (response.json()["name"], response.json()["slug"]) == ("Efter", "efter")


def test_archiving_a_forum_with_a_running_session_is_refused(client_for, official: Any) -> None:
    session = LiveSessionFactory(state=LiveSessionState.RUNNING)

    response = client_for(official).post(f"/api/staff/forums/{session.forum_id}/archive")

    assert_error(response, 409, "live_session_running")
    assert Forum.objects.get(pk=session.forum_id).archived_at is None


def test_an_archived_forum_is_read_only_and_its_public_page_stays(
    client_for, official: Any, api_client
) -> None:
    forum = ForumFactory()
    client = client_for(official)

    archived = client.post(f"/api/staff/forums/{forum.pk}/archive")
    again = client.patch(f"/api/staff/forums/{forum.pk}", {"name": "Nytt"}, format="json")

    assert archived.status_code == 200
    assert archived.json()["archived"] is True
    assert_error(again, 409, "forum_archived")
    assert client.get(f"/api/forums/{forum.pk}").status_code == 200
    assert api_client.get(f"/api/public/forums/{forum.slug}").status_code == 200


def test_a_phone_cannot_answer_a_poll_in_an_archived_forum(client_for, official, api_client):
    poll = PollFactory()
    question = poll.questions.get()
    client_for(official).post(f"/api/staff/forums/{poll.forum_id}/archive")

    response = api_client.post(
        f"/api/questions/{question.pk}/answers",
        {
            "answer": {"option_id": question.options.order_by("pk")[0].pk},
            "idempotency_key": str(uuid4()),
        },
        format="json",
    )

    assert_error(response, 409, "forum_archived")
    assert not question.responses.exists()


def test_officials_add_and_remove_youth_workers(client_for, official: Any) -> None:
    forum = ForumFactory()
    worker = UserFactory(roles=[Role.YOUTH_WORKER], first_name="Amina")
    client = client_for(official)

    picked = client.get("/api/staff/youth-workers").json()
    added = client.post(
        f"/api/staff/forums/{forum.pk}/staff", {"user_id": worker.pk}, format="json"
    )
    removed = client.delete(f"/api/staff/forums/{forum.pk}/staff/{worker.pk}")

    assert [w["user_id"] for w in picked] == [worker.pk]
    assert added.status_code == 201
    assert [m["name"] for m in added.json()] == ["Amina"]
    assert removed.status_code == 204
    assert not ForumStaff.objects.filter(forum=forum).exists()


def test_a_youth_worker_lists_only_their_forums_and_cannot_open_others(client_for) -> None:
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    mine = ForumFactory(staff=[worker])
    other = ForumFactory()
    client = client_for(worker)

    listed = client.get("/api/forums").json()
    staff_listed = client.get("/api/staff/forums").json()

    assert [f["id"] for f in listed] == [mine.pk]
    assert [f["id"] for f in staff_listed] == [mine.pk]
    assert_error(client.get(f"/api/forums/{other.pk}"), 404, "not_found")
    assert_error(client.get(f"/api/staff/forums/{other.pk}/staff"), 404, "not_found")


def test_departments_are_listed_as_a_tree_with_retired_ones_marked(client_for, official) -> None:
    top = Department.objects.create(name="Förvaltningen", level="administration")
    Department.objects.create(name="Fritid", level="division", parent=top)
    Department.objects.create(
        name="Gammal", level="administration", archived_at="2026-01-01T00:00Z"
    )

    body = client_for(official).get("/api/staff/departments").json()

    # The one department list (api/departments): the tree in order, retired ones marked.
    assert [(d["name"], d["parent_id"], d["archived"]) for d in body] == [
        ("Förvaltningen", None, False),
        ("Fritid", top.pk, False),
        ("Gammal", None, True),
    ]
