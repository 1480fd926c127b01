from channels.auth import AuthMiddlewareStack
from channels.sessions import CookieMiddleware
from django.urls import path

from api.ideas.consumers import IdeaBoardConsumer
from api.live.consumers import ConsoleConsumer, LiveSessionConsumer, PresenterConsumer

# Phones need their cookies (the participant token) and never a staff login, so their
# sockets skip the session and auth middleware: AuthMiddleware resolves the user in a
# database thread hop on every connect, which a hall of 2,000 phones arriving at once
# would pay 2,000 times for nothing. Staff sockets and idea boards keep the full stack.
websocket_urlpatterns = [
    path("ws/live/<str:code>/", CookieMiddleware(LiveSessionConsumer.as_asgi())),
    path("ws/live/<str:code>/presenter/", AuthMiddlewareStack(PresenterConsumer.as_asgi())),
    path("ws/ideas/boards/<id:board_id>/", AuthMiddlewareStack(IdeaBoardConsumer.as_asgi())),
    path("ws/live/<str:code>/console/", AuthMiddlewareStack(ConsoleConsumer.as_asgi())),
]
