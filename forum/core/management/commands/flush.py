"""Django's flush, allowed to empty the append-only audit log in the test suite only.

Transactional tests end with a flush (TRUNCATE on PostgreSQL, DELETE on SQLite), which the
audit log's triggers would refuse. With ``settings.AUDIT_LOG_FLUSHABLE`` (set by
tests/conftest.py) this lifts them for the length of the flush's own transaction; anywhere
else the triggers refuse the flush and it changes nothing (docs/decisions/0055-audit-log.md).
"""

import contextlib
from typing import Any

from django.conf import settings
from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS

from forum.core.audit import audit_erasure_permitted


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        using = options.get("database") or DEFAULT_DB_ALIAS
        permit = (
            audit_erasure_permitted(using=using)
            if settings.AUDIT_LOG_FLUSHABLE
            else contextlib.nullcontext()
        )
        with permit:
            super().handle(**options)
