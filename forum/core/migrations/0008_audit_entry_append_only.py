"""Audit entries are append-only in the database itself, whatever writes to it.

Triggers refuse every UPDATE of core_auditentry except the one ``on_delete=SET_NULL`` makes
when a user is deleted (actor_id to NULL, nothing else), and every DELETE (and, on
PostgreSQL, TRUNCATE) unless the erasure permit table holds a row. Only the ``flush``
command (tests tearing down, forum/core/management/commands/flush.py) writes that row,
inside its own transaction. See docs/decisions/0055-audit-log.md.
"""

from typing import Any

from django.db import migrations

PERMIT_TABLE = "core_audit_erasure_permit"

# Every column but actor_id must stay as it was for an UPDATE to pass (SQLite).
_SAME = " AND ".join(
    f"NEW.{c} IS OLD.{c}"
    for c in (
        "id",
        "at",
        "actor_username",
        "actor_roles",
        "action",
        "object_type",
        "object_id",
        "object_label",
        "forum_id",
        "ip",
        "changes",
        "detail",
    )
)

SQLITE_FORWARD = [
    f"CREATE TABLE {PERMIT_TABLE} (granted integer NOT NULL PRIMARY KEY CHECK (granted = 1))",
    f"""CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
    WHEN NOT (NEW.actor_id IS NULL AND {_SAME})
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
    f"""CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
    WHEN NOT EXISTS (SELECT 1 FROM {PERMIT_TABLE})
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    f"DROP TABLE IF EXISTS {PERMIT_TABLE}",
]

POSTGRES_FORWARD = [
    f"CREATE TABLE {PERMIT_TABLE} (granted boolean NOT NULL PRIMARY KEY CHECK (granted))",
    f"""CREATE FUNCTION core_auditentry_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            IF NEW.actor_id IS NULL
               AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
                RETURN NEW;
            END IF;
        ELSIF EXISTS (SELECT 1 FROM {PERMIT_TABLE}) THEN
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NULL;
        END IF;
        RAISE EXCEPTION 'audit entries are append-only'
            USING ERRCODE = 'integrity_constraint_violation';
    END
    $$""",
    """CREATE TRIGGER core_auditentry_append_only_rows BEFORE UPDATE OR DELETE
    ON core_auditentry FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only()""",
    """CREATE TRIGGER core_auditentry_append_only_truncate BEFORE TRUNCATE
    ON core_auditentry FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS core_auditentry_append_only_truncate ON core_auditentry",
    "DROP TRIGGER IF EXISTS core_auditentry_append_only_rows ON core_auditentry",
    "DROP FUNCTION IF EXISTS core_auditentry_append_only()",
    f"DROP TABLE IF EXISTS {PERMIT_TABLE}",
]

STATEMENTS = {
    "sqlite": (SQLITE_FORWARD, SQLITE_REVERSE),
    "postgresql": (POSTGRES_FORWARD, POSTGRES_REVERSE),
}


def _run(schema_editor: Any, forward: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise RuntimeError(f"no append-only triggers for {vendor}: write them first")
    for statement in STATEMENTS[vendor][0 if forward else 1]:
        schema_editor.execute(statement, params=None)


def forwards(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, forward=True)


def backwards(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("core", "0007_audit_entry")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
