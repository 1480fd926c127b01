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


def known_language(code: str | None) -> str | None:
    """The registry's code for ``code`` (``ar-SA`` → ``ar``, lättläst → ``sv``), or None."""
    if not code:
        return None
    primary = code.strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in _BY_CODE else None


def supported_language(code: str | None) -> str:
    """``code`` if Röstrum speaks it (``ar-SA`` → ``ar``, lättläst → ``sv``), else Swedish.

    An unknown or disabled code never raises: a participant gets Swedish, not an error page.
    """
    return known_language(code) or DEFAULT_LANGUAGE


# Django's own limit: a longer header is cut, not parsed whole on every request.
ACCEPT_LANGUAGE_MAX_LENGTH = 500


def preferred_language(*, chosen: str | None, accept_language: str | None) -> str:
    """The language to answer in: the one a person chose (the language cookie) if Röstrum
    speaks it, else the first of their browser's languages (by quality) that it speaks,
    else Swedish. The same answer for HTTP (Django's LocaleMiddleware), websockets and
    documents; bad input of any kind gives Swedish, never an error.
    """
    if (code := known_language(chosen)) is not None:
        return code
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(
        (accept_language or "")[:ACCEPT_LANGUAGE_MAX_LENGTH].split(",")
    ):
        tag, _sep, params = part.partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0 and (code := known_language(tag)) is not None:
            ranked.append((-quality, position, code))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


def is_rtl(code: str) -> bool:
    return _BY_CODE.get(supported_language(code), _BY_CODE[DEFAULT_LANGUAGE]).direction == "rtl"
