"""Staff: the managed list of departments (read by every staff role, kept by officials)."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from api.departments import serializers as s
from api.errors import ERRORS
from api.throttles import ThrottledAPIView
from forum.core.roles import Role, require_role
from forum.core.selectors import DepartmentRow, department_list
from forum.core.services import (
    DEPARTMENT_IMPORT_MAX_BYTES,
    department_archive,
    department_create,
    department_get,
    department_import,
    department_update,
)

TAGS = ["staff"]


def _row(department_id: int, viewer: Any) -> DepartmentRow:
    return next(r for r in department_list(viewer=viewer) if r.id == department_id)


class DepartmentListView(ThrottledAPIView):
    throttle_scope = "staff_write"

    def get_throttles(self) -> list[Any]:
        return super().get_throttles() if self.request.method == "POST" else []

    @extend_schema(responses={200: s.DepartmentOutput(many=True), **ERRORS}, tags=TAGS)
    def get(self, request: Request) -> Response:
        return Response(s.DepartmentOutput(department_list(viewer=request.user), many=True).data)

    @extend_schema(
        request=s.DepartmentCreateInput, responses={201: s.DepartmentOutput, **ERRORS}, tags=TAGS
    )
    def post(self, request: Request) -> Response:
        # Who first: a phone's empty body is a 401/403, not a list of missing fields.
        require_role(request.user, Role.OFFICIAL)
        data = s.DepartmentCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        department = department_create(actor=request.user, **data.validated_data)
        body = s.DepartmentOutput(_row(department.pk, request.user)).data
        return Response(body, status=status.HTTP_201_CREATED)


class DepartmentDetailView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(
        request=s.DepartmentUpdateInput, responses={200: s.DepartmentOutput, **ERRORS}, tags=TAGS
    )
    def patch(self, request: Request, department_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = s.DepartmentUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        move = "parent_id" in values
        department_update(
            department=department_get(department_id=department_id),
            actor=request.user,
            move=move,
            **values,
        )
        return Response(s.DepartmentOutput(_row(department_id, request.user)).data)


class DepartmentArchiveView(ThrottledAPIView):
    throttle_scope = "staff_write"

    @extend_schema(request=None, responses={200: s.DepartmentOutput, **ERRORS}, tags=TAGS)
    def post(self, request: Request, department_id: int) -> Response:
        require_role(request.user, Role.OFFICIAL)
        department_archive(
            department=department_get(department_id=department_id), actor=request.user
        )
        return Response(s.DepartmentOutput(_row(department_id, request.user)).data)


class DepartmentImportView(ThrottledAPIView):
    """Upload a CSV/XLSX (name, level, parent path): without ``confirm`` a preview, with
    it every new department added or none."""

    throttle_scope = "staff_write"
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": s.DepartmentImportInput},
        responses={200: s.DepartmentImportOutput, 201: s.DepartmentImportOutput, **ERRORS},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        require_role(request.user, Role.OFFICIAL)
        data = s.DepartmentImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        confirm = data.validated_data["confirm"]
        # Read at most one byte past the limit: the service refuses larger files by size.
        content = upload.read(DEPARTMENT_IMPORT_MAX_BYTES + 1)
        result = department_import(
            filename=upload.name or "", content=content, confirm=confirm, actor=request.user
        )
        body = {
            "ok": result.ok,
            "saved": confirm,
            "file_errors": result.file_errors,
            "rows": [
                {"line": r.line, "values": r.values, "errors": r.errors, "exists": r.exists}
                for r in result.rows
            ],
            "created_departments": result.created,
        }
        return Response(body, status=status.HTTP_201_CREATED if confirm else status.HTTP_200_OK)
