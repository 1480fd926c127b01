"""Reading planning items from the spreadsheets officials keep (CSV or XLSX).

Nothing here saves anything: the preview lists every line with its errors, and the
service saves all rows in one transaction only when there is not a single error.
"""

import contextlib
import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from forum.core.errors import DomainError
from forum.core.text import text_clean_optional
from forum.council.models import DevelopmentArea, PlanningItemStatus
from forum.council.validation import planning_item_field_errors

MAX_ROWS = 2000
# Free-text columns and whether they keep line breaks: a file's cells pass the same text
# boundary as the form's fields (forum/core/text.py), since no serializer sees them.
TEXT_COLUMNS = {"title": False, "reference": False, "department": False, "description": True}
MAX_BYTES = 2 * 1024 * 1024

# Column headings we recognise (lower-case, Swedish and English) -> field name.
HEADINGS = {
    "titel": "title",
    "title": "title",
    "rubrik": "title",
    "diarienummer": "reference",
    "dnr": "reference",
    "reference": "reference",
    "utvecklingsområde": "area",
    "område": "area",
    "area": "area",
    "development area": "area",
    "ansvarig avdelning": "department",
    "avdelning": "department",
    "department": "department",
    "beskrivning": "description",
    "description": "description",
    "status": "status",
}

# Area and status as written in a spreadsheet -> stored code.
AREA_WORDS = {
    "structures": DevelopmentArea.STRUCTURES,
    "strukturer": DevelopmentArea.STRUCTURES,
    "mandate": DevelopmentArea.MANDATE,
    "mandat": DevelopmentArea.MANDATE,
    "feedback": DevelopmentArea.FEEDBACK,
    "återkoppling": DevelopmentArea.FEEDBACK,
    "other": DevelopmentArea.OTHER,
    "övrigt": DevelopmentArea.OTHER,
    "annat": DevelopmentArea.OTHER,
}
STATUS_WORDS = {
    "": PlanningItemStatus.PLANNED,
    "planned": PlanningItemStatus.PLANNED,
    "planerad": PlanningItemStatus.PLANNED,
    "in_preparation": PlanningItemStatus.IN_PREPARATION,
    "bereds": PlanningItemStatus.IN_PREPARATION,
    "decided": PlanningItemStatus.DECIDED,
    "beslutad": PlanningItemStatus.DECIDED,
    "closed": PlanningItemStatus.CLOSED,
    "avslutad": PlanningItemStatus.CLOSED,
}


@dataclass(frozen=True)
class ImportRow:
    line: int  # as the official sees it in the spreadsheet (the heading is line 1)
    values: dict[str, str]
    errors: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportPreview:
    rows: list[ImportRow]
    file_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors and bool(self.rows) and not any(r.errors for r in self.rows)

    def error_fields(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        if self.file_errors:
            out["file"] = list(self.file_errors)
        for row in self.rows:
            for name, messages in row.errors.items():
                out[f"line {row.line}.{name}"] = messages
        return out


def _read_table(filename: str, content: bytes) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        table = [
            ["" if v is None else str(v) for v in row]
            for row in sheet.iter_rows(max_row=MAX_ROWS + 2, values_only=True)
        ]
        workbook.close()
        return table
    text = content.decode("utf-8-sig")
    dialect: Any = csv.excel
    with contextlib.suppress(csv.Error):  # not sniffable: plain comma-separated
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def planning_item_import_preview(*, filename: str, content: bytes) -> ImportPreview:
    if len(content) > MAX_BYTES:
        return ImportPreview(rows=[], file_errors=[_("The file is too large (at most 2 MB).")])
    try:
        table = _read_table(filename, content)
    except Exception:  # a broken or foreign file: say so, never 500
        return ImportPreview(
            rows=[], file_errors=[_("The file could not be read. Use CSV (UTF-8) or XLSX.")]
        )
    table = [r for r in table if any(c.strip() for c in r)]
    if not table:
        return ImportPreview(rows=[], file_errors=[_("The file is empty.")])
    header = [HEADINGS.get(c.strip().lower(), "") for c in table[0]]
    missing = [n for n in ("title", "reference", "area") if n not in header]
    if missing:
        return ImportPreview(
            rows=[],
            file_errors=[
                _("Missing columns: %(cols)s. The first line must name the columns.")
                % {"cols": ", ".join(missing)}
            ],
        )
    if len(table) - 1 > MAX_ROWS:
        return ImportPreview(
            rows=[], file_errors=[_("At most %(n)d lines at a time.") % {"n": MAX_ROWS}]
        )
    rows: list[ImportRow] = []
    seen: dict[str, int] = {}
    for line, cells in enumerate(table[1:], start=2):
        raw = {name: cells[i].strip() for i, name in enumerate(header) if name and i < len(cells)}
        area_word = raw.get("area", "").lower()
        status_word = raw.get("status", "").lower()
        values = {
            "title": raw.get("title", ""),
            "reference": raw.get("reference", ""),
            "area": AREA_WORDS.get(area_word, area_word),
            "department": raw.get("department", ""),
            "description": raw.get("description", ""),
            "status": STATUS_WORDS.get(status_word, status_word),
        }
        text_errors: dict[str, list[str]] = {}
        for name, multiline in TEXT_COLUMNS.items():
            try:
                values[name] = text_clean_optional(values[name], field=name, multiline=multiline)
            except DomainError as exc:
                text_errors |= exc.fields
        errors = {k: [str(m) for m in v] for k, v in planning_item_field_errors(values).items()}
        errors |= text_errors  # "broken characters" says more than "write a title"
        ref = values["reference"]
        if ref and ref in seen:
            errors.setdefault("reference", []).append(
                _("The same registry number is on line %(line)d.") % {"line": seen[ref]}
            )
        seen.setdefault(ref, line)
        rows.append(ImportRow(line=line, values=values, errors=errors))
    return ImportPreview(rows=rows)
