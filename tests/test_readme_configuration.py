"""README's configuration table says what the code reads, with the code's defaults (and
pyproject lists each dependency once).

Read from the source (ast), not from django.conf.settings: many variables are read only on
one branch (PostgreSQL, production, the pool), and a developer's .env must not decide the
outcome. Every env.str/int/float/bool/list/db_url and os.environ.get/os.getenv call with a
constant name in config/, forum/ and api/ is a variable; its default is evaluated where it
is a plain value.
"""

import ast
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("config", "forum", "api")
README = ROOT / "README.md"
TABLE_HEADER = "| variable | default | meaning |"

# Defaults the table states in words: pinned here so a change to either side is noticed,
# with what the code's default must satisfy (None: depends on the machine or on another
# variable, nothing to compare).
PROSE_DEFAULTS: dict[str, tuple[str, Any]] = {
    "SECRET_KEY": ("dev-only key", lambda value: value.startswith("dev-only")),
    "DATABASE_URL": ("SQLite in `var/rostrum.sqlite3`", None),
    "PUBLIC_BASE_URL": ("the request's own host", lambda value: value == ""),
    "WHITENOISE_USE_FINDERS": ("`true` until `var/static/` exists", None),
}
UNKNOWN = object()  # a default computed from other settings
PINNED = r"[A-Za-z0-9_.\-]+(\[[a-z,]+\])?==[0-9][^ ;]*"  # name[extras]==version


@dataclass
class Read:
    defaults: list[Any] = field(default_factory=list)
    where: list[str] = field(default_factory=list)


def _module_constants(tree: ast.Module) -> dict[str, Any]:
    constants = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
        ):
            constants[node.targets[0].id] = node.value.value
    return constants


def _is_env_read(call: ast.Call) -> bool:
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    owner = func.value
    if isinstance(owner, ast.Name) and owner.id == "env":
        return func.attr in {"str", "int", "float", "bool", "list", "db_url"}
    if isinstance(owner, ast.Name) and owner.id == "os":
        return func.attr == "getenv"
    return (
        isinstance(owner, ast.Attribute)
        and owner.attr == "environ"
        and isinstance(owner.value, ast.Name)
        and owner.value.id == "os"
        and func.attr == "get"
    )


def _evaluate(node: ast.expr, constants: dict[str, Any]) -> Any:
    # BASE_DIR as the project root seen from the README: str(BASE_DIR / "var" / "x") is
    # "var/x". Anything that needs another setting (PRODUCTION, SQLITE_PATH) is UNKNOWN.
    names = {"BASE_DIR": PurePosixPath("."), "str": str, **constants}
    try:
        code = compile(ast.Expression(node), "<default>", "eval")
        return eval(code, {"__builtins__": {}}, names)  # noqa: S307 - our own settings source
    except (NameError, TypeError, AttributeError):
        return UNKNOWN


def variables_read() -> dict[str, Read]:
    found: dict[str, Read] = {}
    for package in SCANNED:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(), filename=str(path))
            constants = _module_constants(tree)
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and _is_env_read(node) and node.args):
                    continue
                name_node = node.args[0]
                if isinstance(name_node, ast.Constant) and isinstance(name_node.value, str):
                    name = name_node.value
                elif isinstance(name_node, ast.Name) and isinstance(
                    constants.get(name_node.id), str
                ):
                    name = constants[name_node.id]
                else:
                    continue  # a loop over retired names, not a setting
                default_node = next((k.value for k in node.keywords if k.arg == "default"), None)
                if default_node is None and len(node.args) > 1:
                    default_node = node.args[1]
                read = found.setdefault(name, Read())
                read.where.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                if default_node is not None:
                    read.defaults.append(_evaluate(default_node, constants))
    return found


def readme_rows() -> dict[str, str]:
    lines = README.read_text().splitlines()
    start = lines.index(TABLE_HEADER) + 2  # header and |---| rule
    rows: dict[str, str] = {}
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        variables, default = (cell.strip() for cell in line.strip("|").split("|")[:2])
        names = re.findall(r"`([A-Z0-9_]+)`", variables)
        assert names, line
        values = re.findall(r"`([^`]*)`", default)
        exact = re.fullmatch(r"`[^`]*`(, `[^`]*`)*( in production)?", default) is not None
        for index, name in enumerate(names):
            if not exact or len(values) == 1:
                rows[name] = default
            else:
                assert len(values) == len(names), line
                rows[name] = f"`{values[index]}`"
    return rows


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(value)
    return str(value)


def _same(documented: str, value: Any) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return float(documented) == float(value)
        except ValueError:
            return False
    return documented == _as_text(value)


def test_every_variable_the_code_reads_is_in_the_table_and_nothing_else():
    read = set(variables_read())
    documented = set(readme_rows())
    assert sorted(read - documented) == [], "read by the code, missing from README's table"
    assert sorted(documented - read) == [], "in README's table, read nowhere"


def test_the_table_states_the_codes_defaults():
    read = variables_read()
    wrong = []
    for name, cell in readme_rows().items():
        defaults = [d for d in read[name].defaults if d is not UNKNOWN]
        if name in PROSE_DEFAULTS:
            text, check = PROSE_DEFAULTS[name]
            if cell != text or (check and not any(check(d) for d in defaults)):
                wrong.append((name, cell, defaults))
            continue
        if cell.startswith(("none", "unset")):
            # Nothing set means the feature is off or derived: an empty default.
            if any(d for d in defaults):
                wrong.append((name, cell, defaults))
            continue
        match = re.fullmatch(r"`([^`]*)`( in production)?", cell)
        assert match, f"{name}: say the default in backticks, or pin the words in PROSE_DEFAULTS"
        # A variable read twice (a presence check, then the value) documents one of them.
        if not any(_same(match.group(1), d) for d in defaults):
            wrong.append((name, cell, defaults))
    assert wrong == []


def test_the_reader_finds_what_it_should():
    # Guards the test itself: a read on a branch, one with an expression default, one in
    # a management command through module constants.
    read = variables_read()
    assert read["THROTTLE_JOIN"].defaults == ["1200/min"]
    assert read["API_MAX_BODY_BYTES"].defaults == [16384]
    assert read["SQLITE_TEST_PATH"].defaults == ["var/test.sqlite3"]
    assert read["DB_POOL_TIMEOUT"].defaults == [10.0]
    assert read["DEMO_STAFF_PASSWORD"].defaults == ["rostrum-demo"]
    assert "PROXY_COUNT" not in read  # refused, not read: documented under TRUSTED_PROXIES


def test_every_dependency_is_listed_once_and_pinned_exactly():
    # pyproject listed openpyxl twice: harmless until the two pins disagree.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    groups = {"dependencies": project["dependencies"], **project["optional-dependencies"]}
    seen: dict[str, str] = {}
    for group, requirements in groups.items():
        for requirement in requirements:
            name = re.split(r"[\[=<>~!; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")
            assert name not in seen, f"{name} in {group} and {seen[name]}"
            seen[name] = group
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+(\[[a-z,]+\])?==[0-9][^ ;]*", requirement), (
                requirement
            )
