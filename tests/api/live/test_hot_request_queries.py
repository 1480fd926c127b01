"""The queries of each hot request, pinned: a change that adds one fails here.

Hot: a hall of phones joins, reads the live state and answers at once. The
shared snapshot is cached only outside a transaction (api/live/snapshots.py), so these
tests commit for real (``transaction=True``), as a server does.
"""

import uuid
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from forum.live.models import LiveSession
from forum.polls.models import Option
from tests.factories import live_session_with_activities

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("youth_workers_in_every_forum"),
]

COOKIE = settings.PARTICIPANT_COOKIE_NAME

# The snapshot comes from the cache in each, already rendered. New device: create it, join
# the forum (INSERT … ON CONFLICT DO NOTHING).
JOIN_NEW_DEVICE = 2
# Known device: find it; its answers (one-option and full in one query) and 'about you'. Its
# membership, committed when it first joined, is known to this process: no INSERT again.
JOIN_KNOWN_DEVICE = 3
# The device; its answers (one-option and full in one query) and 'about you'.
LIVE_STATE = 3
# The device, the activity with the session (read fresh: state, lock, countdown), the
# answer; the membership is known committed since the phone joined. The session's id and
# forum come from the shared state; option ids and costs are cached per process after a
# question's first answer.
ANSWER = 3


def _queries(call: Any) -> tuple[int, Any]:
    """Statements that read or write rows (not BEGIN, COMMIT or savepoints, which only
    SQLite's IMMEDIATE mode shows), so the pins hold on both databases."""
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code in (200, 201), response.content
    statements = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().split(" ", 1)[0].upper() in ("SELECT", "INSERT", "UPDATE", "DELETE")
    ]
    return len(statements), response


@pytest.fixture
def session() -> LiveSession:
    """Two poll questions, a Q&A round and an info slide; the first question current."""
    session, _worker = live_session_with_activities()
    # These phones read the counts without answering first (the youth worker's choice).
    session.activities.update(results_before_answer=True)
    return session


def _option(session: LiveSession) -> Option:
    current = session.current_activity
    assert current is not None
    assert current.question_id is not None
    option = Option.objects.filter(question_id=current.question_id).first()
    assert option is not None
    return option


def _joined(session: LiveSession) -> Client:
    """A phone that joined; the shared snapshot is warm afterwards (the first build learns
    which polls and boards it depends on, the second is stored with them known)."""
    for _i in range(2):
        client = Client()
        client.post("/api/join", {"code": session.join_code}, content_type="application/json")
    return client


def test_join_queries(session: LiveSession) -> None:
    _joined(session)  # warms the shared snapshot
    n, _r = _queries(
        lambda: Client().post(
            "/api/join", {"code": session.join_code}, content_type="application/json"
        )
    )
    assert n == JOIN_NEW_DEVICE
    client = _joined(session)
    n, _r = _queries(
        lambda: client.post(
            "/api/join", {"code": session.join_code}, content_type="application/json"
        )
    )
    assert n == JOIN_KNOWN_DEVICE


def test_live_state_queries(session: LiveSession) -> None:
    client = _joined(session)
    n, _r = _queries(lambda: client.get(f"/api/live/{session.join_code}"))
    assert n == LIVE_STATE


def _answer(client: Client, session: LiveSession, option: Option) -> Any:
    return client.post(
        f"/api/live/{session.join_code}/answers",
        {
            "question_id": option.question_id,
            "option_id": option.pk,
            "idempotency_key": str(uuid.uuid4()),
        },
        content_type="application/json",
    )


def test_answer_over_rest_queries(session: LiveSession) -> None:
    option = _option(session)
    _answer(_joined(session), session, option)  # another phone answered first
    client = _joined(session)
    n, _r = _queries(lambda: _answer(client, session, option))
    assert n == ANSWER


def test_an_answer_makes_the_shared_snapshot_stale(session: LiveSession) -> None:
    client = _joined(session)
    option = _option(session)
    before = client.get(f"/api/live/{session.join_code}").json()
    assert before["results"]["questions"][0]["total"] == 0
    client.post(
        f"/api/live/{session.join_code}/answers",
        {
            "question_id": option.question_id,
            "option_id": option.pk,
            "idempotency_key": str(uuid.uuid4()),
        },
        content_type="application/json",
    )
    after = Client().get(f"/api/live/{session.join_code}").json()
    assert after["results"]["questions"][0]["total"] == 1


def test_a_session_change_makes_the_shared_snapshot_stale(session: LiveSession) -> None:
    from forum.core.roles import Role
    from forum.live.services import live_session_end
    from tests.factories import UserFactory

    _joined(session)
    live_session_end(session=session, actor=UserFactory(roles=[Role.YOUTH_WORKER]))
    response = Client().post(
        "/api/join", {"code": session.join_code}, content_type="application/json"
    )
    assert response.status_code == 409
