"""Reading planning items from the spreadsheets officials keep (CSV or XLSX).

Nothing here saves anything: the preview lists every line with its errors, and the
service saves all rows in one transaction only when there is not a single error.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from forum.core.department_tree import DepartmentTree, Node, TreeError
from forum.core.errors import DomainError
from forum.core.tabular import read_table
from forum.core.text import text_clean_optional
from forum.council.models import DevelopmentArea, PlanningItemStatus
from forum.council.validation import planning_item_field_errors

MAX_ROWS = 2000
# Free-text columns and whether they keep line breaks: a file's cells pass the same text
# boundary as the form's fields (forum/core/text.py), since no serializer sees them.
TEXT_COLUMNS = {"title": False, "reference": False, "department": False, "description": True}
# Kept by the preview but not a PlanningItem field: the row's ``department`` resolves it.
DEPARTMENT_COLUMN = "department"
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
    "ansvarig": "department",
    "avdelning": "department",
    "förvaltning": "department",
    "enhet": "department",
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
    # The department the row's path or name means (planned when the import creates it).
    department: Node | None = None

    @property
    def department_path(self) -> str:
        return self.department.path if self.department else ""


@dataclass(frozen=True)
class ImportPreview:
    rows: list[ImportRow]
    file_errors: list[str] = field(default_factory=list)
    # Full paths of the departments the import adds (in the order it adds them).
    created_departments: list[str] = field(default_factory=list)

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


def planning_item_import_preview(
    *, filename: str, content: bytes, tree: DepartmentTree
) -> ImportPreview:
    """Every line with its errors; unknown departments are planned in ``tree``."""
    if len(content) > MAX_BYTES:
        return ImportPreview(rows=[], file_errors=[_("The file is too large (at most 2 MB).")])
    try:
        table = read_table(filename, content, max_rows=MAX_ROWS)
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
            "description": raw.get("description", ""),
            "status": STATUS_WORDS.get(status_word, status_word),
        }
        text_errors: dict[str, list[str]] = {}
        department_text = raw.get(DEPARTMENT_COLUMN, "")
        for name, multiline in TEXT_COLUMNS.items():
            try:
                cleaned = text_clean_optional(
                    values.get(name, department_text), field=name, multiline=multiline
                )
            except DomainError as exc:
                text_errors |= exc.fields
                continue
            if name == DEPARTMENT_COLUMN:
                department_text = cleaned
            else:
                values[name] = cleaned
        errors = {k: [str(m) for m in v] for k, v in planning_item_field_errors(values).items()}
        department = None
        if DEPARTMENT_COLUMN not in text_errors:
            try:
                department = tree.resolve(department_text, create=True)
            except TreeError as exc:
                errors[DEPARTMENT_COLUMN] = [str(exc)]
        errors |= text_errors  # "broken characters" says more than "write a title"
        ref = values["reference"]
        if ref and ref in seen:
            errors.setdefault("reference", []).append(
                _("The same registry number is on line %(line)d.") % {"line": seen[ref]}
            )
        seen.setdefault(ref, line)
        rows.append(ImportRow(line=line, values=values, errors=errors, department=department))
    return ImportPreview(rows=rows, created_departments=[n.path for n in tree.planned])
