import pytest
from django.conf import settings
from django.utils.translation import get_language_bidi, get_language_info, override

from forum.core.languages import LANGUAGE_CODES, is_rtl, supported_language


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
