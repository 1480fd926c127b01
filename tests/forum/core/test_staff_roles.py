"""staff_roles_set: the one writer of a user's role groups (city login uses it)."""

import pytest
from django.contrib.auth.models import Group

from forum.core.audit import CITY_LOGIN, audit_context
from forum.core.errors import PermissionDenied
from forum.core.models import AuditAction, AuditEntry
from forum.core.roles import Role, assigned_roles
from forum.core.services import RoleChange, staff_roles_set
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_sets_exactly_the_given_roles_and_says_what_changed() -> None:
    user = UserFactory(roles=[Role.YOUTH_WORKER, Role.COUNCIL_MEMBER])

    change = staff_roles_set(
        user=user, roles={Role.OFFICIAL, Role.COUNCIL_MEMBER}, actor=CITY_LOGIN, reason="test"
    )

    assert assigned_roles(user) == {Role.OFFICIAL, Role.COUNCIL_MEMBER}
    assert change == RoleChange(
        added=frozenset({Role.OFFICIAL}), removed=frozenset({Role.YOUTH_WORKER})
    )


def test_leaves_groups_that_are_not_roles_alone() -> None:
    user = UserFactory(roles=[Role.YOUTH_WORKER])
    user.groups.add(Group.objects.create(name="newsletter"))

    staff_roles_set(user=user, roles=set(), actor=CITY_LOGIN, reason="test")

    assert assigned_roles(user) == set()
    assert list(user.groups.values_list("name", flat=True)) == ["newsletter"]


def test_a_person_changing_roles_must_be_an_admin() -> None:
    user = UserFactory(roles=[Role.YOUTH_WORKER])
    official = UserFactory(roles=[Role.OFFICIAL])

    with pytest.raises(PermissionDenied):
        staff_roles_set(user=user, roles={Role.ADMIN}, actor=official, reason="test")

    assert assigned_roles(user) == {Role.YOUTH_WORKER}
    admin = UserFactory(roles=[Role.ADMIN])
    staff_roles_set(user=user, roles={Role.OFFICIAL}, actor=admin, reason="test")
    assert assigned_roles(user) == {Role.OFFICIAL}


def test_a_change_by_the_system_is_one_audit_entry_under_its_name() -> None:
    user = UserFactory(roles=[Role.YOUTH_WORKER])
    user.groups.add(Group.objects.create(name="newsletter"))
    anonymous_request = audit_context(load_user=lambda: None, ip="192.0.2.9", via="http")

    with anonymous_request:
        staff_roles_set(user=user, roles={Role.OFFICIAL}, actor=CITY_LOGIN, reason="city login")
        staff_roles_set(user=user, roles={Role.OFFICIAL}, actor=CITY_LOGIN, reason="city login")

    entry = AuditEntry.objects.get()  # the second call changed nothing
    assert entry.action == AuditAction.ROLE_CHANGE
    assert (entry.actor_id, entry.actor_username, entry.actor_roles) == (None, "system:oidc", "")
    assert (entry.object_type, entry.object_id, entry.ip) == (
        "auth.user",
        str(user.pk),
        "192.0.2.9",
    )
    assert entry.changes == {"groups": [["newsletter", "youth_worker"], ["newsletter", "official"]]}
    assert entry.detail == {"via": "city login"}


def test_a_change_by_an_admin_is_one_audit_entry_under_their_name() -> None:
    user = UserFactory(roles=[Role.YOUTH_WORKER, Role.COUNCIL_MEMBER])
    admin = UserFactory(roles=[Role.ADMIN])

    with audit_context(load_user=lambda: admin, ip="192.0.2.7", via="http"):
        staff_roles_set(user=user, roles={Role.OFFICIAL}, actor=admin, reason="admin page")

    entry = AuditEntry.objects.get()  # not one more per group removed and added
    assert (entry.action, entry.actor_id) == (AuditAction.ROLE_CHANGE, admin.pk)
    assert entry.changes == {"groups": [["council_member", "youth_worker"], ["official"]]}
