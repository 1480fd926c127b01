"""The one state machine of a live activity: what phase it is in and which steps are allowed.

Every screen (big screen, console, phone) renders from the phase the snapshot carries, and
every presenter service checks its step here first, so a screen can never show "answers
are open" beside "time is up", and the console never offers a step the server refuses.

The machine is pure (no database): the presenter fields of the session row
(``answering_open``, ``results_visible``, ``countdown_ends_at``) plus the current activity's
kind and place in the list go in, a phase and the allowed actions come out. The clock is
an input: a countdown that has passed is over without any process noticing, so a snapshot
also carries the phase it turns into at ``ends_at`` (``PhaseView.after``).
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Phase(StrEnum):
    DRAFT = "draft"  # the session is being prepared: nothing on the screens yet
    WAITING = "waiting"  # running, but no activity chosen yet
    PRESENTING = "presenting"  # an activity that takes no answers (info slide)
    OPEN = "open"  # answers are taken
    COUNTING_DOWN = "counting_down"  # answers are taken until ``ends_at``
    CLOSED = "closed"  # no more answers; results hidden
    REVEALED = "revealed"  # no more answers; results shown
    ENDED = "ended"  # the session is over


class Action(StrEnum):
    """The console's steps (POST /api/live/{code}/control ``action``)."""

    NEXT = "next"
    PREVIOUS = "previous"
    GOTO = "goto"
    OPEN = "open"
    LOCK = "lock"
    REVEAL = "reveal"
    HIDE = "hide"
    COUNTDOWN = "countdown"
    COUNTDOWN_STOP = "countdown_stop"
    PACING = "pacing"
    ABOUT_YOU = "about_you"


# Settings of the whole session, not steps of the activity: allowed whenever it runs.
SESSION_SETTINGS = (Action.PACING, Action.ABOUT_YOU)
ANSWER_PHASES = frozenset({Phase.OPEN, Phase.COUNTING_DOWN})
CLOSED_PHASES = frozenset({Phase.CLOSED, Phase.REVEALED})


@dataclass(frozen=True)
class Presenter:
    """The inputs of the machine, read from the session row and its activity list."""

    session_state: str  # LiveSessionState value: draft, running, ended
    has_activity: bool
    takes_answers: bool  # the current activity collects something (all but info slides)
    has_results: bool  # the current activity has results to reveal (poll questions, cloud, wall)
    answering_open: bool
    results_visible: bool
    countdown_ends_at: datetime | None
    index: int  # the current activity's place, -1 when none
    count: int  # how many activities the session has


def phase_at(p: Presenter, now: datetime) -> Phase:
    if p.session_state == "draft":
        return Phase.DRAFT
    if p.session_state != "running":
        return Phase.ENDED
    if not p.has_activity:
        return Phase.WAITING
    if not p.takes_answers:
        return Phase.PRESENTING
    counting = p.countdown_ends_at is not None and p.countdown_ends_at > now
    if p.answering_open and (p.countdown_ends_at is None or counting):
        return Phase.COUNTING_DOWN if counting else Phase.OPEN
    if p.has_results and p.results_visible:
        return Phase.REVEALED
    return Phase.CLOSED


def allowed_actions(p: Presenter, now: datetime) -> list[Action]:
    """The steps that change something in the phase at ``now``, in the console's order."""
    phase = phase_at(p, now)
    if phase in (Phase.DRAFT, Phase.ENDED):
        return []
    actions: list[Action] = []
    if phase == Phase.WAITING:
        if p.has_results:
            actions.append(Action.HIDE if p.results_visible else Action.REVEAL)
        if p.count:
            actions += [Action.NEXT, Action.GOTO]
        return [*actions, *SESSION_SETTINGS]
    if phase == Phase.OPEN:
        actions += [Action.LOCK, Action.COUNTDOWN]
    elif phase == Phase.COUNTING_DOWN:
        actions += [Action.LOCK, Action.COUNTDOWN_STOP]
    elif phase in CLOSED_PHASES:
        actions += [Action.OPEN, Action.COUNTDOWN]
    if p.has_results and phase != Phase.PRESENTING:
        # Live results while answering are the youth worker's choice too.
        actions.append(Action.HIDE if p.results_visible else Action.REVEAL)
    if p.index > 0:
        actions.append(Action.PREVIOUS)
    if 0 <= p.index < p.count - 1:
        actions.append(Action.NEXT)
    if p.count > 1:
        actions.append(Action.GOTO)
    return [*actions, *SESSION_SETTINGS]


@dataclass(frozen=True)
class PhaseView:
    """The phase as a snapshot carries it; ``after`` is what it becomes at ``ends_at``."""

    name: Phase
    actions: list[Action]
    ends_at: datetime | None = None
    after: "PhaseView | None" = None


def phase_view(p: Presenter, now: datetime) -> PhaseView:
    name = phase_at(p, now)
    if name != Phase.COUNTING_DOWN:
        return PhaseView(name=name, actions=allowed_actions(p, now))
    ends_at = p.countdown_ends_at
    assert ends_at is not None
    return PhaseView(
        name=name,
        actions=allowed_actions(p, now),
        ends_at=ends_at,
        after=PhaseView(name=phase_at(p, ends_at), actions=allowed_actions(p, ends_at)),
    )


def step_allowed(p: Presenter, action: Action, now: datetime) -> bool:
    """Whether ``action`` is a step the machine allows now (see ``step_is_repeat``)."""
    return action in allowed_actions(p, now)


def step_is_repeat(p: Presenter, action: Action, now: datetime) -> bool:
    """A step whose target the activity is already in (a double tap, a retried request):
    accepted as a no-op rather than refused, so a console retry never shows an error."""
    phase = phase_at(p, now)
    match action:
        case Action.LOCK:
            return phase in CLOSED_PHASES
        case Action.OPEN:
            return phase in ANSWER_PHASES
        case Action.REVEAL:
            return p.has_results and p.results_visible
        case Action.HIDE:
            return p.has_results and not p.results_visible
        case Action.COUNTDOWN_STOP:
            return phase != Phase.COUNTING_DOWN and phase not in (Phase.DRAFT, Phase.ENDED)
        case Action.NEXT:
            return p.count > 0 and p.index == p.count - 1
        case Action.PREVIOUS:
            return p.index == 0
    return False
