"""The Redis cache with one connection pool per worker process.

Django makes a cache backend per thread (per asgiref context), and Django's RedisCache
gives each backend its own client and connection pool. Under uvicorn every request runs on
a thread of its own, so every request opened a new Redis connection, with its handshake
and health check, and dropped it after (py-spy on the HTTP bench: about a seventh of an
answer's server time). Here every backend of the process shares one client per server
list and options; redis-py's connection pool is thread-safe.
"""

import threading
from functools import cached_property
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

_clients: dict[tuple[tuple[str, ...], str], RedisCacheClient] = {}
_clients_lock = threading.Lock()


class ProcessRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` sharing one client per process."""

    @cached_property
    def _cache(self) -> Any:
        # Set by RedisCache.__init__ (not in django-stubs).
        servers: list[str] = self._servers  # type: ignore[attr-defined]
        options: dict[str, Any] = self._options  # type: ignore[attr-defined]
        key = (tuple(servers), repr(sorted(options.items())))
        with _clients_lock:
            client = _clients.get(key)
            if client is None:
                client = _clients[key] = self._class(servers, **options)  # type: ignore[attr-defined]
        return client
