"""Response headers Django has no setting for."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.deprecation import MiddlewareMixin


class PermissionsPolicyMiddleware(MiddlewareMixin):
    """Send settings.PERMISSIONS_POLICY as the Permissions-Policy header on every response.

    Röstrum needs no camera, microphone or location (a photo comes through a file input,
    which needs no permission), so a script that got in could not ask for them either.
    MiddlewareMixin makes it async-capable: a sync-only middleware would push every
    request under uvicorn through extra thread hops (see api/static.py).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        super().__init__(get_response)
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
