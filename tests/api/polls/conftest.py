import pytest


@pytest.fixture(autouse=True)
def _isolated(isolated_backends: None) -> None:
    """Clean cache, per-run Redis prefixes and fast password hashing for every test here."""


@pytest.fixture
def forum():
    from tests.factories import ForumFactory

    return ForumFactory(pre_moderation=False)
