"""A board's change feed: a notification, never content.

Idea boards are read over REST, where each phone sees what it may (published ideas plus
its own, with its own supports and fair order). The socket only says "this board
changed": it carries no idea, comment or photo, so held, hidden or rejected content can
never travel over it. Changes are coalesced per socket to one frame per
BOARD_NOTIFY_INTERVAL_SECONDS, so a burst of supports costs each phone one refetch.
"""

import asyncio
import json
from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer
from rest_framework.exceptions import ParseError

from api.errors import domain_error_body
from api.live.consumers import CLOSE_FOR_ERROR, INBOUND_FRAME_LIMIT
from api.live.db import database_sync_to_async
from api.parsers import json_loads_checked
from forum.core.errors import DomainError
from forum.core.events import idea_board_group
from forum.ideas.selectors import idea_board_get

BOARD_NOTIFY_INTERVAL_SECONDS = 1.0
CHANGED_FRAME = json.dumps({"type": "board_changed"})


class IdeaBoardConsumer(AsyncWebsocketConsumer):
    group = ""
    _pending: asyncio.Task[None] | None = None

    async def connect(self) -> None:
        await self.accept()
        try:
            board = await database_sync_to_async(idea_board_get)(
                board_id=int(self.scope["url_route"]["kwargs"]["board_id"])
            )
        except DomainError as exc:
            await self.send(text_data=json.dumps({"type": "error", **domain_error_body(exc)}))
            await self.close(code=CLOSE_FOR_ERROR.get(exc.code, 4404))
            return
        self.group = idea_board_group(board.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        # Subscribed first, then told to (re)load: no change can fall in between.
        await self.send(text_data=CHANGED_FRAME)

    async def disconnect(self, code: int) -> None:
        if self._pending is not None:
            self._pending.cancel()
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if text_data and len(text_data) <= INBOUND_FRAME_LIMIT:
            try:
                if json_loads_checked(text_data).get("type") == "ping":
                    await self.send(text_data='{"type":"pong"}')
            except (ParseError, DomainError, AttributeError):
                pass  # only pings are understood here

    async def ideas_board_changed(self, event: dict[str, Any]) -> None:
        if self._pending is None or self._pending.done():
            self._pending = asyncio.create_task(self._notify_later())

    async def _notify_later(self) -> None:
        await asyncio.sleep(BOARD_NOTIFY_INTERVAL_SECONDS)
        await self.send(text_data=CHANGED_FRAME)
