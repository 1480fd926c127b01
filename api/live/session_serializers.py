"""Joining a live session and its whole state: what every screen draws on (re)connect.

api/live/serializers.py builds the presenter's, the console's and the phones' frames on
LiveSessionOutput.
"""

from typing import Any

from django.conf import settings
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import IdField, TextField
from api.forums.serializers import ForumRefOutput
from api.polls.outputs import PollOutput, PollResultsOutput
from forum.core.languages import DEFAULT_LANGUAGE
from forum.live.selectors import LiveSnapshot


class JoinInput(serializers.Serializer):
    code = serializers.CharField(max_length=12)


class LiveSessionStartInput(serializers.Serializer):
    poll_id = IdField()
    title = TextField(max_length=200, required=False, allow_blank=True, default="")


class FullAnswerOutput(serializers.Serializer):
    """One of the phone's own answers as it was sent (any kind), and an open text's status."""

    answer = serializers.JSONField()
    text_status = serializers.CharField(allow_blank=True)


def my_answers_body(answers: dict[int, int]) -> dict[str, int]:
    """question id -> option id of the device's own one-option answers, keys as strings."""
    return {str(question_id): option_id for question_id, option_id in answers.items()}


def my_about_you_asked_body(value: bool | None) -> bool | None:
    return None if value is None else bool(value)


def full_answers_body(answers: Any) -> dict[str, dict[str, Any]]:
    """question id -> {answer, text_status}: what a reloaded phone shows as its answer."""
    return {str(a.question_id): {"answer": a.answer, "text_status": a.text_status} for a in answers}


class LiveSessionOutput(serializers.Serializer):
    """The full state of a live session: what every screen draws on (re)connect."""

    code = serializers.CharField(source="session.join_code")
    title = serializers.CharField(source="session.title")
    state = serializers.ChoiceField(choices=["draft", "running", "ended"], source="session.state")
    forum = ForumRefOutput(source="session.forum")
    join_url = serializers.SerializerMethodField()
    presence = serializers.SerializerMethodField()
    poll = PollOutput(allow_null=True)
    results = PollResultsOutput(allow_null=True)
    my_answers = serializers.SerializerMethodField()
    my_full_answers = serializers.SerializerMethodField()
    my_about_you_asked = serializers.SerializerMethodField()

    def to_representation(self, instance: Any) -> Any:
        # One body is shared by every phone: texts in Swedish plus their translations, and
        # each phone picks its language (docs/decisions/0045). Never the language of
        # whichever request happened to render it.
        with translation.override(DEFAULT_LANGUAGE):
            return super().to_representation(instance)

    def get_join_url(self, snapshot: LiveSnapshot) -> str:
        return join_url(code=snapshot.session.join_code, base_url=self.context.get("base_url", ""))

    def get_presence(self, snapshot: LiveSnapshot) -> int:
        return int(self.context.get("presence", 0))

    def get_my_answers(self, snapshot: LiveSnapshot) -> dict[str, int]:
        return my_answers_body(self.context.get("my_answers", {}))

    @extend_schema_field(serializers.DictField(child=FullAnswerOutput()))
    def get_my_full_answers(self, snapshot: LiveSnapshot) -> dict[str, dict[str, Any]]:
        """This device's own answers to the session's questions, every kind in full."""
        return full_answers_body(self.context.get("my_full_answers", []))

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_my_about_you_asked(self, snapshot: LiveSnapshot) -> bool | None:
        """Whether this device was already asked 'about you' in the session's forum; null
        in the frames every phone shares (each phone hears its own in "mine")."""
        return my_about_you_asked_body(self.context.get("my_about_you_asked"))


def join_url(*, code: str, base_url: str) -> str:
    base = (settings.PUBLIC_BASE_URL or base_url).rstrip("/")
    return f"{base}/j/{code}"
