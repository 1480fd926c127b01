import hashlib
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.errors import InvalidInput
from forum.participation.models import (
    AgeBand,
    Forum,
    ForumMembership,
    Gender,
    Neighbourhood,
    Participant,
    ParticipantProfile,
)


def participant_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def participant_create() -> tuple[Participant, str]:
    """Create a participant and return it with the raw token to hand to the device."""
    token = secrets.token_urlsafe(32)
    participant = Participant.objects.create(token_hash=participant_token_hash(token))
    return participant, token


def forum_join(*, forum: Forum, participant: Participant) -> ForumMembership:
    """Record that ``participant`` takes part in ``forum``; idempotent, the first time stays
    (a device cannot make itself newer or older by joining again)."""
    membership = ForumMembership.objects.filter(forum=forum, participant=participant).first()
    if membership is not None:
        return membership
    try:
        with transaction.atomic():
            return ForumMembership.objects.create(forum=forum, participant=participant)
    except IntegrityError:  # the same phone joined twice at once
        return ForumMembership.objects.get(forum=forum, participant=participant)


def participant_profile_save(
    *,
    forum: Forum,
    participant: Participant,
    age_band: str = "",
    gender: str = "",
    neighbourhood: str = "",
) -> ParticipantProfile:
    """Create or replace the participant's optional 'about you' answers for ``forum``.

    Saving, even with every answer blank, records that the participant was asked: a blank
    answer is then a skipped question, not a question never put.
    """
    errors: dict[str, list[Any]] = {}
    for name, value, choices in (
        ("age_band", age_band, AgeBand),
        ("gender", gender, Gender),
        ("neighbourhood", neighbourhood, Neighbourhood),
    ):
        if value and value not in choices.values:
            errors[name] = [_("That is not one of the choices.")]
    if errors:
        raise InvalidInput(fields=errors)
    profile, _created = ParticipantProfile.objects.update_or_create(
        forum=forum,
        participant=participant,
        defaults={"age_band": age_band, "gender": gender, "neighbourhood": neighbourhood},
    )
    return profile


def participant_profile_skip(*, forum: Forum, participant: Participant) -> ParticipantProfile:
    """The participant chose "skip" on the 'about you' card of ``forum``.

    Records that they were asked (the row) and skipped (``skipped_at``), so they are not
    asked again there. Answers they gave earlier stay: skipping never erases them.
    """
    with transaction.atomic():
        profile, _created = ParticipantProfile.objects.select_for_update().get_or_create(
            forum=forum, participant=participant
        )
        if profile.skipped_at is None:
            profile.skipped_at = timezone.now()
            profile.save(update_fields=["skipped_at", "updated_at"])
    return profile
