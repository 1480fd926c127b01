"""forum.core's tables: the review status of each translation, the managed departments and
the staff audit log. Roles are Django auth groups (see roles.py)."""

from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from forum.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES

# Swedish is the source every text is written in: there is nothing to review against.
REVIEWABLE_LANGUAGES = tuple(code for code in LANGUAGE_CODES if code != DEFAULT_LANGUAGE)
NOTE_MAX_LENGTH = 1000


class ReviewStatus(models.TextChoices):
    NEEDS_REVIEW = "needs_review", _("Needs review by a native speaker")
    REVIEWED = "reviewed", _("Reviewed by a native speaker")


class LanguageReview(models.Model):
    """Whether a native speaker has read a language's texts (catalogs and glossary).

    No row means "needs review": every translation starts as written by the team.
    """

    language = models.CharField(max_length=16, unique=True)
    status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.NEEDS_REVIEW
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=REVIEWABLE_LANGUAGES),
                name="language_review_reviewable_language",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values),
                name="language_review_known_status",
            ),
            # Reviewed says when; needs review carries no review date.
            models.CheckConstraint(
                condition=(
                    Q(status=ReviewStatus.REVIEWED, reviewed_at__isnull=False)
                    | Q(status=ReviewStatus.NEEDS_REVIEW, reviewed_at__isnull=True)
                ),
                name="language_review_date_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.status}"


class DepartmentLevel(models.TextChoices):
    # The city's organisation, top down: a förvaltning holds avdelningar, which hold enheter.
    ADMINISTRATION = "administration", _("Administration (förvaltning)")
    DIVISION = "division", _("Division (avdelning)")
    UNIT = "unit", _("Unit (enhet)")


class Department(models.Model):
    """One managed organisational unit that planning items, feasibility reviews and
    decisions name as responsible (instead of free text that drifts: "Kultur", "kultur
    och fritid", "Kultur & Fritid")."""

    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=DepartmentLevel.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # Retired units stay for the history that names them; they are not offered for new use.
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="department_unique_name_in_parent"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(parent__isnull=True),
                name="department_unique_top_level_name",
            ),
            models.CheckConstraint(
                condition=Q(level__in=DepartmentLevel.values), name="department_known_level"
            ),
            # Only an administration stands alone at the top.
            models.CheckConstraint(
                condition=Q(parent__isnull=False) | Q(level="administration"),
                name="department_top_level_is_administration",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CityIdentity(models.Model):
    """A staff account's link to the city's identity provider (OpenID Connect, decision 0057).

    The provider's ``sub`` is the key: it never changes and is never reused for another person,
    unlike a login name or an e-mail address, so a renamed city account keeps its Röstrum
    account and a new colleague who inherits a name never inherits someone else's.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="city_identity"
    )
    # OpenID Connect allows a subject of up to 255 ASCII characters.
    subject = models.CharField(_("subject at the identity provider"), max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_login_at = models.DateTimeField()

    class Meta:
        verbose_name = _("city identity")
        verbose_name_plural = _("city identities")
        constraints = [
            models.CheckConstraint(condition=~Q(subject=""), name="city_identity_subject_not_empty")
        ]

    def __str__(self) -> str:
        return self.subject


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    PUBLISH = "publish", _("Published")
    EXPORT = "export", _("Exported")
    REVEAL = "reveal", _("Revealed")
    ROLE_CHANGE = "role_change", _("Changed access")


class AuditEntryNotWritable(Exception):
    """An audit entry is written once and never changed or deleted (decision 0055)."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        # The one change the database allows too: a deleted user's link is forgotten
        # (on_delete=SET_NULL runs this update); the name written at the time stays.
        if kwargs.keys() == {"actor"} and kwargs["actor"] is None:
            return super().update(**kwargs)
        raise AuditEntryNotWritable("audit entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditEntryNotWritable("audit entries cannot be deleted")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AuditEntryNotWritable("audit entries cannot be changed")


class AuditEntry(models.Model):
    """One staff action that changed data, published, exported, revealed held content or
    changed someone's access: who, when, from where, on what, and the fields before/after.

    Append-only: the model, its queryset and database triggers refuse every change and
    deletion (migration 0006, docs/decisions/0055-audit-log.md)."""

    at = models.DateTimeField(db_default=Now(), editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as written at the time: the user may be renamed or deleted later.
    actor_username = models.CharField(max_length=150, blank=True)
    actor_roles = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(max_length=100, blank=True)  # app_label.model
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    forum_id = models.IntegerField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    # {field: [before, after]}
    changes = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    detail = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["-at", "-id"], name="audit_newest_first"),
            models.Index(fields=["forum_id", "-at"], name="audit_by_forum"),
            models.Index(fields=["actor", "-at"], name="audit_by_actor"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=AuditAction.values), name="audit_known_action"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditEntryNotWritable("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditEntryNotWritable("audit entries cannot be deleted")
