"""Measurement points in the follow-up: shares per year and neighbourhood, suppressed, and
trend sentences that claim nothing a hidden or missing year could contradict."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from forum.council.measurement import (
    MeasureCell,
    measurement_report,
    preferences_report,
    trend_sentence,
)
from forum.polls.models import Response
from tests.factories import ParticipantFactory, answer_measures, measurement_poll

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()


def report(last_year: int = 2026, area: str | None = None):
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=TZ)
    return measurement_report(end=end, last_year=last_year, area=area)


def taken_seriously(measurement):
    [feedback] = [a for a in measurement.areas if a.code == "feedback"]
    return next(m for m in feedback.measures if m.code == "taken_seriously")


def test_share_agreeing_per_year_with_the_first_year_as_baseline() -> None:
    poll = measurement_poll()
    answer_measures(poll, year=2025, position=4, times=4)  # strongly agree
    answer_measures(poll, year=2025, position=1, times=6)  # disagree
    answer_measures(poll, year=2026, position=3, times=6)  # agree
    answer_measures(poll, year=2026, position=5, times=6)  # don't know: counted among the answers

    measurement = report()
    seriously = taken_seriously(measurement)

    assert measurement.baseline_year == 2025
    assert [a.code for a in measurement.areas] == ["structures", "mandate", "feedback", "trust"]
    first, last = seriously.years
    # 4 agreeing in 2025 is a small group: the share is not shown, the 10 answers are.
    assert (first.year, first.answers, first.share) == (2025, 10, None)
    assert (last.year, last.answers, last.share) == (2026, 12, 50.0)
    assert seriously.direction == "unknown"


def test_trend_sentence_with_two_shown_years() -> None:
    poll = measurement_poll()
    answer_measures(poll, year=2025, position=4, times=5)
    answer_measures(poll, year=2025, position=0, times=8)
    answer_measures(poll, year=2026, position=3, times=6)
    answer_measures(poll, year=2026, position=2, times=6)

    with translation.override("en"):
        seriously = taken_seriously(report())

    assert seriously.direction == "up"
    assert seriously.trend == (
        "The share who believe their opinions are taken seriously rose from 38.5 % "
        "(2025, 13 answers) to 50 % (2026, 12 answers)."
    )


def test_a_hidden_year_means_no_trend_claim() -> None:
    poll = measurement_poll()
    answer_measures(poll, year=2025, position=4, times=3)
    answer_measures(poll, year=2026, position=3, times=6)
    answer_measures(poll, year=2026, position=0, times=6)

    with translation.override("en"):
        seriously = taken_seriously(report())

    assert seriously.years[0].answers is None
    assert seriously.direction == "unknown"
    assert "rose" not in seriously.trend
    assert "fell" not in seriously.trend
    assert "2025 had too few answers to show" in seriously.trend


def test_a_year_without_answers_is_said_to_be_unknown() -> None:
    poll = measurement_poll()
    answer_measures(poll, year=2024, position=4, times=6)
    answer_measures(poll, year=2024, position=0, times=6)
    answer_measures(poll, year=2026, position=3, times=6)
    answer_measures(poll, year=2026, position=1, times=6)

    with translation.override("en"):
        seriously = taken_seriously(report())

    assert [c.year for c in seriously.years] == [2024, 2025, 2026]
    assert seriously.years[1].missing
    assert seriously.trend == "We cannot say how this has changed: nobody answered in 2025."


def test_one_year_is_a_baseline_not_a_trend() -> None:
    cells = [MeasureCell(year=2026, answers=20, agree=9, share=45.0)]
    with translation.override("en"):
        text, direction = trend_sentence("trust", cells)
    assert direction == "unknown"
    assert text == "2026 is the baseline: 45 % agree (20 answers). A trend needs one more year."


def test_neighbourhood_cells_are_suppressed_so_a_small_group_cannot_be_worked_out() -> None:
    poll = measurement_poll()
    answer_measures(poll, year=2026, position=4, neighbourhood="tensta", times=8)
    answer_measures(poll, year=2026, position=0, neighbourhood="tensta", times=7)
    answer_measures(poll, year=2026, position=4, neighbourhood="akalla", times=2)
    answer_measures(poll, year=2026, position=0, neighbourhood="rinkeby", times=6)

    seriously = taken_seriously(report())
    places = {p.code: p.years[0] for p in seriously.neighbourhoods}

    assert places["tensta"].answers == 15
    assert places["akalla"].answers is None
    assert (seriously.years[0].answers, seriously.years[0].agree) == (23, 10)
    # Akalla's 2 agreeing would be the year's 10 minus the others: more is hidden beside it.
    shown_agree = sum(c.agree for c in places.values() if c.agree is not None)
    assert shown_agree < 10 - 2
    assert "husby" not in places  # nobody from Husby answered in any year


def test_one_area_keeps_only_its_measures() -> None:
    poll = measurement_poll()
    answer_measures(poll, year=2026, position=4, times=5)
    measurement = report(area="mandate")
    assert [(a.code, [m.code for m in a.measures]) for a in measurement.areas] == [
        ("mandate", ["real_say"])
    ]


@settings(max_examples=10, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([2025, 2026]),
            st.sampled_from(["tensta", "husby", "kista", ""]),
            st.integers(min_value=0, max_value=5),
            st.integers(min_value=1, max_value=7),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_no_shown_cell_counts_fewer_than_5(groups) -> None:
    Response.objects.all().delete()
    poll = measurement_poll()
    for year, place, position, times in groups:
        answer_measures(poll, year=year, position=position, neighbourhood=place, times=times)
    for area in report().areas:
        for measure in area.measures:
            cells = [*measure.years, *(c for p in measure.neighbourhoods for c in p.years)]
            for cell in cells:
                for figure in (cell.answers, cell.agree):
                    assert figure is None or figure == 0 or figure >= 5
                if cell.share is not None:
                    assert cell.answers is not None
                    assert cell.agree is not None
                    assert cell.answers - cell.agree >= 5 or cell.answers == cell.agree
                    assert cell.agree == 0 or cell.agree >= 5


def test_formats_template_results_across_forums_are_suppressed() -> None:
    first, second = measurement_poll("formats"), measurement_poll("formats")
    when = dt.datetime(2026, 3, 1, tzinfo=TZ)
    for poll, picks, times in ((first, [0, 1], 4), (second, [0, 3], 3)):
        formats = poll.questions.get(measure="format_preference")
        ids = [formats.options.get(position=p).pk for p in picks]
        for _ in range(times):
            Response.objects.create(
                question=formats, participant=ParticipantFactory(), answer={"option_ids": ids}
            )
    Response.objects.update(created_at=when)

    with translation.override("sv"):
        formats_table, times_table = preferences_report(
            start=dt.datetime(2026, 1, 1, tzinfo=TZ), end=dt.datetime(2027, 1, 1, tzinfo=TZ)
        )

    counts = {row.code: row.count for row in formats_table.rows}
    assert formats_table.respondents == 7
    assert counts == {
        "live_meeting": 7,
        "phone_poll": None,  # 4 people
        "workshop": 0,
        "walk": None,  # 3 people
        "online_board": 0,
    }
    assert formats_table.rows[0].label == "Möte på plats"
    assert times_table.respondents == 0
