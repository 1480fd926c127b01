"""/api/staff/audit and /api/staff/audit.csv: admins browse, filter and export the log;
nobody writes to it through the API (decision 0055)."""

import csv
import io
from typing import Any

import pytest

from forum.core.audit import audit_record
from forum.core.models import AuditAction, AuditEntry
from forum.core.roles import Role
from tests.api.assertions import assert_error
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def log() -> list[AuditEntry]:
    amina = UserFactory(username="amina", roles=[Role.YOUTH_WORKER])
    omar = UserFactory(username="omar", roles=[Role.OFFICIAL])
    entries = [
        audit_record(action=AuditAction.UPDATE, actor=amina, object_type="polls.poll",
                     object_id="1", forum_id=1, changes={"title": ["A", "B"]}),
        audit_record(action=AuditAction.EXPORT, actor=omar, object_type="polls.poll",
                     object_id="1", forum_id=1, object_label="=HYPERLINK(\"x\")"),
        audit_record(action=AuditAction.PUBLISH, actor=omar, object_type="council.meeting",
                     object_id="3"),
    ]  # fmt: skip
    return [e for e in entries if e is not None]


def test_admins_see_the_log_newest_first(client_for, admin_staff: Any, log: Any) -> None:
    response = client_for(admin_staff).get("/api/staff/audit")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [r["action"] for r in body["results"]] == ["publish", "export", "update"]
    first = body["results"][2]
    assert first["actor_username"] == "amina"
    assert first["changes"] == {"title": ["A", "B"]}
    assert first["action_label"]


@pytest.mark.parametrize(
    ("query", "actions"),
    [
        ("actor=omar", ["publish", "export"]),
        ("action=export", ["export"]),
        ("object_type=council.meeting", ["publish"]),
        ("forum=1", ["export", "update"]),
        ("since=2000-01-01&until=2999-12-31", ["publish", "export", "update"]),
        ("until=2000-01-01", []),
    ],
)
def test_admins_filter_the_log(
    client_for, admin_staff: Any, log: Any, query: str, actions: list[str]
) -> None:
    response = client_for(admin_staff).get(f"/api/staff/audit?{query}")

    assert response.status_code == 200, response.content
    assert [r["action"] for r in response.json()["results"]] == actions


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("action=drop", "action"),
        ("since=yesterday", "since"),
        ("since=2026-02-02&until=2026-02-01", "until"),
        ("forum=0", "forum"),
        ("page=0", "page"),
    ],
)
def test_a_bad_filter_is_a_clear_error(
    client_for, admin_staff: Any, log: Any, query: str, field: str
) -> None:
    response = client_for(admin_staff).get(f"/api/staff/audit?{query}")

    assert_error(response, 400, "invalid")
    assert field in response.json()["fields"]


def test_the_csv_holds_the_filtered_log_with_formulas_made_text(
    client_for, admin_staff: Any, log: Any
) -> None:
    response = client_for(admin_staff).get("/api/staff/audit.csv?actor=omar")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3  # header and omar's two entries
    assert rows[2][6] == '\'=HYPERLINK("x")'
    # Downloading the log is itself an export in it.
    assert AuditEntry.objects.filter(action="export", detail__view="staff-audit-csv").exists()


@pytest.mark.parametrize("role", [Role.YOUTH_WORKER, Role.OFFICIAL, Role.COUNCIL_MEMBER])
def test_only_admins_read_the_log(client_for, log: Any, role: Role) -> None:
    client = client_for(UserFactory(roles=[role]))

    assert_error(client.get("/api/staff/audit"), 403, "permission_denied")
    assert_error(client.get("/api/staff/audit.csv?action=nonsense"), 403, "permission_denied")


def test_the_api_offers_no_way_to_write(client_for, admin_staff: Any, log: Any) -> None:
    client = client_for(admin_staff)
    entry = log[0]

    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)("/api/staff/audit", {}, format="json").status_code == 405
    assert client.delete(f"/api/staff/audit/{entry.pk}").status_code == 404
    entry.refresh_from_db()
    assert entry.changes == {"title": ["A", "B"]}


def test_a_filter_with_a_control_character_is_refused(client_for, admin_staff: Any) -> None:
    response = client_for(admin_staff).get("/api/staff/audit?actor=a%00b")

    assert_error(response, 400, "text_invalid_characters")
