"""Staff-written texts in several languages: one storage shape, one check, one read rule.

A translatable object keeps its Swedish source in its own fields and the other languages
in a ``translations`` JSON field shaped ``{"ar": {"text": "..."}, ...}`` (language, then
field name). A forum offers some languages (``Forum.languages``, Swedish always first); a
reader gets its language's text when the forum offers it and a translation exists, else
the Swedish source, marked as a fallback (docs/decisions/0045).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from forum.core.errors import InvalidInput
from forum.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, supported_language
from forum.core.text import text_clean_optional

Translations = dict[str, dict[str, str]]

NOT_PER_LANGUAGE = _("Give the translations per language, then per text.")


@dataclass(frozen=True, slots=True)
class LocalizedText:
    text: str
    # The language ``text`` is written in: the asked one, or Swedish when it fell back.
    language: str
    is_fallback: bool


def writing_language() -> str:
    """The language a participant writes in now: the request's (or socket's) active
    language, as Röstrum knows it (lättläst and unknown codes count as Swedish)."""
    return supported_language(translation.get_language())


def offered_languages_clean(codes: Any) -> list[str]:
    """A forum's offered languages: known codes, no repeats, Swedish first (added if missing).

    Raises InvalidInput (code ``invalid``, field ``languages``) for anything else.
    """
    if not isinstance(codes, list | tuple) or not all(isinstance(c, str) for c in codes):
        raise InvalidInput(fields={"languages": [_("Choose languages from the list.")]})
    unknown = [c for c in codes if c not in LANGUAGE_CODES]
    if unknown:
        raise InvalidInput(
            fields={"languages": [_("Röstrum does not offer that language: %s") % unknown[0]]}
        )
    others = [c for c in LANGUAGE_CODES if c in codes and c != DEFAULT_LANGUAGE]
    return [DEFAULT_LANGUAGE, *others]


def clean_translations(
    value: Any, *, fields: Mapping[str, int], offered: Iterable[str] = LANGUAGE_CODES
) -> Translations:
    """Staff input for ``translations``, checked and tidied: only offered languages other
    than Swedish, only the object's translatable ``fields`` (name → max length), texts
    cleaned like every stored text, empty ones dropped. No moderation: staff write these.
    """
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidInput(fields={"translations": [NOT_PER_LANGUAGE]})
    allowed = set(offered) - {DEFAULT_LANGUAGE}
    cleaned: Translations = {}
    errors: dict[str, list[Any]] = {}
    for code, texts in value.items():
        key = f"translations.{code}"
        if code not in allowed:
            errors[key] = [_("This forum does not offer that language.")]
            continue
        if not isinstance(texts, dict):
            errors[key] = [NOT_PER_LANGUAGE]
            continue
        kept: dict[str, str] = {}
        for name, text in texts.items():
            field_key = f"{key}.{name}"
            if name not in fields:
                errors[field_key] = [_("That text cannot be translated.")]
                continue
            if text is None:
                continue
            if not isinstance(text, str):
                errors[field_key] = [_("Write the translation as text.")]
                continue
            text = text_clean_optional(text, field=field_key, multiline=True)
            if len(text) > fields[name]:
                errors[field_key] = [
                    _("The translation is too long (at most %(max)d characters).")
                    % {"max": fields[name]}
                ]
                continue
            if text:
                kept[name] = text
        if kept:
            cleaned[code] = kept
    if errors:
        raise InvalidInput(fields=errors)
    return cleaned


def localized_text(
    *,
    source: str,
    translations: Mapping[str, Any] | None,
    field: str,
    language: str | None,
    offered: Iterable[str] = LANGUAGE_CODES,
) -> LocalizedText:
    """The text in ``language`` if offered and translated, else the Swedish source.

    Never raises: any language string (unknown, disabled, malformed) gives Swedish, and
    malformed stored translations read as missing.
    """
    code = supported_language(language)
    if code != DEFAULT_LANGUAGE and code in offered and isinstance(translations, Mapping):
        texts = translations.get(code)
        if isinstance(texts, Mapping):
            text = texts.get(field)
            if isinstance(text, str) and text:
                return LocalizedText(text=text, language=code, is_fallback=False)
    return LocalizedText(
        text=source, language=DEFAULT_LANGUAGE, is_fallback=code != DEFAULT_LANGUAGE
    )


def localized(
    obj: Any, field: str, language: str | None, *, offered: Iterable[str] = LANGUAGE_CODES
) -> LocalizedText:
    """``obj.<field>`` in ``language``: the one read rule for translatable objects."""
    return localized_text(
        source=getattr(obj, field),
        translations=getattr(obj, "translations", None),
        field=field,
        language=language,
        offered=offered,
    )


def missing_languages(
    translations: Mapping[str, Any] | None,
    *,
    sources: Mapping[str, str],
    offered: Iterable[str],
) -> list[str]:
    """Offered languages (not Swedish) lacking a translation of a non-empty source text."""
    wanted = [name for name, text in sources.items() if text]
    found = translations if isinstance(translations, Mapping) else {}
    missing = []
    for code in offered:
        if code == DEFAULT_LANGUAGE:
            continue
        texts = found.get(code)
        if not isinstance(texts, Mapping) or any(not texts.get(name) for name in wanted):
            missing.append(code)
    return missing


@dataclass(frozen=True)
class Translatable:
    """One staff-written object's Swedish texts and their translations, for the editor and
    the "needs translating" list; ``children`` are texts edited with it (a question's
    options, an activity's question)."""

    kind: str
    id: int
    sources: dict[str, str]
    max_lengths: dict[str, int]
    translations: Translations
    children: tuple["Translatable", ...] = ()


def translatable(obj: Any, *, kind: str, children: Iterable[Translatable] = ()) -> Translatable:
    fields: dict[str, int] = obj.TRANSLATABLE_FIELDS
    stored = obj.translations if isinstance(obj.translations, dict) else {}
    return Translatable(
        kind=kind,
        id=obj.pk,
        sources={name: getattr(obj, name) for name in fields},
        max_lengths=dict(fields),
        translations=stored,
        children=tuple(children),
    )


@dataclass(frozen=True)
class TranslationForm:
    """What the "other languages" editor shows: the languages to fill in (offered, not
    Swedish) and the texts."""

    languages: list[str]
    text: Translatable


def translation_form(text: Translatable, *, offered: Iterable[str]) -> TranslationForm:
    return TranslationForm(
        languages=[code for code in offered if code != DEFAULT_LANGUAGE], text=text
    )
