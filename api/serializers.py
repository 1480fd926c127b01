"""Input and output serializers. Outputs are built from domain selectors' dataclasses."""

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import IdField, TextField
from api.polls.images import PollImageOutput, poll_image_ref
from forum.council.models import Meeting
from forum.live.selectors import LiveSnapshot
from forum.participation.models import Forum
from forum.polls.models import Poll, PollStatus, QuestionKind

# --- inputs ---------------------------------------------------------------------------------


class LoginInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, trim_whitespace=False)


class JoinInput(serializers.Serializer):
    code = serializers.CharField(max_length=12)


class ResponseInput(serializers.Serializer):
    option_id = IdField()
    idempotency_key = serializers.UUIDField()


class LiveSessionStartInput(serializers.Serializer):
    poll_id = IdField()
    title = TextField(max_length=200, required=False, allow_blank=True, default="")


# --- outputs --------------------------------------------------------------------------------


class MeOutput(serializers.Serializer):
    authenticated = serializers.BooleanField()
    username = serializers.CharField(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())


class OptionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    cost = serializers.IntegerField()


class QuestionConfigOutput(serializers.Serializer):
    """Per-kind settings; only the keys of the question's kind are present."""

    min_picks = serializers.IntegerField(required=False)
    max_picks = serializers.IntegerField(required=False)
    scale_min = serializers.IntegerField(required=False)
    scale_max = serializers.IntegerField(required=False)
    label_min = serializers.CharField(required=False)
    label_max = serializers.CharField(required=False)
    emoji = serializers.BooleanField(required=False)
    max_length = serializers.IntegerField(required=False)
    budget = serializers.IntegerField(required=False)
    unit = serializers.ChoiceField(choices=["points", "kr"], required=False)
    budget_mode = serializers.ChoiceField(choices=["allocate", "approval"], required=False)


QUESTION_KINDS = QuestionKind.choices
POLL_STATUSES = PollStatus.choices


class QuestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=QUESTION_KINDS)
    options = OptionOutput(many=True, source="options.all")
    config = QuestionConfigOutput()


class PollOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=POLL_STATUSES, source="current_status")
    questions = QuestionOutput(many=True, source="questions.all")
    image = serializers.SerializerMethodField()

    @extend_schema_field(PollImageOutput(allow_null=True))
    def get_image(self, poll: Any) -> dict[str, Any] | None:
        return poll_image_ref(poll)


class OptionResultOutput(serializers.Serializer):
    option_id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    count = serializers.IntegerField()
    percent = serializers.FloatField()
    score = serializers.IntegerField(allow_null=True)
    amount = serializers.IntegerField(allow_null=True)
    cost = serializers.IntegerField(allow_null=True)
    funded = serializers.BooleanField(allow_null=True)


class ScaleCountOutput(serializers.Serializer):
    value = serializers.IntegerField()
    count = serializers.IntegerField()


class WordCountOutput(serializers.Serializer):
    word = serializers.CharField()
    count = serializers.IntegerField()


class QuestionResultOutput(serializers.Serializer):
    question_id = serializers.IntegerField()
    text = serializers.CharField()
    total = serializers.IntegerField()
    options = OptionResultOutput(many=True)
    kind = serializers.ChoiceField(choices=QUESTION_KINDS)
    mean = serializers.FloatField(allow_null=True)
    distribution = ScaleCountOutput(many=True)
    words = WordCountOutput(many=True)
    budget = serializers.IntegerField(allow_null=True)
    unit = serializers.CharField(allow_blank=True)
    budget_mode = serializers.CharField(allow_blank=True)
    funded_total = serializers.IntegerField(allow_null=True)
    held = serializers.IntegerField()


class PollResultsOutput(serializers.Serializer):
    poll_id = serializers.IntegerField()
    participants = serializers.IntegerField()
    questions = QuestionResultOutput(many=True)


class ShownOptionOutput(serializers.Serializer):
    """An option's result outside the live room: ``count`` null means hidden, "fewer than 5"
    unless ``hidden_to_protect`` (5 or more, hidden so a small group cannot be worked out)."""

    option_id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    count = serializers.IntegerField(allow_null=True)
    percent = serializers.FloatField(allow_null=True)
    score = serializers.IntegerField(allow_null=True)
    amount = serializers.IntegerField(allow_null=True)
    cost = serializers.IntegerField(allow_null=True)
    funded = serializers.BooleanField(allow_null=True)
    # Briefs frozen before hidden figures said why have no such key: default False.
    hidden_to_protect = serializers.BooleanField(default=False)


class ShownScaleCountOutput(serializers.Serializer):
    value = serializers.IntegerField()
    count = serializers.IntegerField(allow_null=True)
    hidden_to_protect = serializers.BooleanField(default=False)


class ShownWordOutput(serializers.Serializer):
    word = serializers.CharField()
    count = serializers.IntegerField(allow_null=True)
    hidden_to_protect = serializers.BooleanField(default=False)


class ShownQuestionResultOutput(serializers.Serializer):
    """forum.polls.selectors.ShownQuestionResult: every count of 1–4 is null."""

    question_id = serializers.IntegerField()
    text = serializers.CharField()
    total = serializers.IntegerField(allow_null=True)
    options = ShownOptionOutput(many=True)
    kind = serializers.ChoiceField(choices=QUESTION_KINDS)
    mean = serializers.FloatField(allow_null=True)
    distribution = ShownScaleCountOutput(many=True)
    words = ShownWordOutput(many=True)
    budget = serializers.IntegerField(allow_null=True)
    unit = serializers.CharField(allow_blank=True)
    budget_mode = serializers.CharField(allow_blank=True)
    funded_total = serializers.IntegerField(allow_null=True)
    held = serializers.IntegerField(allow_null=True)
    # Briefs frozen before the rule was shared have no such key.
    suppressed = serializers.BooleanField(default=False)


class ShownPollResultsOutput(serializers.Serializer):
    poll_id = serializers.IntegerField()
    participants = serializers.IntegerField(allow_null=True)
    questions = ShownQuestionResultOutput(many=True)


class ForumRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class FullAnswerOutput(serializers.Serializer):
    """One of the phone's own answers as it was sent (any kind), and an open text's status."""

    answer = serializers.JSONField()
    text_status = serializers.CharField(allow_blank=True)


def my_answers_body(answers: dict[int, int]) -> dict[str, int]:
    """question id -> option id of the device's own one-option answers, keys as strings."""
    return {str(question_id): option_id for question_id, option_id in answers.items()}


def my_about_you_asked_body(value: bool | None) -> bool | None:
    return None if value is None else bool(value)


def full_answers_body(answers: Any) -> dict[str, dict[str, Any]]:
    """question id -> {answer, text_status}: what a reloaded phone shows as its answer."""
    return {str(a.question_id): {"answer": a.answer, "text_status": a.text_status} for a in answers}


class LiveSessionOutput(serializers.Serializer):
    """The full state of a live session: what every screen draws on (re)connect."""

    code = serializers.CharField(source="session.join_code")
    title = serializers.CharField(source="session.title")
    state = serializers.ChoiceField(choices=["draft", "running", "ended"], source="session.state")
    forum = ForumRefOutput(source="session.forum")
    join_url = serializers.SerializerMethodField()
    presence = serializers.SerializerMethodField()
    poll = PollOutput(allow_null=True)
    results = PollResultsOutput(allow_null=True)
    my_answers = serializers.SerializerMethodField()
    my_full_answers = serializers.SerializerMethodField()
    my_about_you_asked = serializers.SerializerMethodField()

    def get_join_url(self, snapshot: LiveSnapshot) -> str:
        return join_url(code=snapshot.session.join_code, base_url=self.context.get("base_url", ""))

    def get_presence(self, snapshot: LiveSnapshot) -> int:
        return int(self.context.get("presence", 0))

    def get_my_answers(self, snapshot: LiveSnapshot) -> dict[str, int]:
        return my_answers_body(self.context.get("my_answers", {}))

    @extend_schema_field(serializers.DictField(child=FullAnswerOutput()))
    def get_my_full_answers(self, snapshot: LiveSnapshot) -> dict[str, dict[str, Any]]:
        """This device's own answers to the session's questions, every kind in full."""
        return full_answers_body(self.context.get("my_full_answers", []))

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_my_about_you_asked(self, snapshot: LiveSnapshot) -> bool | None:
        """Whether this device was already asked 'about you' in the session's forum; null
        in the frames every phone shares (each phone hears its own in "mine")."""
        return my_about_you_asked_body(self.context.get("my_about_you_asked"))


def join_url(*, code: str, base_url: str) -> str:
    base = (settings.PUBLIC_BASE_URL or base_url).rstrip("/")
    return f"{base}/j/{code}"


class ResponseOutput(serializers.Serializer):
    question_id = serializers.IntegerField()
    option_id = serializers.IntegerField()
    idempotency_key = serializers.UUIDField()
    counted = serializers.SerializerMethodField()

    def get_counted(self, response: Any) -> bool:
        # Only ever serialised after the transaction committed.
        return True


class ForumOutput(serializers.ModelSerializer):
    class Meta:
        model = Forum
        fields = ["id", "name", "slug"]


class PollSummaryOutput(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=POLL_STATUSES, source="current_status")

    class Meta:
        model = Poll
        fields = ["id", "title", "status"]


class LiveSessionSummaryOutput(serializers.Serializer):
    code = serializers.CharField(source="join_code")
    title = serializers.CharField()
    state = serializers.CharField()
    poll_id = serializers.IntegerField(source="current_poll_id", allow_null=True)


class ForumDetailOutput(serializers.ModelSerializer):
    polls = PollSummaryOutput(many=True, source="polls.all")
    sessions = LiveSessionSummaryOutput(many=True, source="live_sessions.all")

    class Meta:
        model = Forum
        fields = ["id", "name", "slug", "polls", "sessions"]


class AreaOutput(serializers.Serializer):
    code = serializers.CharField(source="area")
    name = serializers.CharField(source="get_area_display")


class LinkablePollOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    forum_name = serializers.CharField(source="forum.name")
    participants = serializers.IntegerField()


class MeetingOutput(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "title", "starts_at", "state"]


class HealthOutput(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ok", "degraded"])
    database = serializers.CharField()
    channel_layer = serializers.CharField()
    channel_layer_backend = serializers.CharField()


class ErrorOutput(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(  # type: ignore[assignment]  # DRF pops declared fields
        child=serializers.ListField(child=serializers.CharField())
    )
