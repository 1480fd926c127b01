from django.urls import path

from api.ideas.consumers import IdeaBoardConsumer
from api.live.consumers import ConsoleConsumer, LiveSessionConsumer, PresenterConsumer

websocket_urlpatterns = [
    path("ws/live/<str:code>/", LiveSessionConsumer.as_asgi()),
    path("ws/live/<str:code>/presenter/", PresenterConsumer.as_asgi()),
    path("ws/ideas/boards/<int:board_id>/", IdeaBoardConsumer.as_asgi()),
    path("ws/live/<str:code>/console/", ConsoleConsumer.as_asgi()),
]
