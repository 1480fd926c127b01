"""Rate limits on writes: per device (participant cookie or staff user), not per IP.

DRF copies the rates into the throttle class at import, so the tests patch
THROTTLE_RATES on the class rather than overriding settings.
"""

import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.core.cache.backends.locmem import LocMemCache

from api.throttles import DeviceScopedRateThrottle, FixedWindowScopedRateThrottle
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


# --- the fixed-window counter, on both caches ------------------------------------------------

REDIS_FOR_TESTS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/10"


def _redis_cache() -> Any:
    from config.cache import ProcessRedisCache

    backend = ProcessRedisCache(REDIS_FOR_TESTS, {"KEY_PREFIX": f"throttle-{uuid.uuid4().hex}"})
    try:
        backend.get("ping")
    except Exception:  # no Redis on this machine: that half is skipped
        pytest.skip("no Redis reachable")
    return backend


@pytest.fixture(params=["locmem", "redis"])
def counter_cache(request, monkeypatch) -> Any:
    """The throttles' cache: Django's locmem (the embedded default) or our Redis backend."""
    if request.param == "locmem":
        backend: Any = LocMemCache(f"throttle-{uuid.uuid4().hex}", {})
    else:
        backend = _redis_cache()
    monkeypatch.setattr(FixedWindowScopedRateThrottle, "cache", backend)
    return backend


@pytest.fixture
def clock(monkeypatch) -> list[float]:
    """The throttles' clock, set by the test: ``clock[0]`` seconds since the epoch."""
    now = [1_800_000_000.0 + 10]  # 10 s into a minute
    monkeypatch.setattr(FixedWindowScopedRateThrottle, "clock", lambda _self: now[0])
    return now


def test_device_gets_its_limit_then_rate_limited_until_the_window_ends(
    low_rates, counter_cache, clock, api_client
) -> None:
    session = LiveSessionFactory()
    question = poll_of(session).questions.get()
    option = question.options.first()
    api_client.post("/api/join", {"code": session.join_code}, format="json")
    assert [vote(api_client, question, option).status_code for _ in range(2)] == [200, 200]

    refused = vote(api_client, question, option)

    assert_error(refused, 429, "rate_limited")
    assert refused["Retry-After"] == "51"  # 50 s left in the minute, rounded up
    clock[0] += 50  # the next minute: a fresh count
    assert vote(api_client, question, option).status_code == 200


def test_devices_behind_one_address_count_apart(
    low_rates, counter_cache, clock, client_for
) -> None:
    session = LiveSessionFactory()
    question = poll_of(session).questions.get()
    option = question.options.first()
    phone_a, phone_b = client_for(None), client_for(None)
    for phone in (phone_a, phone_b):
        phone.post("/api/join", {"code": session.join_code}, format="json")
    for _ in range(2):
        vote(phone_a, question, option)

    assert_error(vote(phone_a, question, option), 429, "rate_limited")
    assert vote(phone_b, question, option).status_code == 200


def test_new_devices_are_counted_per_address(low_rates, counter_cache, clock, client_for) -> None:
    session = LiveSessionFactory()

    def join(address: str) -> Any:
        return client_for(None).post(
            "/api/join", {"code": session.join_code}, format="json", REMOTE_ADDR=address
        )

    assert [join("198.51.100.7").status_code for _ in range(3)] == [200, 200, 200]

    refused = join("198.51.100.7")

    assert_error(refused, 429, "rate_limited")
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert join("198.51.100.8").status_code == 200  # another address, its own count


def test_counter_loses_no_request_under_parallel_calls(counter_cache, clock) -> None:
    # cache.add + cache.incr are atomic: threads racing on one window's key count exactly.
    throttle = DeviceScopedRateThrottle()
    throttle.window_seconds = 60
    key = f"parallel-{uuid.uuid4().hex}"

    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = list(pool.map(lambda _i: throttle._counted(key), range(200)))

    assert sorted(counts) == list(range(1, 201))
