"""Council routing at the edge: thin views over forum.council services and selectors."""

from typing import Any

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.council import serializers as cs
from api.council.refs import MeetingOutput
from api.errors import ERRORS
from api.participant_cookie import participant_from_request
from api.throttles import ThrottledAPIView
from forum.core.errors import InvalidInput, NotFound
from forum.core.roles import Role, require_role, user_roles
from forum.council import exports, imports
from forum.council.briefdata import Brief
from forum.council.evaluation import EVALUATION_READERS, Evaluation, evaluation_for
from forum.council.evaluation_exports import evaluation_csv, evaluation_pdf, evaluation_xlsx
from forum.council.followup import Followup, followup_for
from forum.council.models import (
    AgendaItem,
    BriefQuote,
    LinkKind,
    Meeting,
    PlanningItem,
    PlanningLink,
)
from forum.council.selectors import (
    BRIEF_READERS,
    DRAFT,
    brief_document,
    content_planning_links,
    linkable_board_list,
    linkable_poll_list,
    linkable_session_list,
    linkable_workshop_list,
    meeting_detail,
    meeting_list,
    participant_feedback,
    planning_item_detail,
    planning_item_list,
    planning_link_list,
    quote_candidates,
    reference_population_list,
    session_activity_links,
)
from forum.council.services import (
    LinkUsage,
    agenda_item_analysis_set,
    brief_quote_add,
    brief_quote_remove,
    decision_record,
    meeting_agenda_set,
    meeting_brief_publish,
    meeting_create,
    meeting_delete,
    meeting_transition,
    meeting_update,
    planning_item_create,
    planning_item_delete,
    planning_item_import,
    planning_item_update,
    planning_link_create,
    planning_link_remove,
    reference_population_set,
)
from forum.ideas.models import Idea, IdeaBoard
from forum.live.models import LiveActivity, OfflineWorkshop
from forum.polls.models import Poll, Question

FILE_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_response(content: bytes, *, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FILE_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _planning_item(item_id: int) -> PlanningItem:
    item = PlanningItem.objects.filter(pk=item_id).first()
    if item is None:
        raise NotFound()
    return item


def _meeting(meeting_id: int) -> Meeting:
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        raise NotFound()
    return meeting


def _agenda_item(agenda_item_id: int) -> AgendaItem:
    agenda_item = AgendaItem.objects.select_related("meeting").filter(pk=agenda_item_id).first()
    if agenda_item is None:
        raise NotFound()
    return agenda_item


# --- planning items -------------------------------------------------------------------------


class PlanningItemListView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method == "POST" else []

    @extend_schema(
        responses={200: cs.PlanningItemFullOutput(many=True), **ERRORS}, tags=["council"]
    )
    def get(self, request: Request) -> Response:
        items = planning_item_list(viewer=request.user)
        return Response(cs.PlanningItemFullOutput(items, many=True).data)

    @extend_schema(
        request=cs.PlanningItemInput,
        responses={201: cs.PlanningItemFullOutput, **ERRORS},
        tags=["council"],
    )
    def post(self, request: Request) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = cs.PlanningItemInput(data=request.data)
        data.is_valid(raise_exception=True)
        item = planning_item_create(data=data.validated_data, actor=request.user)
        body = cs.PlanningItemFullOutput(
            planning_item_detail(item_id=item.pk, viewer=request.user)
        ).data
        return Response(body, status=status.HTTP_201_CREATED)


class PlanningItemDetailView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return [] if self.request.method == "GET" else super().get_throttles()

    @extend_schema(responses={200: cs.PlanningItemFullOutput, **ERRORS}, tags=["council"])
    def get(self, request: Request, item_id: int) -> Response:
        item = planning_item_detail(item_id=item_id, viewer=request.user)
        return Response(cs.PlanningItemFullOutput(item).data)

    @extend_schema(
        request=cs.PlanningItemInput,
        responses={200: cs.PlanningItemFullOutput, **ERRORS},
        tags=["council"],
    )
    def patch(self, request: Request, item_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = cs.PlanningItemInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        planning_item_update(
            planning_item=_planning_item(item_id), data=data.validated_data, actor=request.user
        )
        item = planning_item_detail(item_id=item_id, viewer=request.user)
        return Response(cs.PlanningItemFullOutput(item).data)

    @extend_schema(request=None, responses={204: None, **ERRORS}, tags=["council"])
    def delete(self, request: Request, item_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        planning_item_delete(planning_item=_planning_item(item_id), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanningItemImportView(ThrottledAPIView):
    """Upload a CSV/XLSX: without ``confirm`` a preview, with it all rows saved or none."""

    throttle_scope = "staff_write"
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": cs.ImportInput},
        responses={200: cs.ImportPreviewOutput, 201: cs.ImportPreviewOutput, **ERRORS},
        tags=["council"],
    )
    def post(self, request: Request) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = cs.ImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        confirm = data.validated_data["confirm"]
        # Read at most one byte past the limit: the service refuses larger files by size.
        content = upload.read(imports.MAX_BYTES + 1)
        preview = planning_item_import(
            filename=upload.name or "", content=content, confirm=confirm, actor=request.user
        )
        body = {
            "ok": preview.ok,
            "saved": confirm,
            "file_errors": preview.file_errors,
            "rows": [
                {
                    "line": r.line,
                    "values": {**r.values, "department": r.department_path},
                    "errors": r.errors,
                }
                for r in preview.rows
            ],
            "created_departments": preview.created_departments,
        }
        return Response(body, status=status.HTTP_201_CREATED if confirm else status.HTTP_200_OK)


def _link_target(data: dict[str, Any]) -> dict[str, Any]:
    """The poll (and question), idea, board, activity or workshop a link input names, as the keyword
    arguments of planning_link_create; NotFound when it does not exist."""
    kind, target_id = data["kind"], data["target_id"]
    target: Any
    if kind == LinkKind.POLL:
        target = Poll.objects.filter(pk=target_id).first()
    elif kind == LinkKind.IDEA:
        target = Idea.objects.filter(pk=target_id).first()
    elif kind == LinkKind.BOARD:
        target = IdeaBoard.objects.filter(pk=target_id).first()
    elif kind == LinkKind.WORKSHOP:
        target = OfflineWorkshop.objects.filter(pk=target_id).first()
    else:
        target = LiveActivity.objects.defer("image").filter(pk=target_id).first()
    if target is None:
        raise NotFound()
    found: dict[str, Any] = {kind: target}
    if data.get("question_id"):
        if kind != LinkKind.POLL:
            raise InvalidInput(fields={"question_id": [_("Only a poll has questions.")]})
        found["question"] = Question.objects.filter(pk=data["question_id"]).first()
        if found["question"] is None:
            raise NotFound()
    return found


class PlanningLinkListView(ThrottledAPIView):
    """Every input routed to a planning item (GET), and routing one more (POST)."""

    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method == "POST" else []

    @extend_schema(responses={200: cs.PlanningLinkOutput(many=True), **ERRORS}, tags=["council"])
    def get(self, request: Request, item_id: int) -> Response:
        links = planning_link_list(item_id=item_id, viewer=request.user)
        return Response(cs.PlanningLinkOutput(links, many=True).data)

    @extend_schema(
        request=cs.PlanningLinkInput,
        responses={201: cs.PlanningLinkOutput, **ERRORS},
        tags=["council"],
    )
    def post(self, request: Request, item_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL, Role.YOUTH_WORKER)
        data = cs.PlanningLinkInput(data=request.data)
        data.is_valid(raise_exception=True)
        link = planning_link_create(
            planning_item=_planning_item(item_id),
            note=data.validated_data["note"],
            actor=request.user,
            **_link_target(data.validated_data),
        )
        return Response(cs.PlanningLinkOutput(link).data, status=status.HTTP_201_CREATED)


class PlanningLinkDetailView(ThrottledAPIView):
    """Take a link (of any kind) off its planning item."""

    throttle_scope = "staff_write"

    @extend_schema(responses={204: None, **ERRORS}, tags=["council"])
    def delete(self, request: Request, link_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL, Role.YOUTH_WORKER)
        link = PlanningLink.objects.filter(pk=link_id).first()
        if link is None:
            raise NotFound()
        planning_link_remove(link=link, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LinkableSessionListView(APIView):
    @extend_schema(responses={200: cs.LinkableSessionOutput(many=True), **ERRORS}, tags=["council"])
    def get(self, request: Request) -> Response:
        sessions = linkable_session_list(viewer=request.user)
        return Response(cs.LinkableSessionOutput(sessions, many=True).data)


class LinkableWorkshopListView(APIView):
    @extend_schema(
        responses={200: cs.LinkableWorkshopOutput(many=True), **ERRORS}, tags=["council"]
    )
    def get(self, request: Request) -> Response:
        workshops = linkable_workshop_list(viewer=request.user)
        return Response(cs.LinkableWorkshopOutput(workshops, many=True).data)


class SessionActivityLinksView(APIView):
    """The planning items a live session's activities are routed to (console, export page)."""

    @extend_schema(responses={200: cs.PlanningLinkOutput(many=True), **ERRORS}, tags=["council"])
    def get(self, request: Request, code: str) -> Response:
        links = session_activity_links(code=code, viewer=request.user)
        return Response(cs.PlanningLinkOutput(links, many=True).data)


class LinkableBoardListView(APIView):
    @extend_schema(responses={200: cs.LinkableBoardOutput(many=True), **ERRORS}, tags=["council"])
    def get(self, request: Request) -> Response:
        boards = linkable_board_list(viewer=request.user)
        return Response(cs.LinkableBoardOutput(boards, many=True).data)


class ContentLinksView(APIView):
    """'Kopplad till nämndens planeringspunkt …' on a poll, idea board or idea."""

    @extend_schema(responses={200: cs.PlanningLinkOutput(many=True), **ERRORS}, tags=["council"])
    def get(self, request: Request, kind: str, content_id: int) -> Response:
        links = content_planning_links(kind=kind, content_id=content_id, viewer=request.user)
        # A published idea's links are public: staff names are not.
        staff = bool(user_roles(request.user) & {Role.OFFICIAL, Role.YOUTH_WORKER, Role.ADMIN})
        return Response(cs.PlanningLinkOutput(links, many=True, context={"public": not staff}).data)


class LinkablePollListView(APIView):
    @extend_schema(responses={200: cs.CouncilPollOutput(many=True), **ERRORS}, tags=["council"])
    def get(self, request: Request) -> Response:
        return Response(
            cs.CouncilPollOutput(linkable_poll_list(viewer=request.user), many=True).data
        )


# --- meetings -------------------------------------------------------------------------------


class MeetingListView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method == "POST" else []

    @extend_schema(responses={200: MeetingOutput(many=True), **ERRORS}, tags=["council"])
    def get(self, request: Request) -> Response:
        return Response(MeetingOutput(meeting_list(viewer=request.user), many=True).data)

    @extend_schema(
        request=cs.MeetingInput, responses={201: cs.MeetingDetailOutput, **ERRORS}, tags=["council"]
    )
    def post(self, request: Request) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = cs.MeetingInput(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = meeting_create(actor=request.user, **data.validated_data)
        body = cs.MeetingDetailOutput(
            meeting_detail(meeting_id=meeting.pk, viewer=request.user)
        ).data
        return Response(body, status=status.HTTP_201_CREATED)


class MeetingDetailView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return [] if self.request.method == "GET" else super().get_throttles()

    @extend_schema(responses={200: cs.MeetingDetailOutput, **ERRORS}, tags=["council"])
    def get(self, request: Request, meeting_id: int) -> Response:
        return Response(
            cs.MeetingDetailOutput(meeting_detail(meeting_id=meeting_id, viewer=request.user)).data
        )

    @extend_schema(
        request=cs.MeetingPatchInput,
        responses={200: cs.MeetingDetailOutput, **ERRORS},
        tags=["council"],
    )
    def patch(self, request: Request, meeting_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = cs.MeetingPatchInput(data=request.data)
        data.is_valid(raise_exception=True)
        meeting_update(meeting=_meeting(meeting_id), actor=request.user, **data.validated_data)
        return Response(
            cs.MeetingDetailOutput(meeting_detail(meeting_id=meeting_id, viewer=request.user)).data
        )

    @extend_schema(request=None, responses={204: None, **ERRORS}, tags=["council"])
    def delete(self, request: Request, meeting_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        meeting_delete(meeting=_meeting(meeting_id), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeetingAgendaView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=cs.AgendaInput, responses={200: cs.MeetingDetailOutput, **ERRORS}, tags=["council"]
    )
    def put(self, request: Request, meeting_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = cs.AgendaInput(data=request.data)
        data.is_valid(raise_exception=True)
        meeting_agenda_set(
            meeting=_meeting(meeting_id),
            planning_item_ids=data.validated_data["planning_item_ids"],
            actor=request.user,
        )
        return Response(
            cs.MeetingDetailOutput(meeting_detail(meeting_id=meeting_id, viewer=request.user)).data
        )


class MeetingTransitionView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=cs.TransitionInput,
        responses={200: cs.MeetingDetailOutput, **ERRORS},
        tags=["council"],
    )
    def post(self, request: Request, meeting_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = cs.TransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        meeting_transition(
            meeting=_meeting(meeting_id), to=data.validated_data["to"], actor=request.user
        )
        return Response(
            cs.MeetingDetailOutput(meeting_detail(meeting_id=meeting_id, viewer=request.user)).data
        )


VERSION_PARAM = OpenApiParameter(
    "version",
    OpenApiTypes.STR,
    required=False,
    description='A version number, or "utkast" (officials): the draft even after publishing.',
)
DRAFT_WORDS = ("utkast", "draft")


def _version(request: Request) -> int | str | None:
    raw = request.query_params.get("version")
    if raw in (None, ""):
        return None
    if raw in DRAFT_WORDS:
        return DRAFT
    if not raw.isdigit() or len(raw) > 9:
        raise NotFound()
    return int(raw)


class MeetingBriefView(APIView):
    @extend_schema(
        parameters=[VERSION_PARAM],
        responses={200: cs.BriefDocumentOutput, **ERRORS},
        tags=["council"],
    )
    def get(self, request: Request, meeting_id: int) -> Response:
        require_role(request.user, *BRIEF_READERS)
        document = brief_document(
            meeting=_meeting(meeting_id), viewer=request.user, version=_version(request)
        )
        return Response(cs.BriefDocumentOutput(document).data)


def _brief_name(meeting_id: int, document: Brief) -> str:
    suffix = f"-v{document.version}" if document.version else "-utkast"
    return f"ungas-roster-{meeting_id}{suffix}"


class MeetingBriefFileView(APIView):
    @extend_schema(
        parameters=[VERSION_PARAM],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **ERRORS},
        tags=["council"],
    )
    def get(self, request: Request, meeting_id: int, fmt: str) -> HttpResponse:
        require_role(request.user, *BRIEF_READERS)
        if fmt not in FILE_TYPES:
            raise NotFound()
        # The PDF is the council paper: always in Swedish, the council's language.
        with translation.override("sv" if fmt == "pdf" else translation.get_language()):
            # Once a version is published, a download is that version unless the draft
            # ("utkast") is asked for by name.
            document = brief_document(
                meeting=_meeting(meeting_id),
                viewer=request.user,
                version=_version(request),
                published_first=True,
            )
            if fmt == "pdf":
                return file_response(
                    exports.brief_pdf(document), fmt=fmt, name=_brief_name(meeting_id, document)
                )
        name = _brief_name(meeting_id, document)
        if fmt == "csv":
            content = exports.to_csv(exports.brief_rows(document))
        else:
            content = exports.to_xlsx(exports.brief_rows(document), title="Ungas röster")
        return file_response(content, fmt=fmt, name=name)


class MeetingBriefPublishView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=cs.PublishInput, responses={201: cs.VersionOutput, **ERRORS}, tags=["council"]
    )
    def post(self, request: Request, meeting_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = cs.PublishInput(data=request.data)
        data.is_valid(raise_exception=True)
        version = meeting_brief_publish(
            meeting=_meeting(meeting_id),
            changelog=data.validated_data["changelog"],
            actor=request.user,
        )
        return Response(cs.VersionOutput(version).data, status=status.HTTP_201_CREATED)


class AgendaItemAnalysisView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(request=cs.AnalysisInput, responses={204: None, **ERRORS}, tags=["council"])
    def put(self, request: Request, agenda_item_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = cs.AnalysisInput(data=request.data)
        data.is_valid(raise_exception=True)
        agenda_item_analysis_set(
            agenda_item=_agenda_item(agenda_item_id),
            text=data.validated_data["text"],
            actor=request.user,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class AgendaItemQuotesView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return [] if self.request.method == "GET" else super().get_throttles()

    @extend_schema(responses={200: cs.QuoteCandidateOutput(many=True), **ERRORS}, tags=["council"])
    def get(self, request: Request, agenda_item_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        rows = quote_candidates(agenda_item=_agenda_item(agenda_item_id), viewer=request.user)
        return Response(cs.QuoteCandidateOutput(rows, many=True).data)

    @extend_schema(
        request=cs.QuoteInput, responses={201: cs.ChosenQuoteOutput, **ERRORS}, tags=["council"]
    )
    def post(self, request: Request, agenda_item_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = cs.QuoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        quote = brief_quote_add(
            agenda_item=_agenda_item(agenda_item_id), actor=request.user, **data.validated_data
        )
        return Response(cs.ChosenQuoteOutput(quote).data, status=status.HTTP_201_CREATED)


class QuoteDetailView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(responses={204: None, **ERRORS}, tags=["council"])
    def delete(self, request: Request, quote_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        quote = BriefQuote.objects.filter(pk=quote_id).first()
        if quote is None:
            raise NotFound()
        brief_quote_remove(quote=quote, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AgendaItemDecisionView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=cs.DecisionInput, responses={200: cs.DecisionOutput, **ERRORS}, tags=["council"]
    )
    def put(self, request: Request, agenda_item_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = cs.DecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        usages = [LinkUsage(**u) for u in values.pop("usages")]
        decision = decision_record(
            agenda_item=_agenda_item(agenda_item_id), actor=request.user, usages=usages, **values
        )
        return Response(cs.DecisionOutput(decision).data)


# --- follow-up ------------------------------------------------------------------------------

FOLLOWUP_PARAMS = [
    OpenApiParameter("start", OpenApiTypes.DATE, required=True),
    OpenApiParameter("end", OpenApiTypes.DATE, required=True),
    OpenApiParameter("area", OpenApiTypes.STR, required=False),
]


def _followup(request: Request) -> Followup:
    require_role(request.user, *BRIEF_READERS)
    query = cs.FollowupQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    return followup_for(
        viewer=request.user,
        start=query.validated_data["start_date"],
        end=query.validated_data["end_date"],
        area=query.validated_data.get("area") or None,
    )


class FollowupView(APIView):
    @extend_schema(
        parameters=FOLLOWUP_PARAMS, responses={200: cs.FollowupOutput, **ERRORS}, tags=["council"]
    )
    def get(self, request: Request) -> Response:
        return Response(cs.FollowupOutput(_followup(request)).data)


class FollowupFileView(APIView):
    @extend_schema(
        parameters=FOLLOWUP_PARAMS,
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **ERRORS},
        tags=["council"],
    )
    def get(self, request: Request, fmt: str) -> HttpResponse:
        if fmt not in ("pdf", "csv"):
            require_role(request.user, *BRIEF_READERS)
            raise NotFound()
        report = _followup(request)
        name = f"uppfoljning-{report.start}-{report.end}"
        if fmt == "pdf":
            with translation.override("sv"):
                return file_response(exports.followup_pdf(report), fmt=fmt, name=name)
        return file_response(exports.to_csv(exports.followup_rows(report)), fmt=fmt, name=name)


EVALUATION_PARAMS = [
    OpenApiParameter("first_year", OpenApiTypes.INT, required=True),
    OpenApiParameter("last_year", OpenApiTypes.INT, required=True),
]


def _evaluation(request: Request) -> Evaluation:
    require_role(request.user, *EVALUATION_READERS)
    query = cs.EvaluationQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    return evaluation_for(
        viewer=request.user,
        first_year=query.validated_data["first_year"],
        last_year=query.validated_data["last_year"],
    )


class EvaluationView(APIView):
    """The evaluation report for revising the action plan: officials and council members."""

    @extend_schema(
        parameters=EVALUATION_PARAMS,
        responses={200: cs.EvaluationOutput, **ERRORS},
        tags=["council"],
    )
    def get(self, request: Request) -> Response:
        return Response(cs.EvaluationOutput(_evaluation(request)).data)


class EvaluationFileView(APIView):
    @extend_schema(
        parameters=EVALUATION_PARAMS,
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **ERRORS},
        tags=["council"],
    )
    def get(self, request: Request, fmt: str) -> HttpResponse:
        if fmt not in ("pdf", "xlsx", "csv"):
            require_role(request.user, *EVALUATION_READERS)
            raise NotFound()
        # Council papers are in Swedish, like the follow-up's PDF.
        with translation.override("sv"):
            report = _evaluation(request)
            name = f"utvardering-{report.first_year}-{report.last_year}"
            if fmt == "pdf":
                return file_response(evaluation_pdf(report), fmt=fmt, name=name)
            if fmt == "csv":
                return file_response(evaluation_csv(report), fmt=fmt, name=name)
            return file_response(evaluation_xlsx(report), fmt=fmt, name=name)


class ReferencePopulationView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return [] if self.request.method == "GET" else super().get_throttles()

    @extend_schema(responses={200: cs.ReferenceOutput(many=True), **ERRORS}, tags=["council"])
    def get(self, request: Request) -> Response:
        return Response(
            cs.ReferenceOutput(reference_population_list(viewer=request.user), many=True).data
        )

    @extend_schema(
        request=cs.ReferenceInput,
        responses={200: cs.ReferenceOutput(many=True), **ERRORS},
        tags=["council"],
    )
    def put(self, request: Request) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = cs.ReferenceInput(data=request.data)
        data.is_valid(raise_exception=True)
        reference_population_set(actor=request.user, **data.validated_data)
        return Response(
            cs.ReferenceOutput(reference_population_list(viewer=request.user), many=True).data
        )


# --- participants: "you said → we did" ------------------------------------------------------


class MyFeedbackView(APIView):
    """Published decisions on the polls this phone answered and the live activities it took
    part in (nothing for a new phone)."""

    @extend_schema(responses={200: cs.FeedbackOutput(many=True), **ERRORS}, tags=["polls"])
    def get(self, request: Request) -> Response:
        entries = participant_feedback(participant=participant_from_request(request))
        response = Response(cs.FeedbackOutput(entries, many=True).data)
        response["Cache-Control"] = "private, no-store"
        return response
