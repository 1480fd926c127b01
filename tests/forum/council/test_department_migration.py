"""The free-text department of planning items becomes a managed department (council
0010–0012), and back again."""

import pytest

from tests.support.migrations import historical, migrate_to

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("back_to_newest")]

BEFORE = [("council", "0009_translations_and_written_language"), ("core", "0005_department")]
AFTER = [("council", "0012_department_free_text_removed")]


def test_free_text_becomes_divisions_of_the_district_administration_and_goes_back() -> None:
    old = migrate_to(BEFORE)
    item = historical(old, "council", "PlanningItem")
    item.objects.create(reference="1.2-1-2025", title="A", area="mandate", department="Kultur")
    item.objects.create(reference="1.2-2-2025", title="B", area="mandate", department=" kultur  ")
    item.objects.create(reference="1.2-3-2025", title="C", area="mandate", department="Park")
    item.objects.create(reference="1.2-4-2025", title="D", area="mandate", department="")

    new = migrate_to(AFTER)
    items = historical(new, "council", "PlanningItem").objects.order_by("reference")
    departments = historical(new, "core", "Department").objects

    top = departments.get(parent=None)
    assert (top.name, top.level) == ("Järva stadsdelsförvaltning", "administration")
    assert sorted(departments.filter(parent=top).values_list("name", "level")) == [
        ("Kultur", "division"),
        ("Park", "division"),
    ]
    assert [i.department.name if i.department else None for i in items] == [
        "Kultur",
        "Kultur",  # the same name in another case or spacing is the same department
        "Park",
        None,
    ]

    back = migrate_to(BEFORE)
    texts = historical(back, "council", "PlanningItem").objects.order_by("reference")
    assert list(texts.values_list("department", flat=True)) == ["Kultur", "Kultur", "Park", ""]


def test_a_name_already_in_the_list_is_reused_not_doubled() -> None:
    old = migrate_to(BEFORE)
    departments = historical(old, "core", "Department").objects
    top = departments.create(name="Järva stadsdelsförvaltning", level="administration")
    culture = departments.create(name="Kultur", level="division", parent=top)
    historical(old, "council", "PlanningItem").objects.create(
        reference="1.2-1-2025", title="A", area="mandate", department="KULTUR"
    )

    new = migrate_to(AFTER)

    assert historical(new, "core", "Department").objects.count() == 2
    assert historical(new, "council", "PlanningItem").objects.get().department_id == culture.pk
