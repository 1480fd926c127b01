from collections.abc import AsyncIterator

import pytest

from api.live import hub as hub_module


@pytest.fixture(autouse=True)
async def _stop_hubs() -> AsyncIterator[None]:
    """Hubs are per process and linger after the last socket; stop them on this test's loop."""
    yield
    for hub in list(hub_module._registry._hubs.values()):
        if hub._close_task is not None:
            hub._close_task.cancel()
        await hub_module._registry.discard(hub)
