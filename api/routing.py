import json
from typing import Any

from channels.auth import AuthMiddlewareStack
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.sessions import CookieMiddleware
from django.urls import path, re_path
from django.utils import translation

from api.audit_context import AuditSocketMiddleware
from api.auth.mfa import SecondStepSocketMiddleware
from api.errors import domain_error_body
from api.ideas.consumers import IdeaBoardConsumer
from api.live.consumers import (
    CLOSE_FOR_ERROR,
    ConsoleConsumer,
    LiveSessionConsumer,
    PresenterConsumer,
)
from api.request_language import scope_language
from forum.core.errors import NotFound


class NotFoundConsumer(AsyncWebsocketConsumer):
    """A socket path no route matches: the one error frame, then close (4404). Channels'
    router would raise instead, and the handshake answered 500."""

    channel_layer_alias = "__hub_only__"  # not configured: no channel for a dead end

    async def connect(self) -> None:
        await self.accept()
        with translation.override(scope_language(self.scope)):
            body = domain_error_body(NotFound())
        await self.send(text_data=json.dumps({"type": "error", **body}))
        await self.close(code=CLOSE_FOR_ERROR["not_found"])


def staff_stack(consumer: Any) -> Any:
    """Session, user, whether the session still owes its second step (as over HTTP), and
    who acts for the audit log."""
    return AuthMiddlewareStack(SecondStepSocketMiddleware(AuditSocketMiddleware(consumer)))


# Phones need their cookies (the participant token) and never a staff login, so their
# sockets skip the session and auth middleware: AuthMiddleware resolves the user in a
# database thread hop on every connect, which a hall of 2,000 phones arriving at once
# would pay 2,000 times for nothing. Staff sockets and idea boards keep the full stack.
websocket_urlpatterns = [
    path("ws/live/<str:code>/", CookieMiddleware(LiveSessionConsumer.as_asgi())),
    path("ws/live/<str:code>/presenter/", staff_stack(PresenterConsumer.as_asgi())),
    path("ws/ideas/boards/<id:board_id>/", staff_stack(IdeaBoardConsumer.as_asgi())),
    path("ws/live/<str:code>/console/", staff_stack(ConsoleConsumer.as_asgi())),
    # [\s\S], like the HTTP catch-all under /api/: any other path, newlines included.
    re_path(r"^[\s\S]*$", NotFoundConsumer.as_asgi()),
]
