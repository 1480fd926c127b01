"""forum.core's writes: the review status of a translation, and the departments."""

import logging
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.audit import SystemActor, audit_record, audit_signals_paused
from forum.core.department_tree import (
    LEVEL_WORDS,
    DepartmentTree,
    Node,
    TreeError,
    hierarchy_error,
    name_clean,
    name_error,
    name_key,
    split_path,
)
from forum.core.errors import ImportHasErrors, InvalidInput, NotFound
from forum.core.models import (
    NOTE_MAX_LENGTH,
    REVIEWABLE_LANGUAGES,
    AuditAction,
    Department,
    DepartmentLevel,
    LanguageReview,
    ReviewStatus,
)
from forum.core.roles import Role, require_role
from forum.core.selectors import department_is_archived
from forum.core.tabular import read_table
from forum.core.text import text_clean_optional

logger = logging.getLogger(__name__)


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


# --- departments ----------------------------------------------------------------------------

DEPARTMENT_IMPORT_MAX_ROWS = 2000
DEPARTMENT_IMPORT_MAX_BYTES = 2 * 1024 * 1024


def _department_parent(parent_id: int | None) -> Department | None:
    if parent_id is None:
        return None
    parent = Department.objects.filter(pk=parent_id).first()
    if parent is None:
        raise InvalidInput(fields={"parent_id": [_("There is no such department.")]})
    return parent


def _department_errors(
    *,
    name: str,
    level: str,
    parent: Department | None,
    instance: Department | None = None,
    new_place: bool = True,
) -> dict[str, list[Any]]:
    errors: dict[str, list[Any]] = {}
    if error := name_error(name):
        errors["name"] = [error]
    if level not in DepartmentLevel.values:
        errors["level"] = [_("Choose förvaltning, avdelning or enhet.")]
    elif error := hierarchy_error(level, parent.level if parent else None):
        errors["parent_id"] = [error]
    # A department that stays where it is keeps its archived parent: history, not a choice.
    if new_place and parent is not None and department_is_archived(parent):
        errors.setdefault("parent_id", []).append(_("That department is archived: choose another."))
    siblings = Department.objects.filter(parent=parent)
    if instance is not None:
        siblings = siblings.exclude(pk=instance.pk)
    if name and any(
        name_key(other) == name_key(name) for other in siblings.values_list("name", flat=True)
    ):
        errors.setdefault("name", []).append(
            _("There already is a department called “%(name)s” here.") % {"name": name}
        )
    return errors


def _save_department(department: Department) -> Department:
    try:
        with transaction.atomic():
            department.save()
    except IntegrityError:  # the same name saved concurrently
        raise InvalidInput(
            fields={
                "name": [
                    _("There already is a department called “%(name)s” here.")
                    % {"name": department.name}
                ]
            }
        ) from None
    return department


def department_create(*, name: str, level: str, parent_id: int | None, actor: Any) -> Department:
    """An official adds a förvaltning, avdelning or enhet where it belongs in the tree."""
    require_role(actor, Role.OFFICIAL)
    name = name_clean(name)
    parent = _department_parent(parent_id)
    if errors := _department_errors(name=name, level=level, parent=parent):
        raise InvalidInput(fields=errors)
    return _save_department(Department(name=name, level=level, parent=parent))


@transaction.atomic
def department_update(
    *,
    department: Department,
    actor: Any,
    name: str | None = None,
    level: str | None = None,
    parent_id: int | None = None,
    move: bool = False,
) -> Department:
    """Rename a department, change its level or (with ``move``) put it under ``parent_id``
    (None: at the top). Planning items and decisions keep pointing at it."""
    require_role(actor, Role.OFFICIAL)
    new_name = name_clean(name) if name is not None else department.name
    new_level = level if level is not None else department.level
    parent = _department_parent(parent_id) if move else department.parent
    errors = _department_errors(
        name=new_name,
        level=new_level,
        parent=parent,
        instance=department,
        new_place=move and parent != department.parent,
    )
    if move:
        ancestor = parent
        while ancestor is not None:
            if ancestor.pk == department.pk:
                errors.setdefault("parent_id", []).append(
                    _("A department cannot stand under itself or one of its own units.")
                )
                break
            ancestor = ancestor.parent
    for child in department.children.all():
        if error := hierarchy_error(child.level, new_level):
            errors.setdefault("level", []).append(
                _("“%(child)s” below it cannot stay there: %(why)s")
                % {"child": child.name, "why": error}
            )
    if errors:
        raise InvalidInput(fields=errors)
    department.name, department.level, department.parent = new_name, new_level, parent
    return _save_department(department)


@transaction.atomic
def department_archive(*, department: Department, actor: Any) -> Department:
    """Retire a department: it stays where planning items and decisions name it, and is no
    longer offered for new ones. Its units are retired first, one by one."""
    require_role(actor, Role.OFFICIAL)
    if department.children.filter(archived_at__isnull=True).exists():
        raise InvalidInput(
            _("Archive the departments below it first."),
            fields={"archived": [_("Archive the departments below it first.")]},
        )
    if department.archived_at is None:
        department.archived_at = timezone.now()
        department.save(update_fields=["archived_at"])
    return department


def department_get(*, department_id: int) -> Department:
    department = (
        Department.objects.select_related("parent__parent").filter(pk=department_id).first()
    )
    if department is None:
        raise NotFound()
    return department


@dataclass(frozen=True)
class DepartmentImportRow:
    line: int  # as the official sees it in the spreadsheet (the heading is line 1)
    values: dict[str, str]
    errors: dict[str, list[str]] = field(default_factory=dict)
    # Already in the list with this level: nothing to do for the line.
    exists: bool = False


@dataclass(frozen=True)
class DepartmentImport:
    rows: list[DepartmentImportRow]
    file_errors: list[str] = field(default_factory=list)
    # Full paths of the departments the import adds (or added, once saved).
    created: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors and bool(self.rows) and not any(r.errors for r in self.rows)

    def error_fields(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {"file": list(self.file_errors)} if self.file_errors else {}
        for row in self.rows:
            for name, messages in row.errors.items():
                out[f"line {row.line}.{name}"] = messages
        return out


DEPARTMENT_HEADINGS = {
    "name": "name",
    "namn": "name",
    "level": "level",
    "nivå": "level",
    "parent": "parent",
    "parent path": "parent",
    "under": "parent",
    "överordnad": "parent",
}


def _department_import_rows(
    table: list[list[str]], tree: DepartmentTree
) -> list[DepartmentImportRow]:
    header = [DEPARTMENT_HEADINGS.get(c.strip().lower(), "") for c in table[0]]
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        raw = {n: cells[i].strip() for i, n in enumerate(header) if n and i < len(cells)}
        values = {
            "name": name_clean(raw.get("name", "")),
            "level": raw.get("level", ""),
            "parent": raw.get("parent", ""),
        }
        level = LEVEL_WORDS.get(values["level"].lower())
        errors: dict[str, list[str]] = {}
        exists = False
        if level is None:
            errors["level"] = [str(_("Write förvaltning, avdelning or enhet."))]
        parent: Node | None = None
        if values["parent"] and split_path(values["parent"]):
            try:
                parent = tree.resolve(values["parent"], create=False)
            except TreeError as exc:
                errors["parent"] = [str(exc)]
        if not errors and level is not None:
            found = tree.child(parent, values["name"]) if values["name"] else None
            if found is not None and found.level == level:
                exists = True
            elif found is not None:
                errors["name"] = [
                    _("“%(path)s” is already in the list at another level.") % {"path": found.path}
                ]
            else:
                try:
                    tree.plan(parent, values["name"], level)
                except TreeError as exc:
                    errors["name"] = [str(exc)]
        rows.append(DepartmentImportRow(line=line, values=values, errors=errors, exists=exists))
    return rows


def department_import(
    *, filename: str, content: bytes, confirm: bool, actor: Any
) -> DepartmentImport:
    """Preview a CSV/XLSX of departments (name, level, parent path); with ``confirm`` add
    all new ones or none. Lines already in the list change nothing."""
    require_role(actor, Role.OFFICIAL)
    if len(content) > DEPARTMENT_IMPORT_MAX_BYTES:
        return DepartmentImport(
            rows=[], file_errors=[str(_("The file is too large (at most 2 MB)."))]
        )
    try:
        table = read_table(filename, content, max_rows=DEPARTMENT_IMPORT_MAX_ROWS)
    except Exception:  # a broken or foreign file: say so, never 500
        return DepartmentImport(
            rows=[], file_errors=[str(_("The file could not be read. Use CSV (UTF-8) or XLSX."))]
        )
    table = [r for r in table if any(c.strip() for c in r)]
    if not table:
        return DepartmentImport(rows=[], file_errors=[str(_("The file is empty."))])
    header = {DEPARTMENT_HEADINGS.get(c.strip().lower(), "") for c in table[0]}
    if missing := [n for n in ("name", "level") if n not in header]:
        return DepartmentImport(
            rows=[],
            file_errors=[
                _("Missing columns: %(cols)s. The first line must name the columns.")
                % {"cols": ", ".join(missing)}
            ],
        )
    if len(table) - 1 > DEPARTMENT_IMPORT_MAX_ROWS:
        return DepartmentImport(
            rows=[],
            file_errors=[_("At most %(n)d lines at a time.") % {"n": DEPARTMENT_IMPORT_MAX_ROWS}],
        )
    with transaction.atomic():
        tree = DepartmentTree(Department.objects.select_for_update())
        rows = _department_import_rows(table, tree)
        result = DepartmentImport(rows=rows, created=[n.path for n in tree.planned])
        if not confirm:
            return result
        if not result.ok:
            raise ImportHasErrors(fields=result.error_fields())
        try:
            with transaction.atomic():
                tree.save_planned()
        except IntegrityError:
            raise ImportHasErrors() from None
    return result


# --- staff roles ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleChange:
    added: frozenset[Role]
    removed: frozenset[Role]


@transaction.atomic
def staff_roles_set(*, user: Any, roles: set[Role], actor: Any, reason: str) -> RoleChange:
    """The one writer of a user's role groups: exactly ``roles`` afterwards (groups that are
    not roles are left alone). ``actor`` is an admin, or a ``SystemActor`` for the system
    itself, e.g. a city login setting the roles the identity provider grants (``reason``
    says which). A change is one audit entry, the groups before and after.
    """
    if not isinstance(actor, SystemActor):
        require_role(actor, Role.ADMIN)
    groups_before = sorted(user.groups.values_list("name", flat=True))
    held = {Role(name) for name in groups_before if name in {role.value for role in Role}}
    added, removed = roles - held, held - roles
    with audit_signals_paused():  # one entry below, not one per remove and add
        if removed:
            user.groups.remove(*Group.objects.filter(name__in=removed))
        if added:
            user.groups.add(*(Group.objects.get_or_create(name=role.value)[0] for role in added))
    if added or removed:
        logger.info(
            "roles of %s: added %s, removed %s (%s)",
            user.get_username(),
            sorted(added),
            sorted(removed),
            reason,
        )
        audit_record(
            action=AuditAction.ROLE_CHANGE,
            actor=actor,
            obj=user,
            changes={"groups": [groups_before, sorted(user.groups.values_list("name", flat=True))]},
            detail={"via": reason},
        )
    return RoleChange(added=frozenset(added), removed=frozenset(removed))
