import pytest
from django.contrib.auth.models import AnonymousUser

from forum.core.errors import AlreadyLinked, InvalidInput, NotAuthenticated, PermissionDenied
from forum.core.roles import Role
from forum.council.models import PlanningLink
from forum.council.services import NOTE_MAX_LENGTH, planning_link_create
from tests.factories import PlanningItemFactory, PollFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("youth_workers_in_every_forum")]


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.YOUTH_WORKER, Role.ADMIN])
def test_planning_item_link_poll_links_for_staff(role: Role) -> None:
    item, poll = PlanningItemFactory(), PollFactory()
    actor = UserFactory(roles=[role])

    link = planning_link_create(
        planning_item=item, poll=poll, note="  Unga vill ha mer.  ", actor=actor
    )

    stored = PlanningLink.objects.get()
    assert stored == link
    assert (stored.planning_item, stored.poll, stored.note, stored.created_by) == (
        item,
        poll,
        "Unga vill ha mer.",
        actor,
    )


@pytest.mark.parametrize(
    ("actor_factory", "error"), [(UserFactory, PermissionDenied), (AnonymousUser, NotAuthenticated)]
)
def test_planning_item_link_poll_refuses_non_staff(actor_factory, error) -> None:
    with pytest.raises(error):
        planning_link_create(
            planning_item=PlanningItemFactory(), poll=PollFactory(), note="", actor=actor_factory()
        )

    assert not PlanningLink.objects.exists()


def test_planning_item_link_poll_twice_is_already_linked() -> None:
    item, poll = PlanningItemFactory(), PollFactory()
    official = UserFactory(roles=[Role.OFFICIAL])
    planning_link_create(planning_item=item, poll=poll, note="först", actor=official)

    with pytest.raises(AlreadyLinked):
        planning_link_create(planning_item=item, poll=poll, note="igen", actor=official)

    assert list(PlanningLink.objects.values_list("note", flat=True)) == ["först"]


def test_planning_item_link_poll_same_poll_to_two_items_is_fine() -> None:
    poll = PollFactory()
    official = UserFactory(roles=[Role.OFFICIAL])

    planning_link_create(planning_item=PlanningItemFactory(), poll=poll, note="", actor=official)
    planning_link_create(planning_item=PlanningItemFactory(), poll=poll, note="", actor=official)

    assert PlanningLink.objects.filter(poll=poll).count() == 2


def test_planning_item_link_poll_rejects_overlong_note() -> None:
    with pytest.raises(InvalidInput) as excinfo:
        planning_link_create(
            planning_item=PlanningItemFactory(),
            poll=PollFactory(),
            note="x" * (NOTE_MAX_LENGTH + 1),
            actor=UserFactory(roles=[Role.OFFICIAL]),
        )

    assert "note" in excinfo.value.fields
    assert not PlanningLink.objects.exists()
