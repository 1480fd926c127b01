"""The languages page: each language with the review status of its translation."""

from rest_framework import serializers

from api.fields import TextField
from forum.core.models import NOTE_MAX_LENGTH


class LanguageReviewInput(serializers.Serializer):
    reviewed = serializers.BooleanField()
    note = TextField(
        multiline=True, max_length=NOTE_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


class LanguageReviewOutput(serializers.Serializer):
    code = serializers.CharField()
    native_name = serializers.CharField()
    english_name = serializers.CharField()
    direction = serializers.ChoiceField(choices=["ltr", "rtl"])
    # "source": Swedish, the language every text is written in first.
    status = serializers.ChoiceField(choices=["source", "needs_review", "reviewed"])
    reviewed_by = serializers.CharField(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    note = serializers.CharField(allow_blank=True)
