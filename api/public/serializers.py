"""Output of the public transparency pages: everything here is already public."""

from rest_framework import serializers


class PublicForumRefOutput(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()


class PublicBriefItemOutput(serializers.Serializer):
    reference = serializers.CharField()
    title = serializers.CharField()
    # None: fewer than 5 took part (suppressed).
    participants = serializers.IntegerField(allow_null=True)


class PublicBriefOutput(serializers.Serializer):
    meeting_id = serializers.IntegerField()
    meeting_title = serializers.CharField()
    meeting_starts_at = serializers.DateTimeField()
    version = serializers.IntegerField()
    published_at = serializers.DateTimeField()
    changelog = serializers.CharField(allow_blank=True)
    items = PublicBriefItemOutput(many=True)


class PublicInputUsageOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["poll", "idea", "board", "activity"])
    title = serializers.CharField()
    question = serializers.CharField(allow_null=True)
    usage = serializers.ChoiceField(choices=["taken", "partly", "not_taken", "not_relevant"])
    usage_name = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)


class PublicDecisionOutput(serializers.Serializer):
    reference = serializers.CharField()
    planning_item_title = serializers.CharField()
    # "sv" when the reader's language has no translation: the page marks it.
    planning_item_title_lang = serializers.CharField()
    meeting_title = serializers.CharField()
    meeting_date = serializers.DateTimeField()
    text = serializers.CharField()
    outcome = serializers.CharField()
    outcome_name = serializers.CharField()
    feedback_text = serializers.CharField(allow_blank=True)
    # The department that carries it out, as a full path ("" when not said).
    responsible = serializers.CharField(allow_blank=True)
    inputs = PublicInputUsageOutput(many=True)


class PublicForumOutput(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    briefs = PublicBriefOutput(many=True)
    decisions = PublicDecisionOutput(many=True)


class PublicFollowupQuery(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=9999)


class PublicFollowupOutput(serializers.Serializer):
    year = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    # None: fewer than 5 (suppressed).
    participants = serializers.IntegerField(allow_null=True)
    forums = serializers.IntegerField()
    sessions = serializers.IntegerField()
    polls = serializers.IntegerField()
    ideas = serializers.IntegerField()
    planning_items_with_input = serializers.IntegerField()
    decisions_with_input = serializers.IntegerField()
    median_days_to_decision = serializers.FloatField(allow_null=True)
    polls_with_feedback_percent = serializers.FloatField(allow_null=True)
