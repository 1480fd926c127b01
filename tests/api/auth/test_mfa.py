"""Staff two-step verification over HTTP: enrolment, the code step, recovery codes, the
lockout, and every staff endpoint refusing a session that still owes its second step."""

import pytest
from django.conf import settings
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from forum.core.roles import Role
from tests.api.assertions import assert_error
from tests.factories import STAFF_PASSWORD, TOTPDeviceFactory, UserFactory
from tests.support.mfa import totp_now

pytestmark = pytest.mark.django_db

STAFF_ENDPOINT = "/api/forums"  # youth workers, officials and admins


def password_login(username: str) -> APIClient:
    client = APIClient()
    response = client.post(
        "/api/auth/login", {"username": username, "password": STAFF_PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    return client


def me(client: APIClient) -> dict:
    return client.get("/api/auth/me").json()


def verify(client: APIClient, code: str):
    return client.post("/api/auth/mfa/verify", {"code": code}, format="json")


def staff_user(username: str, role: Role, *, with_app: bool = False):
    user = UserFactory(username=username, password=STAFF_PASSWORD, roles=[role])
    device = TOTPDeviceFactory(user=user) if with_app else None
    return user, device


def enrol(client: APIClient, user) -> list[str]:
    started = client.post("/api/auth/mfa/totp/start")
    assert started.status_code == 200, started.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    confirmed = client.post("/api/auth/mfa/totp/confirm", {"code": totp_now(device)}, format="json")
    assert confirmed.status_code == 200, confirmed.content
    return confirmed.json()["recovery_codes"]


# --- officials and admins must enrol ----------------------------------------------------------


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.ADMIN])
def test_official_or_admin_without_an_app_must_enrol_before_anything_else(role) -> None:
    staff_user("ny", role)
    client = password_login("ny")

    assert me(client)["mfa_enrolment_required"] is True
    assert me(client)["mfa_required"] is False
    assert_error(client.get(STAFF_ENDPOINT), 403, "mfa_enrolment_required")


def test_enrolment_gives_a_qr_code_a_secret_and_ten_single_view_recovery_codes() -> None:
    user, _ = staff_user("ny", Role.OFFICIAL)
    client = password_login("ny")

    started = client.post("/api/auth/mfa/totp/start").json()

    assert started["otpauth_url"].startswith("otpauth://totp/R%C3%B6strum%3Any?")
    assert f"secret={started['secret']}" in started["otpauth_url"]
    assert started["qr_svg"].startswith("data:image/svg+xml")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    # Not confirmed yet: nothing opens.
    assert_error(client.get(STAFF_ENDPOINT), 403, "mfa_enrolment_required")

    confirmed = client.post("/api/auth/mfa/totp/confirm", {"code": totp_now(device)}, format="json")

    codes = confirmed.json()["recovery_codes"]
    assert len(codes) == 10 == len(set(codes))
    device.refresh_from_db()
    assert device.confirmed
    # Confirming verified this session: the official works on.
    assert me(client)["mfa_enrolment_required"] is False
    assert client.get(STAFF_ENDPOINT).status_code == 200
    assert client.get("/api/auth/mfa").json() == {
        "enrolled": True,
        "required": True,
        "recovery_codes_left": 10,
    }


def test_a_wrong_code_does_not_confirm_the_app() -> None:
    user, _ = staff_user("ny", Role.OFFICIAL)
    client = password_login("ny")
    client.post("/api/auth/mfa/totp/start")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = str((int(totp_now(device)) + 1) % 1_000_000).zfill(6)

    assert_error(
        client.post("/api/auth/mfa/totp/confirm", {"code": wrong}, format="json"),
        400,
        "mfa_code_wrong",
    )
    device.refresh_from_db()
    assert not device.confirmed
    assert_error(client.get(STAFF_ENDPOINT), 403, "mfa_enrolment_required")


def test_confirming_without_starting_is_refused() -> None:
    staff_user("ny", Role.OFFICIAL)
    client = password_login("ny")

    assert_error(
        client.post("/api/auth/mfa/totp/confirm", {"code": "123456"}, format="json"),
        409,
        "mfa_not_enrolled",
    )


# --- the code step after the password ---------------------------------------------------------


def test_a_password_alone_does_not_open_staff_endpoints_for_an_app_owner() -> None:
    _, device = staff_user("tj", Role.OFFICIAL, with_app=True)
    client = password_login("tj")

    assert me(client)["mfa_required"] is True
    assert_error(client.get(STAFF_ENDPOINT), 403, "mfa_required")

    verified = verify(client, totp_now(device))

    assert verified.status_code == 200
    assert verified.json()["mfa_required"] is False
    assert client.get(STAFF_ENDPOINT).status_code == 200


# Recovery codes slow down after a wrong one too (1 s, 2 s, ...); these tests type the
# next code at once, faster than a person would.
@override_settings(OTP_STATIC_THROTTLE_FACTOR=0)
def test_a_recovery_code_verifies_once_only() -> None:
    user, _ = staff_user("tj", Role.OFFICIAL)
    codes = enrol(password_login("tj"), user)

    first = password_login("tj")
    assert verify(first, codes[0].upper()).status_code == 200  # as typed from paper
    assert first.get(STAFF_ENDPOINT).status_code == 200

    second = password_login("tj")
    assert_error(verify(second, codes[0]), 400, "mfa_code_wrong")
    assert_error(second.get(STAFF_ENDPOINT), 403, "mfa_required")
    assert verify(second, codes[1]).status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 8


def test_five_wrong_codes_lock_like_the_password_even_for_the_right_code() -> None:
    _, device = staff_user("tj", Role.OFFICIAL, with_app=True)
    client = password_login("tj")
    right = totp_now(device)
    wrong = str((int(right) + 1) % 1_000_000).zfill(6)
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5

    for _ in range(limit - 1):
        assert_error(verify(client, wrong), 400, "mfa_code_wrong")
    assert_error(verify(client, wrong), 429, "login_locked")

    assert_error(verify(client, right), 429, "login_locked")
    # A right password again does not give five more guesses.
    again = password_login("tj")
    assert_error(verify(again, right), 429, "login_locked")
    assert_error(again.get(STAFF_ENDPOINT), 403, "mfa_required")


def test_wrong_recovery_codes_count_towards_the_same_lockout() -> None:
    staff_user("tj", Role.OFFICIAL, with_app=True)
    client = password_login("tj")

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert_error(verify(client, "aaaaaaaa"), 400, "mfa_code_wrong")

    assert_error(verify(client, "bbbbbbbb"), 429, "login_locked")


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_a_right_code_after_a_wrong_one_verifies_and_resets_the_count() -> None:
    _, device = staff_user("tj", Role.OFFICIAL, with_app=True)
    client = password_login("tj")
    right = totp_now(device)
    wrong = str((int(right) + 1) % 1_000_000).zfill(6)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        verify(client, wrong)

    assert verify(client, right).status_code == 200

    later = password_login("tj")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert_error(verify(later, wrong), 400, "mfa_code_wrong")


def test_the_app_slows_down_on_its_own_after_a_wrong_code() -> None:
    # django-otp's throttling per device, under the lockout: a guesser from many addresses
    # still waits longer after every wrong code.
    _, device = staff_user("tj", Role.OFFICIAL, with_app=True)
    client = password_login("tj")
    right = totp_now(device)
    wrong = str((int(right) + 1) % 1_000_000).zfill(6)

    verify(client, wrong)

    assert_error(verify(client, right), 400, "mfa_code_wrong")  # too soon: not even checked
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_verifying_needs_a_login() -> None:
    assert_error(verify(APIClient(), "123456"), 401, "not_authenticated")


# --- youth workers may choose -----------------------------------------------------------------


def test_youth_worker_without_an_app_works_with_the_password(client_for) -> None:
    staff_user("ung", Role.YOUTH_WORKER)
    client = password_login("ung")

    assert me(client)["mfa_required"] is False
    assert me(client)["mfa_enrolment_required"] is False
    assert client.get(STAFF_ENDPOINT).status_code == 200
    assert client.get("/api/auth/mfa").json() == {
        "enrolled": False,
        "required": False,
        "recovery_codes_left": 0,
    }


def test_youth_worker_who_enrols_must_verify_from_then_on_and_may_turn_it_off() -> None:
    user, _ = staff_user("ung", Role.YOUTH_WORKER)
    enrol(password_login("ung"), user)

    client = password_login("ung")
    assert_error(client.get(STAFF_ENDPOINT), 403, "mfa_required")
    assert_error(client.delete("/api/auth/mfa"), 403, "mfa_required")
    device = TOTPDevice.objects.get(user=user)
    # The code that confirmed the app is spent; the app's next one.
    assert verify(client, totp_now(device, steps_ahead=1)).status_code == 200

    assert client.delete("/api/auth/mfa").status_code == 204

    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    assert password_login("ung").get(STAFF_ENDPOINT).status_code == 200


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.ADMIN])
def test_officials_and_admins_cannot_turn_it_off(client_for, role) -> None:
    user = UserFactory(roles=[role])
    client = client_for(user)

    assert_error(client.delete("/api/auth/mfa"), 403, "permission_denied")
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


# --- changing the app and the recovery codes --------------------------------------------------


def test_a_password_alone_cannot_replace_the_app() -> None:
    staff_user("tj", Role.OFFICIAL, with_app=True)
    client = password_login("tj")

    assert_error(client.post("/api/auth/mfa/totp/start"), 403, "mfa_required")
    assert_error(client.post("/api/auth/mfa/recovery-codes"), 403, "mfa_required")


@override_settings(OTP_STATIC_THROTTLE_FACTOR=0)
def test_new_recovery_codes_replace_the_old_set() -> None:
    user, _ = staff_user("tj", Role.OFFICIAL)
    client = password_login("tj")
    old = enrol(client, user)

    response = client.post("/api/auth/mfa/recovery-codes")

    new = response.json()["recovery_codes"]
    assert len(new) == 10
    assert not set(old) & set(new)
    assert_error(verify(password_login("tj"), old[0]), 400, "mfa_code_wrong")
    assert verify(password_login("tj"), new[0]).status_code == 200


def test_a_verified_official_may_replace_the_app(client_for) -> None:
    user = UserFactory(roles=[Role.OFFICIAL])
    client = client_for(user)
    old = TOTPDevice.objects.get(user=user, confirmed=True)

    enrol(client, user)

    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert client.get(STAFF_ENDPOINT).status_code == 200


# --- Django's admin ---------------------------------------------------------------------------


def test_admin_site_needs_the_second_step_too() -> None:
    user, device = staff_user("chef", Role.ADMIN, with_app=True)
    user.is_staff = True
    user.is_superuser = True
    user.save()
    client = password_login("chef")

    assert client.get("/admin/").status_code == 302  # to the admin's login (with a code)

    verify(client, totp_now(device))
    assert client.get("/admin/").status_code == 200


def test_logging_in_again_keeps_a_verified_session_verified() -> None:
    _, device = staff_user("tj", Role.OFFICIAL, with_app=True)
    client = password_login("tj")
    verify(client, totp_now(device))

    again = client.post(
        "/api/auth/login", {"username": "tj", "password": STAFF_PASSWORD}, format="json"
    )

    assert again.json()["mfa_required"] is False
    assert client.get(STAFF_ENDPOINT).status_code == 200
