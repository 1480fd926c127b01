"""The one text boundary: what free text may be stored, and in which form."""

import pytest

from forum.core.errors import TextEmpty, TextInvalidCharacters
from forum.core.text import text_clean, text_repair, text_repair_json


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("  Mer musik  ", "Mer musik"),
        ("e\u0301n gång", "\u00e9n gång"),  # NFC: one é, as typed on another keyboard
        ("gratis \u202egnilbmag\u202c", "gratis gnilbmag"),  # right-to-left override
        ("\u2066isolerad\u2069 text", "isolerad text"),
        ("\u200bhej\u200b", "hej"),  # invisible at the edges
        ("familj \U0001f468\u200d\U0001f469\u200d\U0001f467", "familj 👨\u200d👩\u200d👧"),
        ("مرحبا \u200fHej", "مرحبا \u200fHej"),  # marks inside mixed scripts are kept
    ],
)
def test_text_is_trimmed_normalised_and_freed_of_bidi_controls(raw, stored) -> None:
    assert text_clean(raw, field="title") == stored


@pytest.mark.parametrize(
    "raw", ["hej \ud800", "\udc00", "nul\x00", "bell\x07", "esc\x1b[31m", "c1\x85", "del\x7f"]
)
def test_surrogates_and_control_characters_are_refused(raw) -> None:
    with pytest.raises(TextInvalidCharacters) as refused:
        text_clean(raw, field="text", multiline=True)
    assert refused.value.code == "text_invalid_characters"
    assert list(refused.value.fields) == ["text"]


def test_newlines_and_tabs_belong_to_multiline_fields_only() -> None:
    assert text_clean("rad ett\r\nrad\ttvå\r", field="text", multiline=True) == "rad ett\nrad\ttvå"
    for raw in ("rad ett\nrad två", "kolumn\tkolumn"):
        with pytest.raises(TextInvalidCharacters):
            text_clean(raw, field="title")


@pytest.mark.parametrize(
    "raw", ["", "   ", "\u200b\u200c\u200d", "\u2060\ufeff\u00ad", "\u202e\u202c", " \u3164 "]
)
def test_text_of_only_invisible_characters_is_empty(raw) -> None:
    with pytest.raises(TextEmpty) as refused:
        text_clean(raw, field="title")
    assert refused.value.code == "text_empty"
    assert text_clean(raw, field="title", allow_blank=True) == ""


def test_repair_makes_stored_text_showable_without_refusing_it() -> None:
    assert text_repair("hej \ud800 \u202edå") == "hej \ufffd då"
    repaired = text_repair_json({"text": "a\udfff", "list": ["\u2066b", 3], "k\ud800": None})
    assert repaired == {"text": "a\ufffd", "list": ["b", 3], "k\ufffd": None}
    "".join(str(v) for v in repaired.values()).encode("utf-8")  # encodes: no error
