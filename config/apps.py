from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The top layer as an app: no models, only the commands that know every layer."""

    name = "config"
    label = "config"
    verbose_name = "Röstrum composition root"
