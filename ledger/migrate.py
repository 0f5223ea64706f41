"""Run the ledger's Alembic migrations from code.

Every command that needs the ledger upgrades it on start-up, and ``bridge db upgrade`` does it
on request; both come here. The Alembic config is built in code (no ini file to find at run
time), and the migrations run under a lock, so two processes starting at once on a fresh
database do not race each other (one would fail with "table sync_runs already exists"): the
second waits, then finds the schema at head and does nothing.

- PostgreSQL: ``pg_advisory_xact_lock`` (the transaction-scoped ``pg_advisory_lock``) taken in
  the migration's own transaction, so it ends with the commit, or with the connection of a
  process that died.
- SQLite: ``flock`` on a file beside the database (``<file>.migrate.lock``); the OS frees it
  when the holder dies. An in-memory database belongs to one connection and needs none.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

__all__ = [
    "alembic_config",
    "current_revision",
    "downgrade",
    "head_revision",
    "sqlite_lock_path",
    "upgrade",
]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# An arbitrary constant: "the ledger's migration lock" for pg_advisory_xact_lock.
_PG_LOCK_ID = 0x6C656467


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the migrations shipped inside this package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})


def sqlite_lock_path(engine: Engine) -> Path | None:
    """The migration lock file of a SQLite ledger file; None for other databases and memory."""
    url = engine.url
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database).expanduser().resolve().with_name(Path(database).name + ".migrate.lock")


@contextmanager
def _file_lock(engine: Engine) -> Iterator[None]:
    path = sqlite_lock_path(engine)
    if path is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # waits: the other process is migrating
        yield
    finally:
        os.close(fd)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply every pending migration up to ``revision`` (in one transaction where possible)."""
    with _file_lock(engine), engine.begin() as conn:
        _lock(conn)
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Undo migrations down to ``revision`` (``"base"`` drops every ledger table)."""
    with _file_lock(engine), engine.begin() as conn:
        _lock(conn)
        command.downgrade(alembic_config(conn), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    """The newest revision shipped with this code."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
