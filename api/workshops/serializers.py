"""Workshops entered by hand: what staff type in from paper, and what every reader sees."""

from typing import Any

from rest_framework import serializers

from forum.live.models import WorkshopChoice, WorkshopMethod
from forum.live.services import WorkshopInput, WorkshopOptionInput

MAX_ROWS = 30


class WorkshopOptionInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=300, trim_whitespace=False)
    # No lower bound here: a negative count reaches the service, which answers negative_count.
    count = serializers.IntegerField(min_value=-1_000_000, max_value=1_000_000)


class WorkshopInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, trim_whitespace=False)
    method = serializers.ChoiceField(choices=WorkshopMethod.choices)
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=200, trim_whitespace=False)
    # Checked by the service (at least 1; every count at most this many).
    participants = serializers.IntegerField(min_value=-1_000_000, max_value=1_000_000)
    choice = serializers.ChoiceField(choices=WorkshopChoice.choices, default=WorkshopChoice.SINGLE)
    note = serializers.CharField(
        max_length=2000, allow_blank=True, default="", trim_whitespace=False
    )
    options = serializers.ListField(
        child=WorkshopOptionInputSerializer(), default=list, max_length=MAX_ROWS
    )
    quotes = serializers.ListField(
        child=serializers.CharField(max_length=1000, trim_whitespace=False),
        default=list,
        max_length=MAX_ROWS,
    )
    # A phone or laptop on a flaky connection may send the same entry twice.
    idempotency_key = serializers.UUIDField(required=False, allow_null=True, default=None)

    def workshop_input(self) -> WorkshopInput:
        v: dict[str, Any] = self.validated_data
        return WorkshopInput(
            title=v["title"],
            method=v["method"],
            held_on=v["held_on"],
            place=v["place"],
            participants=v["participants"],
            choice=v["choice"],
            note=v["note"],
            options=[WorkshopOptionInput(text=o["text"], count=o["count"]) for o in v["options"]],
            quotes=list(v["quotes"]),
        )


class WorkshopOptionOutput(serializers.Serializer):
    text = serializers.CharField()
    # Suppressed: null is hidden ("fewer than 5", or "hidden" when hidden_to_protect).
    count = serializers.IntegerField(allow_null=True)
    hidden_to_protect = serializers.BooleanField()


class WorkshopOutput(serializers.Serializer):
    """A workshop entered by hand, suppressed like every output; always ``entered_by_hand``."""

    id = serializers.IntegerField()
    forum_id = serializers.IntegerField()
    title = serializers.CharField()
    method = serializers.CharField()
    method_name = serializers.CharField()
    held_on = serializers.DateField()
    place = serializers.CharField()
    participants = serializers.IntegerField(allow_null=True)
    choice = serializers.CharField()
    note = serializers.CharField(allow_blank=True)
    options = WorkshopOptionOutput(many=True)
    quotes = serializers.ListField(child=serializers.CharField())
    entered_by = serializers.CharField(allow_blank=True)
    entered_at = serializers.DateTimeField()
    entered_by_hand = serializers.BooleanField()


class WorkshopEnteredOptionOutput(serializers.Serializer):
    text = serializers.CharField()
    count = serializers.IntegerField()


class WorkshopEnteredOutput(serializers.Serializer):
    participants = serializers.IntegerField()
    options = WorkshopEnteredOptionOutput(many=True)


class WorkshopDetailOutput(WorkshopOutput):
    # The figures as typed in, for the staff who correct them: the edit form starts from
    # these (never published; every other output reads the suppressed ones).
    entered = WorkshopEnteredOutput()
