"""`bridge db`: the ledger's migrations.

Commands that need the ledger migrate it themselves on start-up; these are for doing it on
purpose (before a deploy, or to step back after a bad release). The database comes from the
configuration (``--config``) or straight from ``--url``, which needs no config file.
"""

from __future__ import annotations

from collections.abc import Callable

import click
from alembic.util.exc import CommandError
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bridge.errors import shorten
from bridge.redact import redact
from ledger import current_revision, downgrade, head_revision, make_engine, upgrade

__all__ = ["COMMANDS", "db"]

_config = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=str),
    envvar="BRIDGE_CONFIG",
    help="The bridge's TOML configuration; its database_url is used (or set BRIDGE_CONFIG).",
)
_url = click.option(
    "--url",
    "url",
    metavar="URL",
    help="A database URL instead of a config, e.g. sqlite:///data/bridge.sqlite3 or "
    "postgresql+psycopg://user@host/db.",
)


def _database_url(config_path: str | None, url: str | None) -> str:
    if url:
        return url
    if not config_path:
        raise click.UsageError("give --config FILE (or BRIDGE_CONFIG) or --url URL")
    from cli.common import data_dir_problem, load_or_exit

    settings = load_or_exit(config_path)
    problem = data_dir_problem(settings)  # the default SQLite ledger lives in data_dir
    if problem:
        click.echo(problem, err=True)
        raise SystemExit(1)
    return settings.database_url.get()


def _shown(url: str) -> str:
    """The URL for people to read: never its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(the given URL)"


def _with_engine(url: str, action: Callable[[Engine], None]) -> None:
    try:
        engine = make_engine(url)
    except Exception as exc:
        raise click.UsageError(f"not a usable database URL: {_shown(url)}") from exc
    try:
        action(engine)
    except SQLAlchemyError as exc:
        reason = shorten(redact(str(getattr(exc, "orig", None) or exc)), 200)
        click.echo(f"The ledger database at {_shown(url)} failed: {reason}", err=True)
        raise SystemExit(1) from None
    except CommandError as exc:
        click.echo(f"Migration failed: {exc}", err=True)
        raise SystemExit(1) from None
    finally:
        engine.dispose()


@click.group()
def db() -> None:
    """Manage the ledger database (run history, errors, links, audit)."""


@db.command("upgrade")
@_config
@_url
def upgrade_cmd(config_path: str | None, url: str | None) -> None:
    """Apply every pending migration to the ledger (creating it if it is empty)."""
    database = _database_url(config_path, url)

    def run(engine: Engine) -> None:
        before = current_revision(engine)
        upgrade(engine)
        after = current_revision(engine)
        if before == after:
            click.echo(f"Ledger at {_shown(database)} is up to date (revision {after}).")
        else:
            click.echo(
                f"Ledger at {_shown(database)} upgraded from {before or 'empty'} to {after}."
            )

    _with_engine(database, run)


@db.command("downgrade")
@_config
@_url
@click.option(
    "--to",
    "revision",
    required=True,
    metavar="REV",
    help='The revision to step back to; "base" removes every ledger table.',
)
def downgrade_cmd(config_path: str | None, url: str | None, revision: str) -> None:
    """Undo migrations down to a revision (for stepping back after a bad release)."""
    database = _database_url(config_path, url)

    def run(engine: Engine) -> None:
        downgrade(engine, revision)
        click.echo(
            f"Ledger at {_shown(database)} is now at {current_revision(engine) or 'base (empty)'}."
        )

    _with_engine(database, run)


@db.command("current")
@_config
@_url
def current_cmd(config_path: str | None, url: str | None) -> None:
    """Show the ledger's revision and the newest one this version of the bridge ships."""
    database = _database_url(config_path, url)

    def run(engine: Engine) -> None:
        click.echo(f"current: {current_revision(engine) or 'empty'}")
        click.echo(f"newest:  {head_revision()}")

    _with_engine(database, run)


COMMANDS = [db]
