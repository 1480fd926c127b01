"""Web push tests run against a real push service on 127.0.0.1 (tests/support/push_service.py)
with freshly generated VAPID keys; nothing leaves the machine."""

from collections.abc import Iterator
from typing import Any

import pytest

from api.push import delivery
from tests.support.push_service import PushService, VapidKeys, push_service

SUBJECT = "mailto:push@rostrum.example.se"


@pytest.fixture(scope="session")
def vapid_keys() -> VapidKeys:
    return VapidKeys.generate()


@pytest.fixture
def service() -> Iterator[PushService]:
    with push_service() as running:
        yield running


@pytest.fixture
def push_on(settings: Any, vapid_keys: VapidKeys, service: PushService) -> VapidKeys:
    """Push configured as in production, with the local service as the one push service."""
    settings.VAPID_PUBLIC_KEY = vapid_keys.public_key
    settings.VAPID_PRIVATE_KEY = vapid_keys.private_key
    settings.VAPID_SUBJECT = SUBJECT
    settings.WEB_PUSH_SERVICES = [service.origin]
    return vapid_keys


@pytest.fixture
def deliver_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deliver on the committing thread: with the ``db`` fixture nothing is committed, so a
    pool thread (its own connection) would not see the subscriptions it keeps the books of.
    The real pool is tested with committed data in test_delivery_runs_off_the_request_thread."""
    monkeypatch.setattr(delivery, "run_in_background", lambda job: job())
