"""Socket work that arrives together shares one worker-thread hop.

A hall answering at once means hundreds of frames reach a worker within milliseconds. One
database thread hop per frame made the answers queue up behind each other (py-spy: two
thirds of a worker's time was in thread hops, bench/README.md). A ``ThreadBatcher`` instead
collects what arrives while its previous batch is still in the database thread and runs the
next batch in ONE hop: a lone answer costs one hop as before, a burst costs one hop per
batch. The function it runs decides what a batch means (one transaction for the answers,
see forum.live.services.live_answers_submit) and returns one result per item, in order.
"""

import asyncio
from collections.abc import Callable, Sequence

from api.live.db import database_sync_to_async

MAX_BATCH = 200


class ThreadBatcher[Item, Result]:
    def __init__(
        self, work: Callable[[Sequence[Item]], Sequence[Result]], max_batch: int = MAX_BATCH
    ) -> None:
        self.work = work
        self.max_batch = max_batch
        self._queue: list[tuple[Item, asyncio.Future[Result]]] = []
        self._task: asyncio.Task[None] | None = None

    @property
    def waiting(self) -> int:
        """How many items wait for the next batch (the current one is already running)."""
        return len(self._queue)

    async def run(self, item: Item) -> Result:
        """``work([item, …])``'s result for this item, once its batch has finished.

        A caller that stops waiting (its socket closed) does not stop the batch: the write
        still happens and its result is dropped; the phone's retry with the same
        idempotency key then gets the same result.
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Result] = loop.create_future()
        self._queue.append((item, future))
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        await asyncio.sleep(0)  # frames already read in this loop turn join the first batch
        while self._queue:
            batch = self._queue[: self.max_batch]
            del self._queue[: self.max_batch]
            try:
                results = await database_sync_to_async(self._run, thread_sensitive=False)(
                    [item for item, _future in batch]
                )
            except Exception as exc:
                for _item, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_item, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)

    def _run(self, items: Sequence[Item]) -> Sequence[Result]:
        return self.work(items)
