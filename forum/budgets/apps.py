from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "forum.budgets"
    label = "budgets"

    def ready(self) -> None:
        from forum.budgets.retention import budgets_erase, budgets_purge
        from forum.participation.retention import eraser_register, retention_purger_register

        # Gallring and self-erasure run from participation (docs/decisions/0056).
        retention_purger_register(budgets_purge)
        eraser_register(budgets_erase)
