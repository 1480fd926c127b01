"""Serializers for live activities, the presenter state, Q&A and the per-phone "mine" frame."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import serializers as s
from api.polls.images import PollImageOutput, poll_image_ref
from forum.live.models import ActivityKind, Pacing
from forum.live.services import QaAction

# --- inputs ---------------------------------------------------------------------------------


class LiveAnswerInput(serializers.Serializer):
    """An answer to a question of any kind: ``answer`` in the shapes of
    ``POST /api/questions/{id}/answers``, or ``option_id`` alone for a one-option question
    (single choice, yes/no), the shorthand phones have always sent."""

    question_id = serializers.IntegerField(min_value=1)
    answer = serializers.JSONField(required=False)
    option_id = serializers.IntegerField(min_value=1, required=False)
    idempotency_key = serializers.UUIDField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("answer" in attrs) == ("option_id" in attrs):
            raise serializers.ValidationError(
                {"answer": [_("Send either the answer or the option_id of a one-option question.")]}
            )
        return attrs


class QaPostInput(serializers.Serializer):
    activity_id = serializers.IntegerField(min_value=1)
    text = serializers.CharField(max_length=400, allow_blank=True, trim_whitespace=False)
    idempotency_key = serializers.UUIDField()


class QaUpvoteInput(serializers.Serializer):
    question_id = serializers.IntegerField(min_value=1)
    upvote = serializers.BooleanField(default=True)


CONTROL_ACTIONS = [
    "next",
    "previous",
    "goto",
    "open",
    "lock",
    "reveal",
    "hide",
    "countdown",
    "pacing",
]


class LiveControlInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=CONTROL_ACTIONS)
    activity_id = serializers.IntegerField(min_value=1, required=False)
    seconds = serializers.IntegerField(min_value=0, max_value=3600, required=False)
    pacing = serializers.ChoiceField(choices=Pacing.values, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        needs = {"goto": "activity_id", "countdown": "seconds", "pacing": "pacing"}
        wanted = needs.get(attrs["action"])
        if wanted and wanted not in attrs:
            raise serializers.ValidationError({wanted: ["This field is required."]})
        return attrs


class LiveActivityInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ActivityKind.values)
    question_id = serializers.IntegerField(min_value=1, required=False)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    body = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class QaModerateInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=[a.value for a in QaAction])


# --- outputs --------------------------------------------------------------------------------


class ActivityOutput(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ActivityKind.values)
    title = serializers.CharField()
    body = serializers.CharField()
    question = s.QuestionOutput(allow_null=True)
    poll_image = serializers.SerializerMethodField()

    @extend_schema_field(PollImageOutput(allow_null=True))
    def get_poll_image(self, activity: Any) -> dict[str, Any] | None:
        """The picture of the poll this activity's question belongs to (if any)."""
        question = activity.question
        return poll_image_ref(question.poll) if question is not None else None


class QaEntryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    upvotes = serializers.IntegerField()
    answered = serializers.BooleanField()
    pinned = serializers.BooleanField()


class CurrentActivityOutput(serializers.Serializer):
    id = serializers.IntegerField(source="activity.pk")
    kind = serializers.ChoiceField(choices=ActivityKind.values, source="activity.kind")
    answer_count = serializers.IntegerField()
    results = s.QuestionResultOutput(allow_null=True)
    qa = QaEntryOutput(many=True)


class PresenterStateOutput(serializers.Serializer):
    answering_open = serializers.BooleanField()
    results_visible = serializers.BooleanField()
    countdown_ends_at = serializers.DateTimeField(allow_null=True)
    pacing = serializers.ChoiceField(choices=Pacing.values)
    version = serializers.IntegerField()


class LiveStateOutput(s.LiveSessionOutput):
    """LiveSessionOutput plus activities and the presenter state (issue 4)."""

    activities = ActivityOutput(many=True)
    current = CurrentActivityOutput(allow_null=True)
    controls = PresenterStateOutput(source="session")


class LiveAnswerOutput(serializers.Serializer):
    """A committed answer (any kind): what the REST endpoint returns and a socket ``ack``
    carries. ``option_id`` is set for one-option kinds only."""

    question_id = serializers.IntegerField()
    option_id = serializers.IntegerField(allow_null=True)
    answer = serializers.JSONField()
    text_status = serializers.CharField(allow_blank=True)
    idempotency_key = serializers.UUIDField()
    counted = serializers.SerializerMethodField()

    def get_counted(self, response: Any) -> bool:
        return True  # only ever serialised after the transaction committed


class OwnQuestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    status = serializers.CharField()


class MineOutput(serializers.Serializer):
    answers = serializers.SerializerMethodField()
    full_answers = serializers.SerializerMethodField()
    upvoted = serializers.ListField(child=serializers.IntegerField())
    questions = OwnQuestionOutput(many=True)

    def get_answers(self, state: Any) -> dict[str, int]:
        return {str(k): v for k, v in state.answers.items()}

    @extend_schema_field(serializers.DictField(child=s.FullAnswerOutput()))
    def get_full_answers(self, state: Any) -> dict[str, dict[str, Any]]:
        return s.full_answers_body(state.full_answers)


class HeldQuestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    activity_id = serializers.IntegerField()
    text = serializers.CharField()
    status = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())


class ConsoleOutput(serializers.Serializer):
    queue = HeldQuestionOutput(many=True)


class UpvoteOutput(serializers.Serializer):
    question_id = serializers.IntegerField()
    upvoted = serializers.BooleanField()
