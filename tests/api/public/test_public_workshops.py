"""A workshop entered by hand under a published decision is named on the forum's public
page like any input, as a workshop, with its published usage."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from forum.council.models import InputUsage, MeetingState
from forum.council.services import LinkUsage, decision_record
from tests.factories import (
    AgendaItemFactory,
    ForumFactory,
    MeetingFactory,
    OfflineWorkshopFactory,
    WorkshopLinkFactory,
)

pytestmark = pytest.mark.django_db


def test_a_linked_workshop_is_named_under_the_published_decision(official: Any) -> None:
    forum = ForumFactory()
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))
    workshop = OfflineWorkshopFactory(forum=forum, title="Lappar i Husby", counts=[9, 6])
    link = WorkshopLinkFactory(planning_item=agenda.planning_item, workshop=workshop)
    decision_record(
        agenda_item=agenda,
        text="Nämnden beslutar om helgöppet.",
        outcome="approved",
        feedback_text="Tack för era lappar.",
        publish_feedback=True,
        usages=[LinkUsage(link.pk, InputUsage.TAKEN, "Helgöppet från och med mars.")],
        actor=official,
    )

    response = APIClient().get(f"/api/public/forums/{forum.slug}")

    [decision] = response.json()["decisions"]
    assert [(i["kind"], i["title"], i["usage"]) for i in decision["inputs"]] == [
        ("workshop", "Lappar i Husby", "taken")
    ]
