"""Gallring (disposal after a forum's retention period) and a young person's self-erasure.

Participation is the lowest layer that knows forums and participants, so the one service
for each use case lives here and every higher layer that holds personal data or free text
plugs its own part in at start-up (its ``AppConfig.ready``): a *purger* for one forum's rows
older than a cutoff, and an *eraser* for everything some participants gave. Nothing here
imports a higher layer (docs/decisions/0056-retention-and-self-erasure.md).

Rows that totals rely on (choice answers, supports, Q&A upvotes, an idea others engaged
with) are not deleted by gallring: they move to a *stand-in* participant, a row no device
has a token for, with nothing about the person (no profile, no code, no membership). Free
text is deleted or replaced by a fixed notice, photos removed, device links cut.
"""

import contextlib
import datetime as dt
import hmac
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from forum.core.errors import DomainError, PersonalCodeWrong
from forum.participation.models import (
    DEFAULT_RETENTION_DAYS,
    Forum,
    ForumMembership,
    Participant,
    ParticipantProfile,
    PersonalCode,
    PushSubscription,
)
from forum.participation.services import committed_memberships_clear, personal_code_hash

# The notices that replace free text, stored in Swedish (the forum's default language):
# ideas and comments have no translations of their own.
EXPIRED_TEXT = _("Removed after the retention period")
ERASED_TEXT = _("Removed by the writer")


def notice(text: object) -> str:
    with override("sv"):
        return str(text)


@dataclass
class StandIns:
    """One stand-in per person per run: the rows one person kept for totals stay together
    (a poll still counts them as one participant), but carry no link to the person."""

    _by_participant: dict[int, int] = field(default_factory=dict)

    def for_participant(self, participant_id: int) -> int:
        if participant_id not in self._by_participant:
            # A random value that is not the SHA-256 of any token anyone holds.
            stand_in = Participant.objects.create(token_hash=secrets.token_hex(32), stand_in=True)
            self._by_participant[participant_id] = stand_in.pk
        return self._by_participant[participant_id]

    def move(self, rows: "models.QuerySet[models.Model]", field_name: str = "participant") -> int:
        """Give every row of ``rows`` its writer's stand-in; how many moved."""
        moved = 0
        owners = list(rows.values_list(f"{field_name}_id", flat=True).distinct())
        for owner in sorted(owners):
            moved += rows.filter(**{f"{field_name}_id": owner}).update(
                **{f"{field_name}_id": self.for_participant(owner)}
            )
        return moved

    @property
    def created(self) -> int:
        return len(self._by_participant)


# (forum, cutoff, stand-ins) -> counts per kind, e.g. {"poll_free_text_deleted": 3}
RetentionPurger = Callable[[Forum, dt.datetime, StandIns], dict[str, int]]
# (participant ids of one person, stand-ins) -> counts per kind
Eraser = Callable[[list[int], StandIns], dict[str, int]]

_purgers: list[RetentionPurger] = []
_erasers: list[Eraser] = []
# Parts that read what the others left (council's quotes of texts below): they run last.
_purgers_after: list[RetentionPurger] = []
_erasers_after: list[Eraser] = []


def retention_purger_register(purger: RetentionPurger, *, after_others: bool = False) -> None:
    """Higher apps add their gallring at start-up (their ``AppConfig.ready``)."""
    hooks = _purgers_after if after_others else _purgers
    if purger not in hooks:
        hooks.append(purger)


def eraser_register(eraser: Eraser, *, after_others: bool = False) -> None:
    """Higher apps add their part of a self-erasure at start-up."""
    hooks = _erasers_after if after_others else _erasers
    if eraser not in hooks:
        hooks.append(eraser)


# --- gallring -------------------------------------------------------------------------------


def forum_cutoff(forum: Forum, *, now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=forum.retention_days)


def _participation_purge(forum: Forum, cutoff: dt.datetime, stand_ins: StandIns) -> dict[str, int]:
    """'About you' answers older than the period go (an age band is stale by then; the
    device is asked again). Memberships go with their participant (``_orphans_delete``):
    deleting an active member's row would make their reports count as a newcomer's."""
    profiles, _kinds = ParticipantProfile.objects.filter(
        forum=forum, updated_at__lt=cutoff
    ).delete()
    return {"demographic_answers_deleted": profiles}


def _participant_foreign_keys() -> list[models.ForeignKey[models.Model, models.Model]]:
    """Every foreign key to Participant, including hidden ones (related_name="+"): a table
    added later keeps its participants without touching this module."""
    return [
        rel.field
        for rel in Participant._meta.get_fields(include_hidden=True)
        if isinstance(rel, models.ManyToOneRel) and isinstance(rel.field, models.ForeignKey)
    ]


# Rows that are about the device, not something the person gave: they go with it (a push
# subscription alone does not keep a phone's record alive).
_DEVICE_MODELS = (PersonalCode, ForumMembership, Participant, PushSubscription)


def _stale_push_subscriptions_delete(*, before: dt.datetime) -> int:
    """Subscriptions neither made nor delivered to since ``before`` (the longest period any
    forum keeps things: a subscription belongs to no forum) go, like other device data."""
    stale = PushSubscription.objects.filter(created_at__lt=before).filter(
        models.Q(last_success_at__isnull=True) | models.Q(last_success_at__lt=before)
    )
    deleted, _kinds = stale.delete()
    return deleted


def _empty_participants(*, seen_before: dt.datetime) -> "models.QuerySet[Participant]":
    empty = Participant.objects.filter(alias_of__isnull=True, last_seen_at__lt=seen_before)
    for fk in _participant_foreign_keys():
        if fk.model in _DEVICE_MODELS:
            continue
        rows = fk.model._default_manager.filter(**{fk.name: OuterRef("pk")})
        empty = empty.filter(~Exists(rows))
    # A phone that took this history over and was used since keeps it alive.
    return empty.filter(
        ~Exists(Participant.objects.filter(alias_of=OuterRef("pk"), last_seen_at__gte=seen_before))
    )


def _orphans_delete(*, now: dt.datetime, shortest_days: int) -> int:
    """Delete participants that hold nothing any more and have not been seen for the
    longest period of the forums they were in (their codes and memberships go with them).
    ``last_seen_at`` is not refreshed on every request (the hot path writes nothing it
    does not need), so in practice it is when the participant was made: a young phone that
    holds nothing yet is left alone.

    Its own transaction: rows are locked (SKIP LOCKED: a phone writing now is left for the
    next night) and checked again under the lock, so a phone that inserted a row since is
    neither deleted nor able to make the night's gallring roll back."""
    candidates = list(
        _empty_participants(seen_before=now - dt.timedelta(days=shortest_days)).values_list(
            "pk", "last_seen_at"
        )
    )
    if not candidates:
        return 0
    ids = [pk for pk, _seen in candidates]
    keep_days: dict[int, int] = {}
    for participant_id, days in ForumMembership.objects.filter(
        models.Q(participant_id__in=ids) | models.Q(participant__alias_of_id__in=ids)
    ).values_list(
        Coalesce("participant__alias_of_id", "participant_id"),
        "forum__retention_days",
    ):
        keep_days[participant_id] = max(days, keep_days.get(participant_id, 0))
    latest_alias_seen = dict(
        Participant.objects.filter(alias_of_id__in=ids)
        .values("alias_of_id")
        .annotate(seen=models.Max("last_seen_at"))
        .values_list("alias_of_id", "seen")
    )
    due = []
    for pk, seen in candidates:
        before = now - dt.timedelta(days=max(shortest_days, keep_days.get(pk, 0)))
        alias_seen = latest_alias_seen.get(pk)
        if seen < before and (alias_seen is None or alias_seen < before):
            due.append(pk)
    with transaction.atomic():
        locked = list(
            Participant.objects.select_for_update(skip_locked=True)
            .filter(pk__in=due)
            .values_list("pk", flat=True)
        )
        # Checked again under the lock (the window only matters as a lower bound here).
        still_empty = list(
            _empty_participants(seen_before=now - dt.timedelta(days=shortest_days))
            .filter(pk__in=locked)
            .values_list("pk", flat=True)
        )
        if not still_empty:
            return 0
        Participant.objects.filter(alias_of_id__in=still_empty).delete()
        deleted = Participant.objects.filter(pk__in=still_empty).delete()[1]
        return deleted.get(Participant._meta.label, 0)


@dataclass(frozen=True)
class ForumPurge:
    forum_id: int
    forum_name: str
    cutoff: dt.datetime
    counts: dict[str, int]


@dataclass(frozen=True)
class PurgeReport:
    forums: list[ForumPurge]
    participants_deleted: int
    push_subscriptions_deleted: int
    dry_run: bool

    @property
    def totals(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for forum in self.forums:
            total.update(forum.counts)
        total["participants_deleted"] = self.participants_deleted
        total["push_subscriptions_deleted"] = self.push_subscriptions_deleted
        return dict(sorted(total.items()))


class _DryRun(Exception):
    pass


def forum_purge(*, forum: Forum, now: dt.datetime) -> ForumPurge:
    """Gallring of one forum: rows older than its retention period, every layer's part."""
    cutoff = forum_cutoff(forum, now=now)
    stand_ins = StandIns()
    counts: Counter[str] = Counter()
    with transaction.atomic():
        counts.update(_participation_purge(forum, cutoff, stand_ins))
        for purger in [*_purgers, *_purgers_after]:
            counts.update(purger(forum, cutoff, stand_ins))
    counts["stand_ins_created"] = stand_ins.created
    return ForumPurge(
        forum_id=forum.pk,
        forum_name=forum.name,
        cutoff=cutoff,
        counts={kind: n for kind, n in sorted(counts.items())},
    )


def expired_purge(*, now: dt.datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Gallring of every forum, then of participants left holding nothing.

    Idempotent: a second run finds nothing (rows already moved to stand-ins or replaced by
    the notice are not touched again). ``dry_run`` runs everything and rolls it back, so
    the counts are exactly what a real run would do now.
    """
    now = now or timezone.now()
    forums: list[ForumPurge] = []
    result: PurgeReport | None = None
    # A real run commits each forum, and the device clean-up, on its own: one failing part
    # (a phone writing at that moment) does not roll back the whole night. A dry run is
    # one transaction that is rolled back.
    try:
        with transaction.atomic() if dry_run else contextlib.nullcontext():
            for forum in Forum.objects.order_by("pk"):
                forums.append(forum_purge(forum=forum, now=now))
            days = list(Forum.objects.values_list("retention_days", flat=True))
            subscriptions = _stale_push_subscriptions_delete(
                before=now - dt.timedelta(days=max(days, default=DEFAULT_RETENTION_DAYS))
            )
            # A device holding nothing goes once it is past the cutoff of every forum it
            # was in (the shortest period is the lower bound for all devices).
            participants = _orphans_delete(
                now=now, shortest_days=min(days, default=DEFAULT_RETENTION_DAYS)
            )
            result = PurgeReport(
                forums=forums,
                participants_deleted=participants,
                push_subscriptions_deleted=subscriptions,
                dry_run=dry_run,
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    committed_memberships_clear()
    assert result is not None
    return result


# --- self-erasure ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Erased:
    counts: dict[str, int]


def _code_matches(code: str, active: PersonalCode | None) -> bool:
    if active is None:
        return False
    try:
        code_hash = personal_code_hash(code)
    except DomainError:
        return False
    return hmac.compare_digest(code_hash, active.code_hash)


def _same_person(participant: Participant) -> list[int]:
    target_id = participant.alias_of_id or participant.pk
    return [
        target_id,
        *Participant.objects.filter(alias_of_id=target_id).values_list("pk", flat=True),
    ]


def participant_erase(*, participant: Participant | None, code: str | None) -> Erased:
    """Erase everything ``participant`` (a phone's participant) gave: answers, ideas,
    comments, supports, Q&A, proposals' links, 'about you', personal code, the device.

    A phone with an active personal code must confirm with it. Any code that is not this
    phone's active code (unknown, retired, expired, another phone's, malformed) gets the
    same ``personal_code_wrong``, so the answer says nothing about whether it existed. A
    phone that has nothing (already erased) gets empty counts: erasing twice is harmless.
    """
    if participant is None:
        if code:
            raise PersonalCodeWrong(fields={"code": [PersonalCodeWrong.default_message]})
        return Erased(counts={})
    now = timezone.now()
    with transaction.atomic():
        ids = _same_person(participant)
        # Serialise with a concurrent erase, merge or code issue of the same person.
        locked = list(Participant.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        if not locked:
            return Erased(counts={})
        active = PersonalCode.objects.filter(
            participant_id__in=ids, retired_at__isnull=True, expires_at__gt=now
        ).first()
        if (active is not None or code) and not _code_matches(code or "", active):
            raise PersonalCodeWrong(fields={"code": [PersonalCodeWrong.default_message]})
        stand_ins = StandIns()
        counts: Counter[str] = Counter()
        for eraser in [*_erasers, *_erasers_after]:
            counts.update(eraser(ids, stand_ins))
        counts["demographic_answers_deleted"] = ParticipantProfile.objects.filter(
            participant_id__in=ids
        ).delete()[0]
        PersonalCode.objects.filter(participant_id__in=ids).delete()
        ForumMembership.objects.filter(participant_id__in=ids).delete()
        # Anything a layer did not name goes with the participant (CASCADE), or loses its
        # link (SET_NULL): nothing is left pointing at the person.
        counts["devices_deleted"] = len(ids)
        Participant.objects.filter(pk__in=ids).delete()
        transaction.on_commit(committed_memberships_clear)
    return Erased(counts={kind: n for kind, n in sorted(counts.items()) if n})
