"""Admins read the audit log and download it as CSV; no endpoint writes to it."""

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.audit import serializers as s
from api.errors import ERRORS
from forum.core import tabular
from forum.core.roles import Role, require_role
from forum.core.selectors import audit_page, audit_table

TAGS = ["staff"]


class AuditListView(APIView):
    @extend_schema(
        operation_id="staff_audit_list",
        parameters=[s.AuditPageInput],
        responses={200: s.AuditPageOutput, **ERRORS},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        # Who first: a bad filter from someone else is a 401/403, not a list of fields.
        require_role(request.user, Role.ADMIN)
        data = s.AuditPageInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        page = audit_page(
            viewer=request.user, filters=data.filters(), page=data.validated_data["page"]
        )
        return Response(s.AuditPageOutput(page).data)


class AuditExportView(APIView):
    @extend_schema(
        operation_id="staff_audit_export",
        parameters=[s.AuditFilterInput],
        responses={(200, "text/csv"): OpenApiResponse(bytes), **ERRORS},
        tags=TAGS,
    )
    def get(self, request: Request) -> HttpResponse:
        require_role(request.user, Role.ADMIN)
        data = s.AuditFilterInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        table = audit_table(viewer=request.user, filters=data.filters())
        # Swedish Excel opens ";" (as the council's exports).
        body = tabular.to_csv(table, delimiter=";")
        response = HttpResponse(body, content_type=tabular.CSV_CONTENT_TYPE)
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response
