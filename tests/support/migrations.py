"""Moving a test database to a migration state and back.

A data-migration test migrates back to the state before the migration, writes rows with the
historical models, migrates forward and reads them. Afterwards the database must be at the
newest state again, or every later test of the session would run against old tables.
"""

from collections.abc import Sequence
from typing import Any

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets: Sequence[tuple[str, str]]) -> Apps:
    """Apply or unapply migrations until exactly ``targets`` are the newest applied ones;
    returns the historical models of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets))
    return executor.loader.project_state(list(targets)).apps


def migrate_to_newest() -> None:
    """Leave the database at the newest migrations, however a test moved it."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def historical(apps: Apps, app_label: str, model_name: str) -> Any:
    """A model as it was in a migration state. Its fields are those of that state, not of
    today's class, so it is not typed as today's class."""
    return apps.get_model(app_label, model_name)
