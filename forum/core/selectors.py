"""forum.core's reads: every language with the review status of its translation."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from forum.core.languages import DEFAULT_LANGUAGE, LANGUAGES, Direction
from forum.core.models import LanguageReview, ReviewStatus
from forum.core.roles import Role, require_role

LanguageStatus = Literal["source", "needs_review", "reviewed"]


@dataclass(frozen=True, slots=True)
class LanguageReviewRow:
    code: str
    native_name: str
    english_name: str
    direction: Direction
    # "source" for Swedish (every text is written in it), else the review status.
    status: LanguageStatus
    reviewed_by: str | None
    reviewed_at: datetime | None
    note: str


def language_reviews(*, viewer: Any) -> list[LanguageReviewRow]:
    """Every language of the registry, in its order; a language without a row needs review.

    For staff who work with young people's texts (council members read briefs only).
    """
    require_role(viewer, Role.YOUTH_WORKER, Role.OFFICIAL)
    stored = {row.language: row for row in LanguageReview.objects.select_related("reviewed_by")}
    rows = []
    for language in LANGUAGES:
        row = stored.get(language.code)
        status: LanguageStatus = (
            "source"
            if language.code == DEFAULT_LANGUAGE
            else ("reviewed" if row and row.status == ReviewStatus.REVIEWED else "needs_review")
        )
        rows.append(
            LanguageReviewRow(
                code=language.code,
                native_name=language.native_name,
                english_name=language.english_name,
                direction=language.direction,
                status=status,
                reviewed_by=row.reviewed_by.get_username() if row and row.reviewed_by else None,
                reviewed_at=row.reviewed_at if row else None,
                note=row.note if row else "",
            )
        )
    return rows
