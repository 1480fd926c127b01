"""Staff auth: who am I, log in (with django-axes' lockout in the one error shape), log out.

Young people never log in; their phones are known by the participant cookie
(api/participant_cookie.py).
"""

from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.auth import serializers as s
from api.errors import ERRORS, error_body
from api.throttles import ThrottledAPIView
from forum.core.roles import user_roles


def me_body(user: Any) -> dict[str, Any]:
    authenticated = bool(user and user.is_authenticated)
    return {
        "authenticated": authenticated,
        "username": user.get_username() if authenticated else None,
        "roles": sorted(role.value for role in user_roles(user)),
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
        if user is None or not user_roles(user):
            return Response(
                error_body("invalid_credentials", _("Wrong username or password.")),
                status=status.HTTP_400_BAD_REQUEST,
            )
        login(django_request, user)
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
