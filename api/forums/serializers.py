"""Forums as staff see them (their polls and live sessions), and the reference other
features' outputs nest."""

from rest_framework import serializers

from forum.participation.models import Forum
from forum.polls.models import Poll, PollStatus


class ForumRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    # The languages the forum offers (Swedish first): a phone chooses among them.
    languages = serializers.ListField(child=serializers.CharField())


class ForumOutput(serializers.ModelSerializer):
    languages = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Forum
        fields = ["id", "name", "slug", "languages"]


class ForumLanguagesInput(serializers.Serializer):
    # Codes are checked by the service (forum.core.translations), so every caller gets the
    # same error for an unknown language.
    languages = serializers.ListField(child=serializers.CharField(max_length=16), max_length=20)


class ForumLanguagesOutput(serializers.Serializer):
    forum_id = serializers.IntegerField(source="pk")
    languages = serializers.ListField(child=serializers.CharField())


class PollSummaryOutput(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=PollStatus.choices, source="current_status")

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
    languages = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Forum
        fields = ["id", "name", "slug", "languages", "polls", "sessions"]
