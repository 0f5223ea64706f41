"""Small helpers shared by the subcommands."""

from __future__ import annotations

from typing import NoReturn

import click

NOT_YET = 2


def not_yet(what: str, issue: str) -> NoReturn:
    """Exit 2 with a plain sentence for a subcommand whose job lands in a later issue."""
    click.echo(f"{what} is not built yet (it comes with {issue}).", err=True)
    raise SystemExit(NOT_YET)


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=str),
    envvar="BRIDGE_CONFIG",
    required=True,
    help="Path to the bridge's TOML configuration (or set BRIDGE_CONFIG).",
)
