"""What a client's JSON can do to the API: never a 500, never a string no page can show."""

import json
import uuid
from typing import Any

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from forum.core.roles import Role
from forum.live.services import live_session_goto
from forum.polls.models import Response
from tests.api.assertions import assert_error, db_state
from tests.factories import UserFactory, all_kinds_poll, participant_with_token, question_of
from tests.forum.live.test_open_text_activities import cloud_and_wall_session

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

# Written by hand: json.dumps would refuse to make this, a client need not.
LONE_SURROGATE_ANSWER = '{"answer": {"text": "hej \\ud800"}, "idempotency_key": "%s"}'


def raw_post(client: APIClient, url: str, body: Any, content_type: str) -> Any:
    return client.generic("POST", url, body, content_type=content_type)


def test_a_lone_surrogate_in_an_answer_is_refused_and_every_page_still_works(client_for) -> None:
    session, worker, _cloud, wall = cloud_and_wall_session()
    live_session_goto(session=session, actor=worker, activity_id=wall.pk)
    _participant, token = participant_with_token()
    phone = APIClient(raise_request_exception=False)
    phone.cookies[settings.PARTICIPANT_COOKIE_NAME] = token
    before = db_state()

    response = raw_post(
        phone,
        f"/api/questions/{wall.question_id}/answers",
        LONE_SURROGATE_ANSWER % uuid.uuid4(),
        "application/json",
    )

    assert_error(response, 400, "text_invalid_characters")
    assert db_state() == before
    staff = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))
    staff.raise_request_exception = False
    assert wall.question is not None
    for url in (
        f"/api/staff/polls/{wall.question.poll_id}/held-answers",
        f"/api/staff/polls/{wall.question.poll_id}/raw.csv",
        f"/api/live/{session.join_code}/console",
    ):
        assert staff.get(url).status_code == 200, url
    assert phone.get(f"/api/live/{session.join_code}").status_code == 200


def test_a_lone_surrogate_anywhere_in_a_body_is_refused() -> None:
    response = raw_post(APIClient(), "/api/join", '{"code": "ABC\\udc00"}', "application/json")
    assert_error(response, 400, "text_invalid_characters")


def test_an_escaped_surrogate_pair_is_a_character_and_is_kept() -> None:
    poll = all_kinds_poll()
    question = question_of(poll, "open_text")
    # ensure_ascii writes the emoji as the escaped pair "\\ud83d\\ude00"
    body = json.dumps({"answer": {"text": "bra \U0001f600"}, "idempotency_key": str(uuid.uuid4())})
    assert "\\ud83d\\ude00" in body
    response = raw_post(
        APIClient(), f"/api/questions/{question.pk}/answers", body, "application/json"
    )
    assert response.status_code == 200, response.content
    assert Response.objects.get().answer == {"text": "bra \U0001f600"}


def test_a_body_nested_thousands_deep_is_refused_before_parsing() -> None:
    client = APIClient(raise_request_exception=False)
    before = db_state()
    for body in ("[" * 5000 + "]" * 5000, '{"a":' * 2000 + "1" + "}" * 2000, "[" * 5000):
        assert_error(raw_post(client, "/api/join", body, "application/json"), 400, "json_too_deep")
    assert db_state() == before


def test_nesting_up_to_the_limit_and_brackets_inside_strings_are_fine() -> None:
    body = '{"code": "ABC", "note": "[[[[{{{{' + "[" * 40 + '", "x": ' + "[" * 30 + "]" * 30 + "}"
    response = raw_post(APIClient(), "/api/join", body, "application/json")
    assert_error(response, 404, "unknown_join_code")


def test_a_body_is_decoded_by_the_charset_it_declares() -> None:
    poll = all_kinds_poll()
    question = question_of(poll, "open_text")
    answer = {"answer": {"text": "Öppet på lördagar"}, "idempotency_key": str(uuid.uuid4())}
    body = json.dumps(answer, ensure_ascii=False)
    response = raw_post(
        APIClient(),
        f"/api/questions/{question.pk}/answers",
        body.encode("latin-1"),
        "application/json; charset=latin1",
    )
    assert response.status_code == 200, response.content
    assert Response.objects.get().answer == {"text": "Öppet på lördagar"}


@pytest.mark.parametrize("charset", ["no-such-charset", "base64"])
def test_a_charset_that_is_not_a_text_encoding_is_refused(charset) -> None:
    response = raw_post(
        APIClient(), "/api/join", b'{"code": "ABC"}', f"application/json; charset={charset}"
    )
    assert_error(response, 415, "unsupported_charset")


@pytest.mark.parametrize("charset", ["undefined", "punycode"])
def test_a_charset_whose_decoder_fails_another_way_is_a_bad_request(charset) -> None:
    # These codecs raise UnicodeError itself, not UnicodeDecodeError (found by hand).
    response = raw_post(
        APIClient(), "/api/join", b'{"code": "ABC"}', f"application/json; charset={charset}"
    )
    assert_error(response, 400, "malformed_json")
