from collections.abc import Iterator

import pytest

from tests.support.migrations import migrate_to_newest


@pytest.fixture
def back_to_newest() -> Iterator[None]:
    """For data-migration tests: the database is at the newest migrations again afterwards,
    however the test moved it."""
    yield
    migrate_to_newest()
