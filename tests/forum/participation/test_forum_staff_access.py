"""The one forum-scoped staff check: youth workers act only in their forums, officials and
admins district-wide, and nobody writes into an archived forum (docs/decisions/0049)."""

from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.core.errors import ForumArchived, NotFound, PermissionDenied
from forum.core.roles import Role
from forum.participation.access import forums_for_staff, require_forum_staff
from forum.participation.selectors import forums_for_staff_list
from forum.polls.services import poll_open
from tests.factories import ForumFactory, PollFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_youth_worker_acts_in_a_forum_they_are_staff_of(youth_worker: Any) -> None:
    forum = ForumFactory(staff=[youth_worker])

    require_forum_staff(youth_worker, forum, Role.YOUTH_WORKER, write=True)


def test_a_youth_worker_of_another_forum_gets_not_found(youth_worker: Any) -> None:
    ForumFactory(staff=[youth_worker])
    other = ForumFactory()

    with pytest.raises(NotFound):
        require_forum_staff(youth_worker, other, Role.YOUTH_WORKER)


def test_officials_and_admins_work_in_every_forum(official: Any, admin_staff: Any) -> None:
    forum = ForumFactory()

    require_forum_staff(official, forum, Role.OFFICIAL, write=True)
    require_forum_staff(admin_staff, forum, Role.YOUTH_WORKER, write=True)


def test_the_role_is_checked_before_membership(official: Any) -> None:
    forum = ForumFactory(staff=[official])

    with pytest.raises(PermissionDenied):
        require_forum_staff(official, forum, Role.YOUTH_WORKER)


def test_an_archived_forum_is_read_but_not_written(youth_worker: Any) -> None:
    forum = ForumFactory(staff=[youth_worker], archived_at=timezone.now())

    require_forum_staff(youth_worker, forum, Role.YOUTH_WORKER)
    with pytest.raises(ForumArchived) as raised:
        require_forum_staff(youth_worker, forum, Role.YOUTH_WORKER, write=True)
    assert raised.value.code == "forum_archived"


def test_a_youth_workers_forum_list_holds_only_their_forums(youth_worker: Any) -> None:
    mine = ForumFactory(staff=[youth_worker])
    ForumFactory()

    assert forums_for_staff_list(viewer=youth_worker) == [mine]


def test_a_service_refuses_a_youth_worker_of_another_forum_and_changes_nothing() -> None:
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    ForumFactory(staff=[worker])
    poll = PollFactory(status="draft", opened_at=None)

    with pytest.raises(NotFound):
        poll_open(poll=poll, actor=worker)

    poll.refresh_from_db()
    assert poll.status == "draft"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(membership=st.lists(st.booleans(), min_size=1, max_size=6))
def test_a_youth_worker_sees_exactly_the_forums_they_are_staff_of(membership: list[bool]) -> None:
    worker = UserFactory(roles=[Role.YOUTH_WORKER])
    forums = [ForumFactory(staff=[worker] if member else []) for member in membership]

    seen = set(forums_for_staff(worker).values_list("pk", flat=True))

    assert seen == {f.pk for f, member in zip(forums, membership, strict=True) if member}
    for forum, member in zip(forums, membership, strict=True):
        if member:
            require_forum_staff(worker, forum, Role.YOUTH_WORKER)
        else:
            with pytest.raises(NotFound):
                require_forum_staff(worker, forum, Role.YOUTH_WORKER)
