"""api/ is laid out by feature (docs/architecture.md): its top holds only what every feature
shares, and every feature package brings its own URLs and views."""

import ast
from pathlib import Path

from django.conf import settings

API = Path(settings.BASE_DIR) / "api"
SHARED = {
    "__init__",
    "apps",
    # Who acts, for the audit log: middleware for HTTP and the staff sockets (decision 0055).
    "audit_context",
    "converters",
    "errors",
    "fields",
    "handler",
    # Staff texts in the reader's language: fields every feature's outputs use.
    "localized",
    "parsers",
    "participant_cookie",
    "proxies",
    # The request's language for HTTP (middleware), sockets and documents alike.
    "request_language",
    "routing",
    "security",
    "static",
    "throttles",
    "urls",
}
FEATURES = {
    "audit",
    "auth",
    "budgets",
    "council",
    "departments",
    "forums",
    "ideas",
    "languages",
    "live",
    "ops",
    "participants",
    "polls",
    "public",
    "push",
    "translations",
    "workshops",
}


def test_the_top_of_api_holds_only_shared_edge_modules() -> None:
    assert {p.stem for p in API.glob("*.py")} == SHARED


def test_every_feature_package_has_its_views_and_only_ops_is_wired_outside_api_urls() -> None:
    packages = {p.parent.name for p in API.glob("*/__init__.py")}
    assert packages == FEATURES
    for name in FEATURES:
        assert (API / name / "views.py").exists(), name
        assert (API / name / "urls.py").exists() or name == "ops", name  # /healthz: config


def test_no_view_class_lives_at_the_top() -> None:
    # ThrottledAPIView (throttles.py) is the base every feature's write view extends.
    views = {"APIView", "ThrottledAPIView", "GenericAPIView"}
    for path in API.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = [
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef)
            and node.name != "ThrottledAPIView"
            and any(getattr(b, "id", getattr(b, "attr", "")) in views for b in node.bases)
        ]
        assert found == [], path.name
