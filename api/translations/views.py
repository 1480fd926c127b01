"""Staff: a text's translations into the forum's other languages (read and replace).

One shape for every kind of staff-written text, so the editor is one component. Each
service checks the role its kind of text needs; the view first turns away non-staff.
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import ERRORS
from api.throttles import ThrottledAPIView
from api.translations import serializers as s
from forum.core.errors import NotFound
from forum.core.roles import Role, require_role
from forum.core.translations import TranslationForm
from forum.council.models import PlanningItem
from forum.council.selectors import planning_item_translation_form, untranslated_texts
from forum.council.services import planning_item_translations_set
from forum.ideas.models import IdeaBoard
from forum.ideas.selectors import board_translation_form
from forum.ideas.services import idea_board_translations_set
from forum.live.editing import live_activity_translations_set
from forum.live.selectors import activity_translation_form, live_session_by_code
from forum.participation.access import require_forum_staff
from forum.polls.models import Question
from forum.polls.selectors import question_translation_form
from forum.polls.services import question_translations_set

TAGS = ["staff"]


def _input(request: Request) -> dict[str, Any]:
    data = s.TranslationsInput(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


def _form(form: TranslationForm) -> Response:
    return Response(s.TranslationFormOutput(form).data)


class _TranslationsView(ThrottledAPIView):
    throttle_scope = "staff_write"
    roles: tuple[Role, ...] = (Role.YOUTH_WORKER, Role.OFFICIAL)

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method == "PUT" else []

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        require_role(request.user, *self.roles)


class QuestionTranslationsView(_TranslationsView):
    @extend_schema(responses={200: s.TranslationFormOutput, **ERRORS}, tags=TAGS)
    def get(self, request: Request, question_id: int) -> Response:
        question = Question.objects.select_related("poll__forum").filter(pk=question_id).first()
        if question is None:
            raise NotFound()
        require_forum_staff(request.user, question.poll.forum, *self.roles)
        return _form(question_translation_form(question_id=question_id))

    @extend_schema(
        request=s.TranslationsInput, responses={200: s.TranslationFormOutput, **ERRORS}, tags=TAGS
    )
    def put(self, request: Request, question_id: int) -> Response:
        question = Question.objects.select_related("poll__forum").filter(pk=question_id).first()
        if question is None:
            raise NotFound()
        require_forum_staff(request.user, question.poll.forum, *self.roles)
        data = _input(request)
        question_translations_set(
            question=question,
            translations=data["translations"],
            option_translations=data.get("options"),
            actor=request.user,
        )
        return _form(question_translation_form(question_id=question_id))


class BoardTranslationsView(_TranslationsView):
    roles = (Role.YOUTH_WORKER,)

    @extend_schema(responses={200: s.TranslationFormOutput, **ERRORS}, tags=TAGS)
    def get(self, request: Request, board_id: int) -> Response:
        board = IdeaBoard.objects.select_related("forum").filter(pk=board_id).first()
        if board is None:
            raise NotFound()
        require_forum_staff(request.user, board.forum, *self.roles)
        return _form(board_translation_form(board_id=board_id))

    @extend_schema(
        request=s.TranslationsInput, responses={200: s.TranslationFormOutput, **ERRORS}, tags=TAGS
    )
    def put(self, request: Request, board_id: int) -> Response:
        board = IdeaBoard.objects.select_related("forum").filter(pk=board_id).first()
        if board is None:
            raise NotFound()
        require_forum_staff(request.user, board.forum, *self.roles)
        data = _input(request)
        idea_board_translations_set(
            board=board, translations=data["translations"], actor=request.user
        )
        return _form(board_translation_form(board_id=board_id))


class ActivityTranslationsView(_TranslationsView):
    roles = (Role.YOUTH_WORKER,)

    @extend_schema(responses={200: s.TranslationFormOutput, **ERRORS}, tags=TAGS)
    def get(self, request: Request, code: str, activity_id: int) -> Response:
        session = live_session_by_code(code=code)
        require_forum_staff(request.user, session.forum, *self.roles)
        return _form(activity_translation_form(code=code, activity_id=activity_id))

    @extend_schema(
        request=s.TranslationsInput, responses={200: s.TranslationFormOutput, **ERRORS}, tags=TAGS
    )
    def put(self, request: Request, code: str, activity_id: int) -> Response:
        session = live_session_by_code(code=code)
        require_forum_staff(request.user, session.forum, *self.roles)
        data = _input(request)
        live_activity_translations_set(
            session=session,
            activity_id=activity_id,
            actor=request.user,
            translations=data["translations"],
            question_translations=data.get("question"),
            option_translations=data.get("options"),
        )
        return _form(activity_translation_form(code=code, activity_id=activity_id))


class PlanningItemTranslationsView(_TranslationsView):
    roles = (Role.OFFICIAL,)

    @extend_schema(responses={200: s.TranslationFormOutput, **ERRORS}, tags=TAGS)
    def get(self, request: Request, item_id: int) -> Response:
        return _form(planning_item_translation_form(item_id=item_id))

    @extend_schema(
        request=s.TranslationsInput, responses={200: s.TranslationFormOutput, **ERRORS}, tags=TAGS
    )
    def put(self, request: Request, item_id: int) -> Response:
        item = PlanningItem.objects.filter(pk=item_id).first()
        if item is None:
            raise NotFound()
        data = _input(request)
        planning_item_translations_set(
            planning_item=item, translations=data["translations"], actor=request.user
        )
        return _form(planning_item_translation_form(item_id=item_id))


class UntranslatedTextsView(APIView):
    """Staff: what of a forum still needs translating, per text and language."""

    @extend_schema(responses={200: s.UntranslatedTextOutput(many=True), **ERRORS}, tags=TAGS)
    def get(self, request: Request, forum_id: int) -> Response:
        texts = untranslated_texts(forum_id=forum_id, viewer=request.user)
        return Response(s.UntranslatedTextOutput(texts, many=True).data)
