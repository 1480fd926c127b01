"""Medborgarbudget: a dated process in which young people propose, officials review, everyone
votes a fixed budget across the feasible proposals, and the funded ones are followed up.

The rules every row must keep are database constraints (dates in order, a positive budget, a
cap exactly in approval mode, a reason on every review, one ballot per phone and per code);
the one rule a row cannot check alone ("a ballot never costs more than the budget") is kept
by forum.budgets.services.ballot_cast (docs/decisions/0051).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from forum.core.models import Department
from forum.ideas.models import Idea, IdeaBoard
from forum.participation.models import Forum, Participant


class Phase(models.TextChoices):
    # In order: a process only moves forward once a ballot exists.
    PROPOSALS = "proposals", _("Proposals")
    REVIEW = "review", _("Feasibility review")
    BALLOT = "ballot", _("Voting")
    RESULTS = "results", _("Results")
    IMPLEMENTATION = "implementation", _("Implementation")
    CLOSED = "closed", _("Closed")


PHASE_ORDER: list[str] = [p.value for p in Phase]


class BallotMode(models.TextChoices):
    KNAPSACK = "knapsack", _("Spend the budget")
    APPROVAL = "approval", _("Approve up to a number of proposals")


class BallotAccess(models.TextChoices):
    DEVICE = "device", _("One vote per phone")
    CODE = "code", _("One vote per voting code")
    BOTH = "both", _("Phone or voting code")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    FEASIBLE = "feasible", _("Feasible")
    INFEASIBLE = "infeasible", _("Not feasible")
    MERGED = "merged", _("Merged")


class ProposalRole(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SUPPORTED = "supported", _("Supported")


class BallotChannel(models.TextChoices):
    DEVICE = "device", _("Phone")
    CODE = "code", _("Voting code")


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    STOPPED = "stopped", _("Stopped")


PHASE_DATE_FIELDS = {
    Phase.PROPOSALS: "proposals_on",
    Phase.REVIEW: "review_on",
    Phase.BALLOT: "ballot_on",
    Phase.RESULTS: "results_on",
    Phase.IMPLEMENTATION: "implementation_on",
    Phase.CLOSED: "closed_on",
}


class BudgetProcess(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="budget_processes")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    # Whole kronor; the unit is always "kr".
    budget_total = models.PositiveIntegerField(_("budget"))
    ballot_mode = models.CharField(max_length=16, choices=BallotMode.choices)
    approval_cap = models.PositiveIntegerField(null=True, blank=True)
    access = models.CharField(max_length=8, choices=BallotAccess.choices)
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.PROPOSALS)
    # The planned start of each phase, shown to young people as a timeline.
    proposals_on = models.DateField()
    review_on = models.DateField()
    ballot_on = models.DateField()
    results_on = models.DateField()
    implementation_on = models.DateField()
    closed_on = models.DateField()
    proposal_board = models.ForeignKey(
        IdeaBoard, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-proposals_on", "-id"]
        verbose_name = _("participatory budget")
        verbose_name_plural = _("participatory budgets")
        constraints = [
            models.CheckConstraint(condition=Q(budget_total__gt=0), name="budget_total_positive"),
            models.CheckConstraint(
                condition=Q(review_on__gte=F("proposals_on"))
                & Q(ballot_on__gte=F("review_on"))
                & Q(results_on__gte=F("ballot_on"))
                & Q(implementation_on__gte=F("results_on"))
                & Q(closed_on__gte=F("implementation_on")),
                name="budget_phase_dates_in_order",
            ),
            models.CheckConstraint(
                # isnull first: "NULL > 0" is unknown, which a CHECK lets through.
                condition=(
                    Q(ballot_mode="approval")
                    & Q(approval_cap__isnull=False)
                    & Q(approval_cap__gt=0)
                )
                | (Q(ballot_mode="knapsack") & Q(approval_cap__isnull=True)),
                name="budget_approval_cap_iff_approval",
            ),
            models.CheckConstraint(
                condition=Q(access__in=BallotAccess.values), name="budget_known_access"
            ),
            models.CheckConstraint(condition=Q(phase__in=PHASE_ORDER), name="budget_known_phase"),
        ]

    def __str__(self) -> str:
        return self.title

    def phase_index(self) -> int:
        return PHASE_ORDER.index(self.phase)


class Proposal(models.Model):
    process = models.ForeignKey(BudgetProcess, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    # Imported from the proposal board (once per process); manual proposals have none.
    idea = models.ForeignKey(
        Idea, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    cost = models.PositiveIntegerField(null=True, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    public_reason = models.TextField(_("public reason"), blank=True, max_length=2000)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["process", "idea"], name="proposal_idea_once"),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gt=0), name="proposal_cost_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["feasible", "infeasible"])
                | (~Q(public_reason="") & Q(reviewed_at__isnull=False)),
                name="proposal_review_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="feasible") | Q(cost__isnull=False),
                name="proposal_feasible_has_cost",
            ),
            models.CheckConstraint(
                condition=(Q(status="merged") & Q(merged_into__isnull=False))
                | (~Q(status="merged") & Q(merged_into__isnull=True)),
                name="proposal_merged_iff_target",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values), name="proposal_known_status"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProposalParticipant(models.Model):
    """Who proposed or supported a proposal: so a merge, a review and the result reach
    their phones on /mina-svar."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="people")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=16, choices=ProposalRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "participant", "role"], name="proposal_participant_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} of proposal {self.proposal_id}"


class BudgetVotingCode(models.Model):
    """A one-time voting code, stored only as the keyed hash polls use
    (forum.polls.services.voting_code_hash)."""

    process = models.ForeignKey(
        BudgetProcess, on_delete=models.CASCADE, related_name="voting_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"voting code {self.pk} for budget {self.process_id}"


class Ballot(models.Model):
    process = models.ForeignKey(BudgetProcess, on_delete=models.CASCADE, related_name="ballots")
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    voting_code = models.ForeignKey(
        BudgetVotingCode, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=8, choices=BallotChannel.choices)
    cast_at = models.DateTimeField(auto_now_add=True)
    idempotency_key = models.UUIDField(default=uuid.uuid4)

    class Meta:
        constraints = [
            # One ballot per phone, whichever channel it used, and one per code.
            models.UniqueConstraint(
                fields=["process", "participant"], name="budget_one_ballot_per_participant"
            ),
            models.UniqueConstraint(
                fields=["process", "voting_code"], name="budget_one_ballot_per_code"
            ),
            models.CheckConstraint(
                condition=(Q(channel="code") & Q(voting_code__isnull=False))
                | (Q(channel="device") & Q(voting_code__isnull=True)),
                name="budget_ballot_channel_matches_code",
            ),
        ]

    def __str__(self) -> str:
        return f"ballot {self.pk} in budget {self.process_id}"


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="choices")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "proposal"], name="ballot_choice_once")
        ]

    def __str__(self) -> str:
        return f"choice of proposal {self.proposal_id}"


class ImplementationUpdate(models.Model):
    """A public step of a funded proposal's implementation, with an optional photo kept
    like idea photos (re-encoded by forum.core.images.image_process)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=16, choices=ImplementationStatus.choices)
    happened_on = models.DateField()
    text = models.TextField(_("text"), max_length=2000)
    photo = models.BinaryField(null=True, blank=True, editable=False)
    photo_type = models.CharField(max_length=32, blank=True)
    photo_width = models.PositiveIntegerField(null=True, blank=True)
    photo_height = models.PositiveIntegerField(null=True, blank=True)
    photo_alt = models.CharField(_("photo description"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(photo__isnull=True) | ~Q(photo_alt=""),
                name="implementation_photo_has_alt",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ImplementationStatus.values),
                name="implementation_known_status",
            ),
        ]

    def __str__(self) -> str:
        return f"update {self.pk} of proposal {self.proposal_id}"
