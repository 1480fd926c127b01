"""The request's language at the edge: the same rule for HTTP, websockets and documents.

HTTP requests get theirs from ``RequestLanguageMiddleware`` and websockets from
``scope_language``; both ask the registry's ``preferred_language`` (the ``django_language``
cookie, then Accept-Language, then Swedish), so a phone's page and its socket never
disagree. Django's own parser differs in corners (it takes ``q=0`` as a wish).
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.http.cookie import parse_cookie
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from forum.core.languages import preferred_language, supported_language


def scope_language(scope: dict[str, Any]) -> str:
    """A socket's language: its language cookie, else its Accept-Language, else Swedish."""
    headers = dict(scope.get("headers") or [])
    cookies = scope.get("cookies")
    if cookies is None:  # routes without Channels' CookieMiddleware
        cookies = parse_cookie(headers.get(b"cookie", b"").decode("latin-1"))
    return preferred_language(
        chosen=cookies.get(settings.LANGUAGE_COOKIE_NAME),
        accept_language=headers.get(b"accept-language", b"").decode("latin-1"),
    )


def active_language() -> str:
    """The active language as the registry knows it (documents' ``lang``), never raising."""
    return supported_language(translation.get_language())


class RequestLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (Content-Language, Vary) with the registry's choice.

    Röstrum has no language prefixes in its URLs, so only the cookie and the header count.
    """

    def process_request(self, request: HttpRequest) -> None:
        language = preferred_language(
            chosen=request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
            accept_language=request.headers.get("accept-language"),
        )
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
