"""The "other languages" editor: one shape for every staff-written text."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class TranslatableOutput(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["question", "option", "board", "activity", "planning_item"]
    )
    id = serializers.IntegerField()
    sources = serializers.DictField(child=serializers.CharField(allow_blank=True))
    max_lengths = serializers.DictField(child=serializers.IntegerField())
    translations = serializers.DictField(child=serializers.DictField(child=serializers.CharField()))
    children = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_children(self, text: Any) -> list[dict[str, Any]]:
        """Texts edited with this one (same shape): a question's options, an activity's
        question."""
        return [dict(TranslatableOutput(child).data) for child in text.children]


class TranslationFormOutput(serializers.Serializer):
    # The languages to fill in: the forum's offered ones except Swedish.
    languages = serializers.ListField(child=serializers.CharField())
    text = TranslatableOutput()


def _translations_field(*, required: bool = True) -> serializers.DictField:
    return serializers.DictField(
        required=required,
        child=serializers.DictField(
            child=serializers.CharField(
                allow_blank=True, allow_null=True, max_length=20_000, trim_whitespace=False
            )
        ),
    )


class TranslationsInput(serializers.Serializer):
    translations = _translations_field()
    # A question's or an activity's question's options: option id → translations.
    options = serializers.DictField(child=_translations_field(), required=False)
    # An activity's question.
    question = _translations_field(required=False)

    def validate_options(self, value: dict[str, Any]) -> dict[int, Any]:
        try:
            return {int(key): texts for key, texts in value.items()}
        except ValueError:
            raise serializers.ValidationError(_("Option ids are whole numbers.")) from None


class UntranslatedTextOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["question", "board", "activity"])
    id = serializers.IntegerField()
    title = serializers.CharField()
    missing = serializers.ListField(child=serializers.CharField())
    # The staff page where the text is translated.
    edit_path = serializers.CharField()
