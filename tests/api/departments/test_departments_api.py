"""/api/staff/departments: every staff role reads the tree, officials keep it; planning
items and decisions take a department id and show its full path."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forum.core.models import Department
from tests.api.assertions import assert_error
from tests.factories import AdministrationFactory, DepartmentFactory, PlanningItemFactory

pytestmark = pytest.mark.django_db

LIST = "/api/staff/departments"


def test_staff_read_the_tree_with_paths(client_for, youth_worker) -> None:
    top = AdministrationFactory(name="Järva stadsdelsförvaltning")
    division = DepartmentFactory(parent=top, name="Avdelningen för förskola")

    body = client_for(youth_worker).get(LIST, HTTP_ACCEPT_LANGUAGE="en").json()

    assert body == [
        {
            "id": top.pk,
            "name": "Järva stadsdelsförvaltning",
            "level": "administration",
            "level_label": "Administration (förvaltning)",
            "parent_id": None,
            "path": "Järva stadsdelsförvaltning",
            "depth": 0,
            "archived": False,
        },
        {
            "id": division.pk,
            "name": "Avdelningen för förskola",
            "level": "division",
            "level_label": "Division (avdelning)",
            "parent_id": top.pk,
            "path": "Järva stadsdelsförvaltning › Avdelningen för förskola",
            "depth": 1,
            "archived": False,
        },
    ]


def test_an_official_adds_renames_and_archives(client_for, official) -> None:
    client = client_for(official)
    top = client.post(LIST, {"name": "Järva", "level": "administration"}, format="json")
    assert top.status_code == 201
    unit = client.post(
        LIST, {"name": "Husby", "level": "unit", "parent_id": top.json()["id"]}, format="json"
    ).json()
    assert unit["path"] == "Järva › Husby"

    renamed = client.patch(f"{LIST}/{unit['id']}", {"name": "Fritidsgården Husby"}, format="json")
    archived = client.post(f"{LIST}/{unit['id']}/archive")

    assert renamed.json()["path"] == "Järva › Fritidsgården Husby"
    assert archived.json()["archived"] is True


def test_a_division_at_the_top_is_a_field_error(client_for, official) -> None:
    response = client_for(official).post(LIST, {"name": "Park", "level": "division"}, format="json")

    assert_error(response, 400, "invalid")
    assert "parent_id" in response.json()["fields"]
    assert not Department.objects.exists()


def test_youth_workers_may_not_change_the_list(client_for, youth_worker) -> None:
    response = client_for(youth_worker).post(
        LIST, {"name": "Järva", "level": "administration"}, format="json"
    )

    assert_error(response, 403, "permission_denied")


def test_the_departments_import_previews_then_saves(client_for, official) -> None:
    content = "name,level,parent\nJärva,förvaltning,\nPark,avdelning,Järva\n".encode()
    client = client_for(official)

    preview = client.post(
        f"{LIST}/import", {"file": SimpleUploadedFile("d.csv", content)}, format="multipart"
    ).json()
    saved = client.post(
        f"{LIST}/import",
        {"file": SimpleUploadedFile("d.csv", content), "confirm": "true"},
        format="multipart",
    )

    assert preview["created_departments"] == ["Järva", "Järva › Park"]
    assert saved.status_code == 201
    assert sorted(Department.objects.values_list("name", flat=True)) == ["Järva", "Park"]


def test_a_planning_item_takes_a_department_id_and_shows_its_path(client_for, official) -> None:
    division = DepartmentFactory(parent=AdministrationFactory(name="Järva"), name="Park")
    item = PlanningItemFactory()

    body = (
        client_for(official)
        .patch(
            f"/api/council/planning-items/{item.pk}", {"department_id": division.pk}, format="json"
        )
        .json()
    )

    assert body["department"] == {
        "id": division.pk,
        "name": "Park",
        "path": "Järva › Park",
        "archived": False,
    }
