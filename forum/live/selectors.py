from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from django.db.models import Count

from forum.core.errors import SessionEnded, UnknownJoinCode
from forum.live.models import (
    JOIN_CODE_LENGTH,
    QUESTION_KINDS,
    ActivityKind,
    LiveActivity,
    LiveSession,
    LiveSessionState,
    QaQuestion,
    QaStatus,
    QaUpvote,
)
from forum.participation.models import Participant
from forum.polls.models import Poll
from forum.polls.selectors import (
    POLL_DISPLAY_FIELDS,
    MyAnswer,
    PollResults,
    QuestionResult,
    participant_answers_to,
    participants_answers_to,
    poll_results,
    poll_results_public,
    poll_with_questions,
)


def normalise_join_code(code: str) -> str:
    return "".join(code.split()).upper()[: JOIN_CODE_LENGTH + 1]


def live_session_by_code(*, code: str, running_only: bool = False) -> LiveSession:
    """The session behind a join code; with ``running_only`` an ended one is SessionEnded."""
    session = (
        LiveSession.objects.select_related("forum")
        .filter(join_code=normalise_join_code(code))
        .first()
    )
    if session is None:
        raise UnknownJoinCode()
    if running_only and session.state != LiveSessionState.RUNNING:
        raise SessionEnded()
    return session


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
class ActivityState:
    """What the current activity shows: only what every phone may see.

    ``results`` is None while results are hidden; ``qa`` holds published questions only
    (held and hidden ones never leave the server in a shared frame).
    """

    activity: LiveActivity
    answer_count: int
    results: QuestionResult | None
    qa: list[QaEntry]


def live_session_snapshot(*, code: str) -> LiveSnapshot:
    session = live_session_by_code(code=code)
    poll = poll_with_questions(poll_id=session.current_poll_id) if session.current_poll_id else None
    results = poll_results(poll=poll) if poll else None
    activities = list(
        session.activities.select_related("question__poll")
        .defer("question__poll__image")
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


def live_results_reach_phones(*, snapshot: LiveSnapshot) -> bool:
    """Whether the phones' shared frame may carry results (docs/realtime.md).

    The big screen follows the youth worker's reveal control (``session.results_visible``)
    alone. Phones need that AND the current poll's own visibility mode, judged once for
    the whole session (poll_results_public), never per phone: one frame goes to all.
    """
    if not snapshot.session.results_visible:
        return False
    return snapshot.poll is None or poll_results_public(poll=snapshot.poll)


def live_snapshot_for_phones(*, snapshot: LiveSnapshot) -> LiveSnapshot:
    """``snapshot`` as every phone may see it: without results the poll's mode withholds."""
    if live_results_reach_phones(snapshot=snapshot):
        return snapshot
    current = snapshot.current
    if current is not None and current.results is not None:
        current = replace(current, results=None)
    return replace(snapshot, results=None, current=current)


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
    if current is not None and current.activity.kind == ActivityKind.POLL_QUESTION:
        current = activity_state(session=session, activity=current.activity, results=results)
    return replace(snapshot, results=results if session.results_visible else None, current=current)


def activity_state(
    *, session: LiveSession, activity: LiveActivity, results: PollResults | None
) -> ActivityState:
    if activity.kind == ActivityKind.POLL_QUESTION:
        question_result = None
        if results is not None:
            question_result = next(
                (q for q in results.questions if q.question_id == activity.question_id), None
            )
        if question_result is None:  # the question's poll is not the session's current poll
            question_result = _question_result(activity)
        return ActivityState(
            activity=activity,
            answer_count=question_result.total,
            results=question_result if session.results_visible else None,
            qa=[],
        )
    if activity.kind == ActivityKind.QA:
        qa = qa_wall(activity=activity)
        return ActivityState(activity=activity, answer_count=len(qa), results=None, qa=qa)
    return ActivityState(activity=activity, answer_count=0, results=None, qa=[])


def _question_result(activity: LiveActivity) -> QuestionResult:
    assert activity.question is not None
    poll = poll_with_questions(poll_id=activity.question.poll_id)
    assert poll is not None
    return next(
        q for q in poll_results(poll=poll).questions if q.question_id == activity.question_id
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
class HeldQuestion:
    id: int
    activity_id: int
    text: str
    status: str
    reasons: list[str]


def live_moderation_queue(*, session: LiveSession) -> list[HeldQuestion]:
    """Held and hidden Q&A questions: for the youth worker's console only."""
    rows = QaQuestion.objects.filter(
        activity__session=session, status__in=[QaStatus.HELD, QaStatus.HIDDEN]
    ).order_by("status", "created_at", "id")
    return [
        HeldQuestion(
            id=q.pk,
            activity_id=q.activity_id,
            text=q.text,
            status=q.status,
            reasons=[r for r in q.hold_reasons.split(",") if r],
        )
        for q in rows
    ]


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


def live_participant_answers(
    *, session: LiveSession, participant: Participant | None
) -> list[MyAnswer]:
    """The phone's own full answers to the session's poll questions, in any kind."""
    question_ids = session.activities.filter(kind__in=QUESTION_KINDS).values_list(
        "question_id", flat=True
    )
    return participant_answers_to(question_ids=question_ids, participant=participant)


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

    Three queries however many phones: for a hall reconnecting at once (a worker died,
    the wifi came back), whose sockets each need their own "mine" frame.
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
    return {
        pk: ParticipantState(
            answers={
                a.question_id: a.answer["option_id"] for a in answers[pk] if "option_id" in a.answer
            },
            upvoted=sorted(upvoted[pk]),
            questions=questions[pk],
            full_answers=answers[pk],
        )
        for pk in ids
    }


@dataclass(frozen=True)
class ExportRow:
    """One line of a session's results export.

    Counts of 1–4 are suppressed (``None``) per question, with a complementary cell, as in
    every report that leaves the room (forum/core/suppression.py). Q&A rows carry only
    published questions: held or hidden text is never exported.
    """

    step: int
    kind: str
    activity: str
    item: str
    count: int | None
    percent: float | None
    note: str


def live_session_export(*, session: LiveSession) -> list[ExportRow]:
    from forum.core.suppression import suppress_small_cells

    rows: list[ExportRow] = []
    activities = session.activities.select_related("question").prefetch_related("question__options")
    for activity in activities:
        step = activity.position + 1
        if activity.kind == ActivityKind.POLL_QUESTION and activity.question is not None:
            result = _question_result(activity)
            shown = suppress_small_cells({o.option_id: o.count for o in result.options})
            for option in result.options:
                count = shown.cells[option.option_id]
                rows.append(
                    ExportRow(
                        step=step,
                        kind=activity.kind,
                        activity=activity.question.text,
                        item=option.label,
                        count=count,
                        percent=option.percent if count is not None else None,
                        note="" if shown.total is not None else "fewer than 5 answers",
                    )
                )
        elif activity.kind == ActivityKind.QA:
            for entry in qa_wall(activity=activity):
                rows.append(
                    ExportRow(
                        step=step,
                        kind=activity.kind,
                        activity=activity.title,
                        item=entry.text,
                        count=entry.upvotes,
                        percent=None,
                        note="answered" if entry.answered else "",
                    )
                )
    return rows
