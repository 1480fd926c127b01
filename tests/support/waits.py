"""Waiting for a condition instead of for a fixed time, outside the browser.

A fixed sleep is too short on a loaded machine and too long everywhere else. These poll a
condition and fail loudly, saying what they waited for, when it does not come in time.
(Browser tests wait in the page instead: tests/e2e/waits.py.)
"""

import asyncio
import time
from collections.abc import Callable


def wait_until(
    condition: Callable[[], object], *, what: str, timeout: float = 30, interval: float = 0.05
) -> None:
    """Return as soon as ``condition()`` is true; raise TimeoutError after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:g} s for {what}")
        time.sleep(interval)


async def until(
    condition: Callable[[], object], *, what: str, timeout: float = 30, interval: float = 0.01
) -> None:
    """``wait_until`` for a coroutine: the event loop keeps running while it waits."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:g} s for {what}")
        await asyncio.sleep(interval)
