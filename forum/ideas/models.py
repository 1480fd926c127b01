import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forum.moderation.models import ModeratedContent
from forum.participation.models import Forum, Neighbourhood, Participant


class IdeaBoard(models.Model):
    """One question young people answer with ideas ("What should change in Tensta centrum?")."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="idea_boards")
    question = models.CharField(_("question"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    # Other languages than Swedish, {"ar": {field: text}} (forum.core.translations).
    translations = models.JSONField(
        _("translations"), default=dict, blank=True, db_default=models.Value({}, models.JSONField())
    )
    TRANSLATABLE_FIELDS = {"question": 200, "description": 2000}  # name -> max length
    # Category names in display order; an idea picks one of them (or none).
    categories = models.JSONField(default=list, blank=True)
    # Aware datetimes; staff enter them in Europe/Stockholm (settings.TIME_ZONE).
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("idea board")
        verbose_name_plural = _("idea boards")

    def __str__(self) -> str:
        return self.question


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    FORWARDED = "forwarded", _("Forwarded to the council")
    DECIDED = "decided", _("Decided")
    DONE = "done", _("Done")
    NOT_TAKEN_FURTHER = "not_taken_further", _("Not taken further")


class Decision(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class Idea(ModeratedContent):
    board = models.ForeignKey(IdeaBoard, on_delete=models.CASCADE, related_name="ideas")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), max_length=2000)
    # The language it was written in: the writer's language when sending (docs/decisions/0045).
    language = models.CharField(max_length=8, default="sv", db_default="sv")
    category = models.CharField(_("category"), max_length=80, blank=True)
    neighbourhood = models.CharField(max_length=24, choices=Neighbourhood.choices, blank=True)
    # The re-encoded, resized, metadata-free photo (see forum/core/images.py). Kept in the
    # database so it is served through the same visibility rules as the text.
    photo = models.BinaryField(null=True, blank=True, editable=False)
    photo_type = models.CharField(max_length=32, blank=True)
    photo_width = models.PositiveIntegerField(null=True, blank=True)
    photo_height = models.PositiveIntegerField(null=True, blank=True)
    feedback_status = models.CharField(
        max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED
    )
    decision = models.CharField(max_length=8, choices=Decision.choices, blank=True)
    first_feedback_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.UUIDField(default=uuid.uuid4)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "idempotency_key"], name="idea_once_per_key"
            )
        ]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self) -> str:
        return self.title


class Support(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="idea_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "participant"], name="one_support_per_participant_idea"
            )
        ]

    def __str__(self) -> str:
        return f"support of idea {self.idea_id}"


class Comment(ModeratedContent):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    # One level of replies: a reply's parent is always a top-level comment.
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="idea_comments"
    )
    text = models.TextField(_("text"), max_length=1000)
    # The language it was written in: the writer's language when sending (docs/decisions/0045).
    language = models.CharField(max_length=8, default="sv", db_default="sv")
    idempotency_key = models.UUIDField(default=uuid.uuid4)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "idempotency_key"], name="comment_once_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"comment {self.pk} on idea {self.idea_id}"


class FeedbackEntry(models.Model):
    """One step of an idea's public timeline, with the text young people read.

    The planning item a "forwarded" step went to and the council decision a "decided" step
    came from are held by council (council.IdeaStepOrigin points down at the step): this app
    imports nothing from council, a layer above (docs/decisions/0035)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="feedback")
    status = models.CharField(max_length=20, choices=FeedbackStatus.choices)
    decision = models.CharField(max_length=8, choices=Decision.choices, blank=True)
    text = models.TextField(_("feedback"), max_length=2000)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the step happened, if not when it was written: a council decision is dated the
    # meeting's date, however late the official records it.
    happened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.status} for idea {self.idea_id}"
