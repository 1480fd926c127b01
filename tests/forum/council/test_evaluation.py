"""The evaluation report for the action plan's revision: per development area what was done,
the measurement trend and what is unknown, and the same as PDF text and XLSX cells."""

import datetime as dt
import io
import subprocess

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from forum.core.errors import InvalidInput, PermissionDenied
from forum.core.roles import Role
from forum.council.evaluation import evaluation_for, evaluation_report
from forum.council.evaluation_exports import evaluation_csv, evaluation_pdf, evaluation_xlsx
from forum.council.models import MeetingState
from forum.council.services import decision_record
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    PollFactory,
    PollLinkFactory,
    UserFactory,
    answer_measures,
    answer_poll,
    measurement_poll,
    usages_for,
)

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
LAST_YEAR = THIS_YEAR - 1


@pytest.fixture
def history(official):
    """Measurement answers in two years, and a mandate poll decided on without feedback."""
    poll = measurement_poll()
    answer_measures(poll, year=LAST_YEAR, position=4, times=6)
    answer_measures(poll, year=LAST_YEAR, position=1, times=9)
    answer_measures(poll, year=THIS_YEAR, position=3, times=9)
    answer_measures(poll, year=THIS_YEAR, position=0, times=6)
    agenda = AgendaItemFactory(
        meeting=MeetingFactory(state=MeetingState.HELD), planning_item__area="mandate"
    )
    linked = PollFactory(opened_at=timezone.now() - dt.timedelta(days=3))
    PollLinkFactory(planning_item=agenda.planning_item, poll=linked)
    for _ in range(5):
        answer_poll(linked)
    decision_record(
        agenda_item=agenda,
        text="Beslut",
        outcome="approved",
        feedback_text="",
        publish_feedback=False,
        decided_at=timezone.now() - dt.timedelta(hours=1),
        actor=official,
        usages=usages_for(agenda),
    )


def test_each_area_has_what_was_done_its_trend_and_what_is_unknown(history) -> None:
    with translation.override("en"):
        report = evaluation_report(first_year=LAST_YEAR, last_year=THIS_YEAR)

    assert [a.code for a in report.areas] == ["structures", "mandate", "feedback"]
    mandate = report.areas[1]
    this_year = mandate.years[-1].figures
    assert [y.year for y in mandate.years] == [LAST_YEAR, THIS_YEAR]
    assert (this_year.polls, this_year.decisions_with_input, this_year.decisions_fed_back) == (
        1,
        1,
        0,
    )
    assert mandate.years[0].figures.polls == 0
    [real_say] = mandate.measures
    assert real_say.direction == "up"
    assert f"rose from 40 % ({LAST_YEAR}, 15 answers) to 60 % ({THIS_YEAR}, 15 answers)" in (
        real_say.trend
    )
    assert f"{THIS_YEAR}: 1 of 1 decisions with youth input were not fed back" in " ".join(
        mandate.unknowns
    )
    assert [m.code for m in report.trust] == ["trust"]


def test_no_answers_means_no_baseline_is_said() -> None:
    with translation.override("en"):
        report = evaluation_report(first_year=THIS_YEAR, last_year=THIS_YEAR)
    assert "No measurement point has been answered, so there is no baseline." in report.unknowns
    assert all(a.measures[0].years == [] for a in report.areas)


def test_years_out_of_range_are_refused() -> None:
    with pytest.raises(InvalidInput):
        evaluation_report(first_year=THIS_YEAR, last_year=THIS_YEAR + 1)
    with pytest.raises(InvalidInput):
        evaluation_report(first_year=THIS_YEAR - 10, last_year=THIS_YEAR)


@pytest.mark.parametrize("role", [Role.YOUTH_WORKER, None])
def test_only_officials_and_council_members_read_it(role) -> None:
    viewer = UserFactory(roles=[role] if role else [])
    with pytest.raises(PermissionDenied):
        evaluation_for(viewer=viewer, first_year=THIS_YEAR, last_year=THIS_YEAR)


def test_pdf_text_shows_areas_trend_and_unknowns(history, tmp_path) -> None:
    with translation.override("en"):
        report = evaluation_report(first_year=LAST_YEAR, last_year=THIS_YEAR)
        content = evaluation_pdf(report)
    pdf = tmp_path / "evaluation.pdf"
    pdf.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Evaluation of the action plan for local democracy" in text
    assert "Participation processes and decision mandate" in text
    assert "Young people really get to take part in deciding." in text
    assert "What is not known" in text
    assert "rose from 40 %" in " ".join(text.split())


def test_xlsx_has_a_sheet_per_area_and_one_for_the_measures(history) -> None:
    with translation.override("en"):
        report = evaluation_report(first_year=LAST_YEAR, last_year=THIS_YEAR)
        book = load_workbook(io.BytesIO(evaluation_xlsx(report)))

    assert book.sheetnames[-1] == "Measurement points"
    assert len(book.sheetnames) == 4
    mandate = book.worksheets[1]
    rows = {row[0]: row[1:] for row in mandate.iter_rows(values_only=True)}
    assert rows["Figure"] == (str(LAST_YEAR), str(THIS_YEAR))
    assert rows["Polls"] == (0, 1)
    assert rows["Decisions made with youth input"] == (0, 1)
    measures = list(book["Measurement points"].iter_rows(values_only=True))
    assert (
        "Participation processes and decision mandate",
        "Young people get a real say",
        THIS_YEAR,
        60.0,
        15,
    ) in measures


def test_csv_is_one_long_table_of_the_same_figures(history) -> None:
    with translation.override("en"):
        report = evaluation_report(first_year=LAST_YEAR, last_year=THIS_YEAR)
        text = evaluation_csv(report).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Development area;Figure;Year;Value"
    assert f"Participation processes and decision mandate;Polls;{THIS_YEAR};1" in lines
    assert (
        f"Participation processes and decision mandate;Young people get a real say: "
        f"Share who agree (%);{THIS_YEAR};60.0"
    ) in lines


def test_workshops_entered_by_hand_are_counted_in_their_area_and_the_scope_is_said() -> None:
    from tests.factories import PlanningItemFactory, WorkshopLinkFactory

    item = PlanningItemFactory(area="mandate")
    WorkshopLinkFactory(planning_item=item, workshop__participants=23)
    year = timezone.localdate().year

    report = evaluation_report(first_year=year, last_year=year)

    mandate = next(a for a in report.areas if a.code == "mandate")
    structures = next(a for a in report.areas if a.code == "structures")
    assert mandate.years[0].figures.workshops_by_hand == 1
    assert mandate.years[0].figures.workshop_participants_by_hand == 23
    assert structures.years[0].figures.workshops_by_hand == 0
    # Per-area figures count linked input only: the report says so, in words.
    assert report.unknowns[0] == (
        "Varje utvecklingsområde räknar bara det som kopplats till områdets "
        "planeringspunkter; mätpunkterna räknar alla som svarat på dem."
    )
    with translation.override("sv"):
        text = evaluation_pdf(evaluation_report(first_year=year, last_year=year))
    assert text.startswith(b"%PDF")
