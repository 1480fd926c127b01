"""Static files under ASGI without pushing every request through a thread.

WhiteNoise's middleware is sync-only: under uvicorn Django then runs the whole middleware
chain through sync_to_async/AsyncToSync, 18 thread hops for one API request.
This subclass keeps WhiteNoise's lookup and headers (compressed variants, immutable
max-age for hashed names) and is async-capable, so the chain stays async and an API
request makes one hop, into its sync view. A file's bytes are read in a thread chunk by
chunk (an async iterator), so Django need not consume a sync iterator on the event loop.
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, BinaryIO

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, HttpResponseBase, StreamingHttpResponse
from whitenoise.middleware import WhiteNoiseMiddleware

CHUNK_BYTES = 64 * 1024


async def _chunks(file: BinaryIO) -> AsyncIterator[bytes]:
    try:
        while chunk := await asyncio.to_thread(file.read, CHUNK_BYTES):
            yield chunk
    finally:
        await asyncio.to_thread(file.close)


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[..., Any]) -> None:
        super().__init__(get_response)
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if iscoroutinefunction(self):
            return self.__acall__(request)
        response = super().__call__(request)
        if isinstance(request, ASGIRequest):
            _stream_async(response)
        return response

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        # WhiteNoise's own lookup: a dictionary for collected files (finders and
        # autorefresh, development only, look at the disk).
        if self.autorefresh:
            static_file = self.find_file(request.path_info)
        else:
            static_file = self.files.get(request.path_info)
        if static_file is None:
            inner: Callable[[HttpRequest], Awaitable[HttpResponseBase]] = self.get_response
            return await inner(request)
        response = self.serve(static_file, request)
        _stream_async(response)
        return response


def _stream_async(response: HttpResponseBase) -> None:
    """Under ASGI, a file's bytes as an async iterator (read in a thread, chunk by chunk):
    Django would otherwise consume the sync iterator with a warning per file."""
    if isinstance(response, StreamingHttpResponse) and not response.is_async:
        file = getattr(response, "file_to_stream", None)
        if file is not None:
            response.streaming_content = _chunks(file)
