"""`bridge init-sheet`: create the default workbook in an empty spreadsheet."""

from __future__ import annotations

import click

from bridge.errors import BridgeError
from cli.common import config_option
from config.loader import load_settings
from connectors.sheets import init_workbook, make_gspread_client

__all__ = ["COMMANDS", "init_sheet"]


@click.command("init-sheet")
@config_option
def init_sheet(config_path: str) -> None:
    """Create the default workbook's tabs and headers in each branch's spreadsheet.

    Tabs that already hold anything are never overwritten: that spreadsheet is refused.
    """
    failed = 0
    try:
        settings = load_settings(config_path)
        client = make_gspread_client(settings.sheets)
    except BridgeError as exc:
        raise click.ClickException(str(exc)) from None
    for branch in settings.branches:
        try:
            result = init_workbook(
                client,
                branch.spreadsheet_id,
                branch.tabs,
                retry_cap=settings.sheets.retry_cap.total_seconds(),
            )
        except BridgeError as exc:
            failed += 1
            click.echo(f"{branch.name}: {exc}", err=True)
            continue
        parts = [f"{len(result.created)} tabs created"]
        if result.prepared:
            parts.append(f"{len(result.prepared)} empty tabs given headers")
        if result.removed:
            parts.append("removed empty " + ", ".join(result.removed))
        click.echo(f"{branch.name}: {'; '.join(parts)} ({result.requests} requests)")
    if failed:
        raise SystemExit(1)


COMMANDS = [init_sheet]
