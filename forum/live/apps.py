from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "forum.live"
    label = "live"

    def ready(self) -> None:
        from forum.live.services import forum_has_running_session, live_lock_guard
        from forum.participation.services import forum_archive_guard_register
        from forum.polls.services import answer_guard_register

        answer_guard_register(live_lock_guard)
        # A forum is not archived under a running session (docs/decisions/0049).
        forum_archive_guard_register(forum_has_running_session)
