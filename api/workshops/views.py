"""Workshops entered by hand (docs/decisions/0052): a forum's list and entering one, and
reading, correcting or removing one. Youth workers and officials; thin views."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.errors import ERRORS
from api.throttles import ThrottledAPIView
from api.workshops import serializers as ws
from forum.core.errors import NotFound
from forum.live.models import OfflineWorkshop
from forum.live.selectors import (
    WORKSHOP_STAFF,
    forum_workshops,
    workshop_entered,
    workshop_get,
    workshop_shown,
)
from forum.live.services import workshop_create, workshop_delete, workshop_update
from forum.participation.access import require_forum_staff
from forum.participation.models import Forum


def _detail(workshop: OfflineWorkshop) -> dict[str, Any]:
    body = ws.WorkshopOutput(workshop_shown(workshop)).data
    body["entered"] = ws.WorkshopEnteredOutput(workshop_entered(workshop)).data
    return dict(body)


def _forum(forum_id: int) -> Forum:
    forum = Forum.objects.filter(pk=forum_id).first()
    if forum is None:
        raise NotFound()
    return forum


class ForumWorkshopListView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method == "POST" else []

    @extend_schema(responses={200: ws.WorkshopOutput(many=True), **ERRORS}, tags=["staff"])
    def get(self, request: Request, forum_id: int) -> Response:
        workshops = forum_workshops(forum=_forum(forum_id), viewer=request.user)
        return Response(ws.WorkshopOutput(workshops, many=True).data)

    @extend_schema(
        request=ws.WorkshopInputSerializer,
        responses={201: ws.WorkshopDetailOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, forum_id: int) -> Response:
        forum = _forum(forum_id)
        # Who may, before what they sent: a stranger learns nothing about the input's rules.
        require_forum_staff(request.user, forum, *WORKSHOP_STAFF, write=True)
        data = ws.WorkshopInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        workshop = workshop_create(
            forum=forum,
            data=data.workshop_input(),
            actor=request.user,
            idempotency_key=data.validated_data["idempotency_key"],
        )
        found = workshop_get(workshop_id=workshop.pk, viewer=request.user)
        return Response(_detail(found), status=status.HTTP_201_CREATED)


class WorkshopDetailView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method != "GET" else []

    @extend_schema(responses={200: ws.WorkshopDetailOutput, **ERRORS}, tags=["staff"])
    def get(self, request: Request, workshop_id: int) -> Response:
        return Response(_detail(workshop_get(workshop_id=workshop_id, viewer=request.user)))

    @extend_schema(
        request=ws.WorkshopInputSerializer,
        responses={200: ws.WorkshopDetailOutput, **ERRORS},
        tags=["staff"],
    )
    def put(self, request: Request, workshop_id: int) -> Response:
        workshop = workshop_get(workshop_id=workshop_id, viewer=request.user)
        data = ws.WorkshopInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        workshop_update(workshop=workshop, data=data.workshop_input(), actor=request.user)
        return Response(_detail(workshop_get(workshop_id=workshop_id, viewer=request.user)))

    @extend_schema(responses={204: None, **ERRORS}, tags=["staff"])
    def delete(self, request: Request, workshop_id: int) -> Response:
        workshop = workshop_get(workshop_id=workshop_id, viewer=request.user)
        workshop_delete(workshop=workshop, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
