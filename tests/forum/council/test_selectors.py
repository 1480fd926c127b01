import datetime as dt
from dataclasses import asdict

import pytest
from django.contrib.auth.models import AnonymousUser

from forum.core.errors import NotAuthenticated, NotFound, PermissionDenied
from forum.core.roles import Role
from forum.council.selectors import (
    brief_document,
    linkable_poll_list,
    meeting_list,
    planning_item_list,
)
from forum.council.services import meeting_brief_publish
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    ParticipantFactory,
    PlanningItemFactory,
    PollFactory,
    PollLinkFactory,
    ResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def official():
    return UserFactory(roles=[Role.OFFICIAL])


def vote(poll, option_index: int, participant=None) -> None:
    ResponseFactory(
        option=poll.questions.all()[0].options.all()[option_index],
        participant=participant or ParticipantFactory(),
    )


def test_meeting_brief_lists_agenda_items_with_linked_polls_and_results(official) -> None:
    meeting = MeetingFactory()
    first_item, second_item, unlinked_item = PlanningItemFactory.create_batch(3)
    AgendaItemFactory(meeting=meeting, planning_item=second_item, position=2)
    AgendaItemFactory(meeting=meeting, planning_item=first_item, position=1)
    AgendaItemFactory(meeting=meeting, planning_item=unlinked_item, position=3)
    poll_a, poll_b = PollFactory(), PollFactory()
    PollLinkFactory(planning_item=first_item, poll=poll_a, note="A först")
    PollLinkFactory(planning_item=first_item, poll=poll_b, note="B sen")
    PollLinkFactory(planning_item=second_item, poll=poll_b, note="B igen")
    for option_index in (0,) * 6 + (1,) * 5:
        vote(poll_a, option_index)
    vote(poll_b, 2)
    # Another meeting's agenda does not leak into this brief.
    AgendaItemFactory(meeting=MeetingFactory(), planning_item=PlanningItemFactory())

    brief = asdict(brief_document(meeting=meeting, viewer=official))

    assert (brief["meeting"]["id"], brief["version"]) == (meeting.pk, None)
    assert [(i["position"], i["planning_item"]["id"]) for i in brief["items"]] == [
        (1, first_item.pk),
        (2, second_item.pk),
        (3, unlinked_item.pk),
    ]
    first, second, unlinked = brief["items"]
    assert [(p["poll"]["id"], p["note"], p["participants"]) for p in first["polls"]] == [
        (poll_a.pk, "A först", 11),
        (poll_b.pk, "B sen", None),  # 1: fewer than 5
    ]
    options = first["polls"][0]["questions"][0]["options"]
    assert [o["count"] for o in options] == [6, 5, 0]
    assert [o["percent"] for o in options] == [54.5, 45.5, 0.0]
    assert [(p["poll"]["id"], p["participants"]) for p in second["polls"]] == [(poll_b.pk, None)]
    assert unlinked["polls"] == []


@pytest.mark.parametrize(
    ("viewer_factory", "error"),
    [
        (lambda: UserFactory(), PermissionDenied),
        (AnonymousUser, NotAuthenticated),
    ],
)
def test_meeting_brief_is_for_staff_who_read_briefs_only(viewer_factory, error) -> None:
    with pytest.raises(error):
        brief_document(meeting=MeetingFactory(), viewer=viewer_factory())


def test_meeting_brief_allows_admin() -> None:
    AgendaItemFactory()
    meeting = MeetingFactory()

    assert (
        asdict(brief_document(meeting=meeting, viewer=UserFactory(roles=[Role.ADMIN])))["items"]
        == []
    )


def test_meeting_list_is_for_officials_council_members_and_youth_workers(official) -> None:
    later = MeetingFactory()
    earlier = MeetingFactory(starts_at=later.starts_at.replace(year=later.starts_at.year - 1))

    assert meeting_list(viewer=official) == [earlier, later]
    assert meeting_list(viewer=UserFactory(roles=[Role.YOUTH_WORKER])) == [earlier, later]
    with pytest.raises(PermissionDenied):
        meeting_list(viewer=UserFactory())


def test_youth_workers_get_published_brief_versions_only(official) -> None:
    meeting = AgendaItemFactory().meeting
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    with pytest.raises(NotFound):
        brief_document(meeting=meeting, viewer=worker)

    meeting_brief_publish(meeting=meeting, changelog="", actor=official)

    assert brief_document(meeting=meeting, viewer=worker).version == 1
    # The official still gets the live draft.
    assert brief_document(meeting=meeting, viewer=official).version is None


def test_the_followup_is_read_by_youth_workers_and_council_members_not_others() -> None:
    from forum.council.followup import followup_for

    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    for role in (Role.YOUTH_WORKER, Role.COUNCIL_MEMBER, Role.OFFICIAL):
        report = followup_for(viewer=UserFactory(roles=[role]), start=start, end=end)
        assert report.start == "2026-01-01"
    with pytest.raises(PermissionDenied):
        followup_for(viewer=UserFactory(), start=start, end=end)
    with pytest.raises(NotAuthenticated):
        followup_for(viewer=None, start=start, end=end)


def test_planning_item_list_includes_links(official) -> None:
    link = PollLinkFactory()
    PlanningItemFactory()

    items = planning_item_list(viewer=official)

    assert len(items) == 2
    assert [list(i.links.all()) for i in items if i == link.planning_item] == [[link]]
    with pytest.raises(PermissionDenied):
        planning_item_list(viewer=UserFactory())


def test_linkable_poll_list_counts_distinct_participants(official) -> None:
    poll = PollFactory(questions=[("Q1", ["A", "B"]), ("Q2", ["C", "D"])])
    participant = ParticipantFactory()
    for question in poll.questions.all():
        ResponseFactory(option=question.options.all()[0], participant=participant)
    ResponseFactory(option=poll.questions.all()[0].options.last())
    empty = PollFactory()

    polls = linkable_poll_list(viewer=official)
    counts = {p.pk: p.participants for p in polls}  # type: ignore[attr-defined]

    assert counts == {poll.pk: 2, empty.pk: 0}
