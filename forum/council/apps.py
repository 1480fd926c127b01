from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "forum.council"
    label = "council"
