"""Django's ASGI handler with the middleware chain and the view in one thread hop.

Stock ASGIHandler loads the middleware in async mode: every MiddlewareMixin middleware
then runs its hooks through sync_to_async (twice each), and a sync-only one (WhiteNoise)
adds an AsyncToSync back: 18 thread hops for one API request. Our views are
sync (DRF) and so is every middleware's work, so here the chain is loaded in sync mode,
as under WSGI, and a request crosses into a worker thread once: middleware, view and
database calls run there together. Websockets are untouched (Channels, api/routing.py).
"""

from typing import Any

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler
from django.http import HttpRequest, HttpResponseBase


class SyncChainASGIHandler(ASGIHandler):
    def __init__(self) -> None:
        BaseHandler.__init__(self)
        self.load_middleware(is_async=False)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        # thread_sensitive: like every sync view under stock Django ASGI (one thread per
        # request context), so database connections behave exactly as before.
        response: Any = await sync_to_async(self.get_response, thread_sensitive=True)(request)
        return response
