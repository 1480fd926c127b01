"""The evaluation report as files: a PDF (WeasyPrint, the brief's page style) and an XLSX
workbook with one sheet per development area and one for the measurement points."""

import datetime as dt
from collections.abc import Iterator

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _

from forum.core import tabular
from forum.core.documents import document_language
from forum.core.numbers import count as count_words
from forum.core.numbers import number, percent
from forum.core.suppression import count_text, protected_note
from forum.council.evaluation import DONE_FIGURES, Evaluation, EvaluationArea
from forum.council.followup import COUNTED_PEOPLE, figure_labels
from forum.council.measurement import MeasureTrend

Row = list[tabular.Cell]


def _labels() -> dict[str, str]:
    labels = figure_labels()
    return {key: labels[key] for key in DONE_FIGURES}


def _written(key: str, value: int | float | None) -> str:
    if key in COUNTED_PEOPLE:
        return count_words(value if value is None else int(value))
    if value is None:
        return "–"
    if key.endswith("_percent"):
        return percent(value)
    if isinstance(value, float):
        return number(value, decimals=1)
    return number(value)


def _cell(key: str, value: int | float | None) -> tabular.Cell:
    if key in COUNTED_PEOPLE and value is None:
        return count_text(None)
    return value


def area_rows(area: EvaluationArea) -> list[tuple[str, list[str]]]:
    """(label, the figure per year as written) for every figure of what was done."""
    labels = _labels()
    return [
        (labels[key], [_written(key, getattr(y.figures, key)) for y in area.years])
        for key in DONE_FIGURES
    ]


def _measure_cells(m: MeasureTrend) -> bool:
    return any(c.hidden_to_protect for c in m.years)


def evaluation_pdf(report: Evaluation) -> bytes:
    from weasyprint import HTML

    measures = [*(m for a in report.areas for m in a.measures), *report.trust]
    html = render_to_string(
        "council/evaluation_pdf.html",
        {
            "report": report,
            "areas": [(area, area_rows(area)) for area in report.areas],
            "counted_to": formats.date_format(dt.date.fromisoformat(report.counted_to), "j F Y"),
            "any_protected": any(_measure_cells(m) for m in measures),
            "protected_note": protected_note(),
            "hidden_word": count_text(None, protected=True),
            **document_language().context(),
        },
    )
    return bytes(HTML(string=html).write_pdf())


def _area_sheet(area: EvaluationArea) -> Iterator[Row]:
    yield [_("Figure"), *(str(y.year) for y in area.years)]
    labels = _labels()
    for key in DONE_FIGURES:
        yield [labels[key], *(_cell(key, getattr(y.figures, key)) for y in area.years)]
    for line in area.unknowns:
        yield [_("What is not known"), line]


def _measures_sheet(report: Evaluation) -> Iterator[Row]:
    yield [_("Development area"), _("Measure"), _("Year"), _("Share who agree (%)"), _("Answers")]
    groups = [(a.name, a.measures) for a in report.areas]
    groups.append((_("Trust (all areas)"), report.trust))
    for name, measures in groups:
        for m in measures:
            for cell in m.years:
                yield [
                    name,
                    m.label,
                    cell.year,
                    cell.share if cell.share is not None else cell.written_share,
                    count_text(None, protected=cell.hidden_to_protect)
                    if cell.answers is None
                    else cell.answers,
                ]
            yield [name, m.label, _("Trend"), m.trend, None]


def evaluation_csv(report: Evaluation) -> bytes:
    """The same figures in one long table: area, figure, year, value; then the measures."""

    def rows() -> Iterator[Row]:
        yield [_("Development area"), _("Figure"), _("Year"), _("Value")]
        labels = _labels()
        for area in report.areas:
            for key in DONE_FIGURES:
                for y in area.years:
                    yield [area.name, labels[key], y.year, _cell(key, getattr(y.figures, key))]
        for name, measure, year, share, answers in list(_measures_sheet(report))[1:]:
            yield [name, f"{measure}: {_('Share who agree (%)')}", year, share]
            if year != _("Trend"):
                yield [name, f"{measure}: {_('Answers')}", year, answers]

    # Swedish Excel opens ;-separated files, like the follow-up's CSV.
    return tabular.to_csv(tabular.table_of(rows()), delimiter=";")


def evaluation_xlsx(report: Evaluation) -> bytes:
    tables = [tabular.table_of(_area_sheet(area), title=area.name) for area in report.areas]
    tables.append(tabular.table_of(_measures_sheet(report), title=_("Measurement points")))
    return tabular.to_xlsx_sheets(tables)
