from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from forum.core.errors import NotFound, SessionEnded, SessionNotStarted, UnknownJoinCode
from forum.core.roles import Role
from forum.core.suppression import shown_count, suppress_choices
from forum.core.translations import TranslationForm, translatable, translation_form
from forum.ideas.models import Idea, IdeaBoard, Support
from forum.live.models import (
    JOIN_CODE_LENGTH,
    QUESTION_KINDS,
    ActivityKind,
    LiveActivity,
    LiveSession,
    LiveSessionState,
    OfflineWorkshop,
    QaQuestion,
    QaStatus,
    QaUpvote,
    WorkshopChoice,
)
from forum.live.phases import PhaseView, Presenter, phase_view
from forum.moderation.models import ModerationState
from forum.moderation.services import text_screen, word_lists_load
from forum.participation.access import require_forum_staff
from forum.participation.models import Forum, Participant
from forum.participation.selectors import about_you_asked_ids
from forum.polls.answers import text_max
from forum.polls.models import (
    Poll,
    PollStatus,
    Question,
    QuestionKind,
    Response,
    ResultsVisibility,
    TextStatus,
)
from forum.polls.selectors import (
    POLL_DISPLAY_FIELDS,
    MyAnswer,
    OwnAnswers,
    PollResults,
    QuestionResult,
    participant_answers_to,
    participant_own_answers,
    participants_answers_to,
    poll_results,
    poll_results_public,
    poll_with_questions,
)


def normalise_join_code(code: str) -> str:
    return "".join(code.split()).upper()[: JOIN_CODE_LENGTH + 1]


def live_session_by_code(*, code: str, running_only: bool = False) -> LiveSession:
    """The session behind a join code; with ``running_only`` an ended one is SessionEnded
    and one still being prepared is SessionNotStarted."""
    session = (
        LiveSession.objects.select_related("forum")
        .filter(join_code=normalise_join_code(code))
        .first()
    )
    if session is None:
        raise UnknownJoinCode()
    if running_only:
        live_session_running_check(session=session)
    return session


def live_session_running_check(*, session: LiveSession) -> None:
    """SessionNotStarted while it is being prepared, SessionEnded once it has ended."""
    if session.state == LiveSessionState.DRAFT:
        raise SessionNotStarted()
    if session.state != LiveSessionState.RUNNING:
        raise SessionEnded()


@dataclass(frozen=True)
class LiveSnapshot:
    """Everything a screen needs to draw a live session, identical for every viewer."""

    session: LiveSession
    poll: Poll | None
    results: PollResults | None
    activities: list[LiveActivity] = field(default_factory=list)
    current: "ActivityState | None" = None


@dataclass(frozen=True)
class QaEntry:
    id: int
    text: str
    upvotes: int
    answered: bool
    pinned: bool


@dataclass(frozen=True)
class WallCard:
    """One published open-text answer on an open question wall."""

    id: int
    text: str


@dataclass(frozen=True)
class WallState:
    """The newest published answers (at most WALL_MAX_CARDS) and how many there are."""

    cards: list[WallCard]
    total: int


# A wall shows the newest cards; older ones stay in the export.
WALL_MAX_CARDS = 60


@dataclass(frozen=True)
class ActivityState:
    """What the current activity shows: only what every phone may see.

    ``results`` is None while results are hidden; ``qa`` holds published questions only
    (held and hidden ones never leave the server in a shared frame). A word cloud's
    ``results`` carry the word counts of published answers (``words``, top 40); an open
    wall's ``wall`` carries the published answers as cards, None while results are hidden.
    """

    activity: LiveActivity
    answer_count: int
    results: QuestionResult | None
    qa: list[QaEntry]
    wall: WallState | None = None
    # Idea collection: the board's published ideas, most supported first, and the newest.
    ideas: list["IdeaCard"] = field(default_factory=list)
    ideas_newest: list["IdeaCard"] = field(default_factory=list)
    # How many answers or questions wait for a youth worker: a count only, never their text.
    held: int = 0


def live_session_snapshot(*, code: str) -> LiveSnapshot:
    session = live_session_by_code(code=code)
    poll = poll_with_questions(poll_id=session.current_poll_id) if session.current_poll_id else None
    results = poll_results(poll=poll) if poll else None
    activities = list(
        session.activities.select_related("question__poll", "board")
        .defer("question__poll__image", "image")
        .prefetch_related("question__options")
    )
    current = next((a for a in activities if a.pk == session.current_activity_id), None)
    return LiveSnapshot(
        session=session,
        poll=poll,
        results=results if session.results_visible else None,
        activities=activities,
        current=activity_state(session=session, activity=current, results=results)
        if current
        else None,
    )


def live_presenter(*, session: LiveSession, activities: Sequence[LiveActivity]) -> Presenter:
    """The state machine's inputs (forum/live/phases.py) from the session row and its list."""
    ids = [a.pk for a in activities]
    index = ids.index(session.current_activity_id) if session.current_activity_id in ids else -1
    current = activities[index] if index >= 0 else None
    return Presenter(
        session_state=session.state,
        has_activity=current is not None,
        takes_answers=current is not None and current.kind != ActivityKind.INFO_SLIDE,
        # Nothing chosen yet but a poll on the screens (a session started from a poll).
        has_results=current.kind in QUESTION_KINDS
        if current is not None
        else session.current_poll_id is not None,
        answering_open=session.answering_open,
        results_visible=session.results_visible,
        countdown_ends_at=session.countdown_ends_at,
        index=index,
        count=len(activities),
    )


def live_phase(*, snapshot: LiveSnapshot, now: datetime | None = None) -> PhaseView:
    """The current activity's phase and allowed steps: computed when a frame is written,
    not when the (cached) snapshot was built, since a countdown ends by the clock."""
    presenter = live_presenter(session=snapshot.session, activities=snapshot.activities)
    return phase_view(presenter, now or timezone.now())


def live_results_reach_phones(*, snapshot: LiveSnapshot) -> bool:
    """Whether the phones' shared frame may carry results (docs/realtime.md).

    The big screen follows the youth worker's reveal control (``session.results_visible``)
    alone. Phones need that AND the current poll's own visibility mode, judged once for
    the whole session (poll_results_public), never per phone: one frame goes to all.
    """
    if not snapshot.session.results_visible:
        return False
    if snapshot.poll is None:
        return True
    # "After answering" is judged per phone after all: the hub picks each phone's frame by
    # its own answers (live_question_awaiting_answer), so the shared frame may carry them.
    if snapshot.poll.results_visibility == ResultsVisibility.AFTER_ANSWER:
        return True
    return poll_results_public(poll=snapshot.poll)


def live_snapshot_for_phones(*, snapshot: LiveSnapshot) -> LiveSnapshot:
    """``snapshot`` as every phone may see it: without results the poll's mode withholds.

    Before the start (draft) only the title and the state: the prepared activities are
    the youth worker's to reveal, not something a code holder reads in advance.
    """
    if snapshot.session.state == LiveSessionState.DRAFT:
        return replace(snapshot, poll=None, results=None, activities=[], current=None)
    if live_results_reach_phones(snapshot=snapshot):
        return snapshot
    current = snapshot.current
    if current is not None and (current.results is not None or current.wall is not None):
        current = replace(current, results=None, wall=None)
    return replace(snapshot, results=None, current=current)


def live_question_awaiting_answer(*, snapshot: LiveSnapshot) -> int | None:
    """The current question whose results a phone sees only after answering it, if any.

    None when the current activity is no question, or the youth worker chose to show its
    results before answering (``results_before_answer``).
    """
    current = snapshot.current
    if current is None or current.activity.kind not in QUESTION_KINDS:
        return None
    question = current.activity.question
    poll_says_after = (
        question is not None and question.poll.results_visibility == ResultsVisibility.AFTER_ANSWER
    )
    if current.activity.results_before_answer and not poll_says_after:
        return None
    return current.activity.question_id


def live_snapshot_before_answer(*, snapshot: LiveSnapshot) -> LiveSnapshot:
    """``snapshot`` (already as phones may see it) for a phone that has not answered the
    current question yet: without its results, so the phone's state cannot show them."""
    if live_question_awaiting_answer(snapshot=snapshot) is None:
        return snapshot
    current = snapshot.current
    assert current is not None
    return replace(snapshot, results=None, current=replace(current, results=None, wall=None))


def live_snapshot_poll_changed(*, snapshot: LiveSnapshot) -> bool:
    """Whether the snapshot's poll changed since it was built (closed, revealed, new
    settings or picture): those arrive as tally events, but need a full rebuild."""
    if snapshot.poll is None:
        return False
    fresh = Poll.objects.filter(pk=snapshot.poll.pk).values(*POLL_DISPLAY_FIELDS).first()
    if fresh is None:
        return True
    return any(getattr(snapshot.poll, name) != value for name, value in fresh.items())


def live_snapshot_with_fresh_counts(*, snapshot: LiveSnapshot) -> LiveSnapshot:
    """``snapshot`` with its counts re-read: for a change that can only be new answers.

    Two aggregate queries instead of a full rebuild; anything else (the current activity,
    controls, Q&A) changes only with LiveSessionChanged, which rebuilds everything.
    """
    session = snapshot.session
    results = poll_results(poll=snapshot.poll) if snapshot.poll else None
    current = snapshot.current
    if current is not None and current.activity.kind in QUESTION_KINDS:
        current = activity_state(session=session, activity=current.activity, results=results)
    return replace(snapshot, results=results if session.results_visible else None, current=current)


def activity_state(
    *, session: LiveSession, activity: LiveActivity, results: PollResults | None
) -> ActivityState:
    if activity.kind in QUESTION_KINDS:
        question_result = None
        if results is not None:
            question_result = next(
                (q for q in results.questions if q.question_id == activity.question_id), None
            )
        if question_result is None:  # the question's poll is not the session's current poll
            question_result = activity_question_result(activity)
        visible = session.results_visible
        if activity.kind == ActivityKind.OPEN_WALL:
            # The cards are the wall's result; its word counts would only double the frame.
            return ActivityState(
                activity=activity,
                answer_count=question_result.total,
                results=replace(question_result, words=[]) if visible else None,
                qa=[],
                wall=wall_cards(question_id=question_result.question_id) if visible else None,
                held=question_result.held,
            )
        return ActivityState(
            activity=activity,
            answer_count=question_result.total,
            results=question_result if visible else None,
            qa=[],
            held=question_result.held,
        )
    if activity.kind == ActivityKind.QA:
        qa = qa_wall(activity=activity)
        held = QaQuestion.objects.filter(activity=activity, status=QaStatus.HELD).count()
        return ActivityState(
            activity=activity, answer_count=len(qa), results=None, qa=qa, held=held
        )
    if activity.kind == ActivityKind.IDEA_COLLECTION and activity.board_id is not None:
        top, newest, count = idea_collection_cards(board_id=activity.board_id)
        return ActivityState(
            activity=activity,
            answer_count=count,
            results=None,
            qa=[],
            ideas=top,
            ideas_newest=newest,
        )
    return ActivityState(activity=activity, answer_count=0, results=None, qa=[])


def activity_question_result(activity: LiveActivity) -> QuestionResult:
    assert activity.question is not None
    poll = poll_with_questions(poll_id=activity.question.poll_id)
    assert poll is not None
    return next(
        q for q in poll_results(poll=poll).questions if q.question_id == activity.question_id
    )


def wall_cards(*, question_id: int, limit: int = WALL_MAX_CARDS) -> WallState:
    """Published answers to an open-text question, newest first: held and hidden ones
    never appear (they wait in the console's queue)."""
    published = Response.objects.filter(question_id=question_id, text_status=TextStatus.PUBLISHED)
    rows = list(published.order_by("-created_at", "-id").values_list("id", "answer")[:limit])
    total = len(rows) if len(rows) < limit else published.count()
    return WallState(
        cards=[WallCard(id=pk, text=str((answer or {}).get("text", ""))) for pk, answer in rows],
        total=total,
    )


def qa_wall(*, activity: LiveActivity) -> list[QaEntry]:
    """Published questions: pinned first, then unanswered by upvotes, answered last."""
    rows = (
        QaQuestion.objects.filter(activity=activity, status=QaStatus.PUBLISHED)
        .annotate(n=Count("upvotes"))
        .order_by("-pinned", "answered", "-n", "created_at", "id")
    )
    return [
        QaEntry(id=q.pk, text=q.text, upvotes=q.n, answered=q.answered, pinned=q.pinned)
        for q in rows
    ]


@dataclass(frozen=True)
class IdeaCard:
    id: int
    title: str
    text: str
    supports: int


IDEA_CARDS_TOP = 12
IDEA_CARDS_NEWEST = 6


def idea_collection_cards(*, board_id: int) -> tuple[list[IdeaCard], list[IdeaCard], int]:
    """A board's published ideas for the big screen and phones: the most supported (newest
    first among equals), the newest, and how many there are. Held, hidden and rejected
    ideas never leave the server in a shared frame."""
    published = Idea.objects.filter(board_id=board_id, moderation_state=ModerationState.PUBLISHED)
    rows = published.annotate(n=Count("supports")).only("id", "title", "text")
    top = rows.order_by("-n", "-created_at", "-id")[:IDEA_CARDS_TOP]
    newest = rows.order_by("-created_at", "-id")[:IDEA_CARDS_NEWEST]

    def card(i: Idea) -> IdeaCard:
        return IdeaCard(id=i.pk, title=i.title, text=i.text, supports=i.n)  # type: ignore[attr-defined]

    return [card(i) for i in top], [card(i) for i in newest], published.count()


def live_board_ids(*, session: LiveSession) -> set[int]:
    """The idea boards the session's idea collections show."""
    return set(
        session.activities.filter(
            kind=ActivityKind.IDEA_COLLECTION, board__isnull=False
        ).values_list("board_id", flat=True)
    )


@dataclass(frozen=True)
class HeldIdea:
    id: int
    board_id: int
    title: str
    text: str
    status: str
    reasons: list[str]


LIVE_IDEA_QUEUE_LIMIT = 50


def live_idea_queue(*, session: LiveSession) -> list[HeldIdea]:
    """Held and hidden ideas on the session's boards: for the youth worker's console only."""
    rows = Idea.objects.filter(
        board_id__in=live_board_ids(session=session),
        moderation_state__in=[ModerationState.HELD, ModerationState.HIDDEN],
    ).order_by("moderation_state", "-created_at", "-id")[:LIVE_IDEA_QUEUE_LIMIT]
    return [
        HeldIdea(
            id=i.pk,
            board_id=i.board_id,
            title=i.title,
            text=i.text,
            status=i.moderation_state,
            reasons=[str(r) for r in (i.screen_reasons or [])],
        )
        for i in rows
    ]


@dataclass(frozen=True)
class HeldQuestion:
    """One entry of the console's moderation queue.

    ``kind`` says what ``id`` is: ``qa`` a Q&A question, ``answer`` an open-text answer
    (polls.Response) to a word cloud, wall or poll question of the session. The two id
    spaces overlap, so the console keys entries by both.
    """

    id: int
    activity_id: int
    text: str
    status: str
    reasons: list[str]
    kind: str = "qa"


QUEUE_KIND_QA = "qa"
QUEUE_KIND_ANSWER = "answer"


def live_moderation_queue(*, session: LiveSession) -> list[HeldQuestion]:
    """Held and hidden Q&A questions and open-text answers: for the youth worker's console
    only. Held ones first (they wait for a decision), then hidden ones, oldest first."""
    rows = QaQuestion.objects.filter(
        activity__session=session, status__in=[QaStatus.HELD, QaStatus.HIDDEN]
    ).order_by("status", "created_at", "id")
    entries = [
        (
            q.status,
            q.created_at,
            HeldQuestion(
                id=q.pk,
                activity_id=q.activity_id,
                text=q.text,
                status=q.status,
                reasons=[r for r in q.hold_reasons.split(",") if r],
            ),
        )
        for q in rows
    ]
    entries.extend(
        (answer.status, answer.created_at, answer.entry)
        for answer in _held_open_text_answers(session=session)
    )
    entries.sort(key=lambda e: (e[0] != QaStatus.HELD, e[1], e[2].kind, e[2].id))
    return [entry for _status, _created, entry in entries]


@dataclass(frozen=True)
class _HeldAnswer:
    status: str
    created_at: Any
    entry: HeldQuestion


def _held_open_text_answers(*, session: LiveSession) -> list[_HeldAnswer]:
    """Held and hidden open-text answers to the session's question activities.

    The screening reasons are not stored with an answer; they are worked out again from
    the text (the same rules, so the same reasons) for the few answers in the queue.
    """
    activity_of: dict[int, int] = {}
    for activity_id, question_id in (
        session.activities.filter(
            kind__in=list(QUESTION_KINDS), question__kind=QuestionKind.OPEN_TEXT
        )
        .order_by("position", "id")
        .values_list("id", "question_id")
    ):
        activity_of.setdefault(question_id, activity_id)  # the first activity showing it
    if not activity_of:
        return []
    rows = Response.objects.filter(
        question_id__in=list(activity_of),
        text_status__in=[TextStatus.HELD, TextStatus.HIDDEN],
    ).values_list("id", "question_id", "answer", "text_status", "created_at")
    pre_moderated = session.forum.pre_moderation
    lists = word_lists_load() if rows else None
    held: list[_HeldAnswer] = []
    for pk, question_id, answer, status, created_at in rows:
        text = str((answer or {}).get("text", ""))
        reasons = [
            str(r) for r in text_screen(text=text, pre_moderated=pre_moderated, lists=lists).reasons
        ]
        held.append(
            _HeldAnswer(
                status=QaStatus.HELD if status == TextStatus.HELD else QaStatus.HIDDEN,
                created_at=created_at,
                entry=HeldQuestion(
                    id=pk,
                    activity_id=activity_of[question_id],
                    text=text,
                    status=status,
                    reasons=reasons,
                    kind=QUEUE_KIND_ANSWER,
                ),
            )
        )
    return held


@dataclass(frozen=True)
class OwnQuestion:
    id: int
    text: str
    status: str


@dataclass(frozen=True)
class ParticipantState:
    """One phone's own answers, upvotes and questions: sent to that phone only."""

    answers: dict[int, int]
    upvoted: list[int]
    questions: list[OwnQuestion]
    # Every kind's full answer (the body it was sent with), so a reloaded phone can show it.
    full_answers: list[MyAnswer] = field(default_factory=list)
    # Idea collections: the ideas this phone supports and its own ideas (with their state).
    supported: list[int] = field(default_factory=list)
    ideas: list["OwnIdea"] = field(default_factory=list)
    # Whether this device was already asked 'about you' in the session's forum (answered or
    # skipped, here or in a poll or idea board): then the phone does not offer it again.
    # None while the session does not ask (not looked up: one query less per reconnect).
    about_you_asked: bool | None = None


@dataclass(frozen=True)
class OwnIdea:
    id: int
    title: str
    status: str


def live_participant_answers(
    *,
    session: LiveSession,
    participant: Participant | None,
    activities: Sequence[LiveActivity] | None = None,
) -> list[MyAnswer]:
    """The phone's own full answers to the session's poll questions, in any kind.

    ``activities``: every activity of the session when the caller has them (a snapshot's),
    so they need not be read again."""
    if participant is None:
        return []
    if activities is None:
        activities = list(session.activities.filter(kind__in=QUESTION_KINDS))
    question_ids = [a.question_id for a in activities if a.kind in QUESTION_KINDS and a.question_id]
    return participant_answers_to(question_ids=question_ids, participant=participant)


def live_phone_own_answers(
    *, snapshot: LiveSnapshot, poll: Poll | None, participant: Participant | None
) -> OwnAnswers:
    """A device's own answers for the live state, in one query: its one-option answers to
    ``poll`` (the poll it is shown, None before the start) and its full answers to every
    question the snapshot's activities show."""
    return participant_own_answers(
        option_question_ids=[q.pk for q in poll.questions.all()] if poll is not None else [],
        full_question_ids=[
            a.question_id for a in snapshot.activities if a.kind in QUESTION_KINDS and a.question_id
        ],
        participant=participant,
    )


def live_participant_state(
    *, session: LiveSession, participant: Participant | None
) -> ParticipantState:
    if participant is None:
        return ParticipantState(answers={}, upvoted=[], questions=[])
    return live_participants_state(session=session, participants=[participant])[participant.pk]


def live_participants_state(
    *, session: LiveSession, participants: Sequence[Participant]
) -> dict[int, ParticipantState]:
    """Several phones' own answers, upvotes and questions (participant id -> state).

    Four queries however many phones (one more while the session asks 'about you', two
    more when it collects ideas): for a hall reconnecting at once (a worker died, the wifi
    came back), whose sockets each need their own "mine" frame.
    """
    ids = [p.pk for p in participants]
    if not ids:
        return {}
    question_ids = session.activities.filter(kind__in=QUESTION_KINDS).values("question_id")
    answers = participants_answers_to(question_ids=question_ids, participant_ids=ids)
    upvoted: dict[int, list[int]] = defaultdict(list)
    for participant_id, question_id in QaUpvote.objects.filter(
        participant_id__in=ids, question__activity__session=session
    ).values_list("participant_id", "question_id"):
        upvoted[participant_id].append(question_id)
    questions: dict[int, list[OwnQuestion]] = defaultdict(list)
    for q in QaQuestion.objects.filter(participant_id__in=ids, activity__session=session):
        questions[q.participant_id].append(OwnQuestion(id=q.pk, text=q.text, status=q.status))
    # Idea collections: two more queries, only when the session shows an idea board.
    supported: dict[int, list[int]] = defaultdict(list)
    ideas: dict[int, list[OwnIdea]] = defaultdict(list)
    boards = live_board_ids(session=session)
    if boards:
        for participant_id, idea_id in Support.objects.filter(
            participant_id__in=ids, idea__board_id__in=boards
        ).values_list("participant_id", "idea_id"):
            supported[participant_id].append(idea_id)
        for idea in Idea.objects.filter(participant_id__in=ids, board_id__in=boards).order_by(
            "created_at", "id"
        ):
            ideas[idea.participant_id].append(
                OwnIdea(id=idea.pk, title=idea.title, status=idea.moderation_state)
            )
    asked = (
        about_you_asked_ids(forum_id=session.forum_id, participant_ids=ids)
        if session.ask_about_you
        else None
    )
    return {
        pk: ParticipantState(
            answers={
                a.question_id: a.answer["option_id"] for a in answers[pk] if "option_id" in a.answer
            },
            upvoted=sorted(upvoted[pk]),
            questions=questions[pk],
            full_answers=answers[pk],
            supported=sorted(supported[pk]),
            ideas=ideas[pk],
            about_you_asked=None if asked is None else pk in asked,
        )
        for pk in ids
    }


def live_activity_image(*, code: str, activity_id: int, staff: bool) -> LiveActivity:
    """An info slide's picture, for anyone holding the join code once the session has
    started; before that only for ``staff`` (like the activities themselves)."""
    session = live_session_by_code(code=code)
    if session.state == LiveSessionState.DRAFT and not staff:
        raise NotFound()
    activity = session.activities.filter(pk=activity_id).exclude(image_type="").first()
    if activity is None or not activity.image:
        raise NotFound()
    return activity


@dataclass(frozen=True)
class ExportRow:
    """One line of a session's results export.

    Counts of 1–4 are suppressed (``None``) per question, with a complementary cell, as in
    every report that leaves the room (forum/core/suppression.py). Texts (Q&A questions,
    ideas, open answers) are only published ones: held or hidden text is never exported.
    """

    step: int
    kind: str
    activity: str
    item: str
    count: int | None
    percent: float | None
    note: str
    # False for a row that has no count at all (an approved text, an info slide).
    counted: bool = True
    # Hidden though 5 or more, so a small group cannot be worked out: "hidden".
    hidden_to_protect: bool = False


@dataclass(frozen=True)
class OpenTextQuestion:
    id: int
    text: str
    poll_id: int
    poll_title: str
    poll_status: str
    max_length: int


# The console's picker lists the forum's newest open-text questions.
OPEN_TEXT_PICK_LIMIT = 50


def live_open_text_questions(*, session: LiveSession) -> list[OpenTextQuestion]:
    """Open-text questions of the session's forum a word cloud or wall can show: polls
    that are not closed or archived, newest first."""
    questions = (
        Question.objects.filter(poll__forum_id=session.forum_id, kind=QuestionKind.OPEN_TEXT)
        .exclude(poll__status__in=[PollStatus.CLOSED, PollStatus.ARCHIVED])
        .select_related("poll")
        .defer("poll__image")
        .order_by("-poll__created_at", "-poll_id", "position")[:OPEN_TEXT_PICK_LIMIT]
    )
    return [
        OpenTextQuestion(
            id=q.pk,
            text=q.text,
            poll_id=q.poll_id,
            poll_title=q.poll.title,
            poll_status=q.poll.current_status,
            max_length=text_max(q),
        )
        for q in questions
        if q.poll.current_status not in (PollStatus.CLOSED, PollStatus.ARCHIVED)
    ]


@dataclass(frozen=True)
class PrepareView:
    """A session as its youth worker prepares it, with what can be added to it."""

    session: LiveSession
    activities: list[LiveActivity]
    questions: list[Question]
    boards: list[IdeaBoard]


def live_session_prepare_view(*, session: LiveSession) -> PrepareView:
    activities = list(
        session.activities.select_related("question__poll", "board")
        .defer("question__poll__image", "image")
        .prefetch_related("question__options")
    )
    questions = list(
        Question.objects.filter(poll__forum_id=session.forum_id)
        .exclude(poll__status__in=[PollStatus.CLOSED, PollStatus.ARCHIVED])
        .select_related("poll")
        .defer("poll__image")
        .order_by("poll__title", "poll_id", "position", "id")
    )
    now = timezone.now()
    boards = list(
        IdeaBoard.objects.filter(forum_id=session.forum_id)
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .order_by("-id")
    )
    return PrepareView(session=session, activities=activities, questions=questions, boards=boards)


def activity_values(activity: LiveActivity) -> dict[str, Any]:
    """An activity's editable values, as an editor shows them (conflict messages)."""
    question = activity.question
    return {
        "id": activity.pk,
        "kind": activity.kind,
        "position": activity.position,
        "title": activity.title,
        "body": activity.body,
        "seconds": activity.seconds,
        "question_text": question.text if question is not None else "",
        "question_kind": question.kind if question is not None else "",
        "options": [o.label for o in question.options.all()] if question is not None else [],
    }


def edit_conflict_details(*, session: LiveSession) -> dict[str, Any]:
    """What the last edit of ``session`` was: who, when, which activity and its current
    values (``None`` when it was removed), and the current order of the activities."""
    last = session.last_edit or {}
    editor = session.edited_by
    activity_id = last.get("activity_id")
    activity = (
        session.activities.select_related("question").defer("image").filter(pk=activity_id).first()
        if activity_id is not None
        else None
    )
    return {
        "current_version": session.edit_version,
        "edited_by": (editor.get_full_name() or editor.get_username()) if editor else "",
        "edited_at": session.edited_at.isoformat() if session.edited_at else None,
        "action": last.get("action", ""),
        "activity_id": activity_id,
        "activity": activity_values(activity) if activity is not None else None,
        "order": list(session.activities.values_list("pk", flat=True)),
    }


def activity_translation_form(*, code: str, activity_id: int) -> TranslationForm:
    """An activity's title and text, and its question's (with options) when it has one."""
    activity = (
        LiveActivity.objects.select_related("session__forum", "question")
        .prefetch_related("question__options")
        .filter(pk=activity_id, session__join_code=normalise_join_code(code))
        .first()
    )
    if activity is None:
        raise NotFound()
    children = []
    question = activity.question
    if question is not None:
        options = [translatable(o, kind="option") for o in question.options.all()]
        children.append(translatable(question, kind="question", children=options))
    return translation_form(
        translatable(activity, kind="activity", children=children),
        offered=activity.session.forum.languages,
    )


# --- workshops entered by hand ----------------------------------------------------------------


# Who enters and reads workshop results: youth workers of the forum and officials.
WORKSHOP_STAFF = (Role.YOUTH_WORKER, Role.OFFICIAL)


@dataclass(frozen=True)
class WorkshopOptionShown:
    """One option's count after the suppression rule: None is hidden ("fewer than 5", or
    ``hidden_to_protect`` when it is 5 or more and hidden to protect a small one)."""

    text: str
    count: int | None
    hidden_to_protect: bool = False


@dataclass(frozen=True)
class WorkshopOptionEntered:
    text: str
    count: int


@dataclass(frozen=True)
class WorkshopShown:
    """A workshop entered by hand, as every output shows it: marked as such, with its
    counts suppressed like any other (participants under 5: nothing but that)."""

    id: int
    forum_id: int
    title: str
    method: str
    method_name: str
    held_on: date
    place: str
    participants: int | None
    choice: str
    note: str
    options: list[WorkshopOptionShown]
    quotes: list[str]
    entered_by: str
    entered_at: datetime
    entered_by_hand: bool = True


@dataclass(frozen=True)
class WorkshopEntered:
    """The figures exactly as typed in, for the staff who correct them (never published)."""

    participants: int
    options: list[WorkshopOptionEntered]


def workshop_shown(workshop: OfflineWorkshop) -> WorkshopShown:
    options = list(workshop.options.all())
    counts = suppress_choices(
        {i: o.count for i, o in enumerate(options)},
        respondents=workshop.participants,
        partition=workshop.choice == WorkshopChoice.SINGLE,
    )
    small = shown_count(workshop.participants) is None
    user = workshop.entered_by
    return WorkshopShown(
        id=workshop.pk,
        forum_id=workshop.forum_id,
        title=workshop.title,
        method=workshop.method,
        method_name=str(workshop.get_method_display()),
        held_on=workshop.held_on,
        place=workshop.place,
        participants=shown_count(workshop.participants),
        choice=workshop.choice,
        note=workshop.note,
        options=[
            WorkshopOptionShown(
                text=o.text, count=counts.cells[i], hidden_to_protect=counts.hidden_to_protect(i)
            )
            for i, o in enumerate(options)
        ],
        # Fewer than 5 there: their words could point at one of them, so none are shown.
        quotes=[] if small else [q.text for q in workshop.quotes.all()],
        entered_by=(user.get_full_name() or user.get_username()) if user is not None else "",
        entered_at=workshop.entered_at,
    )


def _workshops() -> QuerySet[OfflineWorkshop]:
    return OfflineWorkshop.objects.select_related("entered_by").prefetch_related(
        "options", "quotes"
    )


def forum_workshops(*, forum: Forum, viewer: Any) -> list[WorkshopShown]:
    """A forum's workshops entered by hand, newest first (for its staff)."""
    require_forum_staff(viewer, forum, *WORKSHOP_STAFF)
    return [workshop_shown(w) for w in _workshops().filter(forum=forum)]


def workshop_get(*, workshop_id: int, viewer: Any) -> OfflineWorkshop:
    """One workshop, for staff of its forum (anyone else: not found or not allowed)."""
    workshop = _workshops().select_related("forum").filter(pk=workshop_id).first()
    if workshop is None:
        raise NotFound()
    require_forum_staff(viewer, workshop.forum, *WORKSHOP_STAFF)
    return workshop


def workshop_entered(workshop: OfflineWorkshop) -> WorkshopEntered:
    return WorkshopEntered(
        participants=workshop.participants,
        options=[WorkshopOptionEntered(text=o.text, count=o.count) for o in workshop.options.all()],
    )
