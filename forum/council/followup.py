"""The yearly follow-up (for the annual report), for a period and per development area.

Activity counts are taken from what happened in the period: a poll counts if it got an
answer in the period, a participant if they answered one. Every demographic figure is
suppressed (forum.core.suppression); representation against the reference population is
only computed for cells that are shown.
"""

import datetime as dt
import statistics
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forum.budgets.selectors import budget_period_figures
from forum.core.numbers import count as count_words
from forum.core.numbers import number, percent
from forum.core.roles import require_role
from forum.core.suppression import shown_count, suppress_small_cells
from forum.council.activities import activity_participant_ids
from forum.council.brief import DIMENSIONS, label_for
from forum.council.briefdata import NOT_ASKED, SKIPPED
from forum.council.measurement import (
    Measurement,
    PreferenceTable,
    measurement_report,
    preferences_report,
)
from forum.council.models import (
    Decision,
    DevelopmentArea,
    FeedbackEntry,
    PlanningItem,
    PlanningLink,
    ReferencePopulation,
)
from forum.council.selectors import BRIEF_READERS, decisions_with_youth_input
from forum.ideas.models import FeedbackEntry as IdeaFeedbackEntry
from forum.ideas.models import FeedbackStatus, Idea, Support
from forum.live.models import LiveActivity, LiveSession, OfflineWorkshop
from forum.moderation.models import ModerationState
from forum.participation.models import PREFER_NOT_TO_SAY, ParticipantProfile
from forum.polls.models import Poll, Response


@dataclass(frozen=True)
class FollowupRow:
    code: str
    label: str
    count: int | None
    reference: int | None
    share: float | None
    reference_share: float | None
    representation: str | None
    # Hidden though 5 or more, so a small group cannot be worked out: "hidden", not "fewer than 5".
    hidden_to_protect: bool = False

    @property
    def written(self) -> str:
        return count_words(self.count, protected=self.hidden_to_protect)


@dataclass(frozen=True)
class FollowupTable:
    dimension: str
    total: int | None
    has_reference: bool
    rows: list[FollowupRow]


def _figure_labels() -> dict[str, str]:
    return {
        "participants": _("Young people who took part"),
        "participants_live": _("Took part in a live session"),
        "participants_polls": _("Answered a poll on their phone"),
        "participants_ideas": _("Took part on an idea board"),
        "forums": _("Forums held"),
        "sessions": _("Live sessions"),
        "polls": _("Polls"),
        "polls_with_feedback": _("Polls that received feedback"),
        "polls_with_feedback_percent": _("Polls that received feedback (%)"),
        "median_days_to_feedback": _("Median days to first feedback"),
        "median_days_to_decision": _("Median days to a decision"),
        "idea_boards": _("Idea boards"),
        "ideas": _("Ideas"),
        "ideas_with_feedback": _("Ideas that received feedback"),
        "ideas_with_feedback_percent": _("Ideas that received feedback (%)"),
        "ideas_median_days_to_feedback": _("Ideas: median days to first feedback"),
        "ideas_median_days_to_decision": _("Ideas: median days to a decision"),
        "planning_items_with_input": _("Planning items with youth input"),
        "decisions_with_input": _("Decisions made with youth input"),
        "decisions_fed_back": _("Decisions fed back to young people"),
        "decisions_fed_back_percent": _("Decisions fed back to young people (%)"),
        "workshops_by_hand": _("Workshops on site, entered by hand"),
        "workshop_participants_by_hand": _(
            "Young people at workshops on site, entered by hand (not counted above)"
        ),
    }


def figure_labels() -> dict[str, str]:
    """Every figure's name in the active language, by key."""
    return _figure_labels()


# The figures that count people: suppressed, written "fewer than 5" when hidden.
COUNTED_PEOPLE = (
    "participants",
    "participants_live",
    "participants_polls",
    "participants_ideas",
    "workshop_participants_by_hand",
)


@dataclass(frozen=True)
class FollowupFigures:
    participants: int | None
    # Per channel; one person can take part in several, so these overlap.
    participants_live: int | None
    participants_polls: int | None
    participants_ideas: int | None
    forums: int
    sessions: int
    polls: int
    polls_with_feedback: int
    polls_with_feedback_percent: float | None
    median_days_to_feedback: float | None
    median_days_to_decision: float | None
    idea_boards: int
    ideas: int
    ideas_with_feedback: int
    ideas_with_feedback_percent: float | None
    ideas_median_days_to_feedback: float | None
    ideas_median_days_to_decision: float | None
    planning_items_with_input: int
    decisions_with_input: int
    decisions_fed_back: int
    decisions_fed_back_percent: float | None
    # A channel of its own ("on site, by hand"): head counts typed in from paper, never
    # added to ``participants``, whom the app counted one by one (docs/decisions/0052).
    workshops_by_hand: int = 0
    workshop_participants_by_hand: int | None = 0

    def labelled(self) -> list[tuple[str, str, int | float | None]]:
        """(key, label in the active language, value) for every figure, in order."""
        labels = _figure_labels()
        return [(f.name, labels[f.name], getattr(self, f.name)) for f in fields(FollowupFigures)]

    def written(self) -> dict[str, str]:
        """Every figure as the PDF writes it: 1 234, 43,1 days, 33,3 %, "–" when none."""
        out: dict[str, str] = {}
        for f in fields(FollowupFigures):
            value = getattr(self, f.name)
            if f.name in COUNTED_PEOPLE:
                out[f.name] = count_words(value)
            elif value is None:
                out[f.name] = "–"
            elif f.name.endswith("_percent"):
                out[f.name] = percent(value)
            elif isinstance(value, float):
                out[f.name] = number(value, decimals=1)
            else:
                out[f.name] = number(value)
        return out


@dataclass(frozen=True)
class FollowupArea(FollowupFigures):
    code: str = ""
    name: str = ""


@dataclass(frozen=True)
class FollowupBudgets:
    """Participatory budgets in the period: processes running, ballots cast (suppressed),
    proposals funded and the share of them done."""

    processes: int
    ballots: int | None
    proposals_funded: int
    proposals_done: int
    done_percent: float | None
    sentences: list[str]


def followup_budgets(*, start: dt.date, end: dt.date) -> FollowupBudgets:
    figures = budget_period_figures(start=start, end=end)
    sentences = [
        ngettext(
            "%(n)s participatory budget ran in the period.",
            "%(n)s participatory budgets ran in the period.",
            figures.processes,
        )
        % {"n": number(figures.processes)},
        _("Ballots cast in the period: %(ballots)s.") % {"ballots": count_words(figures.ballots)},
    ]
    if figures.proposals_funded:
        sentences.append(
            ngettext(
                "%(n)s proposal was funded; %(done)s of them done (%(percent)s).",
                "%(n)s proposals were funded; %(done)s of them done (%(percent)s).",
                figures.proposals_funded,
            )
            % {
                "n": number(figures.proposals_funded),
                "done": number(figures.proposals_done),
                "percent": percent(figures.done_percent),
            }
        )
    else:
        sentences.append(_("No proposal has been funded yet."))
    return FollowupBudgets(
        processes=figures.processes,
        ballots=figures.ballots,
        proposals_funded=figures.proposals_funded,
        proposals_done=figures.proposals_done,
        done_percent=figures.done_percent,
        sentences=sentences,
    )


@dataclass(frozen=True)
class Followup:
    start: str
    end: str
    area: str | None
    totals: FollowupFigures
    demographics: list[FollowupTable]
    areas: list[FollowupArea]
    measurement: Measurement
    preferences: list[PreferenceTable]
    # Participatory budgets in the period (None when the report is for one area).
    budgets: FollowupBudgets | None = None


# A group is over- or under-represented when its share differs from the reference by >20 %.
REPRESENTATION_MARGIN = 0.2


def period_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """A period of whole days in Stockholm time: from ``start`` up to the day after ``end``."""
    return _bounds(start, end)


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def _median_days(deltas: list[dt.timedelta]) -> float | None:
    if not deltas:
        return None
    return round(statistics.median(d.total_seconds() / 86400 for d in deltas), 1)


def _demographics(participant_ids: set[int]) -> list[FollowupTable]:
    # One profile per participant: the one they updated last (profiles are per forum).
    latest: dict[int, ParticipantProfile] = {}
    for profile in ParticipantProfile.objects.filter(participant_id__in=participant_ids).order_by(
        "updated_at", "id"
    ):
        latest[profile.participant_id] = profile
    reference: dict[str, dict[str, int]] = {}
    for entry in ReferencePopulation.objects.all():
        reference.setdefault(entry.dimension, {})[entry.category] = entry.count
    tables = []
    for dimension, choices in DIMENSIONS.items():
        # No profile in any forum: never asked; a profile left blank: asked and skipped.
        counts = {code: 0 for code in choices.values}
        counts[SKIPPED] = 0
        counts[NOT_ASKED] = 0
        for pid in participant_ids:
            found = latest.get(pid)
            counts[(getattr(found, dimension) or SKIPPED) if found else NOT_ASKED] += 1
        cells = suppress_small_cells(counts)
        ref = reference.get(dimension, {})
        ref_total = sum(ref.values())
        # Shares among those who said which group they belong to.
        known = sum(
            v for k, v in counts.items() if k not in (SKIPPED, NOT_ASKED, PREFER_NOT_TO_SAY)
        )
        rows = []
        for code in counts:
            shown = cells.cells[code]
            row: dict[str, Any] = {
                "code": code,
                "label": label_for(dimension, code),
                "count": shown,
                "hidden_to_protect": cells.hidden_to_protect(code),
                "reference": ref.get(code),
                "share": None,
                "reference_share": None,
                "representation": None,
            }
            if code in ref and ref_total and cells.total is not None:
                row["reference_share"] = round(100 * ref[code] / ref_total, 1)
                if shown is not None and known:
                    row["share"] = round(100 * shown / known, 1)
                    ratio = (shown / known) / (ref[code] / ref_total) if ref[code] else None
                    if ratio is None:
                        row["representation"] = None
                    elif ratio > 1 + REPRESENTATION_MARGIN:
                        row["representation"] = "over"
                    elif ratio < 1 - REPRESENTATION_MARGIN:
                        row["representation"] = "under"
                    else:
                        row["representation"] = "even"
            rows.append(row)
        tables.append(
            FollowupTable(
                dimension=dimension,
                total=cells.total,
                has_reference=bool(ref),
                rows=[FollowupRow(**row) for row in rows],
            )
        )
    return tables


def _figures(*, start: dt.datetime, end: dt.datetime, area: str | None) -> dict[str, Any]:
    responses = Response.objects.filter(created_at__gte=start, created_at__lt=end)
    items = PlanningItem.objects.all()
    if area:
        items = items.filter(area=area)
        linked = PlanningLink.objects.filter(planning_item__area=area, poll__isnull=False).values(
            "poll_id"
        )
        responses = responses.filter(question__poll_id__in=linked)
    poll_ids = set(responses.values_list("question__poll_id", flat=True).distinct())
    participant_ids = set(responses.values_list("participant_id", flat=True).distinct())
    # The phone-poll channel: answers to questions no live activity showed in the room.
    poll_participant_ids = set(
        responses.exclude(question__in=LiveActivity.objects.values("question_id"))
        .values_list("participant_id", flat=True)
        .distinct()
    )
    polls = list(Poll.objects.filter(pk__in=poll_ids))
    sessions = LiveSession.objects.filter(started_at__gte=start, started_at__lt=end)
    activities = LiveActivity.objects.filter(session__in=sessions).select_related(
        "session", "question", "board"
    )
    if area:
        activities = activities.filter(planning_links__planning_item__area=area).distinct()
        sessions = sessions.filter(
            Q(current_poll_id__in=poll_ids) | Q(activities__in=activities)
        ).distinct()
    # Live sessions are a channel of their own: whoever took part in an activity (answered,
    # asked or upvoted a published question, sent an idea) counts once, like everyone else.
    activity_ids = []
    live_participant_ids: set[int] = set()
    for activity in activities:
        heard = activity_participant_ids(activity)
        if heard:
            activity_ids.append(activity.pk)
            live_participant_ids |= heard
    participant_ids |= live_participant_ids
    forum_ids = {p.forum_id for p in polls} | set(sessions.values_list("forum_id", flat=True))

    first_feedback = dict(
        FeedbackEntry.objects.filter(link__poll_id__in=poll_ids, published_at__isnull=False)
        .values("link__poll_id")
        .annotate(first=Min("published_at"))
        .values_list("link__poll_id", "first")
    )

    def since(poll: Poll, when: dt.datetime) -> dt.timedelta:
        began = poll.closed_at or poll.opened_at or poll.created_at
        return max(when - began, dt.timedelta(0))

    # Ideas: published ideas sent in the period (on a board linked to the area's items, or
    # linked one by one); their authors and supporters in the period took part too.
    ideas_qs = Idea.objects.filter(
        moderation_state=ModerationState.PUBLISHED, created_at__gte=start, created_at__lt=end
    )
    if area:
        ideas_qs = ideas_qs.filter(
            Q(planning_links__planning_item__area=area)
            | Q(board__planning_links__planning_item__area=area)
        )
    ideas = list(ideas_qs.distinct().select_related("board"))
    idea_ids = [i.pk for i in ideas]
    idea_participant_ids = {i.participant_id for i in ideas} | set(
        Support.objects.filter(
            idea_id__in=idea_ids, created_at__gte=start, created_at__lt=end
        ).values_list("participant_id", flat=True)
    )
    participant_ids |= idea_participant_ids
    forum_ids |= {i.board.forum_id for i in ideas}
    idea_decided = dict(
        IdeaFeedbackEntry.objects.filter(idea_id__in=idea_ids, status=FeedbackStatus.DECIDED)
        .values("idea_id")
        # A council decision's step happened at the meeting, not when it was typed in.
        .annotate(first=Min(Coalesce("happened_at", "created_at")))
        .values_list("idea_id", "first")
    )
    idea_feedback_deltas = [
        max(i.first_feedback_at - i.created_at, dt.timedelta(0))
        for i in ideas
        if i.first_feedback_at is not None
    ]
    idea_decision_deltas = [
        max(idea_decided[i.pk] - i.created_at, dt.timedelta(0))
        for i in ideas
        if i.pk in idea_decided
    ]

    feedback_deltas = [since(p, first_feedback[p.pk]) for p in polls if p.pk in first_feedback]
    # Decisions with young people's input and the days their input waited come from one
    # selector: "0 decisions" beside a median of days cannot happen.
    decided = decisions_with_youth_input(start=start, end=end, area=area)
    decision_deltas = [
        max(d.decided_at - began, dt.timedelta(0)) for d in decided for began in d.inputs_began
    ]
    fed_back = Decision.objects.filter(
        pk__in=[d.decision_id for d in decided], feedback_published_at__isnull=False
    ).count()
    items_with_input = items.filter(
        Q(links__poll_id__in=poll_ids)
        | Q(links__idea_id__in=idea_ids)
        | Q(links__board__ideas__in=idea_ids)
        | Q(links__activity_id__in=activity_ids)
    ).distinct()
    # Workshops held in the period, entered by hand: their own channel, summed apart.
    workshops = OfflineWorkshop.objects.filter(held_on__gte=start.date(), held_on__lt=end.date())
    if area:
        workshops = workshops.filter(planning_links__planning_item__area=area).distinct()
    by_hand = list(workshops.values_list("participants", flat=True))
    return {
        "workshops_by_hand": len(by_hand),
        "workshop_participants_by_hand": shown_count(sum(by_hand)),
        "participants": shown_count(len(participant_ids)),
        "participants_live": shown_count(len(live_participant_ids)),
        "participants_polls": shown_count(len(poll_participant_ids)),
        "participants_ideas": shown_count(len(idea_participant_ids)),
        "participant_ids": participant_ids,
        "forums": len(forum_ids),
        "sessions": sessions.count(),
        "polls": len(polls),
        "polls_with_feedback": len(feedback_deltas),
        "polls_with_feedback_percent": (
            round(100 * len(feedback_deltas) / len(polls), 1) if polls else None
        ),
        "median_days_to_feedback": _median_days(feedback_deltas),
        "median_days_to_decision": _median_days(decision_deltas),
        "idea_boards": len({i.board_id for i in ideas}),
        "ideas": len(ideas),
        "ideas_with_feedback": len(idea_feedback_deltas),
        "ideas_with_feedback_percent": (
            round(100 * len(idea_feedback_deltas) / len(ideas), 1) if ideas else None
        ),
        "ideas_median_days_to_feedback": _median_days(idea_feedback_deltas),
        "ideas_median_days_to_decision": _median_days(idea_decision_deltas),
        "planning_items_with_input": items_with_input.count(),
        "decisions_with_input": len(decided),
        "decisions_fed_back": fed_back,
        "decisions_fed_back_percent": (
            round(100 * fed_back / len(decided), 1) if decided else None
        ),
    }


def figures_for(*, start: dt.datetime, end: dt.datetime, area: str | None) -> FollowupFigures:
    """The follow-up's figures for one period (and area): the evaluation reads these."""
    figures = _figures(start=start, end=end, area=area)
    figures.pop("participant_ids")
    return FollowupFigures(**figures)


def followup_report(*, start: dt.date, end: dt.date, area: str | None = None) -> Followup:
    """Figures for the annual report; ``area`` limits to one development area."""
    lo, hi = _bounds(start, end)
    overall = _figures(start=lo, end=hi, area=area)
    per_area = []
    for code, name in DevelopmentArea.choices:
        if area and code != area:
            continue
        figures = _figures(start=lo, end=hi, area=code)
        figures.pop("participant_ids")
        per_area.append(FollowupArea(code=code, name=str(name), **figures))
    participant_ids = overall.pop("participant_ids")
    return Followup(
        start=start.isoformat(),
        end=end.isoformat(),
        area=area,
        totals=FollowupFigures(**overall),
        demographics=_demographics(participant_ids),
        areas=per_area,
        measurement=measurement_report(end=hi, last_year=end.year, area=area),
        preferences=preferences_report(start=lo, end=hi),
        # Budgets belong to forums, not to a development area: shown for the whole report.
        budgets=None if area else followup_budgets(start=start, end=end),
    )


def followup_for(*, viewer: Any, start: dt.date, end: dt.date, area: str | None = None) -> Followup:
    """The follow-up for staff who read it: officials, council members and youth workers."""
    require_role(viewer, *BRIEF_READERS)
    return followup_report(start=start, end=end, area=area)
