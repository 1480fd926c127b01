"""The HTTP bench's reference view exists only under bench.settings (bench/README.md)."""

from django.urls import resolve

from api.errors import api_not_found
from bench.reference import ReferenceView


def test_production_urls_have_no_reference_view() -> None:
    assert resolve("/api/bench/reference").func is api_not_found


def test_bench_urls_put_the_reference_in_front_of_the_app() -> None:
    match = resolve("/api/bench/reference", urlconf="bench.urls")

    assert match.func.view_class is ReferenceView  # type: ignore[attr-defined]
    assert resolve("/api/join", urlconf="bench.urls").url_name == "join"
