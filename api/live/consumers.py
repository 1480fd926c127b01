"""Websocket consumers only forward: the hub hands them ready-made frames.

Clients write over REST; a socket is a read-only feed of full snapshots. Nothing here
touches the database per message, so a frame costs no thread hop.
"""

import json
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils import translation
from django.utils.translation import gettext as _

from api.errors import domain_error_body, error_body
from api.live.hub import SessionHub, hub_acquire
from forum.core.errors import DomainError, NotAuthenticated
from forum.core.roles import Role, require_role
from forum.live.selectors import normalise_join_code

# Close codes in the 4000 range are ours: 4400 bad request, 4401/4403 auth, 4404 unknown.
CLOSE_FOR_ERROR = {"not_authenticated": 4401, "permission_denied": 4403, "unknown_join_code": 4404}
INBOUND_FRAME_LIMIT = 1024


def scope_base_url(scope: dict[str, Any]) -> str:
    headers = dict(scope.get("headers") or [])
    host = headers.get(b"host", b"").decode("latin-1") or "localhost"
    scheme = "https" if scope.get("scheme") in ("wss", "https") else "http"
    return f"{scheme}://{host}"


def scope_language(scope: dict[str, Any]) -> str:
    cookies = scope.get("cookies") or {}
    headers = dict(scope.get("headers") or [])
    lang = cookies.get("django_language") or headers.get(b"accept-language", b"").decode("latin-1")
    return "en" if lang.lower().startswith("en") else "sv"


class LiveSessionConsumer(AsyncWebsocketConsumer):
    """A phone watching a live session."""

    counts_as_presence = True
    hub: SessionHub | None = None

    async def connect(self) -> None:
        await self.accept()
        code = normalise_join_code(self.scope["url_route"]["kwargs"]["code"])
        try:
            await self.authorise()
            self.hub = await hub_acquire(code, scope_base_url(self.scope))
        except DomainError as exc:
            await self.send_error_and_close(exc)
            return
        self.hub.add(self)
        await self.send(text_data=self.hub.snapshot_text)
        await self.send(
            text_data=json.dumps({"type": "presence", "count": self.hub.presence_total()})
        )

    async def authorise(self) -> None:
        """Anyone holding the join code may watch; presenters override this."""

    async def disconnect(self, code: int) -> None:
        if self.hub is not None:
            self.hub.remove(self)
            self.hub = None

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        # The socket is read-only: answers go over REST. Anything else is a client bug.
        if text_data and len(text_data) <= INBOUND_FRAME_LIMIT:
            try:
                if json.loads(text_data).get("type") == "ping":
                    await self.send(text_data='{"type":"pong"}')
                    return
            except (ValueError, AttributeError):
                pass
        with translation.override(scope_language(self.scope)):
            body = error_body("unsupported_message", _("This connection only sends updates."))
        await self.send(text_data=json.dumps({"type": "error", **body}))

    async def send_frame(self, text: str) -> None:
        await self.send(text_data=text)

    async def send_error_and_close(self, exc: DomainError) -> None:
        with translation.override(scope_language(self.scope)):
            body = domain_error_body(exc)
        await self.send(text_data=json.dumps({"type": "error", **body}))
        await self.close(code=CLOSE_FOR_ERROR.get(exc.code, 4400))


class PresenterConsumer(LiveSessionConsumer):
    """The big screen: same feed, for staff only, and not counted as a phone."""

    counts_as_presence = False

    async def authorise(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            raise NotAuthenticated()
        await database_sync_to_async(require_role)(user, Role.YOUTH_WORKER, Role.OFFICIAL)
