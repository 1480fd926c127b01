"""Join and live state answer from a body rendered once per change (api/live/snapshots.py):
byte for byte what rendering the snapshot for each request gives, for phones and staff,
with and without the device's own answers, before the start and with results withheld.

These commit for real (``transaction=True``): inside a transaction the caches are bypassed.
"""

import uuid
from typing import Any, cast

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from api.live.session_views import live_session_body
from forum.core.roles import Role
from forum.live.models import LiveSession
from forum.live.selectors import live_session_snapshot
from forum.live.services import (
    live_answer_submit,
    live_results_set,
    live_session_prepare,
)
from forum.participation.models import Participant
from forum.participation.services import participant_create
from forum.polls.models import ResultsVisibility
from tests.factories import (
    ForumFactory,
    UserFactory,
    an_answer_of_each_kind,
    live_session_all_kinds,
)
from tests.support.mfa import staff_login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("youth_workers_in_every_forum"),
]

COOKIE = settings.PARTICIPANT_COOKIE_NAME


def rendered_per_request(code: str, *, token: str | None = None, user: Any = None) -> bytes:
    """What the live state was before it was shared: the snapshot rendered for this request."""
    request = RequestFactory().get(f"/api/live/{code}")
    if token is not None:
        request.COOKIES[COOKIE] = token
    request.user = user or AnonymousUser()
    # live_session_body reads only what a Django request has (user, cookies, host).
    body = live_session_body(cast(Request, request), live_session_snapshot(code=code))
    return JSONRenderer().render(body)


def live_state(code: str, *, token: str | None = None, user: Any = None) -> bytes:
    client = Client()
    if token is not None:
        client.cookies[COOKIE] = token
    if user is not None:
        staff_login(client, user)
    response = client.get(f"/api/live/{code}")
    assert response.status_code == 200, response.content
    return response.content


def a_phone_that_answered_everything(session: LiveSession) -> str:
    participant, token = participant_create()
    for question_id, answer in an_answer_of_each_kind(session).values():
        live_answer_submit(
            session=session,
            participant=participant,
            question_id=question_id,
            answer=answer,
            idempotency_key=uuid.uuid4(),
        )
    return token


@pytest.mark.parametrize("revealed", [False, True])
@pytest.mark.parametrize("visibility", [ResultsVisibility.LIVE, ResultsVisibility.AFTER_CLOSE])
def test_live_state_is_what_rendering_per_request_gave(revealed: bool, visibility: str) -> None:
    session, worker = live_session_all_kinds()
    assert session.current_poll is not None
    session.current_poll.results_visibility = visibility
    session.current_poll.save(update_fields=["results_visibility"])
    if revealed:
        live_results_set(session=session, actor=worker, visible=True)
    token = a_phone_that_answered_everything(session)
    other = a_phone_that_answered_everything(session)
    code = session.join_code
    viewers: list[dict[str, Any]] = [{"token": token}, {"token": other}, {}, {"user": worker}]
    for viewer in viewers:
        first = live_state(code, **viewer)  # rendered, then reused: both must be right
        assert first == live_state(code, **viewer) == rendered_per_request(code, **viewer)
    assert b'"my_full_answers":{}' not in live_state(code, token=token)


def test_a_new_answer_is_in_the_next_live_state() -> None:
    session, _worker = live_session_all_kinds()
    token = a_phone_that_answered_everything(session)
    code = session.join_code
    before = live_state(code, token=token)
    a_phone_that_answered_everything(session)
    after = live_state(code, token=token)
    assert after != before
    assert after == rendered_per_request(code, token=token)


def test_a_draft_shows_phones_its_title_and_staff_its_activities() -> None:
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    session = live_session_prepare(forum=ForumFactory(), actor=worker, title="Snart")
    _participant, token = participant_create()
    viewers: list[dict[str, Any]] = [{"token": token}, {"user": worker}]
    for viewer in viewers:
        live_state(session.join_code, **viewer)
        cached = live_state(session.join_code, **viewer)
        assert cached == rendered_per_request(session.join_code, **viewer)


def test_a_new_device_joins_with_the_body_rendering_per_request_gave() -> None:
    session, _worker = live_session_all_kinds()
    a_phone_that_answered_everything(session)
    bodies = []
    for _i in range(2):  # the second from this worker's rendered copy
        response = Client().post(
            "/api/join", {"code": session.join_code}, content_type="application/json"
        )
        assert response.status_code == 200
        bodies.append(response.json())
        token = response.cookies[COOKIE].value
    request = RequestFactory().post("/api/join")
    request.COOKIES[COOKIE] = token
    request.user = AnonymousUser()
    expected = live_session_body(
        cast(Request, request), live_session_snapshot(code=session.join_code), new_participant=True
    )
    assert bodies[0] == bodies[1] == expected
    assert list(bodies[1]) == list(expected)  # the same keys in the same order
    assert Participant.objects.count() == 3  # the one that answered and two new ones
