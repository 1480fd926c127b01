from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "forum.core"
    label = "core"

    def ready(self) -> None:
        from forum.core.audit import audit_signals_connect

        audit_signals_connect()
