"""The one error shape: {"code": ..., "message": ..., "fields": {...}} for every API error."""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from api.parsers import JSONTooDeep
from forum.core import errors as domain

logger = logging.getLogger(__name__)

DOMAIN_STATUS: dict[type[domain.DomainError], int] = {
    domain.InvalidInput: status.HTTP_400_BAD_REQUEST,
    domain.NotFound: status.HTTP_404_NOT_FOUND,
    domain.PermissionDenied: status.HTTP_403_FORBIDDEN,
    domain.NotAuthenticated: status.HTTP_401_UNAUTHORIZED,
    domain.MfaRequired: status.HTTP_403_FORBIDDEN,
    domain.MfaEnrolmentRequired: status.HTTP_403_FORBIDDEN,
    domain.MfaCodeWrong: status.HTTP_400_BAD_REQUEST,
    domain.MfaNotEnrolled: status.HTTP_409_CONFLICT,
    domain.UnknownJoinCode: status.HTTP_404_NOT_FOUND,
    domain.SessionEnded: status.HTTP_409_CONFLICT,
    domain.PollClosed: status.HTTP_409_CONFLICT,
    domain.PollNotOpen: status.HTTP_409_CONFLICT,
    domain.UnknownOption: status.HTTP_400_BAD_REQUEST,
    domain.AnswerChangeNotAllowed: status.HTTP_409_CONFLICT,
    domain.IdempotencyKeyReused: status.HTTP_409_CONFLICT,
    domain.AlreadyLinked: status.HTTP_409_CONFLICT,
    domain.PollNotEditable: status.HTTP_409_CONFLICT,
    domain.VotingCodeRequired: status.HTTP_403_FORBIDDEN,
    domain.VotingCodeInvalid: status.HTTP_400_BAD_REQUEST,
    domain.AgeBandRequired: status.HTTP_403_FORBIDDEN,
    domain.AgeBandNotAllowed: status.HTTP_403_FORBIDDEN,
    domain.TextBlocked: status.HTTP_400_BAD_REQUEST,
    domain.GroupTooSmall: status.HTTP_409_CONFLICT,
    domain.ContentBlocked: status.HTTP_400_BAD_REQUEST,
    domain.BoardClosed: status.HTTP_409_CONFLICT,
    domain.BoardNotOpen: status.HTTP_409_CONFLICT,
    domain.FeedbackStepNotAllowed: status.HTTP_409_CONFLICT,
    domain.ModerationNotAllowed: status.HTTP_409_CONFLICT,
    domain.ImageRejected: status.HTTP_400_BAD_REQUEST,
    domain.InvalidStateTransition: status.HTTP_409_CONFLICT,
    domain.ImportHasErrors: status.HTTP_400_BAD_REQUEST,
    domain.InUse: status.HTTP_409_CONFLICT,
    domain.ActivityNotCurrent: status.HTTP_409_CONFLICT,
    domain.AnsweringLocked: status.HTTP_409_CONFLICT,
    domain.NotJoined: status.HTTP_401_UNAUTHORIZED,
    domain.SessionNotStarted: status.HTTP_409_CONFLICT,
    domain.ActivityAlreadyShown: status.HTTP_409_CONFLICT,
    domain.NotAParticipant: status.HTTP_409_CONFLICT,
    domain.PushDisabled: status.HTTP_404_NOT_FOUND,
    domain.PushNotAParticipant: status.HTTP_409_CONFLICT,
    domain.PersonalCodeExists: status.HTTP_409_CONFLICT,
    domain.PersonalCodeWrong: status.HTTP_400_BAD_REQUEST,
    domain.PersonalCodeRetired: status.HTTP_410_GONE,
    domain.PersonalCodeExpired: status.HTTP_410_GONE,
    domain.PersonalCodeLocked: status.HTTP_429_TOO_MANY_REQUESTS,
    domain.TextInvalidCharacters: status.HTTP_400_BAD_REQUEST,
    domain.TextEmpty: status.HTTP_400_BAD_REQUEST,
    domain.IdOutOfRange: status.HTTP_400_BAD_REQUEST,
    domain.ActivityIsLive: status.HTTP_409_CONFLICT,
    domain.EditConflict: status.HTTP_409_CONFLICT,
    domain.OverBudget: status.HTTP_400_BAD_REQUEST,
    domain.TooManyChoices: status.HTTP_400_BAD_REQUEST,
    domain.ProposalNotOnBallot: status.HTTP_400_BAD_REQUEST,
    domain.BallotClosed: status.HTTP_409_CONFLICT,
    domain.AlreadyVoted: status.HTTP_409_CONFLICT,
    domain.EmptyBallot: status.HTTP_400_BAD_REQUEST,
    domain.PhaseBackwards: status.HTTP_409_CONFLICT,
    domain.ReviewClosed: status.HTTP_409_CONFLICT,
    domain.ProposalsClosed: status.HTTP_409_CONFLICT,
    domain.BallotRulesLocked: status.HTTP_409_CONFLICT,
    domain.NotFunded: status.HTTP_409_CONFLICT,
    domain.ForumArchived: status.HTTP_409_CONFLICT,
    domain.LiveSessionRunning: status.HTTP_409_CONFLICT,
}


class ErrorOutput(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(  # type: ignore[assignment]  # DRF pops declared fields
        child=serializers.ListField(child=serializers.CharField())
    )
    # Only with code edit_conflict: who changed the session, which activity, its current
    # values (the session editor shows them instead of overwriting anything).
    conflict = serializers.DictField(required=False)


# The error responses every view's schema lists (the body is always ErrorOutput).
ERRORS = {code: OpenApiResponse(ErrorOutput) for code in (400, 401, 403, 404, 409, 413, 429)}


def error_body(
    code: str, message: Any, fields: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    return {"code": code, "message": str(message), "fields": fields or {}}


def domain_error_body(exc: domain.DomainError) -> dict[str, Any]:
    body = error_body(exc.code, exc.message, exc.fields)
    if isinstance(exc, domain.EditConflict):
        # What changed (who, which activity, the current values): the editor shows it.
        body["conflict"] = exc.details
    return body


def domain_error_status(exc: domain.DomainError) -> int:
    for cls in type(exc).__mro__:
        if cls in DOMAIN_STATUS:
            return DOMAIN_STATUS[cls]
    return status.HTTP_400_BAD_REQUEST


def _flatten_fields(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for name, value in detail.items():
            if isinstance(value, dict):
                for sub, msgs in _flatten_fields(value).items():
                    out[f"{name}.{sub}"] = msgs
            elif isinstance(value, list):
                out[str(name)] = [str(v) for v in value]
            else:
                out[str(name)] = [str(value)]
        return out
    if isinstance(detail, list):
        return {"non_field_errors": [str(v) for v in detail]}
    return {"non_field_errors": [str(detail)]}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    headers: dict[str, str] = {}
    if isinstance(exc, ProtectedError | RestrictedError):
        # A delete (or a replace that deletes) that other rows still point at: the
        # database refused it and nothing changed. Services that know why say so in their
        # own InUse; every other path still answers 409, never 500.
        exc = domain.InUse()
    if isinstance(exc, domain.DomainError):
        return Response(domain_error_body(exc), status=domain_error_status(exc))
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(
            "invalid", _("Some of the information is not valid."), _flatten_fields(exc.detail)
        )
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, JSONTooDeep):
        return Response(
            error_body(exc.default_code, exc.detail), status=status.HTTP_400_BAD_REQUEST
        )
    if isinstance(exc, exceptions.ParseError):
        return Response(
            error_body("malformed_json", _("The request body is not valid JSON.")),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, RequestDataTooBig):
        return Response(
            error_body("payload_too_large", _("The request is too large.")),
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        return Response(
            error_body("not_authenticated", _("Please log in first.")),
            status=status.HTTP_401_UNAUTHORIZED,
        )
    if isinstance(exc, exceptions.PermissionDenied | DjangoPermissionDenied):
        detail = getattr(exc, "detail", "")
        if "CSRF" in str(detail):
            return Response(
                error_body(
                    "csrf_failed", _("Your session has expired. Reload the page and try again.")
                ),
                status=status.HTTP_403_FORBIDDEN,
            )
        return Response(
            error_body("permission_denied", _("You do not have permission to do that.")),
            status=status.HTTP_403_FORBIDDEN,
        )
    if isinstance(exc, Http404 | exceptions.NotFound):
        return Response(error_body("not_found", _("We could not find that.")), status=404)
    if isinstance(exc, exceptions.Throttled):
        wait = getattr(exc, "wait", None)
        if wait:
            headers["Retry-After"] = str(int(wait) + 1)
        return Response(
            error_body("rate_limited", _("Too many requests. Wait a moment and try again.")),
            status=status.HTTP_429_TOO_MANY_REQUESTS,
            headers=headers,
        )
    if isinstance(exc, exceptions.MethodNotAllowed):
        return Response(
            error_body("method_not_allowed", _("That method is not allowed here.")), status=405
        )
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return Response(
            error_body("unsupported_media_type", _("Send the request body as JSON.")), status=415
        )
    if isinstance(exc, exceptions.NotAcceptable):
        return Response(
            error_body("not_acceptable", _("That format is not available.")), status=406
        )
    if isinstance(exc, exceptions.APIException):
        return Response(error_body(exc.default_code, exc.detail), status=exc.status_code)
    logger.exception("unhandled error in API view", exc_info=exc)
    return Response(
        error_body("server_error", _("Something went wrong on our side. Try again soon.")),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


# Exempt: the CSRF middleware would otherwise answer a POST to an unknown path with its
# HTML page instead of not_found in the one error shape (DRF views are exempt likewise and
# check CSRF themselves for logged-in staff). This view changes nothing.
@csrf_exempt
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    return JsonResponse(error_body("not_found", _("We could not find that.")), status=404)


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    return JsonResponse(
        error_body("server_error", _("Something went wrong on our side. Try again soon.")),
        status=500,
    )
