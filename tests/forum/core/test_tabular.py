import csv
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from forum.core.tabular import Table, safe_cell, table_of, to_csv, to_xlsx


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x","y")', "+46 70", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_text_that_looks_like_a_formula_is_kept_as_text(text: str) -> None:
    table = Table(header=["answer", "count"], rows=[[text, 5], ["ok", -3]], title="T")

    rows = list(csv.reader(io.StringIO(to_csv(table).decode("utf-8-sig"), newline="")))
    sheet = load_workbook(io.BytesIO(to_xlsx(table))).active
    assert sheet is not None

    assert rows[1] == ["'" + text, "5"]
    assert [c.data_type for c in sheet["A"]] == ["s", "s", "s"]
    # (XML reads a carriage return back as a newline; what matters is the apostrophe.)
    assert [str(c.value)[:1] for c in sheet["A"]] == ["a", "'", "o"]
    # Numbers stay numbers: a negative count is not text that could be a formula.
    assert [c.value for c in sheet["B"]] == ["count", 5, -3]


def test_csv_opens_in_excel_with_swedish_letters_and_its_own_separator() -> None:
    content = to_csv(table_of([["Fråga", "Antal"], ["Öppet på lördagar?", None]]), delimiter=";")

    assert content.startswith("\ufeff".encode())
    assert content.decode("utf-8-sig").splitlines() == ["Fråga;Antal", "Öppet på lördagar?;"]


def test_sheet_names_drop_characters_excel_refuses() -> None:
    sheet = load_workbook(io.BytesIO(to_xlsx(Table(header=["a"], rows=[], title="a/b:c?")))).active
    assert sheet is not None
    assert sheet.title == "abc"


def test_empty_cells_are_empty_and_plain_text_is_untouched() -> None:
    assert safe_cell(None) == ""
    assert safe_cell("Husby") == "Husby"
    assert safe_cell(3.5) == 3.5


@pytest.mark.parametrize(("language", "right_to_left"), [("ar", True), ("fa", True), ("sv", False)])
def test_a_sheet_runs_the_way_of_the_active_language(language: str, right_to_left: bool) -> None:
    with translation.override(language):
        content = to_xlsx(Table(header=["a"], rows=[["b"]]))

    sheet = load_workbook(io.BytesIO(content)).active
    assert bool(sheet.sheet_view.rightToLeft) is right_to_left
