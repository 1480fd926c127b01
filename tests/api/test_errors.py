"""Every error has the one shape {code, message, fields}, and bad input changes nothing."""

import json
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from forum.polls.models import PollStatus
from tests.api.assertions import assert_error, db_state
from tests.factories import LiveSessionFactory, PollFactory, participant_with_token, poll_of

pytestmark = pytest.mark.django_db

SV_CATALOG = Path(settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES" / "django.mo"


@pytest.fixture
def session():
    return LiveSessionFactory()


@pytest.fixture
def question(session):
    return poll_of(session).questions.get()


def vote_url(question) -> str:
    return f"/api/questions/{question.pk}/responses"


def vote_body(option_id, key=None) -> dict:
    return {"option_id": option_id, "idempotency_key": str(key or uuid.uuid4())}


def test_unknown_join_code(api_client, session) -> None:
    before = db_state()

    body = assert_error(
        api_client.post("/api/join", {"code": "ZZZZZZ"}, format="json"), 404, "unknown_join_code"
    )

    assert body["fields"] == {}
    assert db_state() == before


def test_vote_on_closed_poll_changes_nothing(api_client) -> None:
    poll = PollFactory(status=PollStatus.CLOSED)
    question = poll.questions.get()
    before = db_state()

    # A phone that never joined: not even a participant may be left behind.
    response = api_client.post(
        vote_url(question), vote_body(question.options.all()[0].pk), format="json"
    )

    assert_error(response, 409, "poll_closed")
    assert "rostrum_participant" not in response.cookies
    assert db_state() == before


def test_vote_on_draft_poll_is_not_open(api_client) -> None:
    question = PollFactory(status=PollStatus.DRAFT, opened_at=None).questions.get()
    before = db_state()

    assert_error(
        api_client.post(vote_url(question), vote_body(question.options.all()[0].pk), format="json"),
        409,
        "poll_not_open",
    )
    assert db_state() == before


@pytest.mark.parametrize(
    ("option_id", "code"),
    [
        ("unknown", "unknown_option"),
        ("other_question", "unknown_option"),
        # Past the database's integer range: refused by the id field type, before any query.
        (2**63, "id_out_of_range"),
        (2**70, "id_out_of_range"),
    ],
)
def test_vote_with_unknown_option(api_client, question, option_id, code) -> None:
    if option_id == "unknown":
        option_id = 987_654
    elif option_id == "other_question":
        option_id = PollFactory().questions.get().options.all()[0].pk
    before = db_state()

    response = api_client.post(vote_url(question), vote_body(option_id), format="json")

    body = assert_error(response, 400, code)
    assert list(body["fields"]) == ["option_id"]
    assert db_state() == before


def test_vote_on_unknown_question(api_client) -> None:
    before = db_state()

    assert_error(
        api_client.post("/api/questions/987654/responses", vote_body(1), format="json"),
        404,
        "not_found",
    )
    assert_error(
        api_client.post(f"/api/questions/{2**70}/responses", vote_body(1), format="json"),
        404,
        "not_found",
    )
    assert db_state() == before


def test_malformed_json(api_client, question) -> None:
    before = db_state()

    response = api_client.post(
        vote_url(question), data=b'{"option_id": 1,', content_type="application/json"
    )

    assert_error(response, 400, "malformed_json")
    assert db_state() == before


@pytest.mark.parametrize("raw", [b"\xff\xfe not utf-8", b"", b"null", b"[1, 2]", b'"text"'])
def test_json_that_is_not_an_object(api_client, question, raw) -> None:
    before = db_state()

    response = api_client.post(vote_url(question), data=raw, content_type="application/json")

    assert response.status_code == 400
    assert_error(response, 400, response.json()["code"])
    assert response.json()["code"] in {"malformed_json", "invalid"}
    assert db_state() == before


def test_oversized_body(api_client, question) -> None:
    padding = "x" * settings.API_MAX_BODY_BYTES
    raw = json.dumps({**vote_body(question.options.all()[0].pk), "padding": padding}).encode()
    assert len(raw) > settings.API_MAX_BODY_BYTES
    before = db_state()

    response = api_client.post(vote_url(question), data=raw, content_type="application/json")

    assert_error(response, 413, "payload_too_large")
    assert db_state() == before


def test_body_just_under_the_limit_is_accepted(api_client, question) -> None:
    body = vote_body(question.options.all()[0].pk)
    overhead = len(json.dumps({**body, "padding": ""}).encode())
    raw = json.dumps({**body, "padding": "x" * (settings.API_MAX_BODY_BYTES - overhead)}).encode()
    assert len(raw) == settings.API_MAX_BODY_BYTES

    assert (
        api_client.post(vote_url(question), data=raw, content_type="application/json").status_code
        == 200
    )


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ("code=ABCDEF", "application/x-www-form-urlencoded"),
        ("code: ABCDEF", "text/plain"),
        ("<code>ABCDEF</code>", "application/xml"),
    ],
)
def test_non_json_content_type(api_client, session, data, content_type) -> None:
    before = db_state()

    response = api_client.post("/api/join", data=data, content_type=content_type)

    assert_error(response, 415, "unsupported_media_type")
    assert db_state() == before


def test_missing_fields(api_client, question) -> None:
    before = db_state()

    body = assert_error(api_client.post(vote_url(question), {}, format="json"), 400, "invalid")

    assert set(body["fields"]) == {"option_id", "idempotency_key"}
    assert db_state() == before


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"option_id": "abc", "idempotency_key": str(uuid.uuid4())}, "option_id"),
        ({"option_id": -1, "idempotency_key": str(uuid.uuid4())}, "option_id"),
        ({"option_id": 1, "idempotency_key": "not-a-uuid"}, "idempotency_key"),
        ({"option_id": None, "idempotency_key": str(uuid.uuid4())}, "option_id"),
    ],
)
def test_invalid_field_values(api_client, question, payload, field) -> None:
    before = db_state()

    body = assert_error(api_client.post(vote_url(question), payload, format="json"), 400, "invalid")

    assert field in body["fields"]
    assert db_state() == before


def test_join_code_too_long_is_invalid(api_client) -> None:
    body = assert_error(
        api_client.post("/api/join", {"code": "X" * 50}, format="json"), 400, "invalid"
    )
    assert "code" in body["fields"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/nope",
        "/api/",
        "/api/questions/abc/responses",
        "/api/forums/1/unknown",
        "/api/council/links/%0A/-1",  # a newline: once Django's HTML 404 page
        "/api/staff/polls/7/open%0A",
    ],
)
def test_unknown_api_path(api_client, path) -> None:
    assert_error(api_client.get(path), 404, "not_found")
    assert_error(api_client.post(path, {}, format="json"), 404, "not_found")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_unknown_api_path_is_not_found_for_writes_without_a_csrf_cookie(method) -> None:
    # Found by the fuzzer: the CSRF middleware answered with its HTML page, not the shape.
    client = APIClient(enforce_csrf_checks=True)

    assert_error(
        getattr(client, method)("/api/forums/1.5/polls", {}, format="json"), 404, "not_found"
    )


@pytest.mark.parametrize(
    ("method", "path"), [("get", "/api/join"), ("delete", "/api/auth/me"), ("put", "/api/join")]
)
def test_method_not_allowed(api_client, method, path) -> None:
    before = db_state()

    assert_error(getattr(api_client, method)(path), 405, "method_not_allowed")
    assert db_state() == before


def test_unknown_participant_cookie_is_treated_as_a_new_device(api_client, question) -> None:
    participant_with_token()
    api_client.cookies["rostrum_participant"] = "forged-token"

    response = api_client.post(
        vote_url(question), vote_body(question.options.all()[0].pk), format="json"
    )

    assert response.status_code == 200
    assert response.cookies["rostrum_participant"].value != "forged-token"


def test_messages_are_english_with_accept_language_en(api_client) -> None:
    response = api_client.post(
        "/api/join", {"code": "ZZZZZZ"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    body = assert_error(response, 404, "unknown_join_code")
    assert (
        body["message"] == "There is no open session with that code. Check the code and try again."
    )


@pytest.mark.skipif(
    not SV_CATALOG.exists(),
    reason="Swedish catalogue locale/sv/LC_MESSAGES/django.mo not compiled yet",
)
def test_messages_are_swedish_by_default(api_client) -> None:
    english = assert_error(
        api_client.post("/api/join", {"code": "ZZZZZZ"}, format="json", HTTP_ACCEPT_LANGUAGE="en"),
        404,
        "unknown_join_code",
    )["message"]

    swedish = assert_error(
        api_client.post("/api/join", {"code": "ZZZZZZ"}, format="json"), 404, "unknown_join_code"
    )

    assert swedish["message"] != english
    assert response_language(swedish["message"]) == "sv"


def response_language(message: str) -> str:
    # Crude but enough: the Swedish text uses Swedish words, not "session"/"code" in English.
    swedish_markers = ("kod", "och", "det", "inte", "ingen", "försök")
    return "sv" if any(marker in message.lower() for marker in swedish_markers) else "unknown"
