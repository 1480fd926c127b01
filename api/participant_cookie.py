"""Pseudonymous participants at the edge: the raw token lives only in an httpOnly cookie."""

from typing import Any

from django.conf import settings
from django.http import HttpResponse

from forum.core.errors import PermissionDenied
from forum.core.roles import user_roles
from forum.participation.models import Forum, Participant
from forum.participation.selectors import participant_from_token
from forum.participation.services import forum_join, participant_create


def participant_from_request(request: Any) -> Participant | None:
    if not hasattr(request, "_rostrum_participant"):
        token = request.COOKIES.get(settings.PARTICIPANT_COOKIE_NAME)
        request._rostrum_participant = participant_from_token(token=token)
    return request._rostrum_participant


def phone_participant(request: Any) -> Participant | None:
    """The phone's participant (None before it took part); staff accounts are refused:
    they never take over, hand out or subscribe a young person's history."""
    if user_roles(request.user):
        raise PermissionDenied()
    return participant_from_request(request)


def no_store(response: Any) -> Any:
    """A phone's own data: never kept by a shared cache or the browser's."""
    response["Cache-Control"] = "private, no-store"
    return response


def participant_ensure(request: Any, *, forum: Forum) -> tuple[Participant, str | None]:
    """The request's participant, creating one if needed, as a member of ``forum`` (it takes
    part there); returns a new raw token if created. Call it inside the write's transaction,
    so a refused write leaves neither a participant nor a membership behind."""
    participant = participant_from_request(request)
    token = None
    if participant is None:
        participant, token = participant_create()
        request._rostrum_participant = participant
    forum_join(forum=forum, participant=participant)
    return participant, token


def set_participant_cookie(response: HttpResponse, token: str | None) -> None:
    if token is None:
        return
    response.set_cookie(
        settings.PARTICIPANT_COOKIE_NAME,
        token,
        max_age=settings.PARTICIPANT_COOKIE_MAX_AGE,
        httponly=True,
        secure=settings.PARTICIPANT_COOKIE_SECURE,
        samesite="Lax",
    )
