"""Repair of text stored before the text boundary (forum/core/text.py) existed.

A lone surrogate stored in an answer makes every page that shows it fail to encode (the
staff's held answers, the live console, the raw CSV export, the phone's own state), and
a stored bidi override still turns text around wherever it is shown. This walks every
text and JSON column of the domain apps and rewrites only the rows that need it, with
``text_repair``: surrogates become U+FFFD, bidi controls go. Run by a data migration
(forum/core/migrations/0003_repair_stored_text.py) and by ``manage.py repair_text``.
"""

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from forum.core.text import text_repair, text_repair_json

DOMAIN_APPS = ("core", "participation", "polls", "live", "ideas", "moderation", "council")


def _repair(field: "models.Field[Any, Any]", value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return text_repair_json(value)
    return text_repair(value)


def stored_text_repair(*, model_classes: Iterable[type[models.Model]]) -> dict[str, int]:
    """Repair every text and JSON value of these models; rows changed per model."""
    changed: dict[str, int] = {}
    for model in model_classes:
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
            and not f.primary_key
        ]
        if not fields:
            continue
        names = [f.attname for f in fields]
        count = 0
        with transaction.atomic():
            rows = model._default_manager.values_list("pk", *names).order_by("pk")
            for pk, *values in rows.iterator(chunk_size=2000):
                updates = {
                    name: repaired
                    for field, name, value in zip(fields, names, values, strict=True)
                    if (repaired := _repair(field, value)) != value
                }
                if updates:
                    model._default_manager.filter(pk=pk).update(**updates)
                    count += 1
        if count:
            changed[model._meta.label] = count
    return changed


def domain_models(apps: Any) -> list[type[models.Model]]:
    """The domain apps' models from an app registry (the live one or a migration's)."""
    # A migration's registry lists only apps that have models (core has none).
    configs = [c for c in apps.get_app_configs() if c.label in DOMAIN_APPS]
    # The audit log is never rewritten: it keeps what was there (decision 0055).
    return [
        model
        for config in configs
        for model in config.get_models()
        if model._meta.label_lower != "core.auditentry"
    ]
