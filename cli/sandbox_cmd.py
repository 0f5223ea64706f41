"""`bridge sandbox`: serve the Zetkin and Google Sheets stand-ins on loopback."""

from __future__ import annotations

import click

from cli.common import not_yet


@click.command()
@click.option("--seed", type=click.Choice(["empty", "demo"]), default="demo", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON line, then serve.")
def sandbox(seed: str, as_json: bool) -> None:
    """Serve local stand-ins for the Zetkin and Google Sheets APIs until interrupted."""
    not_yet("The sandbox", "issue #3 and #4")


COMMANDS = [sandbox]
