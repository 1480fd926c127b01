"""staff_roles_set: the one writer of a user's role groups (city login uses it)."""

import pytest
from django.contrib.auth.models import Group

from forum.core.errors import PermissionDenied
from forum.core.roles import Role, assigned_roles
from forum.core.services import RoleChange, staff_roles_set
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_sets_exactly_the_given_roles_and_says_what_changed() -> None:
    user = UserFactory(roles=[Role.YOUTH_WORKER, Role.COUNCIL_MEMBER])

    change = staff_roles_set(
        user=user, roles={Role.OFFICIAL, Role.COUNCIL_MEMBER}, actor=None, reason="test"
    )

    assert assigned_roles(user) == {Role.OFFICIAL, Role.COUNCIL_MEMBER}
    assert change == RoleChange(
        added=frozenset({Role.OFFICIAL}), removed=frozenset({Role.YOUTH_WORKER})
    )


def test_leaves_groups_that_are_not_roles_alone() -> None:
    user = UserFactory(roles=[Role.YOUTH_WORKER])
    user.groups.add(Group.objects.create(name="newsletter"))

    staff_roles_set(user=user, roles=set(), actor=None, reason="test")

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
