"""scripts/backup.sh and scripts/restore.sh: a real pg_dump/pg_restore round trip.

The round trip runs only when DATABASE_URL is PostgreSQL (CI's second pass). It creates
two throwaway databases of its own on that server (never the test database), seeds one,
backs it up, restores into the other and compares every table, then drops both.
"""

import hashlib
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "scripts" / "backup.sh"
RESTORE = ROOT / "scripts" / "restore.sh"
SERVER_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SERVER_URL.startswith(("postgres://", "postgresql://"))
# Trust auth ignores it; it is there to prove the scripts never print it.
PASSWORD = "never-printed-" + uuid.uuid4().hex[:8]
PHOTO = hashlib.sha256(b"photo").digest() * 200  # 6.4 kB of bytes standing in for a JPEG


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str

    def url(self, database: str, *, password: str | None = None) -> str:
        auth = self.user + (f":{password}" if password else "")
        return urlunsplit(("postgres", f"{auth}@{self.host}:{self.port}", f"/{database}", "", ""))

    def client_args(self) -> list[str]:
        return ["-h", self.host, "-p", str(self.port), "-U", self.user, "--no-password"]


def _server() -> Server:
    parts = urlsplit(SERVER_URL)
    return Server(parts.hostname or "127.0.0.1", parts.port or 5432, parts.username or "postgres")


def _run(
    args: list[str], *, database_url: str | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env["PYTHON"] = sys.executable  # the scripts use the interpreter running the tests
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        args,
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _sql(server: Server, database: str, query: str, **variables: str) -> str:
    """One query through psql; values go in as psql variables (:'name', :"name")."""
    settings = [f"--set={name}={value}" for name, value in variables.items()]
    args = ["psql", *server.client_args(), "-d", database, "-X", "-At", "-v", "ON_ERROR_STOP=1"]
    done = _run([*args, *settings], stdin=query)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _table_fingerprints(server: Server, database: str) -> dict[str, str]:
    """Row count and a digest of every row of every table, independent of row order."""
    tables = _sql(
        server, database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    ).split()
    found = {}
    for table in tables:
        found[table] = _sql(
            server,
            database,
            "SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
            ' FROM :"table" t',
            table=table,
        )
    return found


@pytest.fixture
def databases() -> Iterator[tuple[Server, str, str]]:
    server = _server()
    suffix = uuid.uuid4().hex[:10]
    names = (f"rostrum_backup_source_{suffix}", f"rostrum_backup_restored_{suffix}")
    try:
        for name in names:
            # template0: creating from template1 fails while anyone else is connected to it
            done = _run(["createdb", *server.client_args(), "--template=template0", name])
            assert done.returncode == 0, done.stderr
        yield server, *names
    finally:
        for name in names:
            _run(["dropdb", *server.client_args(), "--if-exists", "--force", name])


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://…)")
def test_restore_into_an_empty_database_gives_back_every_row_and_picture(
    databases: tuple[Server, str, str], tmp_path: Path
) -> None:
    server, source, restored = databases
    source_url = server.url(source, password=PASSWORD)
    for command in (["migrate", "-v0"], ["seed_demo"]):
        done = _run([sys.executable, "manage.py", *command], database_url=source_url)
        assert done.returncode == 0, done.stderr
    # The demo has no idea photo; one idea gets one so the picture bytes travel too.
    idea_id = _sql(server, source, "SELECT min(id) FROM ideas_idea")
    _sql(
        server,
        source,
        "UPDATE ideas_idea SET photo = decode(:'photo', 'hex'), photo_type = 'image/jpeg'"
        " WHERE id = :'idea'",
        photo=PHOTO.hex(),
        idea=idea_id,
    )

    backed_up = _run(["bash", str(BACKUP), str(tmp_path)], database_url=source_url)
    assert backed_up.returncode == 0, backed_up.stderr
    (backup_dir,) = tmp_path.iterdir()
    written = sorted(p.name for p in backup_dir.iterdir())
    assert written == ["MANIFEST", "SHA256SUMS", "database.dump"]
    manifest = (backup_dir / "MANIFEST").read_text()
    assert "  polls 0" in manifest
    assert "rostrum_commit: " in manifest

    restored_url = server.url(restored, password=PASSWORD)
    done = _run(["bash", str(RESTORE), str(backup_dir)], database_url=restored_url)
    assert done.returncode == 0, done.stderr
    for output in (backed_up, done):
        assert PASSWORD not in output.stdout + output.stderr

    before = _table_fingerprints(server, source)
    assert len(before) > 30
    assert _table_fingerprints(server, restored) == before
    assert _sql(server, restored, "SELECT name FROM participation_forum ORDER BY id LIMIT 1")
    assert int(_sql(server, restored, "SELECT count(*) FROM polls_response")) > 0
    photo_hex = _sql(
        server,
        restored,
        "SELECT encode(photo, 'hex') FROM ideas_idea WHERE id = :'idea'",
        idea=idea_id,
    )
    assert bytes.fromhex(photo_hex) == PHOTO

    again = _run(["bash", str(RESTORE), str(backup_dir)], database_url=restored_url)
    assert again.returncode == 3
    assert "Refusing" in again.stderr


def test_restore_refuses_a_backup_whose_checksum_does_not_match(tmp_path: Path) -> None:
    (tmp_path / "database.dump").write_bytes(b"changed after the backup")
    (tmp_path / "MANIFEST").write_text("created_utc: 2026-01-01T00:00:00Z\n")
    digest = hashlib.sha256(b"the original dump").hexdigest()
    (tmp_path / "SHA256SUMS").write_text(f"{digest}  database.dump\n")
    url = "postgres://nobody:" + PASSWORD + "@127.0.0.1:1/never_reached"

    done = _run(["bash", str(RESTORE), str(tmp_path)], database_url=url)

    assert done.returncode != 0
    assert "FAILED" in done.stdout + done.stderr
    assert PASSWORD not in done.stdout + done.stderr


def test_backup_refuses_a_database_that_is_not_postgresql(tmp_path: Path) -> None:
    done = _run(["bash", str(BACKUP), str(tmp_path)], database_url="sqlite:///var/db.sqlite3")

    assert done.returncode == 2
    assert "PostgreSQL" in done.stderr
    assert list(tmp_path.iterdir()) == []
