import contextlib
import hashlib
import hmac
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.utils.translation import gettext as _

from forum.core.errors import GroupTooSmall, InvalidInput, NotFound
from forum.core.roles import user_roles
from forum.core.suppression import (
    MIN_GROUP_SIZE,
    SuppressedCounts,
    count_text,
    is_protecting,
    shown_count,
    suppress_choices,
    suppress_table,
)
from forum.core.translations import TranslationForm, translatable, translation_form
from forum.participation.models import (
    AgeBand,
    Gender,
    Neighbourhood,
    Participant,
    ParticipantProfile,
)
from forum.polls.answers import budget_mode, budget_of, scale_bounds
from forum.polls.models import (
    ONE_OPTION_KINDS,
    BudgetMode,
    Option,
    Poll,
    PollStatus,
    Question,
    QuestionKind,
    Response,
    ResultsVisibility,
    TextStatus,
)
from forum.polls.wordcloud import word_counts


@dataclass(frozen=True)
class OptionResult:
    """``count``: people who chose it (ranking: ranked it first; budget: gave it something)."""

    option_id: int
    label: str
    count: int
    percent: float
    score: int | None = None  # ranking: Borda points
    amount: int | None = None  # budget: points/kronor given (approval: cost x approvals)
    cost: int | None = None
    funded: bool | None = None


@dataclass(frozen=True)
class ScaleCount:
    value: int
    count: int


@dataclass(frozen=True)
class WordCount:
    word: str
    count: int


@dataclass(frozen=True)
class QuestionResult:
    question_id: int
    text: str
    total: int
    options: list[OptionResult]
    kind: str = QuestionKind.SINGLE_CHOICE
    mean: float | None = None
    distribution: list[ScaleCount] = field(default_factory=list)
    words: list[WordCount] = field(default_factory=list)
    budget: int | None = None
    unit: str = ""
    budget_mode: str = ""
    funded_total: int | None = None
    held: int = 0


@dataclass(frozen=True)
class PollResults:
    poll_id: int
    participants: int
    questions: list[QuestionResult]


# --- results as they may leave the room (docs/decisions/0028-one-suppression-rule.md) ------


@dataclass(frozen=True)
class ShownOption:
    """An option's result with the suppression rule applied: ``None`` is hidden.

    ``hidden_to_protect``: hidden though it is 5 or more, so a small group cannot be worked
    out ("hidden"); otherwise a hidden count is "fewer than 5" (``count_text``).
    """

    option_id: int
    label: str
    count: int | None
    percent: float | None
    score: int | None = None
    amount: int | None = None
    cost: int | None = None
    funded: bool | None = None
    hidden_to_protect: bool = False


@dataclass(frozen=True)
class ShownScaleCount:
    value: int
    count: int | None
    hidden_to_protect: bool = False


@dataclass(frozen=True)
class ShownWord:
    # A word's count is hidden only when it is 1–4 (or the whole question is small).
    word: str
    count: int | None
    hidden_to_protect: bool = False


@dataclass(frozen=True)
class ShownQuestionResult:
    """A question's result for anything outside the live room: pages, API, files, brief.

    ``suppressed``: some figure is hidden (rendered "fewer than 5").
    """

    question_id: int
    text: str
    total: int | None
    options: list[ShownOption]
    kind: str = QuestionKind.SINGLE_CHOICE
    mean: float | None = None
    distribution: list[ShownScaleCount] = field(default_factory=list)
    words: list[ShownWord] = field(default_factory=list)
    budget: int | None = None
    unit: str = ""
    budget_mode: str = ""
    funded_total: int | None = None
    held: int | None = 0
    suppressed: bool = False


@dataclass(frozen=True)
class ShownPollResults:
    poll_id: int
    participants: int | None
    questions: list[ShownQuestionResult]


def shown_question_result(result: QuestionResult) -> ShownQuestionResult:
    """The one suppression rule applied to a question of any kind.

    Options of single choice, yes/no and ranking (first place) and the values of a scale
    partition the respondents: they are protected as one line with the total. A scale
    whose distribution has a hidden value hides every value, and its mean too: a mean and
    a total pin small groups down (five answers averaging 4.8 are four 5s and one 4).
    Percentages and amounts go with their count; scores and "funded" with the total.
    """
    total = shown_count(result.total)
    known = total is not None
    base: dict[str, Any] = {
        "question_id": result.question_id,
        "text": result.text,
        "total": total,
        "kind": result.kind,
        "budget": result.budget,
        "unit": result.unit,
        "budget_mode": result.budget_mode,
        "funded_total": result.funded_total if known else None,
        "held": shown_count(result.held),
        "words": [ShownWord(w.word, shown_count(w.count) if known else None) for w in result.words],
    }
    if result.kind == QuestionKind.SCALE:
        cells = suppress_choices(
            {d.value: d.count for d in result.distribution},
            respondents=result.total,
            partition=True,
        )
        hide_all = cells.any_suppressed
        return ShownQuestionResult(
            **base,
            options=[],
            mean=result.mean if known and result.total and not hide_all else None,
            distribution=[
                ShownScaleCount(
                    d.value,
                    None if hide_all else cells.cells[d.value],
                    # Hidden with the rest of a scale though 5 or more: not "fewer than 5".
                    hidden_to_protect=hide_all and is_protecting(d.count),
                )
                for d in result.distribution
            ],
            suppressed=hide_all,
        )
    shown = suppress_choices(
        {o.option_id: o.count for o in result.options},
        respondents=result.total,
        partition=result.kind in PARTITION_KINDS,
    )
    options = []
    for o in result.options:
        count = shown.cells[o.option_id]
        options.append(
            ShownOption(
                option_id=o.option_id,
                label=o.label,
                count=count,
                percent=o.percent if count is not None else None,
                score=o.score if known else None,
                # An amount given by 1–4 people shows what they gave: hidden with the count.
                amount=o.amount if count is not None else None,
                cost=o.cost,
                funded=o.funded if known else None,
                hidden_to_protect=shown.hidden_to_protect(o.option_id),
            )
        )
    return ShownQuestionResult(
        **base, options=options, suppressed=not known or shown.any_suppressed
    )


def shown_poll_results(results: PollResults) -> ShownPollResults:
    return ShownPollResults(
        poll_id=results.poll_id,
        participants=shown_count(results.participants),
        questions=[shown_question_result(q) for q in results.questions],
    )


def poll_with_questions(*, poll_id: int) -> Poll | None:
    # The picture's bytes are read only by poll_image (the image endpoint).
    return (
        Poll.objects.select_related("forum")
        .defer("image")
        .prefetch_related("questions__options")
        .filter(pk=poll_id)
        .first()
    )


def poll_image(*, poll_id: int, viewer: Any) -> Poll:
    """A poll's picture for anyone who may see the poll: staff always, others once it is
    past draft."""
    poll = Poll.objects.filter(pk=poll_id).exclude(image_type="").first()
    if poll is None or (poll.status == PollStatus.DRAFT and not user_roles(viewer)):
        raise NotFound()
    return poll


def question_for_answer(*, question_id: int) -> Question | None:
    return (
        Question.objects.select_related("poll", "poll__forum")
        .defer("poll__image")
        .filter(pk=question_id)
        .first()
    )


# Options are created with their question and never edited: a poll's questions are only
# ever replaced as a whole (new rows, new ids) and only while nobody has answered. So an
# answer need not re-read them: ids and costs are cached per process, keyed by the
# question's id, poll and kind (tests roll ids back and reuse them; they clear the cache).
OPTION_COSTS_CACHE_SIZE = 1024
_option_costs: dict[tuple[int, int, str], dict[int, int]] = {}


def question_option_costs(*, question: Question) -> Mapping[int, int]:
    """Option id -> cost for ``question`` (every kind; 0 unless a budget question)."""
    prefetched = getattr(question, "_prefetched_objects_cache", {}).get("options")
    if prefetched is not None:
        return {option.pk: option.cost for option in prefetched}
    key = (question.pk, question.poll_id, str(question.kind))
    costs = _option_costs.get(key)
    if costs is None:
        costs = dict(Option.objects.filter(question_id=question.pk).values_list("id", "cost"))
        if len(_option_costs) >= OPTION_COSTS_CACHE_SIZE:
            # The oldest entry; several threads may answer at once.
            with contextlib.suppress(RuntimeError, StopIteration):
                _option_costs.pop(next(iter(_option_costs)), None)
        _option_costs[key] = costs
    return MappingProxyType(costs)


def option_costs_cache_clear() -> None:
    _option_costs.clear()


def _answer_of(row: tuple[int, int, int | None, dict[str, Any], str]) -> dict[str, Any]:
    _question_id, _participant_id, option_id, answer, _status = row
    if option_id is not None and "option_id" not in (answer or {}):
        return {"option_id": option_id}
    return answer or {}


def _pct(n: int, total: int) -> float:
    return round(100 * n / total, 1) if total else 0.0


def funded_in_order_of_support(
    options: list[Option], support: dict[int, int], budget: int
) -> set[int]:
    """Fund options from most to least supported while they fit the remaining budget.

    The usual participatory-budget rule ("greedy knapsack in order of support"): an option
    that does not fit is skipped and cheaper, less supported ones may still be funded.
    Ties go to the earlier option as the staff listed them.
    """
    funded: set[int] = set()
    left = budget
    for option in sorted(options, key=lambda o: (-support.get(o.pk, 0), o.position, o.pk)):
        if support.get(option.pk, 0) <= 0:
            continue
        if option.cost <= left:
            funded.add(option.pk)
            left -= option.cost
    return funded


@dataclass
class _Tally:
    """One question's answers as the database counted them (never one row per answer).

    ``picks``: people per option (one option, multiple choice, approval budget, allocate
    budget: gave it something; ranking: ranked it first). ``place_sums``/``placed``
    (ranking): the sum of 0-based places and how many ranked the option, for Borda scores.
    """

    total: int = 0
    held: int = 0
    picks: Counter[int] = field(default_factory=Counter)
    place_sums: Counter[int] = field(default_factory=Counter)
    placed: Counter[int] = field(default_factory=Counter)
    amounts: Counter[int] = field(default_factory=Counter)
    values: Counter[int] = field(default_factory=Counter)
    texts: list[str] = field(default_factory=list)


def _question_result_from(question: Question, tally: _Tally) -> QuestionResult:
    options = list(question.options.all())
    total = tally.total
    kind = question.kind
    base: dict[str, Any] = {
        "question_id": question.pk,
        "text": question.text,
        "total": total,
        "kind": kind,
    }
    picks = tally.picks
    if kind in ONE_OPTION_KINDS or kind == QuestionKind.MULTIPLE_CHOICE:
        return QuestionResult(
            **base,
            options=[
                OptionResult(o.pk, o.label, picks[o.pk], _pct(picks[o.pk], total)) for o in options
            ],
        )
    if kind == QuestionKind.RANKING:
        top = len(options) - 1
        return QuestionResult(
            **base,
            options=[
                OptionResult(
                    o.pk,
                    o.label,
                    picks[o.pk],
                    _pct(picks[o.pk], total),
                    # Borda: n-1 points for first place ... 0 for last, summed over people.
                    score=top * tally.placed[o.pk] - tally.place_sums[o.pk],
                )
                for o in options
            ],
        )
    if kind == QuestionKind.SCALE:
        low, high = scale_bounds(question)
        values = tally.values
        mean = round(sum(v * c for v, c in values.items()) / total, 2) if total else None
        return QuestionResult(
            **base,
            options=[],
            mean=mean,
            distribution=[ScaleCount(v, values[v]) for v in range(low, high + 1)],
        )
    if kind == QuestionKind.OPEN_TEXT:
        return QuestionResult(
            **base,
            options=[],
            words=[WordCount(w, c) for w, c in word_counts(tally.texts)],
            held=tally.held,
        )
    # Budget.
    budget = budget_of(question)
    mode = budget_mode(question)
    by_id = {o.pk: o for o in options}
    if mode == BudgetMode.APPROVAL:
        amounts: Counter[int] = Counter(
            {i: n * by_id[i].cost for i, n in picks.items() if i in by_id}
        )
    else:
        amounts = tally.amounts
    support = amounts if mode == BudgetMode.ALLOCATE else picks
    funded = funded_in_order_of_support(options, dict(support), budget)
    return QuestionResult(
        **base,
        options=[
            OptionResult(
                o.pk,
                o.label,
                picks[o.pk],
                _pct(picks[o.pk], total),
                amount=amounts[o.pk],
                cost=o.cost,
                funded=o.pk in funded,
            )
            for o in options
        ],
        budget=budget,
        unit=str((question.config or {}).get("unit") or "points"),
        budget_mode=mode,
        funded_total=sum(by_id[i].cost for i in funded),
    )


def _response_rows(poll: Poll, participant_ids: set[int] | None = None) -> list[Any]:
    rows = Response.objects.filter(question__poll=poll)
    if participant_ids is not None:
        rows = rows.filter(participant_id__in=participant_ids)
    return list(
        rows.values_list("question_id", "participant_id", "option_id", "answer", "text_status")
    )


# Per-option counts inside the JSON answers, counted by the database. One statement per
# shape; {ids} is a list of %s placeholders, {table} the responses table. Both backends
# we run on have JSON table functions: PostgreSQL's jsonb_* and SQLite's json_each (whose
# ``key`` is the 0-based place in an array).
_JSON_TALLY_SQL: dict[str, dict[str, str]] = {
    "postgresql": {
        # question, option, people who picked it
        "picks": "SELECT r.question_id, CAST(e.value AS bigint), COUNT(*) FROM {table} r "
        "CROSS JOIN LATERAL jsonb_array_elements_text(r.answer -> 'option_ids') AS e(value) "
        "WHERE r.question_id IN ({ids}) GROUP BY 1, 2",
        # question, option, ranked first, sum of 0-based places, people who ranked it
        "ranks": "SELECT r.question_id, CAST(e.value AS bigint), "
        "SUM(CASE WHEN e.place = 1 THEN 1 ELSE 0 END), SUM(e.place - 1), COUNT(*) "
        "FROM {table} r CROSS JOIN LATERAL jsonb_array_elements_text(r.answer -> 'order') "
        "WITH ORDINALITY AS e(value, place) WHERE r.question_id IN ({ids}) GROUP BY 1, 2",
        # question, option, people who gave it something, total given
        "allocations": "SELECT r.question_id, CAST(e.key AS bigint), COUNT(*), "
        "SUM(CAST(e.value AS bigint)) FROM {table} r "
        "CROSS JOIN LATERAL jsonb_each_text(r.answer -> 'allocation') AS e(key, value) "
        "WHERE r.question_id IN ({ids}) GROUP BY 1, 2",
        # question, value, people
        "values": "SELECT r.question_id, CAST(r.answer ->> 'value' AS bigint), COUNT(*) "
        "FROM {table} r WHERE r.question_id IN ({ids}) AND r.answer ? 'value' GROUP BY 1, 2",
    },
    "sqlite": {
        "picks": "SELECT r.question_id, CAST(e.value AS integer), COUNT(*) FROM {table} r, "
        "json_each(r.answer, '$.option_ids') AS e WHERE r.question_id IN ({ids}) GROUP BY 1, 2",
        "ranks": "SELECT r.question_id, CAST(e.value AS integer), "
        "SUM(CASE WHEN e.key = 0 THEN 1 ELSE 0 END), SUM(e.key), COUNT(*) FROM {table} r, "
        "json_each(r.answer, '$.order') AS e WHERE r.question_id IN ({ids}) GROUP BY 1, 2",
        "allocations": "SELECT r.question_id, CAST(e.key AS integer), COUNT(*), "
        "SUM(CAST(e.value AS integer)) FROM {table} r, json_each(r.answer, '$.allocation') AS e "
        "WHERE r.question_id IN ({ids}) GROUP BY 1, 2",
        "values": "SELECT r.question_id, CAST(json_extract(r.answer, '$.value') AS integer), "
        "COUNT(*) FROM {table} r WHERE r.question_id IN ({ids}) "
        "AND json_type(r.answer, '$.value') IS NOT NULL GROUP BY 1, 2",
    },
}


def _json_tally(shape: str, question_ids: list[int]) -> list[tuple[Any, ...]]:
    if not question_ids:
        return []
    sql = _JSON_TALLY_SQL[connection.vendor][shape].format(
        table=connection.ops.quote_name(Response._meta.db_table),
        ids=", ".join(["%s"] * len(question_ids)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, question_ids)
        return list(cursor.fetchall())


def poll_results(*, poll: Poll) -> PollResults:
    """Results for every question kind, from the database's aggregates.

    A fixed number of queries (one GROUP BY for totals and one-option counts, one for the
    participants, one per answer shape present) whose rows grow with the options, never
    with the answers: a live hall's big screen re-reads results several times a second
    while thousands answer. Only the word cloud reads its (published) texts.

    Open-text answers count in totals but only published ones feed the word cloud;
    ``held`` says how many wait for a youth worker.
    """
    questions = list(poll.questions.all())
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    rows = Response.objects.filter(question__poll=poll).order_by()
    for question_id, option_id, text_status, n in rows.values_list(
        "question_id", "option_id", "text_status"
    ).annotate(n=Count("id")):
        tally = tallies[question_id]
        tally.total += n
        if option_id is not None:
            tally.picks[option_id] += n
        if text_status == TextStatus.HELD:
            tally.held += n
    participants = rows.values("participant_id").distinct().count() if tallies else 0

    def ids(*kinds: str, mode: str = "") -> list[int]:
        return [
            q.pk
            for q in questions
            if q.kind in kinds and tallies[q.pk].total and (not mode or budget_mode(q) == mode)
        ]

    budgets_approval = ids(QuestionKind.BUDGET, mode=BudgetMode.APPROVAL)
    for question_id, option_id, n in _json_tally(
        "picks", ids(QuestionKind.MULTIPLE_CHOICE) + budgets_approval
    ):
        tallies[question_id].picks[int(option_id)] += int(n)
    for question_id, option_id, firsts, place_sum, n in _json_tally(
        "ranks", ids(QuestionKind.RANKING)
    ):
        tally = tallies[question_id]
        tally.picks[int(option_id)] += int(firsts)
        tally.place_sums[int(option_id)] += int(place_sum)
        tally.placed[int(option_id)] += int(n)
    for question_id, option_id, n, amount in _json_tally(
        "allocations", ids(QuestionKind.BUDGET, mode=BudgetMode.ALLOCATE)
    ):
        tallies[question_id].picks[int(option_id)] += int(n)
        tallies[question_id].amounts[int(option_id)] += int(amount or 0)
    for question_id, value, n in _json_tally("values", ids(QuestionKind.SCALE)):
        tallies[question_id].values[int(value)] += int(n)
    open_text = ids(QuestionKind.OPEN_TEXT)
    if open_text:
        for question_id, answer in Response.objects.filter(
            question_id__in=open_text, text_status=TextStatus.PUBLISHED
        ).values_list("question_id", "answer"):
            tallies[question_id].texts.append((answer or {}).get("text", ""))
    results = [_question_result_from(q, tallies[q.pk]) for q in questions]
    return PollResults(poll_id=poll.pk, participants=participants, questions=results)


def poll_results_visible(*, poll: Poll, participant: Participant | None, is_staff: bool) -> bool:
    """Whether this viewer may see the results now, under the poll's visibility mode."""
    if is_staff:
        return True
    closed = poll.current_status in (PollStatus.CLOSED, PollStatus.ARCHIVED)
    mode = poll.results_visibility
    if mode == ResultsVisibility.LIVE:
        return True
    if mode == ResultsVisibility.AFTER_CLOSE:
        return closed
    if mode == ResultsVisibility.ON_REVEAL:
        return poll.results_revealed_at is not None
    # After answering (a closed poll's results are public to everyone).
    if closed:
        return True
    return (
        participant is not None
        and Response.objects.filter(question__poll=poll, participant=participant).exists()
    )


def poll_results_public(*, poll: Poll) -> bool:
    """Whether the poll's mode lets *everyone* see the results now, with no viewer in mind.

    For a frame shared by many phones (a live session): "after answering" cannot be
    judged per phone there, so it counts as "after close" (the stricter reading).
    """
    closed = poll.current_status in (PollStatus.CLOSED, PollStatus.ARCHIVED)
    mode = poll.results_visibility
    if mode == ResultsVisibility.LIVE:
        return True
    if mode == ResultsVisibility.ON_REVEAL:
        return poll.results_revealed_at is not None
    return closed  # AFTER_CLOSE, and AFTER_ANSWER in a shared frame


# The fields poll_results_public and the live frames read; a change to one of them means a
# live snapshot built earlier is out of date (see live_snapshot_poll_changed).
POLL_DISPLAY_FIELDS = (
    "status",
    "opens_at",
    "closes_at",
    "results_visibility",
    "results_revealed_at",
    "image_updated_at",
)


def poll_results_for_viewer(
    *, poll: Poll, participant: Participant | None, is_staff: bool
) -> PollResults | None:
    """The results if the viewer may see them, else None."""
    if not poll_results_visible(poll=poll, participant=participant, is_staff=is_staff):
        return None
    return poll_results(poll=poll)


def participant_answers(*, poll: Poll, participant: Participant | None) -> dict[int, int]:
    """The participant's own one-option answers: question id -> option id (live phones)."""
    if participant is None:
        return {}
    return dict(
        Response.objects.filter(
            question__poll=poll, participant=participant, option__isnull=False
        ).values_list("question_id", "option_id")
    )


@dataclass(frozen=True)
class MyAnswer:
    question_id: int
    answer: dict[str, Any]
    text_status: str


def participant_answer_list(*, poll: Poll, participant: Participant | None) -> list[MyAnswer]:
    """The participant's own answers to every question of ``poll``, in any kind."""
    if participant is None:
        return []
    return _my_answers(Response.objects.filter(question__poll=poll, participant=participant))


def participant_answers_to(
    *, question_ids: Iterable[int], participant: Participant | None
) -> list[MyAnswer]:
    """The participant's own full answers (any kind) to the given questions (live phones)."""
    if participant is None:
        return []
    return _my_answers(
        Response.objects.filter(question_id__in=list(question_ids), participant=participant)
    )


@dataclass(frozen=True)
class OwnAnswers:
    """A device's own answers as a live phone shows them."""

    options: dict[int, int]  # one-option answers: question id -> option id
    full: list[MyAnswer]  # every kind in full


def participant_own_answers(
    *,
    option_question_ids: Iterable[int],
    full_question_ids: Iterable[int],
    participant: Participant | None,
) -> OwnAnswers:
    """The participant's one-option answers to ``option_question_ids`` (as
    ``participant_answers``) and full answers to ``full_question_ids`` (as
    ``participant_answers_to``): one query for both."""
    option_ids, full_ids = set(option_question_ids), set(full_question_ids)
    if participant is None or not (option_ids or full_ids):
        return OwnAnswers(options={}, full=[])
    rows = Response.objects.filter(
        question_id__in=option_ids | full_ids, participant=participant
    ).values_list("question_id", "participant_id", "option_id", "answer", "text_status")
    options: dict[int, int] = {}
    full: list[MyAnswer] = []
    for row in rows:
        if row[0] in option_ids and row[2] is not None:
            options[row[0]] = row[2]
        if row[0] in full_ids:
            full.append(MyAnswer(row[0], _answer_of(row), row[4]))
    return OwnAnswers(options=options, full=full)


def participants_answers_to(
    *, question_ids: Any, participant_ids: Iterable[int]
) -> dict[int, list[MyAnswer]]:
    """Several participants' own full answers to the given questions, in one query
    (``question_ids`` may be a subquery): participant id -> answers."""
    rows = Response.objects.filter(
        question_id__in=question_ids, participant_id__in=list(participant_ids)
    ).values_list("question_id", "participant_id", "option_id", "answer", "text_status")
    out: dict[int, list[MyAnswer]] = defaultdict(list)
    for row in rows:
        out[row[1]].append(MyAnswer(row[0], _answer_of(row), row[4]))
    return out


def _my_answers(responses: Any) -> list[MyAnswer]:
    rows = responses.values_list(
        "question_id", "participant_id", "option_id", "answer", "text_status"
    )
    return [MyAnswer(row[0], _answer_of(row), row[4]) for row in rows]


# --- breakdowns -----------------------------------------------------------------------------

DIMENSIONS: dict[str, Any] = {
    "age_band": AgeBand,
    "gender": Gender,
    "neighbourhood": Neighbourhood,
}
NOT_ANSWERED = "not_answered"


@dataclass(frozen=True)
class BreakdownRow:
    label: str
    cells: dict[str, int | None]
    total: int | None
    # Hidden cells (and total) of 5 and up, hidden only to protect a small group.
    protected: frozenset[str] = frozenset()
    total_protected: bool = False


@dataclass(frozen=True)
class QuestionBreakdown:
    question_id: int
    text: str
    kind: str
    respondents: BreakdownRow
    rows: list[BreakdownRow]


@dataclass(frozen=True)
class PollBreakdown:
    poll_id: int
    dimension: str
    groups: list[tuple[str, str]]  # (value, label)
    questions: list[QuestionBreakdown]


PARTITION_KINDS = frozenset(
    {QuestionKind.SINGLE_CHOICE, QuestionKind.YES_NO, QuestionKind.SCALE, QuestionKind.RANKING}
)


def _as_row(label: str, suppressed: SuppressedCounts[str]) -> BreakdownRow:
    return BreakdownRow(
        label=label,
        cells=suppressed.cells,
        total=suppressed.total,
        protected=suppressed.protected,
        total_protected=suppressed.total_protected,
    )


def poll_results_breakdown(*, poll: Poll, dimension: str) -> PollBreakdown:
    """Counts per group of ``dimension`` for every question, small cells suppressed.

    Each row (respondents, each option, each scale value) goes through
    ``suppress_table``: a cell of 1-4 is hidden together with a second cell so it cannot be
    recomputed from the row total, and for kinds where every respondent is in one row
    (single choice, yes/no, scale, ranking by first place) from the column total either.
    A poll with fewer than 5 participants gets no breakdown at all (GroupTooSmall).
    """
    choices = DIMENSIONS.get(dimension)
    if choices is None:
        raise InvalidInput(fields={"dimension": [_("That is not one of the choices.")]})
    rows = _response_rows(poll)
    participants = {row[1] for row in rows}
    if len(participants) < MIN_GROUP_SIZE:
        raise GroupTooSmall()
    group_of: dict[int, str] = {
        pid: value or NOT_ANSWERED
        for pid, value in ParticipantProfile.objects.filter(
            forum_id=poll.forum_id, participant_id__in=participants
        ).values_list("participant_id", dimension)
    }
    groups: list[tuple[str, str]] = [(value, str(label)) for value, label in choices.choices]
    groups.append((NOT_ANSWERED, _("Did not say")))
    by_question: dict[int, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for row in rows:
        by_question[row[0]].append((group_of.get(row[1], NOT_ANSWERED), _answer_of(row)))

    def empty() -> dict[str, int]:
        return {value: 0 for value, _label in groups}

    questions = []
    for question in poll.questions.all():
        answers = by_question[question.pk]
        respondents = empty()
        for group, _a in answers:
            respondents[group] += 1
        table: list[tuple[str, dict[str, int]]] = []
        if question.kind == QuestionKind.SCALE:
            low, high = scale_bounds(question)
            for value in range(low, high + 1):
                counts = empty()
                for group, a in answers:
                    if a.get("value") == value:
                        counts[group] += 1
                table.append((str(value), counts))
        elif question.kind != QuestionKind.OPEN_TEXT:
            for option in question.options.all():
                counts = empty()
                for group, a in answers:
                    if _chose(question, a, option.pk):
                        counts[group] += 1
                table.append((option.label, counts))
        # Each respondent is in exactly one row for these kinds: protect columns too.
        partition = question.kind in PARTITION_KINDS
        suppressed = suppress_table(respondents, [c for _l, c in table], partition=partition)
        questions.append(
            QuestionBreakdown(
                question_id=question.pk,
                text=question.text,
                kind=question.kind,
                respondents=_as_row(_("People who answered"), suppressed.totals),
                rows=[
                    _as_row(label, row)
                    for (label, _c), row in zip(table, suppressed.rows, strict=True)
                ],
            )
        )
    return PollBreakdown(poll_id=poll.pk, dimension=dimension, groups=groups, questions=questions)


def _chose(question: Question, answer: dict[str, Any], option_id: int) -> bool:
    """Whether the answer counts for the option (ranking: ranked first; budget: gave to it)."""
    if "option_id" in answer:
        return bool(answer["option_id"] == option_id)
    if "option_ids" in answer:
        return option_id in answer["option_ids"]
    if "order" in answer:
        return bool(answer["order"][:1] == [option_id])
    if "allocation" in answer:
        return int(answer["allocation"].get(str(option_id), 0)) > 0
    return False


# --- exports --------------------------------------------------------------------------------


def result_header() -> list[str]:
    """The results export's column names, in the active language (staff open it in Excel)."""
    return [
        _("Question no."),
        _("Question"),
        _("Kind"),
        _("Option or value"),
        _("Count"),
        _("Percent"),
        _("Borda score"),
        _("Amount"),
        _("Cost"),
        _("Funded"),
        _("Mean"),
    ]


def _kind_label(kind: str) -> str:
    return str(QuestionKind(kind).label) if kind in QuestionKind.values else kind


def _cell(value: Any) -> Any:
    return "" if value is None else value


def poll_results_table(*, poll: Poll) -> list[list[Any]]:
    """Results as rows (header first) for CSV and XLSX exports, small counts suppressed."""
    results = shown_poll_results(poll_results(poll=poll))
    table: list[list[Any]] = [result_header()]
    for number, q in enumerate(results.questions, start=1):
        head = [number, q.text, _kind_label(q.kind)]
        for o in q.options:
            funded = "" if o.funded is None else (_("yes") if o.funded else _("no"))
            table.append(
                [
                    *head,
                    o.label,
                    count_text(o.count, protected=o.hidden_to_protect),
                    _cell(o.percent),
                    _cell(o.score),
                    _cell(o.amount),
                    _cell(o.cost),
                    funded,
                    "",
                ]
            )
        for d in q.distribution:
            percent = _pct(d.count, q.total or 0) if d.count is not None else ""
            written = count_text(d.count, protected=d.hidden_to_protect)
            table.append([*head, d.value, written, percent, "", "", "", "", ""])
        if q.kind == QuestionKind.SCALE:
            table.append([*head, _("mean"), count_text(q.total), "", "", "", "", "", _cell(q.mean)])
        for w in q.words:
            percent = _pct(w.count, q.total or 0) if w.count is not None else ""
            table.append([*head, w.word, count_text(w.count), percent, "", "", "", "", ""])
    return table


def raw_header() -> list[str]:
    """The raw export's column names, in the active language."""
    return [_("Respondent"), _("Question no."), _("Question"), _("Kind"), _("Answer")]


def _respondent_pseudonym(poll: Poll, participant_id: int) -> str:
    """Stable within one poll, unlinkable across polls (keyed by the poll and a secret)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"raw:{poll.pk}:{participant_id}".encode(), hashlib.sha256
    ).hexdigest()
    return f"R-{digest[:10]}"


def poll_raw_table(*, poll: Poll) -> list[list[Any]]:
    """Anonymised raw answers (header first): no tokens, ids or demographics.

    Hidden open-text answers are left out; held ones are marked so staff know they are
    not yet public.
    """
    questions = list(poll.questions.all())
    number = {q.pk: i for i, q in enumerate(questions, start=1)}
    by_id = {q.pk: q for q in questions}
    labels = dict(Option.objects.filter(question__poll=poll).values_list("id", "label"))
    rows = sorted(
        _response_rows(poll),
        key=lambda r: (_respondent_pseudonym(poll, r[1]), number.get(r[0], 0)),
    )
    table: list[list[Any]] = [raw_header()]
    for row in rows:
        if row[4] == TextStatus.HIDDEN:
            continue
        question = by_id[row[0]]
        a = _answer_of(row)
        if "option_id" in a:
            text = labels.get(a["option_id"], "")
        elif "option_ids" in a:
            text = "; ".join(labels.get(i, "") for i in a["option_ids"])
        elif "order" in a:
            text = " > ".join(labels.get(i, "") for i in a["order"])
        elif "allocation" in a:
            text = "; ".join(f"{labels.get(int(k), '')}: {v}" for k, v in a["allocation"].items())
        elif "value" in a:
            text = str(a["value"])
        else:
            text = a.get("text", "")
            if row[4] == TextStatus.HELD:
                text = f"[{_('held')}] {text}"
        table.append(
            [
                _respondent_pseudonym(poll, row[1]),
                number[row[0]],
                question.text,
                _kind_label(question.kind),
                text,
            ]
        )
    return table


def held_text_answers(*, poll: Poll) -> list[Response]:
    return list(
        Response.objects.filter(question__poll=poll, text_status=TextStatus.HELD)
        .select_related("question")
        .order_by("created_at")
    )


def question_translation_form(*, question_id: int) -> TranslationForm:
    """A question's and its options' texts with their translations, for the staff editor."""
    question = (
        Question.objects.select_related("poll__forum")
        .prefetch_related("options")
        .filter(pk=question_id)
        .first()
    )
    if question is None:
        raise NotFound()
    options = [translatable(o, kind="option") for o in question.options.all()]
    return translation_form(
        translatable(question, kind="question", children=options),
        offered=question.poll.forum.languages,
    )
