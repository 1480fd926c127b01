import pytest
from django.contrib.auth.models import AnonymousUser, Group
from hypothesis import given
from hypothesis import strategies as st

from forum.core.errors import NotAuthenticated, PermissionDenied
from forum.core.roles import (
    MFA_REQUIRED_ROLES,
    SECOND_STEP_ATTRIBUTE,
    Role,
    SecondStep,
    require_role,
    second_step_owed,
    user_roles,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_data_migration_creates_the_role_groups() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "youth_worker",
        "official",
        "admin",
    }


def test_user_roles_come_from_groups() -> None:
    user = UserFactory(roles=[Role.YOUTH_WORKER, Role.OFFICIAL])
    user.groups.add(Group.objects.create(name="book_club"))

    assert user_roles(user) == {Role.YOUTH_WORKER, Role.OFFICIAL}


def test_superuser_is_admin() -> None:
    assert user_roles(UserFactory(is_superuser=True)) == {Role.ADMIN}


def test_inactive_and_anonymous_users_have_no_roles() -> None:
    assert user_roles(UserFactory(roles=[Role.OFFICIAL], is_active=False)) == set()
    assert user_roles(AnonymousUser()) == set()
    assert user_roles(None) == set()


def test_require_role_accepts_allowed_and_admin() -> None:
    require_role(UserFactory(roles=[Role.OFFICIAL]), Role.OFFICIAL)
    require_role(UserFactory(roles=[Role.ADMIN]), Role.OFFICIAL)


def test_require_role_refuses_other_roles_and_anonymous() -> None:
    with pytest.raises(PermissionDenied):
        require_role(UserFactory(roles=[Role.YOUTH_WORKER]), Role.OFFICIAL)
    with pytest.raises(PermissionDenied):
        require_role(UserFactory(roles=[Role.OFFICIAL], is_active=False), Role.OFFICIAL)
    with pytest.raises(NotAuthenticated):
        require_role(AnonymousUser(), Role.OFFICIAL)


# --- the second step ----------------------------------------------------------------------------


@given(
    roles=st.sets(st.sampled_from(list(Role))),
    has_device=st.booleans(),
    verified=st.booleans(),
)
def test_second_step_rule_for_every_combination(roles, has_device, verified) -> None:
    owed = second_step_owed(roles=roles, has_device=has_device, verified=verified)

    if verified or not roles:
        assert owed is None
    elif has_device:
        assert owed is SecondStep.VERIFY
    elif roles & MFA_REQUIRED_ROLES:
        assert owed is SecondStep.ENROL
    else:
        assert owed is None


@pytest.mark.parametrize(
    ("owed", "error"),
    [(SecondStep.VERIFY, "mfa_required"), (SecondStep.ENROL, "mfa_enrolment_required")],
)
def test_a_user_who_owes_the_second_step_holds_no_role(owed, error) -> None:
    user = UserFactory(roles=[Role.ADMIN])
    setattr(user, SECOND_STEP_ATTRIBUTE, owed)

    assert user_roles(user) == set()
    with pytest.raises(PermissionDenied) as refused:
        require_role(user, Role.YOUTH_WORKER)
    assert refused.value.code == error
