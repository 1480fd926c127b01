"""Audit entries cannot be changed or deleted: not by the model, the queryset, raw SQL,
the admin or the shell helpers (decision 0055)."""

from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory, override_settings

from forum.core.audit import audit_record
from forum.core.models import AuditAction, AuditEntry, AuditEntryNotWritable
from forum.core.repair import domain_models
from forum.core.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry() -> AuditEntry:
    actor = UserFactory(username="admin-a", roles=[Role.ADMIN])
    created = audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        object_type="polls.poll",
        object_id="7",
        changes={"title": ["Före", "Efter"]},
        ip="192.0.2.1",
    )
    assert created is not None
    return created


def test_the_model_refuses_a_second_save(entry: AuditEntry) -> None:
    entry.action = AuditAction.DELETE
    with pytest.raises(AuditEntryNotWritable):
        entry.save()


def test_the_model_refuses_delete(entry: AuditEntry) -> None:
    with pytest.raises(AuditEntryNotWritable):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_queryset_refuses_update_delete_and_bulk_update(entry: AuditEntry) -> None:
    with pytest.raises(AuditEntryNotWritable):
        AuditEntry.objects.filter(pk=entry.pk).update(action=AuditAction.DELETE)
    with pytest.raises(AuditEntryNotWritable):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditEntryNotWritable):
        AuditEntry.objects.bulk_update([entry], ["action"])
    entry.refresh_from_db()
    assert entry.action == AuditAction.UPDATE


def _checks_now() -> None:
    """PostgreSQL refuses TRUNCATE in a transaction with deferred foreign-key checks still
    pending (the test's own inserts): run them now, as a commit would."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _raw(sql: str, params: list[Any]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditentry SET action = 'delete' WHERE id = %s",
        "UPDATE core_auditentry SET changes = '{}' WHERE id = %s",
        # Forgetting the actor is allowed only when nothing else changes with it.
        "UPDATE core_auditentry SET actor_id = NULL, ip = '192.0.2.9' WHERE id = %s",
        "DELETE FROM core_auditentry WHERE id = %s",
    ],
)
def test_raw_sql_cannot_change_or_delete_an_entry(entry: AuditEntry, sql: str) -> None:
    with pytest.raises(IntegrityError, match="append-only"):
        _raw(sql, [entry.pk])
    entry.refresh_from_db()
    assert (entry.action, entry.ip, entry.changes) == (
        AuditAction.UPDATE,
        "192.0.2.1",
        {"title": ["Före", "Efter"]},
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_raw_truncate_is_refused(entry: AuditEntry) -> None:
    _checks_now()
    with pytest.raises(IntegrityError, match="append-only"):
        _raw("TRUNCATE core_auditentry", [])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_deleting_the_actor_keeps_the_entry_and_the_name(entry: AuditEntry) -> None:
    assert entry.actor is not None
    entry.actor.delete()
    entry.refresh_from_db()
    assert entry.actor_id is None
    assert entry.actor_username == "admin-a"
    assert entry.changes == {"title": ["Före", "Efter"]}


def test_the_admin_offers_no_add_change_or_delete(entry: AuditEntry) -> None:
    model_admin = admin.site._registry[AuditEntry]
    request = RequestFactory().get("/admin/core/auditentry/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    assert model_admin.has_view_permission(request, entry)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert not model_admin.get_actions(request)


def test_the_text_repair_command_leaves_the_log_alone(entry: AuditEntry) -> None:
    assert AuditEntry not in domain_models(apps)
    call_command("repair_text", stdout=StringIO())
    entry.refresh_from_db()
    assert entry.changes == {"title": ["Före", "Efter"]}


def test_flush_empties_the_log_and_closes_the_way_behind_it(entry: AuditEntry) -> None:
    # Transactional tests end with this flush (TRUNCATE on PostgreSQL, DELETE on SQLite).
    _checks_now()
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)

    assert not AuditEntry.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM core_audit_erasure_permit")
        assert cursor.fetchone() == (0,)
    again = audit_record(action=AuditAction.EXPORT, actor=UserFactory(roles=[Role.ADMIN]))
    assert again is not None
    with pytest.raises(IntegrityError, match="append-only"):
        _raw("DELETE FROM core_auditentry WHERE id = %s", [again.pk])


def test_outside_the_test_suite_flush_is_refused_and_empties_nothing(entry: AuditEntry) -> None:
    _checks_now()
    with override_settings(AUDIT_LOG_FLUSHABLE=False), pytest.raises(CommandError):
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)

    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    assert UserFactory._meta.model.objects.filter(pk=entry.actor_id).exists()
