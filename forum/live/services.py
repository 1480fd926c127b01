import logging
import secrets
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.audit import audit_record
from forum.core.errors import (
    ActivityAlreadyShown,
    ActivityIsLive,
    ActivityNotCurrent,
    ActivityStepNotPossible,
    AnsweringLocked,
    ContentBlocked,
    CountdownOutOfRange,
    CountExceedsParticipants,
    DomainError,
    EditConflict,
    FutureDate,
    InvalidInput,
    InvalidStateTransition,
    NegativeCount,
    NotFound,
    PersonalDetailsInText,
    SessionEnded,
    SessionNotStarted,
    TextBlocked,
    UnknownOption,
    WorkshopWithoutResults,
)
from forum.core.events import (
    LiveAnswersModerated,
    LiveSessionChanged,
    events_coalesced,
    live_group,
    publish_on_commit,
)
from forum.core.images import image_alt_clean, image_process
from forum.core.models import AuditAction
from forum.core.roles import Role
from forum.core.text import text_clean, text_clean_optional
from forum.core.translations import writing_language
from forum.ideas.models import Idea, IdeaBoard
from forum.ideas.services import (
    idea_board_create,
    idea_moderate,
    idea_submit,
    idea_support_add,
    idea_support_withdraw,
)
from forum.live.models import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    QUESTION_KINDS,
    ActivityIdea,
    ActivityKind,
    LiveActivity,
    LiveSession,
    LiveSessionState,
    OfflineOption,
    OfflineQuote,
    OfflineWorkshop,
    Pacing,
    QaQuestion,
    QaStatus,
    QaUpvote,
    WorkshopChoice,
    WorkshopMethod,
)
from forum.live.phases import Action, step_allowed, step_is_repeat
from forum.live.selectors import WORKSHOP_STAFF, live_presenter, normalise_join_code
from forum.moderation.models import ModerationActionKind
from forum.moderation.services import Reason, Verdict, text_screen
from forum.participation.access import require_forum_staff
from forum.participation.models import Forum, Participant
from forum.polls.models import (
    Poll,
    PollStatus,
    Question,
    QuestionKind,
    Response,
    ResultsVisibility,
    TextStatus,
)
from forum.polls.services import (
    AnswerWrite,
    PollSettings,
    QuestionSpec,
    open_text_moderate,
    poll_answer_check,
    poll_answers_store,
    poll_create,
    poll_open,
    question_rewrite,
)

logger = logging.getLogger(__name__)

# A poll made for a live activity shows results live as far as the poll goes: whether a
# phone sees them before answering is the activity's choice (``results_before_answer``,
# decisions/0040), which a poll saying "after answering" would override.
LIVE_ACTIVITY_POLL_SETTINGS = PollSettings(results_visibility=ResultsVisibility.LIVE)


def join_code_generate() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def live_session_start(
    *, forum: Forum, poll: Poll, actor: Any, title: str = "", join_code: str | None = None
) -> LiveSession:
    """Start a live session showing ``poll`` and open the poll for answers."""
    require_forum_staff(actor, forum, Role.YOUTH_WORKER, write=True)
    if poll.forum_id != forum.pk:
        raise InvalidInput(fields={"poll_id": [_("The poll does not belong to this forum.")]})
    if poll.status == PollStatus.CLOSED:
        raise InvalidInput(fields={"poll_id": [_("The poll is closed.")]})

    def create(code: str) -> LiveSession:
        session = LiveSession.objects.create(
            forum=forum,
            title=title.strip() or poll.title,
            join_code=code,
            current_poll=poll,
            created_by=actor,
        )
        # One activity per question of the poll, the first one current.
        activities = LiveActivity.objects.bulk_create(
            LiveActivity(
                session=session,
                position=position,
                kind=ActivityKind.POLL_QUESTION,
                question=question,
            )
            for position, question in enumerate(poll.questions.all())
        )
        # bulk_create sends no signals: the session's activities are one audit entry.
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            object_type=LiveActivity._meta.label_lower,
            object_id=str(session.pk),
            forum_id=forum.pk,
            detail={"session": session.pk, "questions": [a.question_id for a in activities]},
        )
        if activities:
            session.current_activity = activities[0]
            session.save(update_fields=["current_activity"])
            LiveActivity.objects.filter(pk=activities[0].pk).update(shown_at=timezone.now())
        poll_open(poll=poll, actor=actor)
        publish_on_commit(live_group(code), LiveSessionChanged(code=code))
        return session

    return _with_free_join_code(create, join_code=join_code)


def _with_free_join_code(
    create: Callable[[str], LiveSession], *, join_code: str | None
) -> LiveSession:
    """``create(code)`` in a transaction, with the code asked for or with random codes
    until one is free (a taken code fails the unique constraint)."""
    for _attempt in range(10):
        code = normalise_join_code(join_code) if join_code else join_code_generate()
        try:
            with transaction.atomic():
                return create(code)
        except IntegrityError:
            if join_code:
                raise InvalidInput(fields={"join_code": [_("That code is taken.")]}) from None
    raise RuntimeError("could not find a free join code")  # 31^6 codes: practically never


def live_session_end(*, session: LiveSession, actor: Any) -> LiveSession:
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER)
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().get(pk=session.pk)
        if session.state != LiveSessionState.ENDED:
            session.state = LiveSessionState.ENDED
            session.ended_at = timezone.now()
            session.save(update_fields=["state", "ended_at"])
            publish_on_commit(
                live_group(session.join_code), LiveSessionChanged(code=session.join_code)
            )
    return session


# --- presenter state machine ---------------------------------------------------------------
#
# Every transition locks the session row, checks the actor's role, bumps ``version`` and
# publishes LiveSessionChanged after commit; the hubs rebuild the snapshot from the database.

MAX_COUNTDOWN_SECONDS = 60 * 60


def _locked_running(session: LiveSession) -> LiveSession:
    locked = LiveSession.objects.select_for_update().get(pk=session.pk)
    if locked.state == LiveSessionState.DRAFT:
        raise SessionNotStarted()
    if locked.state != LiveSessionState.RUNNING:
        raise SessionEnded()
    return locked


def _locked_editable(session: LiveSession) -> LiveSession:
    """The session row, locked, while its activity list may still change (draft or running)."""
    locked = LiveSession.objects.select_for_update().get(pk=session.pk)
    if locked.state == LiveSessionState.ENDED:
        raise SessionEnded()
    return locked


def _step(
    locked: LiveSession, action: Action, activities: Sequence[LiveActivity] | None = None
) -> bool:
    """Check ``action`` against the activity's state machine (forum/live/phases.py).

    True: go ahead. False: the activity is already where the step leads (a double tap or
    a retried request), so nothing changes. A step the machine does not allow in the
    current phase is refused with ActivityStepNotPossible.
    """
    if activities is None:
        activities = list(locked.activities.only("id", "kind", "session_id"))
    presenter = live_presenter(session=locked, activities=activities)
    now = timezone.now()
    if step_allowed(presenter, action, now):
        return True
    if step_is_repeat(presenter, action, now):
        return False
    raise ActivityStepNotPossible()


def _changed(session: LiveSession, fields: list[str]) -> LiveSession:
    session.version += 1
    session.save(update_fields=[*fields, "version"])
    publish_on_commit(live_group(session.join_code), LiveSessionChanged(code=session.join_code))
    return session


class EditAction(StrEnum):
    ADD = "add"
    EDIT = "edit"
    DUPLICATE = "duplicate"
    REMOVE = "remove"
    MOVE = "move"
    IMPORT = "import"
    PICTURE = "picture"


EDIT_FIELDS = ["edit_version", "edited_by", "edited_at", "last_edit"]


def edit_version_check(locked: LiveSession, expected_version: int | None) -> None:
    """A write made from an editor that loaded ``expected_version``: refused with what
    changed when someone else edited since (never a silent overwrite). ``None`` is a
    write that does not come from an editor (the legacy forms, seeds)."""
    if expected_version is None or expected_version == locked.edit_version:
        return
    from forum.live.selectors import edit_conflict_details

    raise EditConflict(details=edit_conflict_details(session=locked))


def _edited(
    locked: LiveSession,
    *,
    actor: Any,
    action: EditAction,
    activity_id: int | None,
    fields: list[str] | None = None,
) -> LiveSession:
    """Record an edit of the activity list: a new edit version, who and what (for the
    conflict message another editor may get), then the ordinary change event."""
    locked.edit_version += 1
    locked.edited_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.edited_at = timezone.now()
    locked.last_edit = {"action": str(action), "activity_id": activity_id}
    return _changed(locked, [*(fields or []), *EDIT_FIELDS])


def _activity_by_key(locked: LiveSession, key: uuid.UUID | None) -> LiveActivity | None:
    if key is None:
        return None
    return locked.activities.defer("image").filter(idempotency_key=key).first()


def countdown_seconds_check(seconds: int | None) -> int:
    if seconds is None or isinstance(seconds, bool) or not 1 <= seconds <= MAX_COUNTDOWN_SECONDS:
        raise CountdownOutOfRange(
            fields={"seconds": [_("Choose between 1 second and 1 hour (3600 seconds).")]}
        )
    return seconds


def live_activity_add(
    *,
    session: LiveSession,
    actor: Any,
    kind: str,
    question: Question | None = None,
    board: IdeaBoard | None = None,
    board_question: str = "",
    title: str = "",
    body: str = "",
    seconds: int | None = None,
    expected_version: int | None = None,
    idempotency_key: uuid.UUID | None = None,
    results_before_answer: bool = False,
) -> LiveActivity:
    """Append an activity to a session (while it is prepared, or on the fly).

    An idea collection points at an idea board of the session's forum, or creates one with
    ``board_question`` on the spot (through the ideas app's own service). A countdown
    needs its length in ``seconds``. A retry with the same ``idempotency_key`` returns the
    activity the first try made.
    """
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    if kind not in ActivityKind.values:
        raise InvalidInput(fields={"kind": [_("Unknown kind of activity.")]})
    if kind in QUESTION_KINDS:
        if question is None:
            raise InvalidInput(fields={"question_id": [_("Choose a poll question.")]})
        if question.poll.forum_id != session.forum_id:
            raise InvalidInput(
                fields={"question_id": [_("The question does not belong to this forum.")]}
            )
        if kind != ActivityKind.POLL_QUESTION and question.kind != QuestionKind.OPEN_TEXT:
            raise InvalidInput(
                fields={"question_id": [_("Word clouds and walls need an open-text question.")]}
            )
    elif question is not None:
        raise InvalidInput(fields={"question_id": [_("Only poll activities have a question.")]})
    if kind == ActivityKind.IDEA_COLLECTION:
        if board is None and not board_question.strip():
            raise InvalidInput(
                fields={"board_id": [_("Choose an idea board, or write a question for a new one.")]}
            )
        if board is not None and board.forum_id != session.forum_id:
            raise InvalidInput(
                fields={"board_id": [_("The idea board does not belong to this forum.")]}
            )
    elif board is not None or board_question.strip():
        raise InvalidInput(fields={"board_id": [_("Only idea collections have an idea board.")]})
    if kind == ActivityKind.INFO_SLIDE and not (title.strip() or body.strip()):
        raise InvalidInput(fields={"body": [_("An info slide needs a title or a text.")]})
    if kind == ActivityKind.COUNTDOWN:
        seconds = countdown_seconds_check(seconds)
    elif seconds is not None:
        raise InvalidInput(fields={"seconds": [_("Only a countdown has a length.")]})
    with transaction.atomic():
        locked = _locked_editable(session)
        existing = _activity_by_key(locked, idempotency_key)
        if existing is not None:
            return existing
        edit_version_check(locked, expected_version)
        if kind == ActivityKind.IDEA_COLLECTION and board is None:
            board = idea_board_create(
                forum=locked.forum, question=board_question[:200], actor=actor
            )
        if kind == ActivityKind.IDEA_COLLECTION and board is not None and not title.strip():
            title = board.question  # what the screens show above the ideas
        last = locked.activities.order_by("-position").values_list("position", flat=True).first()
        activity = LiveActivity.objects.create(
            session=locked,
            position=0 if last is None else last + 1,
            kind=kind,
            question=question,
            board=board,
            title=title.strip(),
            body=body.strip(),
            seconds=seconds,
            idempotency_key=idempotency_key,
            results_before_answer=results_before_answer and kind in QUESTION_KINDS,
        )
        fields: list[str] = []
        # A running session with nothing to show shows the new activity; a draft waits for
        # live_session_begin.
        if locked.state == LiveSessionState.RUNNING and locked.current_activity_id is None:
            _enter(locked, activity, actor)
            fields = ENTER_FIELDS
        _edited(locked, actor=actor, action=EditAction.ADD, activity_id=activity.pk, fields=fields)
    return activity


ENTER_FIELDS = [
    "current_activity",
    "current_poll",
    "answering_open",
    "results_visible",
    "countdown_ends_at",
]


def _enter(session: LiveSession, activity: LiveActivity, actor: Any) -> None:
    if activity.shown_at is None:
        activity.shown_at = timezone.now()
        LiveActivity.objects.filter(pk=activity.pk, shown_at__isnull=True).update(
            shown_at=activity.shown_at
        )
    session.current_activity = activity
    session.answering_open = True
    session.results_visible = True
    session.countdown_ends_at = None
    if activity.kind == ActivityKind.COUNTDOWN and activity.seconds:
        session.countdown_ends_at = timezone.now() + timedelta(seconds=activity.seconds)
    if activity.kind in QUESTION_KINDS and activity.question is not None:
        # Word clouds and walls too: the hub follows the current poll's answers.
        poll = activity.question.poll
        session.current_poll = poll
        if poll.status == PollStatus.DRAFT:
            poll_open(poll=poll, actor=actor)


def live_session_goto(
    *, session: LiveSession, actor: Any, activity_id: int | None = None, step: int = 0
) -> LiveSession:
    """Move to an activity by id, or ``step`` places from the current one (next = 1)."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        locked = _locked_running(session)
        activities = list(locked.activities.select_related("question__poll"))
        if not activities:
            raise InvalidInput(fields={"activity_id": [_("The session has no activities.")]})
        ids = [a.pk for a in activities]
        if activity_id is not None:
            action = Action.GOTO
            target = next((a for a in activities if a.pk == activity_id), None)
            if target is None:
                raise InvalidInput(fields={"activity_id": [_("No such activity here.")]})
        else:
            action = Action.PREVIOUS if step < 0 else Action.NEXT
            if locked.current_activity_id in ids:
                index = ids.index(locked.current_activity_id) + step
            else:  # nothing shown yet: any step starts at the first activity
                index = 0
            target = activities[max(0, min(len(activities) - 1, index))]
        if target.pk == locked.current_activity_id or not _step(locked, action, activities):
            return locked
        _enter(locked, target, actor)
        return _changed(locked, ENTER_FIELDS)


def live_answering_set(*, session: LiveSession, actor: Any, open: bool) -> LiveSession:
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        locked = _locked_running(session)
        if not _step(locked, Action.OPEN if open else Action.LOCK):
            return locked
        locked.answering_open = open
        fields = ["answering_open"]
        if not open and locked.countdown_ends_at is not None:
            locked.countdown_ends_at = None  # closed by hand: the countdown is over too
            fields.append("countdown_ends_at")
        if open and locked.countdown_ends_at and locked.countdown_ends_at <= timezone.now():
            locked.countdown_ends_at = None  # reopening after a countdown clears it
            fields.append("countdown_ends_at")
        return _changed(locked, fields)


def live_results_set(*, session: LiveSession, actor: Any, visible: bool) -> LiveSession:
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        locked = _locked_running(session)
        if not _step(locked, Action.REVEAL if visible else Action.HIDE):
            return locked
        locked.results_visible = visible
        return _changed(locked, ["results_visible"])


def live_countdown_start(*, session: LiveSession, actor: Any, seconds: int) -> LiveSession:
    """Answering closes by itself when the countdown ends; 0 cancels the countdown."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    if not 0 <= seconds <= MAX_COUNTDOWN_SECONDS:
        raise InvalidInput(fields={"seconds": [_("Choose between 0 and 3600 seconds.")]})
    with transaction.atomic():
        locked = _locked_running(session)
        if not _step(locked, Action.COUNTDOWN if seconds else Action.COUNTDOWN_STOP):
            return locked
        locked.countdown_ends_at = timezone.now() + timedelta(seconds=seconds) if seconds else None
        locked.answering_open = True
        return _changed(locked, ["countdown_ends_at", "answering_open"])


def live_pacing_set(*, session: LiveSession, actor: Any, pacing: str) -> LiveSession:
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    if pacing not in Pacing.values:
        raise InvalidInput(fields={"pacing": [_("Unknown pacing.")]})
    with transaction.atomic():
        locked = _locked_running(session)
        locked.pacing = pacing
        return _changed(locked, ["pacing"])


def live_about_you_set(*, session: LiveSession, actor: Any, ask: bool) -> LiveSession:
    """Whether the session's phones offer 'about you' after their first answer. Editable
    while the session is prepared and while it runs; phones hear it in the next frame."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        locked = _locked_editable(session)
        if locked.ask_about_you == ask:
            return locked
        locked.ask_about_you = ask
        return _changed(locked, ["ask_about_you"])


def answering_is_open(session: LiveSession) -> bool:
    if not session.answering_open:
        return False
    return session.countdown_ends_at is None or session.countdown_ends_at > timezone.now()


def live_lock_guard(question: Question, participant: Participant) -> None:
    """The answering lock also binds the poll's own endpoint: while a running session
    shows ``question`` with answering locked (or its countdown over), no answer to it is
    taken, whichever way it is sent. Registered with polls in LiveConfig.ready."""
    shown_by = LiveSession.objects.filter(
        state=LiveSessionState.RUNNING, current_activity__question=question
    ).only("answering_open", "countdown_ends_at")
    if any(not answering_is_open(session) for session in shown_by):
        raise AnsweringLocked()


def _activity_for_answer(*, session: LiveSession, activity: LiveActivity | None) -> LiveActivity:
    if session.state == LiveSessionState.DRAFT:
        raise SessionNotStarted()
    if session.state != LiveSessionState.RUNNING:
        raise SessionEnded()
    if activity is None or activity.session_id != session.pk:
        raise NotFound()
    if session.pacing == Pacing.PRESENTER and activity.pk != session.current_activity_id:
        raise ActivityNotCurrent()
    if not answering_is_open(session):
        raise AnsweringLocked()
    return activity


# --- answers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LiveAnswer:
    """One phone's answer to one question of a live session (any kind, the polls shapes)."""

    participant: Participant
    question_id: int
    answer: Mapping[str, Any]
    idempotency_key: uuid.UUID


def live_answer_submit(
    *,
    session: LiveSession,
    participant: Participant,
    question_id: int,
    idempotency_key: uuid.UUID,
    answer: Mapping[str, Any] | None = None,
    option_id: int | None = None,
) -> Response:
    """Answer a question of this session, of any kind, over REST or the phone's websocket.

    ``answer`` has the shapes of the polls endpoint (forum/polls/answers.py);
    ``option_id`` alone is short for ``{"option_id": …}`` (single choice, yes/no). The live
    rules (session running, current activity when presenter-paced, answering open,
    countdown) apply to every kind, then the poll's rules and idempotency
    (``poll_answer_check`` / ``poll_answer_store``). See ``live_answers_submit``.
    """
    shorthand = answer is None
    if answer is None:
        if option_id is None:
            raise InvalidInput(fields={"answer": [_("The answer is missing.")]})
        answer = {"option_id": option_id}
    item = LiveAnswer(participant, question_id, answer, idempotency_key)
    (result,) = live_answers_submit(session=session, answers=[item])
    if isinstance(result, DomainError):
        raise answer_error_for_shorthand(result) if shorthand else result
    return result


def answer_error_for_shorthand(error: DomainError) -> DomainError:
    """An unknown option sent as ``option_id`` is reported on that field, as it was sent."""
    if isinstance(error, UnknownOption):
        return UnknownOption(fields={"option_id": [UnknownOption.default_message]})
    return error


def live_answers_submit(
    *, session: LiveSession, answers: Sequence[LiveAnswer]
) -> list[Response | DomainError]:
    """Several phones' answers to one session at once: one result (or refusal) per answer.

    For answers arriving together on a worker (the phones' websockets): the session,
    activity, question, poll and forum are read in ONE query per question for the whole
    batch, the answers are written by one multi-row ``INSERT … ON CONFLICT`` statement
    (``poll_answers_store``), all in one transaction (one commit), and equal
    ``poll.tally_changed`` events go out once after it. The rules are those of
    ``live_answer_submit``, checked for each answer. Results come back only after commit,
    so every answer may be acknowledged. If the batch's transaction fails (a database
    error, never a refused answer), each answer is retried alone. Within a caller's
    transaction (REST), no transaction of its own.
    """
    if len(answers) == 1 or transaction.get_connection().in_atomic_block:
        # One answer: its statements commit as they go (the write is one statement).
        with events_coalesced():
            return _answers_submit(session, answers)
    try:
        with transaction.atomic(), events_coalesced():
            return _answers_submit(session, answers)
    except DatabaseError:
        logger.warning("a batch of %d live answers failed; one by one", len(answers))
    return [live_answers_submit(session=session, answers=[a])[0] for a in answers]


def _answers_submit(
    session: LiveSession, answers: Sequence[LiveAnswer]
) -> list[Response | DomainError]:
    activities: dict[int, LiveActivity | DomainError] = {}
    results: list[Response | DomainError | None] = [None] * len(answers)
    writes: list[AnswerWrite] = []
    places: list[int] = []
    for index, item in enumerate(answers):
        try:
            activity = activities.get(item.question_id)
            if activity is None:
                try:
                    activity = _answerable_activity(session=session, question_id=item.question_id)
                except DomainError as exc:
                    activity = exc
                activities[item.question_id] = activity
            if isinstance(activity, DomainError):
                raise activity
            assert activity.question is not None
            checked = poll_answer_check(
                question=activity.question, participant=item.participant, answer=item.answer
            )
        except DomainError as exc:
            results[index] = exc
            continue
        writes.append(
            AnswerWrite(activity.question, item.participant, checked, item.idempotency_key)
        )
        places.append(index)
    for index, result in zip(places, poll_answers_store(writes=writes), strict=True):
        results[index] = result
    return [r for r in results if r is not None]


def _answerable_activity(*, session: LiveSession, question_id: int) -> LiveActivity:
    """The activity showing ``question_id`` in ``session``, with the session, question, poll
    and forum, in one query (fresh: the lock and countdown are read now), live rules checked.

    A question may be shown by several activities (a poll question and a word cloud):
    the current one wins, else the first. They are few, so they are ranked here rather than
    by an ORDER BY: compiling that ordering (a CASE on the session's current activity) was
    a good part of an answer's CPU.
    """
    found = list(
        LiveActivity.objects.filter(
            session_id=session.pk, question_id=question_id, kind__in=QUESTION_KINDS
        )
        .select_related("session", "question__poll__forum")
        .defer("image", "question__poll__image")
        .order_by()
    )
    if not found:
        state = LiveSession.objects.filter(pk=session.pk).values_list("state", flat=True).first()
        if state != LiveSessionState.RUNNING:
            raise SessionEnded()
        raise NotFound()
    activity = min(found, key=lambda a: (a.pk != a.session.current_activity_id, a.position, a.pk))
    return _activity_for_answer(session=activity.session, activity=activity)


# --- Q&A -------------------------------------------------------------------------------------

QA_MAX_LENGTH = 280


def qa_question_post(
    *,
    session: LiveSession,
    participant: Participant,
    activity_id: int,
    text: str,
    idempotency_key: uuid.UUID,
) -> QaQuestion:
    """Ask a question in a Q&A activity; screened, so it may wait for a youth worker."""
    existing = QaQuestion.objects.filter(
        participant=participant, idempotency_key=idempotency_key
    ).first()
    if existing is not None:
        return existing
    session = LiveSession.objects.select_related("forum").get(pk=session.pk)
    activity = session.activities.filter(pk=activity_id, kind=ActivityKind.QA).first()
    activity = _activity_for_answer(session=session, activity=activity)
    text = " ".join(text_clean(text, field="text", multiline=True).split())
    if len(text) > QA_MAX_LENGTH:
        raise InvalidInput(fields={"text": [_("Keep it to 280 characters.")]})
    screening = text_screen(text=text, pre_moderated=session.forum.pre_moderation)
    if screening.verdict == Verdict.BLOCK:
        raise TextBlocked()
    try:
        with transaction.atomic():
            question = QaQuestion.objects.create(
                activity=activity,
                participant=participant,
                text=text,
                status=QaStatus.PUBLISHED
                if screening.verdict == Verdict.PUBLISH
                else QaStatus.HELD,
                hold_reasons=",".join(screening.reasons),
                language=writing_language(),
                idempotency_key=idempotency_key,
            )
            publish_on_commit(
                live_group(session.join_code), LiveSessionChanged(code=session.join_code)
            )
    except IntegrityError:  # a racing retry with the same key won
        return QaQuestion.objects.get(participant=participant, idempotency_key=idempotency_key)
    return question


def _visible_qa_question(*, session: LiveSession, question_id: int) -> QaQuestion:
    question = (
        QaQuestion.objects.select_related("activity")
        .filter(pk=question_id, activity__session=session, status=QaStatus.PUBLISHED)
        .first()
    )
    if question is None:
        raise NotFound()
    if session.state != LiveSessionState.RUNNING:
        raise SessionEnded()
    return question


def qa_upvote_add(*, session: LiveSession, participant: Participant, question_id: int) -> bool:
    """Upvote once; a repeat is a no-op (the database constraint decides). True if new."""
    question = _visible_qa_question(session=session, question_id=question_id)
    try:
        with transaction.atomic():
            QaUpvote.objects.create(question=question, participant=participant)
            publish_on_commit(
                live_group(session.join_code), LiveSessionChanged(code=session.join_code)
            )
    except IntegrityError:
        return False
    return True


def qa_upvote_withdraw(*, session: LiveSession, participant: Participant, question_id: int) -> bool:
    question = _visible_qa_question(session=session, question_id=question_id)
    with transaction.atomic():
        deleted, _rows = QaUpvote.objects.filter(
            question=question, participant=participant
        ).delete()
        if deleted:
            publish_on_commit(
                live_group(session.join_code), LiveSessionChanged(code=session.join_code)
            )
    return bool(deleted)


class QaAction(StrEnum):
    APPROVE = "approve"
    HIDE = "hide"
    ANSWERED = "answered"
    UNANSWERED = "unanswered"
    PIN = "pin"
    UNPIN = "unpin"


def qa_question_moderate(
    *, session: LiveSession, question_id: int, action: str, actor: Any
) -> QaQuestion:
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    if action not in QaAction.__members__.values():
        raise InvalidInput(fields={"action": [_("Unknown action.")]})
    with transaction.atomic():
        question = (
            QaQuestion.objects.select_for_update()
            .filter(pk=question_id, activity__session=session)
            .first()
        )
        if question is None:
            raise NotFound()
        match QaAction(action):
            case QaAction.APPROVE:
                question.status = QaStatus.PUBLISHED
            case QaAction.HIDE:
                question.status = QaStatus.HIDDEN
                question.pinned = False
            case QaAction.ANSWERED:
                question.answered = True
                question.pinned = False
            case QaAction.UNANSWERED:
                question.answered = False
            case QaAction.PIN:
                if question.status != QaStatus.PUBLISHED:
                    raise InvalidInput(fields={"action": [_("Approve the question first.")]})
                # One pinned question per activity: the one on the big screen.
                QaQuestion.objects.filter(activity_id=question.activity_id, pinned=True).update(
                    pinned=False
                )
                question.pinned = True
            case QaAction.UNPIN:
                question.pinned = False
        question.save(update_fields=["status", "answered", "pinned"])
        publish_on_commit(live_group(session.join_code), LiveSessionChanged(code=session.join_code))
    return question


# --- word clouds and open walls ------------------------------------------------------------

# A word cloud asks for a few words; a wall for a sentence or two (polls' default limit).
WORD_CLOUD_MAX_LENGTH = 40
OPEN_WALL_MAX_LENGTH = 280
OPEN_TEXT_KINDS = (ActivityKind.WORD_CLOUD, ActivityKind.OPEN_WALL)


def live_open_text_activity_create(
    *,
    session: LiveSession,
    actor: Any,
    kind: str,
    text: str,
    title: str = "",
    results_before_answer: bool = False,
) -> LiveActivity:
    """Add a word cloud or wall with a new one-question open-text poll, on the fly.

    The poll belongs to the session's forum and is opened at once (draft polls open when
    their activity is entered anyway), so phones can answer as soon as it is shown.
    """
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    if kind not in OPEN_TEXT_KINDS:
        raise InvalidInput(fields={"kind": [_("Choose a word cloud or an open wall.")]})
    text = " ".join(text.split())
    if not text:
        raise InvalidInput(fields={"question_text": [_("Write the question first.")]})
    if len(text) > 300:
        raise InvalidInput(fields={"question_text": [_("Keep it to 300 characters.")]})
    limit = WORD_CLOUD_MAX_LENGTH if kind == ActivityKind.WORD_CLOUD else OPEN_WALL_MAX_LENGTH
    with transaction.atomic():
        # A draft too: its poll then opens when the activity is first shown (_enter).
        locked = _locked_editable(session)
        poll = poll_create(
            forum=locked.forum,
            title=title.strip() or text[:200],
            questions=[
                QuestionSpec(text=text, kind=QuestionKind.OPEN_TEXT, config={"max_length": limit})
            ],
            actor=actor,
            poll_settings=LIVE_ACTIVITY_POLL_SETTINGS,
        )
        if locked.state == LiveSessionState.RUNNING:
            poll_open(poll=poll, actor=actor)
        question = Question.objects.select_related("poll").get(poll=poll)
        return live_activity_add(
            session=locked,
            actor=actor,
            kind=kind,
            question=question,
            title=title,
            results_before_answer=results_before_answer,
        )


class AnswerAction(StrEnum):
    APPROVE = "approve"
    HIDE = "hide"


def live_open_text_answer_moderate(
    *, session: LiveSession, response_id: int, action: str, actor: Any
) -> Response:
    """Approve or hide an open-text answer given in this session (cloud, wall or poll).

    Only answers to a question that one of the session's activities shows can be moderated
    here, so a console cannot reach into other sessions' or polls' answers. The polls app
    does the change (``open_text_moderate``); every screen gets a new snapshot after commit.
    """
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    if action not in AnswerAction.__members__.values():
        raise InvalidInput(fields={"action": [_("Unknown action.")]})
    question_ids = session.activities.filter(kind__in=list(QUESTION_KINDS)).values("question_id")
    with transaction.atomic():
        response = (
            Response.objects.select_for_update(of=("self",))
            .select_related("question")
            .filter(
                pk=response_id,
                question_id__in=question_ids,
                question__kind=QuestionKind.OPEN_TEXT,
            )
            .exclude(text_status=TextStatus.NONE)
            .first()
        )
        if response is None:
            raise NotFound()
        response = open_text_moderate(
            response=response, approve=action == AnswerAction.APPROVE, actor=actor
        )
        publish_on_commit(live_group(session.join_code), LiveSessionChanged(code=session.join_code))
        _publish_answers_moderated(session, [response])
    return response


def _publish_answers_moderated(session: LiveSession, responses: Sequence[Response]) -> None:
    """The authors' phones follow: each learns its own answer's new status (after commit)."""
    changes = tuple((r.participant_id, r.question_id, str(r.text_status)) for r in responses)
    if changes:
        publish_on_commit(
            live_group(session.join_code),
            LiveAnswersModerated(code=session.join_code, changes=changes),
        )


# --- moderating many at once ----------------------------------------------------------------


@dataclass(frozen=True)
class QueueEntryRef:
    """One entry of the console's queue: ``kind`` qa (a Q&A question) or answer (an
    open-text answer); the two id spaces overlap."""

    kind: str
    id: int


@dataclass(frozen=True)
class QueueModerated:
    """What a bulk step changed: entries already in the target state count as unchanged."""

    changed: int
    unchanged: int


# One click in a busy room, not a mass tool: a queue is a few hundred entries at most.
QUEUE_BULK_MAX = 500


def live_queue_moderate(
    *,
    session: LiveSession,
    actor: Any,
    action: str,
    entries: Sequence[QueueEntryRef] | None = None,
) -> QueueModerated:
    """Approve or hide several queue entries (Q&A questions and open-text answers) at once.

    ``entries`` None means every held entry of the session ("approve all"): hidden ones stay
    hidden, they were decided already. Only entries of *this* session are touched; an
    entry of another session or an unknown id makes the whole step fail with NotFound and
    change nothing. Entries already in the target state are left alone, so a retried
    request changes nothing more. All in one transaction, one LiveSessionChanged (and one
    tally event per poll) after commit, however many entries.
    """
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    if action not in AnswerAction.__members__.values():
        raise InvalidInput(fields={"action": [_("Unknown action.")]})
    if entries is not None and not entries:
        raise InvalidInput(fields={"entries": [_("Choose at least one entry.")]})
    if entries is not None and len(entries) > QUEUE_BULK_MAX:
        raise InvalidInput(fields={"entries": [_("Choose at most 500 entries.")]})
    approve = action == AnswerAction.APPROVE
    qa_target = QaStatus.PUBLISHED if approve else QaStatus.HIDDEN
    answer_target = TextStatus.PUBLISHED if approve else TextStatus.HIDDEN
    question_ids = session.activities.filter(kind__in=list(QUESTION_KINDS)).values("question_id")
    with transaction.atomic(), events_coalesced():
        qa = QaQuestion.objects.select_for_update().filter(activity__session=session)
        answers = (
            Response.objects.select_for_update(of=("self",))
            .select_related("question")
            .filter(question_id__in=question_ids, question__kind=QuestionKind.OPEN_TEXT)
            .exclude(text_status=TextStatus.NONE)
        )
        if entries is None:
            qa_rows = list(qa.filter(status=QaStatus.HELD))
            answer_rows = list(answers.filter(text_status=TextStatus.HELD))
        else:
            qa_ids = {e.id for e in entries if e.kind == "qa"}
            answer_ids = {e.id for e in entries if e.kind == "answer"}
            if len(qa_ids) + len(answer_ids) != len({(e.kind, e.id) for e in entries}):
                raise InvalidInput(fields={"entries": [_("Unknown kind of entry.")]})
            qa_rows = list(qa.filter(pk__in=qa_ids))
            answer_rows = list(answers.filter(pk__in=answer_ids))
            if len(qa_rows) != len(qa_ids) or len(answer_rows) != len(answer_ids):
                raise NotFound()
        changed = 0
        for question in qa_rows:
            if question.status == qa_target:
                continue
            question.status = qa_target
            if not approve:
                question.pinned = False
            question.save(update_fields=["status", "pinned"])
            changed += 1
        moderated: list[Response] = []
        for response in answer_rows:
            if response.text_status == answer_target:
                continue
            moderated.append(open_text_moderate(response=response, approve=approve, actor=actor))
        changed += len(moderated)
        if changed:
            publish_on_commit(
                live_group(session.join_code), LiveSessionChanged(code=session.join_code)
            )
        _publish_answers_moderated(session, moderated)
    return QueueModerated(changed=changed, unchanged=len(qa_rows) + len(answer_rows) - changed)


# --- preparing a session (draft → running → ended, never back) -------------------------------


def live_session_prepare(
    *,
    forum: Forum,
    actor: Any,
    title: str,
    pacing: str = Pacing.PRESENTER,
    join_code: str | None = None,
    ask_about_you: bool = True,
    idempotency_key: uuid.UUID | None = None,
) -> LiveSession:
    """Create a session being prepared: staff add activities, phones cannot join yet.
    A retry with the same ``idempotency_key`` returns the session the first try made."""
    require_forum_staff(actor, forum, Role.YOUTH_WORKER, write=True)
    title = " ".join(title.split())
    errors: dict[str, list[Any]] = {}
    if not title:
        errors["title"] = [_("Give the session a name.")]
    elif len(title) > 200:
        errors["title"] = [_("Keep the name to 200 characters.")]
    if pacing not in Pacing.values:
        errors["pacing"] = [_("Unknown pacing.")]
    if errors:
        raise InvalidInput(fields=errors)

    def create(code: str) -> LiveSession:
        if idempotency_key is not None:
            # Two tries racing: the loser's insert fails the key's unique constraint; its
            # retry (a new code) finds the winner's session here.
            existing = LiveSession.objects.filter(
                created_by=actor, idempotency_key=idempotency_key
            ).first()
            if existing is not None:
                return existing
        return LiveSession.objects.create(
            forum=forum,
            title=title,
            join_code=code,
            state=LiveSessionState.DRAFT,
            pacing=pacing,
            answering_open=True,
            ask_about_you=ask_about_you,
            created_by=actor,
            idempotency_key=idempotency_key,
        )

    return _with_free_join_code(create, join_code=join_code)


def live_session_begin(*, session: LiveSession, actor: Any) -> LiveSession:
    """Start a prepared session: draft → running, the first activity current (its poll
    opened). A running or ended session cannot be started again."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        locked = LiveSession.objects.select_for_update().get(pk=session.pk)
        if locked.state != LiveSessionState.DRAFT:
            raise InvalidStateTransition(_("Only a session being prepared can be started."))
        first = locked.activities.select_related("question__poll").defer("image").first()
        if first is None:
            raise InvalidInput(fields={"activities": [_("Add at least one activity first.")]})
        locked.state = LiveSessionState.RUNNING
        locked.started_at = timezone.now()
        _enter(locked, first, actor)
        return _changed(locked, ["state", "started_at", *ENTER_FIELDS])


# Apps above live that attach things to an activity (council links it to planning items)
# say whether it is in use through this registry, filled at start-up (AppConfig.ready), so
# live never reads their relations. A check returns True when the activity is in use.
ActivityInUseCheck = Callable[[LiveActivity], bool]
_activity_in_use_checks: list[ActivityInUseCheck] = []


def forum_has_running_session(forum: Forum) -> bool:
    return LiveSession.objects.filter(forum=forum, state=LiveSessionState.RUNNING).exists()


def activity_in_use_check_register(check: ActivityInUseCheck) -> None:
    if check not in _activity_in_use_checks:
        _activity_in_use_checks.append(check)


def _changeable(locked: LiveSession, activity: LiveActivity) -> None:
    """While preparing, every activity may change; while running, only those never shown
    yet and with nothing posted or linked (docs/decisions/0016)."""
    if locked.state == LiveSessionState.DRAFT:
        return
    if activity.shown_at is not None or activity.pk == locked.current_activity_id:
        raise ActivityAlreadyShown()
    if (
        activity.qa_questions.exists()
        or any(check(activity) for check in _activity_in_use_checks)
        or activity.collected_ideas.exists()
    ):
        raise ActivityAlreadyShown()


def _session_activity(locked: LiveSession, activity_id: int) -> LiveActivity:
    activity = locked.activities.defer("image").filter(pk=activity_id).first()
    if activity is None:
        raise NotFound()
    return activity


def live_activity_update(
    *,
    session: LiveSession,
    activity_id: int,
    actor: Any,
    title: str,
    body: str,
    question: QuestionSpec | None = None,
    seconds: int | None = None,
    expected_version: int | None = None,
    results_before_answer: bool | None = None,
) -> LiveActivity:
    """Edit an activity (before it is shown): its title and text, a question activity's
    question (``question``: text, kind, options; rewritten in place while unanswered), a
    countdown's length, and whether phones see a question's results before answering it
    (None leaves that as it is)."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        locked = _locked_editable(session)
        edit_version_check(locked, expected_version)
        activity = _session_activity(locked, activity_id)
        _changeable(locked, activity)
        title, body = title.strip(), body.strip()
        if activity.kind == ActivityKind.INFO_SLIDE and not (title or body):
            raise InvalidInput(fields={"body": [_("An info slide needs a title or a text.")]})
        fields = ["title", "body"]
        if activity.kind == ActivityKind.COUNTDOWN and seconds is not None:
            activity.seconds = countdown_seconds_check(seconds)
            fields.append("seconds")
        elif seconds is not None:
            raise InvalidInput(fields={"seconds": [_("Only a countdown has a length.")]})
        if question is not None:
            if activity.kind not in QUESTION_KINDS or activity.question is None:
                raise InvalidInput(fields={"question_text": [_("This activity has no question.")]})
            question_rewrite(question=activity.question, spec=question, actor=actor)
        activity.title, activity.body = title, body
        if results_before_answer is not None:
            activity.results_before_answer = (
                results_before_answer and activity.kind in QUESTION_KINDS
            )
            fields.append("results_before_answer")
        activity.save(update_fields=fields)
        _edited(locked, actor=actor, action=EditAction.EDIT, activity_id=activity.pk)
    return activity


def live_activity_remove(
    *, session: LiveSession, activity_id: int, actor: Any, expected_version: int | None = None
) -> None:
    """Take an activity out of the session (before it is shown). Ideas it collected stay on
    their board; the poll question stays in its poll."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        locked = _locked_editable(session)
        edit_version_check(locked, expected_version)
        activity = _session_activity(locked, activity_id)
        _changeable(locked, activity)
        activity.delete()
        _edited(locked, actor=actor, action=EditAction.REMOVE, activity_id=activity_id)


def activity_order_moved(order: Sequence[int], item: int, to_index: int) -> list[int]:
    """``order`` with ``item`` taken out and put back at ``to_index`` (a permutation)."""
    rest = [pk for pk in order if pk != item]
    return [*rest[:to_index], item, *rest[to_index:]]


def _order_write(locked: LiveSession, ids: list[int], order: list[int], *, actor: Any) -> None:
    """Check a new order of the session's activities and store it. While running,
    everything up to the current activity keeps its place: only what is still to come
    moves."""
    if len(order) != len(ids) or set(order) != set(ids):
        raise InvalidInput(fields={"activity_ids": [_("List every activity of the session once.")]})
    if locked.state == LiveSessionState.RUNNING and locked.current_activity_id in ids:
        shown = ids.index(locked.current_activity_id) + 1
        if order[:shown] != ids[:shown]:
            raise ActivityAlreadyShown()
    for position, pk in enumerate(order):
        LiveActivity.objects.filter(pk=pk).update(position=position)
    # update() sends no signals: the new order is one audit entry.
    audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        object_type=LiveActivity._meta.label_lower,
        object_id=str(locked.pk),
        forum_id=locked.forum_id,
        changes={"order": [ids, order]},
        detail={"session": locked.pk},
    )


def live_activities_reorder(
    *, session: LiveSession, actor: Any, order: list[int], expected_version: int | None = None
) -> None:
    """Put the session's activities in ``order`` (every activity id once)."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        locked = _locked_editable(session)
        edit_version_check(locked, expected_version)
        ids = list(locked.activities.values_list("pk", flat=True))
        _order_write(locked, ids, order, actor=actor)
        _edited(locked, actor=actor, action=EditAction.MOVE, activity_id=None)


def live_activity_move(
    *,
    session: LiveSession,
    activity_id: int,
    actor: Any,
    to_index: int,
    expected_version: int | None = None,
) -> None:
    """Move one activity to place ``to_index`` (0 = first) among the session's activities.
    The activity on the screens now cannot move (``activity_live``); while running,
    nothing moves into or out of what has been shown."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        locked = _locked_editable(session)
        edit_version_check(locked, expected_version)
        activity = _session_activity(locked, activity_id)
        if locked.state == LiveSessionState.RUNNING and activity.pk == locked.current_activity_id:
            raise ActivityIsLive()
        ids = list(locked.activities.values_list("pk", flat=True))
        if not 0 <= to_index < len(ids):
            raise InvalidInput(
                fields={"to_index": [_("Choose a place between 1 and %(n)d.") % {"n": len(ids)}]}
            )
        if locked.state == LiveSessionState.RUNNING and activity.shown_at is not None:
            raise ActivityAlreadyShown()
        _order_write(locked, ids, activity_order_moved(ids, activity.pk, to_index), actor=actor)
        _edited(locked, actor=actor, action=EditAction.MOVE, activity_id=activity.pk)


IMAGE_FIELDS = [
    "image",
    "image_type",
    "image_width",
    "image_height",
    "image_alt",
    "image_updated_at",
]


def live_activity_image_set(
    *, session: LiveSession, activity_id: int, data: bytes, alt: str, actor: Any
) -> LiveActivity:
    """Give an info slide its picture (or replace it): checked, resized, metadata stripped,
    exactly like a poll's picture. The alt text is required."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    alt = image_alt_clean(alt)
    with transaction.atomic():
        locked = _locked_editable(session)
        activity = _session_activity(locked, activity_id)
        if activity.kind != ActivityKind.INFO_SLIDE:
            raise InvalidInput(fields={"image": [_("Only info slides have a picture.")]})
        processed = image_process(data=data)
        activity.image = processed.data
        activity.image_type = processed.content_type
        activity.image_width, activity.image_height = processed.width, processed.height
        activity.image_alt = alt
        activity.image_updated_at = timezone.now()
        activity.save(update_fields=IMAGE_FIELDS)
        _edited(locked, actor=actor, action=EditAction.PICTURE, activity_id=activity.pk)
    return activity


def live_activity_image_remove(*, session: LiveSession, activity_id: int, actor: Any) -> None:
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    with transaction.atomic():
        locked = _locked_editable(session)
        activity = _session_activity(locked, activity_id)
        activity.image = None
        activity.image_type = ""
        activity.image_width = activity.image_height = None
        activity.image_alt = ""
        activity.image_updated_at = timezone.now()
        activity.save(update_fields=IMAGE_FIELDS)
        _edited(locked, actor=actor, action=EditAction.PICTURE, activity_id=activity.pk)


# --- idea collection: the live rules, then the ideas app's own services ------------------------

LIVE_IDEA_TITLE_MAX = 120
LIVE_IDEA_TEXT_MAX = 1000


def live_idea_submit(
    *,
    session: LiveSession,
    participant: Participant,
    activity_id: int,
    title: str,
    text: str,
    idempotency_key: uuid.UUID,
) -> Idea:
    """Post a short idea in an idea collection; it lands on the activity's idea board
    through ``idea_submit`` (screening, pre-moderation, idempotency), and stays there."""
    existing = Idea.objects.filter(participant=participant, idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    session = LiveSession.objects.get(pk=session.pk)
    activity = (
        session.activities.select_related("board__forum")
        .defer("image")
        .filter(pk=activity_id, kind=ActivityKind.IDEA_COLLECTION)
        .first()
    )
    activity = _activity_for_answer(session=session, activity=activity)
    assert activity.board is not None
    title = " ".join(text_clean(title, field="title", allow_blank=True).split())
    text = text_clean(text, field="text", multiline=True, allow_blank=True)
    errors: dict[str, list[Any]] = {}
    if len(title) > LIVE_IDEA_TITLE_MAX:
        errors["title"] = [_("Keep the title to 120 characters.")]
    if len(text) > LIVE_IDEA_TEXT_MAX:
        errors["text"] = [_("Keep it to 1000 characters.")]
    if errors:
        raise InvalidInput(fields=errors)
    with transaction.atomic():
        idea = idea_submit(
            board=activity.board,
            participant=participant,
            title=title,
            text=text,
            idempotency_key=idempotency_key,
            require_text=False,
        )
        # Which activity collected it: the summary and the council count exactly these.
        ActivityIdea.objects.get_or_create(idea=idea, defaults={"activity": activity})
    if not idea.is_public:
        # A published idea announces itself on its board; a held one only needs the
        # console's moderation queue refreshed.
        publish_on_commit(live_group(session.join_code), LiveSessionChanged(code=session.join_code))
    return idea


def _session_idea(*, session: LiveSession, idea_id: int) -> tuple[Idea, list[LiveActivity]]:
    """An idea on a board that one of the session's idea collections shows, and those."""
    activities = list(session.activities.defer("image").filter(kind=ActivityKind.IDEA_COLLECTION))
    idea = (
        Idea.objects.select_related("board__forum")
        .filter(pk=idea_id, board_id__in=[a.board_id for a in activities])
        .first()
    )
    if idea is None:
        raise NotFound()
    return idea, [a for a in activities if a.board_id == idea.board_id]


def live_idea_support(
    *, session: LiveSession, participant: Participant, idea_id: int, support: bool
) -> bool:
    """Support an idea on the screen (or take the support back), under the live rules."""
    session = LiveSession.objects.get(pk=session.pk)
    idea, activities = _session_idea(session=session, idea_id=idea_id)
    activity = next((a for a in activities if a.pk == session.current_activity_id), activities[0])
    _activity_for_answer(session=session, activity=activity)
    if support:
        idea_support_add(idea=idea, participant=participant)
    else:
        idea_support_withdraw(idea=idea, participant=participant)
    return support


LIVE_IDEA_ACTIONS = (ModerationActionKind.APPROVE, ModerationActionKind.HIDE)


def live_idea_moderate(*, session: LiveSession, idea_id: int, action: str, actor: Any) -> Idea:
    """Approve or hide an idea of the session's boards from the console (the ideas app's
    moderation, with its audit record)."""
    require_forum_staff(actor, session.forum, Role.YOUTH_WORKER, write=True)
    if action not in LIVE_IDEA_ACTIONS:
        raise InvalidInput(fields={"action": [_("Unknown action.")]})
    idea, _activities = _session_idea(session=session, idea_id=idea_id)
    idea_moderate(idea=idea, action=action, actor=actor)
    idea.refresh_from_db(fields=["moderation_state"])
    return idea


# --- workshops entered by hand ----------------------------------------------------------------
# A paper or sticky-note workshop's results, typed in afterwards by staff. The figures are
# people's own, so the rules are the poll's: no count below 0 or above the people there, and
# with one choice each the counts add up to at most everyone. Quotes are young people's
# words written down by staff: screened like their posts (docs/decisions/0052).

WORKSHOP_MAX_OPTIONS = 30
WORKSHOP_MAX_QUOTES = 30
PERSONAL_DETAILS = frozenset(
    {
        Reason.PHONE_NUMBER,
        Reason.EMAIL,
        Reason.PERSONAL_NUMBER,
        Reason.STREET_ADDRESS,
        Reason.PERSONAL_NAME,
    }
)


@dataclass(frozen=True)
class WorkshopOptionInput:
    text: str
    count: int


@dataclass(frozen=True)
class WorkshopInput:
    """What staff type in from the paper: the question, how and where, and the results."""

    title: str
    method: str
    held_on: date
    place: str
    participants: int
    choice: str = WorkshopChoice.SINGLE
    note: str = ""
    options: Sequence[WorkshopOptionInput] = ()
    quotes: Sequence[str] = ()


@dataclass(frozen=True)
class _CleanWorkshop:
    fields: dict[str, Any]
    options: list[tuple[str, int]]
    quotes: list[str]


def _workshop_clean(data: WorkshopInput) -> _CleanWorkshop:
    """The input as it may be stored, or the first rule it breaks (nothing is written)."""
    title = text_clean(data.title, field="title")
    place = text_clean(data.place, field="place")
    note = text_clean_optional(data.note, field="note", multiline=True)
    errors: dict[str, list[Any]] = {}
    for name, value, limit in (("title", title, 300), ("place", place, 200), ("note", note, 2000)):
        if len(value) > limit:
            errors[name] = [_("Write at most %(n)s characters.") % {"n": limit}]
    if data.method not in WorkshopMethod.values:
        errors["method"] = [_("Choose one of the methods.")]
    if data.choice not in WorkshopChoice.values:
        errors["choice"] = [_("Choose one choice or several choices each.")]
    if isinstance(data.participants, bool) or data.participants < 1:
        errors["participants"] = [_("At least 1 person must have taken part.")]
    elif data.participants > 100_000:
        errors["participants"] = [_("That is more people than a workshop can hold.")]
    if len(data.options) > WORKSHOP_MAX_OPTIONS or len(data.quotes) > WORKSHOP_MAX_QUOTES:
        errors["options"] = [_("Enter at most 30 options and 30 quotes.")]
    if errors:
        raise InvalidInput(fields=errors)
    if data.held_on > timezone.localdate():
        raise FutureDate(fields={"held_on": [FutureDate.default_message]})
    options = []
    for i, option in enumerate(data.options):
        text = text_clean(option.text, field=f"options.{i}.text")
        if len(text) > 300:
            raise InvalidInput(
                fields={f"options.{i}.text": [_("Write at most %(n)s characters.") % {"n": 300}]}
            )
        if option.count < 0:
            raise NegativeCount(fields={f"options.{i}.count": [NegativeCount.default_message]})
        if option.count > data.participants:
            raise CountExceedsParticipants(
                fields={
                    f"options.{i}.count": [
                        _("More than the %(n)s people who took part.") % {"n": data.participants}
                    ]
                }
            )
        options.append((text, option.count))
    if data.choice == WorkshopChoice.SINGLE and sum(c for _t, c in options) > data.participants:
        raise CountExceedsParticipants(
            fields={
                "options": [
                    _(
                        "With one choice each, the counts add up to at most the %(n)s people "
                        "who took part."
                    )
                    % {"n": data.participants}
                ]
            }
        )
    quotes = []
    for i, quote in enumerate(data.quotes):
        text = text_clean(quote, field=f"quotes.{i}", multiline=True)
        if len(text) > 1000:
            raise InvalidInput(
                fields={f"quotes.{i}": [_("Write at most %(n)s characters.") % {"n": 1000}]}
            )
        screening = text_screen(text=text, pre_moderated=False)
        if screening.verdict == Verdict.BLOCK:
            raise ContentBlocked(fields={f"quotes.{i}": [ContentBlocked.default_message]})
        if PERSONAL_DETAILS.intersection(screening.reasons):
            raise PersonalDetailsInText(
                fields={f"quotes.{i}": [PersonalDetailsInText.default_message]}
            )
        quotes.append(text)
    if len(options) < 2 and not quotes:
        raise WorkshopWithoutResults(fields={"options": [WorkshopWithoutResults.default_message]})
    return _CleanWorkshop(
        fields={
            "title": title,
            "method": data.method,
            "held_on": data.held_on,
            "place": place,
            "participants": data.participants,
            "choice": data.choice,
            "note": note,
        },
        options=options,
        quotes=quotes,
    )


def _workshop_results_write(
    workshop: OfflineWorkshop, clean: _CleanWorkshop, *, actor: Any, action: AuditAction
) -> None:
    OfflineOption.objects.bulk_create(
        OfflineOption(workshop=workshop, text=text, count=count, position=i)
        for i, (text, count) in enumerate(clean.options)
    )
    OfflineQuote.objects.bulk_create(
        OfflineQuote(workshop=workshop, text=text, position=i)
        for i, text in enumerate(clean.quotes)
    )
    # bulk_create sends no signals: the figures are one audit entry. The quotes are young
    # people's words, so only how many.
    audit_record(
        action=action,
        actor=actor,
        object_type=OfflineOption._meta.label_lower,
        object_id=str(workshop.pk),
        forum_id=workshop.forum_id,
        detail={
            "workshop": workshop.pk,
            "options": [[text, count] for text, count in clean.options],
            "quotes": len(clean.quotes),
        },
    )


def workshop_create(
    *,
    forum: Forum,
    data: WorkshopInput,
    actor: Any,
    idempotency_key: uuid.UUID | None = None,
) -> OfflineWorkshop:
    """Enter a paper or sticky-note workshop's results by hand. A retry with the same
    ``idempotency_key`` returns the first workshop."""
    require_forum_staff(actor, forum, *WORKSHOP_STAFF, write=True)
    if idempotency_key is not None:
        existing = OfflineWorkshop.objects.filter(
            entered_by=actor, idempotency_key=idempotency_key
        ).first()
        if existing is not None:
            return existing
    clean = _workshop_clean(data)
    try:
        with transaction.atomic():
            workshop = OfflineWorkshop.objects.create(
                forum=forum, entered_by=actor, idempotency_key=idempotency_key, **clean.fields
            )
            _workshop_results_write(workshop, clean, actor=actor, action=AuditAction.CREATE)
    except IntegrityError:
        # The same key raced in: the first write won.
        existing = OfflineWorkshop.objects.filter(
            entered_by=actor, idempotency_key=idempotency_key
        ).first()
        if existing is None:
            raise
        return existing
    return workshop


def workshop_update(
    *, workshop: OfflineWorkshop, data: WorkshopInput, actor: Any
) -> OfflineWorkshop:
    """Correct what was typed in: everything is replaced by ``data`` (or nothing changes)."""
    require_forum_staff(actor, workshop.forum, *WORKSHOP_STAFF, write=True)
    clean = _workshop_clean(data)
    with transaction.atomic():
        locked = OfflineWorkshop.objects.select_for_update().get(pk=workshop.pk)
        for name, value in clean.fields.items():
            setattr(locked, name, value)
        locked.save()
        locked.options.all().delete()
        locked.quotes.all().delete()
        _workshop_results_write(locked, clean, actor=actor, action=AuditAction.UPDATE)
    return locked


def workshop_delete(*, workshop: OfflineWorkshop, actor: Any) -> None:
    """Remove a workshop entered by mistake; its planning links go with it (published
    briefs keep their frozen copy)."""
    require_forum_staff(actor, workshop.forum, *WORKSHOP_STAFF, write=True)
    workshop.delete()
