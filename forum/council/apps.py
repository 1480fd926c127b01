from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "forum.council"
    label = "council"

    def ready(self) -> None:
        from forum.council.retention import council_erase, council_purge
        from forum.participation.retention import eraser_register, retention_purger_register

        # Gallring and self-erasure run from participation (docs/decisions/0056).
        retention_purger_register(council_purge, after_others=True)
        eraser_register(council_erase, after_others=True)

        # Council sits above ideas in the domain order: it plugs into the hooks ideas offers
        # instead of ideas importing council (docs/decisions/0022).
        from forum.council.selectors import (
            activity_is_linked,
            idea_step_planning_items,
            poll_planning_items,
        )
        from forum.council.services import idea_forwarded_link
        from forum.ideas import selectors as idea_selectors
        from forum.ideas import services as idea_services
        from forum.live.services import activity_in_use_check_register

        if idea_forwarded_link not in idea_services.idea_forwarded_hooks:
            idea_services.idea_forwarded_hooks.append(idea_forwarded_link)
        idea_selectors.poll_links_provider = poll_planning_items
        idea_selectors.step_planning_items_provider = idea_step_planning_items
        activity_in_use_check_register(activity_is_linked)
