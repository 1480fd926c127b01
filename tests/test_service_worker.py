"""/sw.js: the built service worker at the site's root (config/urls.py), so it may control
/mina-svar; the frontend's static files live under /static/, which would not."""

from pathlib import Path

import pytest
from django.test import Client

SOURCE = Path(__file__).resolve().parent.parent / "frontend" / "public" / "sw.js"


@pytest.mark.django_db
def test_the_service_worker_is_served_from_the_root_and_revalidated(settings, tmp_path) -> None:
    (tmp_path / "sw.js").write_bytes(SOURCE.read_bytes())
    settings.FRONTEND_DIST = tmp_path

    response = Client().get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert response.content == SOURCE.read_bytes()


@pytest.mark.django_db
def test_without_a_built_frontend_there_is_no_service_worker(settings, tmp_path) -> None:
    settings.FRONTEND_DIST = tmp_path

    assert Client().get("/sw.js").status_code == 404
