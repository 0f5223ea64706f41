"""`bridge demo`: the whole product on a fictional branch, nothing leaves this machine."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import click

LABELS = {
    "created": "created in Zetkin",
    "updated": "rows updated",
    "appended": "rows appended",
    "conflicts": "conflicts",
    "review": "rows for review",
    "row_errors": "row errors",
    "pending_joins": "pending join submissions",
}


@click.command()
@click.option("--once", is_flag=True, help="Run one full cycle, print a summary and exit.")
@click.option(
    "--size",
    type=int,
    default=300,
    show_default=True,
    help="Number of people in the fictional branch.",
)
@click.option(
    "--dir",
    "workdir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where the demo keeps its config and ledger (default: a temporary folder).",
)
def demo(once: bool, size: int, workdir: str | None) -> None:
    """Run the bridge on a seeded fictional branch with local stand-ins.

    Zetkin and Google Sheets are simulated on this machine, the ledger is SQLite, and the job
    runs in-process: member reconciliation between the org and the board's member sheet.
    """
    from config.loader import load_settings
    from jobs.context import build_context
    from jobs.cycle import run_cycle
    from jobs.registry import jobs_for
    from sandbox.environment import start_sandbox

    folder = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="bridge-demo-"))
    click.echo(f"Starting the stand-ins and a fictional branch of {size} people ...")
    env = start_sandbox(folder, seed="demo", size=size)
    try:
        settings = load_settings(env.config_path)
        ctx = build_context(settings)
        branch = settings.branches[0]
        click.echo(f"Reconciling Zetkin with the «Medlemmer» tab of {branch.name} ...")
        started = time.perf_counter()
        result = run_cycle(ctx, branch, jobs_for(branch, "all"))
        elapsed = time.perf_counter() - started
        click.echo(f"\nRun {result.run_id}: {result.status} in {elapsed:.2f} s")
        for key, label in LABELS.items():
            click.echo(f"  {label:<26} {result.counts.get(key, 0)}")
        requests = result.requests
        click.echo(f"  {'API calls to Zetkin':<26} {requests.get('zetkin', 0)}")
        click.echo(f"  {'API calls to Sheets':<26} {requests.get('sheets', 0)}")
        if result.error:
            click.echo(f"  error: {result.error}")
        again = run_cycle(ctx, branch, jobs_for(branch, "all"))
        click.echo(
            f"\nA second run with nothing changed: {again.status}, "
            f"{again.counts.get('sheet_writes', 0)} sheet writes, "
            f"{again.counts.get('zetkin_writes', 0)} Zetkin writes."
        )
        click.echo(f"\nConfig and ledger: {folder}")
        if result.status == "failed" or again.status == "failed":
            raise SystemExit(1)
        if once:
            return
        click.echo(
            "\nThe stand-ins keep running; point `bridge sync reconcile --config "
            f"{env.config_path}` at them, or open the sheet through gspread at "
            f"{env.sheets.url}. The admin page comes in a later issue. Ctrl-C stops."
        )
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            click.echo("Stopped.")
    finally:
        env.stop()


COMMANDS = [demo]
