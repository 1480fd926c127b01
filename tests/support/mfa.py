"""Staff sessions with their second step done, the way the app does it.

``staff_login(client, user)`` logs in like ``force_login`` and, for anyone who must (or
chose to) use two-step verification, verifies the session with a confirmed app device
exactly as ``django_otp.login`` does after a right code: the device's persistent id in the
session. Nothing is switched off; a test that wants an unverified session uses
``force_login`` alone.
"""

import time
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
