"""Thin views: validate input, call one service or selector, serialise the result."""

import asyncio
import io
from typing import Any

import segno
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth import authenticate, login, logout
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api import serializers as s
from api.errors import error_body
from api.live.presence import presence_count
from api.live.serializers import LiveStateOutput
from api.live.snapshots import live_state_shared
from api.participants import participant_ensure, participant_from_request, set_participant_cookie
from api.throttles import DeviceScopedRateThrottle
from forum.core.errors import NotFound, UnknownJoinCode
from forum.core.roles import Role, require_role, user_roles
from forum.live.selectors import (
    LiveSnapshot,
    live_participant_answers,
    live_session_by_code,
    live_session_running_check,
    live_session_snapshot,
    live_snapshot_for_phones,
)
from forum.live.services import live_session_end, live_session_start
from forum.participation.models import Forum
from forum.participation.selectors import about_you_asked
from forum.polls.models import Poll
from forum.polls.selectors import participant_answers, question_for_answer
from forum.polls.services import poll_response_submit

ERRORS = {code: OpenApiResponse(s.ErrorOutput) for code in (400, 401, 403, 404, 409, 413, 429)}


def base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def live_session_body(
    request: Request,
    snapshot: LiveSnapshot,
    *,
    with_answers: bool = True,
    new_participant: bool = False,
) -> dict[str, Any]:
    """``new_participant``: the device was created by this request, so it has no answers
    and was never asked 'about you' (three queries fewer on a hall's first join)."""
    activities = snapshot.activities  # all of them, also for a draft's phones
    if not user_roles(request.user):
        # Phones see results only as the poll's visibility mode allows (docs/realtime.md).
        snapshot = live_snapshot_for_phones(snapshot=snapshot)
    participant = participant_from_request(request) if with_answers else None
    if new_participant:
        context = {
            "base_url": base_url(request),
            "presence": presence_count(snapshot.session.join_code),
            "my_answers": {},
            "my_full_answers": [],
            "my_about_you_asked": False,
        }
        return dict(LiveStateOutput(snapshot, context=context).data)
    answers = (
        participant_answers(poll=snapshot.poll, participant=participant) if snapshot.poll else {}
    )
    context = {
        "base_url": base_url(request),
        "presence": presence_count(snapshot.session.join_code),
        "my_answers": answers,
        "my_full_answers": live_participant_answers(
            session=snapshot.session, participant=participant, activities=activities
        ),
        "my_about_you_asked": about_you_asked(
            forum_id=snapshot.session.forum_id, participant=participant
        )
        if with_answers
        else None,
    }
    return dict(LiveStateOutput(snapshot, context=context).data)


class ThrottledAPIView(APIView):
    """Every write is rate-limited per device; subclasses name their throttle_scope."""

    throttle_classes = [DeviceScopedRateThrottle]


# --- health ---------------------------------------------------------------------------------


@extend_schema(responses=s.HealthOutput, tags=["ops"])
class HealthView(APIView):
    authentication_classes: list[Any] = []

    def get(self, request: Request) -> Response:
        body = {"status": "ok", "database": "ok", "channel_layer": "ok"}
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as exc:
            body["database"] = f"error: {type(exc).__name__}"
        layer = get_channel_layer()
        body["channel_layer_backend"] = type(layer).__name__ if layer else "none"
        try:
            if layer is None:
                raise RuntimeError("no channel layer configured")
            # A round trip through the layer proves it accepts and delivers messages.
            async_to_sync(_layer_round_trip)(layer)
        except Exception as exc:
            body["channel_layer"] = f"error: {type(exc).__name__}"
        healthy = body["database"] == "ok" and body["channel_layer"] == "ok"
        body["status"] = "ok" if healthy else "degraded"
        return Response(body, status=200 if healthy else 503)


async def _layer_round_trip(layer: Any) -> None:
    channel = await layer.new_channel("health.")
    await layer.send(channel, {"type": "health.ping"})
    await asyncio.wait_for(layer.receive(channel), timeout=2)


# --- staff auth -----------------------------------------------------------------------------


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


# --- participants: join and vote ------------------------------------------------------------


class JoinView(ThrottledAPIView):
    throttle_scope = "join"

    @extend_schema(request=s.JoinInput, responses={200: LiveStateOutput, **ERRORS}, tags=["live"])
    def post(self, request: Request) -> Response:
        data = s.JoinInput(data=request.data)
        data.is_valid(raise_exception=True)
        # One snapshot (shared, usually rendered already) answers "may I join?" and the body.
        state = live_state_shared(code=data.validated_data["code"])
        session = state.snapshot.session
        live_session_running_check(session=session)
        with transaction.atomic():
            _participant, new_token = participant_ensure(request, forum=session.forum)
        response = Response(state.body(request, new_participant=new_token is not None))
        set_participant_cookie(response, new_token)
        return response


class LiveSessionView(APIView):
    @extend_schema(responses={200: LiveStateOutput, **ERRORS}, tags=["live"])
    def get(self, request: Request, code: str) -> Response:
        return Response(live_state_shared(code=code).body(request))


class LiveSessionQrView(APIView):
    @extend_schema(responses={(200, "image/svg+xml"): bytes}, tags=["live"])
    def get(self, request: Request, code: str) -> HttpResponse:
        session = live_session_by_code(code=code)
        url = s.join_url(code=session.join_code, base_url=base_url(request))
        buffer = io.BytesIO()
        segno.make(url, error="m").save(
            buffer, kind="svg", scale=10, border=2, title=_("QR code to join the session")
        )
        response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
        response["Cache-Control"] = "public, max-age=3600"
        return response


class ResponseSubmitView(ThrottledAPIView):
    throttle_scope = "vote"

    @extend_schema(
        request=s.ResponseInput,
        responses={200: s.ResponseOutput, 201: s.ResponseOutput, **ERRORS},
        tags=["polls"],
    )
    def post(self, request: Request, question_id: int) -> Response:
        data = s.ResponseInput(data=request.data)
        data.is_valid(raise_exception=True)
        question = question_for_answer(question_id=question_id)
        if question is None:
            raise NotFound()
        # One transaction: a refused answer (closed poll, unknown option...) must not leave
        # a participant row behind; the answer is serialised only once it has committed.
        with transaction.atomic():
            participant, new_token = participant_ensure(request, forum=question.poll.forum)
            answer = poll_response_submit(
                question=question,
                participant=participant,
                option_id=data.validated_data["option_id"],
                idempotency_key=data.validated_data["idempotency_key"],
            )
        response = Response(s.ResponseOutput(answer).data, status=status.HTTP_200_OK)
        set_participant_cookie(response, new_token)
        return response


# --- staff: forums and live sessions --------------------------------------------------------


def forum_for_staff(*, forum_id: int, user: Any) -> Forum:
    require_role(user, Role.YOUTH_WORKER, Role.OFFICIAL)
    forum = Forum.objects.prefetch_related("polls", "live_sessions").filter(pk=forum_id).first()
    if forum is None:
        raise NotFound()
    return forum


class ForumListView(APIView):
    @extend_schema(responses={200: s.ForumOutput(many=True), **ERRORS}, tags=["staff"])
    def get(self, request: Request) -> Response:
        require_role(request.user, Role.YOUTH_WORKER, Role.OFFICIAL)
        return Response(s.ForumOutput(Forum.objects.all(), many=True).data)


class ForumDetailView(APIView):
    @extend_schema(responses={200: s.ForumDetailOutput, **ERRORS}, tags=["staff"])
    def get(self, request: Request, forum_id: int) -> Response:
        return Response(
            s.ForumDetailOutput(forum_for_staff(forum_id=forum_id, user=request.user)).data
        )


class LiveSessionStartView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.LiveSessionStartInput,
        responses={201: LiveStateOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, forum_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        data = s.LiveSessionStartInput(data=request.data)
        data.is_valid(raise_exception=True)
        forum = forum_for_staff(forum_id=forum_id, user=request.user)
        poll = Poll.objects.filter(pk=data.validated_data["poll_id"], forum=forum).first()
        if poll is None:
            raise NotFound()
        session = live_session_start(
            forum=forum, poll=poll, actor=request.user, title=data.validated_data["title"]
        )
        body = live_session_body(request, live_session_snapshot(code=session.join_code))
        return Response(body, status=status.HTTP_201_CREATED)


class LiveSessionEndView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(request=None, responses={200: LiveStateOutput, **ERRORS}, tags=["staff"])
    def post(self, request: Request, code: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        try:
            session = live_session_by_code(code=code)
        except UnknownJoinCode:
            raise NotFound() from None
        live_session_end(session=session, actor=request.user)
        return Response(live_session_body(request, live_session_snapshot(code=code)))
