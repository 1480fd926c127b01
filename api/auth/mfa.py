"""Where every staff request learns whether its session has done its second step.

HTTP (``SecondStepMiddleware``, in place of django-otp's OTPMiddleware) and staff sockets
(``SecondStepSocketMiddleware``, inside Channels' auth stack) both end in
``mark_second_step``: the user gets ``second_step_owed`` set, and ``forum.core.roles``
refuses every role to a user who still owes one. One rule, one mark, so the two cannot
disagree (docs/decisions/0054-staff-mfa.md).

Wrong codes are counted by django-axes like wrong passwords (the same limit, cool-off and
``login_locked`` body), under their own name so a right password does not reset them.
"""

from typing import Any

from channels.db import database_sync_to_async
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from forum.core.mfa import has_confirmed_device
from forum.core.roles import SECOND_STEP_ATTRIBUTE, assigned_roles, second_step_owed

# What a city login (OpenID Connect, api/auth/oidc.py) left in the session: the user it
# logged in and whether the provider said it had checked more than a password (amr).
CITY_LOGIN_SESSION_KEY = "rostrum_city_login"


def city_login_remember(session: Any, *, user: Any, provider_mfa: bool) -> None:
    session[CITY_LOGIN_SESSION_KEY] = {"user": user.pk, "mfa": provider_mfa}


def city_login_verified(user: Any, session: Any) -> bool:
    """Whether this session's city login counts as the second step (decision 0057): read
    per request, so changing OIDC_SATISFIES_MFA applies to sessions already open."""
    if session is None or not settings.OIDC_ENABLED or settings.OIDC_SATISFIES_MFA == "never":
        return False
    login = session.get(CITY_LOGIN_SESSION_KEY)
    if not isinstance(login, dict) or login.get("user") != user.pk:
        return False
    return settings.OIDC_SATISFIES_MFA == "always" or login.get("mfa") is True


def mark_second_step(user: Any, device: Device | None, *, city_verified: bool = False) -> None:
    """Set what ``user`` still owes, given the device (if any) this session verified with,
    or a city login that counts as verified."""
    owed = None
    if getattr(user, "is_authenticated", False):
        roles = assigned_roles(user)
        verified = device is not None or city_verified
        owed = second_step_owed(
            roles=roles,
            verified=verified,
            has_device=verified or (bool(roles) and has_confirmed_device(user=user)),
        )
    setattr(user, SECOND_STEP_ATTRIBUTE, owed)


class SecondStepMiddleware(OTPMiddleware):
    """django-otp's middleware (``user.otp_device``, ``user.is_verified()``) plus the mark."""

    def _verify_user_sync(self, request: HttpRequest, user: Any) -> Any:
        user = super()._verify_user_sync(request, user)
        mark_session_second_step(user, user.otp_device, request.session)
        return user

    async def _verify_user_async_via_auser(self, request: HttpRequest, auser: Any) -> Any:
        user = await super()._verify_user_async_via_auser(request, auser)
        await database_sync_to_async(mark_session_second_step)(
            user, user.otp_device, request.session
        )
        return user


def mark_session_second_step(user: Any, device: Device | None, session: Any) -> None:
    """The mark for a request's user: the device the session verified with, or its city login."""
    city_verified = getattr(user, "is_authenticated", False) and city_login_verified(user, session)
    mark_second_step(user, device, city_verified=city_verified)


def session_device(user: Any, session: Any) -> Device | None:
    """The confirmed device of ``user`` the session verified with, as OTPMiddleware reads it."""
    persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
    if not persistent_id or not getattr(user, "is_authenticated", False):
        return None
    device = Device.from_persistent_id(persistent_id)
    if device is None or device.user_id != user.pk or not device.confirmed:
        return None
    return device


class SecondStepSocketMiddleware:
    """For staff sockets, inside AuthMiddlewareStack: the same mark as over HTTP."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        user = scope.get("user")
        if user is not None:
            await database_sync_to_async(self._mark)(user, scope.get("session"))
        return await self.inner(scope, receive, send)

    @staticmethod
    def _mark(user: Any, session: Any) -> None:
        mark_session_second_step(user, session_device(user, session), session)


# --- wrong codes count like wrong passwords ----------------------------------------------------


def code_credentials(user: Any) -> dict[str, str]:
    """The name axes counts wrong codes under: not the login name, so that a right password
    (which resets the login's count) does not give a guesser five more codes."""
    return {"username": f"{user.get_username()}#second-step"}


def code_locked(request: HttpRequest, user: Any) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return not AxesProxyHandler.is_allowed(request, code_credentials(user))


def count_wrong_code(request: HttpRequest, user: Any) -> bool:
    """Record a wrong code; True when this one locked the account for a while."""
    user_login_failed.send(sender=__name__, credentials=code_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def forget_wrong_codes(user: Any) -> None:
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.reset_attempts(username=code_credentials(user)["username"])
