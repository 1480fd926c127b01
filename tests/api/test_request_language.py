"""Every request answers in the registry's language for it: the language cookie, else the
browser's Accept-Language, else Swedish. Over HTTP (Django's LocaleMiddleware) and over
websockets (api/request_language.py) alike; an unknown code is never an error."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from api.polls.documents import voting_slips_html
from config.asgi import application
from tests.api.live.communicator import WebsocketCommunicator

UNKNOWN_CODE = "There is no open session with that code. Check the code and try again."
NOT_FOUND = "We could not find that."
SAME_ORIGIN = [(b"origin", b"http://testserver"), (b"host", b"testserver")]


def translated(message: str, language: str) -> str:
    with translation.override(language):
        return gettext(message)


def test_the_catalogs_differ_so_the_tests_below_can_fail() -> None:
    languages = ("sv", "en", "ar", "so", "ti", "fa", "tr")
    assert len({translated(UNKNOWN_CODE, code) for code in languages}) == len(languages)


ACCEPT_LANGUAGE = [
    ("ar", "ar"),
    ("ar-SA", "ar"),
    ("ar-SA,ar;q=0.9,en;q=0.8", "ar"),
    ("de-DE, so;q=0.5, en;q=0.4", "so"),
    ("en;q=0.2, fa;q=0.9", "fa"),
    ("ti-ER", "ti"),
    ("tr", "tr"),
    ("xx", "sv"),
    ("sv-x-lattlast", "sv"),
    ("en;q=0", "sv"),
    ("*", "sv"),
    (";;;,,,q=", "sv"),
    ("a" * 2000, "sv"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("header", "language"), ACCEPT_LANGUAGE)
def test_an_api_error_comes_back_in_the_accept_language(api_client, header, language) -> None:
    response = api_client.post(
        "/api/join", {"code": "ZZZZZZ"}, format="json", HTTP_ACCEPT_LANGUAGE=header
    )

    assert response.status_code == 404
    assert response.json()["message"] == translated(UNKNOWN_CODE, language)
    assert response["Content-Language"] == language


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cookie", "header", "language"),
    [
        ("fa", "en", "fa"),
        ("ar-SA", "en", "ar"),
        ("sv-x-lattlast", "ar", "sv"),
        ("xx", "ar", "ar"),  # an unknown choice: the browser's languages decide
        ("../../etc", "", "sv"),
    ],
)
def test_the_language_cookie_wins_over_the_browser(api_client, cookie, header, language) -> None:
    api_client.cookies["django_language"] = cookie

    response = api_client.post(
        "/api/join", {"code": "ZZZZZZ"}, format="json", HTTP_ACCEPT_LANGUAGE=header
    )

    assert response.status_code == 404
    assert response.json()["message"] == translated(UNKNOWN_CODE, language)


@pytest.mark.parametrize(("header", "language"), ACCEPT_LANGUAGE)
async def test_a_socket_error_comes_back_in_the_accept_language(header, language) -> None:
    comm = WebsocketCommunicator(
        application, "/ws/nowhere/", headers=[*SAME_ORIGIN, (b"accept-language", header.encode())]
    )
    await comm.connect()

    frame = await comm.receive_json_from(timeout=5)

    assert (frame["code"], frame["message"]) == ("not_found", translated(NOT_FOUND, language))
    await comm.disconnect()


@pytest.mark.parametrize(
    ("cookie", "header", "language"),
    [("so", "en", "so"), ("xx", "ti", "ti"), ("sv-x-lattlast", "ar", "sv")],
)
async def test_a_socket_follows_the_language_cookie(cookie, header, language) -> None:
    headers = [
        *SAME_ORIGIN,
        (b"cookie", f"django_language={cookie}".encode()),
        (b"accept-language", header.encode()),
    ]
    comm = WebsocketCommunicator(application, "/ws/nowhere/", headers=headers)
    await comm.connect()

    frame = await comm.receive_json_from(timeout=5)

    assert frame["message"] == translated(NOT_FOUND, language)
    await comm.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_live_session_socket_answers_in_arabic() -> None:
    comm = WebsocketCommunicator(
        application, "/ws/live/NOPE99/", headers=[*SAME_ORIGIN, (b"accept-language", b"ar-SA")]
    )
    await comm.connect()

    frame = await comm.receive_json_from(timeout=5)

    assert frame["message"] == translated(UNKNOWN_CODE, "ar")
    await comm.disconnect()


async def test_a_refused_origin_is_told_why_in_the_browser_language() -> None:
    headers = [(b"origin", b"https://evil.example"), (b"host", b"testserver")]
    comm = WebsocketCommunicator(
        application, "/ws/nowhere/", headers=[*headers, (b"accept-language", b"fa")]
    )
    await comm.connect()

    frame = await comm.receive_json_from(timeout=5)

    assert frame["code"] == "origin_not_allowed"
    assert frame["message"] == translated("Connections from this website are not allowed.", "fa")
    await comm.disconnect()


@pytest.mark.parametrize(
    ("active", "lang", "direction"),
    [("ar", "ar", "rtl"), ("fa", "fa", "rtl"), ("ti", "ti", "ltr"), ("sv-x-lattlast", "sv", "ltr")],
)
def test_a_printed_document_says_its_language_and_direction(active, lang, direction) -> None:
    with translation.override(active):
        html = voting_slips_html(codes=["ABC123"], poll_title="Fritid", poll_url="https://x.se/p/1")

    assert f'<html lang="{lang}" dir="{direction}">' in html
    with translation.override(lang):
        assert gettext("The code works once. Keep it to yourself.") in html
