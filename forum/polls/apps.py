from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "forum.polls"
    label = "polls"

    def ready(self) -> None:
        from forum.participation.retention import eraser_register, retention_purger_register
        from forum.polls.retention import polls_erase, polls_purge

        # Gallring and self-erasure run from participation (docs/decisions/0056).
        retention_purger_register(polls_purge)
        eraser_register(polls_erase)
