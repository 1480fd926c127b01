"""Measurement points in the follow-up: felt influence and trust per year, and how young people
want to take part (docs/decisions/0053-measurement-points.md).

Answers to questions tagged with the same measure code (forum/polls/measures.py) are pooled
across forums and counted by the calendar year they were given. Per measure and year the
share agreeing (4 or 5 on the agree scale, among everyone who answered, "don't know"
included) is shown with its number of answers; per neighbourhood the same, all cells of a
year suppressed together (forum.core.suppression.suppress_table), so no group under 5 is
shown or can be worked out from the year's total. A trend is only claimed between years that
are all shown; otherwise the sentence says which year is unknown.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models.functions import ExtractYear
from django.utils import translation
from django.utils.translation import gettext as _

from forum.core.languages import DEFAULT_LANGUAGE, supported_language
from forum.core.numbers import count as count_words
from forum.core.numbers import percent
from forum.core.suppression import SuppressedCounts, suppress_choices, suppress_table
from forum.council.models import DevelopmentArea
from forum.participation.models import Neighbourhood, ParticipantProfile
from forum.polls.measures import (
    AGREE_POSITIONS,
    MEASURE_QUESTIONS,
    Measure,
    TemplateOption,
    TemplateQuestion,
    template_question,
)
from forum.polls.models import Option, Response

# The group for answers from someone who never said (or chose not to say) where they live.
UNKNOWN_NEIGHBOURHOOD = "unknown"
# The group of measures that belong to no single development area.
TRUST_GROUP = "trust"


@dataclass(frozen=True)
class MeasureCell:
    """One year's figure: ``answers`` everyone who answered, ``agree`` those answering 4–5.

    ``answers`` None: hidden (1–4 answers, or hidden to protect a small group); 0: nobody
    answered that year. ``share`` is shown only when both counts are.
    """

    year: int
    answers: int | None
    agree: int | None
    share: float | None
    hidden_to_protect: bool = False

    @property
    def missing(self) -> bool:
        return self.answers == 0

    @property
    def known(self) -> bool:
        return self.share is not None

    @property
    def written_share(self) -> str:
        if self.missing:
            return "–"
        if self.share is None:
            return count_words(None, protected=self.hidden_to_protect)
        return percent(self.share)

    @property
    def written_answers(self) -> str:
        return count_words(self.answers, protected=self.hidden_to_protect)


@dataclass(frozen=True)
class NeighbourhoodMeasure:
    code: str
    label: str
    years: list[MeasureCell]


@dataclass(frozen=True)
class MeasureTrend:
    code: str
    label: str
    question: str
    area: str
    years: list[MeasureCell]
    neighbourhoods: list[NeighbourhoodMeasure]
    # A sentence backed by the shown figures, or saying what is unknown.
    trend: str
    # "up", "down", "same", or "unknown" when no claim can be made.
    direction: str


@dataclass(frozen=True)
class MeasureArea:
    code: str
    name: str
    measures: list[MeasureTrend]


@dataclass(frozen=True)
class Measurement:
    years: list[int]
    baseline_year: int | None
    areas: list[MeasureArea]


@dataclass(frozen=True)
class PreferenceRow:
    code: str
    label: str
    count: int | None
    hidden_to_protect: bool = False

    @property
    def written(self) -> str:
        return count_words(self.count, protected=self.hidden_to_protect)


@dataclass(frozen=True)
class PreferenceTable:
    measure: str
    label: str
    # Everyone who answered the question in the period (None when fewer than 5).
    respondents: int | None
    rows: list[PreferenceRow]


def _in_language(sv: str, translations: dict[str, str]) -> str:
    code = supported_language(translation.get_language())
    return sv if code == DEFAULT_LANGUAGE else translations.get(code, sv)


def _question_text(question: TemplateQuestion) -> str:
    return _in_language(question.sv, question.translations)


def _option_label(option: TemplateOption) -> str:
    return _in_language(option.sv, option.translations)


def _who(measure: str) -> str:
    """The subject of a trend sentence: who the share is of."""
    who: dict[str, str] = {
        Measure.KNOW_WHERE_TO_SPEAK: _("The share who know where to say what they think"),
        Measure.REAL_SAY: _("The share who think young people get a real say"),
        Measure.TAKEN_SERIOUSLY: _("The share who believe their opinions are taken seriously"),
        Measure.HEAR_BACK: _("The share who hear what happens with what they say"),
        Measure.TRUST: _("The share who trust the district"),
    }
    return who[measure]


def _area_names() -> dict[str, str]:
    names = {code: str(name) for code, name in DevelopmentArea.choices}
    names[TRUST_GROUP] = _("Trust (all areas)")
    return names


def _neighbourhood_labels() -> dict[str, str]:
    labels = {code: str(label) for code, label in Neighbourhood.choices}
    labels[UNKNOWN_NEIGHBOURHOOD] = _("Not said")
    return labels


def _cell(year: int, shown: SuppressedCounts[str], answers: int) -> MeasureCell:
    if answers == 0:
        return MeasureCell(year=year, answers=0, agree=0, share=None)
    agree, rest = shown.cells["agree"], shown.cells["rest"]
    total = shown.total
    share = None
    if total is not None and agree is not None and rest is not None and total:
        share = round(100 * agree / total, 1)
    return MeasureCell(
        year=year,
        answers=total,
        agree=agree if share is not None else None,
        share=share,
        hidden_to_protect=(total is None and shown.total_protected)
        or (share is None and total is not None),
    )


def trend_sentence(measure: str, years: list[MeasureCell]) -> tuple[str, str]:
    """(sentence, direction) for a measure's years; a claim only when every year is shown."""
    if not years:
        return _("Nobody has answered this question yet."), "unknown"
    first, last = years[0], years[-1]
    if len(years) == 1:
        if not first.known:
            return (
                _("%(year)s is the baseline, but it has too few answers to show.")
                % {"year": first.year},
                "unknown",
            )
        return (
            _(
                "%(year)s is the baseline: %(share)s agree (%(n)s answers). "
                "A trend needs one more year."
            )
            % {"year": first.year, "share": percent(first.share), "n": count_words(first.answers)},
            "unknown",
        )
    hidden = [str(c.year) for c in years if not c.known and not c.missing]
    missing = [str(c.year) for c in years if c.missing]
    if hidden or missing:
        parts = []
        if hidden:
            parts.append(_("%(years)s had too few answers to show") % {"years": ", ".join(hidden)})
        if missing:
            parts.append(_("nobody answered in %(years)s") % {"years": ", ".join(missing)})
        return (
            _("We cannot say how this has changed: %(why)s.") % {"why": "; ".join(parts)},
            "unknown",
        )
    assert first.share is not None
    assert last.share is not None
    values = {
        "who": _who(measure),
        "first": percent(first.share),
        "first_year": first.year,
        "first_n": count_words(first.answers),
        "last": percent(last.share),
        "last_year": last.year,
        "last_n": count_words(last.answers),
    }
    if round(last.share) > round(first.share):
        text = _(
            "%(who)s rose from %(first)s (%(first_year)s, %(first_n)s answers) "
            "to %(last)s (%(last_year)s, %(last_n)s answers)."
        )
        return text % values, "up"
    if round(last.share) < round(first.share):
        text = _(
            "%(who)s fell from %(first)s (%(first_year)s, %(first_n)s answers) "
            "to %(last)s (%(last_year)s, %(last_n)s answers)."
        )
        return text % values, "down"
    text = _(
        "%(who)s was about the same: %(first)s (%(first_year)s, %(first_n)s answers) "
        "and %(last)s (%(last_year)s, %(last_n)s answers)."
    )
    return text % values, "same"


def _neighbourhoods(participant_ids: set[int]) -> dict[int, str]:
    # One profile per participant: the one they updated last (profiles are per forum).
    where: dict[int, str] = {}
    for pid, place in (
        ParticipantProfile.objects.filter(participant_id__in=participant_ids)
        .order_by("updated_at", "id")
        .values_list("participant_id", "neighbourhood")
    ):
        where[pid] = place
    return where


def measurement_report(*, end: dt.datetime, last_year: int, area: str | None = None) -> Measurement:
    """Every measure's share agreeing per year, from the first year with answers up to
    ``last_year`` (answers before ``end``); ``area`` keeps one group (an area or trust)."""
    rows = list(
        Response.objects.filter(
            question__measure__in=[q.measure for q in MEASURE_QUESTIONS],
            created_at__lt=end,
            option__isnull=False,
        )
        .annotate(year=ExtractYear("created_at"))
        .values_list("question__measure", "year", "participant_id", "option__position")
    )
    where = _neighbourhoods({pid for _m, _y, pid, _p in rows})
    known_places = set(Neighbourhood.values) - {Neighbourhood.PREFER_NOT}
    first_year = min((year for _m, year, _p, _o in rows), default=None)
    years = list(range(first_year, last_year + 1)) if first_year else []
    # counts[measure][year][place] = [agree, rest]
    counts: dict[str, dict[int, dict[str, list[int]]]] = {}
    for measure, year, pid, position in rows:
        place = where.get(pid) or UNKNOWN_NEIGHBOURHOOD
        if place not in known_places:
            place = UNKNOWN_NEIGHBOURHOOD  # skipped, never asked and "prefer not" are one group
        cell = counts.setdefault(measure, {}).setdefault(year, {}).setdefault(place, [0, 0])
        cell[0 if position in AGREE_POSITIONS else 1] += 1
    labels = _neighbourhood_labels()
    shown_places = [*(p for p in Neighbourhood.values if p in known_places), UNKNOWN_NEIGHBOURHOOD]
    groups: dict[str, list[MeasureTrend]] = {}
    for question in MEASURE_QUESTIONS:
        group = question.area or TRUST_GROUP
        if area and group != area:
            continue
        per_year = counts.get(question.measure, {})
        cells: list[MeasureCell] = []
        by_place: dict[str, list[MeasureCell]] = {p: [] for p in shown_places}
        for year in years:
            found = per_year.get(year, {})
            lines = [
                {"agree": found.get(p, [0, 0])[0], "rest": found.get(p, [0, 0])[1]}
                for p in shown_places
            ]
            totals = {
                "agree": sum(line["agree"] for line in lines),
                "rest": sum(line["rest"] for line in lines),
            }
            table = suppress_table(totals, lines, partition=True)
            cells.append(_cell(year, table.totals, totals["agree"] + totals["rest"]))
            for place, line, shown in zip(shown_places, lines, table.rows, strict=True):
                by_place[place].append(_cell(year, shown, line["agree"] + line["rest"]))
        trend, direction = trend_sentence(question.measure, cells)
        groups.setdefault(group, []).append(
            MeasureTrend(
                code=question.measure,
                label=str(Measure(question.measure).label),
                question=_question_text(question),
                area=group,
                years=cells,
                neighbourhoods=[
                    NeighbourhoodMeasure(code=p, label=labels[p], years=by_place[p])
                    for p in shown_places
                    # A place nobody answered from in any year is left out: it says nothing.
                    if any(not c.missing for c in by_place[p])
                ],
                trend=trend,
                direction=direction,
            )
        )
    names = _area_names()
    order = [c for c in (*DevelopmentArea.values, TRUST_GROUP) if c in groups]
    return Measurement(
        years=years,
        baseline_year=years[0] if years else None,
        areas=[MeasureArea(code=c, name=names[c], measures=groups[c]) for c in order],
    )


def preferences_report(*, start: dt.datetime, end: dt.datetime) -> list[PreferenceTable]:
    """How young people want to take part: the formats template's answers in the period,
    pooled across forums; each option's count suppressed (people can pick several)."""
    tables = []
    for measure in (Measure.FORMAT_PREFERENCE, Measure.TIME_PREFERENCE):
        spec = template_question(measure)
        picks = [0] * len(spec.options)
        respondents = 0
        answers = Response.objects.filter(
            question__measure=measure, created_at__gte=start, created_at__lt=end
        ).values_list("answer", flat=True)
        # Options are compared by position: the template fixes their order (measures.py).
        position_of = dict(
            Option.objects.filter(question__measure=measure).values_list("id", "position")
        )
        for answer in answers:
            respondents += 1
            picked = answer.get("option_ids", []) if isinstance(answer, dict) else []
            for position in {position_of.get(option_id) for option_id in picked}:
                if position is not None and position < len(picks):
                    picks[position] += 1
        shown = suppress_choices(
            {o.code: n for o, n in zip(spec.options, picks, strict=True)},
            respondents=respondents,
            partition=False,
        )
        tables.append(
            PreferenceTable(
                measure=measure,
                label=str(Measure(measure).label),
                respondents=shown.total,
                rows=[
                    PreferenceRow(
                        code=o.code,
                        label=_option_label(o),
                        count=shown.cells[o.code],
                        hidden_to_protect=shown.hidden_to_protect(o.code),
                    )
                    for o in spec.options
                ],
            )
        )
    return tables
