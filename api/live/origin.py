"""Websocket origin allow-list that answers in the one error shape before closing."""

import json
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.http.request import validate_host
from django.utils import translation
from django.utils.translation import gettext as _

from api.errors import error_body
from api.request_language import scope_language


def origin_allowed(origin: str | None, host: str | None) -> bool:
    """Same origin as the serving host (itself in ALLOWED_HOSTS), or explicitly listed."""
    if not origin:
        return False
    if origin.rstrip("/") in settings.WEBSOCKET_ALLOWED_ORIGINS:
        return True
    parsed = urlparse(origin)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return False
    return (
        host is not None
        and parsed.netloc == host
        and validate_host(parsed.hostname, settings.ALLOWED_HOSTS)
    )


class OriginCheckMiddleware:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        if scope["type"] != "websocket":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        origin = headers.get(b"origin", b"").decode("latin-1") or None
        host = headers.get(b"host", b"").decode("latin-1") or None
        if origin_allowed(origin, host):
            return await self.app(scope, receive, send)
        # Accept only to say why, in the one error shape, then close: a browser shows a
        # bare handshake refusal as an opaque failure.
        message = await receive()
        if message["type"] != "websocket.connect":
            return None
        with translation.override(scope_language(scope)):
            body = error_body(
                "origin_not_allowed", _("Connections from this website are not allowed.")
            )
        await send({"type": "websocket.accept"})
        await send({"type": "websocket.send", "text": json.dumps({"type": "error", **body})})
        await send({"type": "websocket.close", "code": 4403})
        return None
