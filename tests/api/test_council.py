from typing import Any

import pytest

from forum.council.models import PlanningLink
from forum.council.services import meeting_brief_publish
from tests.api.assertions import assert_error, db_state
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    ParticipantFactory,
    PlanningItemFactory,
    PollFactory,
    PollLinkFactory,
    ResponseFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.fixture
def official_client(client_for, official):
    return client_for(official)


def _link_json(link: PlanningLink, *, created_by: str) -> dict[str, Any]:
    """One link of any kind, as every link endpoint shows it."""
    assert link.poll is not None
    item = link.planning_item
    return {
        "id": link.pk,
        "kind": "poll",
        "kind_name": "Poll",
        "target": {"id": link.poll.pk, "title": link.poll.title},
        "question": None,
        "board_id": None,
        "activity": None,
        "forum": link.poll.forum.name,
        "planning_item": {"id": item.pk, "title": item.title, "reference": item.reference},
        "note": link.note,
        "created_at": link.created_at.astimezone().isoformat(),
        "created_by": created_by,
    }


def test_planning_items_list_with_area_and_links(official_client) -> None:
    link = PollLinkFactory(
        planning_item=PlanningItemFactory(reference="1.2.4-182-2025", area="feedback")
    )

    body = official_client.get("/api/council/planning-items", HTTP_ACCEPT_LANGUAGE="en").json()

    assert body == [
        {
            "id": link.planning_item_id,
            "title": link.planning_item.title,
            "reference": "1.2.4-182-2025",
            "description": "",
            "department": None,
            "status": "planned",
            "status_name": "Planned",
            "area": {"code": "feedback", "name": "Information, transparency and feedback"},
            "links": [_link_json(link, created_by="")],
            "meetings": [],
        }
    ]


def test_link_poll_creates_link(official_client, official) -> None:
    item, poll = PlanningItemFactory(), PollFactory()

    response = official_client.post(
        f"/api/council/planning-items/{item.pk}/links",
        {"kind": "poll", "target_id": poll.pk, "note": "Unga vill ha mer."},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 201
    link = PlanningLink.objects.get()
    assert response.json() == _link_json(link, created_by=official.get_username())
    assert link.created_by == official


def test_link_poll_twice_is_already_linked(official_client) -> None:
    link = PollLinkFactory()
    before = db_state()

    response = official_client.post(
        f"/api/council/planning-items/{link.planning_item_id}/links",
        {"kind": "poll", "target_id": link.poll_id},
        format="json",
    )

    assert_error(response, 409, "already_linked")
    assert db_state() == before


@pytest.mark.parametrize("missing", ["item", "poll"])
def test_link_poll_unknown_item_or_poll_is_not_found(official_client, missing) -> None:
    item, poll = PlanningItemFactory(), PollFactory()
    item_id = 987_654 if missing == "item" else item.pk
    poll_id = 987_654 if missing == "poll" else poll.pk
    before = db_state()

    response = official_client.post(
        f"/api/council/planning-items/{item_id}/links",
        {"kind": "poll", "target_id": poll_id},
        format="json",
    )

    assert_error(response, 404, "not_found")
    assert db_state() == before


def test_link_poll_note_too_long_is_invalid(official_client) -> None:
    item, poll = PlanningItemFactory(), PollFactory()

    response = official_client.post(
        f"/api/council/planning-items/{item.pk}/links",
        {"kind": "poll", "target_id": poll.pk, "note": "x" * 2001},
        format="json",
    )

    assert "note" in assert_error(response, 400, "invalid")["fields"]
    assert not PlanningLink.objects.exists()


def test_linkable_polls_show_participant_counts(official_client) -> None:
    poll = PollFactory()
    participant = ParticipantFactory()
    ResponseFactory(option=poll.questions.get().options.all()[0], participant=participant)
    ResponseFactory(option=poll.questions.get().options.last())

    body = official_client.get("/api/council/polls").json()

    question = poll.questions.get()
    assert body == [
        {
            "id": poll.pk,
            "title": poll.title,
            "forum_name": poll.forum.name,
            "participants": 2,
            # For linking one question of the poll.
            "questions": [{"id": question.pk, "text": question.text}],
        }
    ]


def test_meeting_brief_per_agenda_item_with_results(official_client) -> None:
    meeting = MeetingFactory(title="Nämnden i december")
    agenda = AgendaItemFactory(meeting=meeting, position=1)
    poll = PollFactory(questions=[("Vad vill du?", ["Mer", "Mindre"])])
    PollLinkFactory(planning_item=agenda.planning_item, poll=poll, note="Tydligt svar")
    more, less = poll.questions.get().options.all()
    for option in (more, more, more, less):
        ResponseFactory(option=option)

    body = official_client.get(f"/api/council/meetings/{meeting.pk}/brief").json()

    assert body["meeting"]["title"] == "Nämnden i december"
    [item] = body["items"]
    assert item["position"] == 1
    assert item["planning_item"]["reference"] == agenda.planning_item.reference
    [brief_poll] = item["polls"]
    assert brief_poll["poll"] == {"id": poll.pk, "title": poll.title}
    assert brief_poll["note"] == "Tydligt svar"
    # Four answers: "fewer than 5" everywhere (these counts were printed before).
    assert brief_poll["participants"] is None
    [question] = brief_poll["questions"]
    assert question["total"] is None
    assert [(o["label"], o["count"], o["percent"]) for o in question["options"]] == [
        ("Mer", None, None),
        ("Mindre", None, None),
    ]


def test_meeting_brief_unknown_meeting(official_client) -> None:
    assert_error(official_client.get("/api/council/meetings/987654/brief"), 404, "not_found")


def test_a_youth_worker_reads_the_published_brief_never_the_draft(
    client_for, youth_worker, official
) -> None:
    meeting = AgendaItemFactory().meeting
    worker = client_for(youth_worker)
    # Only a draft yet: not found for the youth worker, as for a council member.
    assert_error(worker.get(f"/api/council/meetings/{meeting.pk}/brief"), 404, "not_found")
    assert_error(worker.get(f"/api/council/meetings/{meeting.pk}/brief.csv"), 404, "not_found")

    meeting_brief_publish(meeting=meeting, changelog="", actor=official)
    brief = worker.get(f"/api/council/meetings/{meeting.pk}/brief")

    assert brief.status_code == 200, brief.content
    assert brief.json()["version"] == 1
    assert [m["id"] for m in worker.get("/api/council/meetings").json()] == [meeting.pk]
    assert worker.get(f"/api/council/meetings/{meeting.pk}/brief.csv").status_code == 200


def test_meetings_list(official_client) -> None:
    meeting = MeetingFactory()

    assert [m["id"] for m in official_client.get("/api/council/meetings").json()] == [meeting.pk]
