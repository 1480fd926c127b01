from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand

from forum.core.repair import domain_models, stored_text_repair


class Command(BaseCommand):
    help = (
        "Repair stored text no page can show: lone UTF-16 surrogates become U+FFFD, bidi "
        "override and isolate controls are removed (the same repair as migration core 0003)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = stored_text_repair(model_classes=domain_models(apps))
        for label, count in changed.items():
            self.stdout.write(f"{label}: {count} rows repaired")
        self.stdout.write(f"{sum(changed.values())} rows repaired in all")
