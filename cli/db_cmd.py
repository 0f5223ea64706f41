"""`bridge db`: the ledger's migrations."""

from __future__ import annotations

import click

from cli.common import config_option, not_yet


@click.group()
def db() -> None:
    """Manage the ledger database (run history, errors, links, audit)."""


@db.command()
@config_option
def upgrade(config_path: str) -> None:
    """Apply every pending migration to the ledger."""
    not_yet("Migrations", "issue #2")


COMMANDS = [db]
