"""The audit log for admins: filters in, entries out. There is nothing to write."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from api.fields import IdField, TextField
from forum.core.models import AuditAction
from forum.core.selectors import AuditFilter


class AuditFilterInput(serializers.Serializer):
    actor = TextField(max_length=150, required=False, default="")
    action = serializers.ChoiceField(choices=AuditAction.choices, required=False, default="")
    object_type = TextField(max_length=100, required=False, default="")
    forum = IdField(required=False, default=None)
    since = serializers.DateField(required=False, default=None)
    until = serializers.DateField(required=False, default=None)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        since, until = attrs.get("since"), attrs.get("until")
        if since is not None and until is not None and since > until:
            raise serializers.ValidationError(
                {"until": [_("The end date is before the start date.")]}
            )
        return attrs

    def filters(self) -> AuditFilter:
        data = self.validated_data
        return AuditFilter(
            actor=data["actor"],
            action=data["action"],
            object_type=data["object_type"],
            forum_id=data["forum"],
            since=data["since"],
            until=data["until"],
        )


class AuditPageInput(AuditFilterInput):
    page = serializers.IntegerField(min_value=1, max_value=100_000, required=False, default=1)


class AuditEntryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor_username = serializers.CharField()
    actor_roles = serializers.CharField()
    action = serializers.ChoiceField(choices=AuditAction.choices)
    action_label = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    object_label = serializers.CharField()
    forum_id = serializers.IntegerField(allow_null=True)
    ip = serializers.CharField(allow_null=True)
    # {field: [before, after]}
    changes = serializers.DictField(child=serializers.ListField(allow_empty=True))
    detail = serializers.DictField()


class AuditPageOutput(serializers.Serializer):
    results = AuditEntryOutput(many=True, source="rows")
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
