"""`bridge demo`: the whole product on a fictional branch, nothing leaves this machine."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import click

from bridge.messages import t
from cli.common import FAILED, context_or_exit, load_or_exit, status_word
from cli.demo_calls import seed_call_demo

COUNTS = ("created", "updated", "appended", "conflicts", "review", "row_errors", "pending_joins")
MEMBERS_TAB = "Medlemmer"
STATUS_HEADER = "Synkstatus"


def _rows_to_look_at(gspread_client: Any, spreadsheet_id: str) -> list[tuple[int, str]]:
    """(row number, status text) of every member row whose status is not a plain "OK": the
    rows with errors, conflicts and those for review. Only what the sheet already shows."""
    values = gspread_client.open_by_key(spreadsheet_id).worksheet(MEMBERS_TAB).get_all_values()
    if not values or STATUS_HEADER not in values[0]:
        return []
    col = values[0].index(STATUS_HEADER)
    out = []
    for number, row in enumerate(values[1:], start=2):
        status = row[col].strip() if col < len(row) else ""
        if status and not status.startswith("OK "):
            out.append((number, status))
    return out


@click.command()
@click.option("--once", is_flag=True, help="Run one full cycle, print a summary and exit.")
@click.option(
    "--size",
    type=click.IntRange(min=0),
    default=300,
    show_default=True,
    help="Number of people in the fictional branch (0 or more).",
)
@click.option(
    "--dir",
    "workdir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where the demo keeps its config and ledger, kept afterwards (default: a temporary "
    "folder, removed at the end).",
)
@click.option(
    "--admin",
    "with_admin",
    is_flag=True,
    help="Then serve the admin page on http://127.0.0.1:5000 with a one-time login.",
)
@click.option("--admin-port", type=click.IntRange(0, 65535), default=5000, hidden=True)
def demo(once: bool, size: int, workdir: str | None, with_admin: bool, admin_port: int) -> None:
    """Run the bridge on a seeded fictional branch with local stand-ins.

    Zetkin and Google Sheets are simulated on this machine, the ledger is SQLite, and the job
    runs in-process: member reconciliation between the org and the board's member sheet, and
    the call lists (callers, new members and a call round are seeded; the list is shown per
    caller).
    Prints the rows the board should look at, the pending join submissions, and what a held
    run means and how to approve it.
    """
    from jobs.cycle import run_cycle
    from jobs.registry import jobs_for
    from sandbox.doorknock_seed import seed_doorknock_demo
    from sandbox.environment import start_sandbox

    folder = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="bridge-demo-"))
    keep = workdir is not None
    lang = "nb"
    click.echo(t("demo.starting", lang, size=size))
    env = start_sandbox(folder, seed="demo", size=size)
    try:
        calls_demo = seed_call_demo(env, members=min(12, size))  # callers, members, a round
        settings = load_or_exit(str(env.config_path))
        lang = settings.language
        ctx = context_or_exit(settings)
        branch = seed_doorknock_demo(env, settings.branches[0], ctx.zetkin(settings.branches[0]))
        click.echo(t("demo.reconciling", lang, branch=branch.name))
        started = time.perf_counter()
        result = run_cycle(ctx, branch, jobs_for(branch, "all"))
        elapsed = time.perf_counter() - started
        click.echo(
            "\n"
            + t(
                "demo.run",
                lang,
                run=result.run_id,
                status=status_word(result.status, lang),
                seconds=f"{elapsed:.2f}",
            )
        )
        labels = [(t(f"cli.count.{key}", lang), result.counts.get(key, 0)) for key in COUNTS]
        labels.append((t("cli.count.zetkin_calls", lang), result.requests.get("zetkin", 0)))
        labels.append((t("cli.count.sheets_calls", lang), result.requests.get("sheets", 0)))
        if result.status == "held":
            click.echo(t("demo.planned", lang))
        for label, value in labels:
            click.echo(f"  {label:<26} {value}")
        if result.error:
            click.echo(t("cli.error", lang, error=result.error))
        if result.status == "held":
            click.echo("\n" + t("cli.held", lang, reason=result.held).strip())
            click.echo(t("demo.held", lang, run=result.run_id))
        elif result.status == "ok":
            rows = _rows_to_look_at(env.sheets.gspread_client(), env.spreadsheet_id)
            click.echo("\n" + t("demo.rows_header" if rows else "demo.no_rows", lang))
            for number, status in rows:
                click.echo(t("demo.row", lang, row=number, status=status))
            click.echo("\n".join(calls_demo.lines(lang)))
        joins = result.counts.get("pending_joins", 0)
        if joins:
            click.echo("\n" + t("demo.joins", lang, count=joins))
        failed = result.status == "failed"
        if result.status == "ok":
            again = run_cycle(ctx, branch, jobs_for(branch, "all"))
            failed = failed or again.status == "failed"
            click.echo(
                "\n"
                + t(
                    "demo.again",
                    lang,
                    status=status_word(again.status, lang),
                    sheet=again.counts.get("sheet_writes", 0),
                    zetkin=again.counts.get("zetkin_writes", 0),
                )
            )
        ctx.ledger.close()
        if keep:
            click.echo("\n" + t("demo.folder", lang, folder=folder))
        if failed:
            raise SystemExit(FAILED)
        if with_admin:  # the admin (issue 16): a failed and a held run, then the page
            from admin.demo import run_demo_admin

            return run_demo_admin(env, ctx, branch, port=admin_port)
        if once:
            return
        click.echo("\n" + t("demo.keep_running", lang, config=env.config_path, url=env.sheets.url))
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            click.echo(t("demo.stopped", lang))
    finally:
        env.stop()
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
            click.echo(t("demo.folder_removed", lang))


COMMANDS = [demo]
