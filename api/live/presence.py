from django.core.cache import cache

from api.live.hub import presence_cache_key


def presence_count(code: str) -> int:
    """Phones connected to a live session, as last published by its hubs (shared cache)."""
    value = cache.get(presence_cache_key(code))
    return int(value) if value is not None else 0
