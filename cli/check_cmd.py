"""`bridge check`: validate the configuration (and, later, reach both systems)."""

from __future__ import annotations

import click

from cli.common import config_option, not_yet


@click.command()
@config_option
def check(config_path: str) -> None:
    """Validate the configuration file and say exactly which key is wrong."""
    not_yet("Checking", "issue #2")


COMMANDS = [check]
