"""Racing council writes: version numbers and feedback entries stay one per slot."""

import pytest

from forum.core.roles import Role
from forum.council.models import BriefVersion, FeedbackEntry, Meeting, MeetingState
from forum.council.services import decision_record, meeting_brief_publish
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    PollLinkFactory,
    UserFactory,
    usages_for,
)
from tests.forum.polls.test_concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 6


def test_racing_publishes_get_distinct_version_numbers() -> None:
    meeting_id = AgendaItemFactory().meeting_id
    official = UserFactory(roles=[Role.OFFICIAL])

    def job() -> BriefVersion:
        return meeting_brief_publish(
            meeting=Meeting.objects.get(pk=meeting_id), changelog="Samtidigt", actor=official
        )

    results = race([job] * THREADS)

    assert all(isinstance(r, BriefVersion) for r in results), results
    assert sorted(BriefVersion.objects.values_list("number", flat=True)) == list(
        range(1, THREADS + 1)
    )


def test_racing_decisions_leave_one_feedback_entry_per_poll() -> None:
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))
    PollLinkFactory(planning_item=agenda.planning_item)
    official = UserFactory(roles=[Role.OFFICIAL])

    def job() -> object:
        from forum.council.models import AgendaItem

        return decision_record(
            agenda_item=AgendaItem.objects.select_related("meeting").get(pk=agenda.pk),
            text="Beslut",
            outcome="approved",
            feedback_text="Så blev det",
            publish_feedback=True,
            actor=official,
            usages=usages,
        )

    usages = usages_for(agenda)
    results = race([job] * THREADS)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert FeedbackEntry.objects.count() == 1
