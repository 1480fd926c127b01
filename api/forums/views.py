"""Staff: the forums, one forum with its polls and live sessions, and (officials and
admins) creating, changing and archiving forums and choosing their staff
(docs/decisions/0049)."""

from dataclasses import asdict
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import ERRORS
from api.forums import serializers as s
from api.throttles import ThrottledAPIView
from forum.core.errors import InvalidInput
from forum.core.models import Department
from forum.core.roles import Role, require_role
from forum.participation import selectors, services
from forum.participation.models import Forum
from forum.participation.services import ForumSettings, forum_languages_set


def forum_for_staff(*, forum_id: int, user: Any) -> Forum:
    """The forum with its polls and sessions, if ``user`` may read it (else NotFound)."""
    forum = selectors.forum_for_staff(viewer=user, forum_id=forum_id)
    return Forum.objects.prefetch_related("polls", "live_sessions").get(pk=forum.pk)


def _settings(data: dict[str, Any]) -> ForumSettings:
    values: dict[str, Any] = dict(data)
    if "unit_id" in values:
        unit_id = values.pop("unit_id")
        unit = Department.objects.filter(pk=unit_id).first() if unit_id is not None else None
        if unit_id is not None and unit is None:
            raise InvalidInput(fields={"unit_id": [_("Choose a unit from the list.")]})
        values["unit"] = unit
    return ForumSettings(**values)  # type: ignore[typeddict-item]


def _settings_errors_named_for_api(exc: InvalidInput) -> InvalidInput:
    # The service names the model's field (unit); the API's field is unit_id.
    if "unit" in exc.fields:
        exc.fields["unit_id"] = exc.fields.pop("unit")
    return exc


class ForumListView(APIView):
    @extend_schema(responses={200: s.ForumOutput(many=True), **ERRORS}, tags=["staff"])
    def get(self, request: Request) -> Response:
        forums = selectors.forums_for_staff_list(viewer=request.user)
        return Response(s.ForumOutput(forums, many=True).data)


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
        # Role and forum before the body (the service checks again).
        require_role(request.user, Role.YOUTH_WORKER)
        forum = selectors.forum_for_staff(viewer=request.user, forum_id=forum_id)
        data = s.ForumLanguagesInput(data=request.data)
        data.is_valid(raise_exception=True)
        forum = forum_languages_set(
            actor=request.user, forum=forum, languages=data.validated_data["languages"]
        )
        return Response(s.ForumLanguagesOutput(forum).data)


class StaffForumListView(ThrottledAPIView):
    """The forums staff work in; officials and admins create new ones here."""

    throttle_scope = "staff_write"

    @extend_schema(responses={200: s.ForumOutput(many=True), **ERRORS}, tags=["staff"])
    def get(self, request: Request) -> Response:
        forums = selectors.forums_for_staff_list(viewer=request.user)
        return Response(s.ForumOutput(forums, many=True).data)

    @extend_schema(
        request=s.ForumSettingsInput, responses={201: s.ForumOutput, **ERRORS}, tags=["staff"]
    )
    def post(self, request: Request) -> Response:
        require_role(request.user, Role.OFFICIAL)  # before the body (the service checks too)
        data = s.ForumSettingsInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            forum = services.forum_create(
                actor=request.user, values=_settings(dict(data.validated_data))
            )
        except InvalidInput as exc:
            raise _settings_errors_named_for_api(exc) from None
        return Response(s.ForumOutput(forum).data, status=status.HTTP_201_CREATED)


class StaffForumView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(responses={200: s.ForumOutput, **ERRORS}, tags=["staff"])
    def get(self, request: Request, forum_id: int) -> Response:
        forum = selectors.forum_for_staff(viewer=request.user, forum_id=forum_id)
        return Response(s.ForumOutput(forum).data)

    @extend_schema(
        request=s.ForumSettingsInput, responses={200: s.ForumOutput, **ERRORS}, tags=["staff"]
    )
    def patch(self, request: Request, forum_id: int) -> Response:
        forum = selectors.forum_for_staff(viewer=request.user, forum_id=forum_id)
        require_role(request.user, Role.OFFICIAL)  # before the body (the service checks too)
        data = s.ForumSettingsInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            forum = services.forum_update(
                actor=request.user, forum=forum, values=_settings(dict(data.validated_data))
            )
        except InvalidInput as exc:
            raise _settings_errors_named_for_api(exc) from None
        return Response(s.ForumOutput(forum).data)


class StaffForumArchiveView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(request=None, responses={200: s.ForumOutput, **ERRORS}, tags=["staff"])
    def post(self, request: Request, forum_id: int) -> Response:
        forum = selectors.forum_for_staff(viewer=request.user, forum_id=forum_id)
        forum = services.forum_archive(actor=request.user, forum=forum)
        return Response(s.ForumOutput(forum).data)


class StaffForumStaffView(ThrottledAPIView):
    """Who works in a forum; officials and admins add youth workers."""

    throttle_scope = "staff_write"

    @extend_schema(responses={200: s.StaffMemberOutput(many=True), **ERRORS}, tags=["staff"])
    def get(self, request: Request, forum_id: int) -> Response:
        forum = selectors.forum_for_staff(viewer=request.user, forum_id=forum_id)
        rows = selectors.forum_staff_list(viewer=request.user, forum=forum)
        return Response(s.StaffMemberOutput([asdict(r) for r in rows], many=True).data)

    @extend_schema(
        request=s.ForumStaffInput,
        responses={201: s.StaffMemberOutput(many=True), **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, forum_id: int) -> Response:
        forum = selectors.forum_for_staff(viewer=request.user, forum_id=forum_id)
        require_role(request.user, Role.OFFICIAL)  # before the body (the service checks too)
        data = s.ForumStaffInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.forum_staff_add(
            actor=request.user, forum=forum, user_id=data.validated_data["user_id"]
        )
        rows = selectors.forum_staff_list(viewer=request.user, forum=forum)
        return Response(
            s.StaffMemberOutput([asdict(r) for r in rows], many=True).data,
            status=status.HTTP_201_CREATED,
        )


class StaffForumStaffMemberView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(responses={204: None, **ERRORS}, tags=["staff"])
    def delete(self, request: Request, forum_id: int, user_id: int) -> Response:
        forum = selectors.forum_for_staff(viewer=request.user, forum_id=forum_id)
        services.forum_staff_remove(actor=request.user, forum=forum, user_id=user_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class YouthWorkerListView(APIView):
    @extend_schema(responses={200: s.StaffMemberOutput(many=True), **ERRORS}, tags=["staff"])
    def get(self, request: Request) -> Response:
        rows = selectors.youth_workers_list(viewer=request.user)
        return Response(s.StaffMemberOutput([asdict(r) for r in rows], many=True).data)
