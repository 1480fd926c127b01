"""The staff API for workshops entered by hand: roles, error codes, nothing changed on refusal."""

import datetime as dt
import uuid
from typing import Any

import pytest
from django.utils import timezone

from forum.core.roles import Role
from forum.live.models import OfflineWorkshop
from tests.factories import (
    ForumFactory,
    OfflineWorkshopFactory,
    PlanningItemFactory,
    UserFactory,
)

# Youth workers here run the forum under test; who may work where is tested in tests/api/forums.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


def body(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Vad saknar du på fritidsgården?",
        "method": "sticky_notes",
        "held_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "place": "Husby träff",
        "participants": 14,
        "choice": "multiple",
        "options": [{"text": "Längre öppettider", "count": 9}, {"text": "Läxhjälp", "count": 3}],
        "quotes": ["Vi vill ha ett ställe att vara på."],
    }
    return {**data, **changes}


def test_a_youth_worker_enters_results_and_sees_them_suppressed(
    client_for: Any, youth_worker: Any
) -> None:
    forum = ForumFactory()
    client = client_for(youth_worker)

    created = client.post(f"/api/staff/forums/{forum.pk}/workshops", body(), format="json")
    assert created.status_code == 201, created.json()
    shown = created.json()
    assert shown["entered_by_hand"] is True
    assert shown["participants"] == 14
    assert [o["count"] for o in shown["options"]] == [9, None]  # 3 people: hidden
    # The figures as typed in, for correcting them.
    assert [o["count"] for o in shown["entered"]["options"]] == [9, 3]

    listed = client.get(f"/api/staff/forums/{forum.pk}/workshops").json()
    assert [w["id"] for w in listed] == [shown["id"]]
    assert [o["count"] for o in listed[0]["options"]] == [9, None]
    assert "entered" not in listed[0]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"options": [{"text": "A", "count": -1}, {"text": "B", "count": 2}]}, "negative_count"),
        (
            {"options": [{"text": "A", "count": 15}, {"text": "B", "count": 2}]},
            "count_exceeds_participants",
        ),
        (
            {
                "choice": "single",
                "options": [{"text": "A", "count": 9}, {"text": "B", "count": 6}],
            },
            "count_exceeds_participants",
        ),
        (
            {"held_on": (timezone.localdate() + dt.timedelta(days=1)).isoformat()},
            "future_date",
        ),
        ({"options": [], "quotes": []}, "workshop_without_results"),
        ({"quotes": ["Ring mig på 070-123 45 67"]}, "personal_details"),
        ({"quotes": ["du är en hora"]}, "content_blocked"),
        ({"participants": 0}, "invalid"),
    ],
)
def test_bad_input_gets_its_code_and_changes_nothing(
    client_for: Any, youth_worker: Any, changes: dict[str, Any], code: str
) -> None:
    forum = ForumFactory()
    response = client_for(youth_worker).post(
        f"/api/staff/forums/{forum.pk}/workshops", body(**changes), format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert set(response.json()) >= {"code", "message", "fields"}
    assert not OfflineWorkshop.objects.exists()


def test_a_retry_with_the_same_key_returns_the_first(client_for: Any, youth_worker: Any) -> None:
    forum, key = ForumFactory(), str(uuid.uuid4())
    client = client_for(youth_worker)
    url = f"/api/staff/forums/{forum.pk}/workshops"
    first = client.post(url, body(idempotency_key=key), format="json").json()
    again = client.post(url, body(idempotency_key=key), format="json").json()
    assert again["id"] == first["id"]
    assert OfflineWorkshop.objects.count() == 1


def test_correcting_and_removing(client_for: Any, official: Any) -> None:
    workshop = OfflineWorkshopFactory(counts=[10, 5])
    client = client_for(official)
    url = f"/api/staff/workshops/{workshop.pk}"

    updated = client.put(url, body(participants=20), format="json")
    assert updated.status_code == 200
    assert updated.json()["participants"] == 20

    refused = client.put(url, body(participants=5), format="json")  # 9 of 5
    assert refused.json()["code"] == "count_exceeds_participants"
    assert client.get(url).json()["participants"] == 20

    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("roles", "status"), [(None, 401), ([], 403), ([Role.COUNCIL_MEMBER], 403)]
)
def test_only_youth_workers_and_officials_may_read_or_write(
    client_for: Any, roles: list[Role] | None, status: int
) -> None:
    workshop = OfflineWorkshopFactory(counts=[10, 5])
    client = client_for(None if roles is None else UserFactory(roles=roles))

    assert client.get(f"/api/staff/forums/{workshop.forum_id}/workshops").status_code == status
    assert client.get(f"/api/staff/workshops/{workshop.pk}").status_code == status
    response = client.post(
        f"/api/staff/forums/{workshop.forum_id}/workshops", body(), format="json"
    )
    assert response.status_code == status
    assert client.delete(f"/api/staff/workshops/{workshop.pk}").status_code == status
    assert OfflineWorkshop.objects.count() == 1


def test_a_workshop_is_linked_to_a_planning_item_like_a_poll(
    client_for: Any, official: Any
) -> None:
    workshop = OfflineWorkshopFactory(title="Lappar i Husby", counts=[10, 5])
    item = PlanningItemFactory()
    client = client_for(official)

    response = client.post(
        f"/api/council/planning-items/{item.pk}/links",
        {"kind": "workshop", "target_id": workshop.pk, "note": "Från träffen"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == "workshop"
    assert response.json()["target"] == {"id": workshop.pk, "title": "Lappar i Husby"}
    assert response.json()["forum"] == workshop.forum.name

    missing = client.post(
        f"/api/council/planning-items/{item.pk}/links",
        {"kind": "workshop", "target_id": workshop.pk + 1000},
        format="json",
    )
    assert missing.status_code == 404


def test_the_routing_page_lists_workshops_to_link(client_for: Any, official: Any) -> None:
    workshop = OfflineWorkshopFactory(title="Lappar i Husby", place="Husby träff", counts=[10, 5])

    rows = client_for(official).get("/api/council/workshops").json()

    assert [(r["id"], r["title"], r["place"], r["forum"]) for r in rows] == [
        (workshop.pk, "Lappar i Husby", "Husby träff", workshop.forum.name)
    ]
    council_member = UserFactory(roles=[Role.COUNCIL_MEMBER])
    assert client_for(council_member).get("/api/council/workshops").status_code == 403
