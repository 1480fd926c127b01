"""Staff two-step verification: an authenticator app (TOTP) and single-use recovery codes.

django-otp keeps the devices (docs/decisions/0054-staff-mfa.md): one TOTPDevice for the
app and one StaticDevice holding the recovery codes. These services are the only writers;
the edge (api/auth/mfa.py) marks the session as verified with the device a code matched.
"""

from base64 import b32encode
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from forum.core.errors import MfaCodeWrong, MfaNotEnrolled, PermissionDenied
from forum.core.roles import MFA_REQUIRED_ROLES, Role, assigned_roles, require_role

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


@dataclass(frozen=True)
class TotpEnrolment:
    """A new, not yet confirmed app: what the app needs to be set up."""

    otpauth_url: str
    secret: str  # base32, for typing into the app by hand


@dataclass(frozen=True)
class MfaStatus:
    enrolled: bool
    required: bool
    recovery_codes_left: int


def mfa_status(*, user: Any) -> MfaStatus:
    static = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return MfaStatus(
        enrolled=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        required=bool(assigned_roles(user) & MFA_REQUIRED_ROLES),
        recovery_codes_left=static.token_set.count() if static is not None else 0,
    )


def has_confirmed_device(*, user: Any) -> bool:
    return bool(user_has_device(user, confirmed=True))


def _require_may_change(user: Any) -> None:
    """Staff only; someone who already has a device must have verified this session
    (otherwise a stolen password would be enough to replace the app)."""
    if not assigned_roles(user):
        raise PermissionDenied()
    if has_confirmed_device(user=user):
        require_role(user, *Role)  # raises mfa_required while the session is unverified


@transaction.atomic
def totp_enrolment_start(*, user: Any) -> TotpEnrolment:
    """A fresh unconfirmed app device (any earlier unconfirmed one is dropped)."""
    _require_may_change(user)
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return TotpEnrolment(
        otpauth_url=device.config_url,  # issuer: settings.OTP_TOTP_ISSUER
        secret=b32encode(device.bin_key).decode("ascii").rstrip("="),
    )


def totp_enrolment_confirm(*, user: Any, code: str) -> tuple[Device, list[str]]:
    """Confirm the new app with one of its codes: it replaces any earlier app, and a new
    set of recovery codes replaces any earlier set. Returns the device (to verify the
    session with) and the recovery codes, which are shown this once."""
    _require_may_change(user)
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("-pk")
            .first()
        )
        if device is None:
            raise MfaNotEnrolled(_("Start setting up the app first."))
        # Committed even when wrong: the device's failure count (throttling) must stay.
        matched = device.verify_token(_digits(code))
    if not matched:
        raise MfaCodeWrong()
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return device, _new_recovery_codes(user)


def recovery_codes_regenerate(*, user: Any) -> list[str]:
    """A new set of recovery codes; the old set stops working. Needs a verified session."""
    require_role(user, *Role)
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise MfaNotEnrolled()
    with transaction.atomic():
        return _new_recovery_codes(user)


def _new_recovery_codes(user: Any) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_step_verify(*, user: Any, code: str) -> Device:
    """The device a code from the app or a recovery code matches (a recovery code is
    used up); MfaCodeWrong otherwise. Devices also throttle themselves after failures."""
    if not has_confirmed_device(user=user):
        raise MfaNotEnrolled()
    cleaned = code.strip().replace(" ", "").replace("-", "")
    matched: Device | None = None
    # Row locks: two requests cannot both spend one recovery code. The failure counts the
    # devices keep are committed with the block, so the error is raised after it.
    # Six digits are for the app, anything else is a recovery code: a recovery code never
    # counts as a failure against the app, nor the other way round.
    model: type[Device] = TOTPDevice if cleaned.isdigit() and len(cleaned) <= 8 else StaticDevice
    with transaction.atomic():
        for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
            if device.verify_token(cleaned.lower()):
                matched = device
                break
    if matched is None:
        raise MfaCodeWrong()
    return matched


@transaction.atomic
def mfa_remove(*, user: Any) -> None:
    """A youth worker turns two-step verification off (officials and admins may not;
    an admin resets someone else's devices in Django's admin)."""
    require_role(user, *Role)
    if assigned_roles(user) & MFA_REQUIRED_ROLES:
        raise PermissionDenied(_("Officials and admins must keep two-step verification."))
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def _digits(code: str) -> str:
    return code.strip().replace(" ", "")
