"""A live session's results as CSV, XLSX or PDF, for the youth worker and officials."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from forum.core.spreadsheets import spreadsheet_cell
from forum.live.models import LiveSession
from forum.live.selectors import ExportRow


def export_headers() -> list[str]:
    return [
        _("Step"),
        _("Kind"),
        _("Activity"),
        _("Answer or question"),
        _("Count or upvotes"),
        _("Percent"),
        _("Note"),
    ]


def _count_cell(row: ExportRow) -> object:
    if row.count is not None:
        return row.count
    return _("hidden (fewer than 5)") if row.counted else ""


def export_values(row: ExportRow) -> list[object]:
    return [
        row.step,
        row.kind,
        row.activity,
        row.item,
        _count_cell(row),
        row.percent if row.percent is not None else "",
        row.note,
    ]


def export_filename(session: LiveSession, extension: str) -> str:
    return f"rostrum-{session.join_code}-{session.started_at:%Y%m%d}.{extension}"


def export_csv(session: LiveSession, rows: list[ExportRow]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(export_headers())
    for row in rows:
        writer.writerow([spreadsheet_cell(v) for v in export_values(row)])
    # A BOM so that Excel opens UTF-8 (å, ä, ö) correctly.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(session, "csv")}"'
    return response


def export_xlsx(session: LiveSession, rows: list[ExportRow]) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = session.join_code
    sheet.append(export_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([spreadsheet_cell(v) for v in export_values(row)])
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFG", (6, 14, 40, 40, 16, 10, 24), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(session, "xlsx")}"'
    return response


def export_pdf(session: LiveSession, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(session, "pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response
