"""The evaluation report for revising the action plan (due 2027): per development area, what
was done each year, how the measurement points moved, and what is not known.

Built from the follow-up's own figures (``followup.figures_for``) so the two reports cannot
disagree; rendered as a web page (the API), a PDF and an XLSX workbook (exports).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from forum.core.errors import InvalidInput
from forum.core.roles import Role, require_role
from forum.council.followup import FollowupFigures, figures_for, period_bounds
from forum.council.measurement import (
    TRUST_GROUP,
    MeasureTrend,
    measurement_report,
)
from forum.council.models import DevelopmentArea

EVALUATION_READERS = (Role.OFFICIAL, Role.COUNCIL_MEMBER)
# The plan is to be evaluated and revised by 2027; a report spans at most ten years.
MAX_YEARS = 10


@dataclass(frozen=True)
class EvaluationYear:
    year: int
    # The year's figures (to today for the current year).
    figures: FollowupFigures


@dataclass(frozen=True)
class EvaluationArea:
    code: str
    name: str
    years: list[EvaluationYear]
    measures: list[MeasureTrend]
    unknowns: list[str]


@dataclass(frozen=True)
class Evaluation:
    first_year: int
    last_year: int
    # Up to which day the last year is counted.
    counted_to: str
    areas: list[EvaluationArea]
    # Trust belongs to no single area.
    trust: list[MeasureTrend]
    unknowns: list[str]


# The figures of what was done, in the order every renderer shows them.
DONE_FIGURES = (
    "forums",
    "polls",
    "sessions",
    "idea_boards",
    "ideas",
    "participants",
    "workshops_by_hand",
    "workshop_participants_by_hand",
    "planning_items_with_input",
    "decisions_with_input",
    "decisions_fed_back",
    "decisions_fed_back_percent",
    "median_days_to_feedback",
)


def _area_unknowns(years: list[EvaluationYear], measures: list[MeasureTrend]) -> list[str]:
    unknowns = []
    if not measures or all(not m.years for m in measures):
        unknowns.append(_("Nobody has answered this area's measurement points yet."))
    for measure in measures:
        if measure.years and measure.direction == "unknown":
            unknowns.append(f"{measure.label}: {measure.trend}")
    for entry in years:
        f = entry.figures
        if f.decisions_with_input and f.decisions_fed_back < f.decisions_with_input:
            unknowns.append(
                _(
                    "%(year)s: %(n)s of %(total)s decisions with youth input were not fed "
                    "back to young people."
                )
                % {
                    "year": entry.year,
                    "n": f.decisions_with_input - f.decisions_fed_back,
                    "total": f.decisions_with_input,
                }
            )
    return unknowns


def evaluation_report(*, first_year: int, last_year: int) -> Evaluation:
    """The evaluation over calendar years ``first_year``–``last_year`` (inclusive)."""
    today = timezone.localdate()
    if not (2000 <= first_year <= last_year <= today.year):
        raise InvalidInput(
            fields={"last_year": [_("Choose years from 2000 up to this year, first to last.")]}
        )
    if last_year - first_year + 1 > MAX_YEARS:
        raise InvalidInput(fields={"first_year": [_("At most %(n)d years.") % {"n": MAX_YEARS}]})
    counted_to = min(dt.date(last_year, 12, 31), today)
    _lo, hi = period_bounds(dt.date(first_year, 1, 1), counted_to)
    measurement = measurement_report(end=hi, last_year=last_year)
    groups = {area.code: area.measures for area in measurement.areas}
    spans = [
        (year, *period_bounds(dt.date(year, 1, 1), min(dt.date(year, 12, 31), counted_to)))
        for year in range(first_year, last_year + 1)
    ]
    areas = []
    for code, name in DevelopmentArea.choices:
        if code == DevelopmentArea.OTHER:
            continue
        years = [
            EvaluationYear(year=year, figures=figures_for(start=lo, end=end, area=code))
            for year, lo, end in spans
        ]
        measures = groups.get(code, [])
        areas.append(
            EvaluationArea(
                code=code,
                name=str(name),
                years=years,
                measures=measures,
                unknowns=_area_unknowns(years, measures),
            )
        )
    unknowns = [
        _(
            "Each development area counts only what is linked to its planning items; the "
            "measurement points count everyone who answered them."
        ),
        _(
            "Participation is counted from what young people did in Röstrum and from "
            "workshops entered by hand; meetings and workshops not recorded here are not "
            "counted."
        ),
    ]
    if measurement.baseline_year is None:
        unknowns.append(_("No measurement point has been answered, so there is no baseline."))
    elif measurement.baseline_year > first_year:
        unknowns.append(
            _("The measurement points began in %(year)s; earlier years have no baseline.")
            % {"year": measurement.baseline_year}
        )
    return Evaluation(
        first_year=first_year,
        last_year=last_year,
        counted_to=counted_to.isoformat(),
        areas=areas,
        trust=groups.get(TRUST_GROUP, []),
        unknowns=unknowns,
    )


def evaluation_for(*, viewer: object, first_year: int, last_year: int) -> Evaluation:
    """The evaluation for those who revise the plan: officials and council members."""
    require_role(viewer, *EVALUATION_READERS)
    return evaluation_report(first_year=first_year, last_year=last_year)
