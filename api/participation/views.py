"""'About you' for a forum: read, answer or skip, by the device's pseudonymous cookie.

Polls, live sessions and idea boards of a forum all use this one resource, so a young
person is asked once per device and forum (docs/decisions/0007).
"""

from typing import Any

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from api.participants import participant_ensure, participant_from_request, set_participant_cookie
from api.participation import serializers as ps
from api.views import ERRORS, ThrottledAPIView
from forum.core.errors import NotFound
from forum.participation.models import Forum, ParticipantProfile
from forum.participation.selectors import participant_profile
from forum.participation.services import participant_profile_save, participant_profile_skip


def forum_or_404(forum_id: int) -> Forum:
    forum = Forum.objects.filter(pk=forum_id).first()
    if forum is None:
        raise NotFound()
    return forum


def about_you_body(profile: ParticipantProfile | None) -> dict[str, Any]:
    if profile is None:
        body = {"age_band": "", "gender": "", "neighbourhood": "", "asked": False, "skipped": False}
    else:
        body = {
            "age_band": profile.age_band,
            "gender": profile.gender,
            "neighbourhood": profile.neighbourhood,
            "asked": True,
            "skipped": profile.skipped_at is not None,
        }
    return dict(ps.AboutYouOutput(body).data)


class AboutYouView(ThrottledAPIView):
    throttle_scope = "vote"

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method != "GET" else []

    @extend_schema(responses={200: ps.AboutYouOutput, **ERRORS}, tags=["participation"])
    def get(self, request: Request, forum_id: int) -> Response:
        forum = forum_or_404(forum_id)
        participant = participant_from_request(request)
        return Response(about_you_body(participant_profile(forum=forum, participant=participant)))

    @extend_schema(
        request=ps.AboutYouInput,
        responses={200: ps.AboutYouOutput, **ERRORS},
        tags=["participation"],
    )
    def put(self, request: Request, forum_id: int) -> Response:
        data = ps.AboutYouInput(data=request.data)
        data.is_valid(raise_exception=True)
        forum = forum_or_404(forum_id)
        with transaction.atomic():
            participant, new_token = participant_ensure(request, forum=forum)
            profile = participant_profile_save(
                forum=forum, participant=participant, **data.validated_data
            )
        response = Response(about_you_body(profile))
        set_participant_cookie(response, new_token)
        return response


class AboutYouSkipView(ThrottledAPIView):
    """The young person chose "skip": asked, not answered, and not asked again."""

    throttle_scope = "vote"

    @extend_schema(
        request=None, responses={200: ps.AboutYouOutput, **ERRORS}, tags=["participation"]
    )
    def post(self, request: Request, forum_id: int) -> Response:
        forum = forum_or_404(forum_id)
        with transaction.atomic():
            participant, new_token = participant_ensure(request, forum=forum)
            profile = participant_profile_skip(forum=forum, participant=participant)
        response = Response(about_you_body(profile))
        set_participant_cookie(response, new_token)
        return response
