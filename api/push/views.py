"""A phone opts in to (or out of) notices when something it took part in has news on
/mina-svar. The participant cookie is the key, no account; staff accounts never subscribe.
Subscribing and unsubscribing are idempotent by the browser's endpoint, so a retry is safe
without an idempotency key."""

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.errors import ERRORS
from api.participant_cookie import no_store, phone_participant
from api.push import serializers as s
from api.throttles import ThrottledAPIView
from forum.participation.selectors import push_subscribed
from forum.participation.services import push_enabled, push_subscribe, push_unsubscribe

TAGS = ["participants"]


class PushStatusView(ThrottledAPIView):
    """Whether notices are on here, the VAPID public key to subscribe with, and whether this
    phone may and does hear them."""

    def get_throttles(self) -> list[Any]:
        return []

    @extend_schema(responses={200: s.PushStatusOutput, **ERRORS}, tags=TAGS)
    def get(self, request: Request) -> Response:
        participant = phone_participant(request)
        enabled = push_enabled()
        body = {
            "enabled": enabled,
            "public_key": settings.VAPID_PUBLIC_KEY if enabled else "",
            "can_subscribe": enabled and participant is not None,
            "subscribed": enabled and push_subscribed(participant=participant),
        }
        return no_store(Response(s.PushStatusOutput(body).data))


class PushSubscriptionView(ThrottledAPIView):
    throttle_scope = "push"

    @extend_schema(
        request=s.PushSubscribeInput,
        responses={201: s.PushSubscribedOutput, **ERRORS},
        tags=TAGS,
        description="Opt this phone in with its browser's push subscription. 404 "
        "push_disabled when the server has no VAPID keys; 409 push_not_a_participant for a "
        "phone that has taken part in nothing; 400 for an endpoint that is not a known push "
        "service or keys that are not a browser's.",
    )
    def post(self, request: Request) -> Response:
        participant = phone_participant(request)
        data = s.PushSubscribeInput(data=request.data)
        data.is_valid(raise_exception=True)
        valid = data.validated_data
        push_subscribe(
            participant=participant,
            endpoint=valid["endpoint"],
            p256dh=valid["keys"]["p256dh"],
            auth=valid["keys"]["auth"],
            language=valid["language"],
        )
        body = s.PushSubscribedOutput({"subscribed": True}).data
        return no_store(Response(body, status=status.HTTP_201_CREATED))


class PushSubscriptionDetailView(ThrottledAPIView):
    throttle_scope = "push"

    @extend_schema(
        responses={200: s.PushSubscribedOutput, **ERRORS},
        tags=TAGS,
        description="Opt this phone out: its subscription whose endpoint has this SHA-256 "
        "(hex) is deleted; nothing to delete is fine too.",
    )
    def delete(self, request: Request, endpoint_hash: str) -> Response:
        participant = phone_participant(request)
        push_unsubscribe(participant=participant, endpoint_hash=endpoint_hash)
        body = s.PushSubscribedOutput({"subscribed": False}).data
        return no_store(Response(body))
