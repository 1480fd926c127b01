"""Dates and numbers in every language: Django's own formats for sv, en, ar, fa and tr,
config/formats/ for Somali and Tigrinya (Django has none)."""

from datetime import date, datetime

import pytest
from django.utils import formats, translation

from forum.core.languages import LANGUAGE_CODES

DAY = date(2026, 12, 7)
NUMBER = 1234567.5


def localized(code: str) -> tuple[str, str, str, str]:
    with translation.override(code):
        return (
            formats.date_format(DAY),
            formats.date_format(DAY, "SHORT_DATE_FORMAT"),
            formats.date_format(datetime(2026, 12, 7, 18, 30), "DATETIME_FORMAT"),
            formats.number_format(NUMBER, decimal_pos=1, use_l10n=True, force_grouping=True),
        )


@pytest.mark.parametrize("code", ["so", "ti"])
def test_somali_and_tigrinya_have_their_own_format_module(code) -> None:
    assert formats.get_format_modules(lang=code)[0].__name__ == f"config.formats.{code}.formats"
    assert localized(code) == ("07/12/2026", "07/12/2026", "07/12/2026 18:30", "1,234,567.5")


@pytest.mark.parametrize(
    ("code", "decimal_separator"),
    [("sv", ","), ("en", "."), ("ar", ","), ("fa", "."), ("tr", ",")],
)
def test_the_other_languages_use_djangos_formats(code, decimal_separator) -> None:
    with translation.override(code):
        assert formats.get_format("DECIMAL_SEPARATOR") == decimal_separator
    assert localized(code)[3].endswith(f"{decimal_separator}5")


def test_arabic_and_persian_dates_name_the_month_in_their_own_script() -> None:
    assert localized("ar")[0] == "7 ديسمبر، 2026"
    assert localized("fa")[0] == "7 دسامبر 2026"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_language_parses_an_iso_date_typed_into_a_form(code) -> None:
    with translation.override(code):
        assert "%Y-%m-%d" in formats.get_format("DATE_INPUT_FORMATS")
