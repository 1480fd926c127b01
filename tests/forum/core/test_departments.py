"""Departments: the tree's rules (förvaltning › avdelning › enhet), unique names within a
parent, archiving, who may keep the list, and the departments-only import."""

import pytest

from forum.core.department_tree import DepartmentTree, TreeError, split_path
from forum.core.errors import ImportHasErrors, InvalidInput, PermissionDenied
from forum.core.models import Department, DepartmentLevel
from forum.core.selectors import department_list
from forum.core.services import (
    department_archive,
    department_create,
    department_import,
    department_update,
)
from tests.factories import AdministrationFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMINISTRATION, DIVISION, UNIT = (
    DepartmentLevel.ADMINISTRATION,
    DepartmentLevel.DIVISION,
    DepartmentLevel.UNIT,
)


def _tree(official):
    top = department_create(
        name="Järva stadsdelsförvaltning", level=ADMINISTRATION, parent_id=None, actor=official
    )
    division = department_create(
        name="Avdelningen för kultur och fritid", level=DIVISION, parent_id=top.pk, actor=official
    )
    unit = department_create(
        name="Fritidsgården Husby", level=UNIT, parent_id=division.pk, actor=official
    )
    return top, division, unit


def test_the_list_gives_each_department_its_full_path_in_tree_order(official, youth_worker):
    top, division, unit = _tree(official)
    department_create(
        name="Avdelningen för förskola", level=DIVISION, parent_id=top.pk, actor=official
    )

    rows = department_list(viewer=youth_worker)

    assert [(r.path, r.depth, r.level) for r in rows] == [
        ("Järva stadsdelsförvaltning", 0, "administration"),
        ("Järva stadsdelsförvaltning › Avdelningen för förskola", 1, "division"),
        ("Järva stadsdelsförvaltning › Avdelningen för kultur och fritid", 1, "division"),
        (
            "Järva stadsdelsförvaltning › Avdelningen för kultur och fritid › Fritidsgården Husby",
            2,
            "unit",
        ),
    ]
    assert rows[3].parent_id == division.pk
    assert rows[3].id == unit.pk


# Which level may stand under which parent (None: at the top).
ALLOWED = {
    (ADMINISTRATION, None): True,
    (DIVISION, None): False,
    (UNIT, None): False,
    (ADMINISTRATION, ADMINISTRATION): False,
    (DIVISION, ADMINISTRATION): True,
    (UNIT, ADMINISTRATION): True,
    (ADMINISTRATION, DIVISION): False,
    (DIVISION, DIVISION): False,
    (UNIT, DIVISION): True,
    (ADMINISTRATION, UNIT): False,
    (DIVISION, UNIT): False,
    (UNIT, UNIT): False,
}


@pytest.mark.parametrize(("level", "parent_level"), list(ALLOWED))
def test_each_level_stands_only_where_the_tree_allows(official, level, parent_level) -> None:
    top = AdministrationFactory()
    parents = {
        ADMINISTRATION: top,
        DIVISION: DepartmentFactory(parent=top),
        UNIT: DepartmentFactory(parent=DepartmentFactory(parent=top), level=UNIT),
    }
    parent = parents[parent_level] if parent_level else None

    def create():
        return department_create(
            name="Ny", level=level, parent_id=parent.pk if parent else None, actor=official
        )

    if ALLOWED[(level, parent_level)]:
        assert create().parent == parent
    else:
        with pytest.raises(InvalidInput) as exc:
            create()
        assert "parent_id" in exc.value.fields


def test_names_are_unique_within_a_parent_whatever_the_case(official) -> None:
    top, _division, _unit = _tree(official)
    with pytest.raises(InvalidInput) as exc:
        department_create(
            name="avdelningen  för KULTUR och fritid",
            level=DIVISION,
            parent_id=top.pk,
            actor=official,
        )
    assert "name" in exc.value.fields

    # The same name elsewhere in the tree is another department.
    other = department_create(
        name="Fritidsgården Husby", level=UNIT, parent_id=top.pk, actor=official
    )
    assert other.parent == top


def test_a_name_cannot_hold_a_path_separator(official) -> None:
    top = AdministrationFactory()
    for name in ("Kultur › fritid", "Kultur/fritid", "Kultur > fritid", "  "):
        with pytest.raises(InvalidInput) as exc:
            department_create(name=name, level=DIVISION, parent_id=top.pk, actor=official)
        assert "name" in exc.value.fields


def test_youth_workers_read_but_do_not_keep_the_list(youth_worker) -> None:
    with pytest.raises(PermissionDenied):
        department_create(
            name="Förvaltning", level=ADMINISTRATION, parent_id=None, actor=youth_worker
        )
    department = AdministrationFactory()
    with pytest.raises(PermissionDenied):
        department_archive(department=department, actor=youth_worker)
    with pytest.raises(PermissionDenied):
        department_update(department=department, name="Nytt", actor=youth_worker)
    assert [r.name for r in department_list(viewer=youth_worker)] == [department.name]


def test_a_phone_less_user_without_a_role_reads_nothing() -> None:
    with pytest.raises(PermissionDenied):
        department_list(viewer=UserFactory())


def test_archiving_keeps_it_listed_and_marks_it_and_everything_below(official) -> None:
    top, division, unit = _tree(official)
    with pytest.raises(InvalidInput):  # its unit is still in use
        department_archive(department=division, actor=official)

    department_archive(department=unit, actor=official)
    department_archive(department=division, actor=official)

    rows = {r.id: r.archived for r in department_list(viewer=official)}
    assert rows == {top.pk: False, division.pk: True, unit.pk: True}
    # Archived ones are not a place for new departments either.
    with pytest.raises(InvalidInput) as exc:
        department_create(name="Ny enhet", level=UNIT, parent_id=division.pk, actor=official)
    assert "parent_id" in exc.value.fields


def test_rename_and_move_keep_the_rules(official) -> None:
    top, division, unit = _tree(official)

    renamed = department_update(department=division, name="Avdelningen för fritid", actor=official)
    assert renamed.name == "Avdelningen för fritid"
    moved = department_update(department=unit, parent_id=top.pk, move=True, actor=official)
    assert moved.parent == top
    with pytest.raises(InvalidInput) as exc:  # under itself
        department_update(department=top, parent_id=top.pk, move=True, actor=official)
    assert "parent_id" in exc.value.fields
    department_update(department=unit, parent_id=division.pk, move=True, actor=official)
    with pytest.raises(InvalidInput) as exc:  # its unit cannot stand under a unit
        department_update(department=division, level=UNIT, actor=official)
    assert "level" in exc.value.fields


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Järva › Kultur › Husby", ["Järva", "Kultur", "Husby"]),
        ("Järva / Kultur/Husby", ["Järva", "Kultur", "Husby"]),
        ("Järva>  Kultur  och fritid >Husby", ["Järva", "Kultur och fritid", "Husby"]),
        ("Husby", ["Husby"]),
        (" › ", []),
    ],
)
def test_a_path_may_use_any_of_the_three_separators(text, names) -> None:
    assert split_path(text) == names


def test_a_plain_name_used_twice_is_ambiguous(official) -> None:
    top = AdministrationFactory(name="Järva")
    DepartmentFactory(parent=DepartmentFactory(parent=top, name="Kultur"), level=UNIT, name="Husby")
    DepartmentFactory(parent=DepartmentFactory(parent=top, name="Park"), level=UNIT, name="Husby")

    with pytest.raises(TreeError, match="Järva › Kultur › Husby"):
        DepartmentTree.load().resolve("husby", create=True)
    found = DepartmentTree.load().resolve("Järva › Park › Husby", create=False)
    assert found is not None
    assert found.path == "Järva › Park › Husby"


DEPARTMENTS_CSV = (
    "namn;nivå;överordnad\n"
    "Järva stadsdelsförvaltning;förvaltning;\n"
    "Avdelningen för förskola;avdelning;Järva stadsdelsförvaltning\n"
    "Förskolan Solen;enhet;Järva stadsdelsförvaltning › Avdelningen för förskola\n"
)


def test_the_departments_import_adds_the_tree_and_a_second_run_changes_nothing(official) -> None:
    preview = department_import(
        filename="d.csv", content=DEPARTMENTS_CSV.encode(), confirm=False, actor=official
    )
    assert preview.ok
    assert not Department.objects.exists()
    assert preview.created[-1] == (
        "Järva stadsdelsförvaltning › Avdelningen för förskola › Förskolan Solen"
    )

    department_import(
        filename="d.csv", content=DEPARTMENTS_CSV.encode(), confirm=True, actor=official
    )
    again = department_import(
        filename="d.csv", content=DEPARTMENTS_CSV.encode(), confirm=True, actor=official
    )

    assert again.created == []
    assert all(r.exists for r in again.rows)
    assert [r.path for r in department_list(viewer=official)] == [
        "Järva stadsdelsförvaltning",
        "Järva stadsdelsförvaltning › Avdelningen för förskola",
        "Järva stadsdelsförvaltning › Avdelningen för förskola › Förskolan Solen",
    ]


def test_a_departments_import_with_an_error_adds_nothing(official) -> None:
    content = (
        (
            DEPARTMENTS_CSV + "Fel nivå;sektion;Järva stadsdelsförvaltning\n"  # line 5
            "Ensam avdelning;avdelning;\n"  # line 6: a division at the top
            "Föräldralös;enhet;Finns inte\n"  # line 7: unknown parent
        ).encode()
    )

    preview = department_import(filename="d.csv", content=content, confirm=False, actor=official)
    assert {r.line: sorted(r.errors) for r in preview.rows if r.errors} == {
        5: ["level"],
        6: ["name"],
        7: ["parent"],
    }
    with pytest.raises(ImportHasErrors):
        department_import(filename="d.csv", content=content, confirm=True, actor=official)
    assert not Department.objects.exists()
