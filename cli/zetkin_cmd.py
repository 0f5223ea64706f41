"""`bridge zetkin`: one-time authorisation against Zetkin."""

from __future__ import annotations

import click

from cli.common import config_option, not_yet


@click.group()
def zetkin() -> None:
    """Zetkin account tasks."""


@zetkin.command()
@config_option
def login(config_path: str) -> None:
    """Run the one-time OAuth flow and store the token pair in the ledger."""
    not_yet("Zetkin login", "issue #4")


COMMANDS = [zetkin]
