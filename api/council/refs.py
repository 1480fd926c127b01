"""A meeting and a development area as the council's outputs list and nest them."""

from rest_framework import serializers

from forum.council.models import Meeting


class AreaOutput(serializers.Serializer):
    code = serializers.CharField(source="area")
    name = serializers.CharField(source="get_area_display")


class MeetingOutput(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "title", "starts_at", "state"]
