"""The app's URLs with the bench's reference view in front (see bench/settings.py)."""

from django.urls import path

from bench.reference import ReferenceView
from config.urls import handler500
from config.urls import urlpatterns as app_urlpatterns

__all__ = ["handler500", "urlpatterns"]

urlpatterns = [
    # Before the app's own patterns: api/ ends in a catch-all 404.
    path("api/bench/reference", ReferenceView.as_view(), name="bench-reference"),
    *app_urlpatterns,
]
