"""Reads for moderation: report counts and the audit trail (staff only)."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet

from forum.core.roles import Role, require_role
from forum.moderation.models import ContentReport, ModeratedContent, ModerationAction, WordAction
from forum.moderation.services import report_threshold, word_list
from forum.participation.access import require_forum_staff
from forum.participation.models import Forum


def open_reports(*, model: type[ModeratedContent]) -> QuerySet[ContentReport]:
    """Reports of ``model`` items that staff have not marked as abuse."""
    return ContentReport.objects.filter(
        content_type=ContentType.objects.get_for_model(model), abusive_at__isnull=True
    )


def report_counts(*, model: type[ModeratedContent], ids: list[int]) -> dict[int, int]:
    """Open reports (not marked as abuse) per item."""
    return dict(
        open_reports(model=model)
        .filter(object_id__in=ids)
        .values("object_id")
        .annotate(n=Count("id"))
        .values_list("object_id", "n")
    )


def moderation_history(*, item: ModeratedContent) -> list[ModerationAction]:
    """The audit trail of one item, oldest first (staff only: it holds internal remarks)."""
    return list(
        ModerationAction.objects.select_related("actor").filter(
            content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk
        )
    )


def word_list_for_staff(*, language: str, action: str, viewer: Any) -> list[str]:
    """The list in force (stored, or the built-in default) for staff to edit."""
    require_role(viewer, Role.YOUTH_WORKER, Role.ADMIN)
    return word_list(language, WordAction(action))


def forum_moderation_settings(*, forum: Forum, viewer: Any) -> tuple[bool, int]:
    require_forum_staff(viewer, forum, Role.YOUTH_WORKER)
    return forum.pre_moderation, report_threshold(forum=forum)
