"""Content-Security-Policy, Referrer-Policy and Permissions-Policy on every kind of page."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.fixture
def spa_built(tmp_path, settings):
    """The SPA as Vite builds it: module script and stylesheet files, no inline code."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><script type="module" src="/static/assets/i.js"></script>'
        '<link rel="stylesheet" href="/static/assets/i.css"></head><body></body></html>'
    )
    settings.FRONTEND_DIST = tmp_path


@pytest.mark.parametrize("path", ["/", "/j/FIKA42", "/api/docs/", "/api/auth/me", "/admin/login/"])
def test_every_page_has_a_strict_policy_and_the_privacy_headers(
    path, api_client, spa_built
) -> None:
    response = api_client.get(path)

    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    for kind in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[kind]
        assert "'unsafe-eval'" not in policy[kind]
        assert policy[kind][0] == "'self'"
    assert policy["connect-src"] == ["'self'"]  # CSP 3: also ws:/wss: to this host
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert response["Referrer-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation"):
        assert f"{feature}=()" in permissions


@pytest.mark.parametrize("path", ["/api/docs/", "/admin/login/"])
def test_server_rendered_pages_carry_the_requests_nonce_on_their_inline_tags(
    path, api_client
) -> None:
    response = api_client.get(path)
    html = response.content.decode()

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert nonce is not None
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
        inline = "src=" not in tag
        assert not inline or f'nonce="{nonce.group(1)}"' in tag, tag


def test_the_api_docs_load_their_start_up_script_as_a_file(api_client) -> None:
    html = api_client.get("/api/docs/").content.decode()

    assert re.search(r'<script src="/api/docs/\?script=[^"]*"></script>', html)
    script = api_client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_the_built_app_has_no_inline_script_or_style() -> None:
    index = settings.FRONTEND_DIST / "index.html"
    if not index.exists():
        pytest.skip("frontend not built (make frontend)")
    html = index.read_text()

    assert not re.search(r"<script\b(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html
    assert " style=" not in html
