"""Staff roles. Young people never log in; staff are Django users in role groups."""

from enum import StrEnum
from typing import Any

from forum.core.errors import NotAuthenticated, PermissionDenied


class Role(StrEnum):
    YOUTH_WORKER = "youth_worker"
    OFFICIAL = "official"
    ADMIN = "admin"
    # Politicians on the council: read published briefs and the follow-up, write nothing.
    COUNCIL_MEMBER = "council_member"


def user_roles(user: Any) -> set[Role]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    names = set(user.groups.values_list("name", flat=True))
    roles = {role for role in Role if role.value in names}
    if user.is_superuser:
        roles.add(Role.ADMIN)
    return roles


def require_role(user: Any, *allowed: Role) -> None:
    """Raise unless ``user`` holds one of ``allowed`` (admins may do everything)."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise NotAuthenticated()
    roles = user_roles(user)
    if Role.ADMIN in roles or roles.intersection(allowed):
        return
    raise PermissionDenied()
