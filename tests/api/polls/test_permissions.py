"""Role checks on every poll staff endpoint: anonymous, wrong role, right role."""

from typing import Any

import pytest

from forum.core.roles import Role
from forum.polls.models import Response, TextStatus
from tests.api.assertions import assert_error, db_state
from tests.api.test_staff_permissions import Endpoint
from tests.factories import ParticipantFactory, UserFactory, all_kinds_poll, question_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

STAFF = (Role.YOUTH_WORKER, Role.OFFICIAL)
BUILD = {"title": "Ny", "questions": [{"text": "Hur?", "kind": "scale"}]}

POLL_ENDPOINTS = {
    "create": Endpoint("post", "/api/forums/{forum}/polls", STAFF, None, 201, BUILD),
    "from_template": Endpoint(
        "post",
        "/api/forums/{forum}/polls/from-template",
        STAFF,
        None,
        201,
        {"template": "measures", "idempotency_key": "6f1c2b9e-3a43-4c7e-9a55-0c8f7b3d2e10"},
    ),
    "detail": Endpoint("get", "/api/staff/polls/{poll}", STAFF, None, 200),
    "update": Endpoint("put", "/api/staff/polls/{draft}", STAFF, None, 200, BUILD),
    "open": Endpoint(
        "post", "/api/staff/polls/{draft}/open", (Role.YOUTH_WORKER,), Role.OFFICIAL, 200
    ),
    "close": Endpoint(
        "post", "/api/staff/polls/{poll}/close", (Role.YOUTH_WORKER,), Role.OFFICIAL, 200
    ),
    "reveal": Endpoint(
        "post", "/api/staff/polls/{poll}/reveal", (Role.YOUTH_WORKER,), Role.OFFICIAL, 200
    ),
    "archive": Endpoint("post", "/api/staff/polls/{closed}/archive", STAFF, None, 200),
    "breakdown": Endpoint(
        "get", "/api/staff/polls/{big}/breakdown?dimension=gender", STAFF, None, 200
    ),
    "results_csv": Endpoint("get", "/api/staff/polls/{poll}/results.csv", STAFF, None, 200),
    "results_xlsx": Endpoint("get", "/api/staff/polls/{poll}/results.xlsx", STAFF, None, 200),
    "raw_csv": Endpoint("get", "/api/staff/polls/{poll}/raw.csv", STAFF, None, 200),
    "voting_codes": Endpoint(
        "post",
        "/api/staff/polls/{code_poll}/voting-codes",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        201,
        {"count": 2},
    ),
    # The multipart upload's roles are tested in test_poll_image.py.
    "image_remove": Endpoint("delete", "/api/staff/polls/{poll}/image", STAFF, None, 200),
    "held": Endpoint(
        "get", "/api/staff/polls/{poll}/held-answers", (Role.YOUTH_WORKER,), Role.OFFICIAL, 200
    ),
    "moderate": Endpoint(
        "post",
        "/api/staff/answers/{held}/moderation",
        (Role.YOUTH_WORKER,),
        Role.OFFICIAL,
        200,
        {"action": "approve"},
    ),
}
# URL names in api/polls/urls.py, staff and public (tests/api/test_staff_permissions.py).
STAFF_URL_NAMES = {
    "forum-polls",
    "forum-polls-from-template",
    "staff-poll",
    "staff-poll-action",
    "staff-poll-breakdown",
    "staff-poll-export",
    "staff-poll-voting-codes",
    "staff-poll-held-answers",
    "staff-answer-moderation",
    "staff-poll-image",
}
PUBLIC_URL_NAMES = {"poll", "poll-voting-code", "question-answers", "poll-image"}


@pytest.fixture
def world() -> dict[str, Any]:
    from forum.polls.models import PollStatus

    poll = all_kinds_poll()
    draft = all_kinds_poll(forum=poll.forum)
    draft.status = PollStatus.DRAFT
    draft.save()
    closed = all_kinds_poll(forum=poll.forum)
    closed.status = PollStatus.CLOSED
    closed.save()
    big = all_kinds_poll(forum=poll.forum)
    for _i in range(5):
        Response.objects.create(
            question=question_of(big, "scale"),
            participant=ParticipantFactory(),
            answer={"value": 2},
        )
    held = Response.objects.create(
        question=question_of(poll, "open_text"),
        participant=ParticipantFactory(),
        answer={"text": "hej"},
        text_status=TextStatus.HELD,
    )
    return {
        "forum": poll.forum_id,
        "poll": poll.pk,
        "draft": draft.pk,
        "closed": closed.pk,
        "big": big.pk,
        "code_poll": all_kinds_poll(forum=poll.forum, access_mode="code").pk,
        "held": held.pk,
    }


def call(client: Any, endpoint: Endpoint, world: dict[str, Any]) -> Any:
    return getattr(client, endpoint.method)(
        endpoint.path.format(**world), endpoint.body, format="json"
    )


@pytest.mark.parametrize("name", POLL_ENDPOINTS)
def test_anonymous_is_not_authenticated(name, world, client_for) -> None:
    before = db_state()
    assert_error(call(client_for(None), POLL_ENDPOINTS[name], world), 401, "not_authenticated")
    assert db_state() == before


@pytest.mark.parametrize("name", POLL_ENDPOINTS)
def test_wrong_role_is_permission_denied(name, world, client_for) -> None:
    endpoint = POLL_ENDPOINTS[name]
    user = UserFactory(roles=[endpoint.wrong] if endpoint.wrong else [])
    before = db_state()
    assert_error(call(client_for(user), endpoint, world), 403, "permission_denied")
    assert db_state() == before


@pytest.mark.parametrize(
    ("name", "role"),
    [(name, role) for name, e in POLL_ENDPOINTS.items() for role in (*e.allowed, Role.ADMIN)],
)
def test_right_role_is_allowed(name, role, world, client_for) -> None:
    endpoint = POLL_ENDPOINTS[name]
    response = call(client_for(UserFactory(roles=[role])), endpoint, world)
    assert response.status_code == endpoint.ok_status, response.content[:300]


def test_an_official_is_refused_voting_codes_before_the_body_is_checked(world, client_for) -> None:
    # Found by the authorization matrix: an empty body got `invalid` (400), not 403.
    official = client_for(UserFactory(roles=[Role.OFFICIAL]))

    response = official.post(
        f"/api/staff/polls/{world['code_poll']}/voting-codes", {}, format="json"
    )

    assert_error(response, 403, "permission_denied")
