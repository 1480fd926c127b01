"""Joining a live session and reading its whole state (phones, presenter, console), its
QR code, and staff starting and ending a session. The activities' own endpoints are in
views.py.
"""

import io
from typing import Any

import segno
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import ERRORS
from api.forums.views import forum_for_staff
from api.live import session_serializers as s
from api.live.presence import presence_count
from api.live.serializers import LiveStateOutput
from api.live.snapshots import live_state_shared
from api.participant_cookie import (
    participant_ensure,
    participant_from_request,
    set_participant_cookie,
)
from api.proxies import base_url
from api.throttles import ThrottledAPIView
from forum.core.errors import NotFound, UnknownJoinCode
from forum.core.roles import Role, require_role, user_roles
from forum.live.selectors import (
    LiveSnapshot,
    live_participant_answers,
    live_question_awaiting_answer,
    live_session_by_code,
    live_session_running_check,
    live_session_snapshot,
    live_snapshot_before_answer,
    live_snapshot_for_phones,
)
from forum.live.services import live_session_end, live_session_start
from forum.participation.access import require_forum_staff
from forum.participation.selectors import about_you_asked
from forum.polls.models import Poll
from forum.polls.selectors import participant_answers


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
        if not user_roles(request.user):
            snapshot = live_snapshot_before_answer(snapshot=snapshot)
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
    full_answers = live_participant_answers(
        session=snapshot.session, participant=participant, activities=activities
    )
    awaited = live_question_awaiting_answer(snapshot=snapshot)
    if (
        awaited is not None
        and not user_roles(request.user)
        and all(a.question_id != awaited for a in full_answers)
    ):
        snapshot = live_snapshot_before_answer(snapshot=snapshot)
    context = {
        "base_url": base_url(request),
        "presence": presence_count(snapshot.session.join_code),
        "my_answers": answers,
        "my_full_answers": full_answers,
        "my_about_you_asked": about_you_asked(
            forum_id=snapshot.session.forum_id, participant=participant
        )
        if with_answers
        else None,
    }
    return dict(LiveStateOutput(snapshot, context=context).data)


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


class LiveSessionStartView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.LiveSessionStartInput,
        responses={201: LiveStateOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, forum_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        forum = forum_for_staff(forum_id=forum_id, user=request.user)
        data = s.LiveSessionStartInput(data=request.data)
        data.is_valid(raise_exception=True)
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
        require_forum_staff(request.user, session.forum, Role.YOUTH_WORKER)
        live_session_end(session=session, actor=request.user)
        return Response(live_session_body(request, live_session_snapshot(code=code)))
