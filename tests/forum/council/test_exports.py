"""The brief and follow-up as files: the PDF is read back as text, CSV/XLSX as tables."""

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from pypdf import PdfReader

from forum.core.documents import document_language
from forum.core.roles import Role
from forum.council import exports
from forum.council.brief import brief_snapshot
from forum.council.briefdata import Brief
from forum.council.followup import followup_report
from forum.council.services import brief_quote_add, planning_link_create
from tests.factories import (
    AdministrationFactory,
    AgendaItemFactory,
    DepartmentFactory,
    IdeaBoardFactory,
    IdeaFactory,
    MeetingFactory,
    PollFactory,
    PollLinkFactory,
    UserFactory,
    answer_poll,
)
from tests.support.pdf import assert_reads, needs_poppler, pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db


def _brief() -> Brief:
    meeting = MeetingFactory(title="Nämnden i december")
    agenda = AgendaItemFactory(
        meeting=meeting,
        planning_item__reference="1.2.4-182-2025",
        planning_item__title="Fritidsgårdar",
    )
    poll = PollFactory(questions=[("Öppet på lördagar?", ["Ja", "Nej"])])
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll, note="")
    for _ in range(7):
        answer_poll(poll, option_index=0, gender="girl", neighbourhood="husby")
    for _ in range(2):
        answer_poll(poll, option_index=1, gender="boy", neighbourhood="husby")
    return brief_snapshot(meeting=meeting, number=1, changelog="")


def _pdf_text(content: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_brief_pdf_has_headings_reference_figures_and_page_numbers() -> None:
    brief = _brief()

    with translation.override("sv"):
        content = exports.brief_pdf(brief)

    assert content.startswith(b"%PDF")
    text, pages = _pdf_text(content)
    for expected in (
        "Ungas röster inför nämnden",
        "Nämnden i december",
        "1.2.4-182-2025",
        "Fritidsgårdar",
        "Vilka som deltog",
        "Vad de svarade",
        "Barnrätts- och jämställdhetsanalys",
        "Öppet på lördagar?",
        "färre än 5",  # the 2 boys and 2 no's (and their complements) are suppressed
        f"Sida 1 / {pages}",
        "Version 1",
    ):
        assert expected in text, expected
    assert "Kille" in text
    assert "\nKille 2" not in text
    # 7 yes and 2 no: "77.8 %" gave the 2 away (9 - 7); the same rule as the live export.
    assert "77.8 %" not in text
    assert "Nej 2" not in text


def test_brief_csv_and_xlsx_carry_the_same_suppressed_figures() -> None:
    brief = _brief()

    rows = list(
        csv.reader(
            io.StringIO(exports.to_csv(exports.brief_rows(brief)).decode("utf-8-sig")),
            delimiter=";",
        )
    )
    workbook = load_workbook(
        io.BytesIO(exports.to_xlsx(exports.brief_rows(brief), title="Ungas röster"))
    )
    sheet_rows = [
        [("" if c is None else str(c)) for c in r]
        for r in workbook.active.iter_rows(values_only=True)
    ]

    assert rows == sheet_rows
    answers = [r for r in rows if r[4] in ("Ja", "Nej")]
    # Counts of 1–4 were printed here while the live export hid them: one rule now.
    assert [(r[4], r[5], r[6]) for r in answers] == [
        ("Ja", "dold", ""),  # 7, hidden so the 2 cannot be worked out: never "färre än 5"
        ("Nej", "färre än 5", ""),
    ]
    boys = [r for r in rows if r[3] == "gender" and r[4] in ("Kille", "Boy")]
    assert boys
    assert boys[0][5] in ("färre än 5", "fewer than 5")


def _friday_or_saturday() -> Brief:
    meeting = MeetingFactory(title="Testmötet")
    agenda = AgendaItemFactory(meeting=meeting, planning_item__title="Fritidsgården")
    poll = PollFactory(questions=[("Vilken dag?", ["Fredag", "Lördag"])])
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll, note="")
    for _ in range(46):
        answer_poll(poll, option_index=0)
    for _ in range(2):
        answer_poll(poll, option_index=1)
    return brief_snapshot(meeting=meeting, number=1, changelog="")


def test_46_votes_hidden_to_protect_2_are_never_called_fewer_than_5() -> None:
    brief = _friday_or_saturday()

    with translation.override("sv"):
        rows = list(
            csv.reader(
                io.StringIO(exports.to_csv(exports.brief_rows(brief)).decode("utf-8-sig")),
                delimiter=";",
            )
        )
        text, _pages = _pdf_text(exports.brief_pdf(brief))

    answers = {r[4]: r[5] for r in rows if r[4] in ("Fredag", "Lördag")}
    assert answers == {"Fredag": "dold", "Lördag": "färre än 5"}
    # The one note on "dold", after the figures.
    assert rows[-1][:2] == ["dold", "Dold för att en liten grupp inte ska gå att räkna ut."]
    lines = text.splitlines()
    friday = [line for line in lines if line.startswith("Fredag")]
    assert friday
    assert all("dold" in line and "färre än 5" not in line for line in friday)
    assert any(line.startswith("Lördag") and "färre än 5" in line for line in lines)
    assert "Dold för att en liten grupp inte ska gå att räkna ut." in text.replace("\n", " ")


def test_followup_pdf_reads_back() -> None:
    poll = PollFactory()
    for _ in range(5):
        answer_poll(poll, age_band="13-15")
    today = timezone.localdate()
    report = followup_report(start=today - dt.timedelta(days=30), end=today)

    with translation.override("sv"):
        text, _pages = _pdf_text(exports.followup_pdf(report))

    assert "Årlig uppföljning av ungas delaktighet" in text
    assert "Unga som deltog 5" in text
    assert "Per utvecklingsområde" in text


FORMULA_TITLE = '=HYPERLINK("http://x","y")'


def _brief_quoting_a_formula_idea() -> Brief:
    official = UserFactory(roles=[Role.OFFICIAL])
    agenda = AgendaItemFactory(planning_item__reference="1.2.4-182-2025")
    board = IdeaBoardFactory()
    planning_link_create(planning_item=agenda.planning_item, board=board, note="", actor=official)
    idea = IdeaFactory(board=board, title=FORMULA_TITLE, text="@SUM(1+1)")
    brief_quote_add(agenda_item=agenda, source_kind="idea", source_id=idea.pk, actor=official)
    return brief_snapshot(meeting=agenda.meeting, number=1, changelog="")


def test_brief_csv_and_xlsx_write_an_idea_title_that_looks_like_a_formula_as_text() -> None:
    brief = _brief_quoting_a_formula_idea()

    csv_rows = list(
        csv.reader(
            io.StringIO(exports.to_csv(exports.brief_rows(brief)).decode("utf-8-sig")),
            delimiter=";",
        )
    )
    sheet = load_workbook(
        io.BytesIO(exports.to_xlsx(exports.brief_rows(brief), title="Ungas röster"))
    ).active
    cells = [cell for row in sheet.iter_rows() for cell in row]

    quoted = [r[3] for r in csv_rows if FORMULA_TITLE in r[3]]
    assert quoted
    assert all(text.startswith("'") for text in quoted)
    formula_cells = [c for c in cells if isinstance(c.value, str) and FORMULA_TITLE in c.value]
    assert formula_cells
    assert all(c.data_type != "f" and c.value.startswith("'=") for c in formula_cells)
    assert not any(c.data_type == "f" for c in cells)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_council_csv_and_xlsx_neutralise_every_formula_start(start: str) -> None:
    # The follow-up's CSV goes through the same writer as the brief's.
    text = f"{start}1+2"
    rows = [["Section", "Text"], ["Quotes", text]]

    csv_rows = list(
        csv.reader(io.StringIO(exports.to_csv(iter(rows)).decode("utf-8-sig")), delimiter=";")
    )
    cell = load_workbook(io.BytesIO(exports.to_xlsx(iter(rows), title="t"))).active["B2"]

    assert csv_rows[1][1] == "'" + text
    # XML parsers read a stored carriage return back as a line feed.
    assert cell.data_type != "f"
    assert cell.value == "'" + text.replace("\r", "\n")


def test_followup_pdf_writes_swedish_numbers_and_its_area_table_fits_the_page() -> None:
    from forum.council.followup import Followup, FollowupArea, FollowupFigures
    from forum.council.measurement import Measurement

    figures: dict[str, Any] = dict(
        participants=1234,
        participants_live=None,
        participants_polls=1200,
        participants_ideas=40,
        forums=2,
        sessions=3,
        polls=3,
        polls_with_feedback=1,
        polls_with_feedback_percent=33.3,
        median_days_to_feedback=43.1,
        median_days_to_decision=None,
        idea_boards=1,
        ideas=1,
        ideas_with_feedback=1,
        ideas_with_feedback_percent=100.0,
        ideas_median_days_to_feedback=2.5,
        ideas_median_days_to_decision=None,
        planning_items_with_input=1,
        decisions_with_input=1,
        decisions_fed_back=1,
        decisions_fed_back_percent=100.0,
    )
    report = Followup(
        start="2026-01-01",
        end="2026-12-31",
        area=None,
        totals=FollowupFigures(**figures),
        demographics=[],
        areas=[
            FollowupArea(code="mandate", name="Delaktighetsprocesser och beslutsmandat", **figures)
        ],
        measurement=Measurement(years=[], baseline_year=None, areas=[]),
        preferences=[],
    )

    with translation.override("sv"):
        content = exports.followup_pdf(report)

    text, _pages = _pdf_text(content)
    assert "33,3 %" in text
    assert "33.3" not in text
    assert "43,1" in text
    assert "1\xa0234" in text
    # Every column of the area table is on the page: its last header and the area's figures.
    reader = PdfReader(io.BytesIO(content))
    width = float(reader.pages[0].mediabox.width)
    spans: list[float] = []
    reader.pages[-1].extract_text(
        visitor_text=lambda t, cm, tm, fd, fs: (
            spans.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4]) if t.strip() else None
        )
    )
    assert spans
    assert max(spans) < width - 40


# Fixed words of the brief, asked of each catalog (translated, not the English fallback).
BRIEF_WORDS = ("Young people's voices before the council", "What we asked", "Who took part")
SCRIPT_FONT = {"ar": "Noto-Sans-Arabic", "fa": "Noto-Sans-Arabic", "ti": "Noto-Sans-Ethiopic"}


@needs_poppler
@pytest.mark.parametrize("language", ["sv", "ar", "fa", "ti"])
def test_brief_pdf_reads_back_in_every_script_with_its_registry_number(language: str) -> None:
    brief = _brief()

    with translation.override(language):
        content = exports.brief_pdf(brief)
        words = [gettext(w) for w in BRIEF_WORDS]

    text = pdf_text(content)
    for english, word in zip(BRIEF_WORDS, words, strict=True):
        assert word != english
        assert_reads(text, word)
    assert "1.2.4-182-2025" in text  # not reversed on a right-to-left page
    assert "Fritidsgårdar" in text
    fonts = pdf_fonts(content)
    assert all(fonts.values())
    if language in SCRIPT_FONT:
        assert SCRIPT_FONT[language] in fonts


@pytest.mark.parametrize(("language", "direction"), [("sv", "ltr"), ("fa", "rtl")])
def test_council_pdfs_set_the_page_language_and_direction(language: str, direction: str) -> None:
    brief = _brief()

    with translation.override(language):
        html = render_to_string(
            "council/brief_pdf.html", {"brief": brief, "items": [], **document_language().context()}
        )

    assert f'<html lang="{language}" dir="{direction}">' in html


def test_brief_csv_names_the_responsible_department_by_path_and_never_as_a_formula() -> None:
    # A name is free text an official types: one starting with = must stay text.
    top = AdministrationFactory(name="=1+2")
    agenda = AgendaItemFactory(
        planning_item__reference="1.2.4-182-2025",
        planning_item__department=DepartmentFactory(parent=top, name="Avdelningen för förskola"),
    )
    brief = brief_snapshot(meeting=agenda.meeting, number=1, changelog="")

    with translation.override("sv"):
        rows = list(
            csv.reader(
                io.StringIO(exports.to_csv(exports.brief_rows(brief)).decode("utf-8-sig")),
                delimiter=";",
            )
        )
        label = gettext("Responsible department")

    named = [r for r in rows if r[2] == label]
    assert [r[3] for r in named] == ["'=1+2 › Avdelningen för förskola"]
