"""PUT /api/forums/{id}/languages and the languages in the staff and phone forum outputs."""

import pytest

from forum.core.roles import Role
from tests.api.assertions import assert_error
from tests.factories import ForumFactory, LiveSessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_youth_worker_chooses_the_forums_languages(client_for) -> None:
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    forum = ForumFactory(staff=[worker])
    client = client_for(worker)

    response = client.put(
        f"/api/forums/{forum.pk}/languages", {"languages": ["so", "ar"]}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json() == {"forum_id": forum.pk, "languages": ["sv", "ar", "so"]}
    assert client.get(f"/api/forums/{forum.pk}").json()["languages"] == ["sv", "ar", "so"]


def test_an_unknown_language_code_gets_the_invalid_error(client_for) -> None:
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    forum = ForumFactory(staff=[worker])
    client = client_for(worker)

    response = client.put(
        f"/api/forums/{forum.pk}/languages", {"languages": ["klingon"]}, format="json"
    )

    body = assert_error(response, 400, "invalid")
    assert "languages" in body["fields"]


def test_an_official_may_not_change_the_languages(client_for) -> None:
    forum = ForumFactory()

    response = client_for(UserFactory(roles=[Role.OFFICIAL])).put(
        f"/api/forums/{forum.pk}/languages", {"languages": ["sv"]}, format="json"
    )

    assert_error(response, 403, "permission_denied")


def test_a_phone_joining_a_session_sees_the_forums_languages(api_client) -> None:
    session = LiveSessionFactory(forum=ForumFactory(languages=["sv", "fa"]))

    body = api_client.post("/api/join", {"code": session.join_code}, format="json").json()

    assert body["forum"]["languages"] == ["sv", "fa"]
