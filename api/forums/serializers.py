"""Forums as staff see them (their polls and live sessions), and the reference other
features' outputs nest."""

from rest_framework import serializers

from forum.participation.models import Forum
from forum.polls.models import Poll, PollStatus


class ForumRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ForumOutput(serializers.ModelSerializer):
    class Meta:
        model = Forum
        fields = ["id", "name", "slug"]


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

    class Meta:
        model = Forum
        fields = ["id", "name", "slug", "polls", "sessions"]
