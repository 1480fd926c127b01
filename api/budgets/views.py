"""Participatory budget endpoints: the phone's process page and ballot, and staff's process
settings, review, codes and implementation updates. Thin: input → one service → output."""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.budgets import serializers as s
from api.errors import ERRORS
from api.parsers import LimitedJSONParser
from api.participant_cookie import (
    participant_ensure,
    participant_from_request,
    set_participant_cookie,
)
from api.polls.documents import voting_slips_pdf
from api.proxies import base_url
from api.throttles import ThrottledAPIView
from forum.budgets.models import PHASE_DATE_FIELDS, BudgetProcess
from forum.budgets.selectors import (
    REVIEWERS,
    RUNNERS,
    budget_detail,
    process_for_staff,
    process_list,
    process_public,
    proposal_for_staff,
    update_photo,
)
from forum.budgets.services import (
    ProcessSpec,
    ballot_cast,
    implementation_update_add,
    phase_move,
    process_create,
    process_update,
    proposal_add,
    proposal_merge,
    proposal_review,
    proposals_import,
    voting_codes_generate,
)
from forum.core.errors import NotFound
from forum.core.images import MAX_UPLOAD_BYTES
from forum.core.roles import require_role
from forum.participation.access import require_forum_staff
from forum.participation.models import Forum

TAGS = ["budgets"]
STAFF_TAGS = ["staff"]
FORM_OVERHEAD_BYTES = 64 * 1024  # the text fields and multipart boundaries around a photo


# --- phones and the public --------------------------------------------------------------------


class BudgetListView(APIView):
    @extend_schema(
        parameters=[s.BudgetListQuery],
        responses={200: s.BudgetListItemOutput(many=True), **ERRORS},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        query = s.BudgetListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        processes = process_list(forum_slug=query.validated_data["forum"])
        return Response(s.BudgetListItemOutput(processes, many=True).data)


def _detail_body(request: Request, process: BudgetProcess) -> dict[str, Any]:
    detail = budget_detail(process=process, participant=participant_from_request(request))
    return dict(s.BudgetDetailOutput(detail).data)


class BudgetDetailView(APIView):
    @extend_schema(responses={200: s.BudgetDetailOutput, **ERRORS}, tags=TAGS)
    def get(self, request: Request, process_id: int) -> Response:
        response = Response(_detail_body(request, process_public(process_id=process_id)))
        # my_ballot depends on the phone asking.
        response["Cache-Control"] = "private, no-cache"
        return response


class BallotView(ThrottledAPIView):
    throttle_scope = "vote"

    @extend_schema(
        request=s.BudgetBallotInput,
        responses={200: s.BudgetBallotOutput, 201: s.BudgetBallotOutput, **ERRORS},
        tags=TAGS,
    )
    def post(self, request: Request, process_id: int) -> Response:
        data = s.BudgetBallotInput(data=request.data)
        data.is_valid(raise_exception=True)
        process = process_public(process_id=process_id)
        # One transaction: a refused ballot leaves no participant row (nor a spent code).
        with transaction.atomic():
            participant, token = participant_ensure(request, forum=process.forum)
            cast = ballot_cast(
                process=process,
                participant=participant,
                proposal_ids=data.validated_data["proposal_ids"],
                voting_code=data.validated_data["voting_code"],
                idempotency_key=data.validated_data["idempotency_key"],
            )
        response = Response(
            s.BudgetBallotOutput(cast).data,
            status=status.HTTP_201_CREATED if cast.created else status.HTTP_200_OK,
        )
        set_participant_cookie(response, token)
        return response


class UpdatePhotoView(APIView):
    @extend_schema(responses={(200, "image/jpeg"): bytes, **ERRORS}, tags=TAGS)
    def get(self, request: Request, update_id: int) -> HttpResponse:
        update = update_photo(update_id=update_id)
        response = HttpResponse(bytes(update.photo or b""), content_type=update.photo_type)
        response["Cache-Control"] = "public, max-age=300"
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- staff ------------------------------------------------------------------------------------


def _staff_detail(request: Request, process: BudgetProcess) -> dict[str, Any]:
    detail = budget_detail(process=process, participant=None, staff=True)
    return dict(s.StaffBudgetDetailOutput(detail).data)


def _spec(data: dict[str, Any]) -> ProcessSpec:
    return ProcessSpec(
        title=data["title"],
        description=data["description"],
        budget_total=data["budget_total"],
        ballot_mode=data["ballot_mode"],
        access=data["access"],
        approval_cap=data["approval_cap"],
        phase_dates=dict(data["phase_dates"]),
        proposal_board_id=data["proposal_board_id"],
    )


def _current_settings(process: BudgetProcess) -> dict[str, Any]:
    return {
        "title": process.title,
        "description": process.description,
        "budget_total": process.budget_total,
        "ballot_mode": process.ballot_mode,
        "access": process.access,
        "approval_cap": process.approval_cap,
        "phase_dates": {p.value: getattr(process, f) for p, f in PHASE_DATE_FIELDS.items()},
        "proposal_board_id": process.proposal_board_id,
    }


class StaffBudgetListView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method == "POST" else []

    @extend_schema(
        parameters=[s.StaffBudgetListQuery],
        responses={200: s.StaffBudgetListItemOutput(many=True), **ERRORS},
        tags=STAFF_TAGS,
    )
    def get(self, request: Request) -> Response:
        require_role(request.user, *RUNNERS)
        query = s.StaffBudgetListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        forum_id = query.validated_data.get("forum")
        if forum_id is not None:
            forum = Forum.objects.filter(pk=forum_id).first()
            if forum is None:
                raise NotFound()
            require_forum_staff(request.user, forum, *RUNNERS)
        processes = process_list(forum_id=forum_id, staff=request.user)
        return Response(s.StaffBudgetListItemOutput(processes, many=True).data)

    @extend_schema(
        request=s.BudgetCreateInput,
        responses={201: s.StaffBudgetDetailOutput, **ERRORS},
        tags=STAFF_TAGS,
    )
    def post(self, request: Request) -> Response:
        require_role(request.user, *RUNNERS)
        data = s.BudgetCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        forum = Forum.objects.filter(pk=data.validated_data["forum_id"]).first()
        if forum is None:
            raise NotFound()
        process = process_create(forum=forum, spec=_spec(data.validated_data), actor=request.user)
        return Response(_staff_detail(request, process), status=status.HTTP_201_CREATED)


class StaffBudgetView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method == "PATCH" else []

    @extend_schema(responses={200: s.StaffBudgetDetailOutput, **ERRORS}, tags=STAFF_TAGS)
    def get(self, request: Request, process_id: int) -> Response:
        process = process_for_staff(process_id=process_id, actor=request.user)
        return Response(_staff_detail(request, process))

    @extend_schema(
        request=s.BudgetSettingsInput,
        responses={200: s.StaffBudgetDetailOutput, **ERRORS},
        tags=STAFF_TAGS,
    )
    def patch(self, request: Request, process_id: int) -> Response:
        process = process_for_staff(process_id=process_id, actor=request.user, write=True)
        data = s.BudgetSettingsInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        current = _current_settings(process)
        merged = {**current, **data.validated_data}
        # Phase dates too may come one at a time.
        merged["phase_dates"] = {
            **current["phase_dates"],
            **data.validated_data.get("phase_dates", {}),
        }
        process = process_update(process=process, spec=_spec(merged), actor=request.user)
        return Response(_staff_detail(request, process))


class PhaseView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.BudgetPhaseInput,
        responses={200: s.StaffBudgetDetailOutput, **ERRORS},
        tags=STAFF_TAGS,
    )
    def post(self, request: Request, process_id: int) -> Response:
        process = process_for_staff(process_id=process_id, actor=request.user, write=True)
        data = s.BudgetPhaseInput(data=request.data)
        data.is_valid(raise_exception=True)
        process = phase_move(
            process=process, phase=data.validated_data["phase"], actor=request.user
        )
        return Response(_staff_detail(request, process))


class ProposalImportView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(request=None, responses={200: s.BudgetImportOutput, **ERRORS}, tags=STAFF_TAGS)
    def post(self, request: Request, process_id: int) -> Response:
        process = process_for_staff(process_id=process_id, actor=request.user, write=True)
        imported = proposals_import(process=process, actor=request.user)
        return Response({"imported": imported})


class ProposalCreateView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.BudgetProposalInput,
        responses={201: s.StaffBudgetProposalOutput, **ERRORS},
        tags=STAFF_TAGS,
    )
    def post(self, request: Request, process_id: int) -> Response:
        process = process_for_staff(process_id=process_id, actor=request.user, write=True)
        data = s.BudgetProposalInput(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = proposal_add(
            process=process,
            title=data.validated_data["title"],
            description=data.validated_data["description"],
            actor=request.user,
        )
        return Response(_proposal_body(proposal.process, proposal.pk), status=201)


def _proposal_body(process: BudgetProcess, proposal_id: int) -> dict[str, Any]:
    detail = budget_detail(process=process, participant=None, staff=True)
    view = next(p for p in detail.proposals if p.id == proposal_id)
    return dict(s.StaffBudgetProposalOutput(view).data)


class ProposalReviewView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.BudgetReviewInput,
        responses={200: s.StaffBudgetProposalOutput, **ERRORS},
        tags=STAFF_TAGS,
    )
    def put(self, request: Request, proposal_id: int) -> Response:
        proposal = proposal_for_staff(proposal_id=proposal_id)
        # Officials and admins only: refuse a youth worker before judging the body.
        process_for_staff(
            process_id=proposal.process_id, actor=request.user, write=True, roles=REVIEWERS
        )
        data = s.BudgetReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = proposal_review(
            proposal=proposal,
            cost=data.validated_data["cost"],
            department_id=data.validated_data["department_id"],
            feasible=data.validated_data["feasible"],
            public_reason=data.validated_data["public_reason"],
            actor=request.user,
        )
        return Response(_proposal_body(proposal.process, proposal.pk))


class ProposalMergeView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.BudgetMergeInput,
        responses={200: s.StaffBudgetProposalOutput, **ERRORS},
        tags=STAFF_TAGS,
    )
    def post(self, request: Request, proposal_id: int) -> Response:
        proposal = proposal_for_staff(proposal_id=proposal_id)
        process_for_staff(
            process_id=proposal.process_id, actor=request.user, write=True, roles=REVIEWERS
        )
        data = s.BudgetMergeInput(data=request.data)
        data.is_valid(raise_exception=True)
        into = proposal_for_staff(proposal_id=data.validated_data["into_id"])
        proposal = proposal_merge(
            proposal=proposal,
            into=into,
            public_reason=data.validated_data["public_reason"],
            actor=request.user,
        )
        return Response(_proposal_body(proposal.process, proposal.pk))


class CodesView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.BudgetCodesInput, responses={201: s.BudgetCodesOutput, **ERRORS}, tags=STAFF_TAGS
    )
    def post(self, request: Request, process_id: int) -> Response:
        process = process_for_staff(process_id=process_id, actor=request.user, write=True)
        data = s.BudgetCodesInput(data=request.data)
        data.is_valid(raise_exception=True)
        codes = voting_codes_generate(
            process=process, count=data.validated_data["count"], actor=request.user
        )
        return Response({"codes": codes}, status=status.HTTP_201_CREATED)


class CodeSlipsView(ThrottledAPIView):
    """New codes as printable slips: codes are stored only as hashes, so slips are printed
    when the codes are made (a POST, like polls' voting-code slips)."""

    throttle_scope = "staff_write"

    @extend_schema(
        request=s.BudgetCodesInput,
        responses={(201, "application/pdf"): OpenApiResponse(bytes), **ERRORS},
        tags=STAFF_TAGS,
    )
    def post(self, request: Request, process_id: int) -> HttpResponse:
        process = process_for_staff(process_id=process_id, actor=request.user, write=True)
        data = s.BudgetCodesInput(data=request.data)
        data.is_valid(raise_exception=True)
        codes = voting_codes_generate(
            process=process, count=data.validated_data["count"], actor=request.user
        )
        pdf = voting_slips_pdf(
            codes=codes,
            poll_title=process.title,
            poll_url=f"{base_url(request)}/budget/{process.pk}",
        )
        response = HttpResponse(pdf, content_type="application/pdf", status=201)
        response["Content-Disposition"] = (
            f'attachment; filename="voting-codes-budget-{process.pk}.pdf"'
        )
        response["Cache-Control"] = "no-store"
        return response


class ImplementationUpdateView(ThrottledAPIView):
    throttle_scope = "staff_write"
    parser_classes = [MultiPartParser, FormParser, LimitedJSONParser]

    @extend_schema(
        request={
            "multipart/form-data": s.BudgetImplementationUpdateInput,
            "application/json": s.BudgetImplementationUpdateInput,
        },
        responses={201: s.BudgetCreatedUpdateOutput, **ERRORS},
        tags=STAFF_TAGS,
    )
    def post(self, request: Request, proposal_id: int) -> Response:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES:
            raise RequestDataTooBig("update upload exceeds the photo limit")
        proposal = proposal_for_staff(proposal_id=proposal_id)
        process_for_staff(process_id=proposal.process_id, actor=request.user, write=True)
        data = s.BudgetImplementationUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        photo = data.validated_data.get("photo")
        update = implementation_update_add(
            proposal=proposal,
            status=data.validated_data["status"],
            happened_on=data.validated_data["happened_on"],
            text=data.validated_data["text"],
            photo=photo.read() if photo is not None else None,
            photo_alt=data.validated_data["photo_alt"],
            actor=request.user,
        )
        return Response(s.BudgetCreatedUpdateOutput(update).data, status=status.HTTP_201_CREATED)
