"""Staff: the forums, and one forum with its polls and live sessions."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import ERRORS
from api.forums import serializers as s
from api.throttles import ThrottledAPIView
from forum.core.errors import NotFound
from forum.core.roles import Role, require_role
from forum.participation.models import Forum
from forum.participation.services import forum_languages_set


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


class ForumLanguagesView(ThrottledAPIView):
    """The languages a forum offers: staff write texts in them, phones choose among them."""

    throttle_scope = "staff_write"

    @extend_schema(
        request=s.ForumLanguagesInput,
        responses={200: s.ForumLanguagesOutput, **ERRORS},
        tags=["staff"],
    )
    def put(self, request: Request, forum_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        forum = Forum.objects.filter(pk=forum_id).first()
        if forum is None:
            raise NotFound()
        data = s.ForumLanguagesInput(data=request.data)
        data.is_valid(raise_exception=True)
        forum = forum_languages_set(forum=forum, languages=data.validated_data["languages"])
        return Response(s.ForumLanguagesOutput(forum).data)
