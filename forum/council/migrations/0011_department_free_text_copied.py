from django.db import migrations

# The district administration the old free-text names belong to (docs/decisions/0050).
ADMINISTRATION = "Järva stadsdelsförvaltning"


def _key(name):
    return " ".join(name.split()).casefold()


def free_text_to_departments(apps, schema_editor):
    """Each distinct free-text department becomes a division (avdelning) under the one
    district administration, and its planning items point at it. Spellings that differ
    only in case or spaces are one department, named as first written."""
    PlanningItem = apps.get_model("council", "PlanningItem")
    Department = apps.get_model("core", "Department")
    items = PlanningItem.objects.exclude(department="").order_by("id")
    if not items.exists():
        return
    administration = next(
        (d for d in Department.objects.filter(parent=None) if _key(d.name) == _key(ADMINISTRATION)),
        None,
    ) or Department.objects.create(name=ADMINISTRATION, level="administration")
    known = {_key(d.name): d for d in Department.objects.filter(parent=administration)}
    known[_key(administration.name)] = administration
    for item in items:
        text = " ".join(item.department.split())
        if not text:
            continue
        department = known.get(_key(text))
        if department is None:
            department = Department.objects.create(
                name=text[:200], level="division", parent=administration
            )
            known[_key(text)] = department
        item.department_link = department
        item.save(update_fields=["department_link"])


def departments_to_free_text(apps, schema_editor):
    """Back to free text: each item gets its department's name. The departments stay."""
    PlanningItem = apps.get_model("council", "PlanningItem")
    for item in PlanningItem.objects.filter(department_link__isnull=False).select_related(
        "department_link"
    ):
        item.department = item.department_link.name
        item.save(update_fields=["department"])


class Migration(migrations.Migration):
    dependencies = [("council", "0010_department_links")]

    operations = [migrations.RunPython(free_text_to_departments, departments_to_free_text)]
