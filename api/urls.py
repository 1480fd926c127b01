"""The API's URLs: the schema and its docs, then every feature package's own urls."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.errors import api_not_found

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    path("", include("api.auth.urls")),
    path("", include("api.live.urls")),
    path("", include("api.forums.urls")),
    path("", include("api.participants.urls")),
    path("", include("api.push.urls")),
    path("", include("api.polls.urls")),
    path("", include("api.ideas.urls")),
    path("", include("api.budgets.urls")),
    path("", include("api.council.urls")),
    path("", include("api.workshops.urls")),
    path("", include("api.public.urls")),
    path("", include("api.languages.urls")),
    path("", include("api.departments.urls")),
    path("", include("api.translations.urls")),
    path("", include("api.audit.urls")),
    # [\s\S], not ".": a path with an encoded newline (%0A) must land here too, not on Django's
    # HTML 404 page (found by the fuzzer).
    re_path(r"^[\s\S]*$", api_not_found),
]
