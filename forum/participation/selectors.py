import datetime as dt
from collections.abc import Iterable

from forum.participation.models import Forum, ForumMembership, Participant, ParticipantProfile
from forum.participation.services import participant_token_hash


def participant_from_token(*, token: str | None) -> Participant | None:
    if not token or len(token) > 128:
        return None
    return Participant.objects.filter(token_hash=participant_token_hash(token)).first()


def participants_from_tokens(*, tokens: Iterable[str]) -> dict[str, Participant]:
    """token -> participant for those of ``tokens`` that belong to one: one query for all
    (a hall of phones reconnecting at once)."""
    by_hash = {participant_token_hash(t): t for t in tokens if t and len(t) <= 128}
    return {
        by_hash[p.token_hash]: p for p in Participant.objects.filter(token_hash__in=list(by_hash))
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
