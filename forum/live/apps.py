from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "forum.live"
    label = "live"
