"""/api/push: a phone opts in and out of notices; staff never; off without VAPID keys."""

import hashlib

import pytest

from forum.core.roles import Role
from forum.participation.models import PushSubscription
from tests.api.assertions import assert_error, db_state
from tests.factories import UserFactory, participant_with_token
from tests.support.push_service import Browser, b64url

pytestmark = pytest.mark.django_db

STATUS = "/api/push"
SUBSCRIPTION = "/api/push/subscription"


@pytest.fixture
def phone(client_for):
    def make(token: str | None = None):
        client = client_for(None)
        if token:
            client.cookies["rostrum_participant"] = token
        return client

    return make


def _hash(endpoint: str) -> str:
    """The endpoint's SHA-256: how the phone names its subscription in the URL."""
    return hashlib.sha256(endpoint.encode()).hexdigest()


def _body(endpoint: str, browser: Browser, language: str = "sv") -> dict[str, object]:
    return {
        "endpoint": endpoint,
        "keys": {"p256dh": browser.p256dh, "auth": browser.auth},
        "language": language,
    }


def test_without_vapid_keys_the_api_says_disabled_and_refuses_to_subscribe(phone, settings):
    settings.VAPID_PUBLIC_KEY = settings.VAPID_PRIVATE_KEY = settings.VAPID_SUBJECT = ""
    _participant, token = participant_with_token()
    client = phone(token)

    status = client.get(STATUS)

    assert status.json() == {
        "enabled": False,
        "public_key": "",
        "can_subscribe": False,
        "subscribed": False,
    }
    assert status["Cache-Control"] == "private, no-store"
    response = client.post(
        SUBSCRIPTION, _body("https://fcm.googleapis.com/fcm/send/a", Browser()), format="json"
    )
    assert_error(response, 404, "push_disabled")
    assert not PushSubscription.objects.exists()


def test_a_phone_subscribes_once_however_often_it_retries_and_unsubscribes(phone, push_on, service):
    participant, token = participant_with_token()
    client = phone(token)
    assert client.get(STATUS).json() == {
        "enabled": True,
        "public_key": push_on.public_key,
        "can_subscribe": True,
        "subscribed": False,
    }
    browser = Browser()

    for language in ("sv", "sv-x-lattlast"):
        response = client.post(
            SUBSCRIPTION, _body(service.endpoint("a"), browser, language), format="json"
        )
        assert response.status_code == 201
        assert response.json() == {"subscribed": True}

    row = PushSubscription.objects.get()
    assert (row.participant, row.language, row.p256dh) == (
        participant,
        "sv-x-lattlast",
        browser.p256dh,
    )
    assert client.get(STATUS).json()["subscribed"] is True
    for _ in range(2):
        response = client.delete(f"{SUBSCRIPTION}/{_hash(service.endpoint('a'))}")
        assert response.status_code == 200
    assert not PushSubscription.objects.exists()
    assert client.get(STATUS).json()["subscribed"] is False


def test_a_phone_cannot_unsubscribe_another_phones_browser(phone, push_on, service):
    _owner, owner_token = participant_with_token()
    _other, other_token = participant_with_token()
    phone(owner_token).post(SUBSCRIPTION, _body(service.endpoint("a"), Browser()), format="json")

    response = phone(other_token).delete(f"{SUBSCRIPTION}/{_hash(service.endpoint('a'))}")

    assert response.status_code == 200
    assert PushSubscription.objects.count() == 1


@pytest.mark.parametrize(
    ("endpoint", "keys", "field"),
    [
        # The server POSTs to the endpoint: only to a known push service, never elsewhere.
        ("http://169.254.169.254/latest/meta-data", None, "endpoint"),
        ("https://fcm.googleapis.com.evil.example/x", None, "endpoint"),
        ("https://user@fcm.googleapis.com/x", None, "endpoint"),
        ("SERVICE", {"p256dh": "AAAA", "auth": "AAAA"}, "p256dh"),
        ("SERVICE", {"p256dh": "!!", "auth": "AAAA"}, "p256dh"),
        # 65 bytes, 0x04 first, but not a point on P-256.
        (
            "SERVICE",
            {"p256dh": b64url(b"\x04" + b"\x01" * 64), "auth": b64url(b"a" * 16)},
            "p256dh",
        ),
        ("https://10.0.0.5:8443?.push.apple.com", None, "endpoint"),
    ],
)
def test_a_bad_subscription_is_refused_and_changes_nothing(
    phone, push_on, service, endpoint, keys, field
):
    _participant, token = participant_with_token()
    browser = Browser()
    body = _body(service.endpoint("a") if endpoint == "SERVICE" else endpoint, browser)
    if keys is not None:
        body["keys"] = keys
    before = db_state()

    response = phone(token).post(SUBSCRIPTION, body, format="json")

    error = assert_error(response, 400, "invalid")
    assert field in error["fields"]
    assert db_state() == before
    assert not PushSubscription.objects.exists()


def test_a_phone_that_took_part_in_nothing_cannot_subscribe(phone, push_on, service):
    client = phone()
    assert client.get(STATUS).json()["can_subscribe"] is False

    response = client.post(SUBSCRIPTION, _body(service.endpoint("a"), Browser()), format="json")

    assert_error(response, 409, "push_not_a_participant")


def test_staff_accounts_never_subscribe(client_for, push_on, service):
    client = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))

    assert_error(client.get(STATUS), 403, "permission_denied")
    response = client.post(SUBSCRIPTION, _body(service.endpoint("a"), Browser()), format="json")
    assert_error(response, 403, "permission_denied")
