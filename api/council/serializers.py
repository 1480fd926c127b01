"""Serializers for council routing: planning items, meetings, briefs, decisions, follow-up."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.council.refs import AreaOutput, MeetingOutput
from api.departments.serializers import DepartmentRefOutput
from api.fields import IdField, TextField
from api.polls.outputs import LinkablePollOutput, ShownQuestionResultOutput
from forum.core.selectors import department_path
from forum.council.models import (
    AgendaItem,
    DecisionOutcome,
    DevelopmentArea,
    FeedbackEntry,
    InputUsage,
    LinkKind,
    Meeting,
    MeetingState,
    PlanningItem,
    PlanningItemStatus,
    PlanningLink,
    ReferenceDimension,
)

# --- inputs ---------------------------------------------------------------------------------


class PlanningItemInput(serializers.Serializer):
    title = TextField(max_length=300, required=False, allow_blank=True)
    reference = TextField(max_length=40, required=False, allow_blank=True)
    area = serializers.ChoiceField(choices=DevelopmentArea.choices, required=False)
    # A department from /api/staff/departments (not archived); null: none.
    department_id = IdField(required=False, allow_null=True)
    description = TextField(multiline=True, max_length=10_000, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=PlanningItemStatus.choices, required=False)


class PlanningLinkInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LinkKind.choices)
    # The poll, idea, board, activity or workshop id (by kind).
    target_id = IdField()
    # Only with kind "poll": one question of it instead of the whole poll.
    question_id = IdField(required=False, allow_null=True)
    note = TextField(multiline=True, max_length=2000, required=False, allow_blank=True, default="")


class QuoteInput(serializers.Serializer):
    source_kind = serializers.ChoiceField(choices=["idea", "poll_answer"])
    source_id = IdField()


class ImportInput(serializers.Serializer):
    file = serializers.FileField(max_length=200, allow_empty_file=False)
    confirm = serializers.BooleanField(required=False, default=False)


class MeetingInput(serializers.Serializer):
    title = TextField(max_length=200)
    starts_at = serializers.DateTimeField()


class MeetingPatchInput(serializers.Serializer):
    title = TextField(max_length=200, required=False)
    starts_at = serializers.DateTimeField(required=False)


class AgendaInput(serializers.Serializer):
    planning_item_ids = serializers.ListField(child=IdField(), max_length=100)


class TransitionInput(serializers.Serializer):
    to = serializers.ChoiceField(
        choices=[MeetingState.HELD.value, MeetingState.MINUTES_RECORDED.value]
    )


class PublishInput(serializers.Serializer):
    changelog = TextField(
        multiline=True, max_length=2000, required=False, allow_blank=True, default=""
    )


class AnalysisInput(serializers.Serializer):
    text = TextField(multiline=True, max_length=8000, allow_blank=True)


class UsageInput(serializers.Serializer):
    link_id = IdField()
    usage = serializers.ChoiceField(choices=InputUsage.choices)
    reason = TextField(multiline=True, max_length=500)


class DecisionInput(serializers.Serializer):
    text = TextField(multiline=True, max_length=4000)
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    feedback_text = TextField(
        multiline=True, max_length=2000, required=False, allow_blank=True, default=""
    )
    publish_feedback = serializers.BooleanField(required=False, default=False)
    # Who carries it out: a department from /api/staff/departments; null: not said.
    department_id = IdField(required=False, allow_null=True, default=None)
    # How each linked input was used; links left out get no feedback from this decision.
    usages = UsageInput(many=True, required=False, default=list)


class FollowupQuery(serializers.Serializer):
    start = serializers.DateField(source="start_date")
    end = serializers.DateField(source="end_date")
    area = serializers.ChoiceField(choices=DevelopmentArea.choices, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["start_date"] > attrs["end_date"]:
            raise serializers.ValidationError({"end": ["The end must not be before the start."]})
        if (attrs["end_date"] - attrs["start_date"]).days > 3 * 366:
            raise serializers.ValidationError({"end": ["At most three years at a time."]})
        return attrs


class EvaluationQuery(serializers.Serializer):
    first_year = serializers.IntegerField(min_value=2000, max_value=2100)
    last_year = serializers.IntegerField(min_value=2000, max_value=2100)


class ReferenceInput(serializers.Serializer):
    dimension = serializers.ChoiceField(choices=ReferenceDimension.choices)
    counts = serializers.DictField(child=serializers.IntegerField(min_value=0, max_value=10**7))


# --- outputs --------------------------------------------------------------------------------


class ChoiceOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


REF_SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "reference": {"type": "string"},
    },
    "required": ["id", "title", "reference"],
}


class ActivityRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_name = serializers.CharField()
    title = serializers.CharField()
    position = serializers.IntegerField()
    session_id = serializers.IntegerField()
    session_title = serializers.CharField()
    join_code = serializers.CharField()


def activity_ref(activity: Any) -> dict[str, Any]:
    from forum.council.activities import activity_title

    return {
        "id": activity.pk,
        "kind": activity.kind,
        "kind_name": str(activity.get_kind_display()),
        "title": activity_title(activity),
        "position": activity.position,
        "session_id": activity.session_id,
        "session_title": activity.session.title,
        "join_code": activity.session.join_code,
    }


class LinkTargetOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class PlanningLinkOutput(serializers.Serializer):
    """One input routed to a planning item, whatever its kind."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_name = serializers.SerializerMethodField()
    # The poll, idea, board or activity (title: the poll's title, the idea's title, the
    # board's question, the activity's title).
    target = serializers.SerializerMethodField()
    question = serializers.SerializerMethodField()
    # The board of a linked idea (its staff page), None for other kinds.
    board_id = serializers.SerializerMethodField()
    activity = serializers.SerializerMethodField()
    forum = serializers.SerializerMethodField()
    planning_item = serializers.SerializerMethodField()
    note = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    created_by = serializers.SerializerMethodField()

    def get_kind_name(self, link: PlanningLink) -> str:
        return str(LinkKind(link.kind).label)

    @extend_schema_field(LinkTargetOutput)
    def get_target(self, link: PlanningLink) -> dict[str, Any]:
        from forum.council.activities import activity_title

        if link.poll is not None:
            return {"id": link.poll.pk, "title": link.poll.title}
        if link.idea is not None:
            return {"id": link.idea.pk, "title": link.idea.title}
        if link.board is not None:
            return {"id": link.board.pk, "title": link.board.question}
        if link.workshop is not None:
            return {"id": link.workshop.pk, "title": link.workshop.title}
        assert link.activity is not None
        return {"id": link.activity.pk, "title": activity_title(link.activity)}

    @extend_schema_field(LinkTargetOutput(allow_null=True))
    def get_question(self, link: PlanningLink) -> dict[str, Any] | None:
        if link.question is None:
            return None
        return {"id": link.question.pk, "title": link.question.text}

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_board_id(self, link: PlanningLink) -> int | None:
        return link.idea.board_id if link.idea is not None else None

    @extend_schema_field(ActivityRefOutput(allow_null=True))
    def get_activity(self, link: PlanningLink) -> dict[str, Any] | None:
        return activity_ref(link.activity) if link.activity is not None else None

    @extend_schema_field(serializers.CharField())
    def get_forum(self, link: PlanningLink) -> str:
        if link.poll is not None:
            return link.poll.forum.name
        if link.idea is not None:
            return link.idea.board.forum.name
        if link.board is not None:
            return link.board.forum.name
        if link.workshop is not None:
            return link.workshop.forum.name
        assert link.activity is not None
        return link.activity.session.forum.name

    @extend_schema_field(REF_SCHEMA)
    def get_planning_item(self, link: PlanningLink) -> dict[str, Any]:
        item = link.planning_item
        return {"id": item.pk, "title": item.title, "reference": item.reference}

    @extend_schema_field(serializers.CharField())
    def get_created_by(self, link: PlanningLink) -> str:
        user = link.created_by
        if self.context.get("public"):
            return ""
        return (user.get_full_name() or user.get_username()) if user is not None else ""


class LinkableActivityOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_name = serializers.CharField(source="get_kind_display")
    title = serializers.SerializerMethodField()
    position = serializers.IntegerField()

    def get_title(self, activity: Any) -> str:
        from forum.council.activities import activity_title

        return activity_title(activity)


class LinkableSessionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    join_code = serializers.CharField()
    state = serializers.CharField()
    forum = serializers.CharField(source="forum.name")
    started_at = serializers.DateTimeField()
    activities = LinkableActivityOutput(many=True, source="activities.all")


class LinkableWorkshopOutput(serializers.Serializer):
    """A workshop entered by hand, as the routing page's picker names it."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    forum = serializers.CharField(source="forum.name")
    method_name = serializers.CharField(source="get_method_display")
    held_on = serializers.DateField()
    place = serializers.CharField()


class LinkableIdeaOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class LinkableBoardOutput(serializers.Serializer):
    id = serializers.IntegerField()
    question = serializers.CharField()
    forum = serializers.CharField(source="forum.name")
    ideas = LinkableIdeaOutput(many=True, source="published_ideas")


class LinkableQuestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()


class CouncilPollOutput(LinkablePollOutput):
    questions = LinkableQuestionOutput(many=True, source="questions.all")


class QuoteCandidateOutput(serializers.Serializer):
    source_kind = serializers.CharField()
    source_id = serializers.IntegerField()
    text = serializers.CharField()
    chosen = serializers.BooleanField()


class ChosenQuoteOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    source_kind = serializers.CharField()
    source_id = serializers.IntegerField()


class AgendaRefOutput(serializers.Serializer):
    meeting_id = serializers.IntegerField()
    meeting_title = serializers.CharField(source="meeting.title")
    starts_at = serializers.DateTimeField(source="meeting.starts_at")


class PlanningItemFullOutput(serializers.ModelSerializer):
    area = serializers.SerializerMethodField()
    status_name = serializers.CharField(source="get_status_display")
    links = PlanningLinkOutput(many=True, source="links.all")
    meetings = AgendaRefOutput(many=True, source="agenda_items.all")
    department = DepartmentRefOutput(allow_null=True)

    class Meta:
        model = PlanningItem
        fields = [
            "id",
            "title",
            "reference",
            "description",
            "department",
            "status",
            "status_name",
            "area",
            "links",
            "meetings",
        ]

    @extend_schema_field(AreaOutput)
    def get_area(self, item: PlanningItem) -> dict[str, str]:
        return dict(AreaOutput(item).data)


class ImportRowOutput(serializers.Serializer):
    line = serializers.IntegerField()
    values = serializers.DictField(child=serializers.CharField(allow_blank=True))
    errors = serializers.DictField(  # type: ignore[assignment]  # DRF pops declared fields
        child=serializers.ListField(child=serializers.CharField())
    )


class ImportPreviewOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    saved = serializers.BooleanField()
    file_errors = serializers.ListField(child=serializers.CharField())
    rows = ImportRowOutput(many=True)
    # Full paths of the departments the import adds (in a preview: would add).
    created_departments = serializers.ListField(child=serializers.CharField())


class UsageOutput(serializers.Serializer):
    link_id = serializers.IntegerField()
    # Blank only on feedback written before usages were recorded.
    usage = serializers.CharField(allow_blank=True)
    usage_name = serializers.CharField(source="get_usage_display")
    reason = serializers.CharField(allow_blank=True)


class DecisionOutput(serializers.Serializer):
    text = serializers.CharField()
    outcome = serializers.CharField()
    outcome_name = serializers.CharField(source="get_outcome_display")
    decided_at = serializers.DateTimeField()
    feedback_text = serializers.CharField(allow_blank=True)
    # None until the feedback is published to the young people who took part.
    feedback_published_at = serializers.DateTimeField(allow_null=True)
    # Who carries it out (null: not said).
    department = DepartmentRefOutput(allow_null=True)
    usages = serializers.SerializerMethodField()

    @extend_schema_field(UsageOutput(many=True))
    def get_usages(self, decision: Any) -> list[dict[str, Any]]:
        return [dict(UsageOutput(e).data) for e in decision.feedback.order_by("link_id")]


class AgendaPlanningRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    reference = serializers.CharField()


class AgendaItemOutput(serializers.ModelSerializer):
    planning_item = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "position", "planning_item", "decision"]

    @extend_schema_field(AgendaPlanningRefOutput)
    def get_planning_item(self, a: AgendaItem) -> dict[str, Any]:
        return {
            "id": a.planning_item_id,
            "title": a.planning_item.title,
            "reference": a.planning_item.reference,
        }

    @extend_schema_field(DecisionOutput(allow_null=True))
    def get_decision(self, a: AgendaItem) -> dict[str, Any] | None:
        decision = getattr(a, "decision", None)
        return dict(DecisionOutput(decision).data) if decision else None


class VersionOutput(serializers.Serializer):
    number = serializers.IntegerField()
    published_at = serializers.DateTimeField()
    changelog = serializers.CharField(allow_blank=True)


class MeetingDetailOutput(MeetingOutput):
    state_name = serializers.CharField(source="get_state_display")
    agenda = AgendaItemOutput(many=True, source="agenda_items.all")
    versions = VersionOutput(many=True, source="brief_versions.all")

    class Meta(MeetingOutput.Meta):
        model = Meeting
        fields = ["id", "title", "starts_at", "state", "state_name", "agenda", "versions"]


# The brief's JSON (a live draft or a frozen snapshot) described for the schema and types.


class CellOutput(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    count = serializers.IntegerField(allow_null=True)
    # A hidden count of 5 or more, hidden so a small group cannot be worked out.
    hidden_to_protect = serializers.BooleanField(default=False)
    # answered, prefer_not, skipped, not_asked; "unknown" in briefs published before the
    # difference was kept (skipped and not asked together, code "not_answered").
    status = serializers.CharField()


class DemographicTableOutput(serializers.Serializer):
    dimension = serializers.CharField()
    total = serializers.IntegerField(allow_null=True)
    rows = CellOutput(many=True)


class BriefPollRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class BriefSourceOutput(serializers.Serializer):
    poll = BriefPollRefOutput()
    question_id = serializers.IntegerField(allow_null=True)
    note = serializers.CharField(allow_blank=True)
    participants = serializers.IntegerField(allow_null=True)
    questions = ShownQuestionResultOutput(many=True)


class BriefActivityRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_name = serializers.CharField()
    title = serializers.CharField()


class BriefSessionRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class BriefTopItemOutput(serializers.Serializer):
    text = serializers.CharField()
    count = serializers.IntegerField(allow_null=True)


class BriefActivitySourceOutput(serializers.Serializer):
    activity = BriefActivityRefOutput()
    session = BriefSessionRefOutput()
    note = serializers.CharField(allow_blank=True)
    participants = serializers.IntegerField(allow_null=True)
    questions = ShownQuestionResultOutput(many=True)
    top = BriefTopItemOutput(many=True)


class ChannelOutput(serializers.Serializer):
    channel = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    participants = serializers.IntegerField(allow_null=True)


class QuoteOutput(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    text = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields


class BriefIdeaLinkOutput(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField()
    title = serializers.CharField()
    note = serializers.CharField(allow_blank=True)


class TopIdeaOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    supports = serializers.IntegerField(allow_null=True)


class BriefPlanningItemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    reference = serializers.CharField()
    # The responsible department's full path ("" none).
    department = serializers.CharField(allow_blank=True)
    area = ChoiceOutput()


class BriefLanguageCountOutput(serializers.Serializer):
    """Written answers in one language (forum.council.briefdata.LanguageCount): ``count``
    null when hidden by the suppression rule, ``protected`` when hidden though 5 or more."""

    language = serializers.CharField()
    count = serializers.IntegerField(allow_null=True)
    protected = serializers.BooleanField(default=False)


class BriefWorkshopOptionOutput(serializers.Serializer):
    text = serializers.CharField()
    count = serializers.IntegerField(allow_null=True)
    hidden_to_protect = serializers.BooleanField(default=False)


class BriefWorkshopOutput(serializers.Serializer):
    """A workshop entered by hand (forum.council.briefdata.WorkshopResult): shown apart,
    ``source`` is always "by_hand"; its counts are suppressed and never part of the
    item's digital figures."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    method = serializers.CharField()
    method_name = serializers.CharField()
    held_on = serializers.DateField()
    place = serializers.CharField()
    participants = serializers.IntegerField(allow_null=True)
    choice = serializers.CharField()
    note = serializers.CharField(allow_blank=True)
    options = BriefWorkshopOptionOutput(many=True)
    quotes = serializers.ListField(child=serializers.CharField())
    source = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields


class BriefItemFullOutput(serializers.Serializer):
    agenda_item_id = serializers.IntegerField()
    position = serializers.IntegerField()
    planning_item = BriefPlanningItemOutput()
    participants = serializers.IntegerField(allow_null=True)
    channels = ChannelOutput(many=True)
    demographics = DemographicTableOutput(many=True)
    polls = BriefSourceOutput(many=True)
    # Missing in briefs published before live activities were a channel.
    activities = BriefActivitySourceOutput(many=True)
    idea_links = BriefIdeaLinkOutput(many=True)
    ideas = serializers.IntegerField()
    top_ideas = TopIdeaOutput(many=True)
    quotes = QuoteOutput(many=True)
    analysis = serializers.CharField(allow_blank=True)
    analysis_drafted = serializers.CharField(allow_blank=True)
    analysis_edited = serializers.BooleanField()
    findings = serializers.ListField(child=serializers.CharField())
    # Written answers per language they were written in (empty in briefs before it).
    languages = BriefLanguageCountOutput(many=True)
    # Workshops entered by hand (empty in briefs before them).
    workshops = BriefWorkshopOutput(many=True)


class BriefMeetingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    state = serializers.CharField()


class BriefBudgetFundedOutput(serializers.Serializer):
    title = serializers.CharField()
    cost = serializers.IntegerField()
    department = serializers.CharField(allow_blank=True)
    implementation_status = serializers.CharField()
    implementation_label = serializers.CharField()


class BriefBudgetOutput(serializers.Serializer):
    process_id = serializers.IntegerField()
    title = serializers.CharField()
    forum_name = serializers.CharField()
    phase = serializers.CharField()
    phase_label = serializers.CharField()
    budget_total = serializers.IntegerField()
    proposals = serializers.IntegerField()
    feasible = serializers.IntegerField()
    ballots = serializers.IntegerField(allow_null=True)
    results_out = serializers.BooleanField()
    funded = BriefBudgetFundedOutput(many=True)
    funded_total = serializers.IntegerField()
    sentences = serializers.ListField(child=serializers.CharField())


class BriefDocumentOutput(serializers.Serializer):
    meeting = BriefMeetingOutput()
    version = serializers.IntegerField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    changelog = serializers.CharField(allow_blank=True)
    generated_at = serializers.DateTimeField()
    items = BriefItemFullOutput(many=True)
    # Everyone heard on the whole agenda, once each, and per channel (null/empty in briefs
    # published before these were kept).
    participants = serializers.IntegerField(allow_null=True)
    channels = ChannelOutput(many=True)
    schema = serializers.IntegerField()
    versions = VersionOutput(many=True)
    # Participatory budgets of the period up to the meeting (empty in older briefs).
    budgets = BriefBudgetOutput(many=True, default=list)


class FeedbackOutput(serializers.ModelSerializer):
    """One decision's word on one input the participant took part in."""

    usage_name = serializers.CharField(source="get_usage_display")
    # The meeting's date: when it was decided, not when it was typed in.
    decided_at = serializers.DateTimeField(source="decision.decided_at")
    poll = serializers.SerializerMethodField()
    question = serializers.SerializerMethodField()
    activity = serializers.SerializerMethodField()
    planning_item = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()

    class Meta:
        model = FeedbackEntry
        fields = [
            "id",
            "text",
            "usage",
            "usage_name",
            "reason",
            "decided_at",
            "published_at",
            "poll",
            "question",
            "activity",
            "planning_item",
            "decision",
        ]

    @extend_schema_field(BriefPollRefOutput(allow_null=True))
    def get_poll(self, entry: FeedbackEntry) -> dict[str, Any] | None:
        poll = entry.link.poll
        return {"id": poll.pk, "title": poll.title} if poll is not None else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_question(self, entry: FeedbackEntry) -> str | None:
        return entry.link.question.text if entry.link.question is not None else None

    @extend_schema_field(ActivityRefOutput(allow_null=True))
    def get_activity(self, entry: FeedbackEntry) -> dict[str, Any] | None:
        activity = entry.link.activity
        return activity_ref(activity) if activity is not None else None

    @extend_schema_field(BriefPlanningItemOutput)
    def get_planning_item(self, entry: FeedbackEntry) -> dict[str, Any]:
        item = entry.decision.agenda_item.planning_item
        return {
            "id": item.pk,
            "title": item.title,
            "reference": item.reference,
            "department": department_path(item.department) if item.department else "",
            "area": {"code": item.area, "name": item.get_area_display()},
        }

    @extend_schema_field(DecisionOutput)
    def get_decision(self, entry: FeedbackEntry) -> dict[str, Any]:
        return dict(DecisionOutput(entry.decision).data)


class FollowupRowOutput(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    count = serializers.IntegerField(allow_null=True)
    reference = serializers.IntegerField(allow_null=True)
    share = serializers.FloatField(allow_null=True)
    reference_share = serializers.FloatField(allow_null=True)
    representation = serializers.CharField(allow_null=True)
    hidden_to_protect = serializers.BooleanField(default=False)


class FollowupTableOutput(serializers.Serializer):
    dimension = serializers.CharField()
    total = serializers.IntegerField(allow_null=True)
    has_reference = serializers.BooleanField()
    rows = FollowupRowOutput(many=True)


class MeasureCellOutput(serializers.Serializer):
    year = serializers.IntegerField()
    answers = serializers.IntegerField(allow_null=True)
    agree = serializers.IntegerField(allow_null=True)
    share = serializers.FloatField(allow_null=True)
    hidden_to_protect = serializers.BooleanField()
    missing = serializers.BooleanField()
    written_share = serializers.CharField()
    written_answers = serializers.CharField()


class NeighbourhoodMeasureOutput(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    years = MeasureCellOutput(many=True)


class MeasureTrendOutput(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    question = serializers.CharField()
    area = serializers.CharField()
    years = MeasureCellOutput(many=True)
    neighbourhoods = NeighbourhoodMeasureOutput(many=True)
    trend = serializers.CharField()
    direction = serializers.ChoiceField(choices=["up", "down", "same", "unknown"])


class MeasureAreaOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    measures = MeasureTrendOutput(many=True)


class MeasurementOutput(serializers.Serializer):
    years = serializers.ListField(child=serializers.IntegerField())
    baseline_year = serializers.IntegerField(allow_null=True)
    areas = MeasureAreaOutput(many=True)


class PreferenceRowOutput(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    count = serializers.IntegerField(allow_null=True)
    hidden_to_protect = serializers.BooleanField()
    written = serializers.CharField()


class PreferenceTableOutput(serializers.Serializer):
    measure = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    respondents = serializers.IntegerField(allow_null=True)
    rows = PreferenceRowOutput(many=True)


class FollowupFiguresOutput(serializers.Serializer):
    participants = serializers.IntegerField(allow_null=True)
    participants_live = serializers.IntegerField(allow_null=True)
    participants_polls = serializers.IntegerField(allow_null=True)
    participants_ideas = serializers.IntegerField(allow_null=True)
    forums = serializers.IntegerField()
    sessions = serializers.IntegerField()
    polls = serializers.IntegerField()
    polls_with_feedback = serializers.IntegerField()
    polls_with_feedback_percent = serializers.FloatField(allow_null=True)
    median_days_to_feedback = serializers.FloatField(allow_null=True)
    median_days_to_decision = serializers.FloatField(allow_null=True)
    idea_boards = serializers.IntegerField()
    ideas = serializers.IntegerField()
    ideas_with_feedback = serializers.IntegerField()
    ideas_with_feedback_percent = serializers.FloatField(allow_null=True)
    ideas_median_days_to_feedback = serializers.FloatField(allow_null=True)
    ideas_median_days_to_decision = serializers.FloatField(allow_null=True)
    planning_items_with_input = serializers.IntegerField()
    decisions_with_input = serializers.IntegerField()
    decisions_fed_back = serializers.IntegerField()
    decisions_fed_back_percent = serializers.FloatField(allow_null=True)
    # On site, entered by hand: a channel apart, never part of ``participants``.
    workshops_by_hand = serializers.IntegerField()
    workshop_participants_by_hand = serializers.IntegerField(allow_null=True)


class FollowupAreaOutput(FollowupFiguresOutput):
    code = serializers.CharField()
    name = serializers.CharField()


class FollowupBudgetsOutput(serializers.Serializer):
    processes = serializers.IntegerField()
    ballots = serializers.IntegerField(allow_null=True)
    proposals_funded = serializers.IntegerField()
    proposals_done = serializers.IntegerField()
    done_percent = serializers.FloatField(allow_null=True)
    sentences = serializers.ListField(child=serializers.CharField())


class FollowupOutput(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    area = serializers.CharField(allow_null=True)
    totals = FollowupFiguresOutput()
    demographics = FollowupTableOutput(many=True)
    areas = FollowupAreaOutput(many=True)
    measurement = MeasurementOutput()
    preferences = PreferenceTableOutput(many=True)


class EvaluationYearOutput(serializers.Serializer):
    year = serializers.IntegerField()
    figures = FollowupFiguresOutput()


class EvaluationAreaOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    years = EvaluationYearOutput(many=True)
    measures = MeasureTrendOutput(many=True)
    unknowns = serializers.ListField(child=serializers.CharField())


class EvaluationOutput(serializers.Serializer):
    first_year = serializers.IntegerField()
    last_year = serializers.IntegerField()
    counted_to = serializers.DateField()
    areas = EvaluationAreaOutput(many=True)
    trust = MeasureTrendOutput(many=True)
    unknowns = serializers.ListField(child=serializers.CharField())
    # Participatory budgets in the period (null for one development area).
    budgets = FollowupBudgetsOutput(allow_null=True)


class ReferenceOutput(serializers.Serializer):
    dimension = serializers.CharField()
    category = serializers.CharField()
    count = serializers.IntegerField()
