"""Poll builder, participant poll page, answers, results and breakdowns."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import TextField
from api.forums.serializers import ForumRefOutput
from api.polls.images import PollImageOutput, poll_image_ref
from api.polls.outputs import (
    POLL_STATUSES,
    QUESTION_KINDS,
    LocalizedQuestionOutput,
    QuestionOutput,
    ShownPollResultsOutput,
)
from forum.participation.models import AgeBand
from forum.polls.measures import Occasion, PollTemplate
from forum.polls.models import AccessMode, ResultsVisibility
from forum.polls.services import PollSettings, QuestionSpec

# --- inputs ---------------------------------------------------------------------------------


class QuestionConfigInput(serializers.Serializer):
    min_picks = serializers.IntegerField(required=False, min_value=1, max_value=30)
    max_picks = serializers.IntegerField(required=False, min_value=1, max_value=30)
    scale_min = serializers.IntegerField(required=False, min_value=0, max_value=1)
    scale_max = serializers.IntegerField(required=False, min_value=5, max_value=10)
    label_min = TextField(required=False, allow_blank=True, max_length=60)
    label_max = TextField(required=False, allow_blank=True, max_length=60)
    emoji = serializers.BooleanField(required=False)
    max_length = serializers.IntegerField(required=False, min_value=10, max_value=1000)
    budget = serializers.IntegerField(required=False, min_value=1, max_value=100_000_000)
    unit = serializers.ChoiceField(choices=["points", "kr"], required=False)
    budget_mode = serializers.ChoiceField(choices=["allocate", "approval"], required=False)


class OptionInput(serializers.Serializer):
    label = TextField(max_length=200)  # type: ignore[assignment]
    cost = serializers.IntegerField(required=False, min_value=0, max_value=100_000_000)


class QuestionInput(serializers.Serializer):
    text = TextField(multiline=True, max_length=300)
    kind = serializers.ChoiceField(choices=QUESTION_KINDS)
    options = OptionInput(many=True, required=False, default=list)
    config = QuestionConfigInput(required=False, default=dict)


class PollFromTemplateInput(serializers.Serializer):
    template = serializers.ChoiceField(choices=PollTemplate.values)
    occasion = serializers.ChoiceField(choices=Occasion.values, default=Occasion.YEARLY)
    # The poll (in the same forum) whose process a measurement "after a process" follows.
    follows = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    idempotency_key = serializers.UUIDField()


class PollBuilderInput(serializers.Serializer):
    title = TextField(max_length=200)
    intro = TextField(multiline=True, max_length=4000, required=False, allow_blank=True, default="")
    questions = QuestionInput(many=True, required=False)
    access_mode = serializers.ChoiceField(choices=AccessMode.values, default=AccessMode.OPEN)
    age_bands = serializers.ListField(
        child=serializers.ChoiceField(choices=[b for b in AgeBand.values if b != "prefer_not"]),
        required=False,
        default=list,
        max_length=4,
    )
    results_visibility = serializers.ChoiceField(
        choices=ResultsVisibility.values, default=ResultsVisibility.AFTER_ANSWER
    )
    allow_answer_change = serializers.BooleanField(default=True)
    # Naive times are read as Europe/Stockholm (TIME_ZONE); output carries the offset.
    opens_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    closes_at = serializers.DateTimeField(required=False, allow_null=True, default=None)

    def question_specs(self) -> list[QuestionSpec] | None:
        questions = self.validated_data.get("questions")
        if questions is None:
            return None
        specs = []
        for q in questions:
            options = q.get("options", [])
            specs.append(
                QuestionSpec(
                    text=q["text"],
                    kind=q["kind"],
                    options=[o["label"] for o in options],
                    costs=[o.get("cost", 0) for o in options] if q["kind"] == "budget" else [],
                    config=dict(q.get("config", {})),
                )
            )
        return specs

    def poll_settings(self) -> PollSettings:
        d = self.validated_data
        return PollSettings(
            access_mode=d["access_mode"],
            age_bands=d["age_bands"],
            results_visibility=d["results_visibility"],
            allow_answer_change=d["allow_answer_change"],
            opens_at=d["opens_at"],
            closes_at=d["closes_at"],
        )


class AnswerInput(serializers.Serializer):
    answer = serializers.JSONField()
    idempotency_key = serializers.UUIDField()


class VotingCodeInput(serializers.Serializer):
    code = serializers.CharField(max_length=20)


class VotingCodeBatchInput(serializers.Serializer):
    count = serializers.IntegerField(min_value=1, max_value=500)


class ModerationInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=["approve", "hide"])


# --- outputs --------------------------------------------------------------------------------


class MyAnswerOutput(serializers.Serializer):
    question_id = serializers.IntegerField()
    answer = serializers.JSONField()
    text_status = serializers.CharField(allow_blank=True)


class PollImageInput(serializers.Serializer):
    image = serializers.FileField()
    alt = serializers.CharField(max_length=300, allow_blank=True, trim_whitespace=True)


class ParticipantPollOutput(serializers.Serializer):
    """What a phone needs to show and answer a poll."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    intro = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=POLL_STATUSES, source="current_status")
    forum = ForumRefOutput()
    access_mode = serializers.ChoiceField(choices=AccessMode.values)
    age_bands = serializers.ListField(child=serializers.CharField())
    results_visibility = serializers.ChoiceField(choices=ResultsVisibility.values)
    allow_answer_change = serializers.BooleanField()
    opens_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField(allow_null=True)
    questions = LocalizedQuestionOutput(many=True, source="questions.all")
    my_answers = serializers.SerializerMethodField()
    has_ballot = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()
    image = serializers.SerializerMethodField()

    @extend_schema_field(PollImageOutput(allow_null=True))
    def get_image(self, poll: Any) -> dict[str, Any] | None:
        return poll_image_ref(poll)

    @extend_schema_field(MyAnswerOutput(many=True))
    def get_my_answers(self, poll: Any) -> list[dict[str, Any]]:
        return list(MyAnswerOutput(self.context.get("my_answers", []), many=True).data)

    @extend_schema_field(serializers.BooleanField())
    def get_has_ballot(self, poll: Any) -> bool:
        return bool(self.context.get("has_ballot", False))

    @extend_schema_field(ShownPollResultsOutput(allow_null=True))
    def get_results(self, poll: Any) -> dict[str, Any] | None:
        # A poll page is outside the live room: small counts are suppressed.
        results = self.context.get("results")
        return dict(ShownPollResultsOutput(results).data) if results is not None else None


class VotingCodeCountOutput(serializers.Serializer):
    total = serializers.IntegerField()
    spent = serializers.IntegerField()


class StaffPollOutput(ParticipantPollOutput):
    """The builder's view: the participant's view plus lifecycle details, its texts as
    written (Swedish), whatever the staff member's own interface language."""

    questions = QuestionOutput(many=True, source="questions.all")  # type: ignore[assignment]
    stored_status = serializers.ChoiceField(choices=POLL_STATUSES, source="status")
    results_revealed_at = serializers.DateTimeField(allow_null=True)
    voting_codes = serializers.SerializerMethodField()

    @extend_schema_field(VotingCodeCountOutput())
    def get_voting_codes(self, poll: Any) -> dict[str, int]:
        return dict(self.context.get("voting_codes", {"total": 0, "spent": 0}))


class AnswerOutput(serializers.Serializer):
    question_id = serializers.IntegerField()
    answer = serializers.JSONField()
    text_status = serializers.CharField(allow_blank=True)
    idempotency_key = serializers.UUIDField()
    counted = serializers.SerializerMethodField()

    def get_counted(self, response: Any) -> bool:
        return True  # only ever serialised after the transaction committed


class BallotOutput(serializers.Serializer):
    has_ballot = serializers.BooleanField()


class GroupOutput(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class BreakdownRowOutput(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]
    cells = serializers.DictField(child=serializers.IntegerField(allow_null=True))
    total = serializers.IntegerField(allow_null=True)
    # Hidden cells of 5 and up: "hidden" to protect a small group, not "fewer than 5".
    protected = serializers.ListField(child=serializers.CharField())
    total_protected = serializers.BooleanField()


class QuestionBreakdownOutput(serializers.Serializer):
    question_id = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.CharField()
    respondents = BreakdownRowOutput()
    rows = BreakdownRowOutput(many=True)


class PollBreakdownOutput(serializers.Serializer):
    poll_id = serializers.IntegerField()
    dimension = serializers.CharField()
    groups = serializers.SerializerMethodField()
    questions = QuestionBreakdownOutput(many=True)

    @extend_schema_field(GroupOutput(many=True))
    def get_groups(self, breakdown: Any) -> list[dict[str, str]]:
        return [{"value": v, "label": label} for v, label in breakdown.groups]


class HeldAnswerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    question_id = serializers.IntegerField()
    question = serializers.CharField(source="question.text")
    text = serializers.CharField(source="answer.text")
    created_at = serializers.DateTimeField()
