"""REST for the console: bulk moderation of the queue, and the activity's phase in every
live body (the steps the console may offer)."""

from typing import Any

import pytest

from forum.polls.models import Response, TextStatus
from tests.api.assertions import assert_error
from tests.forum.live.test_queue_bulk import pre_moderated_cloud

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    session, worker, _cloud, held = pre_moderated_cloud(["fotboll"] * 10)
    return {"code": session.join_code, "worker": worker, "held": held}


def test_approve_all_over_rest(client_for, world) -> None:
    staff = client_for(world["worker"])

    response = staff.post(
        f"/api/live/{world['code']}/queue/moderate",
        {"action": "approve", "all": True},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json() == {"changed": 10, "unchanged": 0}
    assert not Response.objects.filter(text_status=TextStatus.HELD).exists()
    body = staff.get(f"/api/live/{world['code']}").json()
    assert body["current"]["held"] == 0
    assert body["current"]["results"]["words"][0]["word"] == "fotboll"


def test_hide_the_chosen_entries_over_rest(client_for, world) -> None:
    staff = client_for(world["worker"])
    chosen = [{"kind": "answer", "id": r.pk} for r in world["held"][:3]]

    response = staff.post(
        f"/api/live/{world['code']}/queue/moderate",
        {"action": "hide", "entries": chosen},
        format="json",
    )

    assert response.json() == {"changed": 3, "unchanged": 0}
    assert Response.objects.filter(text_status=TextStatus.HIDDEN).count() == 3


@pytest.mark.parametrize(
    "body",
    [
        {"action": "approve"},  # neither entries nor all
        {"action": "approve", "all": True, "entries": [{"kind": "qa", "id": 1}]},
        {"action": "approve", "entries": []},
        {"action": "approve", "entries": [{"kind": "idea", "id": 1}]},
        {"action": "publish", "all": True},
    ],
)
def test_bad_bodies_get_a_clear_error_and_change_nothing(client_for, world, body) -> None:
    staff = client_for(world["worker"])

    response = staff.post(f"/api/live/{world['code']}/queue/moderate", body, format="json")

    assert_error(response, 400, "invalid")
    assert Response.objects.filter(text_status=TextStatus.HELD).count() == 10


def test_the_live_body_carries_the_phase_and_its_steps(client_for, world) -> None:
    staff = client_for(world["worker"])
    url = f"/api/live/{world['code']}/control"

    opened = staff.get(f"/api/live/{world['code']}").json()["phase"]
    counting = staff.post(url, {"action": "countdown", "seconds": 30}, format="json").json()
    locked = staff.post(url, {"action": "lock"}, format="json").json()["phase"]

    assert opened["name"] == "open"
    assert {"lock", "countdown"} <= set(opened["actions"])
    assert counting["phase"]["name"] == "counting_down"
    assert counting["phase"]["ends_at"] == counting["controls"]["countdown_ends_at"]
    assert counting["phase"]["after"]["name"] == "revealed"
    assert "countdown_stop" in counting["phase"]["actions"]
    assert locked["name"] == "revealed"
    assert "lock" not in locked["actions"]
    assert "open" in locked["actions"]


def test_a_step_the_phase_does_not_offer_is_a_conflict_and_a_repeat_is_not(
    client_for, world
) -> None:
    staff = client_for(world["worker"])
    url = f"/api/live/{world['code']}/control"
    activities = staff.get(f"/api/live/{world['code']}").json()["activities"]
    slide = next(a for a in activities if a["kind"] == "info_slide")

    shown = staff.post(url, {"action": "goto", "activity_id": slide["id"]}, format="json")
    refused = staff.post(url, {"action": "lock"}, format="json")
    repeated = staff.post(url, {"action": "countdown_stop"}, format="json")

    assert shown.json()["phase"]["name"] == "presenting"
    assert "lock" not in shown.json()["phase"]["actions"]
    assert_error(refused, 409, "activity_step_not_possible")
    assert repeated.status_code == 200  # nothing to stop: a repeat, not an error
