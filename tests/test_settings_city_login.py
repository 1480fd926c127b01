"""City login's settings from the environment (config/settings.py), read in a subprocess:
settings are read once per process, and a developer's .env must not decide the outcome."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROVIDER = "https://login.stad.example"
COMPLETE = {
    "OIDC_ENABLED": "true",
    "OIDC_RP_CLIENT_ID": "rostrum",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{PROVIDER}/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": f"{PROVIDER}/token",
    "OIDC_OP_USER_ENDPOINT": f"{PROVIDER}/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": f"{PROVIDER}/jwks",
    "OIDC_ROLE_GROUPS": "rostrum-admin=admin, /stad/rostrum-official = official",
}
READ = (
    "import json; from config import settings as s; "
    "print(json.dumps([s.OIDC_ROLE_GROUPS, s.AUTHENTICATION_BACKENDS]))"
)


def settings_with(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return subprocess.run(
        [sys.executable, "-c", READ],
        cwd=ROOT,
        env={**base, "PYTHONPATH": str(ROOT), "SQLITE_PATH": "/tmp/unused.sqlite3", **environment},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_city_login_on_maps_groups_to_roles_and_adds_its_backend() -> None:
    result = settings_with(COMPLETE)

    assert result.returncode == 0, result.stderr
    groups, backends = json.loads(result.stdout)
    assert groups == {"rostrum-admin": "admin", "/stad/rostrum-official": "official"}
    assert backends[-1] == "api.auth.oidc.CityLoginBackend"
    assert "django.contrib.auth.backends.ModelBackend" in backends  # local accounts stay


def test_off_by_default_without_its_backend() -> None:
    result = settings_with({"OIDC_ENABLED": "false"})  # as the default, over any .env

    assert result.returncode == 0, result.stderr
    groups, backends = json.loads(result.stdout)
    assert groups == {}
    assert "api.auth.oidc.CityLoginBackend" not in backends


def test_a_mapping_to_an_unknown_role_or_missing_settings_refuse_to_start() -> None:
    unknown_role = settings_with({**COMPLETE, "OIDC_ROLE_GROUPS": "rostrum-boss=boss"})
    missing = settings_with({**COMPLETE, "OIDC_OP_JWKS_ENDPOINT": ""})

    assert unknown_role.returncode != 0
    assert "OIDC_ROLE_GROUPS" in unknown_role.stderr
    assert missing.returncode != 0
    assert "OIDC_ENABLED needs OIDC_OP_JWKS_ENDPOINT" in missing.stderr
