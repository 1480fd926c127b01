"""A live session's results as CSV, XLSX or PDF, for the youth worker and officials."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from forum.core import tabular
from forum.core.suppression import count_text, protected_note
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


def _count_cell(row: ExportRow) -> tabular.Cell:
    if row.count is not None:
        return row.count
    return count_text(None, protected=row.hidden_to_protect) if row.counted else ""


def export_values(row: ExportRow) -> list[tabular.Cell]:
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


def _protected_note(rows: list[ExportRow]) -> list[list[tabular.Cell]]:
    """One last row explaining "hidden" when some count is hidden to protect a small group."""
    if not any(row.count is None and row.hidden_to_protect for row in rows):
        return []
    return [["", "", "", count_text(None, protected=True), "", "", protected_note()]]


def export_table(session: LiveSession, rows: list[ExportRow]) -> tabular.Table:
    return tabular.Table(
        header=export_headers(),
        rows=[export_values(row) for row in rows] + _protected_note(rows),
        title=session.join_code,
        widths=(6, 14, 40, 40, 16, 10, 24),
    )


def export_csv(session: LiveSession, rows: list[ExportRow]) -> HttpResponse:
    response = HttpResponse(
        tabular.to_csv(export_table(session, rows)), content_type=tabular.CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(session, "csv")}"'
    return response


def export_xlsx(session: LiveSession, rows: list[ExportRow]) -> HttpResponse:
    response = HttpResponse(
        tabular.to_xlsx(export_table(session, rows)), content_type=tabular.XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(session, "xlsx")}"'
    return response


def export_pdf(session: LiveSession, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(session, "pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response
