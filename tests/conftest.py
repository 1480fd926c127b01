"""Shared fixtures for the backend suite (tests/forum, tests/api).

The isolation fixture is opted into by tests/forum/conftest.py and tests/api/conftest.py
(autouse there), so browser and multi-worker tests keep their own setup.
"""

import copy
import itertools
import os
import uuid
from collections.abc import Iterator
from typing import Any, cast

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_save
from django.test import override_settings
from django.utils import translation
from rest_framework.test import APIClient

from api.live.snapshots import live_state_rendered_clear
from forum.core import events
from forum.core.roles import Role
from forum.participation.models import Forum, ForumStaff
from forum.participation.services import committed_memberships_clear
from forum.polls.selectors import option_costs_cache_clear
from tests.factories import UserFactory
from tests.support.mfa import staff_login

# One prefix per test run, so two runs sharing a Redis (or a run next to a dev server)
# never see each other's throttle counters, presence or channel-layer groups.
RUN_ID = uuid.uuid4().hex[:10]
_test_counter = itertools.count()
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config: pytest.Config) -> None:
    # var/static only exists after collectstatic; WhiteNoise warns about it on every client.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True, scope="session")
def _audit_log_flushable() -> None:
    """Transactional tests tear down with flush, which may empty the audit log only here
    (docs/decisions/0055-audit-log.md)."""
    settings.AUDIT_LOG_FLUSHABLE = True


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the default language. A request's middleware activates its
    language for the rest of the thread (as Django does; the next request sets its own),
    and in one pytest-xdist worker the next test must not inherit a phone's Somali."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def isolated_backends() -> Iterator[None]:
    """A clean cache per test (throttles and presence live there) and fast password hashing."""
    # No static-file scan per test client: faster, and immune to a frontend build running
    # next to the tests (WhiteNoise walks frontend/dist when a client's middleware loads).
    overrides: dict[str, Any] = {"PASSWORD_HASHERS": FAST_HASHERS, "WHITENOISE_USE_FINDERS": False}
    redis_url = os.environ.get("REDIS_URL")
    prefix = f"rostrum-test-{RUN_ID}-{next(_test_counter)}"
    if redis_url:
        caches = copy.deepcopy(cast(dict[str, dict[str, Any]], settings.CACHES))
        caches["default"]["KEY_PREFIX"] = prefix
        layers = copy.deepcopy(cast(dict[str, dict[str, Any]], settings.CHANNEL_LAYERS))
        layers["default"].setdefault("CONFIG", {})["prefix"] = f"rostrum-test-{RUN_ID}"
        overrides.update(CACHES=caches, CHANNEL_LAYERS=layers)
    # Per-process caches keyed by ids: test transactions roll ids back and reuse them.
    option_costs_cache_clear()
    live_state_rendered_clear()
    committed_memberships_clear()
    with override_settings(**overrides):
        if not redis_url:
            cache.clear()
        yield
        if not redis_url:
            cache.clear()
    if redis_url:
        import redis

        client = redis.Redis.from_url(redis_url)
        try:
            keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
            if keys:
                client.delete(*keys)
        finally:
            client.close()


# --- staff --------------------------------------------------------------------------------


@pytest.fixture
def youth_worker(db: None) -> Any:
    return UserFactory(username="ungdomsarbetare", roles=[Role.YOUTH_WORKER])


@pytest.fixture
def youth_workers_in_every_forum(db: None) -> Iterator[None]:
    """Opt-in per module (``pytest.mark.usefixtures``): every youth worker of the test is
    staff of every forum of the test, whichever was made first.

    For tests of other features (polls, live, ideas...), whose youth workers run the forum
    under test. Youth workers work only in their own forums (docs/decisions/0049): that
    rule is tested without this fixture, in tests/forum/participation/test_forum_staff_access.py,
    tests/api/forums and the authorization matrix.
    """

    def workers() -> Any:
        return User.objects.filter(groups__name=Role.YOUTH_WORKER.value)

    def forum_made(sender: Any, instance: Forum, created: bool, **kwargs: Any) -> None:
        if created:
            for user in workers():
                ForumStaff.objects.get_or_create(forum=instance, user=user)

    def groups_added(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
        if (
            action == "post_add"
            and isinstance(instance, User)
            and workers().filter(pk=instance.pk).exists()
        ):
            for forum in Forum.objects.all():
                ForumStaff.objects.get_or_create(forum=forum, user=instance)

    for user in workers():
        for forum in Forum.objects.all():
            ForumStaff.objects.get_or_create(forum=forum, user=user)
    post_save.connect(forum_made, sender=Forum, weak=False, dispatch_uid="workers-staff-forum")
    m2m_changed.connect(
        groups_added, sender=User.groups.through, weak=False, dispatch_uid="workers-staff-user"
    )
    try:
        yield
    finally:
        post_save.disconnect(sender=Forum, dispatch_uid="workers-staff-forum")
        m2m_changed.disconnect(sender=User.groups.through, dispatch_uid="workers-staff-user")


@pytest.fixture
def staff_of(db: None) -> Any:
    """``staff_of(user, forum, ...)``: ``user`` works in those forums (ForumStaff)."""

    def add(user: Any, *forums: Forum) -> Any:
        for forum in forums:
            ForumStaff.objects.get_or_create(forum=forum, user=user)
        return user

    return add


@pytest.fixture
def official(db: None) -> Any:
    return UserFactory(username="tjansteperson", roles=[Role.OFFICIAL])


@pytest.fixture
def admin_staff(db: None) -> Any:
    return UserFactory(username="administratör", roles=[Role.ADMIN])


@pytest.fixture
def no_role_user(db: None) -> Any:
    """Logged-in but in no role group: every staff endpoint must refuse them."""
    return UserFactory(username="utan-roll")


# --- clients ------------------------------------------------------------------------------


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for() -> Any:
    """``client_for(user)``: an APIClient with a real logged-in session (None: anonymous),
    its second step done for officials, admins and anyone with an app (tests/support/mfa.py).
    """

    def make(user: Any | None) -> APIClient:
        client = APIClient()
        if user is not None:
            staff_login(client, user)
        return client

    return make


# --- events -------------------------------------------------------------------------------


@pytest.fixture
def published(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, events.Event]]:
    """Record what reaches the channel layer instead of sending it."""
    sent: list[tuple[str, events.Event]] = []
    monkeypatch.setattr(events, "publish", lambda group, event: sent.append((group, event)))
    return sent
