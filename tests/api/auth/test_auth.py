import pytest
from django.conf import settings
from rest_framework.test import APIClient

from forum.core.roles import Role
from tests.api.assertions import assert_error
from tests.factories import STAFF_PASSWORD, ForumFactory, LiveSessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def login(client, username: str, password: str):
    return client.post(
        "/api/auth/login", {"username": username, "password": password}, format="json"
    )


def me(client) -> dict:
    return client.get("/api/auth/me").json()


@pytest.fixture
def worker():
    return UserFactory(username="ungdom", password=STAFF_PASSWORD, roles=[Role.YOUTH_WORKER])


def test_login_sets_a_session(api_client, worker) -> None:
    response = login(api_client, "ungdom", STAFF_PASSWORD)

    assert response.status_code == 200
    assert response.json() == {
        "authenticated": True,
        "username": "ungdom",
        "roles": ["youth_worker"],
        "mfa_required": False,
        "mfa_enrolment_required": False,
        "city_login_url": None,
    }
    assert response.cookies[settings.SESSION_COOKIE_NAME]["httponly"] is True
    assert int(api_client.session["_auth_user_id"]) == worker.pk
    assert me(api_client)["authenticated"] is True


def test_me_when_anonymous(api_client) -> None:
    assert me(api_client) == {
        "authenticated": False,
        "username": None,
        "roles": [],
        "mfa_required": False,
        "mfa_enrolment_required": False,
        "city_login_url": None,
    }


def test_login_with_wrong_password(api_client, worker) -> None:
    body = assert_error(login(api_client, "ungdom", "wrong"), 400, "invalid_credentials")

    assert body["fields"] == {}
    assert me(api_client)["authenticated"] is False


def test_login_unknown_user_looks_like_a_wrong_password(api_client) -> None:
    assert_error(login(api_client, "nobody", "whatever"), 400, "invalid_credentials")


def test_user_without_role_cannot_log_in(api_client) -> None:
    UserFactory(username="utan-roll", password=STAFF_PASSWORD)

    assert_error(login(api_client, "utan-roll", STAFF_PASSWORD), 400, "invalid_credentials")
    assert me(api_client)["authenticated"] is False
    assert "_auth_user_id" not in api_client.session


def test_inactive_user_cannot_log_in(api_client) -> None:
    UserFactory(username="slutat", password=STAFF_PASSWORD, roles=[Role.OFFICIAL], is_active=False)

    assert_error(login(api_client, "slutat", STAFF_PASSWORD), 400, "invalid_credentials")


def test_login_missing_fields(api_client) -> None:
    body = assert_error(api_client.post("/api/auth/login", {}, format="json"), 400, "invalid")

    assert set(body["fields"]) == {"username", "password"}


def test_lockout_after_failure_limit_even_with_right_password(api_client, worker) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for _ in range(limit - 1):
        assert_error(login(api_client, "ungdom", "wrong"), 400, "invalid_credentials")
    # The failure that reaches the limit is itself answered with the lockout: axes records
    # it during authentication and its middleware turns that response into ours.
    assert_error(login(api_client, "ungdom", "wrong"), 429, "login_locked")

    locked = login(api_client, "ungdom", STAFF_PASSWORD)

    assert_error(locked, 429, "login_locked")
    assert me(api_client)["authenticated"] is False


def test_failures_below_the_limit_do_not_lock(api_client, worker) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(api_client, "ungdom", "wrong")

    assert login(api_client, "ungdom", STAFF_PASSWORD).status_code == 200


def test_lockout_is_per_username(api_client, worker) -> None:
    UserFactory(username="kollega", password=STAFF_PASSWORD, roles=[Role.OFFICIAL])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(api_client, "ungdom", "wrong")

    assert login(api_client, "kollega", STAFF_PASSWORD).status_code == 200


def test_logout_ends_the_session(client_for, worker) -> None:
    client = client_for(worker)
    assert me(client)["authenticated"] is True

    assert client.post("/api/auth/logout").status_code == 204
    assert me(client)["authenticated"] is False


def test_staff_writes_need_the_csrf_token(worker) -> None:
    session = LiveSessionFactory(forum=ForumFactory(staff=[worker]))
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(worker)

    refused = browser.post(f"/api/live/{session.join_code}/end")

    assert_error(refused, 403, "csrf_failed")
    session.refresh_from_db()
    assert session.state == "running"
    browser.get("/api/auth/me")  # sets the csrftoken cookie, as the SPA does on load
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value
    accepted = browser.post(f"/api/live/{session.join_code}/end", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200
