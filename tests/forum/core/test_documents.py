"""A document's language: the active one (Swedish when unsupported), its direction, the
footer at the line's start, and fonts that put the language's own script first."""

import pytest
from django.utils import translation

from forum.core.documents import document_language, other_direction, text_direction


@pytest.mark.parametrize(
    ("active", "code", "direction", "first_font"),
    [
        ("sv", "sv", "ltr", '"DejaVu Sans"'),
        ("ar", "ar", "rtl", '"Noto Sans Arabic"'),
        ("fa", "fa", "rtl", '"Noto Sans Arabic"'),
        ("ti", "ti", "ltr", '"DejaVu Sans"'),
        ("sv-x-lattlast", "sv", "ltr", '"DejaVu Sans"'),
        ("de", "sv", "ltr", '"DejaVu Sans"'),
    ],
)
def test_the_document_speaks_the_active_language(
    active: str, code: str, direction: str, first_font: str
) -> None:
    with translation.override(active):
        doc = document_language()

    assert (doc.code, doc.direction) == (code, direction)
    assert doc.font_family.startswith(first_font)


@pytest.mark.parametrize("active", ["sv", "ar", "ti"])
def test_every_script_has_a_font_whatever_the_language(active: str) -> None:
    # Names and answers can be in any language: Swedish pages still carry Arabic titles.
    with translation.override(active):
        fonts = document_language().font_family

    for family in ('"DejaVu Sans"', '"Noto Sans Arabic"', '"Noto Sans Ethiopic"'):
        assert family in fonts
    assert fonts.endswith("sans-serif")


def test_the_footer_sits_at_the_start_of_the_line_and_the_page_number_at_its_end() -> None:
    with translation.override("ar"):
        rtl = document_language().context()
    with translation.override("sv"):
        ltr = document_language().context()

    assert (rtl["page_start"], rtl["page_end"]) == ("bottom-right", "bottom-left")
    assert (ltr["page_start"], ltr["page_end"]) == ("bottom-left", "bottom-right")
    assert (rtl["lang"], rtl["dir"]) == ("ar", "rtl")


def test_a_text_runs_the_way_of_its_first_letter() -> None:
    assert text_direction("Vilken dag?") == "ltr"
    assert text_direction("12 – ما رأيك؟") == "rtl"
    assert text_direction("کد ABCDE") == "rtl"
    assert text_direction("ሰላም") == "ltr"
    assert text_direction("12 %") is None


def test_text_running_the_other_way_keeps_its_direction_at_the_page_start() -> None:
    with translation.override("ar"):
        swedish_on_arabic = other_direction("Vilken dag?")
        arabic_on_arabic = other_direction("ما رأيك؟")
        number_on_arabic = other_direction("12")
    with translation.override("sv"):
        arabic_on_swedish = other_direction("ما رأيك؟")

    assert swedish_on_arabic == ' dir="ltr" style="text-align: end"'
    assert arabic_on_swedish == ' dir="rtl" style="text-align: end"'
    assert arabic_on_arabic == number_on_arabic == ""
