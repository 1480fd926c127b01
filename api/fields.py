"""Serializer field types for what clients send: ids and free text, checked one way.

``IdField`` takes an id in a body (1..2**63-1, the database's integer range; past it
the ``id_out_of_range`` error); ``TextField`` runs ``forum.core.text.text_clean`` (refused
characters, bidi controls, NFC, invisible-only text) before DRF's length checks, so a
length limit counts the characters that will be stored.
"""

from typing import Any

from rest_framework import serializers

from api.converters import ID_MAX
from forum.core.errors import IdOutOfRange
from forum.core.text import text_clean


def _name(field: serializers.Field) -> str:
    # A ListField's child has no name of its own: errors are about the list.
    parent = field.parent
    if not field.field_name and isinstance(parent, serializers.Field):
        return parent.field_name or "non_field_errors"
    return field.field_name or "non_field_errors"


class IdField(serializers.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> int:
        value = super().to_internal_value(data)
        if value > ID_MAX:
            # Checked here, before the validators, with its own code: past the database's
            # range there can be no such row (below 1, min_value says what is wrong).
            raise IdOutOfRange(fields={_name(self): [IdOutOfRange.default_message]})
        return value


class TextField(serializers.CharField):
    """Free text someone types. ``multiline`` keeps newlines and tabs."""

    def __init__(self, *, multiline: bool = False, **kwargs: Any) -> None:
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        return text_clean(
            value, field=_name(self), multiline=self.multiline, allow_blank=self.allow_blank
        )
