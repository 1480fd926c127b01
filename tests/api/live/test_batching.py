"""Socket work arriving together shares one worker-thread hop (api/live/batching.py)."""

import asyncio
import threading
from collections.abc import Sequence

from api.live.batching import ThreadBatcher
from tests.support.waits import until


async def test_items_arriving_together_share_one_call_and_get_their_own_results() -> None:
    calls: list[list[int]] = []

    def double(items: Sequence[int]) -> list[int]:
        calls.append(list(items))
        return [2 * i for i in items]

    batcher = ThreadBatcher(double)

    results = await asyncio.gather(*(batcher.run(i) for i in range(5)))

    assert results == [0, 2, 4, 6, 8]
    assert calls == [[0, 1, 2, 3, 4]]


async def test_items_arriving_while_a_batch_runs_form_the_next_batch() -> None:
    calls: list[list[int]] = []
    release = threading.Event()

    def slow(items: Sequence[int]) -> list[int]:
        calls.append(list(items))
        if len(calls) == 1:
            release.wait(5)
        return list(items)

    batcher = ThreadBatcher(slow)
    first = asyncio.ensure_future(batcher.run(0))
    await until(lambda: calls, what="the first batch to run")
    later = [asyncio.ensure_future(batcher.run(i)) for i in (1, 2, 3)]
    await until(lambda: batcher.waiting == 3, what="three items queued behind the first batch")
    release.set()

    assert await first == 0
    assert [await f for f in later] == [1, 2, 3]
    assert calls == [[0], [1, 2, 3]]


async def test_a_failing_batch_fails_its_own_waiters_only() -> None:
    def work(items: Sequence[int]) -> list[int]:
        if 0 in items:
            raise RuntimeError("database gone")
        return list(items)

    batcher = ThreadBatcher(work, max_batch=2)

    results = await asyncio.gather(*(batcher.run(i) for i in range(4)), return_exceptions=True)

    assert [type(r) for r in results[:2]] == [RuntimeError, RuntimeError]
    assert results[2:] == [2, 3]
