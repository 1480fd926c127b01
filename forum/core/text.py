"""The one boundary for free text that people type (answers, questions, ideas, titles, names).

Every service that stores free text passes it through ``text_clean``, so the REST views,
the phone's websocket and any other caller store the same thing or refuse the same thing:

- lone UTF-16 surrogates and control characters are refused (``TextInvalidCharacters``):
  a stored surrogate cannot be encoded as UTF-8, and every page that shows it breaks;
- bidi override, embedding and isolate controls are removed: they let a text display
  as something other than what it says (and run on into whatever is shown after it);
- text is NFC-normalised, so the same words are stored (and screened) the same way;
- text that is empty once whitespace and invisible characters are trimmed is refused
  (``TextEmpty``): a title of zero-width spaces is no title.

``text_repair`` is the lenient form for text stored before this boundary existed.
"""

import re
import unicodedata
from typing import Any

from forum.core.errors import TextEmpty, TextInvalidCharacters

SURROGATES = re.compile("[\ud800-\udfff]")
# LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters that show nothing: a text made only of these (and whitespace) is empty.
INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\ufeff"  # byte order mark / zero-width no-break space
)
EDGES = re.compile(f"\\A[\\s{INVISIBLE}]+|[\\s{INVISIBLE}]+\\Z")
MULTILINE_CONTROLS = frozenset("\n\t")


def _is_control(char: str, *, multiline: bool) -> bool:
    if multiline and char in MULTILINE_CONTROLS:
        return False
    return unicodedata.category(char) == "Cc"


def text_clean(
    value: str, *, field: str, multiline: bool = False, allow_blank: bool = False
) -> str:
    """``value`` as it may be stored, or ``TextInvalidCharacters`` / ``TextEmpty`` for
    ``field``. ``multiline`` allows newlines and tabs (line breaks arrive as \\r\\n too)."""
    if SURROGATES.search(value):
        raise TextInvalidCharacters(fields={field: [TextInvalidCharacters.default_message]})
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if any(_is_control(char, multiline=multiline) for char in value if not char.isprintable()):
        raise TextInvalidCharacters(fields={field: [TextInvalidCharacters.default_message]})
    value = EDGES.sub("", unicodedata.normalize("NFC", BIDI_CONTROLS.sub("", value)))
    if not value and not allow_blank:
        raise TextEmpty(fields={field: [TextEmpty.default_message]})
    return value


def text_clean_optional(value: str, *, field: str, multiline: bool = False) -> str:
    """``text_clean`` for a field that may be left empty."""
    return text_clean(value, field=field, multiline=multiline, allow_blank=True)


def text_repair(value: str) -> str:
    """Text stored before the boundary, made safe to show: lone surrogates become U+FFFD
    and bidi controls go. Meaning is kept; nothing is refused (it is already stored)."""
    return BIDI_CONTROLS.sub("", SURROGATES.sub("\ufffd", value))


def text_repair_json(value: Any) -> Any:
    """``text_repair`` applied to every string (keys too) inside a JSON value."""
    if isinstance(value, str):
        return text_repair(value)
    if isinstance(value, list):
        return [text_repair_json(v) for v in value]
    if isinstance(value, dict):
        return {text_repair(str(k)): text_repair_json(v) for k, v in value.items()}
    return value
