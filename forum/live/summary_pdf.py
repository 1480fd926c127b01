"""The live session summary as an A4 PDF: HTML template → WeasyPrint, like the council's
brief (forum/council/exports.py). Charts are inline SVG from the one renderer
(forum/core/charts.py), with every number also printed as text beside its bar: readable in
black and white and when the PDF is read back as text (a screen reader, a search, a copy
into the council paper).

Rendered in the active language (the request's; Swedish by default).
"""

from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forum.core.charts import ChartRow, hidden_row, share, svg_bar_chart
from forum.core.languages import is_rtl, supported_language
from forum.core.suppression import count_text, protected_note
from forum.live.models import ActivityKind, LiveSessionState
from forum.live.summary import ActivitySummary, LiveSessionSummary, Measure, SummaryBar
from forum.polls.models import QuestionKind

# How much of each list a printed page shows; the CSV/XLSX carry everything.
MAX_BARS = 20
MAX_POSTS = 30  # Q&A questions, ideas
MAX_TEXTS = 40

# --- numbers and words ------------------------------------------------------------------------


def _number(value: float) -> str:
    return str(formats.number_format(value, decimal_pos=None if value % 1 else 0))


def _percent(value: float) -> str:
    return f"{_number(value)} %"


def _fewer(bar: SummaryBar | None = None) -> str:
    """A hidden figure: "fewer than 5", or "hidden" when it protects a small group."""
    return count_text(None, protected=bar is not None and bar.hidden_to_protect)


def _amount(amount: int, unit: str) -> str:
    return _("%(n)s kr") % {"n": amount} if unit == "kr" else _("%(n)s points") % {"n": amount}


def duration_text(duration: timedelta) -> str:
    minutes = max(0, round(duration.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}


MARKS = {
    "answered": lambda: "✓ " + _("answered"),
    "pinned": lambda: _("pinned"),
    "funded": lambda: "✓ " + _("funded"),
}


def _note(bar: SummaryBar) -> str:
    return " · ".join(str(MARKS[m]()) for m in bar.marks if m in MARKS)


def _largest(bars: list[SummaryBar], value: str) -> int:
    return max((getattr(b, value) or 0 for b in bars), default=0)


def bars_shown(a: ActivitySummary) -> int:
    return MAX_POSTS if a.kind in (ActivityKind.QA, ActivityKind.IDEA_COLLECTION) else MAX_BARS


def chart_rows(a: ActivitySummary) -> list[ChartRow]:
    """The activity's bars with their printed figures, at most bars_shown(a)."""
    bars = a.bars[: bars_shown(a)]
    rows = []
    if a.measure == Measure.PERCENT:
        for bar in bars:
            if bar.count is None:
                rows.append(hidden_row(bar.label, protected=bar.hidden_to_protect, note=_note(bar)))
                continue
            text = f"{bar.count} ({_percent(bar.percent or 0)})"
            rows.append(ChartRow(bar.label, bar.percent, text, _note(bar)))
    elif a.measure == Measure.SCORE:
        top = _largest(bars, "score")
        for bar in bars:
            if bar.score is None:
                rows.append(hidden_row(bar.label))
                continue
            first = _fewer(bar) if bar.count is None else str(bar.count)
            text = _("%(score)d points") % {"score": bar.score}
            note = _("ranked first: %(n)s") % {"n": first}
            rows.append(ChartRow(bar.label, share(bar.score, top), text, note))
    elif a.measure == Measure.AMOUNT:
        top = _largest(bars, "amount")
        for bar in bars:
            if bar.amount is None or bar.count is None:
                rows.append(hidden_row(bar.label, protected=bar.hidden_to_protect, note=_note(bar)))
                continue
            people = ngettext("%(n)d person", "%(n)d people", bar.count) % {"n": bar.count}
            text = f"{_amount(bar.amount, a.unit)} · {people}"
            rows.append(ChartRow(bar.label, share(bar.amount, top), text, _note(bar)))
    else:
        top = _largest(bars, "count")
        for bar in bars:
            if bar.count is None:
                rows.append(hidden_row(bar.label, protected=bar.hidden_to_protect, note=_note(bar)))
                continue
            count = bar.count
            if a.kind == ActivityKind.QA:
                text = ngettext("%(n)d upvote", "%(n)d upvotes", count) % {"n": count}
            elif a.kind == ActivityKind.IDEA_COLLECTION:
                text = ngettext("%(n)d supporter", "%(n)d supporters", count) % {"n": count}
            else:
                text = ngettext("%(n)d answer", "%(n)d answers", count) % {"n": count}
            rows.append(ChartRow(bar.label, share(count, top), text, _note(bar)))
    return rows


def answers_text(a: ActivitySummary) -> str:
    """'12 answers · 12 took part' in the activity's own words."""
    n, took_part = a.answers, a.participants
    if n is None:  # fewer than 5: the same rule as every count
        what = _("fewer than 5 contributions")
    elif a.kind == ActivityKind.QA:
        what = ngettext("%(n)d question", "%(n)d questions", n) % {"n": n}
    elif a.kind == ActivityKind.IDEA_COLLECTION:
        what = ngettext("%(n)d idea", "%(n)d ideas", n) % {"n": n}
    else:
        what = ngettext("%(n)d answer", "%(n)d answers", n) % {"n": n}
    if took_part is None:
        who = _("fewer than 5 took part")
    else:
        who = ngettext("%(n)d took part", "%(n)d took part", took_part) % {"n": took_part}
    return f"{what} · {who}"


def activity_context(a: ActivitySummary) -> dict[str, object]:
    if a.question_kind and a.kind == ActivityKind.POLL_QUESTION:
        # "Scale", "Ranking"…: the poll question's own kind says more than "Poll question".
        kind_label = capfirst(str(QuestionKind(a.question_kind).label))
    else:
        kind_label = str(ActivityKind(a.kind).label) if a.kind in ActivityKind.values else a.kind
    info = a.kind in (ActivityKind.INFO_SLIDE, ActivityKind.COUNTDOWN)
    title = a.title or kind_label
    rows = [] if info or a.kind == ActivityKind.OPEN_WALL else chart_rows(a)
    # Word clouds show their words; walls their cards; an open poll question both.
    show_texts = a.kind == ActivityKind.OPEN_WALL or (
        a.kind == ActivityKind.POLL_QUESTION and a.question_kind == QuestionKind.OPEN_TEXT
    )
    extra = []
    if a.mean is not None:
        extra.append(_("Mean: %(mean)s") % {"mean": _number(a.mean)})
    if a.question_kind == QuestionKind.BUDGET and a.budget is not None:
        extra.append(
            _("Budget %(budget)s; the funded options cost %(funded)s together.")
            % {
                "budget": _amount(a.budget, a.unit),
                "funded": _amount(a.funded_total or 0, a.unit),
            }
        )
    if any(b.count is None and b.hidden_to_protect for b in a.bars[: bars_shown(a)]):
        extra.append(f"“{count_text(None, protected=True)}”: {protected_note()}")
    if a.question_kind == QuestionKind.RANKING:
        extra.append(_("Points: an option gets more points the higher it is ranked (Borda count)."))
    return {
        "step": a.step,
        "title": title,
        "kind_label": kind_label,
        "info": info,
        "answers": "" if info else answers_text(a),
        "raw_answers": count_text(a.answers),
        "raw_participants": count_text(a.participants),
        "not_shown": a.not_shown,
        "suppressed": a.suppressed,
        "chart": svg_bar_chart(rows, title=title) if rows else None,
        "more_bars": max(0, len(a.bars) - bars_shown(a)) if rows else 0,
        "texts": a.texts[:MAX_TEXTS] if show_texts else [],
        "more_texts": max(0, len(a.texts) - MAX_TEXTS) if show_texts else 0,
        "extra": extra,
        "empty": not info and not rows and not (show_texts and a.texts),
    }


def _when(summary: LiveSessionSummary) -> str:
    start = timezone.localtime(summary.started_at)
    text = f"{formats.date_format(start, 'DATE_FORMAT')}, {formats.time_format(start, 'H:i')}"
    if summary.ended_at is not None:
        return f"{text}–{formats.time_format(timezone.localtime(summary.ended_at), 'H:i')}"
    return f"{text}–"  # the duration line says it is still running


def live_summary_pdf(summary: LiveSessionSummary) -> bytes:
    """The summary as A4 PDF bytes, in the active language."""
    from weasyprint import HTML

    lang = supported_language(translation.get_language())
    context = {
        "summary": summary,
        "participants": count_text(summary.participants),
        "lang": lang,
        "direction": "rtl" if is_rtl(lang) else "ltr",
        "when": _when(summary),
        "duration": duration_text(summary.duration),
        "running": summary.state != LiveSessionState.ENDED,
        "activities": [activity_context(a) for a in summary.activities],
    }
    html = render_to_string("live/summary_pdf.html", context)
    return bytes(HTML(string=html).write_pdf())
