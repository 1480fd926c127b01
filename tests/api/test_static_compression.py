"""The participant's JavaScript leaves compressed (Brotli or gzip, precompressed by
collectstatic) with a year-long cache lifetime: its name carries a hash."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware


def _participant_script() -> str:
    index = (Path(settings.FRONTEND_DIST) / "index.html").read_text()
    match = re.search(r'<script[^>]+src="(/static/[^"]+\.js)"', index)
    assert match, "frontend/dist is built by `make frontend` before the tests"
    return match.group(1)


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_the_participants_script_is_served_compressed_with_a_long_max_age(
    tmp_path: Path, encoding: str
) -> None:
    with override_settings(
        STATIC_ROOT=tmp_path,
        STATICFILES_DIRS=[settings.FRONTEND_DIST],
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        WHITENOISE_USE_FINDERS=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
        path = _participant_script()
        plain = middleware(RequestFactory().get(path))
        response = middleware(RequestFactory().get(path, HTTP_ACCEPT_ENCODING=encoding))

    assert response.status_code == 200
    assert response["Content-Encoding"] == encoding
    assert int(response["Content-Length"]) < int(plain["Content-Length"]) / 2
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert response["Vary"] == "Accept-Encoding"
