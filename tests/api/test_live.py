import hashlib

import pytest
from django.conf import settings

from forum.live.models import LiveSession, LiveSessionState
from forum.participation.models import Participant
from forum.polls.models import PollStatus
from tests.api.assertions import assert_error, db_state
from tests.factories import LiveSessionFactory, PollFactory, ResponseFactory, poll_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

COOKIE = "rostrum_participant"


def test_participant_cookie_name_is_the_documented_one() -> None:
    assert settings.PARTICIPANT_COOKIE_NAME == COOKIE


def test_join_sets_httponly_cookie_and_stores_only_the_hash(api_client) -> None:
    session = LiveSessionFactory()

    response = api_client.post("/api/join", {"code": session.join_code}, format="json")

    assert response.status_code == 200
    cookie = response.cookies[COOKIE]
    token = cookie.value
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == settings.PARTICIPANT_COOKIE_MAX_AGE
    participant = Participant.objects.get()
    assert participant.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(v) for v in Participant.objects.values().get().values()}
    body = response.json()
    assert body["code"] == session.join_code
    assert body["state"] == "running"
    assert body["poll"]["id"] == session.current_poll_id
    assert body["join_url"] == f"http://testserver/j/{session.join_code}"
    assert body["my_answers"] == {}


def test_join_normalises_the_typed_code(api_client) -> None:
    session = LiveSessionFactory(join_code="FIKA42")

    response = api_client.post("/api/join", {"code": " fika 42 "}, format="json")

    assert response.status_code == 200
    assert response.json()["code"] == session.join_code


def test_join_again_keeps_the_same_participant(api_client) -> None:
    session = LiveSessionFactory()
    api_client.post("/api/join", {"code": session.join_code}, format="json")

    again = api_client.post("/api/join", {"code": session.join_code}, format="json")

    assert again.status_code == 200
    assert COOKIE not in again.cookies  # no new token handed out
    assert Participant.objects.count() == 1


def test_join_ended_session_says_it_ended(api_client) -> None:
    session = LiveSessionFactory(state=LiveSessionState.ENDED)
    before = db_state()

    response = api_client.post("/api/join", {"code": session.join_code}, format="json")

    assert_error(response, 409, "session_ended")
    assert COOKIE not in response.cookies
    assert db_state() == before


def test_live_session_shows_my_answers_and_results(api_client) -> None:
    session = LiveSessionFactory()
    question = poll_of(session).questions.get()
    option = question.options.all()[1]
    api_client.post("/api/join", {"code": session.join_code}, format="json")
    api_client.post(
        f"/api/questions/{question.pk}/responses",
        {"option_id": option.pk, "idempotency_key": "0f8fad5b-d9cb-469f-a165-70867728950e"},
        format="json",
    )
    ResponseFactory(option=question.options.all()[0])  # someone else

    body = api_client.get(f"/api/live/{session.join_code.lower()}").json()

    assert body["my_answers"] == {str(question.pk): option.pk}
    assert body["results"]["participants"] == 2
    assert [o["count"] for o in body["results"]["questions"][0]["options"]] == [1, 1, 0]


def test_live_session_for_a_stranger_has_no_answers(api_client) -> None:
    session = LiveSessionFactory()
    ResponseFactory(option=poll_of(session).questions.get().options.all()[0])

    body = api_client.get(f"/api/live/{session.join_code}").json()

    assert body["my_answers"] == {}
    assert body["results"]["participants"] == 1
    assert not Participant.objects.exclude(
        poll_responses__isnull=False
    ).exists()  # GET created nobody


def test_live_session_unknown_code(api_client) -> None:
    assert_error(api_client.get("/api/live/NOPE99"), 404, "unknown_join_code")


def test_live_session_qr_is_svg_pointing_at_the_join_url(api_client) -> None:
    session = LiveSessionFactory()

    response = api_client.get(f"/api/live/{session.join_code}/qr.svg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith((b"<?xml", b"<svg"))


def test_start_live_session_as_youth_worker(client_for, youth_worker) -> None:
    poll = PollFactory(status=PollStatus.DRAFT, opened_at=None)

    response = client_for(youth_worker).post(
        f"/api/forums/{poll.forum_id}/live-sessions",
        {"poll_id": poll.pk, "title": "Fika"},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    session = LiveSession.objects.get()
    assert body["code"] == session.join_code
    assert body["title"] == "Fika"
    assert body["poll"]["status"] == "open"


def test_start_live_session_with_poll_of_another_forum_is_not_found(
    client_for, youth_worker
) -> None:
    poll = PollFactory()
    other_forum = PollFactory().forum
    before = db_state()

    response = client_for(youth_worker).post(
        f"/api/forums/{other_forum.pk}/live-sessions", {"poll_id": poll.pk}, format="json"
    )

    assert_error(response, 404, "not_found")
    assert db_state() == before


def test_start_live_session_with_closed_poll_is_invalid(client_for, youth_worker) -> None:
    poll = PollFactory(status=PollStatus.CLOSED)
    before = db_state()

    response = client_for(youth_worker).post(
        f"/api/forums/{poll.forum_id}/live-sessions", {"poll_id": poll.pk}, format="json"
    )

    body = assert_error(response, 400, "invalid")
    assert "poll_id" in body["fields"]
    assert db_state() == before


def test_end_live_session_as_youth_worker(client_for, youth_worker) -> None:
    session = LiveSessionFactory()

    response = client_for(youth_worker).post(f"/api/live/{session.join_code.lower()}/end")

    assert response.status_code == 200
    assert response.json()["state"] == "ended"
    session.refresh_from_db()
    assert session.state == LiveSessionState.ENDED


def test_end_unknown_live_session_is_not_found(client_for, youth_worker) -> None:
    assert_error(client_for(youth_worker).post("/api/live/NOPE99/end"), 404, "not_found")
