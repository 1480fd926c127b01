from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.languages import DEFAULT_LANGUAGE, EASY_READ_SWEDISH, LANGUAGE_CODES
from forum.core.models import Department

# Who a forum is for: the youngest and oldest age it invites (the app serves 10–25; a
# forum may reach a little wider, e.g. a school class of 9-year-olds is not invited).
FORUM_AGE_MIN = 6
FORUM_AGE_MAX = 30
DEFAULT_RETENTION_DAYS = 730


def all_languages() -> list[str]:
    return list(LANGUAGE_CODES)


class Forum(models.Model):
    """A youth forum: the place polls, idea boards and live sessions belong to."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    # Forums open to under-18s hold every text for a youth worker before it is shown.
    pre_moderation = models.BooleanField(_("hold free text for approval"), default=True)
    # The languages staff write this forum's texts in and participants may choose: codes
    # from forum.core.languages, Swedish always first (forum.core.translations).
    # The database default too: rows written without the field (older code, migrations'
    # historical models) offer every language, as new forums do.
    languages = models.JSONField(
        _("languages"),
        default=all_languages,
        db_default=models.Value(list(LANGUAGE_CODES), output_field=models.JSONField()),
    )
    # The unit that runs the forum (a managed Department); kept while a forum names it.
    unit = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forums",
        verbose_name=_("unit"),
    )
    # Database defaults too, as for languages: rows written without these fields (raw
    # inserts, migrations' historical models) get the same values new forums do.
    age_min = models.PositiveSmallIntegerField(_("youngest age"), default=10, db_default=10)
    age_max = models.PositiveSmallIntegerField(_("oldest age"), default=25, db_default=25)
    # Neighbourhood codes (Neighbourhood below) the forum is for; checked by the services.
    neighbourhoods = models.JSONField(
        _("neighbourhoods"),
        default=list,
        blank=True,
        db_default=models.Value([], output_field=models.JSONField()),
    )
    # How long the forum's content is kept before disposal (gallring), in days.
    retention_days = models.PositiveIntegerField(
        _("retention period in days"),
        default=DEFAULT_RETENTION_DAYS,
        db_default=DEFAULT_RETENTION_DAYS,
    )
    # An archived forum keeps its history read-only; its public pages stay up.
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(languages__0=DEFAULT_LANGUAGE), name="forum_languages_sv_first"
            ),
            models.CheckConstraint(
                condition=models.Q(age_min__gte=FORUM_AGE_MIN)
                & models.Q(age_min__lte=models.F("age_max"))
                & models.Q(age_max__lte=FORUM_AGE_MAX),
                name="forum_age_range_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(retention_days__gte=1), name="forum_retention_days_positive"
            ),
        ]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self) -> str:
        return self.name

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


class ForumStaff(models.Model):
    """A staff member who works in a forum. Youth workers read and change only the forums
    they are staff of; officials and admins work district-wide (docs/decisions/0049)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="staff_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_staff"
    )
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "user"], name="one_staff_row_per_forum_user")
        ]
        verbose_name = _("forum staff member")
        verbose_name_plural = _("forum staff members")

    def __str__(self) -> str:
        return f"user {self.user_id} in forum {self.forum_id}"


class Participant(models.Model):
    """A pseudonymous young person: nothing but the hash of a random token in a cookie.

    The raw token never reaches the database, so a leaked table cannot be replayed as
    cookies. The token carries 256 bits of randomness, so a plain SHA-256 is enough:
    there is nothing to brute-force that a slow password hash would protect.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    # A phone that took over another participant's history with a personal code: its own
    # token still works, and every lookup resolves to the participant it stands for. Always
    # points at a participant that is not itself an alias (services.participant_merge).
    alias_of = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="aliases"
    )
    # Holds rows kept for anonymous totals after gallring or self-erasure: no device has a
    # token for it and nothing links it to the person (forum/participation/retention.py).
    stand_in = models.BooleanField(default=False, db_default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"participant {self.pk}"


class ForumMembership(models.Model):
    """When a device first took part in a forum (joined its live session, voted, posted,
    supported). Reports weigh by it: a device made a moment ago is not a member whose
    report may hide anything (docs/decisions/0023-reports-count-joined-devices.md)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="memberships")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "participant"], name="one_membership_per_participant_forum"
            )
        ]

    def __str__(self) -> str:
        return f"participant {self.participant_id} in forum {self.forum_id}"


PREFER_NOT_TO_SAY = "prefer_not"


class AgeBand(models.TextChoices):
    AGE_10_12 = "10-12", _("10–12 years")
    AGE_13_15 = "13-15", _("13–15 years")
    AGE_16_19 = "16-19", _("16–19 years")
    AGE_20_25 = "20-25", _("20–25 years")
    PREFER_NOT = PREFER_NOT_TO_SAY, _("Prefer not to say")


class Gender(models.TextChoices):
    GIRL = "girl", _("Girl")
    BOY = "boy", _("Boy")
    NON_BINARY = "non_binary", _("Non-binary")
    PREFER_NOT = PREFER_NOT_TO_SAY, _("Prefer not to say")


class Neighbourhood(models.TextChoices):
    AKALLA = "akalla", "Akalla"
    HUSBY = "husby", "Husby"
    KISTA = "kista", "Kista"
    RINKEBY = "rinkeby", "Rinkeby"
    TENSTA = "tensta", "Tensta"
    HJULSTA = "hjulsta", "Hjulsta"
    SPANGA_BROMSTEN = "spanga_bromsten", "Spånga/Bromsten"
    OTHER_STOCKHOLM = "other_stockholm", _("Other part of Stockholm")
    OUTSIDE_STOCKHOLM = "outside_stockholm", _("Outside Stockholm")
    PREFER_NOT = PREFER_NOT_TO_SAY, _("Prefer not to say")


class ParticipantProfile(models.Model):
    """Optional 'about you' answers, once per participant per forum.

    A row exists only once the device was asked and responded: saved answers or chose
    "skip" (docs/decisions/0007-about-you-asked-skipped-not-asked.md). So, per question: a
    value is an answer, "prefer not to say" a choice not to say, blank a skip; no row at
    all means the participant was never asked. Age only as a band. Reports aggregate these
    and suppress small groups (forum.core.suppression).
    """

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="profiles")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="profiles")
    age_band = models.CharField(max_length=16, choices=AgeBand.choices, blank=True)
    gender = models.CharField(max_length=16, choices=Gender.choices, blank=True)
    neighbourhood = models.CharField(max_length=24, choices=Neighbourhood.choices, blank=True)
    # When the device last chose "skip" on the whole card; its answers stay blank (skipped).
    skipped_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "participant"], name="one_profile_per_participant_forum"
            )
        ]

    def __str__(self) -> str:
        return f"profile of participant {self.participant_id} in forum {self.forum_id}"


class PersonalCode(models.Model):
    """A participant's personal code ("ABCD-EFGH-JK") that moves its history to another phone.

    Only a keyed hash is stored (the code has 50 bits, so a plain hash of a leaked table
    could be tried offline). At most one code per participant is active; renewing retires
    the old one at once, and retired rows stay so a retired code gets its own error.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="personal_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant"],
                condition=models.Q(retired_at__isnull=True),
                name="one_active_personal_code_per_participant",
            )
        ]

    def __str__(self) -> str:
        return f"personal code of participant {self.participant_id}"


# A phone's language for its notices: the interface languages plus easy-read Swedish.
PUSH_LANGUAGES = (*LANGUAGE_CODES, EASY_READ_SWEDISH)


class PushSubscription(models.Model):
    """One browser's Web Push subscription: where its push service takes notices for it.

    No account: the subscription belongs to the participant behind the phone's cookie. The
    endpoint is the browser's own address at its push service (unique: one browser, one
    row); p256dh and auth are the keys a notice is encrypted with, so only that browser
    can read it. What is sent is generic (docs/decisions/0058-web-push.md).
    """

    LANGUAGES = PUSH_LANGUAGES

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=128)
    auth = models.CharField(max_length=64)
    language = models.CharField(max_length=16, default=DEFAULT_LANGUAGE)
    created_at = models.DateTimeField(auto_now_add=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    # Failed sends in a row (not 404/410: those delete the row); reset by a success.
    failure_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=PUSH_LANGUAGES),
                name="push_subscription_known_language",
            ),
            models.CheckConstraint(
                condition=~models.Q(p256dh="") & ~models.Q(auth=""),
                name="push_subscription_has_keys",
            ),
            models.CheckConstraint(
                condition=models.Q(endpoint__startswith="https://")
                | models.Q(endpoint__startswith="http://"),
                name="push_subscription_endpoint_is_url",
            ),
        ]

    def __str__(self) -> str:
        return f"push subscription {self.pk} of participant {self.participant_id}"
