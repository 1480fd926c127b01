"""Role checks on the endpoints that prepare a session, edit its activities, set info slide
pictures and moderate collected ideas: anonymous, a joined phone, wrong role, right role."""

from typing import Any

import pytest
from django.conf import settings

from forum.core.roles import Role
from forum.live.models import ActivityKind
from forum.live.services import live_activity_add, live_session_prepare
from forum.moderation.models import ModerationState
from tests.api.assertions import assert_error, db_state
from tests.api.test_staff_permissions import Endpoint
from tests.factories import (
    IdeaBoardFactory,
    IdeaFactory,
    UserFactory,
    all_kinds_poll,
    live_session_with_activities,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

YW = (Role.YOUTH_WORKER,)

PREP_ENDPOINTS = {
    "draft_create": Endpoint(
        "post", "/api/forums/{forum}/live-drafts", YW, Role.OFFICIAL, 201, {"title": "Träff"}
    ),
    "prepare": Endpoint("get", "/api/live/{draft}/prepare", YW, Role.OFFICIAL, 200),
    "start": Endpoint("post", "/api/live/{draft}/start", YW, Role.OFFICIAL, 200),
    "activity_edit": Endpoint(
        "patch",
        "/api/live/{draft}/activities/{info}",
        YW,
        Role.OFFICIAL,
        200,
        {"title": "Rast", "body": ""},
    ),
    "activity_remove": Endpoint(
        "delete", "/api/live/{draft}/activities/{info}", YW, Role.COUNCIL_MEMBER, 200
    ),
    "activity_order": Endpoint(
        "post",
        "/api/live/{draft}/activities/order",
        YW,
        None,
        200,
        {"activity_ids": "{reversed}"},
    ),
    # The multipart upload's roles are tested in test_prepare_rest.py.
    "image_remove": Endpoint(
        "delete", "/api/live/{draft}/activities/{info}/image", YW, Role.OFFICIAL, 200
    ),
    "editor_activity_create": Endpoint(
        "post",
        "/api/live/{draft}/editor/activities",
        YW,
        Role.OFFICIAL,
        201,
        {"kind": "word_cloud", "question_text": "Ett ord?"},
    ),
    "activity_duplicate": Endpoint(
        "post", "/api/live/{draft}/activities/{info}/duplicate", YW, Role.OFFICIAL, 201, {}
    ),
    "activity_move": Endpoint(
        "post",
        "/api/live/{draft}/activities/{info}/move",
        YW,
        Role.COUNCIL_MEMBER,
        200,
        {"to_index": "0"},
    ),
    "poll_import": Endpoint(
        "post", "/api/live/{draft}/import-poll", YW, Role.OFFICIAL, 201, {"poll_id": "{poll}"}
    ),
    "templates": Endpoint("get", "/api/live-templates", YW, Role.OFFICIAL, 200),
    "idea_moderate": Endpoint(
        "post",
        "/api/live/{code}/ideas/{held_idea}/moderate",
        YW,
        Role.OFFICIAL,
        200,
        {"action": "approve"},
    ),
}
# URL names of api/live/urls.py added for preparing sessions and idea collection
# (classified in tests/api/test_staff_permissions.py). The picture's GET is public (anyone
# holding the join code); its POST and DELETE are staff-only.
LIVE_PREP_STAFF_URL_NAMES = {
    "forum-live-drafts",
    "live-prepare",
    "live-start",
    "live-activity",
    "live-activities-order",
    "live-activity-image",
    "live-idea-moderate",
    "live-templates",
    "live-editor-activities",
    "live-activity-duplicate",
    "live-activity-move",
    "live-import-poll",
}
LIVE_PREP_PUBLIC_URL_NAMES = {"live-ideas", "live-idea-supports"}


@pytest.fixture
def world() -> dict[str, Any]:
    running, worker = live_session_with_activities()
    board = IdeaBoardFactory(forum=running.forum)
    live_activity_add(session=running, actor=worker, kind=ActivityKind.IDEA_COLLECTION, board=board)
    draft = live_session_prepare(forum=running.forum, actor=worker, title="Utkast")
    live_activity_add(session=draft, actor=worker, kind=ActivityKind.QA)
    info = live_activity_add(session=draft, actor=worker, kind=ActivityKind.INFO_SLIDE, title="Hej")
    ids = list(draft.activities.values_list("pk", flat=True))
    return {
        "forum": running.forum_id,
        "code": running.join_code,
        "draft": draft.join_code,
        "info": info.pk,
        "reversed": ids[::-1],
        "poll": all_kinds_poll(forum=running.forum).pk,
        "held_idea": IdeaFactory(board=board, moderation_state=ModerationState.HELD).pk,
    }


def call(client, endpoint: Endpoint, world: dict[str, Any]):
    path = endpoint.path.format(**world)
    body = None
    if endpoint.body is not None:
        body = {k: (world[v[1:-1]] if v.startswith("{") else v) for k, v in endpoint.body.items()}
    return getattr(client, endpoint.method)(path, body, format="json")


@pytest.mark.parametrize("name", PREP_ENDPOINTS)
def test_anonymous_is_not_authenticated(name, world, client_for) -> None:
    before = db_state()

    assert_error(call(client_for(None), PREP_ENDPOINTS[name], world), 401, "not_authenticated")
    assert db_state() == before


@pytest.mark.parametrize("name", PREP_ENDPOINTS)
def test_a_joined_phone_is_not_authenticated(name, world, api_client) -> None:
    assert api_client.post("/api/join", {"code": world["code"]}, format="json").status_code == 200
    assert settings.PARTICIPANT_COOKIE_NAME in api_client.cookies
    before = db_state()

    assert_error(call(api_client, PREP_ENDPOINTS[name], world), 401, "not_authenticated")
    assert db_state() == before


@pytest.mark.parametrize("name", PREP_ENDPOINTS)
def test_wrong_role_is_permission_denied(name, world, client_for) -> None:
    endpoint = PREP_ENDPOINTS[name]
    user = UserFactory(roles=[endpoint.wrong] if endpoint.wrong else [])
    before = db_state()

    assert_error(call(client_for(user), endpoint, world), 403, "permission_denied")
    assert db_state() == before


@pytest.mark.parametrize(
    ("name", "role"),
    [(name, role) for name, e in PREP_ENDPOINTS.items() for role in (*e.allowed, Role.ADMIN)],
)
def test_right_role_is_allowed(name, role, world, client_for) -> None:
    endpoint = PREP_ENDPOINTS[name]

    response = call(client_for(UserFactory(roles=[role])), endpoint, world)

    assert response.status_code == endpoint.ok_status, response.content[:300]


def test_every_new_staff_url_is_in_the_table() -> None:
    from django.urls import resolve

    shape = {
        "forum": 1,
        "code": "ABC123",
        "draft": "ABC123",
        "info": 1,
        "held_idea": 1,
    }
    covered = {resolve(e.path.format(**shape)).url_name for e in PREP_ENDPOINTS.values()}
    assert covered == LIVE_PREP_STAFF_URL_NAMES
