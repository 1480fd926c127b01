import functools
import operator
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forum.polls.models import Poll, Question

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


class PlanningItemStatus(models.TextChoices):
    # Context: Swedish inflects these by gender ("planeringspunkt" is common gender).
    PLANNED = "planned", pgettext_lazy("planning item status", "Planned")
    IN_PREPARATION = "in_preparation", pgettext_lazy("planning item status", "Being prepared")
    DECIDED = "decided", pgettext_lazy("planning item status", "Decided")
    CLOSED = "closed", pgettext_lazy("planning item status", "Closed")


class PlanningItem(models.Model):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # Other languages than Swedish, {"ar": {field: text}} (forum.core.translations).
    translations = models.JSONField(
        _("translations"), default=dict, blank=True, db_default=models.Value({}, models.JSONField())
    )
    TRANSLATABLE_FIELDS = {"title": 300, "description": 10_000}  # name -> max length
    reference = models.CharField(
        _("registry number"), max_length=40, unique=True, validators=[validate_reference]
    )
    area = models.CharField(max_length=16, choices=DevelopmentArea.choices)
    # Managed, not free text: the same department is named the same way everywhere.
    department = models.ForeignKey(
        "core.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="planning_items",
        verbose_name=_("responsible department"),
    )
    status = models.CharField(
        max_length=20, choices=PlanningItemStatus.choices, default=PlanningItemStatus.PLANNED
    )
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
    # The official's edit of the drafted child-rights and gender-equality analysis;
    # blank means "use the text drafted from the figures".
    analysis = models.TextField(_("child-rights and gender-equality analysis"), blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "planning_item"], name="planning_item_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.planning_item}"


class LinkKind(models.TextChoices):
    POLL = "poll", _("Poll")
    IDEA = "idea", _("Idea")
    BOARD = "board", _("Idea board")
    ACTIVITY = "activity", _("Live-session activity")
    WORKSHOP = "workshop", _("Workshop entered by hand")


# Exactly one target kind per link; a question always comes with its poll.
_TARGETS = ("poll", "idea", "board", "activity", "workshop")
_ONE_TARGET = functools.reduce(
    operator.or_,
    (models.Q(**{f"{name}__isnull": name != target for name in _TARGETS}) for target in _TARGETS),
) & (models.Q(question__isnull=True) | models.Q(poll__isnull=False))


class PlanningLink(models.Model):
    """Young people's input routed to a planning item, with "what young people said": a
    poll (or one of its questions), one idea, a whole idea board, or a live-session
    activity. Council is the top domain layer, so it points down at every input kind
    (docs/decisions/0022)."""

    planning_item = models.ForeignKey(PlanningItem, on_delete=models.CASCADE, related_name="links")
    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, null=True, blank=True, related_name="planning_links"
    )
    # With a poll: None is the whole poll, otherwise only this one question of it.
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="planning_links"
    )
    idea = models.ForeignKey(
        "ideas.Idea", on_delete=models.CASCADE, null=True, blank=True, related_name="planning_links"
    )
    board = models.ForeignKey(
        "ideas.IdeaBoard",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="planning_links",
    )
    activity = models.ForeignKey(
        "live.LiveActivity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="planning_links",
    )
    # Results of a paper or sticky-note workshop, entered by hand: shown apart, never added
    # to digital counts (docs/decisions/0052).
    workshop = models.ForeignKey(
        "live.OfflineWorkshop",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="planning_links",
    )
    note = models.TextField(_("what young people said"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=_ONE_TARGET, name="planning_link_one_target"),
            models.UniqueConstraint(
                fields=["planning_item", "poll"],
                condition=models.Q(poll__isnull=False, question__isnull=True),
                name="planning_link_poll_once",
            ),
            models.UniqueConstraint(
                fields=["planning_item", "question"],
                condition=models.Q(question__isnull=False),
                name="planning_link_question_once",
            ),
            models.UniqueConstraint(
                fields=["planning_item", "idea"],
                condition=models.Q(idea__isnull=False),
                name="planning_link_idea_once",
            ),
            models.UniqueConstraint(
                fields=["planning_item", "board"],
                condition=models.Q(board__isnull=False),
                name="planning_link_board_once",
            ),
            models.UniqueConstraint(
                fields=["planning_item", "activity"],
                condition=models.Q(activity__isnull=False),
                name="planning_link_activity_once",
            ),
            models.UniqueConstraint(
                fields=["planning_item", "workshop"],
                condition=models.Q(workshop__isnull=False),
                name="planning_link_workshop_once",
            ),
        ]

    def __str__(self) -> str:
        target = (
            self.question or self.poll or self.idea or self.board or self.activity or self.workshop
        )
        return f"{target} → {self.planning_item}"

    @property
    def kind(self) -> str:
        if self.poll_id is not None:
            return LinkKind.POLL
        if self.idea_id is not None:
            return LinkKind.IDEA
        if self.board_id is not None:
            return LinkKind.BOARD
        if self.workshop_id is not None:
            return LinkKind.WORKSHOP
        return LinkKind.ACTIVITY


class BriefVersion(models.Model):
    """A published, frozen brief: the figures as they were, so later votes change nothing."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="brief_versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    changelog = models.TextField(_("what changed"), blank=True, max_length=2000)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_brief_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.number}"


class BriefQuote(models.Model):
    """A quote from young people that staff chose for an agenda item's brief.

    Only text that was already published after moderation may be quoted; the source is
    named generically (kind + id) so idea boards and live-session posts can be added.
    """

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("quote"), max_length=1000)
    source_kind = models.CharField(max_length=20)
    source_id = models.PositiveIntegerField()
    position = models.PositiveIntegerField(default=0)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    AMENDED = "amended", _("Approved with changes")
    REJECTED = "rejected", _("Rejected")
    POSTPONED = "postponed", _("Postponed")
    NOTED = "noted", _("Noted, no decision")


class Decision(models.Model):
    """What the council decided on one agenda item."""

    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.CASCADE, related_name="decision"
    )
    text = models.TextField(_("decision"), max_length=4000)
    outcome = models.CharField(max_length=16, choices=DecisionOutcome.choices)
    decided_at = models.DateTimeField(_("decided at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The feedback young people read, held on the decision itself so it is known whether it
    # was published even when no poll or activity is linked (ideas get it on their timeline).
    feedback_text = models.TextField(_("feedback to young people"), blank=True, max_length=2000)
    feedback_published_at = models.DateTimeField(null=True, blank=True)
    # Who carries the decision out (blank: not said).
    department = models.ForeignKey(
        "core.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("responsible for carrying it out"),
    )

    def __str__(self) -> str:
        return f"decision on {self.agenda_item}"


class InputUsage(models.TextChoices):
    """How the council used one linked input in its decision (said publicly, with a reason)."""

    TAKEN = "taken", _("Taken into account")
    PARTLY = "partly", _("Partly taken into account")
    NOT_TAKEN = "not_taken", _("Not taken into account")
    NOT_RELEVANT = "not_relevant", _("Not relevant to the decision")


class FeedbackEntry(models.Model):
    """What one decision did with one linked input (a link of the decided planning item):
    how it was used and why, in public.

    Participants who took part in exactly that input (answered the poll or the linked
    question, took part in the activity) see it once the decision's feedback is published;
    ideas get theirs as a step on their own timeline (ideas.FeedbackEntry, see
    docs/decisions/0021 and 0022). An input without a recorded usage gets nothing, so a
    decision reaches only the input it was about.
    """

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="feedback")
    link = models.ForeignKey(PlanningLink, on_delete=models.CASCADE, related_name="feedback")
    # Blank only on entries written before usage was recorded (migration 0004).
    usage = models.CharField(max_length=16, choices=InputUsage.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=500)
    text = models.TextField(_("feedback to young people"), max_length=2000)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name_plural = _("feedback entries")
        constraints = [
            models.UniqueConstraint(fields=["decision", "link"], name="one_feedback_per_link"),
        ]

    def __str__(self) -> str:
        return f"feedback on {self.link}"


class IdeaStepOrigin(models.Model):
    """Where in the council one step of an idea's public timeline came from: the planning
    item a "forwarded" step sent the idea to, and the council decision that wrote a
    "decided" step. Council holds it, pointing down at the ideas step, so ideas knows
    nothing of council (docs/decisions/0035). A corrected decision updates its step instead
    of adding one: one step per idea and council decision, in the database."""

    step = models.OneToOneField(
        "ideas.FeedbackEntry", on_delete=models.CASCADE, related_name="council_origin"
    )
    # The step's idea, repeated here so the database can hold "one step per idea and
    # decision" (a constraint cannot reach through step to its idea).
    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="+")
    planning_item = models.ForeignKey(
        PlanningItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="idea_steps"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "decision"],
                condition=models.Q(decision__isnull=False),
                name="one_step_per_idea_and_council_decision",
            )
        ]

    def __str__(self) -> str:
        return f"council origin of idea step {self.step_id}"


class ReferenceDimension(models.TextChoices):
    AGE_BAND = "age_band", _("Age band")
    GENDER = "gender", _("Gender")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")


class ReferencePopulation(models.Model):
    """How many young people live in the district per group (entered by an official),
    to show over- and under-representation in the yearly follow-up."""

    dimension = models.CharField(max_length=16, choices=ReferenceDimension.choices)
    category = models.CharField(max_length=24)
    count = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["dimension", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "category"], name="one_reference_count_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.category}={self.count}"
