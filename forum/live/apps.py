from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "forum.live"
    label = "live"

    def ready(self) -> None:
        from forum.live.services import live_lock_guard
        from forum.polls.services import answer_guard_register

        answer_guard_register(live_lock_guard)
