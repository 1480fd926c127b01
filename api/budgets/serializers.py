"""Participatory budget inputs and outputs (the contract: /work budget-contract, docs/api.md)."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from api.fields import IdField, TextField
from forum.budgets.models import PHASE_ORDER, BallotAccess, BallotMode, ImplementationStatus
from forum.core.images import IMAGE_ALT_MAX, MAX_UPLOAD_BYTES

AMOUNT_MAX = 2_000_000_000  # whole kronor; fits the database's integer column

# --- inputs -----------------------------------------------------------------------------------


class BudgetListQuery(serializers.Serializer):
    forum = serializers.SlugField(max_length=100)


class StaffBudgetListQuery(serializers.Serializer):
    forum = IdField(required=False)


class PhaseDatesInput(serializers.Serializer):
    proposals = serializers.DateField()
    review = serializers.DateField()
    ballot = serializers.DateField()
    results = serializers.DateField()
    implementation = serializers.DateField()
    closed = serializers.DateField()


class BudgetSettingsInput(serializers.Serializer):
    title = TextField(max_length=200)
    description = TextField(
        multiline=True, max_length=4000, required=False, allow_blank=True, default=""
    )
    budget_total = serializers.IntegerField(min_value=1, max_value=AMOUNT_MAX)
    ballot_mode = serializers.ChoiceField(choices=BallotMode.values)
    approval_cap = serializers.IntegerField(
        min_value=1, max_value=1000, required=False, allow_null=True, default=None
    )
    access = serializers.ChoiceField(choices=BallotAccess.values)
    phase_dates = PhaseDatesInput()
    proposal_board_id = IdField(required=False, allow_null=True, default=None)


class BudgetCreateInput(BudgetSettingsInput):
    forum_id = IdField()


class PhaseInput(serializers.Serializer):
    phase = serializers.ChoiceField(choices=PHASE_ORDER)


class ProposalInput(serializers.Serializer):
    title = TextField(max_length=200)
    description = TextField(
        multiline=True, max_length=4000, required=False, allow_blank=True, default=""
    )


class ReviewInput(serializers.Serializer):
    cost = serializers.IntegerField(min_value=1, max_value=AMOUNT_MAX)
    department_id = IdField(allow_null=True)
    feasible = serializers.BooleanField()
    public_reason = TextField(multiline=True, max_length=2000)


class MergeInput(serializers.Serializer):
    into_id = IdField()
    public_reason = TextField(multiline=True, max_length=2000)


class CodesInput(serializers.Serializer):
    count = serializers.IntegerField(min_value=1, max_value=2000)


class BallotInput(serializers.Serializer):
    proposal_ids = serializers.ListField(child=IdField(), max_length=200)
    voting_code = serializers.CharField(
        max_length=40, required=False, allow_blank=True, allow_null=True, default=None
    )
    idempotency_key = serializers.UUIDField()


class ImplementationUpdateInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=ImplementationStatus.values)
    happened_on = serializers.DateField()
    text = TextField(multiline=True, max_length=2000)
    photo = serializers.FileField(
        required=False, allow_null=True, max_length=200, allow_empty_file=False
    )
    photo_alt = TextField(max_length=IMAGE_ALT_MAX, required=False, allow_blank=True, default="")

    def validate_photo(self, value: object) -> object:
        size = getattr(value, "size", 0) or 0
        if size > MAX_UPLOAD_BYTES:
            raise serializers.ValidationError(
                _("The picture is too large. The largest size is %(mb)d MB.")
                % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return value


# --- outputs ----------------------------------------------------------------------------------


class BudgetForumOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class BudgetListItemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    forum = BudgetForumOutput()
    phase = serializers.CharField()
    phase_label = serializers.CharField(source="get_phase_display")
    budget_total = serializers.IntegerField()
    unit = serializers.SerializerMethodField()

    def get_unit(self, obj: Any) -> str:
        return "kr"


class StaffBudgetListItemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    phase = serializers.CharField()
    phase_label = serializers.CharField(source="get_phase_display")
    budget_total = serializers.IntegerField()
    proposals_count = serializers.IntegerField()
    ballots_count = serializers.IntegerField()


class PhaseStepOutput(serializers.Serializer):
    phase = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    starts_on = serializers.DateField()
    current = serializers.BooleanField()
    done = serializers.BooleanField()


class RefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class TitleRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class UpdateOutput(serializers.Serializer):
    id = serializers.IntegerField()
    happened_on = serializers.DateField()
    text = serializers.CharField()
    photo_url = serializers.SerializerMethodField()
    photo_alt = serializers.CharField()

    def get_photo_url(self, obj: Any) -> str | None:
        return f"/api/budgets/updates/{obj.id}/photo" if obj.has_photo else None


class ImplementationOutput(serializers.Serializer):
    status = serializers.ChoiceField(choices=ImplementationStatus.values)
    status_label = serializers.CharField()
    updates = UpdateOutput(many=True)


class ProposalOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=["proposed", "feasible", "infeasible", "merged"])
    cost = serializers.IntegerField(allow_null=True)
    department = RefOutput(allow_null=True)
    public_reason = serializers.CharField()
    merged_into = TitleRefOutput(allow_null=True)
    implementation = ImplementationOutput(allow_null=True)


class StaffProposalOutput(ProposalOutput):
    proposer_count = serializers.IntegerField()
    supporter_count = serializers.IntegerField()
    source = serializers.ChoiceField(choices=["idea", "manual"])  # type: ignore[assignment]
    idea_id = serializers.IntegerField(allow_null=True)


class MyBallotOutput(serializers.Serializer):
    proposal_ids = serializers.ListField(child=serializers.IntegerField())
    cast_at = serializers.DateTimeField()


class ChannelCountOutput(serializers.Serializer):
    channel = serializers.ChoiceField(choices=["device", "code"])
    count = serializers.IntegerField(allow_null=True)
    written = serializers.CharField()


class ResultRowOutput(serializers.Serializer):
    proposal_id = serializers.IntegerField()
    title = serializers.CharField()
    cost = serializers.IntegerField()
    votes = serializers.IntegerField(allow_null=True)
    votes_written = serializers.CharField()
    funded = serializers.BooleanField()
    rank = serializers.IntegerField()


class ResultsOutput(serializers.Serializer):
    ballots = serializers.IntegerField(allow_null=True)
    ballots_written = serializers.CharField()
    by_channel = ChannelCountOutput(many=True)
    rows = ResultRowOutput(many=True)
    funded_total = serializers.IntegerField()
    remaining = serializers.IntegerField()


class BudgetDetailOutput(serializers.Serializer):
    """BudgetProcessPublic: built from forum.budgets.selectors.BudgetDetail."""

    id = serializers.IntegerField(source="process.id")
    title = serializers.CharField(source="process.title")
    description = serializers.CharField(source="process.description")
    forum = BudgetForumOutput(source="process.forum")
    budget_total = serializers.IntegerField(source="process.budget_total")
    unit = serializers.SerializerMethodField()
    ballot_mode = serializers.ChoiceField(choices=BallotMode.values, source="process.ballot_mode")
    approval_cap = serializers.IntegerField(source="process.approval_cap", allow_null=True)
    access = serializers.ChoiceField(choices=BallotAccess.values, source="process.access")
    phase = serializers.ChoiceField(choices=PHASE_ORDER, source="process.phase")
    phase_label = serializers.CharField(source="process.get_phase_display")
    phases = PhaseStepOutput(many=True)
    proposal_board_id = serializers.IntegerField(
        source="process.proposal_board_id", allow_null=True
    )
    tie_break_rule = serializers.CharField()
    proposals = ProposalOutput(many=True)
    my_ballot = MyBallotOutput(allow_null=True)
    results = ResultsOutput(allow_null=True)

    def get_unit(self, obj: Any) -> str:
        return "kr"


class StaffBudgetDetailOutput(BudgetDetailOutput):
    proposals = StaffProposalOutput(many=True)
    ballots_count = serializers.IntegerField()
    codes_issued = serializers.IntegerField()
    codes_used = serializers.IntegerField()


class BallotOutput(serializers.Serializer):
    proposal_ids = serializers.ListField(child=serializers.IntegerField())
    cast_at = serializers.DateTimeField(source="ballot.cast_at")


class ImportOutput(serializers.Serializer):
    imported = serializers.IntegerField()


class CodesOutput(serializers.Serializer):
    codes = serializers.ListField(child=serializers.CharField())


class CreatedUpdateOutput(serializers.Serializer):
    id = serializers.IntegerField()
    proposal_id = serializers.IntegerField()
    status = serializers.CharField()
    happened_on = serializers.DateField()
    text = serializers.CharField()
    photo_url = serializers.SerializerMethodField()
    photo_alt = serializers.CharField()

    def get_photo_url(self, obj: Any) -> str | None:
        return f"/api/budgets/updates/{obj.id}/photo" if obj.photo_type else None


class DepartmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    level = serializers.CharField()
    parent_id = serializers.IntegerField(allow_null=True)
    path = serializers.CharField()


# --- "you said, we did" on /mina-svar ----------------------------------------------------------


class SaidDidItemOutput(serializers.Serializer):
    proposal_id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    message = serializers.CharField()
    happened_on = serializers.DateField(allow_null=True)


class MyBudgetOutput(serializers.Serializer):
    process_id = serializers.IntegerField()
    process_title = serializers.CharField()
    phase = serializers.CharField()
    phase_label = serializers.CharField()
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=["proposed", "supported", "voted"])
    )
    items = SaidDidItemOutput(many=True)
