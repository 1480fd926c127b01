"""Screening of free text from young people before anyone else sees it.

The verdict combines three rules: word lists of every offered language (block or hold),
detection of personal details (phone numbers, e-mail, personnummer, street addresses,
"my name is …" in every offered language: held, so a young person does not publish them
by mistake), and the forum's mode (pre-moderated forums hold everything for a youth worker).
Normalisation and the detail patterns live in forum/moderation/matching.py.
"""

import datetime as dt
import functools
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.audit import audit_record
from forum.core.errors import InvalidInput, ModerationNotAllowed
from forum.core.languages import LANGUAGE_CODES
from forum.core.models import AuditAction
from forum.core.roles import Role, require_role
from forum.moderation.matching import (
    EMAIL_RE,
    PERSONAL_NUMBER_RE,
    PHONE_RE,
    STREET_RE,
    names_itself,
    normalise_for_matching,
    personal_details_text,
    without_arabic_proclitics,
)
from forum.moderation.models import (
    DEFAULT_REPORT_THRESHOLD,
    ContentReport,
    ForumModeration,
    ModeratedContent,
    ModerationAction,
    ModerationActionKind,
    ModerationState,
    WordAction,
    WordList,
)
from forum.moderation.wordlists import DEFAULT_WORDS
from forum.participation.access import require_forum_staff
from forum.participation.models import Forum, Participant
from forum.participation.selectors import forum_joined_at

MAX_WORDS_PER_LIST = 5000


class Verdict(StrEnum):
    PUBLISH = "publish"
    HOLD = "hold"
    BLOCK = "block"


class Reason(StrEnum):
    BLOCKED_WORD = "blocked_word"
    HELD_WORD = "held_word"
    PHONE_NUMBER = "phone_number"
    EMAIL = "email"
    PERSONAL_NUMBER = "personal_number"
    STREET_ADDRESS = "street_address"
    PERSONAL_NAME = "personal_name"
    PRE_MODERATION = "pre_moderation"


@dataclass(frozen=True)
class Screening:
    verdict: Verdict
    reasons: tuple[Reason, ...]


def word_list(language: str, action: WordAction) -> list[str]:
    stored = WordList.objects.filter(language=language, action=action).first()
    if stored is not None:
        return stored.entries()
    return DEFAULT_WORDS.get((language, action.value), [])


@functools.lru_cache(maxsize=65536)
def _entry_pattern(entry: str) -> str:
    """A list entry as it appears in a padded normalised text (" word word "), or ""."""
    normalised = normalise_for_matching(entry)
    return f" {normalised} " if normalised else ""


@dataclass(frozen=True)
class _Words:
    """A text's words, padded for whole-word matching; Arabic-script words also without a
    joined "and"/"the"/"for" (والشرموطة matches شرموطة)."""

    padded: str
    bare: str

    @classmethod
    def of(cls, normalised: str) -> "_Words":
        return cls(f" {normalised} ", f" {without_arabic_proclitics(normalised)} ")

    def contain_any(self, entries: list[str]) -> bool:
        for entry in entries:
            wanted = _entry_pattern(entry)
            if wanted and (wanted in self.padded or wanted in self.bare):
                return True
        return False


WordLists = dict[tuple[str, WordAction], list[str]]


def word_lists_load() -> WordLists:
    """Every language's block and hold lists, read once: for screening many texts in a row
    (pass them to ``text_screen(lists=...)``)."""
    return {
        (language, action): word_list(language, action)
        for language in LANGUAGE_CODES
        for action in (WordAction.BLOCK, WordAction.HOLD)
    }


def text_screen(*, text: str, pre_moderated: bool, lists: WordLists | None = None) -> Screening:
    """Screen ``text`` against every language's lists; the strictest verdict wins.

    ``lists`` (from ``word_lists_load``) saves reading the lists again for each text.
    """

    def listed(language: str, action: WordAction) -> list[str]:
        if lists is not None and (language, action) in lists:
            return lists[(language, action)]
        return word_list(language, action)

    normalised = normalise_for_matching(text)
    words = _Words.of(normalised)
    reasons: list[Reason] = []
    for language in LANGUAGE_CODES:
        if words.contain_any(listed(language, WordAction.BLOCK)):
            reasons.append(Reason.BLOCKED_WORD)
            break
    for language in LANGUAGE_CODES:
        if words.contain_any(listed(language, WordAction.HOLD)):
            reasons.append(Reason.HELD_WORD)
            break
    # Native digits (٠٧٠…, ۰۷۰…) and letter variants unified, so the patterns see one form.
    details = personal_details_text(text)
    # 0701234567 is both a mobile number and personnummer-shaped: report what it may be.
    if PERSONAL_NUMBER_RE.search(details):
        reasons.append(Reason.PERSONAL_NUMBER)
    if PHONE_RE.search(details):
        reasons.append(Reason.PHONE_NUMBER)
    if EMAIL_RE.search(details):
        reasons.append(Reason.EMAIL)
    if STREET_RE.search(details):
        reasons.append(Reason.STREET_ADDRESS)
    if names_itself(text=text, normalised=normalised):
        reasons.append(Reason.PERSONAL_NAME)
    if pre_moderated:
        reasons.append(Reason.PRE_MODERATION)
    if Reason.BLOCKED_WORD in reasons:
        verdict = Verdict.BLOCK
    elif reasons:
        verdict = Verdict.HOLD
    else:
        verdict = Verdict.PUBLISH
    return Screening(verdict=verdict, reasons=tuple(reasons))


@transaction.atomic
def word_list_replace(
    *, language: str, action: WordAction, words: list[str], actor: Any
) -> WordList:
    """Staff replace one language's list; an empty list means 'filter nothing' for it."""
    require_role(actor, Role.YOUTH_WORKER, Role.ADMIN)
    if language not in LANGUAGE_CODES:
        raise InvalidInput(fields={"language": ["Unknown language."]})
    cleaned = sorted({w.strip() for w in words if w.strip()})
    if len(cleaned) > MAX_WORDS_PER_LIST or any(len(w) > 100 for w in cleaned):
        raise InvalidInput(fields={"words": ["The list is too long."]})
    stored, _created = WordList.objects.update_or_create(
        language=language,
        action=action,
        defaults={"words": "\n".join(cleaned), "updated_by": actor},
    )
    return stored


# --- moderation of stored content (ideas, comments, later live Q&A) --------------------------

REASON_MAX_LENGTH = 1000
REMARK_MAX_LENGTH = 2000


def report_threshold(*, forum: Forum) -> int:
    settings_row = ForumModeration.objects.filter(forum=forum).first()
    return settings_row.report_threshold if settings_row else DEFAULT_REPORT_THRESHOLD


@transaction.atomic
def forum_moderation_save(
    *, forum: Forum, pre_moderation: bool, report_threshold: int, actor: Any
) -> ForumModeration:
    """Pre- or post-moderation and the report threshold for one forum."""
    require_forum_staff(actor, forum, Role.YOUTH_WORKER, write=True)
    if not 1 <= report_threshold <= 100:
        raise InvalidInput(fields={"report_threshold": [_("Choose a number from 1 to 100.")]})
    if forum.pre_moderation != pre_moderation:
        forum.pre_moderation = pre_moderation
        forum.save(update_fields=["pre_moderation"])
    row, _created = ForumModeration.objects.update_or_create(
        forum=forum, defaults={"report_threshold": report_threshold}
    )
    return row


def moderation_initial_state(*, item: ModeratedContent, screening: Screening) -> None:
    """Set a new item's state from its screening (not saved); BLOCK never reaches here."""
    item.moderation_state = (
        ModerationState.PUBLISHED if screening.verdict == Verdict.PUBLISH else ModerationState.HELD
    )
    item.screen_reasons = [r.value for r in screening.reasons]


def moderation_record_screening(*, item: ModeratedContent) -> ModerationAction:
    """Audit the automatic screening of a just-created item."""
    return ModerationAction.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        kind=ModerationActionKind.SCREENED,
        to_state=item.moderation_state,
        reason=", ".join(item.screen_reasons),
    )


# action -> (states it may start from, state it leads to)
_TRANSITIONS: dict[str, tuple[set[str], str]] = {
    ModerationActionKind.APPROVE: (
        {ModerationState.HELD, ModerationState.HIDDEN, ModerationState.REJECTED},
        ModerationState.PUBLISHED,
    ),
    ModerationActionKind.HIDE: (
        {ModerationState.PUBLISHED, ModerationState.HELD},
        ModerationState.HIDDEN,
    ),
    ModerationActionKind.REJECT: (
        {ModerationState.HELD, ModerationState.HIDDEN, ModerationState.PUBLISHED},
        ModerationState.REJECTED,
    ),
}


def content_moderate(
    *,
    item: ModeratedContent,
    forum: Forum,
    action: str,
    actor: Any,
    reason: str = "",
    remark: str = "",
) -> ModerationAction:
    """A youth worker approves, hides or rejects ``item``, or adds an internal remark.

    Rejecting needs a reason: the author sees it. ``remark`` stays internal to staff.
    Every call writes one audit record. ``forum`` is the item's: its staff moderate.
    """
    require_forum_staff(actor, forum, Role.YOUTH_WORKER, write=True)
    reason, remark = reason.strip(), remark.strip()
    errors: dict[str, list[Any]] = {}
    if len(reason) > REASON_MAX_LENGTH:
        errors["reason"] = [_("At most %(max)d characters.") % {"max": REASON_MAX_LENGTH}]
    if len(remark) > REMARK_MAX_LENGTH:
        errors["remark"] = [_("At most %(max)d characters.") % {"max": REMARK_MAX_LENGTH}]
    if action == ModerationActionKind.REJECT and not reason:
        errors["reason"] = [_("Write why, so the young person understands.")]
    if action == ModerationActionKind.REMARK and not remark:
        errors["remark"] = [_("This field may not be blank.")]
    if action not in _TRANSITIONS and action != ModerationActionKind.REMARK:
        errors["action"] = [_("That is not one of the choices.")]
    if errors:
        raise InvalidInput(fields=errors)
    model = type(item)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=item.pk)  # type: ignore[attr-defined]
        from_state = locked.moderation_state
        to_state = from_state
        if action != ModerationActionKind.REMARK:
            allowed_from, to_state = _TRANSITIONS[action]
            if from_state not in allowed_from:
                raise ModerationNotAllowed()
            locked.moderation_state = to_state
            locked.moderated_at = timezone.now()
            if action == ModerationActionKind.REJECT:
                locked.rejection_reason = reason
            elif action == ModerationActionKind.APPROVE:
                locked.rejection_reason = ""
            locked.save(update_fields=["moderation_state", "moderated_at", "rejection_reason"])
        record = ModerationAction.objects.create(
            content_type=ContentType.objects.get_for_model(model),
            object_id=locked.pk,
            kind=action,
            from_state=from_state,
            to_state=to_state,
            reason=reason,
            remark=remark,
            actor=actor,
        )
    item.moderation_state = locked.moderation_state
    item.rejection_reason = locked.rejection_reason
    item.moderated_at = locked.moderated_at
    return record


# Reports hide a post only when devices that were already part of the forum agree, within a
# window, and never faster than a few posts an hour per forum: one person with many phones
# (or one school behind one address) cannot empty a board. See
# docs/decisions/0023-reports-count-joined-devices.md.
REPORT_WINDOW = dt.timedelta(hours=24)
REPORT_MIN_MEMBERSHIP = dt.timedelta(hours=1)
AUTO_HIDES_PER_HOUR = 3
AUTO_HIDE_PERIOD = dt.timedelta(hours=1)

# Actions that set an item's state; the latest of them says why it is in that state.
_STATE_KINDS = {
    ModerationActionKind.SCREENED,
    ModerationActionKind.APPROVE,
    ModerationActionKind.HIDE,
    ModerationActionKind.REJECT,
    ModerationActionKind.REPORTED_HIDDEN,
    ModerationActionKind.REPORTS_ABUSE,
}


def hidden_by_reports(*, state: str, history: list[ModerationAction]) -> bool:
    """Whether the item is hidden because of reports (not by a youth worker); ``history``
    oldest first, as moderation_history returns it."""
    if state != ModerationState.HIDDEN:
        return False
    changes = [a for a in history if a.kind in _STATE_KINDS]
    return bool(changes) and changes[-1].kind == ModerationActionKind.REPORTED_HIDDEN


def _report_counts(
    *, item: ModeratedContent, participant: Participant, forum: Forum, now: dt.datetime
) -> bool:
    """Whether a report by ``participant`` now may count towards hiding ``item``."""
    joined_at = forum_joined_at(forum=forum, participant=participant)
    if joined_at is None:
        return False
    # Both Idea and Comment have created_at; ModeratedContent itself (abstract) does not.
    posted_at: dt.datetime = getattr(item, "created_at")  # noqa: B009
    if joined_at >= posted_at or joined_at > now - REPORT_MIN_MEMBERSHIP:
        return False
    # Staff found this device's reports abusive before: it no longer hides anything here.
    return not ContentReport.objects.filter(
        forum=forum, participant=participant, abusive_at__isnull=False
    ).exists()


def content_report(
    *, item: ModeratedContent, participant: Participant, forum: Forum
) -> ContentReport:
    """Report ``item``; idempotent per participant. Every report reaches the staff queue.

    Published content is hidden pending a youth worker's review when the forum's threshold
    of counting reports (distinct established devices, not marked as abuse) arrived within
    REPORT_WINDOW, unless the forum already had AUTO_HIDES_PER_HOUR auto-hides in the last
    hour: then the reports only flag it for review.
    """
    content_type = ContentType.objects.get_for_model(type(item))
    now = timezone.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                report = ContentReport.objects.create(
                    content_type=content_type,
                    object_id=item.pk,
                    participant=participant,
                    forum=forum,
                    counts=_report_counts(item=item, participant=participant, forum=forum, now=now),
                )
        except IntegrityError:
            return ContentReport.objects.get(
                content_type=content_type, object_id=item.pk, participant=participant
            )
        if not report.counts:
            return report
        model = type(item)
        locked = model.objects.select_for_update().get(pk=item.pk)  # type: ignore[attr-defined]
        if locked.moderation_state != ModerationState.PUBLISHED:
            return report
        counting = ContentReport.objects.filter(
            content_type=content_type,
            object_id=item.pk,
            counts=True,
            abusive_at__isnull=True,
            created_at__gte=now - REPORT_WINDOW,
        ).count()
        if counting < report_threshold(forum=forum):
            return report
        # One forum's auto-hides one at a time, so the limit holds under concurrent reports.
        Forum.objects.select_for_update().filter(pk=forum.pk).first()
        recent_hides = ContentReport.objects.filter(
            forum=forum, hid_content=True, created_at__gte=now - AUTO_HIDE_PERIOD
        ).count()
        if recent_hides >= AUTO_HIDES_PER_HOUR:
            return report
        locked.moderation_state = ModerationState.HIDDEN
        locked.moderated_at = now
        locked.save(update_fields=["moderation_state", "moderated_at"])
        report.hid_content = True
        report.save(update_fields=["hid_content"])
        ModerationAction.objects.create(
            content_type=content_type,
            object_id=item.pk,
            kind=ModerationActionKind.REPORTED_HIDDEN,
            from_state=ModerationState.PUBLISHED,
            to_state=ModerationState.HIDDEN,
            reason=str(counting),
        )
        item.moderation_state = ModerationState.HIDDEN
    return report


def content_reports_mark_abusive(
    *, item: ModeratedContent, forum: Forum, actor: Any, remark: str = ""
) -> ModerationAction:
    """A youth worker marks every open report of ``item`` as abuse: they no longer count,
    and their devices no longer hide anything in the forum. An item the reports hid is
    published again. Writes one audit record; with no open report there is nothing to do.
    """
    require_forum_staff(actor, forum, Role.YOUTH_WORKER, write=True)
    remark = remark.strip()
    if len(remark) > REMARK_MAX_LENGTH:
        raise InvalidInput(
            fields={"remark": [_("At most %(max)d characters.") % {"max": REMARK_MAX_LENGTH}]}
        )
    model = type(item)
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=item.pk)  # type: ignore[attr-defined]
        marked = ContentReport.objects.filter(
            content_type=content_type, object_id=locked.pk, abusive_at__isnull=True
        ).update(abusive_at=now, abusive_by=actor)
        if not marked:
            raise ModerationNotAllowed()
        # A queryset update sends no signals: the reports marked are one audit entry.
        audit_record(
            action=AuditAction.UPDATE,
            actor=actor,
            obj=locked,
            detail={"reports_marked_abusive": marked},
        )
        history = list(
            ModerationAction.objects.filter(content_type=content_type, object_id=locked.pk)
        )
        from_state = locked.moderation_state
        if hidden_by_reports(state=from_state, history=history):
            locked.moderation_state = ModerationState.PUBLISHED
            locked.moderated_at = now
            locked.save(update_fields=["moderation_state", "moderated_at"])
        record = ModerationAction.objects.create(
            content_type=content_type,
            object_id=locked.pk,
            kind=ModerationActionKind.REPORTS_ABUSE,
            from_state=from_state,
            to_state=locked.moderation_state,
            reason=str(marked),
            remark=remark,
            actor=actor,
        )
    item.moderation_state = locked.moderation_state
    item.moderated_at = locked.moderated_at
    return record
