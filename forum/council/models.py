import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from forum.polls.models import Poll

# Stockholm's registry numbers: dotted classification, serial, year (e.g. 1.2.4-182-2025).
REFERENCE_PATTERN = re.compile(r"^\d{1,3}(\.\d{1,3}){0,5}-\d{1,6}-(19|20)\d{2}$")


def validate_reference(value: str) -> None:
    # fullmatch, not match: "$" would also accept a trailing newline.
    if not REFERENCE_PATTERN.fullmatch(value):
        raise ValidationError(
            _("Enter a registry number (diarienummer) like 1.2.4-182-2025."), code="invalid"
        )


class DevelopmentArea(models.TextChoices):
    """The three development areas of the council's action plan for local democracy."""

    STRUCTURES = "structures", _("Structures for participation in decisions")
    MANDATE = "mandate", _("Participation processes and decision mandate")
    FEEDBACK = "feedback", _("Information, transparency and feedback")
    OTHER = "other", _("Other")


class PlanningItem(models.Model):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    reference = models.CharField(
        _("registry number"), max_length=40, unique=True, validators=[validate_reference]
    )
    area = models.CharField(max_length=16, choices=DevelopmentArea.choices)
    department = models.CharField(_("responsible department"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("planning item")
        verbose_name_plural = _("planning items")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    BRIEF_PUBLISHED = "brief_published", _("Brief published")
    HELD = "held", _("Held")
    MINUTES_RECORDED = "minutes_recorded", _("Minutes recorded")


class Meeting(models.Model):
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    state = models.CharField(
        max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    planning_item = models.ForeignKey(
        PlanningItem, on_delete=models.PROTECT, related_name="agenda_items"
    )
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "planning_item"], name="planning_item_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.planning_item}"


class PollLink(models.Model):
    """'What young people said' in a poll, routed to a planning item."""

    planning_item = models.ForeignKey(
        PlanningItem, on_delete=models.CASCADE, related_name="poll_links"
    )
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="planning_links")
    note = models.TextField(_("what young people said"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["planning_item", "poll"], name="poll_linked_once_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.poll} → {self.planning_item}"
