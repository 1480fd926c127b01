"""The poll, its questions and its results as every feature shows them: the poll pages,
the live room (api/live) and the council's brief (api/council) nest these outputs."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.localized import (
    LocalizedLanguageField,
    LocalizedTextField,
    TranslationsField,
    option_forum_languages,
    question_forum_languages,
)
from api.polls.images import PollImageOutput, poll_image_ref
from forum.polls.models import PollStatus, QuestionKind


class OptionOutput(serializers.Serializer):
    """An option as written (Swedish) with its translations: staff and the live room."""

    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    translations = TranslationsField()
    cost = serializers.IntegerField()


class LocalizedOptionOutput(OptionOutput):
    """An option in the reader's language; ``label_lang`` "sv" when it fell back."""

    label = LocalizedTextField(field="label", offered=option_forum_languages)  # type: ignore[assignment]
    label_lang = LocalizedLanguageField(field="label", offered=option_forum_languages)


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
    """A question as written (Swedish) with its translations: staff and the live room,
    whose one shared body every phone reads in its own language (docs/decisions/0045)."""

    id = serializers.IntegerField()
    text = serializers.CharField()
    translations = TranslationsField()
    kind = serializers.ChoiceField(choices=QUESTION_KINDS)
    options = OptionOutput(many=True, source="options.all")
    config = QuestionConfigOutput()


class LocalizedQuestionOutput(QuestionOutput):
    """A question in the reader's language; ``text_lang`` "sv" when it fell back."""

    text = LocalizedTextField(field="text", offered=question_forum_languages)  # type: ignore[assignment]
    text_lang = LocalizedLanguageField(field="text", offered=question_forum_languages)
    options = LocalizedOptionOutput(many=True, source="options.all")


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


class LinkablePollOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    forum_name = serializers.CharField(source="forum.name")
    participants = serializers.IntegerField()
