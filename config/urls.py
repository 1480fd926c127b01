"""Composition root: wires the edge (api/) and the built frontend to URLs.

Like settings and asgi, this module sits above every layer; nothing in forum/ or api/
imports it (tests/test_architecture.py).
"""

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET
from django_otp.admin import OTPAdminSite

from api.ops.views import HealthView

handler500 = "api.errors.server_error"

# Django's admin asks for the second step too: its login form takes a code, and a session
# verified in the staff app passes (decision 0054).
admin.site.__class__ = OTPAdminSite


@require_GET
@ensure_csrf_cookie
def spa(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """Serve the built Svelte app for every non-API path; it routes on the client."""
    index = settings.FRONTEND_DIST / "index.html"
    if not index.exists():
        return HttpResponse(
            "The frontend is not built yet: run `make frontend` (or `make run`).",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The built service worker (frontend/public/sw.js) at the site's root: a worker may
    only control paths under its own URL, and /static/ would not cover /mina-svar."""
    script = settings.FRONTEND_DIST / "sw.js"
    if not script.exists():
        return HttpResponse(status=404)
    response = HttpResponse(script.read_bytes(), content_type="text/javascript; charset=utf-8")
    # A new version reaches phones on their next visit.
    response["Cache-Control"] = "no-cache"
    return response


urlpatterns = [
    path("healthz", HealthView.as_view(), name="healthz"),
    path("sw.js", service_worker, name="service-worker"),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]
if settings.OIDC_ENABLED:
    # City login (decision 0057): browser redirects to and from the city's identity
    # provider. Not mounted at all when off, so /oidc/ is a 404 then (never the SPA).
    urlpatterns.append(path("oidc/", include("api.auth.oidc_urls")))
urlpatterns.append(re_path(r"^(?!static/|api/|ws/|admin/|oidc/).*$", spa, name="spa"))
