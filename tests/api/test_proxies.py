"""Behind a reverse proxy: a client rotating X-Forwarded-For stays one client.

api.proxies.client_ip is what the login lockout (django-axes) and the rate limits (DRF
throttles) key on. With no trusted proxy (the default) X-Forwarded-For is never read; with
one, the right-most address the trusted proxy did not write is the client.
"""

import itertools

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from api.proxies import client_ip
from api.throttles import DeviceScopedRateThrottle
from forum.core.roles import Role
from tests.api.assertions import assert_error
from tests.factories import STAFF_PASSWORD, LiveSessionFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

PROXY = "10.0.0.1"
CLIENT = "203.0.113.7"
_spoofed = (f"198.51.100.{n % 250}" for n in itertools.count(1))


def spoofed_chain(*, behind_proxy: bool) -> dict[str, str]:
    """Request META for a client that writes a new X-Forwarded-For on every request."""
    if behind_proxy:
        # What our proxy sends: the client's header, then the address it saw.
        return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{next(_spoofed)}, {CLIENT}"}
    return {"REMOTE_ADDR": CLIENT, "HTTP_X_FORWARDED_FOR": next(_spoofed)}


def login(client, username: str, password: str, meta: dict[str, str]):
    return client.post(
        "/api/auth/login",
        {"username": username, "password": password},
        format="json",
        **meta,
    )


@pytest.fixture
def worker():
    return UserFactory(username="ungdom", password=STAFF_PASSWORD, roles=[Role.YOUTH_WORKER])


@pytest.fixture
def low_join_rate(monkeypatch):
    rates = {**DeviceScopedRateThrottle.THROTTLE_RATES, "join": "3/min"}
    monkeypatch.setattr(DeviceScopedRateThrottle, "THROTTLE_RATES", rates)


CASES = [
    pytest.param([], False, id="no-trusted-proxy"),
    pytest.param([PROXY], True, id="one-trusted-proxy"),
]


@pytest.mark.parametrize(("trusted", "behind_proxy"), CASES)
def test_rotating_x_forwarded_for_does_not_escape_the_login_lockout(
    trusted, behind_proxy, api_client, worker
) -> None:
    with override_settings(TRUSTED_PROXIES=trusted):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            login(api_client, "ungdom", "wrong", spoofed_chain(behind_proxy=behind_proxy))

        locked = login(
            api_client, "ungdom", STAFF_PASSWORD, spoofed_chain(behind_proxy=behind_proxy)
        )

    assert_error(locked, 429, "login_locked")


def test_behind_a_trusted_proxy_the_lockout_is_per_client_not_per_proxy(api_client, worker) -> None:
    with override_settings(TRUSTED_PROXIES=[PROXY]):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            login(api_client, "ungdom", "wrong", spoofed_chain(behind_proxy=True))
        colleague = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.99"}

        response = login(api_client, "ungdom", STAFF_PASSWORD, colleague)

    assert response.status_code == 200


@pytest.mark.parametrize(("trusted", "behind_proxy"), CASES)
def test_rotating_x_forwarded_for_does_not_escape_a_rate_limit(
    trusted, behind_proxy, low_join_rate, client_for
) -> None:
    session = LiveSessionFactory()

    def join():  # a new device (no cookie) each time: only the address tells them apart
        return client_for(None).post(
            "/api/join",
            {"code": session.join_code},
            format="json",
            **spoofed_chain(behind_proxy=behind_proxy),
        )

    with override_settings(TRUSTED_PROXIES=trusted):
        assert [join().status_code for _ in range(3)] == [200, 200, 200]
        refused = join()

    assert_error(refused, 429, "rate_limited")


# --- the rule itself ------------------------------------------------------------------------


def request_with(remote: str, forwarded: str | None = None):
    request = RequestFactory().get("/")
    request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        ([], CLIENT, "1.1.1.1", CLIENT),  # default: the header is never read
        ([PROXY], CLIENT, "1.1.1.1", CLIENT),  # not from our proxy: ignored
        ([PROXY], PROXY, None, PROXY),  # our proxy itself, no header
        ([PROXY], PROXY, f"1.1.1.1, 2.2.2.2, {CLIENT}", CLIENT),
        (["10.0.0.0/8"], PROXY, f"1.1.1.1, {CLIENT}, 10.0.0.2", CLIENT),  # two hops
        (["10.0.0.0/8"], PROXY, "10.0.0.3, 10.0.0.2", "10.0.0.3"),  # all ours: left-most
        ([PROXY], PROXY, f"1.1.1.1, {CLIENT}:51234", CLIENT),  # a port is not a new client
        (["::1"], "::1", "1.1.1.1, [2001:db8::5]:443", "2001:db8::5"),
    ],
)
def test_client_ip_walks_x_forwarded_for_from_the_right_through_trusted_proxies(
    trusted, remote, forwarded, expected
) -> None:
    with override_settings(TRUSTED_PROXIES=trusted):
        assert client_ip(request_with(remote, forwarded)) == expected


# --- through uvicorn, started the way production starts it -----------------------------------


@pytest.mark.parametrize(
    ("trusted", "forwarded"),
    [
        pytest.param("", "{spoof}", id="no-trusted-proxy"),
        # The test connects from 127.0.0.1, standing in for the proxy.
        pytest.param("127.0.0.1", f"{{spoof}}, {CLIENT}", id="one-trusted-proxy"),
    ],
)
def test_uvicorn_and_the_lockout_agree_on_the_client(transactional_db, trusted, forwarded) -> None:
    # uvicorn rewrites the connection's address from X-Forwarded-For before Django sees it;
    # trusting any sender there (FORWARDED_ALLOW_IPS=*, or its default 127.0.0.1) made every
    # spoofed address a new client for the lockout.
    import httpx

    from tests.support.servers import uvicorn_server

    UserFactory(username="ungdom", password=STAFF_PASSWORD, roles=[Role.YOUTH_WORKER])
    env = {"AXES_ENABLED": "True", "TRUSTED_PROXIES": trusted}
    with uvicorn_server(env) as base_url, httpx.Client(base_url=base_url) as http:

        def attempt(password: str) -> httpx.Response:
            header = forwarded.format(spoof=next(_spoofed))
            csrf = http.get("/api/auth/me").cookies.get("csrftoken", "")
            return http.post(
                "/api/auth/login",
                json={"username": "ungdom", "password": password},
                headers={"X-Forwarded-For": header, "X-CSRFToken": csrf},
            )

        for _ in range(settings.AXES_FAILURE_LIMIT):
            attempt("wrong")
        locked = attempt(STAFF_PASSWORD)

    assert locked.status_code == 429, locked.text
    assert locked.json()["code"] == "login_locked"
