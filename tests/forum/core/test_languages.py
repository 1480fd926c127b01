import pytest
from django.conf import settings
from django.utils.translation import get_language_bidi, get_language_info, override

from forum.core.languages import (
    LANGUAGE_CODES,
    is_rtl,
    preferred_language,
    supported_language,
)


def test_the_seven_languages_are_offered_in_the_settings():
    assert [code for code, _name in settings.LANGUAGES] == list(LANGUAGE_CODES)
    assert LANGUAGE_CODES == ("sv", "en", "ar", "so", "ti", "fa", "tr")


@pytest.mark.parametrize(
    ("asked", "answered"),
    [
        ("ar", "ar"),
        ("ar-SA", "ar"),
        ("FA_ir", "fa"),
        ("sv-x-lattlast", "sv"),
        ("de", "sv"),
        ("", "sv"),
        (None, "sv"),
        ("<script>", "sv"),
    ],
)
def test_an_unknown_language_falls_back_to_swedish(asked, answered):
    assert supported_language(asked) == answered


def test_arabic_and_persian_read_right_to_left():
    assert [code for code in LANGUAGE_CODES if is_rtl(code)] == ["ar", "fa"]
    for code in ("ar", "fa"):
        with override(code):
            assert get_language_bidi()


def test_django_knows_somali_and_tigrinya_by_their_own_names():
    assert get_language_info("so")["name_local"] == "Soomaali"
    assert get_language_info("ti")["name_local"] == "ትግርኛ"


@pytest.mark.parametrize(
    ("chosen", "accept_language", "answered"),
    [
        (None, "ar-SA,ar;q=0.9,en;q=0.8", "ar"),
        (None, "de, tr;q=0.3, so;q=0.7", "so"),
        (None, "en;q=0, fa", "fa"),
        (None, "en;q=abc, ti", "ti"),
        (None, "en, ar", "en"),
        (None, "xx", "sv"),
        (None, "sv-x-lattlast", "sv"),
        (None, "", "sv"),
        (None, None, "sv"),
        ("fa", "en", "fa"),
        ("ar-SA", None, "ar"),
        ("xx", "tr", "tr"),
        ("sv-x-lattlast", "ar", "sv"),
        ("", "so", "so"),
    ],
)
def test_the_chosen_language_wins_then_the_browser_then_swedish(chosen, accept_language, answered):
    assert preferred_language(chosen=chosen, accept_language=accept_language) == answered


def test_a_huge_accept_language_header_is_cut_not_parsed_whole():
    header = "xx," * 1000 + "ar"

    assert preferred_language(chosen=None, accept_language=header) == "sv"
