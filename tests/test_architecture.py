"""The domain never imports the edge (docs/architecture.md).

Every module under forum/ is parsed with ``ast`` and its imports checked. The composition
root that wires the edge to the domain lives in config/, outside forum/. forum/core/events.py
may use ``channels.layers``: the channel layer is the event bus, not the socket edge.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORUM = ROOT / "forum"
FORBIDDEN = ("api", "config", "rest_framework", "channels.generic", "channels.routing")
DYNAMIC_IMPORTERS = {"import_module", "__import__", "import_string"}


def is_forbidden(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in FORBIDDEN)


def imported_modules(source: str, filename: str = "<source>") -> Iterator[tuple[int, str]]:
    """Every absolute module a source file imports, statically or by a literal dynamic import."""
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                yield node.lineno, node.module
                # "from channels import generic" reaches channels.generic too.
                for alias in node.names:
                    yield node.lineno, f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in DYNAMIC_IMPORTERS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    yield node.lineno, first.value


def violations(source: str, filename: str = "<source>") -> list[str]:
    return [
        f"{filename}:{line} imports {module}"
        for line, module in imported_modules(source, filename)
        if is_forbidden(module)
    ]


def domain_modules() -> list[Path]:
    return sorted(FORUM.rglob("*.py"))


def test_domain_never_imports_the_edge() -> None:
    found = [
        v
        for path in domain_modules()
        for v in violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]

    assert found == [], (
        "forum/ must not import api/, config/, DRF or Channels' socket layer:\n" + "\n".join(found)
    )


def test_the_walk_covers_the_domain_apps() -> None:
    paths = {p.relative_to(ROOT).as_posix() for p in domain_modules()}

    assert {
        "forum/polls/services.py",
        "forum/live/selectors.py",
        "forum/council/services.py",
        "forum/core/events.py",
    } <= paths
    assert not {"forum/settings.py", "forum/urls.py", "forum/asgi.py"} & paths


@pytest.mark.parametrize(
    "source",
    [
        "from api import views",
        "from api.errors import error_body",
        "import api.live.hub",
        "import api",
        "from rest_framework import serializers",
        "import rest_framework.exceptions as drf",
        "from channels.generic.websocket import AsyncWebsocketConsumer",
        "from channels import generic",
        "from channels.routing import URLRouter",
        "def f():\n    from api import x\n    return x",
        "import importlib\nimportlib.import_module('api.views')",
    ],
)
def test_the_check_catches_edge_imports(source: str) -> None:
    # Adding any of these to forum/polls/services.py must fail the real test above.
    real = (FORUM / "polls" / "services.py").read_text(encoding="utf-8")

    assert violations(real + "\n" + source + "\n", "forum/polls/services.py")


@pytest.mark.parametrize(
    "source",
    [
        "from channels.layers import get_channel_layer",
        "import apiary",
        "from django.db import transaction",
        "from forum.core.errors import DomainError",
        "from .models import Poll",
    ],
)
def test_the_check_allows_domain_imports(source: str) -> None:
    assert violations(source) == []
