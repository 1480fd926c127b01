"""Rate limits on writes: per device (participant cookie or staff user), not per IP.

DRF copies the rates into the throttle class at import, so the tests patch
THROTTLE_RATES on the class rather than overriding settings.
"""

import uuid

import pytest

from api.throttles import DeviceScopedRateThrottle
from forum.polls.models import Response
from tests.api.assertions import assert_error
from tests.factories import LiveSessionFactory, poll_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(monkeypatch):
    rates = {
        **DeviceScopedRateThrottle.THROTTLE_RATES,
        "vote": "2/min",
        "join": "3/min",
        "login": "2/min",
    }
    monkeypatch.setattr(DeviceScopedRateThrottle, "THROTTLE_RATES", rates)
    return rates


def vote(client, question, option):
    return client.post(
        f"/api/questions/{question.pk}/responses",
        {"option_id": option.pk, "idempotency_key": str(uuid.uuid4())},
        format="json",
    )


def test_votes_over_the_rate_are_refused_with_retry_after(low_rates, api_client) -> None:
    session = LiveSessionFactory()
    question = poll_of(session).questions.get()
    first, second, third = question.options.all()
    api_client.post("/api/join", {"code": session.join_code}, format="json")
    assert vote(api_client, question, first).status_code == 200
    assert vote(api_client, question, second).status_code == 200

    response = vote(api_client, question, third)

    assert_error(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 61
    assert list(Response.objects.values_list("option_id", flat=True)) == [second.pk]


def test_vote_limit_is_per_device_not_per_ip(low_rates, client_for) -> None:
    session = LiveSessionFactory()
    question = poll_of(session).questions.get()
    phone_a, phone_b = client_for(None), client_for(None)  # same IP, like a school hall
    for phone in (phone_a, phone_b):
        phone.post("/api/join", {"code": session.join_code}, format="json")
    vote(phone_a, question, question.options.all()[0])
    vote(phone_a, question, question.options.last())
    assert vote(phone_a, question, question.options.all()[0]).status_code == 429

    assert vote(phone_b, question, question.options.all()[0]).status_code == 200


def test_join_from_new_devices_is_limited_per_ip(low_rates, client_for) -> None:
    # A device without a participant cookie can only be told apart by its IP.
    session = LiveSessionFactory()
    for _ in range(3):
        assert (
            client_for(None)
            .post("/api/join", {"code": session.join_code}, format="json")
            .status_code
            == 200
        )

    response = client_for(None).post("/api/join", {"code": session.join_code}, format="json")

    assert_error(response, 429, "rate_limited")
    assert "rostrum_participant" not in response.cookies


def test_join_again_is_limited_per_device(low_rates, api_client) -> None:
    session = LiveSessionFactory()
    api_client.post("/api/join", {"code": session.join_code}, format="json")  # counted per IP
    for _ in range(3):  # now with a cookie: counted per device
        assert (
            api_client.post("/api/join", {"code": session.join_code}, format="json").status_code
            == 200
        )

    assert_error(
        api_client.post("/api/join", {"code": session.join_code}, format="json"),
        429,
        "rate_limited",
    )


def test_login_is_rate_limited(low_rates, api_client) -> None:
    for _ in range(2):
        api_client.post("/api/auth/login", {"username": "x", "password": "y"}, format="json")

    response = api_client.post("/api/auth/login", {"username": "x", "password": "y"}, format="json")

    assert_error(response, 429, "rate_limited")
    assert "Retry-After" in response


def test_reads_are_not_throttled(low_rates, api_client) -> None:
    session = LiveSessionFactory()

    assert all(
        api_client.get(f"/api/live/{session.join_code}").status_code == 200 for _ in range(5)
    )
