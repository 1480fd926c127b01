"""Property over the real renderers: random answers to a poll that reaches the council both
as a poll and as a live-session activity. The brief's CSV and XLSX and the live export never
print a count of 1–4, and they print the same figures for the same question."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from api.live.exports import export_table
from forum.core import tabular
from forum.core.suppression import count_text
from forum.council import exports
from forum.council.brief import brief_build
from forum.council.services import planning_link_create
from forum.live.summary import live_session_export
from tests.factories import (
    AgendaItemFactory,
    ParticipantFactory,
    PollLinkFactory,
    ResponseFactory,
    live_session_with_activities,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def _csv(content: bytes, delimiter: str) -> list[list[str]]:
    return list(
        csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=delimiter)
    )


def _xlsx(content: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _no_small_count(rows: list[list[str]], column: int) -> None:
    for row in rows[1:]:
        value = row[column]
        hidden = ("", count_text(None), count_text(None, protected=True))
        assert value in hidden or int(value) == 0 or int(value) >= 5, row


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.integers(0, 9), min_size=3, max_size=3))
def test_brief_files_and_live_export_never_show_a_count_under_five(counts: list[int]) -> None:
    session, worker = live_session_with_activities()
    activity = session.activities.select_related("question").get(question__text="Vad?")
    assert activity.question is not None
    options = list(activity.question.options.all())
    for option, n in zip(options, counts, strict=True):
        for _ in range(n):
            ResponseFactory(option=option, participant=ParticipantFactory())
    agenda = AgendaItemFactory()
    PollLinkFactory(
        planning_item=agenda.planning_item,
        poll=activity.question.poll,
        question=activity.question,
        note="",
    )
    planning_link_create(
        planning_item=agenda.planning_item, activity=activity, note="", actor=worker
    )

    brief = brief_build(meeting=agenda.meeting)
    brief_csv = _csv(exports.to_csv(exports.brief_rows(brief)), ";")
    brief_xlsx = _xlsx(exports.to_xlsx(exports.brief_rows(brief), title="Ungas röster"))
    table = export_table(session, live_session_export(session=session))
    live_csv = _csv(tabular.to_csv(table), ",")
    live_xlsx = _xlsx(tabular.to_xlsx(table))

    # CSV and XLSX carry the same counts (XLSX reads 0.0 back as 0: percentages aside).
    assert [r[:6] for r in brief_csv] == [r[:6] for r in brief_xlsx]
    assert [r[:5] for r in live_csv] == [r[:5] for r in live_xlsx]
    _no_small_count(brief_csv, 5)  # "Count"
    _no_small_count(live_csv, 4)  # "Count or upvotes"
    labels = [o.label for o in options]
    live_counts = {r[3]: r[4] for r in live_csv[1:] if r[2] == "Vad?" and r[3] in labels}
    # The poll link and the activity link: both print what the live export prints.
    for section in ("Omröstning", "Fredagsfika: Vad?"):
        brief_counts = {
            r[4]: r[5]
            for r in brief_csv[1:]
            if r[3] == "Vad?" and r[4] in labels and r[2].startswith(section.split()[0])
        }
        assert brief_counts == live_counts, (section, counts)
