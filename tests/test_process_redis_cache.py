"""Every thread of a worker shares one Redis client (config/cache.py): Django's own
RedisCache made a client, a pool and so a connection per thread, i.e. per request under
uvicorn."""

import threading

from django.core.cache.backends.redis import RedisCache

from config.cache import ProcessRedisCache

URL = "redis://127.0.0.1:6379/15"  # never connected to: clients connect on first use


def client_made_in_a_thread(backend: type[RedisCache], url: str) -> object:
    made: list[object] = []
    thread = threading.Thread(target=lambda: made.append(backend(url, {})._cache))
    thread.start()
    thread.join()
    return made[0]


def test_backends_of_different_threads_share_one_client() -> None:
    assert client_made_in_a_thread(ProcessRedisCache, URL) is client_made_in_a_thread(
        ProcessRedisCache, URL
    )


def test_another_server_gets_its_own_client() -> None:
    assert client_made_in_a_thread(ProcessRedisCache, URL) is not client_made_in_a_thread(
        ProcessRedisCache, "redis://127.0.0.1:6379/14"
    )


def test_djangos_own_backend_made_one_per_thread() -> None:
    """Why config/cache.py exists: if this starts failing, Django shares them itself."""
    assert client_made_in_a_thread(RedisCache, URL) is not client_made_in_a_thread(RedisCache, URL)
