"""City login (OpenID Connect, decision 0057) against a real provider: oidc-provider-mock
(Flask + Authlib) on a free port in a thread, for the whole module. Django's test client plays
the browser on Röstrum's side, ``requests`` plays it on the provider's side (its consent form:
the subject is posted, the claims were set beforehand through the provider's user API).
"""

import importlib
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import clear_url_caches
from oidc_provider_mock import run_server_in_thread

from api.auth.oidc import CityLoginBackend
from forum.core.models import AuditAction, AuditEntry, CityIdentity
from forum.core.roles import Role, assigned_roles
from tests.factories import TOTPDeviceFactory, UserFactory

pytestmark = pytest.mark.django_db

STAFF_ENDPOINT = "/api/forums"  # youth workers, officials and admins
ROLE_GROUPS = {
    "rostrum-admin": "admin",
    "rostrum-official": "official",
    "rostrum-youth": "youth_worker",
}


def _reload_urls() -> None:
    import config.urls

    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:
        # The provider runs on http://localhost; Authlib insists on https otherwise.
        patch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
        with run_server_in_thread(port=0, require_nonce=True) as server:
            yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def city_login_on(provider: str) -> Iterator[str]:
    overrides = override_settings(
        OIDC_ENABLED=True,
        OIDC_RP_CLIENT_ID="rostrum",
        OIDC_RP_CLIENT_SECRET="rostrum-secret",
        OIDC_OP_AUTHORIZATION_ENDPOINT=f"{provider}/oauth2/authorize",
        OIDC_OP_TOKEN_ENDPOINT=f"{provider}/oauth2/token",
        OIDC_OP_USER_ENDPOINT=f"{provider}/userinfo",
        OIDC_OP_JWKS_ENDPOINT=f"{provider}/jwks",
        OIDC_ROLE_GROUPS=ROLE_GROUPS,
        AUTHENTICATION_BACKENDS=[
            *settings.AUTHENTICATION_BACKENDS,
            "api.auth.oidc.CityLoginBackend",
        ],
    )
    with overrides:
        _reload_urls()
        yield provider
    _reload_urls()  # back to the URLs without /oidc/


def provider_user(provider: str, sub: str, **claims: Any) -> None:
    """What the provider will say about ``sub`` (its user API, as a city's directory would)."""
    response = requests.put(f"{provider}/users/{sub}", json=claims, timeout=5)
    assert response.status_code == 204


def start(client: Client) -> str:
    """Röstrum's start: the redirect to the provider's authorization endpoint."""
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 302
    return response["Location"]


def callback_of(authorization_url: str, sub: str) -> str:
    response = requests.post(authorization_url, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert response.status_code == 302, response.text
    callback = urlsplit(response.headers["Location"])
    assert callback.path == "/oidc/callback/"
    return f"{callback.path}?{callback.query}"


def city_login(client: Client, sub: str) -> Any:
    return client.get(callback_of(start(client), sub))


def me(client: Client) -> dict[str, Any]:
    return client.get("/api/auth/me").json()


def logged_in_user(client: Client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_a_city_login_creates_the_account_with_the_mapped_role(city_login_on: str) -> None:
    provider_user(
        city_login_on,
        "sub-anna",
        preferred_username="anna.berg",
        email="anna.berg@stad.example",
        given_name="Anna",
        groups=["rostrum-youth", "everyone"],
    )
    client = Client()

    response = city_login(client, "sub-anna")

    assert response.status_code == 302
    assert response["Location"] == "/staff"
    user = logged_in_user(client)
    assert user is not None
    assert (user.username, user.email, user.first_name) == (
        "anna.berg",
        "anna.berg@stad.example",
        "Anna",
    )
    assert not user.has_usable_password()
    assert CityIdentity.objects.get(user=user).subject == "sub-anna"
    assert me(client)["roles"] == ["youth_worker"]
    assert client.get(STAFF_ENDPOINT).status_code == 200


def test_the_next_login_sets_the_roles_the_provider_grants_now(city_login_on: str) -> None:
    provider_user(city_login_on, "sub-bo", preferred_username="bo", groups=["rostrum-youth"])
    city_login(Client(), "sub-bo")
    provider_user(
        city_login_on,
        "sub-bo",
        preferred_username="bo.renamed",
        groups=["rostrum-official"],
        amr=["pwd", "mfa"],
    )
    client = Client()

    city_login(client, "sub-bo")

    user = logged_in_user(client)
    assert user is not None
    # The same account (found by sub, not by the new name), with the role it has now.
    assert user.username == "bo"
    assert assigned_roles(user) == {Role.OFFICIAL}
    assert User.objects.filter(city_identity__isnull=False).count() == 1


def test_without_a_mapped_group_the_login_is_refused_and_no_account_made(
    city_login_on: str,
) -> None:
    provider_user(city_login_on, "sub-cecilia", preferred_username="cecilia", groups=["everyone"])
    client = Client()

    response = city_login(client, "sub-cecilia")

    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_REDIRECT_URL_FAILURE
    assert logged_in_user(client) is None
    assert not User.objects.filter(username="cecilia").exists()
    assert not CityIdentity.objects.exists()


def test_losing_every_mapped_group_refuses_the_login_and_takes_the_roles(
    city_login_on: str,
) -> None:
    provider_user(city_login_on, "sub-david", preferred_username="david", groups=["rostrum-youth"])
    city_login(Client(), "sub-david")
    provider_user(city_login_on, "sub-david", preferred_username="david", groups=[])
    client = Client()

    response = city_login(client, "sub-david")

    assert response["Location"] == settings.LOGIN_REDIRECT_URL_FAILURE
    assert logged_in_user(client) is None
    assert assigned_roles(User.objects.get(username="david")) == set()


def test_a_local_account_with_the_same_name_is_never_taken_over(city_login_on: str) -> None:
    local = UserFactory(username="erik", roles=[Role.ADMIN])
    provider_user(city_login_on, "sub-erik", preferred_username="erik", groups=["rostrum-youth"])
    client = Client()

    city_login(client, "sub-erik")

    user = logged_in_user(client)
    assert user is not None
    assert user.pk != local.pk
    assert user.username.startswith("erik-")
    assert assigned_roles(local) == {Role.ADMIN}


def test_the_provider_is_asked_for_the_password_every_time(city_login_on: str) -> None:
    # Shared laptops: a city session left in the browser must not log the next person in.
    authorization = parse_qs(urlsplit(start(Client())).query)

    assert authorization["prompt"] == ["login"]
    assert authorization["code_challenge_method"] == ["S256"]


def test_a_first_login_racing_another_is_refused_not_an_error(
    city_login_on: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The name was free when checked and taken before the insert (a second tab's login).
    UserFactory(username="taken-meanwhile")
    monkeypatch.setattr(
        CityLoginBackend, "_free_username", staticmethod(lambda *_args: "taken-meanwhile")
    )
    provider_user(city_login_on, "sub-maja", preferred_username="maja", groups=["rostrum-youth"])
    client = Client()

    response = city_login(client, "sub-maja")

    assert response["Location"] == settings.LOGIN_REDIRECT_URL_FAILURE
    assert not CityIdentity.objects.exists()


def test_city_logins_are_in_the_audit_log_as_the_systems_doing(city_login_on: str) -> None:
    provider_user(city_login_on, "sub-nora", preferred_username="nora", groups=["rostrum-youth"])
    city_login(Client(), "sub-nora")
    city_login(Client(), "sub-nora")  # nothing changed: nothing to record
    provider_user(city_login_on, "sub-nora", preferred_username="nora", groups=["rostrum-official"])
    city_login(Client(), "sub-nora")

    user = User.objects.get(username="nora")
    entries = list(AuditEntry.objects.order_by("id"))
    assert [(e.action, e.object_type, e.object_id) for e in entries] == [
        (AuditAction.CREATE, "auth.user", str(user.pk)),
        (AuditAction.ROLE_CHANGE, "auth.user", str(user.pk)),
        (AuditAction.ROLE_CHANGE, "auth.user", str(user.pk)),
    ]
    assert all(
        (e.actor_id, e.actor_username, e.detail["via"]) == (None, "system:oidc", "city login")
        for e in entries
    )
    assert entries[0].changes == {"username": [None, "nora"], "city_subject": [None, "sub-nora"]}
    assert entries[1].changes == {"groups": [[], ["youth_worker"]]}
    assert entries[2].changes == {"groups": [["youth_worker"], ["official"]]}


def _provider_answers(monkeypatch: pytest.MonkeyPatch, path: str, change: Any) -> None:
    """The provider's JSON at ``path`` (its keys, its userinfo) as ``change`` makes it."""
    real_get = requests.get

    def get(url: str, *args: Any, **kwargs: Any) -> requests.Response:
        response = real_get(url, *args, **kwargs)
        if urlsplit(url).path == path:
            response._content = json.dumps(change(response.json())).encode()
        return response

    monkeypatch.setattr(requests, "get", get)


@pytest.mark.parametrize(
    ("path", "change"),
    [
        # Keys without kid: no kid to match the ID token's header against.
        (
            "/jwks",
            lambda jwks: {
                "keys": [{k: v for k, v in key.items() if k != "kid"} for key in jwks["keys"]]
            },
        ),
        # A key that is no key, and keys that are not a list of objects.
        ("/jwks", lambda jwks: {"keys": [{**k, "kty": "nonsense"} for k in jwks["keys"]]}),
        ("/jwks", lambda jwks: {"keys": [{**k, "n": "AQAB!"} for k in jwks["keys"]]}),
        ("/jwks", lambda jwks: {"keys": "nonsense"}),
        ("/jwks", lambda jwks: ["nonsense"]),
        # Userinfo that is not an object.
        ("/userinfo", lambda claims: [claims]),
        ("/userinfo", lambda claims: "nonsense"),
    ],
)
def test_a_provider_answer_of_the_wrong_shape_is_refused_not_an_error(
    city_login_on: str, monkeypatch: pytest.MonkeyPatch, path: str, change: Any
) -> None:
    provider_user(city_login_on, "sub-olle", preferred_username="olle", groups=["rostrum-youth"])
    _provider_answers(monkeypatch, path, change)
    client = Client()

    response = city_login(client, "sub-olle")

    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_REDIRECT_URL_FAILURE
    assert logged_in_user(client) is None
    assert not CityIdentity.objects.exists()


def test_a_forged_state_is_refused(city_login_on: str) -> None:
    provider_user(city_login_on, "sub-frida", preferred_username="frida", groups=["rostrum-youth"])
    client = Client()
    callback = urlsplit(callback_of(start(client), "sub-frida"))
    query = parse_qs(callback.query)
    query["state"] = ["forged-state-the-session-never-issued"]

    response = client.get(f"{callback.path}?{urlencode(query, doseq=True)}")

    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_REDIRECT_URL_FAILURE
    assert logged_in_user(client) is None
    assert not CityIdentity.objects.exists()


def test_a_callback_from_another_browsers_login_is_refused(city_login_on: str) -> None:
    # The attacker's own login, replayed into the victim's browser (login CSRF): the state
    # belongs to the attacker's session, not to the victim's.
    provider_user(
        city_login_on, "sub-gustav", preferred_username="gustav", groups=["rostrum-youth"]
    )
    attacker, victim = Client(), Client()
    start(victim)
    callback = callback_of(start(attacker), "sub-gustav")

    response = victim.get(callback)

    assert response["Location"] == settings.LOGIN_REDIRECT_URL_FAILURE
    assert logged_in_user(victim) is None


def test_an_id_token_minted_for_another_nonce_is_refused(city_login_on: str) -> None:
    # The provider signs a real ID token, but for a nonce this session never issued: the
    # authorization request is the session's own (its state) with the nonce swapped.
    provider_user(city_login_on, "sub-hanna", preferred_username="hanna", groups=["rostrum-youth"])
    client = Client()
    authorization = urlsplit(start(client))
    query = parse_qs(authorization.query)
    query["nonce"] = ["a-nonce-from-somewhere-else"]
    swapped = urlunsplit(authorization._replace(query=urlencode(query, doseq=True)))

    response = client.get(callback_of(swapped, "sub-hanna"))

    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_REDIRECT_URL_FAILURE
    assert logged_in_user(client) is None
    assert not CityIdentity.objects.exists()


def test_a_state_is_used_once(city_login_on: str) -> None:
    provider_user(city_login_on, "sub-ida", preferred_username="ida", groups=["rostrum-youth"])
    client = Client()
    callback = callback_of(start(client), "sub-ida")
    assert client.get(callback)["Location"] == "/staff"
    start(client)  # the session has a login under way again, with a new state

    replay = client.get(callback)

    assert replay["Location"] == settings.LOGIN_REDIRECT_URL_FAILURE


# --- the second step ------------------------------------------------------------------------


def test_the_providers_mfa_counts_as_the_second_step(city_login_on: str) -> None:
    provider_user(
        city_login_on,
        "sub-jonas",
        preferred_username="jonas",
        groups=["rostrum-official"],
        amr=["pwd", "mfa"],
    )
    client = Client()

    city_login(client, "sub-jonas")

    assert me(client)["mfa_enrolment_required"] is False
    assert client.get(STAFF_ENDPOINT).status_code == 200


def test_a_password_only_city_login_still_owes_the_second_step(city_login_on: str) -> None:
    provider_user(
        city_login_on,
        "sub-karin",
        preferred_username="karin",
        groups=["rostrum-official"],
        amr=["pwd"],
    )
    client = Client()

    city_login(client, "sub-karin")

    assert me(client)["mfa_enrolment_required"] is True
    assert client.get(STAFF_ENDPOINT).json()["code"] == "mfa_enrolment_required"


def test_with_never_the_city_login_never_counts(city_login_on: str) -> None:
    provider_user(
        city_login_on, "sub-lars", preferred_username="lars", groups=["rostrum-admin"], amr=["mfa"]
    )
    client = Client()
    city_login(client, "sub-lars")
    TOTPDeviceFactory(user=logged_in_user(client))

    with override_settings(OIDC_SATISFIES_MFA="never"):
        assert me(client)["mfa_required"] is True
    with override_settings(OIDC_SATISFIES_MFA="always"):
        assert client.get(STAFF_ENDPOINT).status_code == 200


def test_me_points_to_the_city_login(city_login_on: str) -> None:
    assert me(Client())["city_login_url"] == "/oidc/authenticate/"


def test_local_accounts_still_log_in_when_city_login_is_on(city_login_on: str) -> None:
    UserFactory(username="lokal", password="a-long-local-password", roles=[Role.YOUTH_WORKER])
    client = Client()

    response = client.post(
        "/api/auth/login",
        {"username": "lokal", "password": "a-long-local-password"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["roles"] == ["youth_worker"]
