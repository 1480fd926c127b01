"""What every PDF shares: the page's language and direction, and fonts for every script.

Documents render in the active language (the request's). Arabic and Persian pages are
right to left; their Arabic script comes from Noto Sans Arabic, which shapes and joins the
letters through HarfBuzz. Tigrinya's Ethiopic script comes from Noto Sans Ethiopic. Latin
text keeps DejaVu Sans (decision record 0043).
"""

import unicodedata
from dataclasses import dataclass

from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from forum.core.languages import Direction, language, supported_language

# Debian packages: fonts-dejavu-core and fonts-noto-core (scripts/ensure-pdf-libs.sh).
LATIN_FONT = '"DejaVu Sans"'
ARABIC_FONT = '"Noto Sans Arabic"'
ETHIOPIC_FONT = '"Noto Sans Ethiopic"'
CODE_FONT = '"DejaVu Sans Mono", monospace'


@dataclass(frozen=True)
class DocumentLanguage:
    """The ``<html lang dir>`` of a document and the CSS it needs for its script."""

    code: str
    direction: Direction
    # A CSS font-family value: the language's own script first, then every other script
    # (names, titles and answers can be in any language).
    font_family: SafeString
    # Page margin boxes are physical (left/right): the footer sits at the line's start.
    page_start: str
    page_end: str

    def context(self) -> dict[str, object]:
        return {
            "lang": self.code,
            "dir": self.direction,
            "font_family": self.font_family,
            "page_start": self.page_start,
            "page_end": self.page_end,
        }


def font_family_for(code: str) -> SafeString:
    """Arabic-script pages put Noto Sans Arabic first (DejaVu Sans has Arabic letters too,
    and would win otherwise); Latin pages keep DejaVu first, as Noto Sans Arabic also has
    digits and punctuation that would change font mid-sentence."""
    if language(code).direction == "rtl":
        stack = [ARABIC_FONT, LATIN_FONT, ETHIOPIC_FONT]
    else:
        stack = [LATIN_FONT, ETHIOPIC_FONT, ARABIC_FONT]
    # Constants only: safe inside a <style> element.
    return mark_safe(", ".join([*stack, "sans-serif"]))  # noqa: S308


def document_language() -> DocumentLanguage:
    """The active language as a document needs it (Swedish when none or unsupported)."""
    code = supported_language(translation.get_language())
    direction = language(code).direction
    rtl = direction == "rtl"
    return DocumentLanguage(
        code=code,
        direction=direction,
        font_family=font_family_for(code),
        page_start="bottom-right" if rtl else "bottom-left",
        page_end="bottom-left" if rtl else "bottom-right",
    )


def text_direction(text: str) -> Direction | None:
    """The direction of ``text``'s first strong letter (None when it has none: "12 %")."""
    for c in text:
        kind = unicodedata.bidirectional(c)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def opposite_direction(text: str) -> Direction | None:
    """``text``'s own direction when it runs the other way than the page, else None."""
    own = text_direction(text)
    return own if own is not None and own != document_language().direction else None


def other_direction(text: str) -> SafeString:
    """Attributes for an element holding ``text`` typed by someone: when it runs the other
    way than the page (a Swedish question on an Arabic page), it gets its own direction,
    so its question mark stays at its end, and sits at the page's start edge.

    WeasyPrint has no ``dir="auto"``; this is it, from the first strong letter.
    """
    own = opposite_direction(text)
    if own is None:
        return mark_safe("")
    return mark_safe(f' dir="{escape(own)}" style="text-align: end"')  # noqa: S308
