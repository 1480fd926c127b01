"""Database work from a socket's event loop, its connection given back where it was used.

Channels' ``database_sync_to_async`` closes old connections around the call, but outside
the context the function runs in: asgiref runs each call in a copy of the caller's context,
and Django keeps its connections in that context (an asgiref ``Local``), copy-on-write. A
connection opened by the function is therefore invisible to Channels' closing; with
``thread_sensitive=False`` (a fresh pool thread each time) it was never closed. With the
psycopg pool it was never given back: each hub batch kept one, and after ``DB_POOL_MAX_SIZE``
of them every request waited ``DB_POOL_TIMEOUT`` and failed (the websocket test that timed
out; docs/decisions/0033-database-connections.md). Closing at the end of the function,
in its own context, gives it back to the pool (or closes it, with ``CONN_MAX_AGE=0``).
"""

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from channels.db import database_sync_to_async as channels_database_sync_to_async
from django.db import close_old_connections


def database_sync_to_async[**P, R](
    func: Callable[P, R], *, thread_sensitive: bool = True
) -> Callable[P, Coroutine[Any, Any, R]]:
    """``channels.db.database_sync_to_async`` whose connection is closed (or returned to the
    pool) by the function's own context, before the result goes back to the loop."""

    @functools.wraps(func)
    def closing(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        finally:
            close_old_connections()

    return channels_database_sync_to_async(closing, thread_sensitive=thread_sensitive)
