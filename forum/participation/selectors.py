from collections.abc import Iterable

from django.utils import timezone

from forum.participation.models import Forum, Participant, ParticipantProfile, PersonalCode
from forum.participation.services import participant_token_hash


def _resolved(participant: Participant) -> Participant:
    """A phone that took over another history with a personal code is that participant."""
    return participant.alias_of if participant.alias_of is not None else participant


def participant_from_token(*, token: str | None) -> Participant | None:
    if not token or len(token) > 128:
        return None
    # One indexed lookup; the LEFT JOIN brings the participant an alias stands for.
    participant = (
        Participant.objects.select_related("alias_of")
        .filter(token_hash=participant_token_hash(token))
        .first()
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


def personal_code_active(*, participant: Participant | None) -> PersonalCode | None:
    """The participant's usable personal code (the code itself is not stored, only its hash)."""
    if participant is None:
        return None
    return PersonalCode.objects.filter(
        participant=participant, retired_at__isnull=True, expires_at__gt=timezone.now()
    ).first()
