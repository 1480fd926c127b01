"""Ideas routed to the council over HTTP: links, links shown on the content, quotes."""

import pytest

from forum.council.models import BriefQuote, PlanningLink
from forum.moderation.models import ModerationState
from tests.api.assertions import assert_error, db_state
from tests.factories import AgendaItemFactory, IdeaFactory, PlanningItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client_for, official):
    return client_for(official)


def test_link_an_idea_and_a_board_then_see_them_on_the_item(office) -> None:
    item = PlanningItemFactory(reference="1.2.4-182-2025", title="Trygg park")
    idea = IdeaFactory(title="Lampor")

    linked = office.post(
        f"/api/council/planning-items/{item.pk}/links",
        {"kind": "idea", "target_id": idea.pk, "note": "Mörkt på kvällen"},
        format="json",
    )
    board = office.post(
        f"/api/council/planning-items/{item.pk}/links",
        {"kind": "board", "target_id": idea.board_id, "note": ""},
        format="json",
    )

    assert linked.status_code == 201
    assert board.status_code == 201
    assert linked.json()["target"] == {"id": idea.pk, "title": "Lampor"}
    detail = office.get(f"/api/council/planning-items/{item.pk}").json()
    assert [(link["kind"], link["target"]["id"], link["note"]) for link in detail["links"]] == [
        ("idea", idea.pk, "Mörkt på kvällen"),
        ("board", idea.board_id, ""),
    ]


def test_a_held_idea_or_unknown_ids_are_refused_without_change(office) -> None:
    item = PlanningItemFactory()
    held = IdeaFactory(moderation_state=ModerationState.HELD)
    before = db_state()

    assert_error(
        office.post(
            f"/api/council/planning-items/{item.pk}/links",
            {"kind": "idea", "target_id": held.pk},
            format="json",
        ),
        400,
        "invalid",
    )
    assert_error(
        office.post(
            f"/api/council/planning-items/{item.pk}/links",
            {"kind": "idea", "target_id": 99999},
            format="json",
        ),
        404,
        "not_found",
    )
    assert_error(
        office.post(f"/api/council/planning-items/{item.pk}/links", {}, format="json"),
        400,
        "invalid",
    )
    assert db_state() == before
    assert not PlanningLink.objects.exists()


def test_participants_see_a_published_ideas_planning_item_but_not_a_held_ones(
    client_for,
) -> None:
    item = PlanningItemFactory(reference="1.2.4-182-2025", title="Trygg park")
    idea = IdeaFactory()
    held = IdeaFactory(board=idea.board, moderation_state=ModerationState.HELD)
    PlanningLink.objects.create(board=idea.board, planning_item=item)
    anonymous = client_for(None)

    response = anonymous.get(f"/api/council/linked/idea/{idea.pk}")

    assert response.status_code == 200
    rows = response.json()
    assert [(r["planning_item"]["reference"], r["planning_item"]["title"]) for r in rows] == [
        ("1.2.4-182-2025", "Trygg park")
    ]
    assert rows[0]["created_by"] == ""  # staff names are not public
    assert_error(anonymous.get(f"/api/council/linked/idea/{held.pk}"), 401, "not_authenticated")
    assert_error(anonymous.get("/api/council/linked/idea/99999"), 404, "not_found")
    assert_error(
        anonymous.get(f"/api/council/linked/board/{idea.board_id}"), 401, "not_authenticated"
    )


def test_quotes_choose_and_remove_only_published_linked_text(office) -> None:
    agenda = AgendaItemFactory()
    idea = IdeaFactory(title="Lampor", text="Mörkt i parken")
    hidden = IdeaFactory(board=idea.board, moderation_state=ModerationState.HIDDEN)
    PlanningLink.objects.create(board=idea.board, planning_item=agenda.planning_item)
    url = f"/api/council/agenda-items/{agenda.pk}/quotes"

    candidates = office.get(url).json()
    assert [(c["source_id"], c["chosen"]) for c in candidates] == [(idea.pk, False)]
    added = office.post(url, {"source_kind": "idea", "source_id": idea.pk}, format="json")
    assert added.status_code == 201
    assert added.json()["text"] == "Lampor: Mörkt i parken"
    before = db_state()
    assert_error(
        office.post(url, {"source_kind": "idea", "source_id": hidden.pk}, format="json"),
        400,
        "invalid",
    )
    assert_error(
        office.post(url, {"source_kind": "x", "source_id": 1}, format="json"), 400, "invalid"
    )
    assert db_state() == before
    assert office.get(url).json()[0]["chosen"] is True
    brief = office.get(f"/api/council/meetings/{agenda.meeting_id}/brief").json()
    assert [q["text"] for q in brief["items"][0]["quotes"]] == ["Lampor: Mörkt i parken"]

    assert office.delete(f"/api/council/quotes/{added.json()['id']}").status_code == 204
    assert not BriefQuote.objects.exists()
    assert_error(office.delete("/api/council/quotes/99999"), 404, "not_found")
