"""Role checks on every staff endpoint: anonymous, wrong role, right role (DESIGN.md §5)."""

import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from forum.core.roles import Role
from forum.live.models import ActivityKind, LiveActivity, QaQuestion, QaStatus
from forum.polls.models import PollStatus
from tests.api.assertions import assert_error, db_state
from tests.factories import (
    AgendaItemFactory,
    LiveSessionFactory,
    ParticipantFactory,
    PlanningItemFactory,
    PollFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # formatted with the `world` fixture
    allowed: tuple[Role, ...]
    wrong: Role | None  # None: a logged-in user with no role at all
    ok_status: int
    body: dict[str, Any] | None = None


ENDPOINTS = {
    "forum_list": Endpoint("get", "/api/forums", (Role.YOUTH_WORKER, Role.OFFICIAL), None, 200),
    "forum_detail": Endpoint(
        "get", "/api/forums/{forum}", (Role.YOUTH_WORKER, Role.OFFICIAL), None, 200
    ),
    "live_session_start": Endpoint(
        "post",
        "/api/forums/{forum}/live-sessions",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        201,
        {"poll_id": "{draft_poll}"},
    ),
    "live_session_end": Endpoint(
        "post", "/api/live/{code}/end", (Role.YOUTH_WORKER,), Role.OFFICIAL, 200
    ),
    "planning_items": Endpoint(
        "get", "/api/council/planning-items", (Role.OFFICIAL, Role.YOUTH_WORKER), None, 200
    ),
    "link_poll": Endpoint(
        "post",
        "/api/council/planning-items/{item}/links",
        (Role.OFFICIAL, Role.YOUTH_WORKER),
        None,
        201,
        {"poll_id": "{poll}", "note": "Unga vill ha mer."},
    ),
    "linkable_polls": Endpoint(
        "get", "/api/council/polls", (Role.OFFICIAL, Role.YOUTH_WORKER), None, 200
    ),
    "live_control": Endpoint(
        "post",
        "/api/live/{code}/control",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"action": "reveal"},
    ),
    "live_activities": Endpoint(
        "post",
        "/api/live/{code}/activities",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        201,
        {"kind": "qa", "title": "Fråga oss"},
    ),
    "live_qa_moderate": Endpoint(
        "post",
        "/api/live/{code}/qa/{qa_question}/moderate",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"action": "approve"},
    ),
    "live_export": Endpoint(
        "get", "/api/live/{code}/export.csv", (Role.YOUTH_WORKER, Role.OFFICIAL), None, 200
    ),
    "live_console": Endpoint(
        "get", "/api/live/{code}/console", (Role.YOUTH_WORKER,), Role.OFFICIAL, 200
    ),
    "meetings": Endpoint("get", "/api/council/meetings", (Role.OFFICIAL,), Role.YOUTH_WORKER, 200),
    "meeting_brief": Endpoint(
        "get", "/api/council/meetings/{meeting}/brief", (Role.OFFICIAL,), Role.YOUTH_WORKER, 200
    ),
}


@pytest.fixture
def world() -> dict[str, Any]:
    session = LiveSessionFactory()
    draft = PollFactory(forum=session.forum, status=PollStatus.DRAFT, opened_at=None)
    agenda = AgendaItemFactory()
    qa = LiveActivity.objects.create(session=session, kind=ActivityKind.QA, position=1)
    held = QaQuestion.objects.create(
        activity=qa,
        participant=ParticipantFactory(),
        text="Får jag fråga?",
        status=QaStatus.HELD,
        idempotency_key=uuid.uuid4(),
    )
    return {
        "qa_question": held.pk,
        "forum": session.forum.pk,
        "code": session.join_code,
        "poll": session.current_poll_id,
        "draft_poll": draft.pk,
        "item": PlanningItemFactory().pk,
        "meeting": agenda.meeting_id,
    }


def call(client, endpoint: Endpoint, world: dict[str, Any]):
    path = endpoint.path.format(**world)
    body = None
    if endpoint.body is not None:
        body = {
            k: (int(v.format(**world)) if k == "poll_id" else v) for k, v in endpoint.body.items()
        }
    return getattr(client, endpoint.method)(path, body, format="json")


@pytest.mark.parametrize("name", ENDPOINTS)
def test_anonymous_is_not_authenticated(name, world, client_for) -> None:
    before = db_state()

    assert_error(call(client_for(None), ENDPOINTS[name], world), 401, "not_authenticated")
    assert db_state() == before


@pytest.mark.parametrize("name", ENDPOINTS)
def test_wrong_role_is_permission_denied(name, world, client_for) -> None:
    endpoint = ENDPOINTS[name]
    user = UserFactory(roles=[endpoint.wrong] if endpoint.wrong else [])
    before = db_state()

    assert_error(call(client_for(user), endpoint, world), 403, "permission_denied")
    assert db_state() == before


@pytest.mark.parametrize(
    ("name", "role"),
    [(name, role) for name, e in ENDPOINTS.items() for role in (*e.allowed, Role.ADMIN)],
)
def test_right_role_is_allowed(name, role, world, client_for) -> None:
    endpoint = ENDPOINTS[name]

    response = call(client_for(UserFactory(roles=[role])), endpoint, world)

    assert response.status_code == endpoint.ok_status, response.content[:300]


def test_every_staff_url_is_covered() -> None:
    from api import urls

    staff_names = {
        "forums",
        "forum-detail",
        "forum-live-sessions",
        "live-session-end",
        "planning-items",
        "planning-item-links",
        "council-polls",
        "meetings",
        "meeting-brief",
        "live-control",
        "live-activities",
        "live-qa-moderate",
        "live-console",
        "live-export",
    }
    public_names = {
        "schema",
        "docs",
        "auth-me",
        "auth-login",
        "auth-logout",
        "join",
        "live-session",
        "live-session-qr",
        "question-responses",
        "live-answers",
        "live-qa",
        "live-qa-upvotes",
    }

    def names(patterns) -> set[str]:
        found: set[str] = set()
        for p in patterns:
            if hasattr(p, "url_patterns"):  # an include(): look inside
                found |= names(p.url_patterns)
            elif getattr(p, "name", None):
                found.add(p.name)
        return found

    named = names(urls.urlpatterns)

    # A new endpoint must be added to ENDPOINTS (staff) or consciously to the public list.
    assert named == staff_names | public_names
    assert len(ENDPOINTS) == len(staff_names)
