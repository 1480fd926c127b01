"""Who on staff may act in which forum: the one check every forum-scoped service calls.

``require_forum_staff(user, forum, *roles)`` first asks ``require_role`` (admins may do
everything), then that the forum is the user's to work in: officials and admins work
district-wide, a youth worker only in the forums they are staff of (``ForumStaff``). A
forum that is not theirs answers NotFound, as a forum that does not exist would: a youth
worker learns nothing about other forums (docs/decisions/0049). Writes (``write=True``) are
refused in an archived forum, whose history stays read-only.
"""

from typing import Any

from django.db.models import QuerySet

from forum.core.errors import ForumArchived, NotFound
from forum.core.roles import Role, require_role, user_roles
from forum.participation.models import Forum, ForumStaff

# Roles that work in every forum of the district.
DISTRICT_WIDE = frozenset({Role.OFFICIAL, Role.ADMIN})


def works_district_wide(user: Any) -> bool:
    return bool(user_roles(user) & DISTRICT_WIDE)


def require_forum_staff(user: Any, forum: Forum, *allowed: Role, write: bool = False) -> None:
    """Raise unless ``user`` holds one of ``allowed`` for ``forum``."""
    require_role(user, *allowed)
    if not works_district_wide(user) and not is_forum_staff(user, forum):
        raise NotFound()
    if write:
        require_forum_open(forum)


def require_forum_open(forum: Forum) -> None:
    """Refuse a write into an archived forum (staff's and phones' alike)."""
    if forum.archived_at is not None:
        raise ForumArchived()


def is_forum_staff(user: Any, forum: Forum | int) -> bool:
    forum_id = forum if isinstance(forum, int) else forum.pk
    return ForumStaff.objects.filter(forum_id=forum_id, user_id=user.pk).exists()


def forums_for_staff(user: Any) -> "QuerySet[Forum]":
    """The forums ``user`` may read as staff: every forum district-wide, else their own."""
    forums = Forum.objects.all()
    if works_district_wide(user):
        return forums
    return forums.filter(staff_members__user_id=user.pk)


def forum_ids_for_staff(user: Any) -> "QuerySet[Forum, int] | None":
    """For filtering lists by forum: None when ``user`` sees every forum, else their forums."""
    if works_district_wide(user):
        return None
    return Forum.objects.filter(staff_members__user_id=user.pk).values_list("pk", flat=True)
