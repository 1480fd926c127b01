from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "forum.ideas"
    label = "ideas"

    def ready(self) -> None:
        from forum.ideas.retention import ideas_erase, ideas_purge
        from forum.participation.retention import eraser_register, retention_purger_register

        # Gallring and self-erasure run from participation (docs/decisions/0056).
        retention_purger_register(ideas_purge)
        eraser_register(ideas_erase)
