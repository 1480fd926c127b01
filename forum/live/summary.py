"""A live session's results, activity by activity: the one source of the PDF summary and
of the CSV/XLSX export rows (docs/decisions/0014-live-session-summary.md).

Everything here is what may leave the room: counts, published or approved texts and the
choices of groups of 5 or more. No participant ids, tokens, demographics or held and hidden
texts. Poll distributions follow the same small-cell rule as every report
(forum/core/suppression.py): a count of 1–4 is ``None`` ("fewer than 5").
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.db.models import Count
from django.utils import timezone

from forum.core.suppression import shown_count
from forum.ideas.models import Idea, Support
from forum.live.models import ActivityKind, LiveActivity, LiveSession, QaQuestion, QaStatus
from forum.live.selectors import ExportRow
from forum.moderation.models import ModerationState
from forum.polls.answers import scale_bounds
from forum.polls.models import QuestionKind, Response, TextStatus
from forum.polls.selectors import (
    PollResults,
    QuestionResult,
    poll_results,
    poll_with_questions,
    shown_question_result,
)


class Measure:
    """What a chart's bar length stands for (the renderer reads it; the numbers are printed)."""

    PERCENT = "percent"  # share of the activity's answers, 0–100
    COUNT = "count"  # upvotes, supporters, word uses: relative to the largest
    SCORE = "score"  # ranking: Borda points, relative to the largest
    AMOUNT = "amount"  # budget: points or kronor given, relative to the largest


@dataclass(frozen=True)
class SummaryBar:
    """One row of an activity's chart.

    ``count``: people who chose it (ranking: ranked it first; budget: gave it something),
    upvotes, supporters or answers using a word. ``None`` means hidden: fewer than 5, or
    (``hidden_to_protect``) 5 or more hidden so a small group cannot be worked out.
    """

    label: str
    count: int | None
    percent: float | None = None
    score: int | None = None  # ranking: Borda points
    amount: int | None = None  # budget: points or kronor given
    cost: int | None = None  # budget
    marks: tuple[str, ...] = ()  # "answered", "pinned" (Q&A); "funded" (budget)
    hidden_to_protect: bool = False


@dataclass(frozen=True)
class ActivitySummary:
    """One activity of the session as it ended (or stands now).

    ``answers`` counts contributions of any moderation state (answers, questions, ideas);
    ``not_shown`` of those are texts held or hidden by moderation, counted but never shown.
    ``suppressed``: fewer than 5 answers, so no per-option figures at all. Every count is
    ``None`` when it is 1–4 (forum.core.suppression).
    """

    step: int
    kind: str
    title: str
    answers: int | None = 0  # None: fewer than 5, like every count here
    participants: int | None = 0
    not_shown: int = 0  # texts moderation kept back: a fact about moderation, not a result
    question_kind: str = ""
    measure: str = Measure.PERCENT
    bars: list[SummaryBar] = field(default_factory=list)
    suppressed: bool = False
    mean: float | None = None  # scale
    unit: str = ""  # budget: "points" or "kr"
    budget: int | None = None
    funded_total: int | None = None
    texts: list[str] = field(default_factory=list)  # approved open-text answers, oldest first


@dataclass(frozen=True)
class LiveSessionSummary:
    title: str
    forum: str
    join_code: str
    state: str
    started_at: datetime
    ended_at: datetime | None  # None while the session still runs
    # Phones that answered, asked, upvoted, posted or supported anything (None: fewer than 5).
    participants: int | None
    activities: list[ActivitySummary]

    @property
    def duration(self) -> timedelta:
        return (self.ended_at or timezone.now()) - self.started_at


@dataclass
class _Build:
    """What the per-kind builders share: the session window, the poll results read so far
    (one query per poll, not per question) and every participant seen."""

    session: LiveSession
    until: datetime
    results: dict[int, PollResults] = field(default_factory=dict)
    participants: set[int] = field(default_factory=set)

    def question_result(self, activity: LiveActivity) -> QuestionResult:
        assert activity.question is not None
        poll_id = activity.question.poll_id
        if poll_id not in self.results:
            poll = poll_with_questions(poll_id=poll_id)
            assert poll is not None
            self.results[poll_id] = poll_results(poll=poll)
        return next(
            q for q in self.results[poll_id].questions if q.question_id == activity.question_id
        )


def _question_summary(build: _Build, activity: LiveActivity, step: int) -> ActivitySummary:
    """Poll question, word cloud and open wall: the polls app's result for the question,
    through the one suppression rule (forum.polls.selectors.shown_question_result)."""
    assert activity.question is not None
    result = build.question_result(activity)
    shown = shown_question_result(result)
    responses = Response.objects.filter(question=activity.question)
    build.participants.update(responses.values_list("participant_id", flat=True))
    base = ActivitySummary(
        step=step,
        kind=activity.kind,
        title=activity.question.text,
        answers=shown.total,
        participants=shown.total,  # one answer per participant and question (a constraint)
        question_kind=result.kind,
        suppressed=shown.total is None,
    )
    kind = result.kind
    if kind == QuestionKind.OPEN_TEXT:
        texts = [
            str((answer or {}).get("text", ""))
            for answer in responses.filter(text_status=TextStatus.PUBLISHED)
            .order_by("created_at", "id")
            .values_list("answer", flat=True)
        ]
        not_shown = responses.filter(text_status__in=[TextStatus.HELD, TextStatus.HIDDEN]).count()
        return replace(
            base,
            measure=Measure.COUNT,
            bars=[SummaryBar(label=w.word, count=w.count) for w in shown.words],
            texts=[t for t in texts if t.strip()],
            not_shown=not_shown,
        )
    if kind == QuestionKind.SCALE:
        return replace(
            base,
            bars=[
                SummaryBar(
                    label=_scale_label(activity, d.value),
                    count=d.count,
                    percent=_pct(d.count, result.total) if d.count is not None else None,
                    hidden_to_protect=d.hidden_to_protect,
                )
                for d in shown.distribution
            ],
            mean=shown.mean,
        )
    bars = [
        SummaryBar(
            label=option.label,
            count=option.count,
            percent=option.percent,
            score=option.score,
            amount=option.amount,
            cost=option.cost,
            marks=("funded",) if option.funded else (),
            hidden_to_protect=option.hidden_to_protect,
        )
        for option in shown.options
    ]
    if kind == QuestionKind.RANKING:
        bars.sort(key=lambda b: -(b.score or 0))
        return replace(base, measure=Measure.SCORE, bars=bars)
    if kind == QuestionKind.BUDGET:
        return replace(
            base,
            measure=Measure.AMOUNT,
            bars=bars,
            unit=result.unit,
            budget=result.budget,
            funded_total=shown.funded_total,
        )
    return replace(base, bars=bars)


def _scale_label(activity: LiveActivity, value: int) -> str:
    """The value, with the scale's end label ("1 (Otrygg)") where the question names one."""
    assert activity.question is not None
    config = activity.question.config or {}
    low, high = scale_bounds(activity.question)
    name = (
        config.get("label_min")
        if value == low
        else config.get("label_max")
        if value == high
        else ""
    )
    return f"{value} ({name})" if name else str(value)


def _qa_summary(build: _Build, activity: LiveActivity, step: int) -> ActivitySummary:
    """Published questions by upvotes; held and hidden ones only as a count."""
    questions = QaQuestion.objects.filter(activity=activity)
    askers = set(questions.values_list("participant_id", flat=True))
    voters = set(questions.values_list("upvotes__participant_id", flat=True)) - {None}
    build.participants.update(askers | voters)
    published = list(
        questions.filter(status=QaStatus.PUBLISHED)
        .annotate(n=Count("upvotes"))
        .order_by("-n", "created_at", "id")
    )
    total = questions.count()
    return ActivitySummary(
        step=step,
        kind=activity.kind,
        title=activity.title,
        answers=shown_count(total),
        participants=shown_count(len(askers | voters)),
        not_shown=total - len(published),
        measure=Measure.COUNT,
        bars=[
            SummaryBar(
                label=q.text,
                count=shown_count(q.n),
                marks=tuple(m for m, on in (("answered", q.answered), ("pinned", q.pinned)) if on),
            )
            for q in published
        ],
    )


def _ideas_summary(build: _Build, activity: LiveActivity, step: int) -> ActivitySummary:
    """Ideas this activity collected (live.ActivityIdea), published ones by support.

    The board lives on before and after the session; only what was posted through the
    activity is its outcome. Supporters are those of these ideas.
    """
    assert activity.board is not None
    ideas = Idea.objects.filter(live_activity_link__activity=activity)
    authors = set(ideas.values_list("participant_id", flat=True))
    supporters = set(
        Support.objects.filter(idea__in=ideas).values_list("participant_id", flat=True)
    )
    build.participants.update(authors | supporters)
    published = list(
        ideas.filter(moderation_state=ModerationState.PUBLISHED)
        .annotate(n=Count("supports", distinct=True))
        .order_by("-n", "created_at", "id")
    )
    total = ideas.count()
    return ActivitySummary(
        step=step,
        kind=activity.kind,
        title=activity.title or activity.board.question,
        answers=shown_count(total),
        participants=shown_count(len(authors | supporters)),
        not_shown=total - len(published),
        measure=Measure.COUNT,
        bars=[SummaryBar(label=i.title, count=shown_count(i.n)) for i in published],
    )


def _info_summary(build: _Build, activity: LiveActivity, step: int) -> ActivitySummary:
    return ActivitySummary(step=step, kind=activity.kind, title=activity.title)


# One builder per activity kind: a new kind adds its function here.
SUMMARY_BUILDERS: dict[str, Callable[[_Build, LiveActivity, int], ActivitySummary]] = {
    ActivityKind.POLL_QUESTION: _question_summary,
    ActivityKind.WORD_CLOUD: _question_summary,
    ActivityKind.OPEN_WALL: _question_summary,
    ActivityKind.QA: _qa_summary,
    ActivityKind.IDEA_COLLECTION: _ideas_summary,
    ActivityKind.INFO_SLIDE: _info_summary,
    # A countdown collects nothing: like a slide, a title in the record.
    ActivityKind.COUNTDOWN: _info_summary,
}


def live_session_summary(*, session: LiveSession) -> LiveSessionSummary:
    """Every activity of the session in order, with its figures (for youth workers and
    officials; the caller checks the role)."""
    build = _Build(session=session, until=session.ended_at or timezone.now())
    activities = session.activities.select_related("question", "board").defer("image")
    summaries = [
        SUMMARY_BUILDERS[activity.kind](build, activity, step)
        for step, activity in enumerate(activities, start=1)
        if activity.kind in SUMMARY_BUILDERS
    ]
    return LiveSessionSummary(
        title=session.title,
        forum=session.forum.name,
        join_code=session.join_code,
        state=session.state,
        started_at=session.started_at,
        ended_at=session.ended_at,
        participants=shown_count(len(build.participants)),
        activities=summaries,
    )


def _pct(n: int, total: int) -> float:
    return round(100 * n / total, 1) if total else 0.0


# --- the same figures as spreadsheet rows (CSV/XLSX) -------------------------------------------

FEWER_THAN_5 = "fewer than 5"


def _rows_for_options(a: ActivitySummary) -> list[ExportRow]:
    rows = []
    for bar in a.bars:
        notes = []
        if bar.score is not None:
            notes.append(f"score {bar.score}")
        if bar.amount is not None:
            notes.append(f"amount {bar.amount} {a.unit}")
        if bar.cost is not None and a.question_kind == QuestionKind.BUDGET:
            notes.append(f"cost {bar.cost} {a.unit}")
        notes.extend(bar.marks)
        if a.suppressed:
            notes = [FEWER_THAN_5]
        rows.append(
            _row(
                a,
                item=bar.label,
                count=bar.count,
                percent=bar.percent,
                note=notes,
                hidden_to_protect=bar.hidden_to_protect,
            )
        )
    if a.question_kind == QuestionKind.SCALE:
        mean = "" if a.mean is None else f"{a.mean:g}"
        rows.append(_row(a, item="mean", count=a.answers, note=[mean]))
    return rows


def _rows_for_text(a: ActivitySummary) -> list[ExportRow]:
    words = [_row(a, item=bar.label, count=bar.count, note=["word"]) for bar in a.bars]
    texts = [_row(a, item=text, count=None, counted=False, note=["text"]) for text in a.texts]
    return words + texts


def _rows_for_posts(a: ActivitySummary) -> list[ExportRow]:
    """Q&A questions (upvotes) and ideas (supporters): published ones only."""
    return [_row(a, item=bar.label, count=bar.count, note=list(bar.marks)) for bar in a.bars]


def _rows_for_info(a: ActivitySummary) -> list[ExportRow]:
    return [_row(a, item="", count=None, counted=False)]


def _row(
    a: ActivitySummary,
    *,
    item: str,
    count: int | None,
    percent: float | None = None,
    note: list[str] | None = None,
    counted: bool = True,
    hidden_to_protect: bool = False,
) -> ExportRow:
    return ExportRow(
        step=a.step,
        kind=a.kind,
        activity=a.title,
        item=item,
        count=count,
        percent=percent,
        note=", ".join(n for n in note or [] if n),
        counted=counted,
        hidden_to_protect=hidden_to_protect,
    )


def summary_export_rows(summary: LiveSessionSummary) -> list[ExportRow]:
    rows: list[ExportRow] = []
    for a in summary.activities:
        if a.question_kind == QuestionKind.OPEN_TEXT:
            rows.extend(_rows_for_text(a))
        elif a.question_kind:
            rows.extend(_rows_for_options(a))
        elif a.kind in (ActivityKind.QA, ActivityKind.IDEA_COLLECTION):
            rows.extend(_rows_for_posts(a))
        else:
            rows.extend(_rows_for_info(a))
    return rows


def live_session_export(*, session: LiveSession) -> list[ExportRow]:
    """Every activity's results as rows, built from the session summary so the CSV, the
    XLSX and the PDF always carry the same figures (forum/live/summary.py)."""
    return summary_export_rows(live_session_summary(session=session))
