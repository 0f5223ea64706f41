"""Small helpers shared by the subcommands: the CLI edge, where failures become one line.

Every text goes through ``bridge.messages.t`` in the configured language (bokmål until a
config has been read). Settings are parsed once per command and passed on, never kept global.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from bridge.errors import BridgeError, ConfigError, shorten
from bridge.messages import t
from bridge.redact import redact

if TYPE_CHECKING:
    from config.settings import Settings
    from jobs.context import JobContext
    from ledger import Ledger

# Exit codes of every command (docs/architecture.md lists them): 0 ok, 1 failed (a problem
# was printed), 2 not built yet or a usage error, 3 held for approval, 4 skipped (lock busy).
OK = 0
FAILED = 1
NOT_YET = 2
HELD = 3
SKIPPED = 4
DEFAULT_LANGUAGE = "nb"


def say(lang: str, key: str, *, err: bool = False, **params: object) -> None:
    """Print one catalogue text in ``lang``."""
    click.echo(t(key, lang, **params), err=err)


def status_word(status: str, lang: str) -> str:
    """A run's status (ok, held, failed, dry_run, skipped) as a word in ``lang``."""
    try:
        return t(f"cli.status.{status}", lang)
    except KeyError:
        return status


def fail(lang: str, key: str, **params: object) -> NoReturn:
    """One line on stderr and exit 1: the CLI edge's answer to a problem a person can fix."""
    say(lang, key, err=True, **params)
    raise SystemExit(FAILED)


def not_yet(what: str, issue: str, lang: str = DEFAULT_LANGUAGE) -> NoReturn:
    """Exit 2 with a plain sentence for a subcommand whose job lands in a later issue."""
    say(lang, "cli.not_yet", err=True, what=what, issue=issue)
    raise SystemExit(NOT_YET)


def load_or_exit(config_path: str) -> Settings:
    """The settings, or every configuration problem listed and exit 1 (no traceback)."""
    from config.loader import load_settings

    try:
        return load_settings(config_path)
    except ConfigError as exc:
        problems = getattr(exc, "problems", None) or (str(exc),)
        lang = getattr(exc, "language", DEFAULT_LANGUAGE)  # the configured one, if it was read
        say(lang, "cli.config_problems", err=True, count=len(problems))
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        raise SystemExit(FAILED) from None
    except BridgeError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(FAILED) from None


def _shown_url(url: str) -> str:
    """A database URL for people to read: never its password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return redact(url.split("@")[-1]) if "@" in url else shorten(url, 60)


def _unwritable(path: Path) -> OSError | None:
    """Why ``path`` cannot hold the bridge's files, without creating anything: an existing
    folder gets a probe file written and removed; a missing one needs its nearest existing
    parent to be a writable folder."""
    if path.is_dir():
        try:
            fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=path)
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            return exc
        return None
    parent = path
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(parent))
    if not os.access(parent, os.W_OK | os.X_OK):
        return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(parent))
    return None


def data_dir_problem(settings: Settings) -> str | None:
    """One line saying why ``data_dir`` cannot be written, or None when it can."""
    path = Path(settings.data_dir)
    exc = _unwritable(path)
    if exc is None:
        return None
    return t(
        "cli.data_dir_failed",
        settings.language,
        path=path,
        reason=exc.strerror or type(exc).__name__,
        config=settings.source,
    )


def ledger_problem(settings: Settings, exc: BaseException) -> str:
    """One line for a ledger that cannot be opened: what, where (the URL without password),
    how to fix it."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    if isinstance(exc, NoSuchModuleError | ArgumentError | ValueError):
        reason = t("cli.ledger_bad_url", settings.language)
    elif isinstance(exc, SQLAlchemyError):
        orig = getattr(exc, "orig", None) or exc
        reason = shorten(
            redact(str(orig).splitlines()[0] if str(orig) else type(orig).__name__), 160
        )
    elif isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
    else:
        reason = shorten(redact(str(exc)), 160) or type(exc).__name__
    return t(
        "cli.ledger_failed",
        settings.language,
        url=_shown_url(settings.database_url.get()),
        reason=reason,
        config=settings.source,
    )


def _ledger_errors() -> tuple[type[BaseException], ...]:
    from alembic.util.exc import CommandError
    from sqlalchemy.exc import SQLAlchemyError

    return (SQLAlchemyError, CommandError, OSError, ValueError, BridgeError)


def open_ledger_or_exit(settings: Settings) -> Ledger:
    """The migrated ledger, or one clear line and exit 1 (data folder first, then database)."""
    from ledger import open_ledger

    problem = data_dir_problem(settings)
    if problem:
        click.echo(problem, err=True)
        raise SystemExit(FAILED)
    try:
        return open_ledger(settings.database_url.get())
    except _ledger_errors() as exc:
        click.echo(ledger_problem(settings, exc), err=True)
        raise SystemExit(FAILED) from None


def context_or_exit(settings: Settings) -> JobContext:
    """The job context (ledger opened, clients bound), or one clear line and exit 1."""
    from jobs.context import build_context

    ledger = open_ledger_or_exit(settings)
    try:
        return build_context(settings, ledger=ledger)
    except BridgeError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(FAILED) from None


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=str),
    envvar="BRIDGE_CONFIG",
    required=True,
    help="Path to the bridge's TOML configuration (or set BRIDGE_CONFIG).",
)
