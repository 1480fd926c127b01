from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "forum.moderation"
    label = "moderation"

    def ready(self) -> None:
        from forum.moderation.retention import moderation_erase, moderation_purge
        from forum.participation.retention import eraser_register, retention_purger_register

        # Gallring and self-erasure run from participation (docs/decisions/0056).
        retention_purger_register(moderation_purge)
        eraser_register(moderation_erase)
