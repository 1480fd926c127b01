"""The brief and the follow-up as files: A4 PDF (WeasyPrint), CSV and XLSX of the figures.

Every renderer reads the same typed data (forum.council.briefdata), so a published brief's
files come from its frozen snapshot. The PDF writes numbers the Swedish way (33,3 %,
1 234) through forum.core.numbers; CSV/XLSX keep numbers as numbers.
"""

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forum.core import tabular
from forum.core.charts import ChartRow, bar_chart, hidden_row, share
from forum.core.documents import document_language
from forum.core.numbers import count as count_words
from forum.core.numbers import number, percent
from forum.core.suppression import count_text, protected_note
from forum.council.brief import by_hand_mark
from forum.council.briefdata import Brief, BriefItem, GroupBreakdown, WorkshopResult
from forum.council.followup import COUNTED_PEOPLE, Followup
from forum.council.measurement import Measurement, PreferenceTable
from forum.polls.models import QuestionKind
from forum.polls.selectors import ShownQuestionResult

Row = Sequence[tabular.Cell]

# Quotes on page 1 per item: the rest follow in the item's own section.
PAGE_ONE_QUOTES = 3
WORDS_SHOWN = 10


def _count_text(value: int | float | None, *, protected: bool = False) -> tabular.Cell:
    """A count in a CSV/XLSX cell: a number, or why it is hidden (``count_text``)."""
    return count_text(None, protected=protected) if value is None else value


def _with_protected_note(rows: Iterable[Row], *, width: int) -> Iterator[Row]:
    """The rows, and after them the one note on "hidden" if any figure is hidden to protect."""
    hidden = count_text(None, protected=True)
    seen = False
    for row in rows:
        seen = seen or hidden in row[1:]
        yield row
    if seen:
        yield [hidden, protected_note(), *([None] * (width - 2))]


def _date(iso: str | None) -> str:
    if not iso:
        return ""
    return str(formats.date_format(dt.datetime.fromisoformat(iso), "j F Y"))


# --- what the PDF template reads: rows of ready-written text --------------------------------


@dataclass(frozen=True)
class LineOut:
    label: str
    count: str
    share: str = ""
    bar: float = 0.0  # 0–100, the width of the bar drawn in the row
    extra: str = ""
    hidden_to_protect: bool = False  # the page then explains "hidden" once


@dataclass(frozen=True)
class TableOut:
    caption: str
    columns: list[str]
    lines: list[LineOut]
    note: str = ""


@dataclass(frozen=True)
class QuestionOut:
    text: str
    answers: str
    table: TableOut | None
    summary: str = ""
    chart: SafeString | None = None  # the table's rows as bars (forum/core/charts.py)


def chart_of(lines: list[LineOut], *, title: str, budget: bool = False) -> SafeString:
    """The rows of an option table as the one bar chart: the figure and its share printed
    beside the bar, a hidden figure in the suppression rule's words and without a bar."""
    rows = []
    for line in lines:
        if not line.share:  # hidden (or a budget option nobody gave to): no bar
            rows.append(ChartRow(line.label, None, line.count, line.extra, line.hidden_to_protect))
            continue
        if budget:
            text = line.share
            note = " · ".join(n for n in (f"{_('Gave to it')}: {line.count}", line.extra) if n)
        else:
            text, note = f"{line.count} ({line.share})", line.extra
        rows.append(ChartRow(line.label, line.bar, text, note, line.hidden_to_protect))
    return bar_chart(rows, title=title)


def _answers(total: int | None) -> str:
    if total is None:
        return _("fewer than 5 answered")
    return ngettext("%(n)s answer", "%(n)s answers", total) % {"n": number(total)}


def question_out(q: ShownQuestionResult) -> QuestionOut:
    """One question of any kind, as the PDF shows it (and nothing twice)."""
    answers = _answers(q.total)
    if not q.total:
        return QuestionOut(text=q.text, answers=_("no answers yet"), table=None)
    if q.kind == QuestionKind.SCALE:
        summary = (
            _("Average %(mean)s") % {"mean": number(q.mean, decimals=1)}
            if q.mean is not None
            else ""
        )
        lines = [
            LineOut(
                label=str(d.value),
                count=count_words(d.count, protected=d.hidden_to_protect),
                hidden_to_protect=d.hidden_to_protect,
            )
            for d in q.distribution
            if d.count != 0
        ]
        table = None
        if lines and not q.suppressed:
            table = TableOut(caption="", columns=[_("Value"), _("Count")], lines=lines)
        return QuestionOut(text=q.text, answers=answers, table=table, summary=summary)
    if q.kind == QuestionKind.OPEN_TEXT or (q.words and not q.options):
        lines = [
            LineOut(label=w.word, count=count_words(w.count))
            for w in q.words[:WORDS_SHOWN]
            if w.count != 0
        ]
        table = TableOut(caption="", columns=[_("Word"), _("Count")], lines=lines)
        return QuestionOut(text=q.text, answers=answers, table=table if lines else None)
    if q.kind == QuestionKind.BUDGET:
        unit = q.unit or _("points")
        given = sum(o.amount or 0 for o in q.options)
        lines = [
            LineOut(
                label=o.label,
                count=count_words(o.count, protected=o.hidden_to_protect),
                hidden_to_protect=o.hidden_to_protect,
                share="" if o.amount is None else f"{number(o.amount)} {unit}",
                bar=(100 * (o.amount or 0) / given) if given else 0.0,
                extra=_("funded") if o.funded else "",
            )
            for o in q.options
        ]
        summary = (
            _("Budget %(budget)s %(unit)s") % {"budget": number(q.budget), "unit": unit}
            if q.budget
            else ""
        )
        return QuestionOut(
            text=q.text,
            answers=answers,
            summary=summary,
            table=TableOut(
                caption="",
                columns=[_("Option"), _("Gave to it"), _("Given"), ""],
                lines=lines,
            ),
            chart=chart_of(lines, title=q.text, budget=True),
        )
    lines = [
        LineOut(
            label=o.label,
            count=count_words(o.count, protected=o.hidden_to_protect),
            hidden_to_protect=o.hidden_to_protect,
            share=percent(o.percent),
            bar=o.percent or 0.0,
            extra=(_("%(n)s points") % {"n": number(o.score)})
            if q.kind == QuestionKind.RANKING and o.score is not None
            else "",
        )
        for o in q.options
    ]
    return QuestionOut(
        text=q.text,
        answers=answers,
        table=TableOut(caption="", columns=[_("Answer"), _("Count"), _("Share"), ""], lines=lines),
        chart=ranking_chart(q) if q.kind == QuestionKind.RANKING else chart_of(lines, title=q.text),
    )


def ranking_chart(q: ShownQuestionResult) -> SafeString:
    """A ranking as every renderer draws it (the live summary, the web): highest Borda score
    first, the bar relative to the top score, who ranked it first under the points."""
    ranked = sorted(q.options, key=lambda o: -(o.score or 0))
    top = max((o.score or 0 for o in ranked), default=0)
    rows = []
    for o in ranked:
        if o.score is None:
            rows.append(hidden_row(o.label))
            continue
        first = count_words(o.count, protected=o.hidden_to_protect)
        rows.append(
            ChartRow(
                o.label,
                share(o.score, top),
                _("%(score)d points") % {"score": o.score},
                _("ranked first: %(n)s") % {"n": first},
                o.hidden_to_protect,
            )
        )
    return bar_chart(rows, title=q.text)


def groups_out(table: GroupBreakdown) -> LineOut | None:
    """One line per question: the groups somebody belongs to, then who is unknown and why
    (no rows of zeros)."""
    names = {"age_band": _("Age"), "gender": _("Gender"), "neighbourhood": _("Neighbourhood")}
    rows = table.answered_rows + table.unknown_rows
    if not rows:
        return None
    return LineOut(
        label=names.get(table.dimension, table.dimension),
        count=" · ".join(f"{r.label} {r.written}" for r in rows),
        hidden_to_protect=any(r.hidden_to_protect for r in rows),
    )


@dataclass(frozen=True)
class WorkshopOut:
    """A workshop entered by hand, as the PDF writes it: in its own block, marked."""

    heading: str
    mark: str
    meta: str
    table: TableOut | None
    quotes: list[str]
    note: str = ""


def _held_on(iso: str) -> str:
    return str(formats.date_format(dt.date.fromisoformat(iso), "j F Y")) if iso else ""


def workshop_out(w: WorkshopResult) -> WorkshopOut:
    meta = " · ".join(
        part
        for part in (w.method_name, _held_on(w.held_on), w.place, _took_part(w.participants))
        if part
    )
    lines = [
        LineOut(label=o.text, count=o.written, hidden_to_protect=o.hidden_to_protect)
        for o in w.options
    ]
    table = None
    if lines and w.participants is not None:
        table = TableOut(
            caption=_("Counted by hand"),
            columns=[_("Option"), _("Count")],
            lines=lines,
            note=_("One choice each") if w.choice == "single" else _("Several choices each"),
        )
    return WorkshopOut(
        heading=w.title, mark=by_hand_mark(), meta=meta, table=table, quotes=w.quotes, note=w.note
    )


@dataclass(frozen=True)
class ItemOut:
    item: BriefItem
    who: str
    groups: list[LineOut]
    questions: list[tuple[str, str, list[QuestionOut]]]  # (heading, note, questions)
    unanswered: list[str]
    top: list[tuple[str, TableOut]]
    page_one_quotes: list[str]
    more_quotes: list[str]
    analysis: list[str]
    asked: list[str] = field(default_factory=list)
    workshops: list[WorkshopOut] = field(default_factory=list)

    @property
    def any_protected(self) -> bool:
        """Whether some figure of the item is "hidden" to protect a small group."""
        lines = [*self.groups]
        lines += [line for _h, table in self.top for line in table.lines]
        lines += [line for w in self.workshops if w.table for line in w.table.lines]
        for _h, _n, questions in self.questions:
            lines += [line for q in questions if q.table for line in q.table.lines]
        return any(line.hidden_to_protect for line in lines)


def _took_part(participants: int | None) -> str:
    if participants is None:
        return _("Fewer than 5 young people took part")
    if participants == 0:
        return _("No answers yet")
    return ngettext(
        "%(n)s young person took part", "%(n)s young people took part", participants
    ) % {"n": number(participants)}


def _who(participants: int | None, channels: Iterable[Any]) -> str:
    parts = [f"{c.label}: {count_words(c.participants)}" for c in channels]
    head = _took_part(participants)
    return f"{head} ({', '.join(parts)})." if parts and participants else f"{head}."


def item_out(item: BriefItem) -> ItemOut:
    sections: list[tuple[str, str, list[QuestionOut]]] = []
    asked: list[str] = []
    # Questions nobody answered yet are named once, together, not one by one.
    unanswered: list[str] = []

    def section(heading: str, note: str, questions: list[ShownQuestionResult]) -> None:
        answered = [q for q in questions if q.total != 0]
        unanswered.extend(f"“{q.text}”" for q in questions if q.total == 0)
        if answered:
            sections.append((heading, note, [question_out(q) for q in answered]))

    for poll in item.polls:
        heading = f"{poll.poll.title} · {_took_part(poll.participants).lower()}"
        section(heading, poll.note, poll.questions)
        asked += [f"“{q.text}”" for q in poll.questions]
    top: list[tuple[str, TableOut]] = []
    for a in item.activities:
        heading = (
            f"{a.session.title}: {a.activity.title} ({a.activity.kind_name}) · "
            f"{_took_part(a.participants).lower()}"
        )
        section(heading, a.note, a.questions)
        asked += [f"“{q.text}”" for q in a.questions] or [f"“{a.activity.title}”"]
        if not a.questions and not a.top:
            unanswered.append(f"“{a.activity.title}”")
        if a.top:
            top.append(
                (
                    heading,
                    TableOut(
                        caption=_("Most supported"),
                        columns=[_("Question or idea"), _("Votes")],
                        lines=[LineOut(label=t.text, count=count_words(t.count)) for t in a.top],
                    ),
                )
            )
    if item.idea_links or item.top_ideas:
        heading = ngettext("%(n)s idea", "%(n)s ideas", item.ideas) % {"n": number(item.ideas)}
        boards = [link.title for link in item.idea_links if link.kind == "board"]
        asked += [f"“{b}”" for b in boards]
        if item.top_ideas:
            supported = any(i.supports != 0 for i in item.top_ideas)
            top.append(
                (
                    heading,
                    TableOut(
                        caption=_("Top ideas with support"),
                        # No column of zeros when nobody supported any idea yet.
                        columns=[_("Idea"), _("Supporters")] if supported else [_("Idea")],
                        lines=[
                            LineOut(label=i.title, count=count_words(i.supports))
                            for i in item.top_ideas
                        ],
                    ),
                )
            )
    groups = [g for g in (groups_out(t) for t in item.demographics) if g is not None]
    quotes = [q.text for q in item.quotes]
    return ItemOut(
        item=item,
        who=_who(item.participants, item.channels),
        groups=groups if item.participants else [],
        questions=sections,
        unanswered=unanswered,
        top=top,
        page_one_quotes=quotes[:PAGE_ONE_QUOTES],
        more_quotes=quotes[PAGE_ONE_QUOTES:],
        analysis=[p for p in item.analysis.split("\n\n") if p.strip()],
        asked=[*asked, *(f"“{w.title}”" for w in item.workshops)],
        workshops=[workshop_out(w) for w in item.workshops],
    )


def brief_pdf(brief: Brief) -> bytes:
    from weasyprint import HTML

    items = [item_out(item) for item in brief.items]
    # One item: its head count is the brief's, said once.
    one_item = len(items) == 1
    context = {
        "brief": brief,
        "items": items,
        "date": _date(brief.meeting.starts_at),
        "published": _date(brief.published_at),
        "who": _who(brief.participants, brief.channels) if brief.schema >= 2 else "",
        "any_input": any(i.item.has_input for i in items),
        "one_item": one_item,
        # "hidden" is explained once, on the page where the figures begin.
        "protected_note": protected_note() if any(i.any_protected for i in items) else "",
        "hidden_word": count_text(None, protected=True),
        **document_language().context(),
    }
    html = render_to_string("council/brief_pdf.html", context)
    return bytes(HTML(string=html).write_pdf())


# --- CSV / XLSX: the same figures, numbers as numbers ---------------------------------------


def _question_rows(pos: int, ref: str, section: str, q: ShownQuestionResult) -> Iterator[Row]:
    if q.kind == QuestionKind.SCALE:
        yield [pos, ref, section, q.text, _("Average"), _count_text(q.total), None, None, q.mean]
        for d in q.distribution:
            count = _count_text(d.count, protected=d.hidden_to_protect)
            yield [pos, ref, section, q.text, str(d.value), count, None, None, None]
        return
    for o in q.options:
        yield [
            pos,
            ref,
            section,
            q.text,
            o.label,
            _count_text(o.count, protected=o.hidden_to_protect),
            o.percent,
            o.amount if q.kind == QuestionKind.BUDGET else o.score,
            None,
        ]
    for w in q.words:
        yield [pos, ref, section, q.text, w.word, _count_text(w.count), None, None, None]


def brief_rows(brief: Brief) -> Iterator[Row]:
    return _with_protected_note(_sourced_rows(brief), width=10)


def _sourced_rows(brief: Brief) -> Iterator[Row]:
    """Every row with its source last: counted by the app ("digital") or typed in from a
    workshop ("by hand"), which come after all digital rows and are never summed with them."""
    rows = _brief_rows(brief)
    yield [*next(rows), _("Source")]
    digital = _("digital")
    for row in rows:
        yield [*row, digital if row[0] != "" else ""]
    by_hand = _("by hand")
    for item in brief.items:
        for w in item.workshops:
            yield from (
                [*row, by_hand] for row in _workshop_rows(item.position, item.planning_item, w)
            )


def _workshop_rows(pos: int, item: Any, w: WorkshopResult) -> Iterator[Row]:
    ref = item.reference
    section = f"{by_hand_mark()}: {w.title}"
    where = ", ".join(p for p in (w.method_name, w.held_on, w.place) if p)
    yield [pos, ref, section, _("Method, date and place"), where, None, None, None, None]
    yield [pos, ref, section, _("Participants"), "", _count_text(w.participants), None, None, None]
    if w.participants is not None:
        for o in w.options:
            count = _count_text(o.count, protected=o.hidden_to_protect)
            yield [pos, ref, section, w.title, o.text, count, None, None, None]
        for quote in w.quotes:
            yield [pos, ref, section, _("Quotes"), quote, None, None, None, None]


def _brief_rows(brief: Brief) -> Iterator[Row]:
    yield [
        _("Agenda item"),
        _("Registry number"),
        _("Section"),
        _("Question or group"),
        _("Answer or category"),
        _("Count"),
        _("Percent"),
        _("Points or amount"),
        _("Average"),
    ]
    if brief.version is not None:
        yield [
            "",
            "",
            _("Version"),
            str(brief.version),
            _("published %(date)s") % {"date": (brief.published_at or "")[:10]},
            None,
            None,
            None,
            None,
        ]
    else:
        yield ["", "", _("Draft, not published"), "", "", None, None, None, None]
    for item in brief.items:
        ref, pos = item.planning_item.reference, item.position
        yield [
            pos,
            ref,
            _("Participants"),
            "",
            "",
            _count_text(item.participants),
            None,
            None,
            None,
        ]
        if item.planning_item.department:
            # The full path, as the brief froze it (a formula-looking name is made text).
            yield [
                pos,
                ref,
                _("Responsible department"),
                item.planning_item.department,
                "",
                None,
                None,
                None,
                None,
            ]
        for channel in item.channels:
            yield [
                pos,
                ref,
                _("Participants"),
                channel.label,
                "",
                _count_text(channel.participants),
                None,
                None,
                None,
            ]
        for table in item.demographics:
            for row in table.rows:
                yield [
                    pos,
                    ref,
                    _("Demographics"),
                    table.dimension,
                    row.label,
                    _count_text(row.count, protected=row.hidden_to_protect),
                    None,
                    None,
                    None,
                ]
        for poll in item.polls:
            for q in poll.questions:
                yield from _question_rows(pos, ref, poll.poll.title, q)
        for activity in item.activities:
            section = f"{activity.session.title}: {activity.activity.title}"
            yield [
                pos,
                ref,
                section,
                _("Participants"),
                "",
                _count_text(activity.participants),
                None,
                None,
                None,
            ]
            for q in activity.questions:
                yield from _question_rows(pos, ref, section, q)
            for top in activity.top:
                yield [
                    pos,
                    ref,
                    section,
                    top.text,
                    _("Votes"),
                    _count_text(top.count),
                    None,
                    None,
                    None,
                ]
        for idea in item.top_ideas:
            yield [
                pos,
                ref,
                _("Top ideas with support"),
                idea.title,
                _("Supporters"),
                _count_text(idea.supports),
                None,
                None,
                None,
            ]
        for quote in item.quotes:
            yield [pos, ref, _("Quotes"), quote.text, "", None, None, None, None]


def followup_rows(report: Followup) -> Iterator[Row]:
    return _with_protected_note(_followup_rows(report), width=6)


def _figure_cell(key: str, value: int | float | None) -> tabular.Cell:
    """A follow-up figure in a cell: head counts say why they are hidden."""
    return _count_text(value) if key in COUNTED_PEOPLE else value


def _followup_rows(report: Followup) -> Iterator[Row]:
    yield [
        _("Section"),
        _("Group or area"),
        _("Figure"),
        _("Value"),
        _("Reference"),
        _("Representation"),
    ]
    for key, label, value in report.totals.labelled():
        yield [
            _("Totals"),
            "",
            label,
            _figure_cell(key, value),
            "",
            "",
        ]
    for table in report.demographics:
        for row in table.rows:
            yield [
                table.dimension,
                row.label,
                _("participants"),
                _count_text(row.count, protected=row.hidden_to_protect),
                row.reference,
                row.representation or "",
            ]
    for area in report.areas:
        for key, label, value in area.labelled():
            yield [
                _("Development area"),
                area.name,
                label,
                _figure_cell(key, value),
                "",
                "",
            ]

    yield from measurement_rows(report.measurement, report.preferences)


def measurement_rows(
    measurement: Measurement, preferences: Sequence[PreferenceTable]
) -> Iterator[Row]:
    """Measurement points as six-column rows: section, group, figure, value, answers, note."""
    for area in measurement.areas:
        for m in area.measures:
            for place_label, cells in [
                (_("All"), m.years),
                *((p.label, p.years) for p in m.neighbourhoods),
            ]:
                for cell in cells:
                    yield [
                        _("Measurement points"),
                        f"{area.name}: {m.label}",
                        f"{place_label} {cell.year}",
                        cell.share if cell.share is not None else cell.written_share,
                        _count_text(cell.answers, protected=cell.hidden_to_protect),
                        "",
                    ]
            yield [_("Measurement points"), f"{area.name}: {m.label}", _("Trend"), m.trend, "", ""]
    for table in preferences:
        for row in table.rows:
            yield [
                _("How young people want to take part"),
                table.label,
                row.label,
                _count_text(row.count, protected=row.hidden_to_protect),
                _count_text(table.respondents),
                "",
            ]


def to_csv(rows: Iterable[Row]) -> bytes:
    # Swedish Excel opens ;-separated files.
    return tabular.to_csv(tabular.table_of(rows), delimiter=";")


def to_xlsx(rows: Iterable[Row], *, title: str) -> bytes:
    return tabular.to_xlsx(tabular.table_of(rows, title=title))


def followup_pdf(report: Followup) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "council/followup_pdf.html",
        {
            "report": report,
            "totals": report.totals.written(),
            "areas": [(a.name, a.written()) for a in report.areas],
            "groups": [(g, [r for r in g.rows if r.count != 0]) for g in report.demographics],
            "start": _date(report.start),
            "end": _date(report.end),
            "any_protected": any(r.hidden_to_protect for g in report.demographics for r in g.rows),
            "protected_note": protected_note(),
            "hidden_word": count_text(None, protected=True),
            **document_language().context(),
        },
    )
    return bytes(HTML(string=html).write_pdf())
