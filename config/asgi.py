"""ASGI entry point (composition root): HTTP through Django, websockets through Channels."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from channels.routing import ProtocolTypeRouter, URLRouter
from django.core.asgi import get_asgi_application

django_asgi_app = get_asgi_application()

from api.live.origin import OriginCheckMiddleware  # noqa: E402
from api.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # Each route carries the middleware it needs (api/routing.py): phones only cookies.
        "websocket": OriginCheckMiddleware(URLRouter(websocket_urlpatterns)),
    }
)
