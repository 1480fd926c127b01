"""The one CSV/XLSX writer (every export goes through it) and reader (every import).

A table is a header and rows of plain cells. Text typed by young people ends up in these
files, so every text cell starting with = + - @, a tab or a carriage return is written with
a leading apostrophe: a spreadsheet then shows it as text instead of running it as a
formula (CSV injection). Numbers stay numbers. CSV is UTF-8 with a byte-order mark so
Excel opens å, ä and ö; the separator is the export's own (Swedish Excel opens ";").
"""

import contextlib
import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from forum.core.languages import is_rtl

type Cell = str | int | float | None

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


@dataclass(frozen=True)
class Table:
    """What an export writes: ``title`` names the XLSX sheet; ``widths`` its columns."""

    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    title: str = "Results"
    widths: Sequence[int] = ()


def table_of(rows: Iterable[Sequence[Cell]], *, title: str = "Results") -> Table:
    """A table from rows whose first row is the header."""
    all_rows = list(rows)
    header = [str(h) for h in all_rows[0]] if all_rows else []
    return Table(header=header, rows=all_rows[1:], title=title)


def safe_cell(value: Cell) -> str | int | float:
    """The cell as written: text that a spreadsheet would run as a formula is made text."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(table: Table, *, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([safe_cell(h) for h in table.header])
    for row in table.rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    return to_xlsx_sheets([table])


def to_xlsx_sheets(tables: Sequence[Table]) -> bytes:
    """One workbook, one sheet per table (named by its title, made unique)."""
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    used: set[str] = set()
    for table in tables:
        # Sheet names may not hold []:*?/\ and are at most 31 characters.
        name = "".join(c for c in table.title if c not in "[]:*?/\\")[:31] or "Results"
        base, n = name, 2
        while name.lower() in used:
            suffix = f" {n}"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(name.lower())
        _write_sheet(workbook.create_sheet(title=name), table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(sheet: Any, table: Table) -> None:
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for r, row in enumerate([table.header, *table.rows], start=1):
        for c, value in enumerate(row, start=1):
            written = safe_cell(value)
            cell = sheet.cell(row=r, column=c, value=written)
            if isinstance(written, str):
                # Never a formula, whatever the text: openpyxl would take "=…" as one.
                cell.data_type = TYPE_STRING
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    # An Arabic or Persian export opens with its first column at the right, like the page.
    sheet.sheet_view.rightToLeft = is_rtl(translation.get_language() or "")
    for c, width in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width


def read_table(filename: str, content: bytes, *, max_rows: int) -> list[list[str]]:
    """The cells of an uploaded CSV (UTF-8, separator sniffed) or an XLSX's first sheet, as
    text; at most ``max_rows`` + 2 rows of an XLSX are read (the caller refuses more)."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        table = [
            ["" if v is None else str(v) for v in row]
            for row in sheet.iter_rows(max_row=max_rows + 2, values_only=True)
        ]
        workbook.close()
        return table
    text = content.decode("utf-8-sig")
    dialect: Any = csv.excel
    with contextlib.suppress(csv.Error):  # not sniffable: plain comma-separated
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    return [row for row in csv.reader(io.StringIO(text), dialect)]
