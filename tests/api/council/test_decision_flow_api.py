"""Live activities routed to planning items over HTTP, unlinking, and a phone that took part
in a session reading the decision on /api/feedback."""

import uuid

import pytest
from rest_framework.test import APIClient

from forum.core.roles import Role
from forum.council.models import MeetingState, PlanningLink
from forum.live.models import ActivityKind
from tests.api.assertions import assert_error, db_state
from tests.factories import (
    AgendaItemFactory,
    IdeaFactory,
    MeetingFactory,
    PlanningItemFactory,
    PollLinkFactory,
    UserFactory,
    live_session_with_activities,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def _ask_over_rest(phone: APIClient, session, activity) -> None:
    assert phone.post("/api/join", {"code": session.join_code}, format="json").status_code == 200
    response = phone.post(
        f"/api/live/{session.join_code}/qa",
        {
            "activity_id": activity.pk,
            "text": "Kan ni ha öppet på lördagar?",
            "idempotency_key": str(uuid.uuid4()),
        },
        format="json",
    )
    assert response.status_code == 201, response.content


def test_activity_link_shows_on_item_and_session_and_feedback_reaches_the_phone(
    client_for, official
) -> None:
    session, worker = live_session_with_activities()
    qa = session.activities.get(kind=ActivityKind.QA)
    staff = client_for(worker)
    assert (
        staff.post(
            f"/api/live/{session.join_code}/control",
            {"action": "goto", "activity_id": qa.pk},
            format="json",
        ).status_code
        == 200
    )
    phone, bystander = APIClient(), APIClient()
    _ask_over_rest(phone, session, qa)
    assert (
        bystander.post("/api/join", {"code": session.join_code}, format="json").status_code == 200
    )
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))
    item = agenda.planning_item

    created = staff.post(
        f"/api/council/planning-items/{item.pk}/links",
        {"kind": "activity", "target_id": qa.pk, "note": "De ville ha lördagar."},
        format="json",
    )

    assert created.status_code == 201, created.content
    body = created.json()
    assert body["activity"]["kind"] == "qa"
    assert body["activity"]["join_code"] == session.join_code
    assert body["planning_item"]["reference"] == item.reference
    detail = staff.get(f"/api/council/planning-items/{item.pk}").json()
    assert [(link["kind"], link["note"]) for link in detail["links"]] == [
        ("activity", "De ville ha lördagar.")
    ]
    on_session = staff.get(f"/api/council/live/{session.join_code}/links").json()
    assert [link["planning_item"]["id"] for link in on_session] == [item.pk]
    sessions = staff.get("/api/council/live-sessions").json()
    assert qa.pk in [a["id"] for s in sessions for a in s["activities"]]

    office = client_for(official)
    decision = {
        "text": "Nämnden beslutar att öppna på lördagar.",
        "outcome": "approved",
        "feedback_text": "Ni frågade om lördagar – nu blir det så.",
        "publish_feedback": False,
        "usages": [
            {"link_id": body["id"], "usage": "partly", "reason": "Lördagar, inte söndagar."}
        ],
    }
    assert (
        office.put(
            f"/api/council/agenda-items/{agenda.pk}/decision", decision, format="json"
        ).status_code
        == 200
    )
    assert phone.get("/api/feedback").json() == []

    decision["publish_feedback"] = True
    assert (
        office.put(
            f"/api/council/agenda-items/{agenda.pk}/decision", decision, format="json"
        ).status_code
        == 200
    )

    [entry] = phone.get("/api/feedback").json()
    assert entry["poll"] is None
    assert entry["activity"]["id"] == qa.pk
    assert entry["text"] == "Ni frågade om lördagar – nu blir det så."
    assert bystander.get("/api/feedback").json() == []


def test_link_activity_bad_input_is_a_clear_error_and_changes_nothing(client_for, official) -> None:
    session, _worker = live_session_with_activities()
    item = PlanningItemFactory()
    office = client_for(official)
    before = db_state()

    assert_error(
        office.post(
            f"/api/council/planning-items/{item.pk}/links",
            {"kind": "activity", "target_id": "x"},
            format="json",
        ),
        400,
        "invalid",
    )
    assert_error(
        office.post(
            f"/api/council/planning-items/{item.pk}/links",
            {"kind": "activity", "target_id": 999999},
            format="json",
        ),
        404,
        "not_found",
    )
    assert_error(
        office.post(
            f"/api/council/planning-items/{item.pk}/links",
            {"kind": "activity", "target_id": session.activities.all()[0].pk, "note": "x" * 2001},
            format="json",
        ),
        400,
        "invalid",
    )
    assert_error(office.delete("/api/council/links/x"), 404, "not_found")
    assert_error(office.delete("/api/council/links/999999"), 404, "not_found")
    assert db_state() == before


def test_a_phone_with_a_participant_cookie_cannot_link_or_unlink(official) -> None:
    session, _worker = live_session_with_activities()
    item = PlanningItemFactory()
    link = PlanningLink.objects.create(activity=session.activities.all()[0], planning_item=item)
    idea_link = PlanningLink.objects.create(idea=IdeaFactory(), planning_item=item)
    poll_link = PollLinkFactory(planning_item=item)
    phone = APIClient()
    assert phone.post("/api/join", {"code": session.join_code}, format="json").status_code == 200
    before = db_state()

    for response in (
        phone.post(
            f"/api/council/planning-items/{item.pk}/links",
            {"kind": "activity", "target_id": link.activity_id},
            format="json",
        ),
        phone.delete(f"/api/council/links/{link.pk}"),
        phone.delete(f"/api/council/links/{idea_link.pk}"),
        phone.delete(f"/api/council/links/{poll_link.pk}"),
        phone.get(f"/api/council/live/{session.join_code}/links"),
        phone.get("/api/council/live-sessions"),
    ):
        assert_error(response, 401, "not_authenticated")
    assert db_state() == before


def test_unlink_over_http_removes_the_link_from_the_item(client_for) -> None:
    session, _worker = live_session_with_activities()
    item = PlanningItemFactory()
    link = PlanningLink.objects.create(activity=session.activities.all()[0], planning_item=item)
    poll_link = PollLinkFactory(planning_item=item)
    staff = client_for(UserFactory(roles=[Role.YOUTH_WORKER]))

    assert staff.delete(f"/api/council/links/{link.pk}").status_code == 204
    assert staff.delete(f"/api/council/links/{poll_link.pk}").status_code == 204

    detail = staff.get(f"/api/council/planning-items/{item.pk}").json()
    assert detail["links"] == []
    assert_error(staff.delete(f"/api/council/links/{link.pk}"), 404, "not_found")
