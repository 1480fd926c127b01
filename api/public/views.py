"""Public transparency (no login): thin views over forum.council.public.

No authentication runs here, so the answer is the same for everyone and never touches a
session; a shared cache may keep it a minute (decisions are published, not live).
"""

from dataclasses import asdict
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import ERRORS
from api.public import serializers as ps
from forum.council.public import public_followup, public_forum, public_forum_list

PUBLIC_CACHE = "public, max-age=60"


def _public(body: Any) -> Response:
    response = Response(body)
    response["Cache-Control"] = PUBLIC_CACHE
    return response


class PublicView(APIView):
    authentication_classes: list[Any] = []
    permission_classes: list[Any] = []


class PublicForumListView(PublicView):
    @extend_schema(responses={200: ps.PublicForumRefOutput(many=True), **ERRORS}, tags=["public"])
    def get(self, request: Request) -> Response:
        forums = [asdict(f) for f in public_forum_list()]
        return _public(ps.PublicForumRefOutput(forums, many=True).data)


class PublicForumView(PublicView):
    """A forum's published briefs and the decisions that took its input up."""

    @extend_schema(responses={200: ps.PublicForumOutput, **ERRORS}, tags=["public"])
    def get(self, request: Request, slug: str) -> Response:
        # The header only (the page varies on it and reads no cookie): its first language.
        header = request.headers.get("Accept-Language", "")
        language = header.split(",")[0].split(";")[0] or None
        forum = public_forum(slug=slug, language=language)
        return _public(ps.PublicForumOutput(asdict(forum)).data)


class PublicFollowupView(PublicView):
    """The yearly follow-up's headline figures for the district (suppressed)."""

    @extend_schema(
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, required=False)],
        responses={200: ps.PublicFollowupOutput, **ERRORS},
        tags=["public"],
    )
    def get(self, request: Request) -> Response:
        query = ps.PublicFollowupQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        report = public_followup(year=query.validated_data.get("year"))
        return _public(ps.PublicFollowupOutput(asdict(report)).data)
