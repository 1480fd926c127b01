import pytest

from api.live.origin import origin_allowed


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        ("http://testserver", "testserver", True),
        ("https://localhost:8000", "localhost:8000", True),
        ("http://localhost:8000", "localhost:8001", False),
        ("http://evil.example", "evil.example", False),  # same-origin but not an allowed host
        ("http://evil.example", "testserver", False),
        ("ftp://testserver", "testserver", False),
        ("null", "testserver", False),
        (None, "testserver", False),
        ("http://testserver", None, False),
    ],
)
def test_origin_allowed(origin, host, allowed) -> None:
    assert origin_allowed(origin, host) is allowed


def test_listed_origins_are_allowed(settings) -> None:
    settings.WEBSOCKET_ALLOWED_ORIGINS = ["https://rostrum.example.se"]

    assert origin_allowed("https://rostrum.example.se/", "api.internal:8000")
    assert not origin_allowed("https://other.example.se", "api.internal:8000")
