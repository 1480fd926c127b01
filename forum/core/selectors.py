"""forum.core's reads: every language with the review status of its translation, the
departments as a tree, and the audit log."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from forum.core.department_tree import SEPARATOR, DepartmentTree, Node, name_key
from forum.core.languages import DEFAULT_LANGUAGE, LANGUAGES, Direction
from forum.core.models import (
    AuditAction,
    AuditEntry,
    Department,
    DepartmentLevel,
    LanguageReview,
    ReviewStatus,
)
from forum.core.roles import Role, require_role
from forum.core.tabular import Cell, Table

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


# --- the audit log (admins only, decision 0055) -------------------------------------------------

AUDIT_PAGE_SIZE = 50
AUDIT_EXPORT_MAX_ROWS = 100_000


@dataclass(frozen=True, slots=True)
class AuditFilter:
    actor: str = ""  # the username as written at the time, exactly
    action: str = ""
    object_type: str = ""
    forum_id: int | None = None
    since: date | None = None
    until: date | None = None  # inclusive


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    actor_username: str
    actor_roles: str
    action: str
    action_label: str
    object_type: str
    object_id: str
    object_label: str
    forum_id: int | None
    ip: str | None
    changes: dict[str, Any]
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AuditPage:
    rows: list[AuditRow]
    count: int
    page: int
    page_size: int


def _audit_entries(*, viewer: Any, filters: AuditFilter) -> "QuerySet[AuditEntry]":
    require_role(viewer, Role.ADMIN)
    entries = AuditEntry.objects.order_by("-at", "-id")
    if filters.actor:
        entries = entries.filter(actor_username=filters.actor)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.object_type:
        entries = entries.filter(object_type=filters.object_type)
    if filters.forum_id is not None:
        entries = entries.filter(forum_id=filters.forum_id)
    if filters.since is not None:
        entries = entries.filter(at__date__gte=filters.since)
    if filters.until is not None:
        entries = entries.filter(at__date__lte=filters.until)
    return entries


def _audit_row(entry: AuditEntry) -> AuditRow:
    return AuditRow(
        id=entry.pk,
        at=entry.at,
        actor_username=entry.actor_username,
        actor_roles=entry.actor_roles,
        action=entry.action,
        action_label=str(AuditAction(entry.action).label),
        object_type=entry.object_type,
        object_id=entry.object_id,
        object_label=entry.object_label,
        forum_id=entry.forum_id,
        ip=entry.ip,
        changes=entry.changes,
        detail=entry.detail,
    )


def audit_page(*, viewer: Any, filters: AuditFilter, page: int = 1) -> AuditPage:
    """One page of the log, newest first (admins only)."""
    entries = _audit_entries(viewer=viewer, filters=filters)
    start = (max(page, 1) - 1) * AUDIT_PAGE_SIZE
    rows = [_audit_row(e) for e in entries[start : start + AUDIT_PAGE_SIZE]]
    return AuditPage(rows=rows, count=entries.count(), page=page, page_size=AUDIT_PAGE_SIZE)


def audit_table(*, viewer: Any, filters: AuditFilter) -> Table:
    """The filtered log as a table for the one export writer (newest first)."""
    header = [
        str(_("When")),
        str(_("Who")),
        str(_("Roles")),
        str(_("Action")),
        str(_("Object type")),
        str(_("Object id")),
        str(_("Object")),
        str(_("Forum id")),
        str(_("IP address")),
        str(_("Changes")),
        str(_("Details")),
    ]
    rows: list[list[Cell]] = []
    for entry in _audit_entries(viewer=viewer, filters=filters)[:AUDIT_EXPORT_MAX_ROWS].iterator(
        chunk_size=2000
    ):
        rows.append(
            [
                entry.at.isoformat(),
                entry.actor_username,
                entry.actor_roles,
                entry.action,
                entry.object_type,
                entry.object_id,
                entry.object_label,
                entry.forum_id,
                entry.ip,
                json.dumps(entry.changes, ensure_ascii=False, cls=DjangoJSONEncoder),
                json.dumps(entry.detail, ensure_ascii=False, cls=DjangoJSONEncoder),
            ]
        )
    return Table(header=header, rows=rows, title=str(_("Audit log")))
