"""Poll endpoints: the staff builder and reports, the participant poll page and answers."""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import ERRORS
from api.participant_cookie import (
    participant_ensure,
    participant_from_request,
    set_participant_cookie,
)
from api.polls import serializers as ps
from api.polls.documents import voting_slips_pdf
from api.proxies import base_url
from api.throttles import ThrottledAPIView
from forum.core import tabular
from forum.core.errors import NotFound
from forum.core.images import MAX_UPLOAD_BYTES
from forum.core.roles import Role, require_role, user_roles
from forum.participation.access import require_forum_staff
from forum.participation.selectors import forum_for_staff
from forum.polls.models import Poll, PollStatus, VotingCode
from forum.polls.models import Response as PollResponse
from forum.polls.selectors import (
    PollResults,
    ShownPollResults,
    held_text_answers,
    participant_answer_list,
    poll_image,
    poll_raw_table,
    poll_results,
    poll_results_breakdown,
    poll_results_for_viewer,
    poll_results_table,
    poll_with_questions,
    question_for_answer,
    shown_poll_results,
)
from forum.polls.services import (
    open_text_moderate,
    poll_answer_submit,
    poll_archive,
    poll_close,
    poll_create,
    poll_from_template,
    poll_image_remove,
    poll_image_set,
    poll_open,
    poll_results_reveal,
    poll_schedule,
    poll_update,
    voting_code_redeem,
    voting_codes_generate,
)

STAFF = (Role.YOUTH_WORKER, Role.OFFICIAL)


def is_staff(user: Any) -> bool:
    return bool(user_roles(user))


def staff_poll(request: Request, poll_id: int) -> Poll:
    require_role(request.user, *STAFF)
    poll = poll_with_questions(poll_id=poll_id)
    if poll is None:
        raise NotFound()
    # A youth worker reads only their forums' polls (docs/decisions/0049).
    require_forum_staff(request.user, poll.forum, *STAFF)
    return poll


def staff_poll_body(poll: Poll) -> dict[str, Any]:
    codes = VotingCode.objects.filter(poll=poll)
    context = {
        # Staff pages are outside the live room too: the same suppressed figures as files.
        "results": shown_poll_results(poll_results(poll=poll)),
        "voting_codes": {
            "total": codes.count(),
            "spent": codes.filter(spent_at__isnull=False).count(),
        },
    }
    return dict(ps.StaffPollOutput(poll, context=context).data)


def download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# --- staff: builder and lifecycle -------------------------------------------------------------


class PollCreateView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=ps.PollBuilderInput, responses={201: ps.StaffPollOutput, **ERRORS}, tags=["staff"]
    )
    def post(self, request: Request, forum_id: int) -> Response:
        forum = forum_for_staff(viewer=request.user, forum_id=forum_id)
        data = ps.PollBuilderInput(data=request.data)
        data.is_valid(raise_exception=True)
        poll = poll_create(
            forum=forum,
            title=data.validated_data["title"],
            intro=data.validated_data["intro"],
            questions=data.question_specs() or [],
            poll_settings=data.poll_settings(),
            actor=request.user,
        )
        fresh = poll_with_questions(poll_id=poll.pk)
        assert fresh is not None
        return Response(staff_poll_body(fresh), status=status.HTTP_201_CREATED)


class PollFromTemplateView(ThrottledAPIView):
    """One click: a draft poll from a standard set (measurement point, how to take part)."""

    throttle_scope = "staff_write"

    @extend_schema(
        request=ps.PollFromTemplateInput,
        responses={201: ps.StaffPollOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, forum_id: int) -> Response:
        forum = forum_for_staff(viewer=request.user, forum_id=forum_id)
        data = ps.PollFromTemplateInput(data=request.data)
        data.is_valid(raise_exception=True)
        follows = None
        if data.validated_data["follows"] is not None:
            follows = Poll.objects.filter(pk=data.validated_data["follows"]).first()
            if follows is None:
                raise NotFound()
        poll = poll_from_template(
            forum=forum,
            template=data.validated_data["template"],
            occasion=data.validated_data["occasion"],
            follows=follows,
            idempotency_key=data.validated_data["idempotency_key"],
            actor=request.user,
        )
        fresh = poll_with_questions(poll_id=poll.pk)
        assert fresh is not None
        return Response(staff_poll_body(fresh), status=status.HTTP_201_CREATED)


class StaffPollView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method == "PUT" else []

    @extend_schema(responses={200: ps.StaffPollOutput, **ERRORS}, tags=["staff"])
    def get(self, request: Request, poll_id: int) -> Response:
        return Response(staff_poll_body(staff_poll(request, poll_id)))

    @extend_schema(
        request=ps.PollBuilderInput, responses={200: ps.StaffPollOutput, **ERRORS}, tags=["staff"]
    )
    def put(self, request: Request, poll_id: int) -> Response:
        poll = staff_poll(request, poll_id)
        data = ps.PollBuilderInput(data=request.data)
        data.is_valid(raise_exception=True)
        poll_update(
            poll=poll,
            title=data.validated_data["title"],
            intro=data.validated_data["intro"],
            questions=data.question_specs(),
            poll_settings=data.poll_settings(),
            actor=request.user,
        )
        return Response(staff_poll_body(staff_poll(request, poll_id)))


POLL_ACTIONS = {
    "open": poll_open,
    "close": poll_close,
    "schedule": poll_schedule,
    "archive": poll_archive,
    "reveal": poll_results_reveal,
}


class PollActionView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(request=None, responses={200: ps.StaffPollOutput, **ERRORS}, tags=["staff"])
    def post(self, request: Request, poll_id: int, action: str) -> Response:
        poll = staff_poll(request, poll_id)
        POLL_ACTIONS[action](poll=poll, actor=request.user)
        return Response(staff_poll_body(staff_poll(request, poll_id)))


IMAGE_FORM_OVERHEAD_BYTES = 16 * 1024  # the alt text and multipart boundaries


class PollImageView(ThrottledAPIView):
    """Staff upload (POST, multipart: image + alt) or remove (DELETE) a poll's picture."""

    throttle_scope = "staff_write"
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ps.PollImageInput},
        responses={200: ps.StaffPollOutput, **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, poll_id: int) -> Response:
        poll = staff_poll(request, poll_id)
        # Refuse an oversized upload before it is parsed (a proxy should cap it too).
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_UPLOAD_BYTES + IMAGE_FORM_OVERHEAD_BYTES:
            raise RequestDataTooBig("poll image exceeds the upload limit")
        data = ps.PollImageInput(data=request.data)
        data.is_valid(raise_exception=True)
        poll_image_set(
            poll=poll,
            data=data.validated_data["image"].read(),
            alt=data.validated_data["alt"],
            actor=request.user,
        )
        return Response(staff_poll_body(staff_poll(request, poll_id)))

    @extend_schema(request=None, responses={200: ps.StaffPollOutput, **ERRORS}, tags=["staff"])
    def delete(self, request: Request, poll_id: int) -> Response:
        poll = staff_poll(request, poll_id)
        poll_image_remove(poll=poll, actor=request.user)
        return Response(staff_poll_body(staff_poll(request, poll_id)))


class PollImageFileView(APIView):
    """The poll's picture: for anyone who may see the poll (staff also while it is a draft)."""

    @extend_schema(responses={(200, "image/jpeg"): bytes, **ERRORS}, tags=["polls"])
    def get(self, request: Request, poll_id: int) -> HttpResponse:
        poll = poll_image(poll_id=poll_id, viewer=request.user)
        response = HttpResponse(bytes(poll.image or b""), content_type=poll.image_type)
        # The URL carries a version (?v=), but drafts are staff-only: keep caches private.
        response["Cache-Control"] = "private, max-age=300"
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- staff: reports -------------------------------------------------------------------------


class PollBreakdownView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "dimension", str, enum=["age_band", "gender", "neighbourhood"], required=True
            )
        ],
        responses={200: ps.PollBreakdownOutput, **ERRORS},
        tags=["staff"],
    )
    def get(self, request: Request, poll_id: int) -> Response:
        poll = staff_poll(request, poll_id)
        breakdown = poll_results_breakdown(
            poll=poll, dimension=request.query_params.get("dimension", "")
        )
        return Response(ps.PollBreakdownOutput(breakdown).data)


class PollExportView(APIView):
    @extend_schema(
        operation_id="staff_poll_export",
        responses={
            (200, "text/csv"): OpenApiResponse(bytes),
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): (
                OpenApiResponse(bytes)
            ),
            **ERRORS,
        },
        tags=["staff"],
    )
    def get(self, request: Request, poll_id: int, name: str) -> HttpResponse:
        poll = staff_poll(request, poll_id)
        stem = f"poll-{poll.pk}"
        if name == "results.csv":
            body = tabular.to_csv(tabular.table_of(poll_results_table(poll=poll)))
            return download(body, content_type=tabular.CSV_CONTENT_TYPE, filename=f"{stem}.csv")
        if name == "results.xlsx":
            body = tabular.to_xlsx(tabular.table_of(poll_results_table(poll=poll)))
            return download(body, content_type=tabular.XLSX_CONTENT_TYPE, filename=f"{stem}.xlsx")
        body = tabular.to_csv(tabular.table_of(poll_raw_table(poll=poll)))
        return download(body, content_type=tabular.CSV_CONTENT_TYPE, filename=f"{stem}-raw.csv")


class VotingCodeBatchView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=ps.VotingCodeBatchInput,
        responses={(201, "application/pdf"): OpenApiResponse(bytes), **ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, poll_id: int) -> HttpResponse:
        # Youth workers only (the service checks too): refuse an official before telling
        # them what is wrong with the body.
        require_role(request.user, Role.YOUTH_WORKER)
        poll = staff_poll(request, poll_id)
        data = ps.VotingCodeBatchInput(data=request.data)
        data.is_valid(raise_exception=True)
        codes = voting_codes_generate(
            poll=poll, count=data.validated_data["count"], actor=request.user
        )
        pdf = voting_slips_pdf(
            codes=codes, poll_title=poll.title, poll_url=f"{base_url(request)}/p/{poll.pk}"
        )
        response = download(
            pdf, content_type="application/pdf", filename=f"voting-codes-poll-{poll.pk}.pdf"
        )
        response.status_code = status.HTTP_201_CREATED
        return response


class HeldAnswerListView(APIView):
    @extend_schema(responses={200: ps.HeldAnswerOutput(many=True), **ERRORS}, tags=["staff"])
    def get(self, request: Request, poll_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        poll = staff_poll(request, poll_id)
        return Response(ps.HeldAnswerOutput(held_text_answers(poll=poll), many=True).data)


class AnswerModerationView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=ps.ModerationInput, responses={200: ps.HeldAnswerOutput, **ERRORS}, tags=["staff"]
    )
    def post(self, request: Request, response_id: int) -> Response:
        require_role(request.user, Role.YOUTH_WORKER)
        answer = (
            PollResponse.objects.select_related("question__poll__forum")
            .filter(pk=response_id)
            .first()
        )
        if answer is None:
            raise NotFound()
        require_forum_staff(request.user, answer.question.poll.forum, Role.YOUTH_WORKER)
        data = ps.ModerationInput(data=request.data)
        data.is_valid(raise_exception=True)
        answer = open_text_moderate(
            response=answer, approve=data.validated_data["action"] == "approve", actor=request.user
        )
        return Response(ps.HeldAnswerOutput(answer).data)


# --- participants ---------------------------------------------------------------------------


def _shown(results: PollResults | None) -> ShownPollResults | None:
    return shown_poll_results(results) if results is not None else None


def participant_poll_body(request: Request, poll: Poll) -> dict[str, Any]:
    participant = participant_from_request(request)
    staff = is_staff(request.user)
    context = {
        "my_answers": participant_answer_list(poll=poll, participant=participant),
        "has_ballot": participant is not None
        and VotingCode.objects.filter(poll=poll, participant=participant).exists(),
        "results": _shown(
            poll_results_for_viewer(poll=poll, participant=participant, is_staff=staff)
        ),
    }
    return dict(ps.ParticipantPollOutput(poll, context=context).data)


def public_poll(poll_id: int) -> Poll:
    """A poll participants may see: drafts stay hidden from everyone but staff's builder."""
    poll = poll_with_questions(poll_id=poll_id)
    if poll is None or poll.status == PollStatus.DRAFT:
        raise NotFound()
    return poll


class ParticipantPollView(APIView):
    @extend_schema(responses={200: ps.ParticipantPollOutput, **ERRORS}, tags=["polls"])
    def get(self, request: Request, poll_id: int) -> Response:
        return Response(participant_poll_body(request, public_poll(poll_id)))


class AnswerSubmitView(ThrottledAPIView):
    throttle_scope = "vote"

    @extend_schema(
        request=ps.AnswerInput, responses={200: ps.AnswerOutput, **ERRORS}, tags=["polls"]
    )
    def post(self, request: Request, question_id: int) -> Response:
        data = ps.AnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        question = question_for_answer(question_id=question_id)
        if question is None or question.poll.status == PollStatus.DRAFT:
            raise NotFound()
        # One transaction: a refused answer must not leave a participant row behind.
        with transaction.atomic():
            participant, new_token = participant_ensure(request, forum=question.poll.forum)
            answer = poll_answer_submit(
                question=question,
                participant=participant,
                answer=data.validated_data["answer"],
                idempotency_key=data.validated_data["idempotency_key"],
            )
        response = Response(ps.AnswerOutput(answer).data)
        set_participant_cookie(response, new_token)
        return response


class VotingCodeRedeemView(ThrottledAPIView):
    throttle_scope = "voting_code"

    @extend_schema(
        request=ps.VotingCodeInput, responses={200: ps.BallotOutput, **ERRORS}, tags=["polls"]
    )
    def post(self, request: Request, poll_id: int) -> Response:
        data = ps.VotingCodeInput(data=request.data)
        data.is_valid(raise_exception=True)
        poll = public_poll(poll_id)
        # One transaction: a wrong code must not leave a participant row behind.
        with transaction.atomic():
            participant, new_token = participant_ensure(request, forum=poll.forum)
            voting_code_redeem(poll=poll, participant=participant, code=data.validated_data["code"])
        response = Response({"has_ballot": True})
        set_participant_cookie(response, new_token)
        return response
