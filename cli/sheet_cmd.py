"""`bridge init-sheet`: create the default workbook in an empty spreadsheet."""

from __future__ import annotations

import click

from cli.common import config_option, not_yet


@click.command("init-sheet")
@config_option
def init_sheet(config_path: str) -> None:
    """Create the default workbook's tabs and headers in each branch's spreadsheet."""
    not_yet("init-sheet", "issue #3")


COMMANDS = [init_sheet]
