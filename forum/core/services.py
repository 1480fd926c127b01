"""forum.core's writes: the review status of a translation."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.errors import InvalidInput
from forum.core.models import NOTE_MAX_LENGTH, REVIEWABLE_LANGUAGES, LanguageReview, ReviewStatus
from forum.core.roles import Role, require_role
from forum.core.text import text_clean_optional


@transaction.atomic
def language_review_mark(*, language: str, reviewed: bool, note: str, actor: Any) -> LanguageReview:
    """An admin records that a native speaker has (or has not yet) read ``language``."""
    require_role(actor, Role.ADMIN)
    if language not in REVIEWABLE_LANGUAGES:
        raise InvalidInput(
            fields={"language": [_("Choose one of the translated languages (not Swedish).")]}
        )
    note = text_clean_optional(note, field="note", multiline=True)
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidInput(
            fields={"note": [_("At most %(max)d characters.") % {"max": NOTE_MAX_LENGTH}]}
        )
    row, _created = LanguageReview.objects.select_for_update().get_or_create(language=language)
    if reviewed:
        # Marking it reviewed again records the latest review.
        row.status, row.reviewed_by, row.reviewed_at = ReviewStatus.REVIEWED, actor, timezone.now()
    else:
        row.status, row.reviewed_by, row.reviewed_at = ReviewStatus.NEEDS_REVIEW, None, None
    row.note = note
    row.save()
    return row
