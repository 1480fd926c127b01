"""Officials and admins create, change and archive forums and choose their youth workers."""

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from forum.core.errors import ForumArchived, InvalidInput, LiveSessionRunning, PermissionDenied
from forum.core.models import Department
from forum.core.roles import Role
from forum.live.models import LiveSessionState
from forum.participation.models import Forum, ForumStaff
from forum.participation.services import (
    forum_archive,
    forum_create,
    forum_staff_add,
    forum_staff_remove,
    forum_update,
)
from tests.factories import ForumFactory, LiveSessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_official_creates_a_forum_with_its_settings_and_a_slug_from_the_name(
    official: Any,
) -> None:
    unit = Department.objects.create(name="Kultur och fritid", level="administration")

    forum = forum_create(
        actor=official,
        values={
            "name": "Ungdomsråd Husby",
            "unit": unit,
            "age_min": 13,
            "age_max": 19,
            "neighbourhoods": ["tensta", "husby"],
            "languages": ["so", "sv"],
            "pre_moderation": False,
            "retention_days": 365,
        },
    )

    forum.refresh_from_db()
    assert forum.slug == "ungdomsrad-husby"
    assert (forum.unit, forum.age_min, forum.age_max) == (unit, 13, 19)
    assert forum.neighbourhoods == ["husby", "tensta"]
    assert forum.languages == ["sv", "so"]
    assert forum.retention_days == 365
    assert forum.pre_moderation is False


def test_two_forums_with_the_same_name_get_different_slugs(official: Any) -> None:
    first = forum_create(actor=official, values={"name": "Forum Kista"})
    second = forum_create(actor=official, values={"name": "Forum Kista"})

    assert first.slug == "forum-kista"
    assert second.slug == "forum-kista-2"


def test_a_youth_worker_cannot_create_a_forum(youth_worker: Any) -> None:
    with pytest.raises(PermissionDenied):
        forum_create(actor=youth_worker, values={"name": "Eget forum"})
    assert not Forum.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"age_min": 20, "age_max": 15}, "age_min"),
        ({"age_max": 31}, "age_max"),
        ({"neighbourhoods": ["narnia"]}, "neighbourhoods"),
        ({"retention_days": 0}, "retention_days"),
        ({"languages": ["xx"]}, "languages"),
        ({"slug": "forum-taken"}, "slug"),
    ],
)
def test_bad_settings_are_refused_by_field_and_change_nothing(
    official: Any, values: dict[str, Any], field: str
) -> None:
    ForumFactory(slug="forum-taken")
    forum = ForumFactory(name="Före")

    with pytest.raises(InvalidInput) as raised:
        forum_update(actor=official, forum=forum, values={"name": "Efter", **values})  # type: ignore[typeddict-item]

    assert field in raised.value.fields
    forum.refresh_from_db()
    assert forum.name == "Före"


def test_the_database_holds_the_age_range_and_retention_rules() -> None:
    for bad in ({"age_min": 5}, {"age_min": 20, "age_max": 10}, {"retention_days": 0}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ForumFactory(**bad)


def test_an_archived_forum_cannot_be_changed(official: Any) -> None:
    forum = ForumFactory(archived_at=timezone.now())

    with pytest.raises(ForumArchived):
        forum_update(actor=official, forum=forum, values={"name": "Nytt namn"})


def test_archiving_keeps_the_forum_and_its_history(official: Any) -> None:
    forum = ForumFactory()

    archived = forum_archive(actor=official, forum=forum)

    assert archived.archived_at is not None
    assert Forum.objects.filter(pk=forum.pk).exists()


def test_a_forum_is_not_archived_while_its_live_session_runs(official: Any) -> None:
    session = LiveSessionFactory(state=LiveSessionState.RUNNING)

    with pytest.raises(LiveSessionRunning) as raised:
        forum_archive(actor=official, forum=session.forum)

    assert raised.value.code == "live_session_running"
    session.forum.refresh_from_db()
    assert session.forum.archived_at is None


def test_staff_are_added_once_and_removed(official: Any, youth_worker: Any) -> None:
    forum = ForumFactory()

    forum_staff_add(actor=official, forum=forum, user_id=youth_worker.pk)
    forum_staff_add(actor=official, forum=forum, user_id=youth_worker.pk)
    assert ForumStaff.objects.filter(forum=forum, user=youth_worker).count() == 1

    forum_staff_remove(actor=official, forum=forum, user_id=youth_worker.pk)
    assert not ForumStaff.objects.filter(forum=forum).exists()


def test_only_youth_workers_can_be_made_forum_staff(official: Any) -> None:
    forum = ForumFactory()
    council_member = UserFactory(roles=[Role.COUNCIL_MEMBER])

    with pytest.raises(InvalidInput):
        forum_staff_add(actor=official, forum=forum, user_id=council_member.pk)


def test_a_youth_worker_cannot_choose_forum_staff(youth_worker: Any) -> None:
    forum = ForumFactory(staff=[youth_worker])
    other = UserFactory(roles=[Role.YOUTH_WORKER])

    with pytest.raises(PermissionDenied):
        forum_staff_add(actor=youth_worker, forum=forum, user_id=other.pk)
