"""Planning items: CRUD by officials only, registry-number checks, CSV/XLSX import."""

import io

import pytest
from openpyxl import Workbook

from forum.core.errors import ImportHasErrors, InUse, InvalidInput, PermissionDenied
from forum.core.models import AuditEntry
from forum.core.roles import Role
from forum.council.models import PlanningItem
from forum.council.services import (
    planning_item_create,
    planning_item_delete,
    planning_item_import,
    planning_item_update,
)
from tests.factories import (
    AdministrationFactory,
    AgendaItemFactory,
    DepartmentFactory,
    PlanningItemFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

GOOD = {"title": "Fler fritidsgårdar", "reference": "1.2.4-182-2025", "area": "mandate"}


def test_official_creates_a_planning_item(official) -> None:
    culture = DepartmentFactory(name="Kultur")
    item = planning_item_create(data={**GOOD, "department_id": culture.pk}, actor=official)

    assert (item.reference, item.area, item.department, item.status) == (
        "1.2.4-182-2025",
        "mandate",
        culture,
        "planned",
    )


@pytest.mark.parametrize("reference", ["182-2025", "1.2.4-182-25", "1.2.4-182-2025 b", "abc", ""])
def test_create_refuses_a_bad_registry_number(official, reference) -> None:
    with pytest.raises(InvalidInput) as exc:
        planning_item_create(data={**GOOD, "reference": reference}, actor=official)

    assert "reference" in exc.value.fields
    assert not PlanningItem.objects.exists()


def test_create_refuses_a_registry_number_in_use(official) -> None:
    PlanningItemFactory(reference=GOOD["reference"])

    with pytest.raises(InvalidInput) as exc:
        planning_item_create(data=GOOD, actor=official)

    assert "reference" in exc.value.fields


@pytest.mark.parametrize("role", [Role.YOUTH_WORKER, Role.COUNCIL_MEMBER])
def test_youth_worker_and_council_member_cannot_edit_planning_items(role) -> None:
    actor = UserFactory(roles=[role])
    item = PlanningItemFactory(title="Före")

    with pytest.raises(PermissionDenied):
        planning_item_create(data=GOOD, actor=actor)
    with pytest.raises(PermissionDenied):
        planning_item_update(planning_item=item, data={"title": "Efter"}, actor=actor)
    with pytest.raises(PermissionDenied):
        planning_item_delete(planning_item=item, actor=actor)
    item.refresh_from_db()
    assert item.title == "Före"


def test_update_keeps_its_own_reference_and_checks_the_rest(official) -> None:
    item = PlanningItemFactory(reference="1.2.4-1-2025")

    planning_item_update(
        planning_item=item, data={"title": "Nytt", "status": "decided"}, actor=official
    )
    with pytest.raises(InvalidInput):
        planning_item_update(planning_item=item, data={"area": "nowhere"}, actor=official)

    item.refresh_from_db()
    assert (item.title, item.status, item.reference) == ("Nytt", "decided", "1.2.4-1-2025")


def test_delete_refuses_an_item_on_an_agenda(official) -> None:
    agenda = AgendaItemFactory()

    with pytest.raises(InUse):
        planning_item_delete(planning_item=agenda.planning_item, actor=official)


CSV_OK = (
    "Titel;Diarienummer;Utvecklingsområde;Ansvarig avdelning;Status\n"
    "Fritidsgårdar;1.2.4-10-2025;mandat;Kultur;bereds\n"
    "Lekparker;1.2.4-11-2025;Strukturer;Park;\n"
)


def test_import_preview_saves_nothing(official) -> None:
    preview = planning_item_import(
        filename="items.csv", content=CSV_OK.encode(), confirm=False, actor=official
    )

    assert preview.ok
    assert [(r.line, r.values["area"], r.values["status"]) for r in preview.rows] == [
        (2, "mandate", "in_preparation"),
        (3, "structures", "planned"),
    ]
    assert not PlanningItem.objects.exists()


def test_import_confirm_saves_every_row(official) -> None:
    AdministrationFactory(name="Järva stadsdelsförvaltning")

    planning_item_import(
        filename="items.csv", content=CSV_OK.encode(), confirm=True, actor=official
    )

    assert sorted(PlanningItem.objects.values_list("reference", "department__name")) == [
        ("1.2.4-10-2025", "Kultur"),
        ("1.2.4-11-2025", "Park"),
    ]
    # bulk_create sends no signal: the import is one entry in the audit log.
    audit = AuditEntry.objects.get(object_type="council.planningitem")
    assert (audit.action, audit.actor, audit.object_label) == ("create", official, "items.csv")
    assert sorted(audit.detail["ids"]) == sorted(PlanningItem.objects.values_list("pk", flat=True))


def test_import_lists_errors_per_line_and_saves_nothing(official) -> None:
    PlanningItemFactory(reference="1.2.4-99-2025")
    content = (
        "titel,diarienummer,område\n"
        "Bra rad,1.2.4-12-2025,återkoppling\n"
        ",12-2025,mandat\n"  # line 3: no title, bad reference
        "Upptagen,1.2.4-99-2025,annat\n"  # line 4: reference already used
        "Dubblett,1.2.4-12-2025,hittepå\n"  # line 5: same as line 2, unknown area
    ).encode()

    preview = planning_item_import(
        filename="items.csv", content=content, confirm=False, actor=official
    )

    assert not preview.ok
    errors = {r.line: sorted(r.errors) for r in preview.rows}
    assert errors == {2: [], 3: ["reference", "title"], 4: ["reference"], 5: ["area", "reference"]}
    assert preview.rows[3].errors["reference"][-1].endswith(" 2.")  # "... on line 2."
    with pytest.raises(ImportHasErrors) as exc:
        planning_item_import(filename="items.csv", content=content, confirm=True, actor=official)
    assert "line 3.title" in exc.value.fields
    assert PlanningItem.objects.count() == 1  # only the one that was there before


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_import_reads_xlsx(official) -> None:
    content = _xlsx(
        [
            ["Title", "Reference", "Area", "Department"],
            ["Ungdomsråd", "3.1-7-2026", "structures", None],
            ["Budget", "3.1-8-2026", "feedback", "Ekonomi"],
        ]
    )

    planning_item_import(filename="Items.XLSX", content=content, confirm=True, actor=official)

    assert sorted(PlanningItem.objects.values_list("reference", flat=True)) == [
        "3.1-7-2026",
        "3.1-8-2026",
    ]


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("items.xlsx", b"not a spreadsheet"),
        ("items.csv", b"\xff\xfe\x00broken"),
        ("items.csv", b"namn;nummer\nx;y\n"),
        ("items.csv", b""),
    ],
)
def test_import_of_a_bad_file_says_so_and_saves_nothing(official, filename, content) -> None:
    preview = planning_item_import(
        filename=filename, content=content, confirm=False, actor=official
    )

    assert preview.file_errors
    assert not preview.ok
    with pytest.raises(ImportHasErrors):
        planning_item_import(filename=filename, content=content, confirm=True, actor=official)
    assert not PlanningItem.objects.exists()


def test_import_is_for_officials_only(youth_worker) -> None:
    with pytest.raises(PermissionDenied):
        planning_item_import(
            filename="items.csv", content=CSV_OK.encode(), confirm=False, actor=youth_worker
        )


def test_imported_text_passes_the_one_text_boundary(official) -> None:
    # The import reads a file, not a form: its cells met no TextField (found by hand).
    content = (
        "titel,diarienummer,område,beskrivning\n"
        "Bad\x07klocka,1.2.4-21-2025,annat,\n"  # line 2: a control character
        "\u200b\u200b,1.2.4-22-2025,annat,\n"  # line 3: invisible only
        "Nul\x00titel,1.2.4-23-2025,annat,\n"  # line 4: NUL (PostgreSQL refuses it: a 500)
        'Lek\u202eparken,1.2.4-24-2025,annat,"rad ett\r\nrad två"\n'  # line 5: fine once cleaned
    ).encode()

    preview = planning_item_import(
        filename="items.csv", content=content, confirm=False, actor=official
    )

    errors = {r.line: sorted(r.errors) for r in preview.rows}
    assert errors == {2: ["title"], 3: ["title"], 4: ["title"], 5: []}
    assert preview.rows[3].values["title"] == "Lekparken"
    assert preview.rows[3].values["description"] == "rad ett\nrad två"
    with pytest.raises(ImportHasErrors):
        planning_item_import(filename="items.csv", content=content, confirm=True, actor=official)
    assert not PlanningItem.objects.exists()
