"""Staff roles. Young people never log in; staff are Django users in role groups.

Every role decision passes ``user_roles``: a session that still owes its second step
(two-step verification, docs/decisions/0054-staff-mfa.md) holds no role at all, so HTTP
views, services and staff websockets refuse it alike. The edge (api/auth/mfa.py) marks
each request's user with what it still owes; this module only reads the mark.
"""

from enum import StrEnum
from typing import Any

from forum.core.errors import (
    MfaEnrolmentRequired,
    MfaRequired,
    NotAuthenticated,
    PermissionDenied,
)


class Role(StrEnum):
    YOUTH_WORKER = "youth_worker"
    OFFICIAL = "official"
    ADMIN = "admin"
    # Politicians on the council: read published briefs and the follow-up, write nothing.
    COUNCIL_MEMBER = "council_member"


# Roles that must use two-step verification; the others may choose to.
MFA_REQUIRED_ROLES = frozenset({Role.OFFICIAL, Role.ADMIN})


class SecondStep(StrEnum):
    """What a logged-in staff session still owes before it may act."""

    VERIFY = "verify"  # has a confirmed device: enter a code
    ENROL = "enrol"  # must set up a device first (officials and admins)


# The attribute the edge sets on a request's user (None: nothing owed).
SECOND_STEP_ATTRIBUTE = "second_step_owed"


def second_step_owed(*, roles: set[Role], has_device: bool, verified: bool) -> SecondStep | None:
    """The rule: a verified session owes nothing; a device owner must verify; officials
    and admins without a device must enrol; everyone else may go on without one."""
    if verified or not roles:
        return None
    if has_device:
        return SecondStep.VERIFY
    if roles & MFA_REQUIRED_ROLES:
        return SecondStep.ENROL
    return None


def pending_second_step(user: Any) -> SecondStep | None:
    return getattr(user, SECOND_STEP_ATTRIBUTE, None)


def assigned_roles(user: Any) -> set[Role]:
    """The role groups the user is in, whether or not the session is verified yet."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    names = set(user.groups.values_list("name", flat=True))
    roles = {role for role in Role if role.value in names}
    if user.is_superuser:
        roles.add(Role.ADMIN)
    return roles


def user_roles(user: Any) -> set[Role]:
    """The roles the user may act in now: none while the session owes its second step."""
    if pending_second_step(user) is not None:
        return set()
    return assigned_roles(user)


def require_role(user: Any, *allowed: Role) -> None:
    """Raise unless ``user`` holds one of ``allowed`` (admins may do everything)."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise NotAuthenticated()
    owed = pending_second_step(user)
    if owed is SecondStep.ENROL:
        raise MfaEnrolmentRequired()
    if owed is SecondStep.VERIFY:
        raise MfaRequired()
    roles = user_roles(user)
    if Role.ADMIN in roles or roles.intersection(allowed):
        return
    raise PermissionDenied()
