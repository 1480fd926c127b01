"""Forums as staff see them (their polls and live sessions), and the reference other
features' outputs nest."""

from rest_framework import serializers

from api.fields import IdField, TextField
from forum.participation.models import FORUM_AGE_MAX, FORUM_AGE_MIN, Forum
from forum.participation.services import RETENTION_DAYS_MAX
from forum.polls.models import Poll, PollStatus


class ForumRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    # The languages the forum offers (Swedish first): a phone chooses among them.
    languages = serializers.ListField(child=serializers.CharField())


# A forum's settings, as every staff output of a forum carries them.
FORUM_SETTINGS_FIELDS = [
    "id",
    "name",
    "slug",
    "description",
    "languages",
    "unit_id",
    "age_min",
    "age_max",
    "neighbourhoods",
    "pre_moderation",
    "retention_days",
    "archived",
    "archived_at",
]


class ForumOutput(serializers.ModelSerializer):
    languages = serializers.ListField(child=serializers.CharField())
    neighbourhoods = serializers.ListField(child=serializers.CharField())
    unit_id = serializers.IntegerField(allow_null=True)
    age_min = serializers.IntegerField()
    age_max = serializers.IntegerField()
    pre_moderation = serializers.BooleanField()
    retention_days = serializers.IntegerField()
    description = serializers.CharField()
    archived = serializers.BooleanField()
    archived_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        model = Forum
        fields = FORUM_SETTINGS_FIELDS


class ForumSettingsInput(serializers.Serializer):
    """A forum's settings; on PATCH every field is optional, on create ``name`` is needed
    (the service says so, with the same error for every caller)."""

    name = TextField(max_length=200, required=False)
    slug = serializers.CharField(max_length=80, required=False)
    description = TextField(max_length=4000, multiline=True, allow_blank=True, required=False)
    unit_id = IdField(allow_null=True, required=False)
    age_min = serializers.IntegerField(
        min_value=FORUM_AGE_MIN, max_value=FORUM_AGE_MAX, required=False
    )
    age_max = serializers.IntegerField(
        min_value=FORUM_AGE_MIN, max_value=FORUM_AGE_MAX, required=False
    )
    # Codes from FORUM_NEIGHBOURHOODS, checked by the service (one error for the list).
    neighbourhoods = serializers.ListField(
        child=serializers.CharField(max_length=32), max_length=20, required=False
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=16), max_length=20, required=False
    )
    pre_moderation = serializers.BooleanField(required=False)
    retention_days = serializers.IntegerField(
        min_value=1, max_value=RETENTION_DAYS_MAX, required=False
    )


class ForumStaffInput(serializers.Serializer):
    user_id = IdField()


class StaffMemberOutput(serializers.Serializer):
    user_id = serializers.IntegerField()
    name = serializers.CharField()
    username = serializers.CharField()
    added_at = serializers.DateTimeField(allow_null=True)


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


class ForumDetailOutput(ForumOutput):
    polls = PollSummaryOutput(many=True, source="polls.all")
    sessions = LiveSessionSummaryOutput(many=True, source="live_sessions.all")

    class Meta:
        model = Forum
        fields = [*FORUM_SETTINGS_FIELDS, "polls", "sessions"]
