"""`bridge demo`: the whole product on a fictional branch."""

from __future__ import annotations

import click

from cli.common import not_yet


@click.command()
@click.option("--once", is_flag=True, help="Run one full cycle, print a summary and exit.")
def demo(once: bool) -> None:
    """Run the bridge on a seeded fictional branch with local stand-ins.

    Nothing leaves this machine: Zetkin and Google Sheets are simulated.
    """
    not_yet("The demo", "issue #5 (member reconciliation)")


COMMANDS = [demo]
