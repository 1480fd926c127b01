"""Django's flush, allowed to empty the append-only audit log.

Transactional tests end with a flush (TRUNCATE on PostgreSQL, DELETE on SQLite), which the
audit log's triggers would refuse. This is the one path that lifts them, for the length of
the flush's own transaction (docs/decisions/0055-audit-log.md). It asks for confirmation
like Django's flush does, and a server's data is never flushed.
"""

from typing import Any

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS

from forum.core.audit import audit_erasure_permitted


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        with audit_erasure_permitted(using=options.get("database") or DEFAULT_DB_ALIAS):
            super().handle(**options)
