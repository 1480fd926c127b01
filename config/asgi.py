"""ASGI entry point (composition root): HTTP through Django, websockets through Channels."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django
from channels.routing import ProtocolTypeRouter, URLRouter

django.setup(set_prefix=False)

# Django's handler, with the middleware chain and the view in one thread hop (api/handler.py).
from api.handler import SyncChainASGIHandler  # noqa: E402

django_asgi_app = SyncChainASGIHandler()

from api.live.origin import OriginCheckMiddleware  # noqa: E402
from api.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # Each route carries the middleware it needs (api/routing.py): phones only cookies.
        "websocket": OriginCheckMiddleware(URLRouter(websocket_urlpatterns)),
    }
)
