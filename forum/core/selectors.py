"""forum.core's reads: every language with the review status of its translation, and the
departments as a tree."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from forum.core.department_tree import SEPARATOR, DepartmentTree, Node, name_key
from forum.core.languages import DEFAULT_LANGUAGE, LANGUAGES, Direction
from forum.core.models import Department, DepartmentLevel, LanguageReview, ReviewStatus
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


@dataclass(frozen=True, slots=True)
class DepartmentRow:
    id: int
    name: str
    level: str
    level_label: str
    parent_id: int | None
    # "Järva stadsdelsförvaltning › Avdelningen för … › Fritidsgården Husby"
    path: str
    # 0 for an administration, one more per level below: the tree's indentation.
    depth: int
    # Archived itself or under an archived department: shown where used, not offered anew.
    archived: bool


def department_path(department: Department) -> str:
    """The full path of one department (select_related("parent__parent") saves queries)."""
    names = []
    node: Department | None = department
    while node is not None:
        names.append(node.name)
        node = node.parent
    return SEPARATOR.join(reversed(names))


def department_is_archived(department: Department | None) -> bool:
    """Archived itself or under an archived department: not offered for new links."""
    while department is not None:
        if department.archived_at is not None:
            return True
        department = department.parent
    return False


def department_list(*, viewer: Any) -> list[DepartmentRow]:
    """Every department in tree order (parents first, siblings by name), archived too:
    every staff role reads them; pickers offer only those not archived."""
    require_role(viewer, Role.YOUTH_WORKER, Role.OFFICIAL, Role.COUNCIL_MEMBER)
    labels = dict(DepartmentLevel.choices)
    rows: list[DepartmentRow] = []

    def walk(nodes: list[Node], depth: int) -> None:
        for node in sorted(nodes, key=lambda n: (name_key(n.name), n.name)):
            department = node.department
            assert department is not None
            rows.append(
                DepartmentRow(
                    id=department.pk,
                    name=node.name,
                    level=node.level,
                    level_label=str(labels[node.level]),
                    parent_id=department.parent_id,
                    path=node.path,
                    depth=depth,
                    archived=not node.usable,
                )
            )
            walk(list(node.children.values()), depth + 1)

    walk(list(DepartmentTree.load().roots.values()), 0)
    return rows
