"""Moderation's part of gallring and self-erasure (forum/participation/retention.py).

Reports say who reported what: they go once the period is over, or with the reporter.
The audit trail stays, but its free text (a reason shown to the writer, a staff remark)
may quote the post, so it is emptied when the post's text is (``moderation_text_clear``).
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import models

from forum.moderation.models import ContentReport, ModerationAction
from forum.participation.models import Forum
from forum.participation.retention import StandIns


def moderation_text_clear(*, model: type[models.Model], ids: list[int]) -> int:
    """Empty the reasons and remarks recorded about these posts; how many records changed."""
    if not ids:
        return 0
    content_type = ContentType.objects.get_for_model(model)
    return (
        ModerationAction.objects.filter(content_type=content_type, object_id__in=ids)
        .exclude(reason="", remark="")
        .update(reason="", remark="")
    )


def moderation_history_delete(*, model: type[models.Model], ids: list[int]) -> None:
    """Posts deleted outright take their audit records and reports with them (a generic
    relation does not cascade)."""
    if not ids:
        return
    content_type = ContentType.objects.get_for_model(model)
    ModerationAction.objects.filter(content_type=content_type, object_id__in=ids).delete()
    ContentReport.objects.filter(content_type=content_type, object_id__in=ids).delete()


def moderation_purge(forum: Forum, cutoff: dt.datetime, stand_ins: StandIns) -> dict[str, int]:
    deleted, _kinds = ContentReport.objects.filter(forum=forum, created_at__lt=cutoff).delete()
    return {"reports_deleted": deleted}


def moderation_erase(participant_ids: list[int], stand_ins: StandIns) -> dict[str, int]:
    deleted, _kinds = ContentReport.objects.filter(participant_id__in=participant_ids).delete()
    return {"reports_deleted": deleted}
