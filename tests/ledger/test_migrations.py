"""The schema: built by the migrations, torn down and rebuilt, and equal to the models."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import inspect

from cli.main import cli
from ledger import (
    Ledger,
    current_revision,
    downgrade,
    head_revision,
    make_engine,
    open_ledger,
    upgrade,
)
from ledger.models import Base
from tests.ledger.conftest import Clock

TABLES = {
    "sync_runs",
    "row_errors",
    "person_links",
    "audit_entries",
    "oauth_tokens",
    "pending_creates",
    "call_tasks",
    "call_register",
    "call_rounds",
    "applied_writes",
    "call_mirrors",
    # the admin (issue 16)
    "admin_users",
    "admin_sessions",
    "admin_login_attempts",
    "admin_decisions",
    "admin_ignored_errors",
    "sheet_tabs",
    "doorknock_rounds",
    "doorknock_tallies",
}
EXAMPLE_CONFIG = Path(__file__).resolve().parents[2] / "config" / "example.toml"


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_from_empty_creates_every_table(db_url: str) -> None:
    assert _tables(db_url) == set()
    with open_ledger(db_url) as ledger:
        assert current_revision(ledger.engine) == head_revision()
    assert _tables(db_url) == TABLES | {"alembic_version"}


def test_downgrade_to_base_and_upgrade_again(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        downgrade(engine, "base")
        assert current_revision(engine) is None
        assert _tables(db_url) <= {"alembic_version"}
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        assert _tables(db_url) == TABLES | {"alembic_version"}
        upgrade(engine)  # a second upgrade on an up-to-date ledger changes nothing
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_models_match_the_migrations(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_timestamps_come_back_as_aware_utc(ledger: Ledger, clock: Clock) -> None:
    run_id = ledger.start_run("reconcile", "oslo")
    record = ledger.get_run(run_id)
    assert record is not None
    assert record.started_at == clock.now
    assert record.started_at.tzinfo is not None
    assert record.started_at.utcoffset() == timedelta(0)


def test_cli_upgrade_and_downgrade_by_url(db_url: str) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["db", "upgrade", "--url", db_url])
    assert result.exit_code == 0, result.output
    assert "oppgradert fra tom til" in result.output
    assert _tables(db_url) >= TABLES

    again = runner.invoke(cli, ["db", "upgrade", "--url", db_url])
    assert again.exit_code == 0, again.output
    assert "er oppdatert" in again.output

    down = runner.invoke(cli, ["db", "downgrade", "--to", "base", "--url", db_url])
    assert down.exit_code == 0, down.output
    assert _tables(db_url) <= {"alembic_version"}


def test_cli_upgrade_takes_the_url_from_the_config(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'from-config.sqlite3'}"
    result = CliRunner().invoke(
        cli,
        ["db", "upgrade", "--config", str(EXAMPLE_CONFIG)],
        env={"BRIDGE_DATABASE_URL": url},
    )
    assert result.exit_code == 0, result.output
    assert _tables(url) >= TABLES


def test_cli_hides_the_password_and_fails_cleanly_when_unreachable() -> None:
    url = "postgresql+psycopg://bridge:hemmelig-passord@127.0.0.1:1/ledger"
    result = CliRunner().invoke(cli, ["db", "upgrade", "--url", url])
    assert result.exit_code == 1
    assert "hemmelig-passord" not in result.output
    assert "***" in result.output


def test_cli_needs_a_config_or_a_url() -> None:
    result = CliRunner().invoke(cli, ["db", "upgrade"], env={"BRIDGE_CONFIG": None})
    assert result.exit_code == 2
    assert "--url" in result.output
