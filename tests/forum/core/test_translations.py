"""Translations of staff texts: the one check (clean_translations) and the one read rule."""

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forum.core.errors import InvalidInput, TextInvalidCharacters
from forum.core.languages import LANGUAGE_CODES, supported_language
from forum.core.translations import (
    LocalizedText,
    clean_translations,
    localized,
    localized_text,
    missing_languages,
    offered_languages_clean,
)

FIELDS = {"text": 20, "body": 50}


def test_translations_of_offered_languages_and_known_fields_are_kept_and_trimmed() -> None:
    cleaned = clean_translations(
        {"ar": {"text": "  ما رأيك؟ "}, "so": {"text": "", "body": None}},
        fields=FIELDS,
        offered=["sv", "ar", "so"],
    )

    assert cleaned == {"ar": {"text": "ما رأيك؟"}}


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ({"xx": {"text": "hej"}}, "translations.xx"),
        ({"tr": {"text": "merhaba"}}, "translations.tr"),  # not offered by this forum
        ({"sv": {"text": "hej"}}, "translations.sv"),  # Swedish is the source, not a translation
        ({"ar": {"title": "x"}}, "translations.ar.title"),
        ({"ar": {"text": "x" * 21}}, "translations.ar.text"),
        ({"ar": {"text": 5}}, "translations.ar.text"),
        ({"ar": "text"}, "translations.ar"),
        ("ar", "translations"),
    ],
)
def test_bad_translations_are_refused_per_field(value: object, field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        clean_translations(value, fields=FIELDS, offered=["sv", "ar"])

    assert field in raised.value.fields


def test_control_characters_in_a_translation_are_refused() -> None:
    with pytest.raises(TextInvalidCharacters):
        clean_translations({"ar": {"text": "a\x00b"}}, fields=FIELDS, offered=LANGUAGE_CODES)


def test_a_translation_is_read_in_an_offered_language() -> None:
    question = SimpleNamespace(text="Vad tycker du?", translations={"en": {"text": "What?"}})

    assert localized(question, "text", "en") == LocalizedText("What?", "en", False)


def test_a_missing_translation_falls_back_to_swedish_marked() -> None:
    question = SimpleNamespace(text="Vad tycker du?", translations={"en": {"text": "What?"}})

    assert localized(question, "text", "ar") == LocalizedText("Vad tycker du?", "sv", True)


def test_a_language_the_forum_does_not_offer_gets_swedish_even_when_translated() -> None:
    question = SimpleNamespace(text="Vad tycker du?", translations={"en": {"text": "What?"}})

    got = localized(question, "text", "en-GB", offered=["sv", "ar"])

    assert got == LocalizedText("Vad tycker du?", "sv", True)


def test_swedish_and_easy_read_swedish_read_the_source_unmarked() -> None:
    question = SimpleNamespace(text="Vad tycker du?", translations={})

    assert localized(question, "text", "sv").is_fallback is False
    assert localized(question, "text", "sv-x-lattlast").is_fallback is False


stored = st.one_of(
    st.none(),
    st.text(),
    st.dictionaries(
        st.text(max_size=5),
        st.one_of(st.none(), st.text(), st.dictionaries(st.text(max_size=5), st.text())),
    ),
)


@given(
    language=st.one_of(st.none(), st.text(), st.sampled_from([*LANGUAGE_CODES, "ar-SA", "xx"])),
    offered=st.lists(st.sampled_from(LANGUAGE_CODES)),
    translations=stored,
)
def test_the_rule_returns_swedish_or_an_offered_language_and_never_raises(
    language: str | None, offered: list[str], translations: object
) -> None:
    got = localized_text(
        source="Källa",
        translations=translations,  # type: ignore[arg-type]
        field="text",
        language=language,
        offered=offered,
    )

    assert got.language == "sv" or got.language in offered
    assert got.is_fallback == (supported_language(language) != got.language)
    if got.language == "sv":
        assert got.text == "Källa"


def test_missing_languages_lists_offered_ones_without_every_source_text() -> None:
    translations = {"ar": {"text": "a", "body": "b"}, "so": {"text": "c"}}

    missing = missing_languages(
        translations, sources={"text": "t", "body": "b"}, offered=["sv", "ar", "so", "fa"]
    )

    assert missing == ["so", "fa"]


def test_an_empty_source_text_needs_no_translation() -> None:
    assert (
        missing_languages(
            {"ar": {"text": "a"}}, sources={"text": "t", "body": ""}, offered=["sv", "ar"]
        )
        == []
    )


def test_offered_languages_always_start_with_swedish() -> None:
    assert offered_languages_clean([]) == ["sv"]
    assert offered_languages_clean(["fa", "en"]) == ["sv", "en", "fa"]
