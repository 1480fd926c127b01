"""The rules of the department tree (förvaltning › avdelning › enhet), shared by the
services behind the forms, the spreadsheet imports and the data migration.

``DepartmentTree`` holds the whole (small) table in memory: an import resolves every
row's path without a query per row, and plans the departments it will create so that
the preview can say so and the saving step creates them in the same transaction.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from forum.core.models import Department, DepartmentLevel

SEPARATOR = " › "
# What separates levels in a typed or imported path: the arrow we write, or > or /.
PATH_SPLIT = re.compile(r"[›>/]")
NAME_MAX_LENGTH = 200
# Top down: a child always stands lower than its parent.
LEVEL_RANK = {
    DepartmentLevel.ADMINISTRATION: 0,
    DepartmentLevel.DIVISION: 1,
    DepartmentLevel.UNIT: 2,
}
# The level a department created from a path gets at each depth.
LEVEL_BY_DEPTH = (DepartmentLevel.ADMINISTRATION, DepartmentLevel.DIVISION, DepartmentLevel.UNIT)
# A level as written in a spreadsheet (Swedish or English) -> stored code.
LEVEL_WORDS = {
    "administration": DepartmentLevel.ADMINISTRATION,
    "förvaltning": DepartmentLevel.ADMINISTRATION,
    "division": DepartmentLevel.DIVISION,
    "avdelning": DepartmentLevel.DIVISION,
    "unit": DepartmentLevel.UNIT,
    "enhet": DepartmentLevel.UNIT,
}


class TreeError(Exception):
    """A path or place in the tree that cannot be used; the message is for the official."""


def name_clean(name: str) -> str:
    """One space between words, none around: "Fritidsgården  Husby " is "Fritidsgården Husby"."""
    return " ".join(name.split())


def name_key(name: str) -> str:
    # "Avdelningen för Kultur" and "avdelningen för kultur" are the same department.
    return name_clean(name).casefold()


def split_path(text: str) -> list[str]:
    return [name_clean(part) for part in PATH_SPLIT.split(text) if part.strip()]


def name_error(name: str) -> str | None:
    if not name:
        return _("Write a name.")
    if len(name) > NAME_MAX_LENGTH:
        return _("At most %(max)d characters.") % {"max": NAME_MAX_LENGTH}
    if PATH_SPLIT.search(name):
        return _("A name cannot hold › > or /: they separate the levels of a path.")
    return None


def hierarchy_error(level: str, parent_level: str | None) -> str | None:
    """Why a department of ``level`` cannot stand under a parent of ``parent_level``
    (None: at the top), or None when it can."""
    if parent_level is None:
        if level == DepartmentLevel.ADMINISTRATION:
            return None
        return _("Only an administration (förvaltning) stands at the top: choose where it belongs.")
    if level == DepartmentLevel.ADMINISTRATION:
        return _("An administration (förvaltning) stands at the top: it belongs to no other.")
    if parent_level == DepartmentLevel.UNIT:
        return _("A unit (enhet) holds no other departments.")
    if level == DepartmentLevel.DIVISION and parent_level != DepartmentLevel.ADMINISTRATION:
        return _("A division (avdelning) belongs to an administration (förvaltning).")
    return None


@dataclass(eq=False)
class Node:
    name: str
    level: str
    parent: "Node | None"
    archived: bool = False
    # None until saved: a department an import plans to create.
    department: Department | None = None
    children: dict[str, "Node"] = field(default_factory=dict)

    @property
    def path(self) -> str:
        names = []
        node: Node | None = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return SEPARATOR.join(reversed(names))

    @property
    def usable(self) -> bool:
        """Offered for new links: neither it nor any department above it is archived."""
        node: Node | None = self
        while node is not None:
            if node.archived:
                return False
            node = node.parent
        return True


class DepartmentTree:
    def __init__(self, departments: Iterable[Department]) -> None:
        self.roots: dict[str, Node] = {}
        self.planned: list[Node] = []
        rows = list(departments)
        nodes = {
            d.pk: Node(
                name=d.name,
                level=d.level,
                parent=None,
                archived=d.archived_at is not None,
                department=d,
            )
            for d in rows
        }
        for d in rows:
            node = nodes[d.pk]
            if d.parent_id is None:
                self.roots[name_key(d.name)] = node
            else:
                node.parent = nodes[d.parent_id]
                node.parent.children[name_key(d.name)] = node

    @classmethod
    def load(cls) -> "DepartmentTree":
        return cls(Department.objects.all())

    def all_nodes(self) -> list[Node]:
        out: list[Node] = []
        stack = list(self.roots.values())
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(node.children.values())
        return out

    def child(self, parent: Node | None, name: str) -> Node | None:
        siblings = self.roots if parent is None else parent.children
        return siblings.get(name_key(name))

    def plan(self, parent: Node | None, name: str, level: str) -> Node:
        """A department to create under ``parent``; TreeError when the tree's rules say no."""
        if error := name_error(name):
            raise TreeError(error)
        if error := hierarchy_error(level, parent.level if parent else None):
            raise TreeError(error)
        if parent is not None and not parent.usable:
            raise TreeError(
                _("“%(path)s” is archived: choose another place.") % {"path": parent.path}
            )
        node = Node(name=name, level=level, parent=parent)
        (self.roots if parent is None else parent.children)[name_key(name)] = node
        self.planned.append(node)
        return node

    def resolve(self, text: str, *, create: bool) -> Node | None:
        """The department a typed path or plain name means (None for blank text). With
        ``create``, departments missing from the path are planned; a plain unknown name
        becomes a division of the one administration (or an administration when there is
        none yet). TreeError for an ambiguous name, an archived department or a path that
        breaks the tree's rules."""
        names = split_path(text)
        if not names:
            return None
        if len(names) > len(LEVEL_BY_DEPTH):
            raise TreeError(_("At most three levels: förvaltning › avdelning › enhet."))
        if len(names) == 1:
            node = self._by_name(names[0], create=create)
        else:
            node = None
            for depth, name in enumerate(names):
                found = self.child(node, name)
                if found is None:
                    if not create:
                        raise TreeError(_("There is no department “%(path)s”.") % {"path": text})
                    level = LEVEL_BY_DEPTH[depth]
                    if node is not None and node.level == DepartmentLevel.ADMINISTRATION:
                        level = DepartmentLevel.DIVISION if depth == 1 else DepartmentLevel.UNIT
                    found = self.plan(node, name, level)
                node = found
        assert node is not None
        if not node.usable:
            raise TreeError(
                _("“%(path)s” is archived: it is not offered for new links.") % {"path": node.path}
            )
        return node

    def _by_name(self, name: str, *, create: bool) -> Node:
        key = name_key(name)
        matches = [n for n in self.all_nodes() if name_key(n.name) == key]
        if len(matches) > 1:
            paths = sorted(n.path for n in matches)
            raise TreeError(
                _("Several departments are called “%(name)s”: write the whole path: %(paths)s.")
                % {"name": name, "paths": ", ".join(f"“{p}”" for p in paths[:3])}
            )
        if matches:
            return matches[0]
        if not create:
            raise TreeError(_("There is no department “%(path)s”.") % {"path": name})
        administrations = [n for n in self.roots.values() if n.usable]
        if len(administrations) > 1:
            raise TreeError(
                _("“%(name)s” is new: write its whole path (förvaltning › avdelning).")
                % {"name": name}
            )
        if administrations:
            return self.plan(administrations[0], name, DepartmentLevel.DIVISION)
        return self.plan(None, name, DepartmentLevel.ADMINISTRATION)

    def save_planned(self) -> list[Department]:
        """Create every planned department, parents first (planned in that order)."""
        created = []
        for node in self.planned:
            parent = node.parent.department if node.parent else None
            assert node.parent is None or parent is not None
            node.department = Department.objects.create(
                name=node.name, level=node.level, parent=parent
            )
            created.append(node.department)
        self.planned = []
        return created
