from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "forum.participation"
    label = "participation"
