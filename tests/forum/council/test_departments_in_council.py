"""Planning items and decisions name a managed department: a picked one (not archived),
the import by path or name (creating what is missing, all or nothing), and the brief."""

import pytest
from django.utils import timezone

from forum.core.errors import ImportHasErrors, InvalidInput
from forum.core.models import Department, DepartmentLevel
from forum.council.brief import brief_build
from forum.council.models import MeetingState, PlanningItem
from forum.council.services import (
    decision_record,
    planning_item_create,
    planning_item_import,
    planning_item_update,
)
from tests.factories import (
    AdministrationFactory,
    AgendaItemFactory,
    DepartmentFactory,
    MeetingFactory,
    PlanningItemFactory,
)

pytestmark = pytest.mark.django_db

GOOD = {"title": "Fler fritidsgårdar", "reference": "1.2.4-182-2025", "area": "mandate"}


def _archived(**kwargs):
    return DepartmentFactory(archived_at=timezone.now(), **kwargs)


def test_an_archived_department_is_not_offered_for_a_new_item(official) -> None:
    with pytest.raises(InvalidInput) as exc:
        planning_item_create(data={**GOOD, "department_id": _archived().pk}, actor=official)
    assert "department_id" in exc.value.fields
    unit = DepartmentFactory(level=DepartmentLevel.UNIT, parent=_archived())
    with pytest.raises(InvalidInput):  # nor one under an archived division
        planning_item_create(data={**GOOD, "department_id": unit.pk}, actor=official)
    assert not PlanningItem.objects.exists()


def test_an_item_keeps_its_department_after_it_is_archived(official) -> None:
    department = DepartmentFactory()
    item = PlanningItemFactory(department=department)
    Department.objects.filter(pk=department.pk).update(archived_at=timezone.now())

    planning_item_update(
        planning_item=item, data={"title": "Nytt", "department_id": department.pk}, actor=official
    )
    planning_item_update(planning_item=item, data={"title": "Nyare"}, actor=official)

    item.refresh_from_db()
    assert (item.title, item.department) == ("Nyare", department)
    with pytest.raises(InvalidInput):  # but moving to another archived one is refused
        planning_item_update(
            planning_item=item, data={"department_id": _archived().pk}, actor=official
        )
    planning_item_update(planning_item=item, data={"department_id": None}, actor=official)
    item.refresh_from_db()
    assert item.department is None


def _csv(*departments: str) -> bytes:
    lines = ["titel;diarienummer;område;avdelning"]
    lines += [f"Ärende {n};1.2.4-{n}-2025;mandat;{d}" for n, d in enumerate(departments, start=1)]
    return "\n".join(lines).encode()


def test_import_reads_paths_with_any_separator_and_creates_what_is_missing(official) -> None:
    top = AdministrationFactory(name="Järva stadsdelsförvaltning")
    culture = DepartmentFactory(parent=top, name="Avdelningen för kultur och fritid")
    content = _csv(
        "Järva stadsdelsförvaltning › Avdelningen för kultur och fritid",
        "järva stadsdelsförvaltning / avdelningen för kultur och fritid / Fritidsgården Husby",
        "Järva stadsdelsförvaltning > Avdelningen för kultur och fritid > Fritidsgården Husby",
        "Avdelningen för kultur och fritid",  # a plain name
        "Avdelningen för stadsmiljö",  # new and plain: a division of the one administration
        "",
    )

    preview = planning_item_import(
        filename="items.csv", content=content, confirm=False, actor=official
    )
    assert preview.ok
    assert preview.created_departments == [
        "Järva stadsdelsförvaltning › Avdelningen för kultur och fritid › Fritidsgården Husby",
        "Järva stadsdelsförvaltning › Avdelningen för stadsmiljö",
    ]
    assert Department.objects.count() == 2  # a preview creates nothing

    saved = planning_item_import(
        filename="items.csv", content=content, confirm=True, actor=official
    )

    husby = Department.objects.get(name="Fritidsgården Husby")
    assert (husby.parent, husby.level) == (culture, DepartmentLevel.UNIT)
    assert saved.created_departments == preview.created_departments
    by_reference = dict(PlanningItem.objects.values_list("reference", "department__name"))
    assert by_reference == {
        "1.2.4-1-2025": "Avdelningen för kultur och fritid",
        "1.2.4-2-2025": "Fritidsgården Husby",
        "1.2.4-3-2025": "Fritidsgården Husby",
        "1.2.4-4-2025": "Avdelningen för kultur och fritid",
        "1.2.4-5-2025": "Avdelningen för stadsmiljö",
        "1.2.4-6-2025": None,
    }


def test_an_ambiguous_or_archived_department_is_a_line_error_and_nothing_changes(
    official,
) -> None:
    top = AdministrationFactory(name="Järva")
    for division in ("Kultur", "Park"):
        DepartmentFactory(
            parent=DepartmentFactory(parent=top, name=division), level="unit", name="Husby"
        )
    _archived(parent=top, name="Gamla avdelningen")
    content = _csv(
        "Järva › Ny avdelning",  # fine alone: would be created
        "Husby",  # line 3: two departments are called Husby
        "Gamla avdelningen",  # line 4: archived
        "A › B › C › D",  # line 5: too deep
    )

    preview = planning_item_import(
        filename="items.csv", content=content, confirm=False, actor=official
    )

    errors = {r.line: sorted(r.errors) for r in preview.rows}
    assert errors == {2: [], 3: ["department"], 4: ["department"], 5: ["department"]}
    assert "Järva › Kultur › Husby" in preview.rows[1].errors["department"][0]
    before = Department.objects.count()
    with pytest.raises(ImportHasErrors) as exc:
        planning_item_import(filename="items.csv", content=content, confirm=True, actor=official)
    assert "line 3.department" in exc.value.fields
    assert Department.objects.count() == before
    assert not PlanningItem.objects.exists()


def test_a_decision_names_who_carries_it_out(official) -> None:
    agenda = AgendaItemFactory(meeting=MeetingFactory(state=MeetingState.HELD))
    unit = DepartmentFactory(level="unit", parent=DepartmentFactory(), name="Fritidsgården Husby")

    def decide(department_id):
        return decision_record(
            agenda_item=agenda,
            text="Nämnden beslutar om lördagsöppet.",
            outcome="approved",
            feedback_text="",
            publish_feedback=False,
            actor=official,
            department_id=department_id,
        )

    assert decide(unit.pk).department == unit
    Department.objects.filter(pk=unit.pk).update(archived_at=timezone.now())
    assert decide(unit.pk).department == unit  # kept, though archived since
    with pytest.raises(InvalidInput) as exc:
        decide(_archived().pk)
    assert "department_id" in exc.value.fields
    assert decide(None).department is None


def test_the_brief_names_the_department_by_its_full_path() -> None:
    division = DepartmentFactory(
        parent=AdministrationFactory(name="Järva stadsdelsförvaltning"),
        name="Avdelningen för förskola",
    )
    agenda = AgendaItemFactory(planning_item=PlanningItemFactory(department=division))

    brief = brief_build(meeting=agenda.meeting)

    assert brief.items[0].planning_item.department == (
        "Järva stadsdelsförvaltning › Avdelningen för förskola"
    )
