"""Staff sessions with their second step done, the way the app does it.

``staff_login(client, user)`` logs in like ``force_login`` and, for anyone who must (or
chose to) use two-step verification, verifies the session with a confirmed app device
exactly as ``django_otp.login`` does after a right code: the device's persistent id in the
session. Nothing is switched off; a test that wants an unverified session uses
``force_login`` alone.
"""

import time
from base64 import b32decode
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from forum.core.roles import MFA_REQUIRED_ROLES, assigned_roles
from tests.factories import TOTPDeviceFactory


def totp_now(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or a period later: a code is accepted once, and
    the device allows one period of clock difference)."""
    otp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    otp.time = time.time() + steps_ahead * device.step
    return str(otp.token()).zfill(device.digits)


def verified_device(user: Any) -> TOTPDevice | None:
    """The user's confirmed app, created for officials and admins who have none yet."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and assigned_roles(user) & MFA_REQUIRED_ROLES:
        device = TOTPDeviceFactory(user=user)
    return device


def staff_login(client: Client, user: Any) -> Client:
    client.force_login(user)
    device = verified_device(user)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def totp_for_secret(secret: str) -> str:
    """The code an app set up with ``secret`` (base32, as the enrolment page shows it) shows."""
    key = b32decode(secret.replace(" ", "").upper() + "=" * (-len(secret.replace(" ", "")) % 8))
    return str(TOTP(key).token()).zfill(6)


def next_unused_code(device: TOTPDevice) -> str:
    """A code the device still accepts: codes are single use, so after one was spent in this
    period, the next period's (the device allows one period of clock difference)."""
    device.refresh_from_db()
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    ahead = max(0, device.last_t + 1 - now)
    if ahead > device.tolerance:
        time.sleep(device.step)  # two logins in one period already: wait for the next
        return next_unused_code(device)
    return totp_now(device, steps_ahead=ahead)


def second_step_in_browser(page: Any, username: str) -> None:
    """After the password in the staff UI: set up the app the first time (reading the key
    from the page, as a person types it into an app), else type the app's current code."""
    from playwright.sync_api import expect

    logged_in = page.get_by_text(f"Inloggad som {username}")
    enrol = page.get_by_role("heading", name="Slå på tvåstegsverifiering")
    code_field = page.get_by_label("Kod från appen")
    expect(logged_in.or_(enrol).or_(code_field)).to_be_visible()
    if enrol.is_visible():
        page.get_by_role("button", name="Börja").click()
        secret = page.locator(".secret code").inner_text()
        page.get_by_label("Skriv koden som appen visar.").fill(totp_for_secret(secret))
        page.get_by_role("button", name="Slå på").click()
        page.get_by_role("button", name="Jag har sparat koderna").click()
    elif code_field.is_visible():
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        code_field.fill(next_unused_code(device))
        page.get_by_role("button", name="Fortsätt").click()
    expect(logged_in).to_be_visible()
