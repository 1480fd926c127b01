"""Staff auth: who am I, log in (with django-axes' lockout in the one error shape), log out,
and the second step (two-step verification: api/auth/mfa.py, forum/core/mfa.py).

Young people never log in; their phones are known by the participant cookie
(api/participant_cookie.py).
"""

from typing import Any

import django_otp
import segno
from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.auth import serializers as s
from api.auth.mfa import (
    code_locked,
    count_wrong_code,
    forget_wrong_codes,
    mark_second_step,
    mark_session_second_step,
    session_device,
)
from api.errors import ERRORS, error_body
from api.throttles import ThrottledAPIView
from forum.core import mfa
from forum.core.errors import MfaCodeWrong, NotAuthenticated
from forum.core.roles import SecondStep, assigned_roles, pending_second_step


def me_body(user: Any) -> dict[str, Any]:
    authenticated = bool(user and user.is_authenticated)
    owed = pending_second_step(user) if authenticated else None
    return {
        "authenticated": authenticated,
        "username": user.get_username() if authenticated else None,
        "roles": sorted(role.value for role in assigned_roles(user)),
        "mfa_required": owed is SecondStep.VERIFY,
        "mfa_enrolment_required": owed is SecondStep.ENROL,
        # The city login's start (decision 0057), or None when it is off.
        "city_login_url": reverse("oidc_authentication_init") if settings.OIDC_ENABLED else None,
    }


@method_decorator(ensure_csrf_cookie, name="dispatch")
class MeView(APIView):
    @extend_schema(responses=s.MeOutput, tags=["auth"])
    def get(self, request: Request) -> Response:
        return Response(me_body(request.user))


class LoginView(ThrottledAPIView):
    throttle_scope = "login"

    @extend_schema(request=s.LoginInput, responses={200: s.MeOutput, **ERRORS}, tags=["auth"])
    def post(self, request: Request) -> Response:
        data = s.LoginInput(data=request.data)
        data.is_valid(raise_exception=True)
        django_request = request._request
        user = authenticate(
            request=django_request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if getattr(django_request, "axes_locked_out", False):
            return Response(lockout_body(), status=status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None or not assigned_roles(user):
            return Response(
                error_body("invalid_credentials", _("Wrong username or password.")),
                status=status.HTTP_400_BAD_REQUEST,
            )
        login(django_request, user)
        # Password alone: a session that is not verified yet (unless it was already, for
        # this same user); me says what is still owed.
        session = django_request.session
        mark_session_second_step(user, session_device(user, session), session)
        return Response(me_body(user))


def lockout_body() -> dict[str, Any]:
    return error_body(
        "login_locked",
        _("Too many failed attempts. The account is locked for a while; try again later."),
    )


def lockout_response(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """django-axes lockout callable: the one error shape instead of axes' HTML page."""
    return JsonResponse(lockout_body(), status=429)


class LogoutView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(request=None, responses={204: None}, tags=["auth"])
    def post(self, request: Request) -> Response:
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- second step ---------------------------------------------------------------------------


def _staff_user(request: Request) -> Any:
    user = request.user
    if not user.is_authenticated:
        raise NotAuthenticated()
    return user


def _recovery_body(codes: list[str]) -> dict[str, Any]:
    return {"recovery_codes": codes}


class MfaView(ThrottledAPIView):
    """This account's two-step verification: is it set up, must it be; a youth worker may
    turn it off (officials and admins may not)."""

    throttle_scope = "mfa"

    @extend_schema(responses={200: s.MfaStatusOutput, **ERRORS}, tags=["auth"])
    def get(self, request: Request) -> Response:
        status_ = mfa.mfa_status(user=_staff_user(request))
        return Response(s.MfaStatusOutput(status_).data)

    @extend_schema(request=None, responses={204: None, **ERRORS}, tags=["auth"])
    def delete(self, request: Request) -> Response:
        mfa.mfa_remove(user=_staff_user(request))
        django_request = request._request
        django_request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MfaVerifyView(ThrottledAPIView):
    """After the password: a code from the app or one recovery code verifies the session.
    Five wrong codes lock like five wrong passwords (the same ``login_locked`` 429)."""

    throttle_scope = "mfa"

    @extend_schema(request=s.CodeInput, responses={200: s.MeOutput, **ERRORS}, tags=["auth"])
    def post(self, request: Request) -> Response:
        user = _staff_user(request)
        data = s.CodeInput(data=request.data)
        data.is_valid(raise_exception=True)
        django_request = request._request
        if code_locked(django_request, user):
            return Response(lockout_body(), status=status.HTTP_429_TOO_MANY_REQUESTS)
        try:
            device = mfa.second_step_verify(user=user, code=data.validated_data["code"])
        except MfaCodeWrong:
            if count_wrong_code(django_request, user):
                return Response(lockout_body(), status=status.HTTP_429_TOO_MANY_REQUESTS)
            raise
        _verify_session(django_request, user, device)
        forget_wrong_codes(user)
        return Response(me_body(user))


def _verify_session(django_request: HttpRequest, user: Any, device: Any) -> None:
    # A new session key at the change of privilege (as at login), then the device in it.
    django_request.session.cycle_key()
    django_otp.login(django_request, device)
    mark_second_step(user, device)


class TotpStartView(ThrottledAPIView):
    """Set up an authenticator app: a new secret as an otpauth URL, a QR code and text."""

    throttle_scope = "mfa"

    @extend_schema(request=None, responses={200: s.TotpEnrolmentOutput, **ERRORS}, tags=["auth"])
    def post(self, request: Request) -> Response:
        enrolment = mfa.totp_enrolment_start(user=_staff_user(request))
        qr = segno.make(enrolment.otpauth_url, error="m").svg_data_uri(
            scale=6, border=2, title=_("QR code for your authenticator app")
        )
        return Response(
            {"otpauth_url": enrolment.otpauth_url, "secret": enrolment.secret, "qr_svg": qr}
        )


class TotpConfirmView(ThrottledAPIView):
    """Confirm the app with a code from it: the session is verified, and ten recovery codes
    come back this once."""

    throttle_scope = "mfa"

    @extend_schema(
        request=s.CodeInput, responses={200: s.RecoveryCodesOutput, **ERRORS}, tags=["auth"]
    )
    def post(self, request: Request) -> Response:
        user = _staff_user(request)
        data = s.CodeInput(data=request.data)
        data.is_valid(raise_exception=True)
        django_request = request._request
        if code_locked(django_request, user):
            return Response(lockout_body(), status=status.HTTP_429_TOO_MANY_REQUESTS)
        try:
            device, codes = mfa.totp_enrolment_confirm(user=user, code=data.validated_data["code"])
        except MfaCodeWrong:
            if count_wrong_code(django_request, user):
                return Response(lockout_body(), status=status.HTTP_429_TOO_MANY_REQUESTS)
            raise
        _verify_session(django_request, user, device)
        forget_wrong_codes(user)
        return Response(_recovery_body(codes))


class RecoveryCodesView(ThrottledAPIView):
    """A new set of recovery codes (the old set stops working); needs a verified session."""

    throttle_scope = "mfa"

    @extend_schema(request=None, responses={200: s.RecoveryCodesOutput, **ERRORS}, tags=["auth"])
    def post(self, request: Request) -> Response:
        codes = mfa.recovery_codes_regenerate(user=_staff_user(request))
        return Response(_recovery_body(codes))
