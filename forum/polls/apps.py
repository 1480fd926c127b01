from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "forum.polls"
    label = "polls"
