"""Writes for idea boards: boards, ideas, supports, comments, reports, moderation, feedback."""

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any, Protocol

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.errors import (
    BoardClosed,
    BoardNotOpen,
    ContentBlocked,
    FeedbackStepNotAllowed,
    InvalidInput,
    NotFound,
)
from forum.core.events import IdeaBoardChanged, idea_board_group, publish_on_commit
from forum.core.images import image_process
from forum.core.roles import Role, require_role
from forum.core.text import text_clean
from forum.core.translations import clean_translations, writing_language
from forum.ideas.models import (
    Comment,
    Decision,
    FeedbackEntry,
    FeedbackStatus,
    Idea,
    IdeaBoard,
    Support,
)
from forum.moderation.models import ContentReport, ModerationAction, ModerationState
from forum.moderation.services import (
    Verdict,
    content_moderate,
    content_report,
    content_reports_mark_abusive,
    moderation_initial_state,
    moderation_record_screening,
    text_screen,
)
from forum.participation.access import require_forum_open, require_forum_staff
from forum.participation.models import Forum, Neighbourhood, Participant
from forum.participation.services import participants_notify

MAX_CATEGORIES = 12
FEEDBACK_MAX_LENGTH = 2000


class IdeaForwardedHook(Protocol):
    """Council (a layer above) routes a forwarded idea to its planning item and keeps which
    item the step went to: it registers here in its AppConfig.ready, so this app never
    imports council (docs/decisions/0022, 0035). Called inside the step's transaction."""

    def __call__(
        self, *, idea: Idea, step: FeedbackEntry, planning_item_id: int, actor: Any
    ) -> None: ...


idea_forwarded_hooks: list[IdeaForwardedHook] = []

# The feedback state machine: where each step may go next. No skipping: "done" is reached
# only through under_review → forwarded → decided, each with its public feedback text.
FEEDBACK_NEXT: dict[str, set[str]] = {
    FeedbackStatus.RECEIVED: {FeedbackStatus.UNDER_REVIEW},
    FeedbackStatus.UNDER_REVIEW: {FeedbackStatus.FORWARDED, FeedbackStatus.NOT_TAKEN_FURTHER},
    FeedbackStatus.FORWARDED: {FeedbackStatus.DECIDED, FeedbackStatus.NOT_TAKEN_FURTHER},
    FeedbackStatus.DECIDED: {FeedbackStatus.DONE},
    FeedbackStatus.DONE: set(),
    FeedbackStatus.NOT_TAKEN_FURTHER: set(),
}


def _notify(board_id: int) -> None:
    publish_on_commit(idea_board_group(board_id), IdeaBoardChanged(board_id=board_id))


# --- boards ---------------------------------------------------------------------------------


@transaction.atomic
def idea_board_translations_set(*, board: IdeaBoard, translations: Any, actor: Any) -> IdeaBoard:
    """Set a board's question and description in the forum's other languages."""
    require_forum_staff(actor, board.forum, Role.YOUTH_WORKER, write=True)
    board.translations = clean_translations(
        translations, fields=IdeaBoard.TRANSLATABLE_FIELDS, offered=board.forum.languages
    )
    board.save(update_fields=["translations"])
    _notify(board.pk)
    return board


def idea_board_create(
    *,
    forum: Forum,
    question: str,
    actor: Any,
    description: str = "",
    categories: Sequence[str] = (),
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
) -> IdeaBoard:
    require_forum_staff(actor, forum, Role.YOUTH_WORKER, write=True)
    question = text_clean(question, field="question")
    description = text_clean(description, field="description", multiline=True, allow_blank=True)
    cleaned: list[str] = []
    for name in categories:
        name = text_clean(name, field="categories", allow_blank=True)
        if name and name not in cleaned:
            cleaned.append(name)
    errors: dict[str, list[Any]] = {}
    if len(cleaned) > MAX_CATEGORIES or any(len(c) > 80 for c in cleaned):
        errors["categories"] = [_("At most 12 categories of 80 characters each.")]
    if opens_at and closes_at and closes_at <= opens_at:
        errors["closes_at"] = [_("The board must close after it opens.")]
    if errors:
        raise InvalidInput(fields=errors)
    return IdeaBoard.objects.create(
        forum=forum,
        question=question,
        description=description,
        categories=cleaned,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=actor,
    )


def idea_board_require_open(*, board: IdeaBoard, now: dt.datetime | None = None) -> None:
    # An archived forum's history is read-only, for phones too (docs/decisions/0049).
    require_forum_open(board.forum)
    now = now or timezone.now()
    if board.opens_at and now < board.opens_at:
        raise BoardNotOpen()
    if board.closes_at and now >= board.closes_at:
        raise BoardClosed()


# --- ideas ----------------------------------------------------------------------------------


def idea_submit(
    *,
    board: IdeaBoard,
    participant: Participant,
    title: str,
    text: str,
    idempotency_key: uuid.UUID,
    category: str = "",
    neighbourhood: str = "",
    photo: bytes | None = None,
    require_text: bool = True,
) -> Idea:
    """Post an idea. Screened like all free text: blocked words refuse it, personal details
    and pre-moderated forums hold it for a youth worker. A photo in a pre-moderated forum is
    held with the text. A retry with the same key returns the first idea.

    ``require_text=False`` lets a title stand alone (short ideas typed in a live session)."""
    existing = Idea.objects.filter(participant=participant, idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    idea_board_require_open(board=board)
    # Blank ones are refused below, together with the other fields' errors.
    title = text_clean(title, field="title", allow_blank=True)
    text = text_clean(text, field="text", multiline=True, allow_blank=True)
    errors: dict[str, list[Any]] = {}
    if not title:
        errors["title"] = [_("This field may not be blank.")]
    if not text and require_text:
        errors["text"] = [_("This field may not be blank.")]
    if category and category not in board.categories:
        errors["category"] = [_("That is not one of the choices.")]
    if neighbourhood and neighbourhood not in Neighbourhood.values:
        errors["neighbourhood"] = [_("That is not one of the choices.")]
    if errors:
        raise InvalidInput(fields=errors)
    screening = text_screen(text=f"{title}\n{text}", pre_moderated=board.forum.pre_moderation)
    if screening.verdict == Verdict.BLOCK:
        raise ContentBlocked()
    processed = image_process(data=photo) if photo is not None else None
    idea = Idea(
        board=board,
        participant=participant,
        title=title,
        text=text,
        category=category,
        neighbourhood=neighbourhood,
        language=writing_language(),
        idempotency_key=idempotency_key,
    )
    if processed is not None:
        idea.photo = processed.data
        idea.photo_type = processed.content_type
        idea.photo_width, idea.photo_height = processed.width, processed.height
    moderation_initial_state(item=idea, screening=screening)
    try:
        with transaction.atomic():
            idea.save()
            moderation_record_screening(item=idea)
    except IntegrityError:
        return Idea.objects.get(participant=participant, idempotency_key=idempotency_key)
    if idea.is_public:
        _notify(board.pk)
    return idea


def _visible_idea(*, idea: Idea) -> None:
    if idea.moderation_state != ModerationState.PUBLISHED:
        raise NotFound()


def idea_support_add(*, idea: Idea, participant: Participant) -> Support:
    """Support an idea; idempotent: one support per participant is a DB constraint."""
    _visible_idea(idea=idea)
    idea_board_require_open(board=idea.board)
    try:
        with transaction.atomic():
            support = Support.objects.create(idea=idea, participant=participant)
    except IntegrityError:
        return Support.objects.get(idea=idea, participant=participant)
    _notify(idea.board_id)
    return support


def idea_support_withdraw(*, idea: Idea, participant: Participant) -> None:
    """Withdraw a support; withdrawing twice is fine."""
    deleted, _rows = Support.objects.filter(idea=idea, participant=participant).delete()
    if deleted:
        _notify(idea.board_id)


def comment_submit(
    *,
    idea: Idea,
    participant: Participant,
    text: str,
    idempotency_key: uuid.UUID,
    parent_id: int | None = None,
) -> Comment:
    existing = Comment.objects.filter(
        participant=participant, idempotency_key=idempotency_key
    ).first()
    if existing is not None:
        return existing
    _visible_idea(idea=idea)
    idea_board_require_open(board=idea.board)
    text = text_clean(text, field="text", multiline=True)
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(
            pk=parent_id, idea=idea, moderation_state=ModerationState.PUBLISHED
        ).first()
        if parent is None:
            raise InvalidInput(fields={"parent_id": [_("We could not find that comment.")]})
        # One level of replies: answering a reply answers its top-level comment.
        if parent.parent_id is not None:
            parent = parent.parent
    screening = text_screen(text=text, pre_moderated=idea.board.forum.pre_moderation)
    if screening.verdict == Verdict.BLOCK:
        raise ContentBlocked()
    comment = Comment(
        idea=idea,
        parent=parent,
        participant=participant,
        text=text,
        language=writing_language(),
        idempotency_key=idempotency_key,
    )
    moderation_initial_state(item=comment, screening=screening)
    try:
        with transaction.atomic():
            comment.save()
            moderation_record_screening(item=comment)
    except IntegrityError:
        return Comment.objects.get(participant=participant, idempotency_key=idempotency_key)
    if comment.is_public:
        _notify(idea.board_id)
    return comment


# A phone may have loaded a post just before others' reports hid it: its report still counts.
REPORTABLE = {ModerationState.PUBLISHED, ModerationState.HIDDEN}


def idea_report(*, idea: Idea, participant: Participant) -> ContentReport:
    if idea.moderation_state not in REPORTABLE:
        raise NotFound()
    report = content_report(item=idea, participant=participant, forum=idea.board.forum)
    if not idea.is_public:
        _notify(idea.board_id)
    return report


def comment_report(*, comment: Comment, participant: Participant) -> ContentReport:
    if comment.moderation_state not in REPORTABLE:
        raise NotFound()
    report = content_report(item=comment, participant=participant, forum=comment.idea.board.forum)
    if not comment.is_public:
        _notify(comment.idea.board_id)
    return report


def idea_moderate(
    *, idea: Idea, action: str, actor: Any, reason: str = "", remark: str = ""
) -> ModerationAction:
    record = content_moderate(
        item=idea,
        forum=idea.board.forum,
        action=action,
        actor=actor,
        reason=reason,
        remark=remark,
    )
    _notify(idea.board_id)
    return record


def comment_moderate(
    *, comment: Comment, action: str, actor: Any, reason: str = "", remark: str = ""
) -> ModerationAction:
    record = content_moderate(
        item=comment,
        forum=comment.idea.board.forum,
        action=action,
        actor=actor,
        reason=reason,
        remark=remark,
    )
    _notify(comment.idea.board_id)
    return record


def idea_reports_mark_abusive(*, idea: Idea, actor: Any, remark: str = "") -> ModerationAction:
    record = content_reports_mark_abusive(
        item=idea, forum=idea.board.forum, actor=actor, remark=remark
    )
    _notify(idea.board_id)
    return record


def comment_reports_mark_abusive(
    *, comment: Comment, actor: Any, remark: str = ""
) -> ModerationAction:
    record = content_reports_mark_abusive(
        item=comment, forum=comment.idea.board.forum, actor=actor, remark=remark
    )
    _notify(comment.idea.board_id)
    return record


# --- feedback -------------------------------------------------------------------------------


def idea_feedback_add(
    *,
    idea: Idea,
    status: str,
    text: str,
    actor: Any,
    decision: str = "",
    planning_item: Any = None,
) -> FeedbackEntry:
    """Move an idea one step along its feedback lifecycle, with a public text.

    received → under_review → forwarded (linked to a planning item) → decided (yes/partly/no)
    → done; or not_taken_further (with the reason as text) from under_review or forwarded.
    """
    require_forum_staff(actor, idea.board.forum, Role.YOUTH_WORKER, Role.OFFICIAL)
    text = text.strip()
    errors: dict[str, list[Any]] = {}
    if not text:
        errors["text"] = [_("Write what happened: young people read this.")]
    elif len(text) > FEEDBACK_MAX_LENGTH:
        errors["text"] = [_("At most %(max)d characters.") % {"max": FEEDBACK_MAX_LENGTH}]
    if status not in FeedbackStatus.values:
        errors["status"] = [_("That is not one of the choices.")]
    if status == FeedbackStatus.DECIDED and decision not in Decision.values:
        errors["decision"] = [_("Choose yes, partly or no.")]
    if status != FeedbackStatus.DECIDED and decision:
        errors["decision"] = [_("A decision belongs to the 'decided' step only.")]
    if status == FeedbackStatus.FORWARDED and planning_item is None:
        errors["planning_item_id"] = [_("Choose the planning item the idea goes to.")]
    if errors:
        raise InvalidInput(fields=errors)
    with transaction.atomic():
        locked = Idea.objects.select_for_update().get(pk=idea.pk)
        if locked.moderation_state != ModerationState.PUBLISHED:
            raise FeedbackStepNotAllowed(_("Only published ideas get feedback."))
        if status not in FEEDBACK_NEXT[locked.feedback_status]:
            raise FeedbackStepNotAllowed()
        now = timezone.now()
        entry = FeedbackEntry.objects.create(
            idea=locked,
            status=status,
            decision=decision,
            text=text,
            actor=actor,
        )
        if status == FeedbackStatus.FORWARDED and planning_item is not None:
            for hook in idea_forwarded_hooks:
                hook(idea=locked, step=entry, planning_item_id=planning_item.pk, actor=actor)
        _step_reached(locked, status=status, decision=decision, now=now)
        # Its author hears that there is news on /mina-svar ("you said, we did").
        participants_notify(participant_ids=[locked.participant_id])
    _refresh(idea, locked)
    _notify(idea.board_id)
    return entry


def _step_reached(locked: Idea, *, status: str, decision: str, now: dt.datetime) -> None:
    """The idea's own status follows its newest step; the first step ever is its first
    feedback (the "waiting too long" list and the follow-up's median read it)."""
    locked.feedback_status = status
    if decision:
        locked.decision = decision
    fields = ["feedback_status", "decision"]
    if locked.first_feedback_at is None:
        locked.first_feedback_at = now
        fields.append("first_feedback_at")
    locked.save(update_fields=fields)


def _refresh(idea: Idea, locked: Idea) -> None:
    idea.feedback_status, idea.decision = locked.feedback_status, locked.decision
    idea.first_feedback_at = locked.first_feedback_at


# A council decision on a planning item the idea is routed to is the "decided" step, whether
# or not staff walked the idea through under_review and forwarded first: the council's
# decision is what happened. An idea already done or not taken further keeps its status but
# still gets the step on its timeline, so its author learns what the council decided.
COUNCIL_DECISION_MOVES = {
    FeedbackStatus.RECEIVED,
    FeedbackStatus.UNDER_REVIEW,
    FeedbackStatus.FORWARDED,
    FeedbackStatus.DECIDED,
}


def idea_council_decision_set(
    *,
    idea: Idea,
    step: FeedbackEntry | None,
    decision: str,
    text: str,
    actor: Any,
    happened_at: dt.datetime | None = None,
) -> FeedbackEntry:
    """Write, or correct, the "decided" step a published council decision gives a linked idea.

    ``step`` is the step this council decision wrote before (council keeps which one, see
    council.IdeaStepOrigin), or None: recording the decision again updates that step's text
    and yes/partly/no instead of adding a second one. ``happened_at`` dates the step (the
    meeting's date), whenever it is recorded.
    """
    require_role(actor, Role.OFFICIAL)
    text = text.strip()
    if not text:
        raise InvalidInput(fields={"text": [_("Write what happened: young people read this.")]})
    if len(text) > FEEDBACK_MAX_LENGTH:
        raise InvalidInput(
            fields={"text": [_("At most %(max)d characters.") % {"max": FEEDBACK_MAX_LENGTH}]}
        )
    if decision not in Decision.values:
        raise InvalidInput(fields={"decision": [_("Choose yes, partly or no.")]})
    with transaction.atomic():
        locked = Idea.objects.select_for_update().get(pk=idea.pk)
        if locked.moderation_state != ModerationState.PUBLISHED:
            raise FeedbackStepNotAllowed(_("Only published ideas get feedback."))
        now = timezone.now()
        entry = FeedbackEntry.objects.filter(pk=step.pk, idea=locked).first() if step else None
        if entry is None:
            entry = FeedbackEntry.objects.create(
                idea=locked,
                status=FeedbackStatus.DECIDED,
                decision=decision,
                text=text,
                actor=actor,
                happened_at=happened_at,
            )
        else:
            entry.decision, entry.text = decision, text
            entry.actor, entry.happened_at = actor, happened_at
            entry.save(update_fields=["decision", "text", "actor", "happened_at"])
        newest = FeedbackEntry.objects.filter(idea=locked).order_by("-created_at", "-id").first()
        if locked.feedback_status in COUNCIL_DECISION_MOVES and newest == entry:
            _step_reached(locked, status=FeedbackStatus.DECIDED, decision=decision, now=now)
        elif locked.first_feedback_at is None:
            locked.first_feedback_at = now
            locked.save(update_fields=["first_feedback_at"])
        participants_notify(participant_ids=[locked.participant_id])
    _refresh(idea, locked)
    _notify(idea.board_id)
    return entry


def idea_council_decision_withdraw(*, idea: Idea, step: FeedbackEntry, actor: Any) -> bool:
    """Take back the step a council decision wrote (the decision was corrected to one that
    decides nothing, or the idea is no longer routed there). The idea's status goes back to
    its newest remaining step."""
    require_role(actor, Role.OFFICIAL)
    with transaction.atomic():
        locked = Idea.objects.select_for_update().get(pk=idea.pk)
        deleted, _rows = FeedbackEntry.objects.filter(pk=step.pk, idea=locked).delete()
        if not deleted:
            return False
        newest = FeedbackEntry.objects.filter(idea=locked).order_by("-created_at", "-id").first()
        locked.feedback_status = newest.status if newest else FeedbackStatus.RECEIVED
        locked.decision = (
            FeedbackEntry.objects.filter(idea=locked, status=FeedbackStatus.DECIDED)
            .order_by("-created_at", "-id")
            .values_list("decision", flat=True)
            .first()
            or ""
        )
        locked.save(update_fields=["feedback_status", "decision"])
    _refresh(idea, locked)
    _notify(idea.board_id)
    return True
