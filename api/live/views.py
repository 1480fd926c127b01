"""Live session REST endpoints: phone answers and Q&A, the youth worker's console.

Phones may send the same writes over their websocket (api/live/consumers.py); both paths
go through api/live/actions.py and the forum.live services.
"""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import ERRORS
from api.live import actions
from api.live import serializers as ls
from api.live.exports import export_csv, export_pdf, export_xlsx
from api.live.session_views import live_session_body
from api.live.snapshots import live_session_for_write
from api.participant_cookie import participant_ensure, set_participant_cookie
from api.throttles import ThrottledAPIView
from forum.core.errors import NotFound, UnknownJoinCode
from forum.core.images import MAX_UPLOAD_BYTES
from forum.core.roles import Role, require_role, user_roles
from forum.ideas.models import IdeaBoard
from forum.live.editing import (
    ActivityDraft,
    live_activity_create,
    live_activity_duplicate,
    live_activity_edit,
    live_session_poll_import,
)
from forum.live.models import LiveSession, LiveSessionState
from forum.live.selectors import (
    live_activity_image,
    live_idea_queue,
    live_moderation_queue,
    live_open_text_questions,
    live_session_by_code,
    live_session_prepare_view,
    live_session_snapshot,
)
from forum.live.services import (
    QueueEntryRef,
    live_about_you_set,
    live_activities_reorder,
    live_activity_add,
    live_activity_image_remove,
    live_activity_image_set,
    live_activity_move,
    live_activity_remove,
    live_answering_set,
    live_countdown_start,
    live_idea_moderate,
    live_open_text_activity_create,
    live_open_text_answer_moderate,
    live_pacing_set,
    live_queue_moderate,
    live_results_set,
    live_session_begin,
    live_session_goto,
    live_session_prepare,
    qa_question_moderate,
)
from forum.live.session_templates import SESSION_TEMPLATES, live_session_from_template
from forum.live.summary import live_session_export, live_session_summary
from forum.live.summary_pdf import live_summary_pdf
from forum.participation.access import require_forum_staff
from forum.participation.selectors import forum_for_staff
from forum.polls.models import Poll, Question


def session_or_404(code: str, user: Any) -> LiveSession:
    """A session staff act on: the view checked the role; a youth worker reaches only their
    forums' sessions, any other answers NotFound (docs/decisions/0049)."""
    try:
        session = live_session_by_code(code=code)
    except UnknownJoinCode:
        raise NotFound() from None
    require_forum_staff(user, session.forum, Role.YOUTH_WORKER, Role.OFFICIAL)
    return session


class _ParticipantWriteView(ThrottledAPIView):
    write: Any = None
    ok_status: int = status.HTTP_200_OK

    def session_for(self, code: str) -> LiveSession:
        return live_session_by_code(code=code)

    def post(self, request: Request, code: str) -> Response:
        session = self.session_for(code)
        with transaction.atomic():  # a refused write leaves no participant row behind
            participant, new_token = participant_ensure(request, forum=session.forum)
            body = type(self).write(session, participant, request.data)
        response = Response(body, status=self.ok_status)
        set_participant_cookie(response, new_token)
        return response


class LiveAnswerView(_ParticipantWriteView):
    throttle_scope = "vote"
    write = staticmethod(actions.answer_submit)

    def session_for(self, code: str) -> LiveSession:
        # No query while this worker holds the session's state: an answer uses only its id
        # and forum; the service reads the rules (state, current activity, lock,
        # countdown) fresh with the activity.
        return live_session_for_write(code=code)

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
        session = session_or_404(code, request.user)
        data = ls.LiveControlInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
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
            case "countdown_stop":
                live_countdown_start(session=session, actor=actor, seconds=0)
            case "pacing":
                live_pacing_set(session=session, actor=actor, pacing=v["pacing"])
            case "about_you":
                live_about_you_set(session=session, actor=actor, ask=v["ask_about_you"])
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
        session = session_or_404(code, request.user)
        data = ls.LiveActivityInput(data=request.data)
        data.is_valid(raise_exception=True)
        if "question_text" in data.validated_data:
            activity = live_open_text_activity_create(
                session=session,
                actor=request.user,
                kind=data.validated_data["kind"],
                text=data.validated_data["question_text"],
                title=data.validated_data["title"],
                results_before_answer=data.validated_data.get("results_before_answer", False),
            )
            return Response(ls.ActivityOutput(activity).data, status=status.HTTP_201_CREATED)
        question = None
        if "question_id" in data.validated_data:
            question = (
                Question.objects.select_related("poll")
                .filter(pk=data.validated_data["question_id"])
                .first()
            )
            if question is None:
                raise NotFound()
        board = None
        if "board_id" in data.validated_data:
            board = IdeaBoard.objects.filter(pk=data.validated_data["board_id"]).first()
            if board is None:
                raise NotFound()
        activity = live_activity_add(
            session=session,
            actor=request.user,
            kind=data.validated_data["kind"],
            question=question,
            board=board,
            board_question=data.validated_data.get("board_question", ""),
            title=data.validated_data["title"],
            body=data.validated_data["body"],
            results_before_answer=data.validated_data.get("results_before_answer", False),
        )
        return Response(ls.ActivityOutput(activity).data, status=status.HTTP_201_CREATED)


# --- preparing a session (draft → running) ------------------------------------------------


def prepare_body(session: LiveSession) -> dict[str, Any]:
    fresh = LiveSession.objects.select_related("forum").get(pk=session.pk)
    return dict(ls.LivePrepareOutput(live_session_prepare_view(session=fresh)).data)


class LiveDraftCreateView(ThrottledAPIView):
    """A youth worker creates a session being prepared (phones cannot join it yet)."""

    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.LiveDraftInput, responses={201: ls.LivePrepareOutput, **ERRORS}, tags=["staff"]
    )
    def post(self, request: Request, forum_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        data = ls.LiveDraftInput(data=request.data)
        data.is_valid(raise_exception=True)
        forum = forum_for_staff(viewer=request.user, forum_id=forum_id)
        v = data.validated_data
        if "template" in v:
            session = live_session_from_template(
                forum=forum,
                actor=request.user,
                template=v["template"],
                title=v["title"],
                idempotency_key=v.get("idempotency_key"),
            )
        else:
            session = live_session_prepare(
                forum=forum,
                actor=request.user,
                title=v["title"],
                pacing=v["pacing"],
                ask_about_you=v["ask_about_you"],
                idempotency_key=v.get("idempotency_key"),
            )
        return Response(prepare_body(session), status=status.HTTP_201_CREATED)


class LiveTemplateListView(APIView):
    """The ready-made sessions a youth worker can start from."""

    @extend_schema(responses={200: ls.SessionTemplateOutput(many=True), **ERRORS}, tags=["staff"])
    def get(self, request: Request) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        body = [
            {
                "key": t.key,
                "title": str(t.title),
                "description": str(t.description),
                "kinds": [draft.kind for draft in t.activities()],
            }
            for t in SESSION_TEMPLATES
        ]
        return Response(ls.SessionTemplateOutput(body, many=True).data)


class LiveEditorActivityView(ThrottledAPIView):
    """The session editor adds an activity of any kind, its question written inline."""

    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.EditorActivityInput,
        responses={201: ls.LivePrepareOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, code: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        data = ls.EditorActivityInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        question = None
        if "question_id" in v:
            question = Question.objects.select_related("poll").filter(pk=v["question_id"]).first()
            if question is None:
                raise NotFound()
        board = None
        if "board_id" in v:
            board = IdeaBoard.objects.filter(pk=v["board_id"]).first()
            if board is None:
                raise NotFound()
        draft = ActivityDraft(
            kind=v["kind"],
            title=v["title"],
            body=v["body"],
            question=question,
            question_text=v.get("question_text", ""),
            question_kind=v["question_kind"],
            options=v["options"],
            config=v["config"],
            costs=v["costs"],
            board=board,
            board_question=v["board_question"],
            seconds=v.get("seconds"),
            results_before_answer=v.get("results_before_answer", False),
        )
        live_activity_create(
            session=session,
            actor=request.user,
            draft=draft,
            expected_version=v.get("expected_version"),
            idempotency_key=v.get("idempotency_key"),
        )
        return Response(prepare_body(session), status=status.HTTP_201_CREATED)


class LiveActivityDuplicateView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.EditorWriteInput, responses={201: ls.LivePrepareOutput, **ERRORS}, tags=["staff"]
    )
    def post(self, request: Request, code: str, activity_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        data = ls.EditorWriteInput(data=request.data)
        data.is_valid(raise_exception=True)
        live_activity_duplicate(
            session=session,
            activity_id=activity_id,
            actor=request.user,
            expected_version=data.validated_data.get("expected_version"),
            idempotency_key=data.validated_data.get("idempotency_key"),
        )
        return Response(prepare_body(session), status=status.HTTP_201_CREATED)


class LiveActivityMoveView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.LiveActivityMoveInput,
        responses={200: ls.LivePrepareOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, code: str, activity_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        data = ls.LiveActivityMoveInput(data=request.data)
        data.is_valid(raise_exception=True)
        live_activity_move(
            session=session,
            activity_id=activity_id,
            actor=request.user,
            to_index=data.validated_data["to_index"],
            expected_version=data.validated_data.get("expected_version"),
        )
        return Response(prepare_body(session))


class LivePollImportView(ThrottledAPIView):
    """Copy an existing poll's questions into the session as activities."""

    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.LivePollImportInput,
        responses={201: ls.LivePrepareOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, code: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        data = ls.LivePollImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        poll = Poll.objects.filter(pk=data.validated_data["poll_id"]).first()
        if poll is None:
            raise NotFound()
        live_session_poll_import(
            session=session,
            poll=poll,
            actor=request.user,
            expected_version=data.validated_data.get("expected_version"),
            idempotency_key=data.validated_data.get("idempotency_key"),
        )
        return Response(prepare_body(session), status=status.HTTP_201_CREATED)


class LivePrepareView(APIView):
    """The session's activities and what can be added (forum questions and idea boards)."""

    @extend_schema(responses={200: ls.LivePrepareOutput, **ERRORS}, tags=["staff"])
    def get(self, request: Request, code: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        return Response(prepare_body(session))


class LiveStartView(ThrottledAPIView):
    """Start a prepared session: draft → running, the first activity current."""

    throttle_scope = "staff_write"

    @extend_schema(request=None, responses={200: ls.LiveStateOutput, **ERRORS}, tags=["staff"])
    def post(self, request: Request, code: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        live_session_begin(session=session, actor=request.user)
        return Response(live_session_body(request, live_session_snapshot(code=code)))


class LiveActivityView(ThrottledAPIView):
    """Edit (PATCH) or remove (DELETE) an activity that has not been shown yet."""

    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.LiveActivityEditInput,
        responses={200: ls.LivePrepareOutput, **ERRORS},
        tags=["staff"],
    )
    def patch(self, request: Request, code: str, activity_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        data = ls.LiveActivityEditInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        live_activity_edit(
            session=session,
            activity_id=activity_id,
            actor=request.user,
            title=v["title"],
            body=v["body"],
            question_text=v.get("question_text"),
            question_kind=v["question_kind"],
            options=v["options"],
            config=v["config"],
            costs=v["costs"],
            seconds=v.get("seconds"),
            expected_version=v.get("expected_version"),
            results_before_answer=v.get("results_before_answer"),
        )
        return Response(prepare_body(session))

    @extend_schema(
        request=ls.EditorWriteInput, responses={200: ls.LivePrepareOutput, **ERRORS}, tags=["staff"]
    )
    def delete(self, request: Request, code: str, activity_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        data = ls.EditorWriteInput(data=request.data or {})
        data.is_valid(raise_exception=True)
        live_activity_remove(
            session=session,
            activity_id=activity_id,
            actor=request.user,
            expected_version=data.validated_data.get("expected_version"),
        )
        return Response(prepare_body(session))


class LiveActivityOrderView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.LiveActivityOrderInput,
        responses={200: ls.LivePrepareOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, code: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        data = ls.LiveActivityOrderInput(data=request.data)
        data.is_valid(raise_exception=True)
        live_activities_reorder(
            session=session,
            actor=request.user,
            order=data.validated_data["activity_ids"],
            expected_version=data.validated_data.get("expected_version"),
        )
        return Response(prepare_body(session))


IMAGE_FORM_OVERHEAD_BYTES = 16 * 1024  # the alt text and multipart boundaries


class LiveActivityImageView(ThrottledAPIView):
    """An info slide's picture: staff upload (POST, multipart: image + alt) or remove
    (DELETE); anyone holding the join code reads it (GET, versioned URL)."""

    throttle_scope = "staff_write"
    parser_classes = [MultiPartParser, FormParser]

    def get_throttles(self) -> list[Any]:
        return [] if self.request.method == "GET" else super().get_throttles()

    @extend_schema(
        request={"multipart/form-data": ls.ActivityImageInput},
        responses={200: ls.LivePrepareOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, code: str, activity_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_UPLOAD_BYTES + IMAGE_FORM_OVERHEAD_BYTES:
            raise RequestDataTooBig("info slide image exceeds the upload limit")
        data = ls.ActivityImageInput(data=request.data)
        data.is_valid(raise_exception=True)
        live_activity_image_set(
            session=session,
            activity_id=activity_id,
            data=data.validated_data["image"].read(),
            alt=data.validated_data["alt"],
            actor=request.user,
        )
        return Response(prepare_body(session))

    @extend_schema(request=None, responses={200: ls.LivePrepareOutput, **ERRORS}, tags=["staff"])
    def delete(self, request: Request, code: str, activity_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        live_activity_image_remove(session=session, activity_id=activity_id, actor=request.user)
        return Response(prepare_body(session))

    @extend_schema(responses={(200, "image/jpeg"): bytes, **ERRORS}, tags=["live"])
    def get(self, request: Request, code: str, activity_id: int) -> HttpResponse:
        try:
            activity = live_activity_image(
                code=code, activity_id=activity_id, staff=bool(user_roles(request.user))
            )
        except UnknownJoinCode:
            raise NotFound() from None
        response = HttpResponse(bytes(activity.image or b""), content_type=activity.image_type)
        # The URL carries a version (?v=) that changes with each upload. A draft's picture
        # is for staff only: no shared cache may keep it for the next code holder.
        draft = activity.session.state == LiveSessionState.DRAFT
        response["Cache-Control"] = (
            "private, no-store" if draft else "public, max-age=31536000, immutable"
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- idea collection: phones post and support, the console moderates -----------------------


class LiveIdeaPostView(_ParticipantWriteView):
    throttle_scope = "ideas"
    write = staticmethod(actions.idea_post)
    ok_status = status.HTTP_201_CREATED

    @extend_schema(
        request=ls.LiveIdeaInput, responses={201: ls.LiveIdeaOutput, **ERRORS}, tags=["live"]
    )
    def post(self, request: Request, code: str) -> Response:
        return super().post(request, code)


class LiveIdeaSupportView(_ParticipantWriteView):
    throttle_scope = "vote"
    write = staticmethod(actions.idea_support)

    @extend_schema(
        request=ls.LiveIdeaSupportInput,
        responses={200: ls.LiveIdeaSupportOutput, **ERRORS},
        tags=["live"],
    )
    def post(self, request: Request, code: str) -> Response:
        return super().post(request, code)


class LiveIdeaModerateView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.LiveIdeaModerateInput,
        responses={200: ls.LiveIdeaOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, code: str, idea_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        data = ls.LiveIdeaModerateInput(data=request.data)
        data.is_valid(raise_exception=True)
        idea = live_idea_moderate(
            session=session,
            idea_id=idea_id,
            action=data.validated_data["action"],
            actor=request.user,
        )
        return Response(ls.LiveIdeaOutput(idea).data)


class QaModerateView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.QaModerateInput, responses={200: ls.HeldQuestionOutput, **ERRORS}, tags=["staff"]
    )
    def post(self, request: Request, code: str, question_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        data = ls.QaModerateInput(data=request.data)
        data.is_valid(raise_exception=True)
        question = qa_question_moderate(
            session=session,
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


class AnswerModerateView(ThrottledAPIView):
    """Approve or hide a held open-text answer (word cloud, wall or poll) of this session."""

    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.AnswerModerateInput,
        responses={200: ls.HeldQuestionOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, code: str, response_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        data = ls.AnswerModerateInput(data=request.data)
        data.is_valid(raise_exception=True)
        answer = live_open_text_answer_moderate(
            session=session,
            response_id=response_id,
            action=data.validated_data["action"],
            actor=request.user,
        )
        activity_id = (
            session.activities.filter(question_id=answer.question_id)
            .order_by("position", "id")
            .values_list("id", flat=True)
            .first()
        )
        body: dict[str, Any] = {
            "id": answer.pk,
            "activity_id": activity_id,
            "text": str((answer.answer or {}).get("text", "")),
            "status": answer.text_status,
            "reasons": [],
            "kind": "answer",
        }
        return Response(ls.HeldQuestionOutput(body).data)


class QueueModerateView(ThrottledAPIView):
    """Approve or hide several queue entries at once (or every held one): one request, one
    transaction, one update of every screen."""

    throttle_scope = "staff_write"

    @extend_schema(
        request=ls.QueueModerateInput,
        responses={200: ls.QueueModeratedOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, code: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        data = ls.QueueModerateInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        result = live_queue_moderate(
            session=session,
            actor=request.user,
            action=v["action"],
            entries=None
            if v["all"]
            else [QueueEntryRef(kind=e["kind"], id=e["id"]) for e in v["entries"]],
        )
        return Response(ls.QueueModeratedOutput(result).data)


class OpenTextQuestionListView(APIView):
    """Open-text questions of the session's forum, for adding a word cloud or wall."""

    @extend_schema(responses={200: ls.OpenTextQuestionOutput(many=True), **ERRORS}, tags=["staff"])
    def get(self, request: Request, code: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        questions = live_open_text_questions(session=session)
        return Response(ls.OpenTextQuestionOutput(questions, many=True).data)


class LiveConsoleView(ThrottledAPIView):
    """The moderation queue: held and hidden questions, for the youth worker only."""

    @extend_schema(responses={200: ls.ConsoleOutput, **ERRORS}, tags=["staff"])
    def get(self, request: Request, code: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        session = session_or_404(code, request.user)
        body = {
            "queue": live_moderation_queue(session=session),
            "ideas": live_idea_queue(session=session),
        }
        return Response(ls.ConsoleOutput(body).data)


class LiveExportView(ThrottledAPIView):
    """Results of every activity (small counts suppressed; only published texts): CSV and
    XLSX rows, or the PDF summary with charts, in the request's language."""

    # A PDF render costs real CPU: its own, modest limit per staff user (api/throttles.py).
    throttle_scope = "export"

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
            (200, "application/pdf"): bytes,
            **ERRORS,
        },
        tags=["staff"],
    )
    def get(self, request: Request, code: str, file_format: str) -> HttpResponse:
        require_role(request.user, Role.YOUTH_WORKER, Role.OFFICIAL)
        session = session_or_404(code, request.user)
        if file_format == "pdf":
            return export_pdf(session, live_summary_pdf(live_session_summary(session=session)))
        rows = live_session_export(session=session)
        return export_csv(session, rows) if file_format == "csv" else export_xlsx(session, rows)
