"""Voting-code slips and spreadsheet cells."""

import io

from openpyxl import load_workbook

from api.polls.documents import table_csv, table_xlsx, voting_slips_html, voting_slips_pdf


def test_every_slip_has_its_code_and_a_qr_code_that_opens_the_poll() -> None:
    codes = ["ABCDE-FGH23", "KLMNP-QRS45", "TUVWX-YZ234"]
    html = voting_slips_html(codes=codes, poll_title="Budget <2027>", poll_url="https://x.se/p/7")
    assert html.count('class="slip"') == 3
    assert all(code in html for code in codes)
    assert html.count("<svg") == 3
    assert "Budget &lt;2027&gt;" in html
    assert voting_slips_pdf(codes=codes, poll_title="B", poll_url="https://x.se/p/7").startswith(
        b"%PDF"
    )


def test_text_that_looks_like_a_formula_is_kept_as_text() -> None:
    rows = [["answer"], ['=HYPERLINK("http://evil")'], ["+46 70"], ["ok"]]
    assert b"'=HYPERLINK" in table_csv(rows)
    sheet = load_workbook(io.BytesIO(table_xlsx(rows, title="T"))).active
    assert [c.value for c in sheet["A"]] == [
        "answer",
        '\'=HYPERLINK("http://evil")',
        "'+46 70",
        "ok",
    ]
