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
from bridge.messages import t
from bridge.redact import redact
from cli.common import DEFAULT_LANGUAGE, data_dir_problem, load_or_exit
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


def _database_url(config_path: str | None, url: str | None) -> tuple[str, str]:
    """The database URL and the language to speak (the config's; bokmål with ``--url``)."""
    if url:
        return url, DEFAULT_LANGUAGE
    if not config_path:
        raise click.UsageError(t("db.need_source", DEFAULT_LANGUAGE))
    settings = load_or_exit(config_path)
    problem = data_dir_problem(settings)  # the default SQLite ledger lives in data_dir
    if problem:
        click.echo(problem, err=True)
        raise SystemExit(1)
    return settings.database_url.get(), settings.language


def _shown(url: str) -> str:
    """The URL for people to read: never its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(the given URL)"


def _with_engine(url: str, lang: str, action: Callable[[Engine], None]) -> None:
    try:
        engine = make_engine(url)
    except Exception as exc:
        raise click.UsageError(t("db.bad_url", lang, url=_shown(url))) from exc
    try:
        action(engine)
    except SQLAlchemyError as exc:
        reason = shorten(redact(str(getattr(exc, "orig", None) or exc)), 200)
        click.echo(t("db.failed", lang, url=_shown(url), reason=reason), err=True)
        raise SystemExit(1) from None
    except CommandError as exc:
        click.echo(t("db.migration_failed", lang, reason=exc), err=True)
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
    database, lang = _database_url(config_path, url)

    def run(engine: Engine) -> None:
        before = current_revision(engine)
        upgrade(engine)
        after = current_revision(engine)
        shown = _shown(database)
        if before == after:
            click.echo(t("db.up_to_date", lang, url=shown, rev=after))
        else:
            empty = t("db.empty", lang)
            click.echo(t("db.upgraded", lang, url=shown, before=before or empty, after=after))

    _with_engine(database, lang, run)


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
    database, lang = _database_url(config_path, url)

    def run(engine: Engine) -> None:
        downgrade(engine, revision)
        rev = current_revision(engine) or t("db.base", lang)
        click.echo(t("db.now_at", lang, url=_shown(database), rev=rev))

    _with_engine(database, lang, run)


@db.command("current")
@_config
@_url
def current_cmd(config_path: str | None, url: str | None) -> None:
    """Show the ledger's revision and the newest one this version of the bridge ships."""
    database, lang = _database_url(config_path, url)

    def run(engine: Engine) -> None:
        click.echo(t("db.current", lang, rev=current_revision(engine) or t("db.empty", lang)))
        click.echo(t("db.newest", lang, rev=head_revision()))

    _with_engine(database, lang, run)


COMMANDS = [db]
