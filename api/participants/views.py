"""A phone's own things: its personal code (show, renew, redeem: moves its history to
another phone) and the optional 'about you' questions of a forum.

The personal code only ever travels in JSON bodies and URL fragments, never in a query
string a server log could keep (docs/decisions/0031-personal-code-moves-history.md).
'About you': polls, live sessions and idea boards of a forum all use this one resource, so
a young person is asked once per device and forum (docs/decisions/0007).
"""

import datetime as dt
from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.errors import ERRORS
from api.participant_cookie import (
    no_store,
    participant_ensure,
    participant_from_request,
    phone_participant,
    set_participant_cookie,
)
from api.participants import serializers as ps
from api.proxies import base_url
from api.throttles import DeviceScopedRateThrottle, IpScopedRateThrottle, ThrottledAPIView
from forum.core.errors import NotAParticipant, NotFound
from forum.participation.models import Forum, ParticipantProfile
from forum.participation.retention import participant_erase
from forum.participation.selectors import participant_profile, personal_code_active
from forum.participation.services import (
    participant_profile_save,
    participant_profile_skip,
    personal_code_check_own,
    personal_code_format,
    personal_code_issue,
    personal_code_normalise,
    personal_code_redeem,
)

TAGS = ["participants"]


def _code_body(
    request: Request, *, code: str, created_at: dt.datetime, expires_at: dt.datetime
) -> dict[str, Any]:
    base = (settings.PUBLIC_BASE_URL or base_url(request)).rstrip("/")
    url = f"{base}/mina-svar/flytta#{code}"
    qr = segno.make(url, error="m").svg_data_uri(
        scale=8, border=2, title=_("QR code to move your answers to another phone")
    )
    return {
        "code": code,
        "transfer_url": url,
        "qr_svg_data_uri": qr,
        "created_at": created_at,
        "expires_at": expires_at,
    }


class PersonalCodeView(ThrottledAPIView):
    throttle_scope = "personal_code"

    def get_throttles(self) -> list[Any]:
        return [] if self.request.method == "GET" else super().get_throttles()

    @extend_schema(responses={200: ps.PersonalCodeStatusOutput, **ERRORS}, tags=TAGS)
    def get(self, request: Request) -> Response:
        active = personal_code_active(participant=phone_participant(request))
        body = {
            "has_code": active is not None,
            "created_at": active.created_at if active else None,
            "expires_at": active.expires_at if active else None,
        }
        return no_store(Response(ps.PersonalCodeStatusOutput(body).data))

    @extend_schema(
        request=ps.PersonalCodeIssueInput,
        responses={201: ps.PersonalCodeOutput, **ERRORS},
        tags=TAGS,
        description="Make this phone's personal code, or with replace=true a new one that "
        "retires the old one at once. 409 personal_code_exists without replace.",
    )
    def post(self, request: Request) -> Response:
        participant = phone_participant(request)
        data = ps.PersonalCodeIssueInput(data=request.data)
        data.is_valid(raise_exception=True)
        if participant is None:
            raise NotAParticipant()
        issued = personal_code_issue(
            participant=participant, replace=data.validated_data["replace"]
        )
        body = _code_body(
            request, code=issued.code, created_at=issued.created_at, expires_at=issued.expires_at
        )
        return no_store(Response(ps.PersonalCodeOutput(body).data, status=status.HTTP_201_CREATED))


class PersonalCodeShowView(ThrottledAPIView):
    throttle_scope = "personal_code"

    @extend_schema(
        request=ps.PersonalCodeInput,
        responses={200: ps.PersonalCodeOutput, **ERRORS},
        tags=TAGS,
        description="Show this phone's own active code again (with its QR); the phone keeps "
        "the code, the server only its hash. 400 personal_code_wrong if it is not (or no "
        "longer) this participant's code.",
    )
    def post(self, request: Request) -> Response:
        participant = phone_participant(request)
        data = ps.PersonalCodeInput(data=request.data)
        data.is_valid(raise_exception=True)
        if participant is None:
            raise NotAParticipant()
        row = personal_code_check_own(participant=participant, code=data.validated_data["code"])
        code = personal_code_format(personal_code_normalise(data.validated_data["code"]))
        body = _code_body(request, code=code, created_at=row.created_at, expires_at=row.expires_at)
        return no_store(Response(ps.PersonalCodeOutput(body).data))


class PersonalCodeRedeemView(ThrottledAPIView):
    throttle_classes = [DeviceScopedRateThrottle, IpScopedRateThrottle]
    throttle_scope = "personal_code"
    ip_throttle_scope = "personal_code_ip"

    @extend_schema(
        request=ps.PersonalCodeInput,
        responses={200: ps.TransferOutput, 410: ERRORS[404], **ERRORS},
        tags=TAGS,
        description="Make this phone the participant whose personal code this is (its own "
        "earlier history is merged in). Errors: 400 personal_code_wrong, 410 "
        "personal_code_retired / personal_code_expired, 429 personal_code_locked (too many "
        "wrong codes from this device) or rate_limited. A refused code changes nothing.",
    )
    def post(self, request: Request) -> Response:
        participant = phone_participant(request)
        data = ps.PersonalCodeInput(data=request.data)
        data.is_valid(raise_exception=True)
        # The lockout counts per participant; a phone without one (or with an invented
        # cookie) counts with every such phone behind its address.
        device_key = (
            f"participant:{participant.pk}"
            if participant is not None
            else f"ip:{IpScopedRateThrottle().get_ident(request)}"
        )
        redeemed = personal_code_redeem(
            code=data.validated_data["code"], participant=participant, device_key=device_key
        )
        response = no_store(Response(ps.TransferOutput({"merged": redeemed.merged}).data))
        set_participant_cookie(response, redeemed.new_token)
        return response


class ErasureView(ThrottledAPIView):
    """'Radera mina svar': everything this phone gave goes (docs/decisions/0056)."""

    throttle_classes = [DeviceScopedRateThrottle, IpScopedRateThrottle]
    throttle_scope = "personal_code"
    ip_throttle_scope = "personal_code_ip"

    @extend_schema(
        request=ps.ErasureInput,
        responses={200: ps.ErasureOutput, **ERRORS},
        tags=TAGS,
        description="Erase this phone's answers, ideas, comments, supports, Q&A, 'about "
        "you', personal code and the phone's link itself; anonymous totals stay. A phone "
        "with an active personal code confirms with it: any other code (unknown, retired, "
        "expired, malformed, missing) is 400 personal_code_wrong, the same answer whether "
        "or not it existed. Repeating it is harmless: a phone with nothing gets empty counts.",
    )
    def post(self, request: Request) -> Response:
        participant = phone_participant(request)
        data = ps.ErasureInput(data=request.data)
        data.is_valid(raise_exception=True)
        erased = participant_erase(participant=participant, code=data.validated_data["code"])
        response = no_store(Response(ps.ErasureOutput({"erased": erased.counts}).data))
        # The phone is nobody now: its next visit starts afresh.
        response.delete_cookie(settings.PARTICIPANT_COOKIE_NAME, samesite="Lax")
        return response


# --- about you ---------------------------------------------------------------------------


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
