from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "forum.budgets"
    label = "budgets"
