"""`manage.py check --deploy` is clean with the documented production environment.

The environment is deploy/production.env.example (README.md points there), with a random
SECRET_KEY since the file holds no secrets. Run in a subprocess: production settings are
read once at start-up, and this test process runs the development ones.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "deploy" / "production.env.example"


def documented_environment() -> dict[str, str]:
    values = {}
    for line in EXAMPLE.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, value = line.partition("=")
        values[name.strip()] = value.strip()
    return values


def run_deploy_check(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Only the basics of this process's environment: a developer's own variables must not
    # decide it (the documented values also win over a .env beside manage.py).
    base = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**base, "PYTHONPATH": str(ROOT), **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_example_says_production_and_holds_no_secret() -> None:
    documented = documented_environment()

    assert documented["ROSTRUM_ENV"] == "production"
    assert documented["SECRET_KEY"] == ""
    assert "DEBUG" not in documented


def test_deploy_check_is_clean_with_the_documented_production_environment() -> None:
    environment = documented_environment() | {"SECRET_KEY": secrets.token_urlsafe(50)}

    result = run_deploy_check(environment)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_fails_without_https_settings() -> None:
    # Guards the test itself: the check does fail on a weaker environment.
    environment = documented_environment() | {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
    }

    result = run_deploy_check(environment)

    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr
