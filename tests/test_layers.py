"""Layers only point down: core < participation < moderation < polls < ideas < live < budgets <
council < api < config (docs/architecture.md).

Every Python file of forum/, api/ and config/ is parsed with ``ast``, and every arrow it draws
is checked: imports anywhere in the file (function-local ones too, and literal
``import_module``), model references by string (``ForeignKey("council.PlanningItem")``,
``apps.get_model("council", "Decision")``, ``"council.Decision"`` in a migration) and
migration dependencies. import-linter (``make lint``) checks the imports and the cycles too;
this test also sees what it cannot: strings and migrations.
"""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = [
    "core",
    "participation",
    "moderation",
    "polls",
    "ideas",
    "live",
    "budgets",
    "council",
    "api",
    "config",
]
RANK = {name: i for i, name in enumerate(LAYERS)}
RELATION_CALLS = {"ForeignKey", "OneToOneField", "ManyToManyField"}
DYNAMIC_IMPORTERS = {"import_module", "__import__", "import_string"}
MODEL_STRING = re.compile(r"(?P<app>[a-z_]+)\.(?P<model>[A-Za-z_]+)")

# Migrations written before the layers were enforced (issue 14): they are applied on every
# database, so they are frozen as they are; rewriting them would orphan the rows
# django_migrations holds. Each entry is "file -> layer it reaches up to". No new entry may
# be added: new migrations follow the order.
FROZEN_HISTORY = {
    "forum/core/migrations/0003_repair_stored_text.py -> council",
    "forum/core/migrations/0003_repair_stored_text.py -> ideas",
    "forum/core/migrations/0003_repair_stored_text.py -> live",
    "forum/core/migrations/0003_repair_stored_text.py -> moderation",
    "forum/core/migrations/0003_repair_stored_text.py -> participation",
    "forum/core/migrations/0003_repair_stored_text.py -> polls",
    "forum/ideas/migrations/0001_initial.py -> council",
    "forum/ideas/migrations/0002_planning_links_from_council.py -> council",
    "forum/ideas/migrations/0003_step_from_council_decision.py -> council",
    "forum/ideas/migrations/0004_links_moved_to_council.py -> council",
    "forum/live/migrations/0003_activity_kinds_drafts_links.py -> council",
    "forum/live/migrations/0006_links_moved_to_council.py -> council",
}


def layer_of_module(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "forum" and len(parts) > 1 and parts[1] in RANK:
        return parts[1]
    if parts[0] in ("api", "config"):
        return parts[0]
    return None


def layer_of_label(label: str) -> str | None:
    return label if label in RANK else None


def layer_of_path(path: Path) -> str | None:
    return layer_of_module(".".join(path.relative_to(ROOT).with_suffix("").parts))


def _constant(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def arrows(source: str, package: str = "", migration: bool = False) -> Iterator[tuple[int, str]]:
    """(line, layer) for everything a file reaches: imports, model strings, migration deps."""
    for node in ast.walk(ast.parse(source)):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                modules = [node.module]
            elif node.level and package:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                modules = [".".join([*base, *([node.module] if node.module else [])])]
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            if name in DYNAMIC_IMPORTERS and (
                literal := _constant(node.args[0] if node.args else None)
            ):
                modules = [literal]
            elif name in RELATION_CALLS:
                target = _constant(node.args[0] if node.args else None)
                for keyword in node.keywords:
                    if keyword.arg == "to":
                        target = _constant(keyword.value)
                if (
                    target
                    and (match := MODEL_STRING.fullmatch(target))
                    and (layer := layer_of_label(match["app"]))
                ):
                    yield node.lineno, layer
            elif (
                name == "get_model"
                and node.args
                and (layer := layer_of_label((_constant(node.args[0]) or "").split(".")[0]))
            ):
                yield node.lineno, layer
        elif migration and isinstance(node, ast.Tuple) and len(node.elts) == 2:
            # ("council", "0005_planning_links_copied") in dependencies
            dep_label, migration_name = (_constant(e) for e in node.elts)
            if (
                dep_label
                and migration_name
                and re.fullmatch(r"\d{4}_\w+", migration_name)
                and (layer := layer_of_label(dep_label))
            ):
                yield node.lineno, layer
        elif (
            migration
            and isinstance(node, ast.Constant)
            and (text := _constant(node))
            and (match := MODEL_STRING.fullmatch(text))
            and (layer := layer_of_label(match["app"]))
            and match["model"][0].isalpha()
        ):
            # to="council.planningitem" in a migration's field
            yield node.lineno, layer
        for module in modules:
            if (layer := layer_of_module(module)) and isinstance(node, ast.stmt | ast.expr):
                yield node.lineno, layer


def upward(source: str, path: str) -> list[str]:
    """Every arrow from the file at ``path`` to a layer above its own."""
    own = layer_of_module(path.removesuffix(".py").replace("/", "."))
    if own is None:
        return []
    package = path.removesuffix(".py").replace("/", ".").rsplit(".", 1)[0]
    found = []
    for line, layer in arrows(source, package, migration="/migrations/" in path):
        if RANK[layer] > RANK[own]:
            found.append((f"{path} -> {layer}", f"{path}:{line} reaches up to {layer}"))
    return [message for key, message in found if key not in FROZEN_HISTORY]


def project_files() -> list[Path]:
    return sorted(
        p
        for top in ("forum", "api", "config")
        for p in (ROOT / top).rglob("*.py")
        if "__pycache__" not in p.parts
    )


def test_no_arrow_points_up() -> None:
    found = [
        message
        for path in project_files()
        for message in upward(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    ]

    assert found == [], "a lower layer reaches a higher one:\n" + "\n".join(found)


def test_the_frozen_history_does_not_grow_and_its_entries_are_real() -> None:
    seen = set()
    for path in project_files():
        rel = path.relative_to(ROOT).as_posix()
        own = layer_of_path(path)
        source = path.read_text(encoding="utf-8")
        for _line, layer in arrows(source, migration="/migrations/" in rel):
            if own and RANK[layer] > RANK[own]:
                seen.add(f"{rel} -> {layer}")

    assert seen == FROZEN_HISTORY


def test_the_walk_covers_every_layer() -> None:
    layers = {layer_of_path(p) for p in project_files()} - {None}

    assert layers == set(LAYERS)


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("forum/polls/services.py", "from forum.live.models import LiveSession"),
        ("forum/polls/services.py", "import forum.council.selectors"),
        ("forum/polls/services.py", "def f():\n    from forum.ideas import services\n"),
        ("forum/polls/services.py", "importlib.import_module('forum.council.services')"),
        ("forum/core/models.py", "x = models.ForeignKey('polls.Poll', on_delete=CASCADE)"),
        ("forum/core/models.py", "x = models.ManyToManyField(to='ideas.Idea')"),
        ("forum/live/services.py", "apps.get_model('council', 'PlanningLink')"),
        ("forum/live/services.py", "apps.get_model('council.PlanningLink')"),
        ("forum/council/services.py", "from api.errors import error_body"),
        ("api/views.py", "from config.urls import urlpatterns"),
        ("forum/ideas/migrations/0009_x.py", "dependencies = [('council', '0007_steps')]"),
        ("forum/live/migrations/0009_x.py", "f = models.ForeignKey(to='council.planningitem')"),
        ("forum/core/apps.py", "from ..council import models"),
    ],
)
def test_the_check_catches_upward_arrows(path: str, source: str) -> None:
    assert upward(source, path)


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("forum/council/services.py", "from forum.live.models import LiveSession"),
        ("forum/council/models.py", "x = models.ForeignKey('ideas.Idea', on_delete=CASCADE)"),
        ("forum/live/services.py", "from forum.core.events import live_group"),
        ("forum/live/services.py", "from .models import LiveSession"),
        ("api/live/views.py", "from forum.council.selectors import brief_document"),
        ("config/urls.py", "from api.views import HealthView"),
        ("forum/live/services.py", "kind = 'council.updated'"),
        ("forum/council/migrations/0009_x.py", "dependencies = [('ideas', '0004_links')]"),
    ],
)
def test_the_check_allows_downward_arrows(path: str, source: str) -> None:
    assert upward(source, path) == []
