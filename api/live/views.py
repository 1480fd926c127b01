"""Live session REST endpoints of issue 4: phone answers and Q&A, the youth worker's console.

Phones may send the same writes over their websocket (api/live/consumers.py); both paths
go through api/live/actions.py and the forum.live services.
"""

from typing import Any

from django.db import transaction
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.live import actions
from api.live import serializers as ls
from api.live.exports import export_csv, export_xlsx
from api.participants import participant_ensure, set_participant_cookie
from api.views import ERRORS, ThrottledAPIView, live_session_body
from forum.core.errors import NotFound, UnknownJoinCode
from forum.core.roles import Role, require_role
from forum.live.models import LiveSession
from forum.live.selectors import (
    live_moderation_queue,
    live_session_by_code,
    live_session_export,
    live_session_snapshot,
)
from forum.live.services import (
    live_activity_add,
    live_answering_set,
    live_countdown_start,
    live_pacing_set,
    live_results_set,
    live_session_goto,
    qa_question_moderate,
)
from forum.polls.models import Question


def session_or_404(code: str) -> LiveSession:
    try:
        return live_session_by_code(code=code)
    except UnknownJoinCode:
        raise NotFound() from None


class _ParticipantWriteView(ThrottledAPIView):
    write: Any = None
    ok_status: int = status.HTTP_200_OK

    def post(self, request: Request, code: str) -> Response:
        session = live_session_by_code(code=code)
        with transaction.atomic():  # a refused write leaves no participant row behind
            participant, new_token = participant_ensure(request)
            body = type(self).write(session, participant, request.data)
        response = Response(body, status=self.ok_status)
        set_participant_cookie(response, new_token)
        return response


class LiveAnswerView(_ParticipantWriteView):
    throttle_scope = "vote"
    write = staticmethod(actions.answer_submit)

    @extend_schema(
        request=ls.LiveAnswerInput, responses={200: ls.LiveAnswerOutput, **ERRORS}, tags=["live"]
    )
    def post(self, request: Request, code: str) -> Response:
        return super().post(request, code)


class QaPostView(_ParticipantWriteView):
    throttle_scope = "qa"
    write = staticmethod(actions.qa_post)
    ok_status = status.HTTP_201_CREATED

    @extend_schema(
        request=ls.QaPostInput, responses={201: ls.OwnQuestionOutput, **ERRORS}, tags=["live"]
    )
    def post(self, request: Request, code: str) -> Response:
        return super().post(request, code)


class QaUpvoteView(_ParticipantWriteView):
    throttle_scope = "vote"
    write = staticmethod(actions.qa_upvote)

    @extend_schema(
        request=ls.QaUpvoteInput, responses={200: ls.UpvoteOutput, **ERRORS}, tags=["live"]
    )
    def post(self, request: Request, code: str) -> Response:
        return super().post(request, code)


# --- the youth worker's console -------------------------------------------------------------


class LiveControlView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.LiveControlInput, responses={200: ls.LiveStateOutput, **ERRORS}, tags=["staff"]
    )
    def post(self, request: Request, code: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        data = ls.LiveControlInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        session = session_or_404(code)
        actor = request.user
        match v["action"]:
            case "next" | "previous":
                step = 1 if v["action"] == "next" else -1
                live_session_goto(session=session, actor=actor, step=step)
            case "goto":
                live_session_goto(session=session, actor=actor, activity_id=v["activity_id"])
            case "open" | "lock":
                live_answering_set(session=session, actor=actor, open=v["action"] == "open")
            case "reveal" | "hide":
                live_results_set(session=session, actor=actor, visible=v["action"] == "reveal")
            case "countdown":
                live_countdown_start(session=session, actor=actor, seconds=v["seconds"])
            case "pacing":
                live_pacing_set(session=session, actor=actor, pacing=v["pacing"])
        return Response(live_session_body(request, live_session_snapshot(code=code)))


class LiveActivityCreateView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.LiveActivityInput,
        responses={201: ls.ActivityOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, code: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        data = ls.LiveActivityInput(data=request.data)
        data.is_valid(raise_exception=True)
        session = session_or_404(code)
        question = None
        if "question_id" in data.validated_data:
            question = (
                Question.objects.select_related("poll")
                .filter(pk=data.validated_data["question_id"])
                .first()
            )
            if question is None:
                raise NotFound()
        activity = live_activity_add(
            session=session,
            actor=request.user,
            kind=data.validated_data["kind"],
            question=question,
            title=data.validated_data["title"],
            body=data.validated_data["body"],
        )
        return Response(ls.ActivityOutput(activity).data, status=status.HTTP_201_CREATED)


class QaModerateView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.QaModerateInput, responses={200: ls.HeldQuestionOutput, **ERRORS}, tags=["staff"]
    )
    def post(self, request: Request, code: str, question_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        data = ls.QaModerateInput(data=request.data)
        data.is_valid(raise_exception=True)
        question = qa_question_moderate(
            session=session_or_404(code),
            question_id=question_id,
            action=data.validated_data["action"],
            actor=request.user,
        )
        body = {
            "id": question.pk,
            "activity_id": question.activity_id,
            "text": question.text,
            "status": question.status,
            "reasons": [r for r in question.hold_reasons.split(",") if r],
        }
        return Response(ls.HeldQuestionOutput(body).data)


class LiveConsoleView(ThrottledAPIView):
    """The moderation queue: held and hidden questions, for the youth worker only."""

    @extend_schema(responses={200: ls.ConsoleOutput, **ERRORS}, tags=["staff"])
    def get(self, request: Request, code: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        queue = live_moderation_queue(session=session_or_404(code))
        return Response(ls.ConsoleOutput({"queue": queue}).data)


class LiveExportView(APIView):
    """Results of every activity (small counts suppressed; only published Q&A)."""

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # A file download: whatever Accept says, errors still come back as JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        responses={
            (200, "text/csv"): bytes,
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): bytes,
            **ERRORS,
        },
        tags=["staff"],
    )
    def get(self, request: Request, code: str, file_format: str) -> HttpResponse:
        require_role(request.user, Role.YOUTH_WORKER, Role.OFFICIAL)
        session = session_or_404(code)
        rows = live_session_export(session=session)
        return export_csv(session, rows) if file_format == "csv" else export_xlsx(session, rows)
