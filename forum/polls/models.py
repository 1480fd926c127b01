import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from forum.participation.models import Forum, Participant


class PollStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class QuestionKind(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Single choice")


class Poll(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="polls")
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("intro"), blank=True)
    status = models.CharField(max_length=16, choices=PollStatus.choices, default=PollStatus.DRAFT)
    allow_answer_change = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("poll")
        verbose_name_plural = _("polls")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(
        max_length=32, choices=QuestionKind.choices, default=QuestionKind.SINGLE_CHOICE
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("label"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    """One participant's current answer to one question (changed answers replace it)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="poll_responses"
    )
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="responses")
    idempotency_key = models.UUIDField(default=uuid.uuid4)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "participant"], name="one_response_per_participant_question"
            )
        ]

    def __str__(self) -> str:
        return f"response {self.pk} to question {self.question_id}"
