import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import TextChoices
from django.utils import timezone

from forum.core.errors import NotFound
from forum.core.roles import Role, require_role
from forum.participation.access import forums_for_staff, require_forum_staff
from forum.participation.models import (
    PREFER_NOT_TO_SAY,
    AgeBand,
    Forum,
    ForumMembership,
    ForumStaff,
    Gender,
    Neighbourhood,
    Participant,
    ParticipantProfile,
    PersonalCode,
    PushSubscription,
)
from forum.participation.services import participant_token_hash


def _resolved(participant: Participant) -> Participant:
    """A phone that took over another history with a personal code is that participant."""
    return participant.alias_of if participant.alias_of is not None else participant


def participant_from_token(*, token: str | None) -> Participant | None:
    if not token or len(token) > 128:
        return None
    # One indexed lookup; the LEFT JOIN brings the participant an alias stands for.
    # token_hash is unique: no ORDER BY (``first()`` would compile one per request).
    participant = next(
        iter(
            Participant.objects.select_related("alias_of").filter(
                token_hash=participant_token_hash(token)
            )[:1]
        ),
        None,
    )
    return _resolved(participant) if participant is not None else None


def participants_from_tokens(*, tokens: Iterable[str]) -> dict[str, Participant]:
    """token -> participant for those of ``tokens`` that belong to one: one query for all
    (a hall of phones reconnecting at once)."""
    by_hash = {participant_token_hash(t): t for t in tokens if t and len(t) <= 128}
    return {
        by_hash[p.token_hash]: _resolved(p)
        for p in Participant.objects.select_related("alias_of").filter(token_hash__in=list(by_hash))
    }


def forum_list() -> list[Forum]:
    return list(Forum.objects.all())


def participant_profile(
    *, forum: Forum, participant: Participant | None
) -> ParticipantProfile | None:
    if participant is None:
        return None
    return ParticipantProfile.objects.filter(forum=forum, participant=participant).first()


def forum_joined_at(*, forum: Forum, participant: Participant) -> dt.datetime | None:
    """When ``participant`` first took part in ``forum`` (None: never)."""
    return (
        ForumMembership.objects.filter(forum=forum, participant=participant)
        .values_list("joined_at", flat=True)
        .first()
    )


def about_you_asked(*, forum_id: int, participant: Participant | None) -> bool:
    """Whether this device was already asked 'about you' in the forum (answered or skipped):
    then no poll, live session or idea board of the forum asks it again."""
    if participant is None:
        return False
    return ParticipantProfile.objects.filter(forum_id=forum_id, participant=participant).exists()


def about_you_asked_ids(*, forum_id: int, participant_ids: Iterable[int]) -> set[int]:
    """Those of ``participant_ids`` already asked 'about you' in the forum: one query."""
    return set(
        ParticipantProfile.objects.filter(
            forum_id=forum_id, participant_id__in=list(participant_ids)
        ).values_list("participant_id", flat=True)
    )


# The three optional questions: profile field -> its choices.
PROFILE_DIMENSIONS: dict[str, type[TextChoices]] = {
    "age_band": AgeBand,
    "gender": Gender,
    "neighbourhood": Neighbourhood,
}


@dataclass(frozen=True)
class DimensionCounts:
    """How a group of participants stands on one 'about you' question.

    ``answered`` has every real choice (not "prefer not to say"), in choice order, with 0
    where nobody gave it. ``prefer_not``: chose not to say. ``skipped``: asked, but left the
    question blank or skipped the card. ``not_asked``: never asked in this forum. Only
    ``answered`` and ``prefer_not`` are known; the other two say nothing about the group.
    """

    answered: dict[str, int]
    prefer_not: int
    skipped: int
    not_asked: int

    @property
    def answered_total(self) -> int:
        return sum(self.answered.values())

    @property
    def total(self) -> int:
        return self.answered_total + self.prefer_not + self.skipped + self.not_asked


@dataclass(frozen=True)
class ProfileBreakdown:
    """The 'about you' answers of a set of participants in one forum, per question."""

    participants: int
    age_band: DimensionCounts
    gender: DimensionCounts
    neighbourhood: DimensionCounts

    def dimension(self, name: str) -> DimensionCounts:
        if name not in PROFILE_DIMENSIONS:
            raise KeyError(name)
        counts: DimensionCounts = getattr(self, name)
        return counts


def profile_breakdown(*, forum: Forum | int, participant_ids: Iterable[int]) -> ProfileBreakdown:
    """Per question, how many of ``participant_ids`` answered each value, chose not to
    say, skipped, or were never asked, in ``forum`` (one query). Counts are raw: whoever
    shows them suppresses small groups (forum.core.suppression)."""
    ids = set(participant_ids)
    forum_id = forum if isinstance(forum, int) else forum.pk
    rows = list(
        ParticipantProfile.objects.filter(forum_id=forum_id, participant_id__in=ids).values_list(
            *PROFILE_DIMENSIONS
        )
    )
    not_asked = len(ids) - len(rows)
    counts: dict[str, DimensionCounts] = {}
    for index, (name, choices) in enumerate(PROFILE_DIMENSIONS.items()):
        seen = Counter(row[index] for row in rows)
        counts[name] = DimensionCounts(
            answered={v: seen.get(v, 0) for v in choices.values if v != PREFER_NOT_TO_SAY},
            prefer_not=seen.get(PREFER_NOT_TO_SAY, 0),
            # Blank, or a value no longer among the choices: asked, but nothing we can use.
            skipped=sum(n for v, n in seen.items() if v not in choices.values),
            not_asked=not_asked,
        )
    return ProfileBreakdown(
        participants=len(ids),
        age_band=counts["age_band"],
        gender=counts["gender"],
        neighbourhood=counts["neighbourhood"],
    )


def personal_code_active(*, participant: Participant | None) -> PersonalCode | None:
    """The participant's usable personal code (the code itself is not stored, only its hash)."""
    if participant is None:
        return None
    return PersonalCode.objects.filter(
        participant=participant, retired_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


# --- staff: forums, their staff, who can be picked (docs/decisions/0049) -------------------


def forums_for_staff_list(*, viewer: Any) -> list[Forum]:
    """The forums ``viewer`` works in: every forum for officials and admins, a youth
    worker's own forums (archived ones too: their history stays readable)."""
    require_role(viewer, Role.YOUTH_WORKER, Role.OFFICIAL)
    return list(forums_for_staff(viewer).select_related("unit"))


def forum_for_staff(*, viewer: Any, forum_id: int) -> Forum:
    """One forum ``viewer`` may read as staff, else NotFound (whether or not it exists)."""
    forum = Forum.objects.filter(pk=forum_id).first()
    if forum is None:
        raise NotFound()
    require_forum_staff(viewer, forum, Role.YOUTH_WORKER, Role.OFFICIAL)
    return forum


@dataclass(frozen=True, slots=True)
class StaffMember:
    user_id: int
    name: str
    username: str
    added_at: dt.datetime | None


def _display_name(user: Any) -> str:
    return str(user.get_full_name() or user.username)


def forum_staff_list(*, viewer: Any, forum: Forum) -> list[StaffMember]:
    require_forum_staff(viewer, forum, Role.YOUTH_WORKER, Role.OFFICIAL)
    rows = ForumStaff.objects.filter(forum=forum).select_related("user")
    return [
        StaffMember(r.user_id, _display_name(r.user), r.user.username, r.added_at) for r in rows
    ]


def youth_workers_list(*, viewer: Any) -> list[StaffMember]:
    """Active youth workers, for officials and admins to pick forum staff from."""
    require_role(viewer, Role.OFFICIAL)
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.YOUTH_WORKER.value)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    return [StaffMember(u.pk, _display_name(u), u.username, None) for u in users]


# --- Web push -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PushTarget:
    """One browser to notify: where, with which keys, in which language."""

    subscription_id: int
    endpoint: str
    p256dh: str
    auth: str
    language: str


def push_targets(*, participant_ids: Iterable[int]) -> list[PushTarget]:
    rows = PushSubscription.objects.filter(participant_id__in=list(participant_ids)).order_by("id")
    return [
        PushTarget(
            subscription_id=row.pk,
            endpoint=row.endpoint,
            p256dh=row.p256dh,
            auth=row.auth,
            language=row.language,
        )
        for row in rows
    ]


def push_subscribed(*, participant: Participant | None) -> bool:
    """Whether this phone's participant hears notices (a browser of it opted in)."""
    if participant is None:
        return False
    return PushSubscription.objects.filter(participant=participant).exists()
