from django.core.cache import cache


def presence_cache_key(code: str) -> str:
    """Where the hubs publish how many phones a session has (api/live/hub.py)."""
    return f"live-presence-{code}"


def presence_count(code: str) -> int:
    """Phones connected to a live session, as last published by its hubs (shared cache)."""
    value = cache.get(presence_cache_key(code))
    return int(value) if value is not None else 0
