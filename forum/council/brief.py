"""'Ungas röster inför nämnden': the youth-input brief for one council meeting.

The brief is typed data (forum.council.briefdata): the web page, the PDF, the CSV/XLSX and
the frozen snapshot a published version keeps all read the same ``Brief``. Input reaches an
agenda item through its planning links: polls, live-session activities and ideas (one by
one or a whole board), each a *channel* with the participants it heard.

The drafted child-rights and gender-equality analysis never turns missing data into
absence: who was never asked "about you", who skipped it and who chose not to say are
unknown, and a group is named as missing only when enough participants said who they are
(docs/decisions/0029-analysis-never-infers-from-missing-data.md).
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from forum.budgets.selectors import ProcessSummary, process_summaries
from forum.core.languages import LANGUAGE_CODES
from forum.core.numbers import number, percent
from forum.core.selectors import department_path
from forum.core.suppression import count_text, shown_count, suppress_small_cells
from forum.council.activities import activity_outcome, activity_participant_ids, activity_title
from forum.council.briefdata import (
    ANSWERED,
    NOT_ASKED,
    PREFER_NOT,
    SKIPPED,
    ActivityRef,
    ActivitySummary,
    AreaRef,
    Brief,
    BriefItem,
    BudgetFundedLine,
    BudgetSection,
    ChannelCount,
    GroupBreakdown,
    GroupRow,
    IdeaLink,
    IdeaSummary,
    LanguageCount,
    MeetingRef,
    PlanningItemRef,
    PollRef,
    PollResult,
    Quote,
    SessionRef,
    TopEntry,
    WorkshopOptionResult,
    WorkshopResult,
)
from forum.council.models import AgendaItem, BriefQuote, BriefVersion, Meeting, PlanningLink
from forum.ideas.models import Idea, Support
from forum.live.models import OfflineWorkshop, QaQuestion, QaStatus
from forum.live.selectors import workshop_shown
from forum.moderation.models import ModerationState
from forum.participation.models import (
    PREFER_NOT_TO_SAY,
    AgeBand,
    Gender,
    Neighbourhood,
    ParticipantProfile,
)
from forum.participation.selectors import DimensionCounts, profile_breakdown
from forum.polls.models import QuestionKind, Response, TextStatus
from forum.polls.selectors import ShownQuestionResult, poll_results, shown_question_result

DIMENSIONS = {"age_band": AgeBand, "gender": Gender, "neighbourhood": Neighbourhood}
# The district's own neighbourhoods: the analysis names those nobody (or few) came from.
JARVA = [
    Neighbourhood.AKALLA,
    Neighbourhood.HUSBY,
    Neighbourhood.KISTA,
    Neighbourhood.RINKEBY,
    Neighbourhood.TENSTA,
    Neighbourhood.HJULSTA,
    Neighbourhood.SPANGA_BROMSTEN,
]
# A finding about a group ("no girls took part") needs this share of the participants to
# have said which group they belong to (decision record 0029).
KNOWN_SHARE_FOR_FINDINGS = 0.8


def label_for(dimension: str, code: str) -> str:
    """A group's name: an answer's label, or why nothing is known (skipped, never asked)."""
    if code == SKIPPED:
        return _("Skipped the question")
    if code == NOT_ASKED:
        return _("Not asked")
    return str(DIMENSIONS[dimension](code).label)


# --- who took part: "about you" per participant, answered / chose not to say / unknown ----


@dataclass(frozen=True)
class Heard:
    """The participants heard on one item: per channel, and their "about you" counts."""

    channels: dict[str, set[int]]
    counts: dict[str, DimensionCounts]
    # Participants never asked "about you", per channel they came through.
    not_asked_ids: set[int]

    @property
    def participants(self) -> set[int]:
        return set().union(*self.channels.values()) if self.channels else set()


def _sum_counts(parts: Sequence[DimensionCounts]) -> DimensionCounts:
    answered: dict[str, int] = defaultdict(int)
    for part in parts:
        for code, n in part.answered.items():
            answered[code] += n
    return DimensionCounts(
        answered=dict(answered),
        prefer_not=sum(p.prefer_not for p in parts),
        skipped=sum(p.skipped for p in parts),
        not_asked=sum(p.not_asked for p in parts),
    )


def heard_for(channels: Mapping[str, Iterable[tuple[int, int]]]) -> Heard:
    """(participant, forum) pairs per channel -> who was heard and what they said about
    themselves. Profiles are per forum: a participant heard in several forums counts once,
    with the profile of a forum where they gave one."""
    pairs = {pair for per_channel in channels.values() for pair in per_channel}
    participant_ids = {p for p, _f in pairs}
    with_profile = set(
        ParticipantProfile.objects.filter(
            participant_id__in=participant_ids, forum_id__in={f for _p, f in pairs}
        ).values_list("participant_id", "forum_id")
    )
    forum_of: dict[int, int] = {}
    for participant_id, forum_id in sorted(pairs):
        if participant_id not in forum_of or (
            (participant_id, forum_id) in with_profile
            and (participant_id, forum_of[participant_id]) not in with_profile
        ):
            forum_of[participant_id] = forum_id
    by_forum: dict[int, list[int]] = defaultdict(list)
    for participant_id, forum_id in forum_of.items():
        by_forum[forum_id].append(participant_id)
    breakdowns = [profile_breakdown(forum=f, participant_ids=ids) for f, ids in by_forum.items()]
    counts = {
        name: _sum_counts([b.dimension(name) for b in breakdowns])
        if breakdowns
        else DimensionCounts(
            answered={v: 0 for v in choices.values if v != PREFER_NOT_TO_SAY},
            prefer_not=0,
            skipped=0,
            not_asked=0,
        )
        for name, choices in DIMENSIONS.items()
    }
    return Heard(
        channels={name: {p for p, _f in per} for name, per in channels.items()},
        counts=counts,
        not_asked_ids={p for p, f in forum_of.items() if (p, f) not in with_profile},
    )


def group_breakdown(dimension: str, counts: DimensionCounts) -> GroupBreakdown:
    """One question's groups as one suppressed line: every value, "chose not to say",
    "skipped" and "not asked" add up to the participants."""
    line: dict[tuple[str, str], int] = {(ANSWERED, code): n for code, n in counts.answered.items()}
    line[(PREFER_NOT, PREFER_NOT_TO_SAY)] = counts.prefer_not
    line[(SKIPPED, SKIPPED)] = counts.skipped
    line[(NOT_ASKED, NOT_ASKED)] = counts.not_asked
    cells = suppress_small_cells(line)
    labels = {
        PREFER_NOT: _("Chose not to say"),
        SKIPPED: label_for(dimension, SKIPPED),
        NOT_ASKED: label_for(dimension, NOT_ASKED),
    }
    return GroupBreakdown(
        dimension=dimension,
        total=cells.total,
        rows=[
            GroupRow(
                code=code,
                label=label_for(dimension, code) if status == ANSWERED else labels[status],
                count=cells.cells[(status, code)],
                status=status,
                hidden_to_protect=cells.hidden_to_protect((status, code)),
            )
            for (status, code) in line
        ],
    )


# --- the sources: polls, live activities, ideas ------------------------------------------


def _poll_source(link: PlanningLink) -> tuple[list[tuple[int, int]], PollResult]:
    assert link.poll is not None
    results = poll_results(poll=link.poll)
    questions = [
        q
        for q in results.questions
        if link.question_id is None or q.question_id == link.question_id
    ]
    responses = Response.objects.filter(question__poll=link.poll)
    if link.question_id is not None:
        responses = responses.filter(question_id=link.question_id)
    participants = set(responses.values_list("participant_id", flat=True))
    return (
        [(p, link.poll.forum_id) for p in sorted(participants)],
        PollResult(
            poll=PollRef(id=link.poll.pk, title=link.poll.title),
            question_id=link.question_id,
            note=link.note,
            participants=shown_count(len(participants)),
            # Every result field of every question kind, suppressed, frozen with the brief.
            questions=[shown_question_result(q) for q in questions],
        ),
    )


def _activity_source(link: PlanningLink) -> tuple[list[tuple[int, int]], ActivitySummary]:
    """A live-session activity routed to the item: channel "sessions"."""

    activity = link.activity
    assert activity is not None
    participants = activity_participant_ids(activity)
    outcome = activity_outcome(activity)
    return (
        [(p, activity.session.forum_id) for p in sorted(participants)],
        ActivitySummary(
            activity=ActivityRef(
                id=activity.pk,
                kind=activity.kind,
                kind_name=str(activity.get_kind_display()),
                title=activity_title(activity),
            ),
            session=SessionRef(id=activity.session_id, title=activity.session.title),
            note=link.note,
            # A head count under 5 is "fewer than 5", as everywhere in the brief.
            participants=shown_count(len(participants)),
            questions=outcome.questions,
            top=[TopEntry(text=text, count=n) for text, n in outcome.top],
        ),
    )


TOP_IDEAS = 5


def workshop_result(workshop: OfflineWorkshop, *, note: str) -> WorkshopResult:
    """A linked workshop entered by hand, suppressed like every figure (live.selectors)."""
    shown = workshop_shown(workshop)
    return WorkshopResult(
        id=shown.id,
        title=shown.title,
        method=shown.method,
        method_name=shown.method_name,
        held_on=shown.held_on.isoformat(),
        place=shown.place,
        participants=shown.participants,
        choice=shown.choice,
        note=note,
        options=[
            WorkshopOptionResult(text=o.text, count=o.count, hidden_to_protect=o.hidden_to_protect)
            for o in shown.options
        ],
        quotes=shown.quotes,
    )


def by_hand_mark() -> str:
    """The words every output puts on a workshop entered by hand."""
    return _(
        "Entered by hand from a workshop (paper/sticky notes) – "
        "not added together with the digital answers"
    )


def workshops_sentence(workshops: Sequence[WorkshopResult]) -> str:
    """Page 1's sentence on the workshops entered by hand, apart from the digital figures:
    how many and how many took part (their own sum, suppressed like any head count)."""
    if not workshops:
        return ""
    hidden = any(w.participants is None for w in workshops)
    total = sum(w.participants or 0 for w in workshops)
    if hidden:
        # A hidden head count inside a sum would show through: say only how many workshops.
        return ngettext(
            "On site, entered by hand: %(n)s workshop (not counted in the digital answers).",
            "On site, entered by hand: %(n)s workshops (not counted in the digital answers).",
            len(workshops),
        ) % {"n": number(len(workshops))}
    return ngettext(
        "On site, entered by hand: %(n)s workshop with %(people)s young people "
        "(not counted in the digital answers).",
        "On site, entered by hand: %(n)s workshops with %(people)s young people "
        "(not counted in the digital answers).",
        len(workshops),
    ) % {"n": number(len(workshops)), "people": number(total)}


def published_ideas_for(planning_item_id: int) -> "Any":
    """Published ideas routed to a planning item, one by one or through a whole board.

    Held, hidden and rejected ideas never reach the brief.
    """
    return (
        Idea.objects.filter(moderation_state=ModerationState.PUBLISHED)
        .filter(
            Q(planning_links__planning_item_id=planning_item_id)
            | Q(board__planning_links__planning_item_id=planning_item_id)
        )
        .distinct()
    )


@dataclass(frozen=True)
class _Ideas:
    pairs: list[tuple[int, int]]
    links: list[IdeaLink]
    count: int
    top: list[IdeaSummary]


def _ideas_source(planning_item_id: int) -> _Ideas | None:
    ideas = list(
        published_ideas_for(planning_item_id)
        .select_related("board")
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("-support_count", "created_at", "id")
    )
    links = PlanningLink.objects.filter(planning_item_id=planning_item_id)
    idea_links = list(links.filter(idea__isnull=False).select_related("idea"))
    board_links = list(links.filter(board__isnull=False).select_related("board"))
    if not ideas and not idea_links and not board_links:
        return None
    pairs = {(i.participant_id, i.board.forum_id) for i in ideas}
    forum_of = {i.pk: i.board.forum_id for i in ideas}
    for participant_id, idea_id in Support.objects.filter(idea_id__in=forum_of).values_list(
        "participant_id", "idea_id"
    ):
        pairs.add((participant_id, forum_of[idea_id]))
    rows = [
        IdeaLink(kind="board", id=b.board_id, title=b.board.question, note=b.note)
        for b in board_links
        if b.board is not None and b.board_id is not None
    ] + [
        IdeaLink(kind="idea", id=link.idea_id, title=link.idea.title, note=link.note)
        for link in idea_links
        if link.idea is not None
        and link.idea_id is not None
        and link.idea.moderation_state == ModerationState.PUBLISHED
    ]
    return _Ideas(
        pairs=sorted(pairs),
        links=rows,
        count=len(ideas),
        top=[
            IdeaSummary(id=i.pk, title=i.title, supports=shown_count(i.support_count))
            for i in ideas[:TOP_IDEAS]
        ],
    )


def still_quotable(quotes: list[BriefQuote]) -> list[BriefQuote]:
    """Quotes whose source is still published: an idea hidden or an answer held after it
    was quoted leaves the brief too."""
    idea_ids = {q.source_id for q in quotes if q.source_kind == "idea"}
    answer_ids = {q.source_id for q in quotes if q.source_kind == "poll_answer"}
    ok = {
        ("idea", pk)
        for pk in Idea.objects.filter(
            pk__in=idea_ids, moderation_state=ModerationState.PUBLISHED
        ).values_list("pk", flat=True)
    } | {
        ("poll_answer", pk)
        for pk in Response.objects.filter(
            pk__in=answer_ids, text_status=TextStatus.PUBLISHED
        ).values_list("pk", flat=True)
    }
    return [q for q in quotes if (q.source_kind, q.source_id) in ok]


CHANNEL_LABELS = {
    "polls": lambda: _("Polls"),
    "sessions": lambda: _("Live sessions"),
    "ideas": lambda: _("Idea boards"),
}
CHANNEL_ORDER = ["polls", "sessions", "ideas"]


def channel_counts(channels: Mapping[str, set[int]]) -> list[ChannelCount]:
    return [
        ChannelCount(
            channel=name,
            label=str(CHANNEL_LABELS[name]()),
            participants=shown_count(len(channels[name])),
        )
        for name in CHANNEL_ORDER
        if channels.get(name)
    ]


def _written_languages(links: Sequence[PlanningLink], planning_item_id: int) -> Counter[str]:
    """How many published written answers reached the item per language they were written
    in: open-text answers (polls, word clouds, walls), Q&A questions and ideas."""
    counts: Counter[str] = Counter()
    texts = Response.objects.filter(
        question__kind=QuestionKind.OPEN_TEXT, text_status=TextStatus.PUBLISHED
    )
    for link in links:
        if link.poll_id is not None:
            answers = texts.filter(question__poll_id=link.poll_id)
            if link.question_id is not None:
                answers = answers.filter(question_id=link.question_id)
            counts.update(answers.values_list("language", flat=True))
        elif link.activity is not None:
            activity = link.activity
            if activity.question_id is not None:
                answers = texts.filter(question_id=activity.question_id)
                counts.update(answers.values_list("language", flat=True))
            qa = QaQuestion.objects.filter(activity=activity, status=QaStatus.PUBLISHED)
            counts.update(qa.values_list("language", flat=True))
    counts.update(published_ideas_for(planning_item_id).values_list("language", flat=True))
    return counts


def language_counts(counts: Mapping[str, int]) -> list[LanguageCount]:
    """Counts per language under the one suppression rule, in the registry's order."""
    line = {code: counts.get(code, 0) for code in LANGUAGE_CODES if counts.get(code)}
    shown = suppress_small_cells(line)
    return [
        LanguageCount(
            language=code, count=shown.cells[code], protected=shown.hidden_to_protect(code)
        )
        for code in line
    ]


def _language_name(code: str) -> str:
    names = {
        "sv": pgettext("language, in a sentence", "Swedish"),
        "en": pgettext("language, in a sentence", "English"),
        "ar": pgettext("language, in a sentence", "Arabic"),
        "so": pgettext("language, in a sentence", "Somali"),
        "ti": pgettext("language, in a sentence", "Tigrinya"),
        "fa": pgettext("language, in a sentence", "Persian"),
        "tr": pgettext("language, in a sentence", "Turkish"),
    }
    return names.get(code, code)


def languages_sentence(languages: Sequence[LanguageCount]) -> str:
    """ "Written answers by language: Swedish 40, Arabic 12, other languages, each fewer
    than 5." Only when some were written in another language than Swedish. Hidden counts go
    together into "other languages", with words true of each of them (their sum is not
    written); nothing at all when the total itself is hidden."""
    if not any(row.language != "sv" for row in languages):
        return ""
    if (
        any(row.count is None for row in languages)
        and sum(row.count or 0 for row in languages) == 0
    ):
        return ""  # everything hidden: the item's total is fewer than 5
    shown = [row for row in languages if row.count is not None]
    shown.sort(key=lambda row: (row.language != "sv", -(row.count or 0)))
    parts = [
        _("%(language)s %(count)s")
        % {"language": _language_name(row.language), "count": number(row.count or 0)}
        for row in shown
    ]
    hidden = [row for row in languages if row.count is None]
    protected = any(row.protected for row in hidden)
    if len(hidden) > 1 and not protected:
        # Each is 1–4, not their sum: "fewer than 5" of the group would be false at 3 + 2.
        parts.append(_("other languages %(count)s each") % {"count": count_text(None)})
    elif hidden:
        parts.append(
            _("other languages %(count)s") % {"count": count_text(None, protected=protected)}
        )
    return _("Written answers by language: %(list)s.") % {"list": ", ".join(parts)}


def _item(agenda_item: AgendaItem) -> tuple[BriefItem, dict[str, set[int]]]:
    planning_item = agenda_item.planning_item
    # One prefetched list of links; polls first, then activities, as the brief always had.
    links = list(planning_item.links.all())
    channels: dict[str, list[tuple[int, int]]] = {}
    polls = []
    for link in links:
        if link.poll_id is not None:
            pairs, poll = _poll_source(link)
            channels.setdefault("polls", []).extend(pairs)
            polls.append(poll)
    by_activity = [(link.activity, link) for link in links if link.activity is not None]
    by_activity.sort(key=lambda pair: (pair[0].session_id, pair[0].position, pair[1].pk))
    activities = []
    for _activity, link in by_activity:
        pairs, summary = _activity_source(link)
        channels.setdefault("sessions", []).extend(pairs)
        activities.append(summary)
    workshops = [
        workshop_result(link.workshop, note=link.note)
        for link in sorted(
            (link for link in links if link.workshop is not None),
            key=lambda link: (link.workshop.held_on, link.pk) if link.workshop else (None, 0),
        )
        if link.workshop is not None
    ]
    ideas = _ideas_source(planning_item.pk)
    if ideas is not None and ideas.pairs:
        channels.setdefault("ideas", []).extend(ideas.pairs)
    heard = heard_for(channels)
    languages = language_counts(_written_languages(links, planning_item.pk))
    item = BriefItem(
        agenda_item_id=agenda_item.pk,
        position=agenda_item.position,
        planning_item=PlanningItemRef(
            id=planning_item.pk,
            title=planning_item.title,
            reference=planning_item.reference,
            department=department_path(planning_item.department)
            if planning_item.department
            else "",
            area=AreaRef(code=planning_item.area, name=str(planning_item.get_area_display())),
        ),
        participants=shown_count(len(heard.participants)),
        channels=channel_counts(heard.channels),
        demographics=[group_breakdown(d, heard.counts[d]) for d in DIMENSIONS],
        polls=polls,
        activities=activities,
        idea_links=ideas.links if ideas else [],
        ideas=ideas.count if ideas else 0,
        top_ideas=ideas.top if ideas else [],
        # Staff choose quotes among published idea texts and approved open-text answers.
        quotes=[
            Quote(id=q.pk, text=q.text, source=q.source_kind)
            for q in still_quotable(list(agenda_item.quotes.all()))
        ],
        languages=languages,
        workshops=workshops,
    )
    drafted = analysis_draft(item=item, heard=heard)
    item = replace(
        item,
        analysis=agenda_item.analysis or drafted,
        analysis_drafted=drafted,
        analysis_edited=bool(agenda_item.analysis),
        findings=[
            *what_they_said(item),
            *filter(None, [languages_sentence(languages), workshops_sentence(workshops)]),
        ],
    )
    return item, heard.channels


def brief_build(*, meeting: Meeting) -> Brief:
    """The brief as it is right now (the draft, for officials)."""
    agenda = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("planning_item__department__parent__parent")
        .prefetch_related(
            "quotes",
            Prefetch(
                "planning_item__links",
                queryset=PlanningLink.objects.select_related(
                    "poll",
                    "activity__session",
                    "activity__question",
                    "activity__board",
                    "workshop__entered_by",
                ).prefetch_related(
                    "poll__questions__options", "workshop__options", "workshop__quotes"
                ),
            ),
        )
    )
    items = []
    everyone: dict[str, set[int]] = defaultdict(set)
    for agenda_item in agenda:
        item, channels = _item(agenda_item)
        items.append(item)
        for name, ids in channels.items():
            everyone[name] |= ids
    total = set().union(*everyone.values()) if everyone else set()
    return Brief(
        meeting=MeetingRef(
            id=meeting.pk,
            title=meeting.title,
            starts_at=meeting.starts_at.isoformat(),
            state=meeting.state,
        ),
        version=None,
        published_at=None,
        changelog="",
        generated_at=timezone.now().isoformat(),
        items=items,
        participants=shown_count(len(total)),
        channels=channel_counts(everyone),
        budgets=budget_sections(meeting=meeting),
    )


# --- participatory budgets of the brief's period ----------------------------------------------

# With no earlier meeting, the brief looks back a year.
BUDGET_LOOKBACK = dt.timedelta(days=365)


def budget_period(meeting: Meeting) -> tuple[dt.date, dt.date]:
    """From the previous meeting's day (or a year back) to this meeting's day."""
    end = timezone.localdate(meeting.starts_at)
    previous = (
        Meeting.objects.filter(starts_at__lt=meeting.starts_at)
        .exclude(pk=meeting.pk)
        .order_by("-starts_at")
        .first()
    )
    start = timezone.localdate(previous.starts_at) if previous else end - BUDGET_LOOKBACK
    return start, end


def budget_sentences(summary: ProcessSummary) -> list[str]:
    """The section's words; each says one thing the figures beside it show."""
    sentences = [
        _("%(title)s (%(forum)s): phase “%(phase)s”, budget %(budget)s kr.")
        % {
            "title": summary.title,
            "forum": summary.forum_name,
            "phase": summary.phase_label,
            "budget": number(summary.budget_total),
        },
        ngettext(
            "%(n)s proposal, %(feasible)s of them feasible after review.",
            "%(n)s proposals, %(feasible)s of them feasible after review.",
            summary.proposals,
        )
        % {"n": number(summary.proposals), "feasible": number(summary.feasible)},
        _("Ballots cast: %(ballots)s.") % {"ballots": count_text(summary.ballots)},
    ]
    if not summary.results_out:
        sentences.append(_("The results are not out yet."))
        return sentences
    sentences.append(
        ngettext(
            "%(n)s proposal funded, %(total)s kr in all.",
            "%(n)s proposals funded, %(total)s kr in all.",
            len(summary.funded),
        )
        % {"n": number(len(summary.funded)), "total": number(summary.funded_total)}
    )
    for line in summary.funded:
        values = {
            "title": line.title,
            "cost": number(line.cost),
            "department": line.department,
            "status": line.implementation_label,
        }
        sentences.append(
            (
                _("%(title)s: %(cost)s kr, %(department)s. Implementation: %(status)s.")
                if line.department
                else _("%(title)s: %(cost)s kr. Implementation: %(status)s.")
            )
            % values
        )
    return sentences


def budget_sections(*, meeting: Meeting) -> list[BudgetSection]:
    start, end = budget_period(meeting)
    return [
        BudgetSection(
            process_id=s.process_id,
            title=s.title,
            forum_name=s.forum_name,
            phase=s.phase,
            phase_label=s.phase_label,
            budget_total=s.budget_total,
            proposals=s.proposals,
            feasible=s.feasible,
            ballots=s.ballots,
            results_out=s.results_out,
            funded=[
                BudgetFundedLine(
                    title=f.title,
                    cost=f.cost,
                    department=f.department,
                    implementation_status=f.implementation_status,
                    implementation_label=f.implementation_label,
                )
                for f in s.funded
            ],
            funded_total=s.funded_total,
            sentences=budget_sentences(s),
        )
        for s in process_summaries(start=start, end=end)
    ]


def brief_snapshot(*, meeting: Meeting, number: int, changelog: str) -> Brief:
    """The frozen brief for a published version: always in Swedish, the council's language."""
    with translation.override("sv"):
        brief = brief_build(meeting=meeting)
    return replace(
        brief,
        version=number,
        published_at=timezone.now().isoformat(),
        changelog=changelog,
        meeting=replace(brief.meeting, state="brief_published"),
    )


def brief_version_list(*, meeting: Meeting) -> list[BriefVersion]:
    return list(meeting.brief_versions.order_by("number"))


# --- the drafted child-rights and gender-equality analysis ----------------------------------


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return _("%(list)s and %(last)s") % {"list": ", ".join(words[:-1]), "last": words[-1]}


def _unknown_sentence(dimension: str, n: int, unknown: str) -> str:
    # One sentence per question: Swedish nouns agree ("Kön är okänt", "Åldern är okänd").
    if dimension == "gender":
        return _("Gender is unknown for %(unknown)s of %(n)s participants") % {
            "unknown": unknown,
            "n": number(n),
        }
    if dimension == "age_band":
        return _("Age is unknown for %(unknown)s of %(n)s participants") % {
            "unknown": unknown,
            "n": number(n),
        }
    return _("Neighbourhood is unknown for %(unknown)s of %(n)s participants") % {
        "unknown": unknown,
        "n": number(n),
    }


def _not_asked_why(heard: Heard) -> str:
    """Why some were never asked: the channels they came through only."""
    only: set[str] = set()
    for participant_id in heard.not_asked_ids:
        through = {name for name, ids in heard.channels.items() if participant_id in ids}
        only |= through
    if only == {"sessions"}:
        return _("the live session did not ask")
    if only == {"ideas"}:
        return _("the idea board did not ask")
    if only == {"polls"}:
        return _("the poll did not ask")
    return _("they took part where it was not asked")


def _unknown_parts(table: GroupBreakdown, heard: Heard) -> tuple[str, list[str]]:
    """How many are unknown (as can be shown without revealing a hidden cell) and why."""
    unknown_rows = [r for r in table.rows if r.status != ANSWERED]
    hidden_all = [r for r in table.rows if r.count is None]
    hidden_unknown = [r for r in unknown_rows if r.count is None]
    shown_sum = sum(r.count or 0 for r in unknown_rows)
    if not hidden_unknown or (len(hidden_unknown) == len(hidden_all) and table.total is not None):
        # Every hidden cell is among the unknown ones: their sum is the total minus the
        # rest anyway, so writing it reveals nothing new.
        exact = shown_sum
        if hidden_unknown:
            assert table.total is not None
            exact = table.total - sum(r.count or 0 for r in table.rows if r.status == ANSWERED)
        amount = number(exact)
    elif shown_sum:
        amount = _("at least %(n)s") % {"n": number(shown_sum)}
    else:
        amount = _("some")
    parts = []
    for row in unknown_rows:
        if row.count == 0:
            continue
        n = row.written
        if row.status == NOT_ASKED:
            parts.append(
                ngettext(
                    "%(n)s was never asked (%(why)s)",
                    "%(n)s were never asked (%(why)s)",
                    row.count or 2,
                )
                % {"n": n, "why": _not_asked_why(heard)}
            )
        elif row.status == PREFER_NOT:
            parts.append(
                ngettext("%(n)s chose not to say", "%(n)s chose not to say", row.count or 2)
                % {"n": n}
            )
        else:
            parts.append(
                ngettext("%(n)s skipped the question", "%(n)s skipped the question", row.count or 2)
                % {"n": n}
            )
    return amount, parts


GROUP_WORDS = {
    Gender.GIRL: (lambda: _("No girls took part."), lambda: _("Few girls took part")),
    Gender.BOY: (lambda: _("No boys took part."), lambda: _("Few boys took part")),
}


def _group_findings(dimension: str, counts: DimensionCounts) -> tuple[list[str], list[str]]:
    """Groups nobody came from, and groups fewer than 5 came from (raw 1–4 is exactly what
    "fewer than 5" says)."""
    if dimension == "gender":
        codes: list[str] = [Gender.GIRL, Gender.BOY]
    elif dimension == "age_band":
        codes = [a for a in AgeBand if a != AgeBand.PREFER_NOT]
    else:
        codes = list(JARVA)
    nobody = [c for c in codes if counts.answered.get(c, 0) == 0]
    few = [c for c in codes if 0 < counts.answered.get(c, 0) < 5]
    return nobody, few


def _findings_sentences(dimension: str, counts: DimensionCounts) -> list[str]:
    nobody, few = _group_findings(dimension, counts)
    out = []
    if dimension == "gender":
        out += [str(GROUP_WORDS[Gender(c)][0]()) for c in nobody]
        out += [
            _("%(group)s (fewer than 5).") % {"group": GROUP_WORDS[Gender(c)][1]()} for c in few
        ]
    elif dimension == "age_band":
        if nobody:
            out.append(
                _("Nobody aged %(ages)s took part.")
                % {"ages": _join([str(AgeBand(c).label) for c in nobody])}
            )
        if few:
            out.append(
                _("Few aged %(ages)s took part (fewer than 5 each).")
                % {"ages": _join([str(AgeBand(c).label) for c in few])}
            )
    else:
        if nobody:
            out.append(
                _("Nobody from %(places)s took part.")
                % {"places": _join([str(Neighbourhood(c).label) for c in nobody])}
            )
        if few:
            out.append(
                _("Few young people from %(places)s took part (fewer than 5 each).")
                % {"places": _join([str(Neighbourhood(c).label) for c in few])}
            )
    return out


def analysis_draft(*, item: BriefItem, heard: Heard) -> str:
    """A first draft of the barnrätts- och jämställdhetsanalys, from the figures only.

    It never names a group smaller than 5 with its number, and it says a group was missing
    only when at least 80 % of the participants answered that question (decision 0029);
    otherwise it says what is unknown and why.
    """
    n = len(heard.participants)
    paragraphs: list[str] = []
    if n == 0:
        return _(
            "No young people's input has been linked to this matter. Consider how children and "
            "young people can be heard before the decision (the Convention on the Rights of the "
            "Child, article 12)."
        )
    if n < 5:
        return _(
            "Fewer than 5 young people took part, so no groups can be described without "
            "risking that someone is identified. Consider asking more young people before the "
            "decision (the Convention on the Rights of the Child, article 12)."
        )
    channels = _join([c.label.lower() for c in item.channels])
    paragraphs.append(
        ngettext(
            "%(n)s young person gave their views on this matter through %(channels)s.",
            "%(n)s young people gave their views on this matter through %(channels)s.",
            n,
        )
        % {"n": number(n), "channels": channels}
        + " "
        + _(
            "Children and young people have the right to express their views in all matters "
            "affecting them (the Convention on the Rights of the Child, article 12)."
        )
    )

    who: list[str] = []
    largest: list[str] = []
    too_little: list[str] = []
    for table in item.demographics:
        counts = heard.counts[table.dimension]
        known = counts.answered_total
        unknown = n - known
        supported = known >= KNOWN_SHARE_FOR_FINDINGS * n
        if unknown:
            amount, parts = _unknown_parts(table, heard)
            sentence = _unknown_sentence(table.dimension, n, amount)
            who.append(f"{sentence}: {_join(parts)}." if parts else f"{sentence}.")
        if not supported:
            too_little.append(table.dimension)
            continue
        who.extend(_findings_sentences(table.dimension, counts))
        shown = [r for r in table.answered_rows if r.count]
        if shown and known:
            top = max(shown, key=lambda r: r.count or 0)
            # A share needs its base: only when every answered group is shown, or the
            # share would give a hidden count away.
            if all(r.count is not None for r in table.rows if r.status == ANSWERED):
                largest.append(
                    _("%(label)s (%(pct)s)")
                    % {
                        "label": top.label,
                        "pct": percent(100 * (top.count or 0) / known, decimals=0),
                    }
                )
            else:
                largest.append(top.label)
    if largest:
        who.insert(
            0,
            _("Among those who said who they are, the largest groups were %(groups)s.")
            % {"groups": _join(largest)},
        )
    if too_little:
        who.append(
            _(
                "Too few said who they are to tell which groups were missing: that needs "
                "answers from at least 80 percent of the participants."
            )
        )
    paragraphs.append(" ".join(who))
    # What they said is the item's findings, on page 1 and at the top of the item: not
    # repeated here.
    paragraphs.append(
        _(
            "Before the decision: describe how the matter affects girls and boys differently, "
            "and how the groups that were not heard can be reached."
        )
    )
    return "\n\n".join(paragraphs)


def _question_finding(q: ShownQuestionResult) -> str | None:
    if not q.total:
        return None
    if q.kind == QuestionKind.SCALE:
        if q.mean is None:
            return None
        return _("To “%(q)s” the average answer was %(mean)s.") % {
            "q": q.text,
            "mean": number(q.mean, decimals=1),
        }
    if q.kind == QuestionKind.BUDGET:
        given = [o for o in q.options if o.amount is not None]
        if not given:
            return None
        top = max(given, key=lambda o: o.amount or 0)
        return _("In “%(q)s” most was given to “%(a)s” (%(amount)s %(unit)s).") % {
            "q": q.text,
            "a": top.label,
            "amount": number(top.amount or 0),
            "unit": q.unit,
        }
    shown = [o for o in q.options if o.count is not None and o.percent is not None]
    if not shown:
        return None
    top = max(shown, key=lambda o: o.count or 0)
    tied = [o for o in shown if o.count == top.count]
    if len(tied) > 1:
        # A tie has no "most common answer".
        return _("To “%(q)s” the answers %(a)s were given equally often (%(pct)s each).") % {
            "q": q.text,
            "a": _join([f"”{o.label}”" for o in tied]),
            "pct": percent(top.percent, decimals=0),
        }
    return _("To “%(q)s” the most common answer was “%(a)s” (%(pct)s).") % {
        "q": q.text,
        "a": top.label,
        "pct": percent(top.percent, decimals=0),
    }


def what_they_said(item: BriefItem) -> list[str]:
    """The top answer to each question and the most supported ideas, one sentence each."""
    said = []
    questions = [q for p in item.polls for q in p.questions] + [
        q for a in item.activities for q in a.questions
    ]
    for question in questions:
        sentence = _question_finding(question)
        if sentence:
            said.append(sentence)
    top_ideas = [i for i in item.top_ideas if i.supports][:3]  # None: fewer than 5
    if item.ideas:
        sent = ngettext("They sent %(n)s idea.", "They sent %(n)s ideas.", item.ideas) % {
            "n": number(item.ideas)
        }
        if top_ideas:
            sent += " " + _("Most supported: %(ideas)s.") % {
                "ideas": _join(
                    [
                        ngettext(
                            "“%(title)s” (%(n)s supporter)",
                            "“%(title)s” (%(n)s supporters)",
                            i.supports or 0,
                        )
                        % {"title": i.title, "n": number(i.supports or 0)}
                        for i in top_ideas
                    ]
                )
            }
        said.append(sent)
    return said
