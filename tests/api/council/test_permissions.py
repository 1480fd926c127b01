"""Role checks on every council endpoint: anonymous, wrong role, right role."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve
from django.utils import timezone

from forum.core.roles import Role
from forum.council.models import BriefQuote, MeetingState, PlanningLink
from forum.council.services import meeting_brief_publish
from forum.live.models import ActivityKind, LiveActivity
from forum.polls.models import PollStatus
from tests.api.assertions import assert_error, db_state
from tests.factories import (
    AgendaItemFactory,
    IdeaFactory,
    LiveSessionFactory,
    MeetingFactory,
    PlanningItemFactory,
    PollFactory,
    PollLinkFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]

OFF, YW, CM = Role.OFFICIAL, Role.YOUTH_WORKER, Role.COUNCIL_MEMBER
YEAR = "?start=2026-01-01&end=2026-12-31"
# The evaluation spans calendar years up to this one.
YEARS = f"?first_year={timezone.localdate().year - 1}&last_year={timezone.localdate().year}"


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # formatted with the `world` fixture
    allowed: tuple[Role, ...]
    wrong: Role | None  # None: a logged-in user with no role at all
    ok_status: int
    body: dict[str, Any] | None = None


ENDPOINTS = {
    "forum_list": Endpoint("get", "/api/forums", (YW, OFF), None, 200),
    "forum_detail": Endpoint("get", "/api/forums/{forum}", (YW, OFF), None, 200),
    "live_session_start": Endpoint(
        "post", "/api/forums/{forum}/live-sessions", (YW,), OFF, 201, {"poll_id": "{draft_poll}"}
    ),
    "live_session_end": Endpoint("post", "/api/live/{code}/end", (YW,), OFF, 200),
    "planning_items": Endpoint("get", "/api/council/planning-items", (OFF, YW), None, 200),
    "planning_item_create": Endpoint(
        "post",
        "/api/council/planning-items",
        (OFF,),
        YW,
        201,
        {"title": "Fritidsgårdar", "reference": "1.2.4-999-2025", "area": "mandate"},
    ),
    "planning_item_detail": Endpoint(
        "get", "/api/council/planning-items/{item}", (OFF, YW), None, 200
    ),
    "planning_item_update": Endpoint(
        "patch", "/api/council/planning-items/{item}", (OFF,), YW, 200, {"title": "Nytt namn"}
    ),
    "planning_item_delete": Endpoint(
        "delete", "/api/council/planning-items/{item}", (OFF,), YW, 204
    ),
    "planning_item_import": Endpoint(
        "post", "/api/council/planning-items/import", (OFF,), YW, 200, {"file": "import"}
    ),
    "link_poll": Endpoint(
        "post",
        "/api/council/planning-items/{item}/links",
        (OFF, YW),
        None,
        201,
        {"kind": "poll", "target_id": "{poll}", "note": "Unga vill ha mer."},
    ),
    "planning_item_links": Endpoint(
        "get", "/api/council/planning-items/{item}/links", (OFF, YW), CM, 200
    ),
    "linkable_polls": Endpoint("get", "/api/council/polls", (OFF, YW), None, 200),
    "link_idea": Endpoint(
        "post",
        "/api/council/planning-items/{item}/links",
        (OFF, YW),
        None,
        201,
        {"kind": "idea", "target_id": "{idea}", "note": "Unga vill ha bänkar."},
    ),
    "link_board": Endpoint(
        "post",
        "/api/council/planning-items/{item}/links",
        (OFF, YW),
        None,
        201,
        {"kind": "board", "target_id": "{board}", "note": "Många idéer om belysning."},
    ),
    "linkable_boards": Endpoint("get", "/api/council/idea-boards", (OFF, YW), None, 200),
    "link_activity": Endpoint(
        "post",
        "/api/council/planning-items/{item}/links",
        (OFF, YW),
        CM,
        201,
        {
            "kind": "activity",
            "target_id": "{activity}",
            "note": "Frågorna handlade om öppettider.",
        },
    ),
    "linkable_sessions": Endpoint("get", "/api/council/live-sessions", (OFF, YW), CM, 200),
    "session_links": Endpoint("get", "/api/council/live/{code}/links", (OFF, YW), CM, 200),
    "unlink_poll": Endpoint("delete", "/api/council/links/{poll_link}", (OFF, YW), CM, 204),
    "unlink_idea": Endpoint("delete", "/api/council/links/{idea_link}", (OFF, YW), CM, 204),
    "unlink_board": Endpoint("delete", "/api/council/links/{board_link}", (OFF, YW), CM, 204),
    "unlink_activity": Endpoint("delete", "/api/council/links/{activity_link}", (OFF, YW), CM, 204),
    # Polls' and boards' links are for staff; a published idea's links are public (tested
    # in test_council_api.py).
    "content_links": Endpoint("get", "/api/council/linked/poll/{poll}", (OFF, YW), CM, 200),
    "quote_candidates": Endpoint(
        "get", "/api/council/agenda-items/{agenda_item}/quotes", (OFF,), CM, 200
    ),
    "quote_add": Endpoint(
        "post",
        "/api/council/agenda-items/{agenda_item}/quotes",
        (OFF,),
        YW,
        201,
        {"source_kind": "idea", "source_id": "{idea}"},
    ),
    "quote_remove": Endpoint("delete", "/api/council/quotes/{quote}", (OFF,), YW, 204),
    "meetings": Endpoint("get", "/api/council/meetings", (OFF, CM, YW), None, 200),
    "meeting_create": Endpoint(
        "post",
        "/api/council/meetings",
        (OFF,),
        CM,
        201,
        {"title": "Nämnden i maj", "starts_at": "2026-05-20T18:00:00+02:00"},
    ),
    "meeting_detail": Endpoint("get", "/api/council/meetings/{meeting}", (OFF, CM, YW), None, 200),
    "meeting_update": Endpoint(
        "patch", "/api/council/meetings/{meeting}", (OFF,), CM, 200, {"title": "Ändrad"}
    ),
    "meeting_delete": Endpoint("delete", "/api/council/meetings/{planned}", (OFF,), CM, 204),
    "meeting_agenda": Endpoint(
        "put",
        "/api/council/meetings/{meeting}/agenda",
        (OFF,),
        CM,
        200,
        {"planning_item_ids": ["{item}"]},
    ),
    "meeting_transition": Endpoint(
        "post", "/api/council/meetings/{meeting}/transition", (OFF,), CM, 200, {"to": "held"}
    ),
    "meeting_brief": Endpoint(
        "get", "/api/council/meetings/{meeting}/brief", (OFF, CM, YW), None, 200
    ),
    "meeting_brief_file": Endpoint(
        "get", "/api/council/meetings/{meeting}/brief.csv", (OFF, CM, YW), None, 200
    ),
    "meeting_brief_publish": Endpoint(
        "post",
        "/api/council/meetings/{meeting}/brief/publish",
        (OFF,),
        CM,
        201,
        {"changelog": "Fler svar"},
    ),
    "agenda_item_analysis": Endpoint(
        "put", "/api/council/agenda-items/{agenda_item}/analysis", (OFF,), CM, 204, {"text": "Ok"}
    ),
    "agenda_item_decision": Endpoint(
        "put",
        "/api/council/agenda-items/{held_item}/decision",
        (OFF,),
        CM,
        200,
        {"text": "Nämnden beslutar", "outcome": "approved"},
    ),
    "followup": Endpoint("get", "/api/council/followup" + YEAR, (OFF, CM, YW), None, 200),
    "followup_file": Endpoint("get", "/api/council/followup.csv" + YEAR, (OFF, CM, YW), None, 200),
    "evaluation": Endpoint("get", "/api/council/evaluation" + YEARS, (OFF, CM), YW, 200),
    "evaluation_pdf": Endpoint("get", "/api/council/evaluation.pdf" + YEARS, (OFF, CM), YW, 200),
    "evaluation_xlsx": Endpoint("get", "/api/council/evaluation.xlsx" + YEARS, (OFF, CM), YW, 200),
    "reference_population": Endpoint(
        "get", "/api/council/reference-population", (OFF, CM), YW, 200
    ),
    "reference_population_set": Endpoint(
        "put",
        "/api/council/reference-population",
        (OFF,),
        CM,
        200,
        {"dimension": "gender", "counts": {"girl": 900, "boy": 950}},
    ),
}


@pytest.fixture
def world() -> dict[str, Any]:
    session = LiveSessionFactory()
    draft = PollFactory(forum=session.forum, status=PollStatus.DRAFT, opened_at=None)
    agenda = AgendaItemFactory()
    # Council members read published briefs only: the meeting has one.
    meeting_brief_publish(
        meeting=agenda.meeting, changelog="", actor=UserFactory(roles=[Role.OFFICIAL])
    )
    held = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))
    idea = IdeaFactory()
    board_link = PlanningLink.objects.create(board=idea.board, planning_item=agenda.planning_item)
    activity = LiveActivity.objects.create(
        session=session, kind=ActivityKind.QA, title="Fråga oss", position=1
    )
    activity_link = PlanningLink.objects.create(
        activity=activity, planning_item=agenda.planning_item
    )
    idea_link = PlanningLink.objects.create(idea=idea, planning_item=agenda.planning_item)
    quote = BriefQuote.objects.create(
        agenda_item=agenda, text="Fler bänkar", source_kind="idea", source_id=idea.pk
    )
    return {
        "forum": session.forum.pk,
        "code": session.join_code,
        "poll": session.current_poll_id,
        "draft_poll": draft.pk,
        "item": PlanningItemFactory().pk,
        "meeting": agenda.meeting_id,
        "agenda_item": agenda.pk,
        "held_item": held.pk,
        "planned": MeetingFactory().pk,
        "idea": IdeaFactory(board=idea.board).pk,
        "board": idea.board_id,
        "quote": quote.pk,
        "activity": activity.pk,
        "poll_link": PollLinkFactory(planning_item=agenda.planning_item).pk,
        "idea_link": idea_link.pk,
        "board_link": board_link.pk,
        "activity_link": activity_link.pk,
    }


def _value(value: Any, world: dict[str, Any]) -> Any:
    if isinstance(value, list):
        return [_value(v, world) for v in value]
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return world[value[1:-1]]
    return value


def call(client, endpoint: Endpoint, world: dict[str, Any]):
    path = endpoint.path.format(**world)
    if endpoint.body == {"file": "import"}:
        csv = "titel;diarienummer;utvecklingsområde\nFritid;1.2.4-998-2025;mandat\n"
        upload = SimpleUploadedFile("items.csv", csv.encode(), content_type="text/csv")
        return client.post(path, {"file": upload}, format="multipart")
    body = None
    if endpoint.body is not None:
        body = {k: _value(v, world) for k, v in endpoint.body.items()}
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


@pytest.mark.parametrize("name", [n for n, e in ENDPOINTS.items() if e.method != "get"])
def test_council_member_writes_nothing(name, world, client_for) -> None:
    before = db_state()

    response = call(client_for(UserFactory(roles=[CM])), ENDPOINTS[name], world)

    assert_error(response, 403, "permission_denied")
    assert db_state() == before


@pytest.mark.parametrize("role", [YW, CM])
def test_youth_worker_and_council_member_cannot_edit_planning_items(
    role, world, client_for
) -> None:
    client = client_for(UserFactory(roles=[role]))
    for name in ("planning_item_create", "planning_item_update", "planning_item_delete"):
        assert_error(call(client, ENDPOINTS[name], world), 403, "permission_denied")


# The council URL names this module covers; tests/api/test_staff_permissions.py checks
# that every URL of the API is classified somewhere.
FAKE_IDS = {
    "forum": 1,
    "code": "ABC123",
    "item": 1,
    "meeting": 1,
    "agenda_item": 1,
    "held_item": 1,
    "planned": 1,
    "poll": 1,
    "quote": 1,
    "activity": 1,
    "poll_link": 1,
    "idea_link": 1,
    "board_link": 1,
    "activity_link": 1,
}
COUNCIL_STAFF_URL_NAMES = {
    resolve(e.path.split("?")[0].format(**FAKE_IDS)).url_name
    for e in ENDPOINTS.values()
    if e.path.startswith("/api/council/")
}
COUNCIL_PUBLIC_URL_NAMES = {"my-feedback"}
