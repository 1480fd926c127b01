import base64
import binascii
import datetime as dt
import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypedDict
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from forum.core.errors import (
    InvalidInput,
    LiveSessionRunning,
    NotFound,
    PersonalCodeExists,
    PersonalCodeExpired,
    PersonalCodeLocked,
    PersonalCodeRetired,
    PersonalCodeWrong,
    PushDisabled,
    PushNotAParticipant,
)
from forum.core.languages import EASY_READ_SWEDISH
from forum.core.models import Department
from forum.core.roles import Role, require_role, user_roles
from forum.core.text import text_clean
from forum.core.translations import offered_languages_clean
from forum.participation.access import require_forum_staff
from forum.participation.models import (
    FORUM_AGE_MAX,
    FORUM_AGE_MIN,
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


def forum_languages_set(*, actor: Any, forum: Forum, languages: Any) -> Forum:
    """Set the languages ``forum`` offers (Swedish always first; unknown codes refused).

    Translations already written for a language the forum stops offering are kept: they are
    not shown while it is off, and come back if it is offered again.
    """
    require_forum_staff(actor, forum, Role.YOUTH_WORKER, write=True)
    cleaned = offered_languages_clean(languages)
    if forum.languages != cleaned:
        forum.languages = cleaned
        forum.save(update_fields=["languages"])
    return forum


# --- forums run by staff (docs/decisions/0049) ---------------------------------------------

# The longest a forum's content may be kept: ten years, the longest disposal rule in use.
RETENTION_DAYS_MAX = 3650
FORUM_NEIGHBOURHOODS = [n for n in Neighbourhood.values if n != PREFER_NOT_TO_SAY]

ForumArchiveGuard = Callable[[Forum], bool]
_forum_archive_guards: list[ForumArchiveGuard] = []


def forum_archive_guard_register(guard: ForumArchiveGuard) -> None:
    """Higher apps say "this forum is busy" (live: a session is running) at start-up."""
    if guard not in _forum_archive_guards:
        _forum_archive_guards.append(guard)


class ForumSettings(TypedDict, total=False):
    name: str
    slug: str
    description: str
    unit: Department | None
    age_min: int
    age_max: int
    neighbourhoods: list[str]
    languages: list[str]
    pre_moderation: bool
    retention_days: int


def _require_forum_manager(actor: Any) -> None:
    # Creating and archiving forums is district-wide work: officials and admins.
    require_role(actor, Role.OFFICIAL)


def _slug_free(base: str, *, exclude_pk: int | None) -> str:
    base = base[:70].strip("-") or "forum"
    others = Forum.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    taken = set(others.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _forum_settings_clean(values: ForumSettings, *, forum: Forum | None) -> dict[str, Any]:
    """Check every given setting; collect all field errors and raise them together."""
    errors: dict[str, list[Any]] = {}
    cleaned: dict[str, Any] = {}
    if "name" in values:
        try:
            cleaned["name"] = text_clean(values["name"][:200], field="name")
        except InvalidInput as exc:
            errors.update(exc.fields)
    if "description" in values:
        try:
            cleaned["description"] = text_clean(
                values["description"], field="description", multiline=True, allow_blank=True
            )
        except InvalidInput as exc:
            errors.update(exc.fields)
    if "slug" in values:
        slug = slugify(values["slug"] or "")
        same = Forum.objects.filter(slug=slug)
        if forum is not None:
            same = same.exclude(pk=forum.pk)
        if not slug or len(slug) > 80:
            errors["slug"] = [_("Use letters a–z, digits and hyphens (at most 80).")]
        elif same.exists():
            errors["slug"] = [_("Another forum already uses that address.")]
        else:
            cleaned["slug"] = slug
    if "unit" in values:
        unit = values["unit"]
        changed = forum is None or unit is None or unit.pk != forum.unit_id
        if unit is not None and unit.archived_at is not None and changed:
            errors["unit"] = [_("That unit is no longer in use. Choose another one.")]
        else:
            cleaned["unit"] = unit
    age_min = values.get("age_min", forum.age_min if forum else 10)
    age_max = values.get("age_max", forum.age_max if forum else 25)
    if "age_min" in values or "age_max" in values:
        if not FORUM_AGE_MIN <= age_min <= age_max <= FORUM_AGE_MAX:
            message = _("The ages go from %(min)d to %(max)d, youngest first.") % {
                "min": FORUM_AGE_MIN,
                "max": FORUM_AGE_MAX,
            }
            errors["age_min" if "age_min" in values else "age_max"] = [message]
        else:
            cleaned.update(age_min=age_min, age_max=age_max)
    if "neighbourhoods" in values:
        codes = values["neighbourhoods"]
        if not isinstance(codes, list) or any(c not in FORUM_NEIGHBOURHOODS for c in codes):
            errors["neighbourhoods"] = [_("Choose neighbourhoods from the list.")]
        else:
            # One order for every forum: the list's own.
            cleaned["neighbourhoods"] = [n for n in FORUM_NEIGHBOURHOODS if n in codes]
    if "languages" in values:
        try:
            cleaned["languages"] = offered_languages_clean(values["languages"])
        except InvalidInput as exc:
            errors.update(exc.fields)
    if "pre_moderation" in values:
        cleaned["pre_moderation"] = bool(values["pre_moderation"])
    if "retention_days" in values:
        days = values["retention_days"]
        if not isinstance(days, int) or not 1 <= days <= RETENTION_DAYS_MAX:
            errors["retention_days"] = [
                _("Keep content from 1 to %(max)d days.") % {"max": RETENTION_DAYS_MAX}
            ]
        else:
            cleaned["retention_days"] = days
    if errors:
        raise InvalidInput(fields=errors)
    return cleaned


def forum_create(*, actor: Any, values: ForumSettings) -> Forum:
    """A new forum (officials and admins). The address (slug) is made from the name unless
    given; it stays unique."""
    _require_forum_manager(actor)
    if "name" not in values:
        raise InvalidInput(fields={"name": [_("Give the forum a name.")]})
    cleaned = _forum_settings_clean(values, forum=None)
    with transaction.atomic():
        if "slug" not in cleaned:
            cleaned["slug"] = _slug_free(slugify(cleaned["name"]), exclude_pk=None)
        return Forum.objects.create(**cleaned)


def forum_update(*, actor: Any, forum: Forum, values: ForumSettings) -> Forum:
    """Change a forum's settings (officials and admins; never once archived)."""
    _require_forum_manager(actor)
    require_forum_staff(actor, forum, Role.OFFICIAL, write=True)
    cleaned = _forum_settings_clean(values, forum=forum)
    changed = [name for name, value in cleaned.items() if getattr(forum, name) != value]
    for name in changed:
        setattr(forum, name, cleaned[name])
    if changed:
        forum.save(update_fields=changed)
    return forum


def forum_archive(*, actor: Any, forum: Forum) -> Forum:
    """Archive a forum: its history stays, read-only; its public pages stay up.

    Refused while a live session of the forum runs (the room would lose its screen).
    Archiving an archived forum changes nothing.
    """
    _require_forum_manager(actor)
    with transaction.atomic():
        locked = Forum.objects.select_for_update().get(pk=forum.pk)
        if locked.archived_at is not None:
            return locked
        if any(guard(locked) for guard in _forum_archive_guards):
            raise LiveSessionRunning()
        locked.archived_at = timezone.now()
        locked.save(update_fields=["archived_at"])
    return locked


def _youth_worker(user_id: int) -> Any:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or Role.YOUTH_WORKER not in user_roles(user):
        raise InvalidInput(fields={"user_id": [_("Choose a youth worker from the list.")]})
    return user


def forum_staff_add(*, actor: Any, forum: Forum, user_id: int) -> ForumStaff:
    """Make a youth worker staff of ``forum`` (adding them again changes nothing)."""
    _require_forum_manager(actor)
    require_forum_staff(actor, forum, Role.OFFICIAL, write=True)
    user = _youth_worker(user_id)
    row, _created = ForumStaff.objects.get_or_create(
        forum=forum, user=user, defaults={"added_by": actor}
    )
    return row


def forum_staff_remove(*, actor: Any, forum: Forum, user_id: int) -> None:
    """Take a staff member off ``forum``; they keep nothing of it."""
    _require_forum_manager(actor)
    require_forum_staff(actor, forum, Role.OFFICIAL, write=True)
    deleted, _rows = ForumStaff.objects.filter(forum=forum, user_id=user_id).delete()
    if not deleted:
        raise NotFound()


# --- Web push: "you said, we did" notices (docs/decisions/0058-web-push.md) -------------------

logger = logging.getLogger(__name__)

# Sends after commit that failed this often in a row (not 404/410, those delete at once):
# the browser is gone in all but name.
PUSH_MAX_FAILURES = 20
# The browser's keys, base64url: an uncompressed P-256 point and a 16-byte auth secret.
PUSH_KEY_BYTES = {"p256dh": 65, "auth": 16}
PUSH_ENDPOINT_MAX_LENGTH = 1000


def push_enabled() -> bool:
    """Phones may opt in only when the server has its VAPID keys and contact address."""
    return bool(settings.VAPID_PUBLIC_KEY and settings.VAPID_PRIVATE_KEY and settings.VAPID_SUBJECT)


# An endpoint's host: a DNS name or IPv4 address, nothing a URL parser could read otherwise.
_HOST_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")
_DEFAULT_PORTS = {"https": 443, "http": 80}


def _origin(url: str, *, wildcard: bool = False) -> tuple[str, str, int] | None:
    """(scheme, host, port) of ``url`` when its authority is a plain host and port; None for
    anything a URL parser could read differently from ours (userinfo, IPv6 or odd characters
    in the host, whitespace, backslashes, a fragment). ``wildcard``: allow a leading ``*.``.
    """
    if not url.isascii() or any(c <= " " or c in "\\#@\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname or ""
    name = host.removeprefix("*.") if wildcard else host
    if (
        parts.scheme not in _DEFAULT_PORTS
        or not set(name) <= _HOST_CHARACTERS
        or "" in name.split(".")
        # The authority is exactly host or host:port, as the sender's parser reads it too.
        or parts.netloc.lower() not in {host, f"{host}:{port}"}
    ):
        return None
    return parts.scheme, host, port if port is not None else _DEFAULT_PORTS[parts.scheme]


def push_service_allowed(endpoint: str) -> bool:
    """The endpoint is at a known push service (settings.WEB_PUSH_SERVICES): same scheme and
    port (https and 443 for the defaults), the host the entry's or, for ``*.base``, a name
    under ``base``. The server POSTs to it, so a phone must not be able to send it anywhere
    else. A query stays allowed: Windows' push service (WNS) puts its token there."""
    origin = _origin(endpoint)
    if origin is None or len(endpoint) > PUSH_ENDPOINT_MAX_LENGTH:
        return False
    scheme, host, port = origin
    for allowed in settings.WEB_PUSH_SERVICES:
        service = _origin(allowed.lower(), wildcard=True)
        if service is None or service[0] != scheme or service[2] != port:
            continue
        pattern = service[1]
        if pattern.startswith("*."):
            if host.endswith(pattern[1:]):
                return True
        elif host == pattern:
            return True
    return False


def _key_bytes(value: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


def push_keys_valid(*, p256dh: str, auth: str) -> dict[str, bool]:
    """Whether each of a browser's keys can be used: ``auth`` 16 bytes, ``p256dh`` a point on
    P-256 (a point off the curve would make every send to it fail in encryption)."""
    secret = _key_bytes(auth)
    point = _key_bytes(p256dh)
    try:
        if point is None or len(point) != PUSH_KEY_BYTES["p256dh"]:
            raise ValueError("not an uncompressed point")
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
        point_ok = point[0] == 4
    except ValueError:
        point_ok = False
    return {
        "p256dh": point_ok,
        "auth": secret is not None and len(secret) == PUSH_KEY_BYTES["auth"],
    }


def push_subscribe(
    *,
    participant: Participant | None,
    endpoint: str,
    p256dh: str,
    auth: str,
    language: str,
) -> PushSubscription:
    """This phone opts in: its browser's subscription, kept for its participant. Idempotent:
    the endpoint is the browser's own, so sending it again updates its keys and language
    (and a browser passed to another cookie follows that cookie)."""
    if not push_enabled():
        raise PushDisabled()
    if participant is None:
        raise PushNotAParticipant()
    errors: dict[str, list[Any]] = {}
    if not push_service_allowed(endpoint):
        errors["endpoint"] = [_("That is not the address of a push service we send to.")]
    for name, valid in push_keys_valid(p256dh=p256dh, auth=auth).items():
        if not valid:
            errors[name] = [_("That is not a key from a browser.")]
    if language not in PushSubscription.LANGUAGES:
        errors["language"] = [_("That is not one of the choices.")]
    if errors:
        raise InvalidInput(fields=errors)
    subscription, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={
            "participant": participant,
            "p256dh": p256dh,
            "auth": auth,
            "language": language,
            "failure_count": 0,
        },
    )
    return subscription


def push_endpoint_hash(endpoint: str) -> str:
    """How a phone names its subscription in a URL: the endpoint's SHA-256 (hex). The
    endpoint itself is an address anyone could post to, so it stays out of URLs and logs."""
    return hashlib.sha256(endpoint.encode()).hexdigest()


def push_unsubscribe(*, participant: Participant | None, endpoint_hash: str) -> None:
    """This phone opts out. Idempotent; only the participant's own subscription goes. Works
    with push turned off too: opting out never depends on the server's keys."""
    if participant is None:
        return
    own = PushSubscription.objects.filter(participant=participant).values_list("pk", "endpoint")
    gone = [pk for pk, endpoint in own if push_endpoint_hash(endpoint) == endpoint_hash.lower()]
    PushSubscription.objects.filter(pk__in=gone).delete()


@dataclass(frozen=True)
class PushMessage:
    """What a notice says: the same for everyone, so it carries nothing about the person
    (no name, no text they wrote, no id). The phone opens /mina-svar to see what it is."""

    title: str
    body: str
    url: str
    tag: str
    lang: str


def push_message(*, language: str) -> PushMessage:
    # Easy-read Swedish is the interface's variant; the server speaks Swedish for it.
    code = "sv" if language == EASY_READ_SWEDISH else language
    with override(code):
        body = str(_("There is news about something you gave your view on."))
    return PushMessage(title="Röstrum", body=body, url="/mina-svar", tag="mina-svar", lang=code)


# The higher layer that delivers notices (api/push/delivery.py) registers here in its
# AppConfig.ready: the domain decides who hears, never how it is sent.
PushSender = Callable[[frozenset[int]], None]
push_senders: list[PushSender] = []


def participants_notify(*, participant_ids: Iterable[int | None]) -> None:
    """Tell these participants' phones, once the surrounding transaction has committed, that
    something they took part in has news on /mina-svar ('you said, we did').

    A rolled-back write sends nothing; a failing send is logged and never fails the staff
    action that caused it (robust on_commit, and delivery runs off the request thread).
    """
    ids = frozenset(pid for pid in participant_ids if pid is not None)
    if not ids or not push_senders or not push_enabled():
        return

    def send() -> None:
        for sender in push_senders:
            try:
                sender(ids)
            except Exception:
                logger.exception("web push: handing notices over failed")

    transaction.on_commit(send, robust=True)


def push_delivered(*, subscription_id: int) -> None:
    PushSubscription.objects.filter(pk=subscription_id).update(
        last_success_at=timezone.now(), failure_count=0
    )


def push_failed(*, subscription_id: int, gone: bool) -> None:
    """A send failed. ``gone`` (the push service answered 404/410): the browser dropped the
    subscription, so we drop it too; otherwise count, and drop after many failures in a row."""
    rows = PushSubscription.objects.filter(pk=subscription_id)
    if gone:
        rows.delete()
        return
    rows.update(failure_count=models.F("failure_count") + 1)
    rows.filter(failure_count__gte=PUSH_MAX_FAILURES).delete()
