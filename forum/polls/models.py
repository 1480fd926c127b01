import datetime as dt
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.participation.models import Forum, Participant
from forum.polls.measures import Measure, Occasion, PollTemplate


class PollStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


class QuestionKind(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    YES_NO = "yes_no", _("Yes / no / don't know")
    SCALE = "scale", _("Scale")
    RANKING = "ranking", _("Ranking")
    OPEN_TEXT = "open_text", _("Open text")
    BUDGET = "budget", _("Budget allocation")


# Kinds whose answer is exactly one option (the Response.option column is set for them).
ONE_OPTION_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.YES_NO})


class AccessMode(models.TextChoices):
    OPEN = "open", _("Anyone with the link or code")
    CODE = "code", _("Voting code needed")
    AGE_LIMITED = "age_limited", _("Only some age bands")


class ResultsVisibility(models.TextChoices):
    LIVE = "live", _("Live, to everyone")
    AFTER_ANSWER = "after_answer", _("After answering")
    AFTER_CLOSE = "after_close", _("After the poll closes")
    ON_REVEAL = "on_reveal", _("When staff reveal them")


class BudgetMode(models.TextChoices):
    ALLOCATE = "allocate", _("Spread the budget")
    APPROVAL = "approval", _("Pick options within the budget")


class TextStatus(models.TextChoices):
    NONE = "", _("Not text")
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held for approval")
    HIDDEN = "hidden", _("Hidden")


class Poll(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="polls")
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("intro"), blank=True)
    status = models.CharField(max_length=16, choices=PollStatus.choices, default=PollStatus.DRAFT)
    allow_answer_change = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Planned times (stored in UTC, entered and shown in Europe/Stockholm).
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    access_mode = models.CharField(
        max_length=16, choices=AccessMode.choices, default=AccessMode.OPEN
    )
    # For AGE_LIMITED: the age band values allowed to answer.
    age_bands = models.JSONField(default=list, blank=True)
    results_visibility = models.CharField(
        max_length=16,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_ANSWER,
    )
    results_revealed_at = models.DateTimeField(null=True, blank=True)
    # Optional picture: re-encoded, resized and metadata-free (forum/core/images.py), kept in
    # the database like idea photos. The alt text is required whenever there is a picture.
    image = models.BinaryField(null=True, blank=True, editable=False)
    image_type = models.CharField(max_length=32, blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True)
    image_height = models.PositiveIntegerField(null=True, blank=True)
    image_alt = models.CharField(_("image description"), max_length=300, blank=True)
    image_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("poll")
        verbose_name_plural = _("polls")

    def __str__(self) -> str:
        return self.title

    def status_at(self, now: dt.datetime) -> str:
        """The status that applies at ``now``: planned times are evaluated when asked."""
        status = self.status
        if status == PollStatus.SCHEDULED and self.opens_at and self.opens_at <= now:
            status = PollStatus.OPEN
        if status == PollStatus.OPEN and self.closes_at and self.closes_at <= now:
            status = PollStatus.CLOSED
        return status

    @property
    def current_status(self) -> str:
        return self.status_at(timezone.now())


class Question(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    # Other languages than Swedish, {"ar": {field: text}} (forum.core.translations).
    translations = models.JSONField(
        _("translations"), default=dict, blank=True, db_default=models.Value({}, models.JSONField())
    )
    TRANSLATABLE_FIELDS = {"text": 300}  # name -> max length
    kind = models.CharField(
        max_length=32, choices=QuestionKind.choices, default=QuestionKind.SINGLE_CHOICE
    )
    position = models.PositiveIntegerField(default=0)
    # Per-kind settings, validated by the poll builder service: min_picks/max_picks
    # (multiple choice), scale_min/scale_max/label_min/label_max/emoji (scale),
    # budget/unit/budget_mode (budget), max_length (open text).
    config = models.JSONField(default=dict, blank=True)
    # What a standard question measures (forum/polls/measures.py): answers to questions with
    # the same code are compared across forums and years; "" for any other question.
    # The database default too: rows written without the field (migrations' historical
    # models) are plain questions.
    measure = models.CharField(
        max_length=32,
        choices=Measure.choices,
        blank=True,
        default="",
        db_default="",
        db_index=True,
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("label"), max_length=200)
    # Other languages than Swedish, {"ar": {field: text}} (forum.core.translations).
    translations = models.JSONField(
        _("translations"), default=dict, blank=True, db_default=models.Value({}, models.JSONField())
    )
    TRANSLATABLE_FIELDS = {"label": 200}  # name -> max length
    position = models.PositiveIntegerField(default=0)
    # Budget questions: what the option costs (points or kronor).
    cost = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    """One participant's current answer to one question (changed answers replace it).

    ``answer`` holds the validated answer in a per-kind JSON shape (see
    forum/polls/answers.py); ``option`` is also set for one-option kinds so their tallies
    stay one SQL aggregate. Open-text answers keep their moderation state in ``text_status``.
    """

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="poll_responses"
    )
    option = models.ForeignKey(
        Option, on_delete=models.PROTECT, related_name="responses", null=True, blank=True
    )
    answer = models.JSONField(default=dict)
    # The language it was written in: the writer's language when sending (docs/decisions/0045).
    language = models.CharField(max_length=8, default="sv", db_default="sv")
    text_status = models.CharField(
        max_length=16, choices=TextStatus.choices, default=TextStatus.NONE, blank=True
    )
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


class VotingCode(models.Model):
    """A one-time voting code for a code-gated poll, stored only as a keyed hash.

    Spending sets ``participant`` and ``spent_at`` with one conditional UPDATE, so two
    phones racing with the same code cannot both win; a participant holds at most one
    code per poll (a ballot), which the partial unique constraint guarantees.
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="voting_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    spent_at = models.DateTimeField(null=True, blank=True)
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "participant"],
                condition=models.Q(participant__isnull=False),
                name="one_voting_code_per_participant_poll",
            )
        ]

    def __str__(self) -> str:
        return f"voting code {self.pk} for poll {self.poll_id}"


class PollFromTemplate(models.Model):
    """A poll made from a standard set (forum/polls/measures.py) in one click.

    The idempotency key makes the click safe to retry: the same key returns this poll.
    ``follows`` is the poll whose process a measurement "after a process" follows up.
    """

    poll = models.OneToOneField(Poll, on_delete=models.CASCADE, related_name="template_use")
    template = models.CharField(max_length=16, choices=PollTemplate.choices)
    version = models.PositiveSmallIntegerField()
    occasion = models.CharField(max_length=16, choices=Occasion.choices, default=Occasion.YEARLY)
    follows = models.ForeignKey(
        Poll, on_delete=models.SET_NULL, null=True, blank=True, related_name="followed_by"
    )
    idempotency_key = models.UUIDField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.template} poll {self.poll_id}"
