from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "forum.live"
    label = "live"

    def ready(self) -> None:
        from forum.live.retention import live_erase, live_purge
        from forum.participation.retention import eraser_register, retention_purger_register

        # Gallring and self-erasure run from participation (docs/decisions/0056).
        retention_purger_register(live_purge)
        eraser_register(live_erase)

        from forum.live.services import forum_has_running_session, live_lock_guard
        from forum.participation.services import forum_archive_guard_register
        from forum.polls.services import answer_guard_register

        answer_guard_register(live_lock_guard)
        # A forum is not archived under a running session (docs/decisions/0049).
        forum_archive_guard_register(forum_has_running_session)
