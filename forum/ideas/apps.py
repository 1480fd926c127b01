from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "forum.ideas"
    label = "ideas"
