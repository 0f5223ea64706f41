"""`bridge init-sheet`: create the default workbook in an empty spreadsheet."""

from __future__ import annotations

import click

from bridge.errors import BridgeError
from bridge.messages import t
from cli.common import FAILED, config_option, load_or_exit
from connectors.sheets import init_workbook, make_gspread_client
from connectors.sheets.factory import sheets_host

__all__ = ["COMMANDS", "init_sheet"]


@click.command("init-sheet")
@config_option
def init_sheet(config_path: str) -> None:
    """Create the default workbook's tabs and headers in each branch's spreadsheet.

    Tabs that already hold anything are never overwritten: that spreadsheet is refused.
    """
    failed = 0
    settings = load_or_exit(config_path)
    lang = settings.language
    try:
        client = make_gspread_client(settings.sheets)
    except BridgeError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(FAILED) from None
    for branch in settings.branches:
        try:
            result = init_workbook(
                client,
                branch.spreadsheet_id,
                branch.tabs,
                retry_cap=settings.sheets.retry_cap.total_seconds(),
                language=lang,
                host=sheets_host(settings.sheets),
            )
        except BridgeError as exc:
            failed += 1
            click.echo(f"{branch.name}: {exc}", err=True)
            continue
        line = t(
            "sheets.init_done",
            lang,
            branch=branch.name,
            created=len(result.created),
            requests=result.requests,
        )
        extra = []
        if result.prepared:
            extra.append(t("sheets.init_prepared", lang, count=len(result.prepared)))
        if result.removed:
            extra.append(t("sheets.init_removed", lang, tabs=", ".join(result.removed)))
        click.echo("; ".join([line, *extra]))
    if failed:
        raise SystemExit(FAILED)


COMMANDS = [init_sheet]
