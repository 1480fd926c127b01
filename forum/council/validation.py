"""Field rules for council data, shared by the services and the spreadsheet import.

Its own module so that services (which run an import) and imports (which check each row
like the form does) both point down at it instead of at each other.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from forum.council.models import (
    DevelopmentArea,
    PlanningItem,
    PlanningItemStatus,
    validate_reference,
)


def too_long(name: str, value: str, limit: int) -> dict[str, list[Any]]:
    if len(value) > limit:
        return {name: [_("At most %(max)d characters.") % {"max": limit}]}
    return {}


def planning_item_field_errors(
    data: Mapping[str, Any], *, instance: PlanningItem | None = None
) -> dict[str, list[Any]]:
    """Field errors for a planning item's data (shared by the form and the import)."""
    errors: dict[str, list[Any]] = {}
    title = str(data.get("title", "")).strip()
    if not title:
        errors["title"] = [_("Write a title.")]
    errors |= too_long("title", title, 300)
    reference = str(data.get("reference", "")).strip()
    try:
        validate_reference(reference)
    except ValidationError as exc:
        errors["reference"] = list(exc.messages)
    else:
        taken = PlanningItem.objects.filter(reference=reference)
        if instance is not None:
            taken = taken.exclude(pk=instance.pk)
        if taken.exists():
            errors["reference"] = [_("A planning item with this registry number already exists.")]
    if data.get("area") not in DevelopmentArea.values:
        errors["area"] = [_("Choose one of the development areas.")]
    if data.get("status", PlanningItemStatus.PLANNED) not in PlanningItemStatus.values:
        errors["status"] = [_("Choose a status.")]
    errors |= too_long("description", str(data.get("description", "")), 10_000)
    return errors
