from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class WordAction(models.TextChoices):
    BLOCK = "block", _("Block")
    HOLD = "hold", _("Hold for review")


class WordList(models.Model):
    """A staff-replaceable word list for one language and action (one word or phrase a line)."""

    language = models.CharField(max_length=8)
    action = models.CharField(max_length=8, choices=WordAction.choices)
    words = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["language", "action"], name="one_word_list_per_language_action"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.action}"

    def entries(self) -> list[str]:
        return [line.strip() for line in self.words.splitlines() if line.strip()]


class ModerationState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Waiting for approval")
    HIDDEN = "hidden", _("Hidden")
    REJECTED = "rejected", _("Rejected")


class ModeratedContent(models.Model):
    """Free text from a young person that a youth worker may have to look at.

    Ideas and comments (and later live Q&A) inherit these fields; forum.moderation.services
    moves them between states and writes a ModerationAction for every move.
    """

    moderation_state = models.CharField(
        max_length=16, choices=ModerationState.choices, default=ModerationState.HELD
    )
    # Why the screening held it (Reason values); for staff only.
    screen_reasons = models.JSONField(default=list, blank=True)
    # Shown to the author (and only to the author) when a youth worker rejects it.
    rejection_reason = models.TextField(blank=True, max_length=1000)
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.moderation_state == ModerationState.PUBLISHED


class ModerationActionKind(models.TextChoices):
    SCREENED = "screened", _("Screened automatically")
    APPROVE = "approve", _("Approved")
    HIDE = "hide", _("Hidden")
    REJECT = "reject", _("Rejected")
    REPORTED_HIDDEN = "reported_hidden", _("Hidden after reports")
    REPORTS_ABUSE = "reports_abuse", _("Reports marked as abuse")
    REMARK = "remark", _("Internal remark")


class ModerationAction(models.Model):
    """Audit record of every moderation action: who, when, what, why.

    ``actor`` is empty for the automatic screening and the report threshold. ``remark`` is
    internal to staff and is never serialised to participants.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=20, choices=ModerationActionKind.choices)
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, blank=True)
    reason = models.TextField(blank=True, max_length=1000)
    remark = models.TextField(blank=True, max_length=2000)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.content_type_id}/{self.object_id}"


class ContentReport(models.Model):
    """A participant's report of a post; one per participant per item (a DB constraint).

    Every report reaches staff; only ``counts`` reports (from a device that had joined the
    forum before the post and long enough before reporting) can hide the post, and none
    once staff marked it as abuse (docs/decisions/0023-reports-count-joined-devices.md).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    participant = models.ForeignKey(
        "participation.Participant", on_delete=models.CASCADE, related_name="reports"
    )
    # Empty only for reports made before forums were recorded on them.
    forum = models.ForeignKey(
        "participation.Forum",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="content_reports",
    )
    # Decided when the report is made: whether the device was an established member then.
    counts = models.BooleanField(default=False)
    # This report's arrival hid the post (the per-forum rate limit counts these).
    hid_content = models.BooleanField(default=False)
    abusive_at = models.DateTimeField(null=True, blank=True)
    abusive_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "participant"],
                name="one_report_per_participant_item",
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["forum", "hid_content", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"report of {self.content_type_id}/{self.object_id}"


DEFAULT_REPORT_THRESHOLD = 3


class ForumModeration(models.Model):
    """Per-forum moderation settings beyond Forum.pre_moderation."""

    forum = models.OneToOneField(
        "participation.Forum", on_delete=models.CASCADE, related_name="moderation_settings"
    )
    # Content reported by this many different participants is hidden pending review.
    report_threshold = models.PositiveSmallIntegerField(default=DEFAULT_REPORT_THRESHOLD)

    def __str__(self) -> str:
        return f"moderation of forum {self.forum_id}"
