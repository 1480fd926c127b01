"""Staff-written texts in the reader's language, for outputs that nest model objects.

The rule is forum.core.translations.localized (one place); these fields only ask it with
the request's active language (LocaleMiddleware, supported_language) and the languages the
object's forum offers. Bodies shared by many readers (the live snapshot) are rendered in
Swedish and carry ``translations``, from which each phone picks (docs/decisions/0045).
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from forum.core.languages import DEFAULT_LANGUAGE, supported_language
from forum.core.translations import LocalizedText, localized

Offered = Callable[[Any], Iterable[str]]


def _localized(obj: Any, field: str, offered: Offered) -> LocalizedText:
    language = supported_language(translation.get_language())
    if language == DEFAULT_LANGUAGE:  # the source: no need to look up the forum
        return LocalizedText(getattr(obj, field), DEFAULT_LANGUAGE, False)
    return localized(obj, field, language, offered=offered(obj))


@extend_schema_field(serializers.CharField())
class LocalizedTextField(serializers.Field):
    """``obj.<field>`` in the reader's language, else the Swedish source."""

    def __init__(self, *, field: str, offered: Offered, **kwargs: Any) -> None:
        self.text_field, self.offered = field, offered
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> str:
        return _localized(value, self.text_field, self.offered).text


@extend_schema_field(serializers.CharField())
class LocalizedLanguageField(LocalizedTextField):
    """The language the matching LocalizedTextField is in ("sv" when it fell back): pages
    mark a Swedish text shown to a reader of another language."""

    def to_representation(self, value: Any) -> str:
        return _localized(value, self.text_field, self.offered).language


@extend_schema_field(
    serializers.DictField(child=serializers.DictField(child=serializers.CharField()))
)
class TranslationsField(serializers.Field):
    """An object's stored translations ({"ar": {"text": ...}}), for readers that pick
    themselves (phones in a live session, the big screen's second language)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: Any) -> dict[str, Any]:
        return value if isinstance(value, dict) else {}


def question_forum_languages(question: Any) -> Iterable[str]:
    return question.poll.forum.languages


def option_forum_languages(option: Any) -> Iterable[str]:
    return option.question.poll.forum.languages


def board_forum_languages(board: Any) -> Iterable[str]:
    return board.forum.languages


def activity_forum_languages(activity: Any) -> Iterable[str]:
    return activity.session.forum.languages
