"""The languages Röstrum speaks: one registry for settings, the API, documents and moderation.

Swedish is the default and the language every text is first written in; the others are offered
per forum. Easy-read Swedish (lättläst) is a variant of the participant pages' interface only
(frontend catalogs); the backend answers it in Swedish.
"""

from dataclasses import dataclass
from typing import Literal

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    # The language's own name, as a speaker looks for it in a list.
    native_name: str
    english_name: str
    direction: Direction


DEFAULT_LANGUAGE = "sv"
EASY_READ_SWEDISH = "sv-x-lattlast"

LANGUAGES: tuple[Language, ...] = (
    Language("sv", "Svenska", "Swedish", "ltr"),
    Language("en", "English", "English", "ltr"),
    Language("ar", "العربية", "Arabic", "rtl"),
    Language("so", "Soomaali", "Somali", "ltr"),
    Language("ti", "ትግርኛ", "Tigrinya", "ltr"),
    Language("fa", "فارسی", "Persian", "rtl"),
    Language("tr", "Türkçe", "Turkish", "ltr"),
)
LANGUAGE_CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
_BY_CODE = {language.code: language for language in LANGUAGES}


def language(code: str) -> Language:
    return _BY_CODE[code]


def supported_language(code: str | None) -> str:
    """``code`` if Röstrum speaks it (``ar-SA`` → ``ar``, lättläst → ``sv``), else Swedish.

    An unknown or disabled code never raises: a participant gets Swedish, not an error page.
    """
    if not code:
        return DEFAULT_LANGUAGE
    primary = code.strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in _BY_CODE else DEFAULT_LANGUAGE


def is_rtl(code: str) -> bool:
    return _BY_CODE.get(supported_language(code), _BY_CODE[DEFAULT_LANGUAGE]).direction == "rtl"
