"""Idea boards at the edge: thin views over forum.ideas services and selectors."""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import ERRORS
from api.ideas import serializers as s
from api.parsers import LimitedJSONParser
from api.participant_cookie import (
    participant_ensure,
    participant_from_request,
    set_participant_cookie,
)
from api.throttles import ThrottledAPIView
from forum.budgets.selectors import my_budgets
from forum.core.errors import NotFound, NotJoined
from forum.core.images import MAX_UPLOAD_BYTES
from forum.core.roles import Role, require_role
from forum.council.models import PlanningItem
from forum.ideas.models import Comment, Idea, IdeaBoard
from forum.ideas.selectors import (
    comment_for_action,
    idea_board_get,
    idea_board_list,
    idea_board_stats,
    idea_detail_for_participant,
    idea_for_participant_action,
    idea_list_for_participant,
    idea_photo,
    ideas_waiting_for_feedback,
    moderation_queue,
    my_participation,
    staff_idea_list,
)
from forum.ideas.services import (
    comment_moderate,
    comment_report,
    comment_reports_mark_abusive,
    comment_submit,
    idea_board_create,
    idea_board_require_open,
    idea_feedback_add,
    idea_moderate,
    idea_report,
    idea_reports_mark_abusive,
    idea_submit,
    idea_support_add,
    idea_support_withdraw,
)
from forum.moderation.models import WordAction
from forum.moderation.selectors import forum_moderation_settings, word_list_for_staff
from forum.moderation.services import forum_moderation_save, word_list_replace
from forum.participation.access import require_forum_staff
from forum.participation.models import Forum, Participant
from forum.participation.selectors import forum_for_staff

TAGS = ["ideas"]
FORM_OVERHEAD_BYTES = 64 * 1024  # the text fields and multipart boundaries around a photo
STAFF_TAGS = ["ideas-staff"]


def _is_open(board: IdeaBoard) -> bool:
    try:
        idea_board_require_open(board=board)
    except Exception:
        return False
    return True


def _with_cookie(response: Response, token: str | None) -> Response:
    set_participant_cookie(response, token)
    return response


# --- participants ---------------------------------------------------------------------------


class BoardListView(APIView):
    @extend_schema(responses={200: s.ParticipantBoardOutput(many=True), **ERRORS}, tags=TAGS)
    def get(self, request: Request) -> Response:
        return Response(s.ParticipantBoardOutput(idea_board_list(), many=True).data)


class BoardView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("sort", str, enum=["newest", "supported", "random"])],
        responses={200: s.BoardWithIdeasOutput, **ERRORS},
        tags=TAGS,
    )
    def get(self, request: Request, board_id: int) -> Response:
        query = s.BoardQueryInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        board = idea_board_get(board_id=board_id)
        ideas = idea_list_for_participant(
            board=board,
            participant=participant_from_request(request),
            sort=query.validated_data["sort"],
        )
        body = {"board": board, "is_open": _is_open(board), "ideas": ideas}
        return Response(s.BoardWithIdeasOutput(body).data)


class IdeaCreateView(ThrottledAPIView):
    throttle_scope = "ideas"
    parser_classes = [MultiPartParser, FormParser, LimitedJSONParser]

    @extend_schema(
        request={"multipart/form-data": s.IdeaInput, "application/json": s.IdeaInput},
        responses={201: s.IdeaCardOutput, **ERRORS},
        tags=TAGS,
    )
    def post(self, request: Request, board_id: int) -> Response:
        # Refuse an oversized upload before it is parsed (a proxy should cap it too).
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES:
            raise RequestDataTooBig("idea upload exceeds the photo limit")
        data = s.IdeaInput(data=request.data)
        data.is_valid(raise_exception=True)
        board = idea_board_get(board_id=board_id)
        photo = data.validated_data.get("photo")
        with transaction.atomic():
            participant, token = participant_ensure(request, forum=board.forum)
            idea = idea_submit(
                board=board,
                participant=participant,
                title=data.validated_data["title"],
                text=data.validated_data["text"],
                category=data.validated_data["category"],
                neighbourhood=data.validated_data["neighbourhood"],
                idempotency_key=data.validated_data["idempotency_key"],
                photo=photo.read() if photo is not None else None,
            )
        card = idea_detail_for_participant(idea_id=idea.pk, participant=participant).idea
        return _with_cookie(
            Response(s.IdeaCardOutput(card).data, status=status.HTTP_201_CREATED), token
        )


class IdeaDetailView(APIView):
    @extend_schema(responses={200: s.IdeaDetailOutput, **ERRORS}, tags=TAGS)
    def get(self, request: Request, idea_id: int) -> Response:
        detail = idea_detail_for_participant(
            idea_id=idea_id, participant=participant_from_request(request)
        )
        return Response(s.IdeaDetailOutput(detail).data)


class IdeaPhotoView(APIView):
    @extend_schema(responses={(200, "image/jpeg"): bytes, **ERRORS}, tags=TAGS)
    def get(self, request: Request, idea_id: int) -> HttpResponse:
        idea = idea_photo(
            idea_id=idea_id, participant=participant_from_request(request), viewer=request.user
        )
        response = HttpResponse(bytes(idea.photo or b""), content_type=idea.photo_type)
        # Private: visibility depends on who asks, and a hidden photo must not stay cached.
        response["Cache-Control"] = "private, no-cache"
        response["X-Content-Type-Options"] = "nosniff"
        return response


def _support_body(idea: Idea, supported: bool) -> dict[str, Any]:
    return {"idea_id": idea.pk, "supported": supported, "supports": idea.supports.count()}


class IdeaSupportView(ThrottledAPIView):
    throttle_scope = "vote"

    @extend_schema(request=None, responses={200: s.SupportOutput, **ERRORS}, tags=TAGS)
    def post(self, request: Request, idea_id: int) -> Response:
        idea = idea_for_participant_action(idea_id=idea_id)
        with transaction.atomic():
            participant, token = participant_ensure(request, forum=idea.board.forum)
            idea_support_add(idea=idea, participant=participant)
        return _with_cookie(Response(s.SupportOutput(_support_body(idea, True)).data), token)

    @extend_schema(request=None, responses={200: s.SupportOutput, **ERRORS}, tags=TAGS)
    def delete(self, request: Request, idea_id: int) -> Response:
        idea = idea_for_participant_action(idea_id=idea_id)
        participant = participant_from_request(request)
        if participant is not None:
            idea_support_withdraw(idea=idea, participant=participant)
        return Response(s.SupportOutput(_support_body(idea, False)).data)


class CommentCreateView(ThrottledAPIView):
    throttle_scope = "ideas"

    @extend_schema(
        request=s.CommentInput, responses={201: s.CommentCreatedOutput, **ERRORS}, tags=TAGS
    )
    def post(self, request: Request, idea_id: int) -> Response:
        data = s.CommentInput(data=request.data)
        data.is_valid(raise_exception=True)
        idea = idea_for_participant_action(idea_id=idea_id)
        with transaction.atomic():
            participant, token = participant_ensure(request, forum=idea.board.forum)
            comment = comment_submit(
                idea=idea,
                participant=participant,
                text=data.validated_data["text"],
                parent_id=data.validated_data.get("parent_id"),
                idempotency_key=data.validated_data["idempotency_key"],
            )
        return _with_cookie(
            Response(s.CommentCreatedOutput(comment).data, status=status.HTTP_201_CREATED), token
        )


def _reporter(request: Request) -> Participant:
    """A report comes from a device that already takes part: a request without the
    participant cookie is nobody, so it neither creates a participant nor counts."""
    participant = participant_from_request(request)
    if participant is None:
        raise NotJoined(_("Take part first (vote, support or post an idea), then you can report."))
    return participant


class IdeaReportView(ThrottledAPIView):
    throttle_scope = "ideas"

    @extend_schema(request=None, responses={200: s.ReportOutput, **ERRORS}, tags=TAGS)
    def post(self, request: Request, idea_id: int) -> Response:
        idea = idea_for_participant_action(idea_id=idea_id)
        idea_report(idea=idea, participant=_reporter(request))
        return Response({"reported": True})


class CommentReportView(ThrottledAPIView):
    throttle_scope = "ideas"

    @extend_schema(request=None, responses={200: s.ReportOutput, **ERRORS}, tags=TAGS)
    def post(self, request: Request, comment_id: int) -> Response:
        comment = comment_for_action(comment_id=comment_id)
        comment_report(comment=comment, participant=_reporter(request))
        return Response({"reported": True})


class MyParticipationView(APIView):
    @extend_schema(responses={200: s.MyParticipationOutput, **ERRORS}, tags=TAGS)
    def get(self, request: Request) -> Response:
        mine = my_participation(participant=participant_from_request(request))

        def with_timeline(cards: list[Any]) -> list[dict[str, Any]]:
            return [{**c.__dict__, "timeline": mine.timelines.get(c.id, [])} for c in cards]

        body = {
            "ideas": with_timeline(mine.ideas),
            "supported": with_timeline(mine.supported),
            "votes": mine.votes,
            "budgets": my_budgets(participant=participant_from_request(request)),
        }
        response = Response(s.MyParticipationOutput(body).data)
        response["Cache-Control"] = "private, no-store"
        return response


# --- staff ----------------------------------------------------------------------------------


class StaffBoardListView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method == "POST" else []

    @extend_schema(responses={200: s.BoardStatsOutput(many=True), **ERRORS}, tags=STAFF_TAGS)
    def get(self, request: Request) -> Response:
        return Response(s.BoardStatsOutput(idea_board_stats(viewer=request.user), many=True).data)

    @extend_schema(
        request=s.BoardCreateInput, responses={201: s.BoardOutput, **ERRORS}, tags=STAFF_TAGS
    )
    def post(self, request: Request) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        data = s.BoardCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        forum = forum_for_staff(viewer=request.user, forum_id=data.validated_data["forum_id"])
        board = idea_board_create(
            forum=forum,
            question=data.validated_data["question"],
            description=data.validated_data["description"],
            categories=data.validated_data["categories"],
            opens_at=data.validated_data["opens_at"],
            closes_at=data.validated_data["closes_at"],
            actor=request.user,
        )
        return Response(s.BoardOutput(board).data, status=status.HTTP_201_CREATED)


class StaffBoardIdeasView(APIView):
    @extend_schema(responses={200: s.StaffBoardOutput, **ERRORS}, tags=STAFF_TAGS)
    def get(self, request: Request, board_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER, Role.OFFICIAL)
        board = idea_board_get(board_id=board_id)
        ideas = staff_idea_list(board=board, viewer=request.user)
        return Response(s.StaffBoardOutput({"board": board, "ideas": ideas}).data)


class ModerationQueueView(APIView):
    @extend_schema(responses={200: s.QueueItemOutput(many=True), **ERRORS}, tags=STAFF_TAGS)
    def get(self, request: Request) -> Response:
        return Response(s.QueueItemOutput(moderation_queue(viewer=request.user), many=True).data)


def _staff_idea(request: Request, idea_id: int) -> Idea:
    """The idea, if the user works in its forum (else NotFound), before the body is read:
    staff of another forum learn nothing from a bad body (docs/decisions/0049)."""
    idea = Idea.objects.select_related("board__forum").defer("photo").filter(pk=idea_id).first()
    if idea is None:
        raise NotFound()
    require_forum_staff(request.user, idea.board.forum, Role.YOUTH_WORKER, Role.OFFICIAL)
    return idea


class IdeaModerateView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.ModerateInput,
        responses={200: s.ModerationResultOutput, **ERRORS},
        tags=STAFF_TAGS,
    )
    def post(self, request: Request, idea_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        idea = _staff_idea(request, idea_id)
        data = s.ModerateInput(data=request.data)
        data.is_valid(raise_exception=True)
        record = idea_moderate(idea=idea, actor=request.user, **data.validated_data)
        return Response(s.ModerationResultOutput(record).data)


class CommentModerateView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.ModerateInput,
        responses={200: s.ModerationResultOutput, **ERRORS},
        tags=STAFF_TAGS,
    )
    def post(self, request: Request, comment_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        comment = Comment.objects.select_related("idea__board__forum").filter(pk=comment_id).first()
        if comment is None:
            raise NotFound()
        # The forum first, so staff of another forum learn nothing from a bad body.
        require_forum_staff(request.user, comment.idea.board.forum, Role.YOUTH_WORKER)
        data = s.ModerateInput(data=request.data)
        data.is_valid(raise_exception=True)
        record = comment_moderate(comment=comment, actor=request.user, **data.validated_data)
        return Response(s.ModerationResultOutput(record).data)


class IdeaReportsAbuseView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.ReportsAbuseInput,
        responses={200: s.ModerationResultOutput, **ERRORS},
        tags=STAFF_TAGS,
    )
    def post(self, request: Request, idea_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        data = s.ReportsAbuseInput(data=request.data)
        data.is_valid(raise_exception=True)
        idea = Idea.objects.select_related("board").defer("photo").filter(pk=idea_id).first()
        if idea is None:
            raise NotFound()
        record = idea_reports_mark_abusive(idea=idea, actor=request.user, **data.validated_data)
        return Response(s.ModerationResultOutput(record).data)


class CommentReportsAbuseView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.ReportsAbuseInput,
        responses={200: s.ModerationResultOutput, **ERRORS},
        tags=STAFF_TAGS,
    )
    def post(self, request: Request, comment_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        data = s.ReportsAbuseInput(data=request.data)
        data.is_valid(raise_exception=True)
        comment = Comment.objects.select_related("idea").filter(pk=comment_id).first()
        if comment is None:
            raise NotFound()
        record = comment_reports_mark_abusive(
            comment=comment, actor=request.user, **data.validated_data
        )
        return Response(s.ModerationResultOutput(record).data)


class IdeaFeedbackView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.FeedbackInput, responses={201: s.TimelineStepOutput, **ERRORS}, tags=STAFF_TAGS
    )
    def post(self, request: Request, idea_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER, Role.OFFICIAL)
        idea = _staff_idea(request, idea_id)
        data = s.FeedbackInput(data=request.data)
        data.is_valid(raise_exception=True)
        item = None
        item_id = data.validated_data.get("planning_item_id")
        if item_id is not None:
            item = PlanningItem.objects.filter(pk=item_id).first()
            if item is None:
                raise NotFound()
        entry = idea_feedback_add(
            idea=idea,
            status=data.validated_data["status"],
            text=data.validated_data["text"],
            decision=data.validated_data["decision"],
            planning_item=item,
            actor=request.user,
        )
        body = {
            "status": entry.status,
            "decision": entry.decision,
            "text": entry.text,
            "created_at": entry.created_at,
            "planning_item": f"{item.reference} {item.title}" if item else "",
        }
        return Response(s.TimelineStepOutput(body).data, status=status.HTTP_201_CREATED)


class IdeasWaitingView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("days", int)],
        responses={200: s.StaffIdeaOutput(many=True), **ERRORS},
        tags=STAFF_TAGS,
    )
    def get(self, request: Request) -> Response:
        require_role(request.user, Role.YOUTH_WORKER, Role.OFFICIAL)
        query = s.WaitingQueryInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        ideas = ideas_waiting_for_feedback(
            viewer=request.user, days=query.validated_data["days"], now=timezone.now()
        )
        return Response(s.StaffIdeaOutput(ideas, many=True).data)


class WordListView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method == "PUT" else []

    def _path(self, language: str, action: str) -> tuple[str, str]:
        path = s.WordListPath(data={"language": language, "action": action})
        if not path.is_valid():
            raise NotFound()
        return path.validated_data["language"], path.validated_data["action"]

    @extend_schema(responses={200: s.WordListOutput, **ERRORS}, tags=STAFF_TAGS)
    def get(self, request: Request, language: str, action: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER, Role.ADMIN)
        language, action = self._path(language, action)
        words = word_list_for_staff(language=language, action=action, viewer=request.user)
        return Response({"language": language, "action": action, "words": words})

    @extend_schema(
        request=s.WordListInput, responses={200: s.WordListOutput, **ERRORS}, tags=STAFF_TAGS
    )
    def put(self, request: Request, language: str, action: str) -> Response:
        require_role(request.user, Role.YOUTH_WORKER, Role.ADMIN)
        language, action = self._path(language, action)
        data = s.WordListInput(data=request.data)
        data.is_valid(raise_exception=True)
        stored = word_list_replace(
            language=language,
            action=WordAction(action),
            words=data.validated_data["words"],
            actor=request.user,
        )
        return Response({"language": language, "action": action, "words": stored.entries()})


class ForumModerationView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method == "PUT" else []

    def _forum(self, request: Request, forum_id: int) -> Forum:
        require_role(request.user, Role.YOUTH_WORKER)
        return forum_for_staff(viewer=request.user, forum_id=forum_id)

    @extend_schema(responses={200: s.ForumModerationOutput, **ERRORS}, tags=STAFF_TAGS)
    def get(self, request: Request, forum_id: int) -> Response:
        forum = self._forum(request, forum_id)
        pre, threshold = forum_moderation_settings(forum=forum, viewer=request.user)
        return Response(
            {"forum_id": forum.pk, "pre_moderation": pre, "report_threshold": threshold}
        )

    @extend_schema(
        request=s.ForumModerationInput,
        responses={200: s.ForumModerationOutput, **ERRORS},
        tags=STAFF_TAGS,
    )
    def put(self, request: Request, forum_id: int) -> Response:
        forum = self._forum(request, forum_id)
        data = s.ForumModerationInput(data=request.data)
        data.is_valid(raise_exception=True)
        row = forum_moderation_save(forum=forum, actor=request.user, **data.validated_data)
        return Response(
            {
                "forum_id": forum.pk,
                "pre_moderation": forum.pre_moderation,
                "report_threshold": row.report_threshold,
            }
        )
