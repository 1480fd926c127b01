import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.errors import (
    InvalidInput,
    PersonalCodeExists,
    PersonalCodeExpired,
    PersonalCodeLocked,
    PersonalCodeRetired,
    PersonalCodeWrong,
)
from forum.core.translations import offered_languages_clean
from forum.participation.models import (
    AgeBand,
    Forum,
    ForumMembership,
    Gender,
    Neighbourhood,
    Participant,
    ParticipantProfile,
    PersonalCode,
)


def participant_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def participant_create() -> tuple[Participant, str]:
    """Create a participant and return it with the raw token to hand to the device."""
    token = secrets.token_urlsafe(32)
    participant = Participant.objects.create(token_hash=participant_token_hash(token))
    return participant, token


# (forum id, participant id) of memberships this process saw committed. Every answer, Q&A
# post and idea of a phone calls forum_join; once the row is known to exist the INSERT
# would do nothing (a statement per answer for nothing). Filled only after commit, so a
# rolled-back join is never remembered; emptied when a merge moves memberships away.
_committed_memberships: set[tuple[int, int]] = set()
COMMITTED_MEMBERSHIPS_MAX = 200_000  # about 20 MB at most; emptied whole when full


def forum_join(*, forum: Forum, participant: Participant) -> None:
    """Record that ``participant`` takes part in ``forum``; idempotent, the first time stays
    (a device cannot make itself newer or older by joining again). One statement, also when
    the same phone joins twice at once: ``INSERT … ON CONFLICT DO NOTHING``; none when this
    process already saw the membership committed."""
    pair = (forum.pk, participant.pk)
    if pair in _committed_memberships:
        return
    ForumMembership.objects.bulk_create(
        [ForumMembership(forum=forum, participant=participant)], ignore_conflicts=True
    )
    transaction.on_commit(lambda: _membership_committed(pair))


def _membership_committed(pair: tuple[int, int]) -> None:
    if len(_committed_memberships) >= COMMITTED_MEMBERSHIPS_MAX:
        _committed_memberships.clear()
    _committed_memberships.add(pair)


def committed_memberships_clear() -> None:
    """Forget the memberships seen (tests: rolled-back ids are used again)."""
    _committed_memberships.clear()


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


# --- personal codes: the same history on another phone ---------------------------------------

# No 0/O or 1/I (as voting codes): easy to read aloud and type. 32 symbols = 5 bits each.
PERSONAL_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PERSONAL_CODE_LENGTH = 10  # 50 bits


def personal_code_normalise(code: str) -> str:
    """The code as generated: upper case, without the spaces and dashes people type.

    Raises InvalidInput (not counted as a guess) when it cannot be a code at all.
    """
    cleaned = "".join(code.split()).replace("-", "").upper()
    if len(cleaned) != PERSONAL_CODE_LENGTH or any(
        c not in PERSONAL_CODE_ALPHABET for c in cleaned
    ):
        raise InvalidInput(
            fields={"code": [_("A code has 10 letters and digits, like ABCD-EFGH-JK.")]}
        )
    return cleaned


def personal_code_hash(code: str) -> str:
    """Keyed hash: 50 bits could be tried offline against a leaked table without the key."""
    return hmac.new(
        settings.SECRET_KEY.encode(),
        f"personal-code:{personal_code_normalise(code)}".encode(),
        hashlib.sha256,
    ).hexdigest()


def personal_code_format(code: str) -> str:
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


@dataclass(frozen=True)
class IssuedCode:
    code: str  # formatted, shown once: only its hash is stored
    created_at: dt.datetime
    expires_at: dt.datetime


def personal_code_issue(*, participant: Participant, replace: bool = False) -> IssuedCode:
    """Give ``participant`` a new personal code. An active code is retired at once when
    ``replace`` is set ("Byt kod"); otherwise having one is an error, so a double tap cannot
    silently retire the code someone just wrote down. An expired code is simply replaced."""
    now = timezone.now()
    with transaction.atomic():
        # Serialise issuing per participant (the partial unique constraint is the backstop).
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        active = (
            PersonalCode.objects.select_for_update()
            .filter(participant=participant, retired_at__isnull=True)
            .first()
        )
        if active is not None:
            if not replace and active.expires_at > now:
                raise PersonalCodeExists()
            active.retired_at = now
            active.save(update_fields=["retired_at"])
        expires_at = now + dt.timedelta(days=settings.PERSONAL_CODE_MAX_AGE_DAYS)
        for _attempt in range(5):
            raw = "".join(
                secrets.choice(PERSONAL_CODE_ALPHABET) for _i in range(PERSONAL_CODE_LENGTH)
            )
            try:
                with transaction.atomic():
                    row = PersonalCode.objects.create(
                        participant=participant,
                        code_hash=personal_code_hash(raw),
                        expires_at=expires_at,
                    )
            except IntegrityError:  # pragma: no cover - a 1 in 2**50 collision
                continue
            return IssuedCode(
                code=personal_code_format(raw), created_at=row.created_at, expires_at=expires_at
            )
    raise RuntimeError("could not find a free personal code")  # pragma: no cover


def personal_code_check_own(*, participant: Participant, code: str) -> PersonalCode:
    """The participant's active code ``code`` (to show it again, e.g. as a QR), or
    PersonalCodeWrong. Not a guess at anyone else's code: only this participant's match."""
    row = PersonalCode.objects.filter(
        participant=participant, code_hash=personal_code_hash(code), retired_at__isnull=True
    ).first()
    if row is None or row.expires_at <= timezone.now():
        raise PersonalCodeWrong(fields={"code": [PersonalCodeWrong.default_message]})
    return row


def _failures_key(device_key: str) -> str:
    return f"personal-code-failures:{hashlib.sha256(device_key.encode()).hexdigest()}"


def _failure_count(device_key: str) -> int:
    return int(cache.get(_failures_key(device_key), 0))


def _failure_record(device_key: str) -> None:
    key = _failures_key(device_key)
    # add() starts the lockout window at the first failure; incr() keeps its expiry.
    if not cache.add(key, 1, timeout=settings.PERSONAL_CODE_LOCKOUT_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=settings.PERSONAL_CODE_LOCKOUT_SECONDS)


@dataclass(frozen=True)
class Redeemed:
    participant: Participant  # the participant this phone is now
    new_token: str | None  # a cookie for a phone that had none
    merged: bool  # the phone's own earlier history was merged in


def personal_code_redeem(
    *, code: str, participant: Participant | None, device_key: str
) -> Redeemed:
    """Make this phone the participant whose personal code ``code`` is.

    ``participant`` is the phone's current participant (None without a cookie); its
    history is merged into the code's participant (participant_merge). ``device_key``
    identifies the device for the lockout: after PERSONAL_CODE_MAX_FAILURES wrong, retired
    or expired codes it is refused for PERSONAL_CODE_LOCKOUT_SECONDS, even with the right
    code. A refused code changes nothing in the database.
    """
    if _failure_count(device_key) >= settings.PERSONAL_CODE_MAX_FAILURES:
        minutes = max(1, settings.PERSONAL_CODE_LOCKOUT_SECONDS // 60)
        raise PersonalCodeLocked(
            _("Too many wrong codes. Wait %(minutes)d minutes and try again.")
            % {"minutes": minutes}
        )
    code_hash = personal_code_hash(code)
    row = PersonalCode.objects.select_related("participant").filter(code_hash=code_hash).first()
    now = timezone.now()
    error: type[PersonalCodeWrong | PersonalCodeRetired | PersonalCodeExpired] | None = None
    if row is None:
        error = PersonalCodeWrong
    elif row.retired_at is not None:
        error = PersonalCodeRetired
    elif row.expires_at <= now:
        error = PersonalCodeExpired
    if error is not None:
        _failure_record(device_key)
        raise error(fields={"code": [error.default_message]})
    assert row is not None
    cache.delete(_failures_key(device_key))
    target = row.participant
    if participant is None:
        token = secrets.token_urlsafe(32)
        Participant.objects.create(token_hash=participant_token_hash(token), alias_of=target)
        return Redeemed(participant=target, new_token=token, merged=False)
    if participant.pk == target.pk:
        return Redeemed(participant=target, new_token=None, merged=False)
    participant_merge(source=participant, target=target)
    return Redeemed(participant=target, new_token=None, merged=True)


def _participant_foreign_keys() -> list[models.ForeignKey[Any, Any]]:
    """Every foreign key to Participant, including hidden ones (related_name="+"), so a
    model added later is merged too without touching this module."""
    return [
        rel.field
        for rel in Participant._meta.get_fields(include_hidden=True)
        if isinstance(rel, models.ManyToOneRel) and isinstance(rel.field, models.ForeignKey)
    ]


def _unique_field_sets(model: type[models.Model], field: str) -> list[tuple[list[str], Any]]:
    """(other fields, condition) of each uniqueness rule on ``model`` that includes ``field``."""
    rules: list[tuple[list[str], Any]] = []
    for constraint in model._meta.constraints:
        fields = list(getattr(constraint, "fields", ()) or ())
        if field in fields:
            rules.append(
                ([f for f in fields if f != field], getattr(constraint, "condition", None))
            )
    for together in model._meta.unique_together:
        if field in together:
            rules.append(([f for f in together if f != field], None))
    return rules


@transaction.atomic
def participant_merge(*, source: Participant, target: Participant) -> None:
    """Fold ``source``'s history into ``target``; ``source`` (and every phone that stood for
    it) then stands for ``target``.

    Where both have a row that may exist only once (the same question answered, the same
    idea supported, a profile for the same forum), ``target``'s row is kept and
    ``source``'s is dropped: the history the person chose to move wins, and the result
    counts the person once. ``source``'s personal codes are retired (it is nobody now).
    """
    if source.pk == target.pk:
        return
    assert target.alias_of_id is None
    assert source.alias_of_id is None
    # Lock both rows in a fixed order so two merges of the same pair cannot deadlock.
    list(
        Participant.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")
    )
    now = timezone.now()
    PersonalCode.objects.filter(participant=source, retired_at__isnull=True).update(retired_at=now)
    for fk in _participant_foreign_keys():
        model = fk.model
        if model is PersonalCode:
            continue  # retired above; they stay with source so a retired code is recognised
        if model is Participant:  # alias_of: keep aliases pointing at a real participant
            Participant.objects.filter(alias_of=source).update(alias_of=target)
            continue
        rows = model._default_manager.filter(**{fk.name: source})
        for others, condition in _unique_field_sets(model, fk.name):
            kept = model._default_manager.filter(**{fk.name: target})
            kept = kept.filter(**{name: OuterRef(name) for name in others})
            clashing = rows.filter(Exists(kept.filter(condition) if condition else kept))
            (clashing.filter(condition) if condition else clashing).delete()
        rows.update(**{fk.name: target})
    source.alias_of = target
    source.save(update_fields=["alias_of"])
    # The source's memberships moved or went: forget what this process knew (rare).
    committed_memberships_clear()
    transaction.on_commit(committed_memberships_clear)


def forum_languages_set(*, forum: Forum, languages: Any) -> Forum:
    """Set the languages ``forum`` offers (Swedish always first; unknown codes refused).

    Translations already written for a language the forum stops offering are kept: they are
    not shown while it is off, and come back if it is offered again.
    """
    cleaned = offered_languages_clean(languages)
    if forum.languages != cleaned:
        forum.languages = cleaned
        forum.save(update_fields=["languages"])
    return forum
