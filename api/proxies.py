"""The client's address behind trusted reverse proxies: one rule for every limit.

TRUSTED_PROXIES (settings, from the environment) lists the networks of our own reverse
proxies; uvicorn gets the same list as --forwarded-allow-ips. A proxy appends the address
it received the request from to X-Forwarded-For, so the header is read from the right:
each hop is believed only while the address that handed it to us is a trusted proxy.
Everything left of the first untrusted address was written by the client and is ignored.
See docs/decisions/0026-trusted-proxies.md.
"""

import ipaddress
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """CIDR networks or single addresses; ValueError on anything else (fail at start-up)."""
    return tuple(ipaddress.ip_network(v.strip(), strict=False) for v in values if v.strip())


@lru_cache(maxsize=8)
def _networks(values: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(values)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("["):  # [v6]:port
        value = value[1 : value.find("]")] if "]" in value else value
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(value: str, networks: Sequence[Network]) -> bool:
    address = _address(value)
    return address is not None and any(address in network for network in networks)


def client_ip(request: Any) -> str | None:
    """The address of the client, as django-axes, the DRF throttles and sockets see it.

    Takes a Django or DRF request (anything with META). With no trusted proxy (the default)
    this is the connection's own address and X-Forwarded-For is never read.
    """
    meta = request.META
    remote = str(meta.get("REMOTE_ADDR") or "").strip()
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(remote, networks):
        return remote or None
    forwarded = [h.strip() for h in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    hops = [h for h in forwarded if h]
    current = remote
    while hops and _trusted(current, networks):
        current = hops.pop()
    # Normalised, so "1.2.3.4:5678" and "1.2.3.4" count as one client.
    address = _address(current)
    return str(address) if address is not None else (current or None)


def base_url(request: HttpRequest) -> str:
    """The scheme and host the client used (behind the proxies: as they forwarded it)."""
    return f"{request.scheme}://{request.get_host()}"
