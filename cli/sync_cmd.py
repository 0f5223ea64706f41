"""`bridge sync`: run jobs once, in-process."""

from __future__ import annotations

import json

import click

from bridge.errors import BridgeError
from cli.common import config_option

# Exit codes: 0 every run succeeded, 1 a run failed, 3 a run was held for approval.
HELD = 3


def print_result(result: dict[str, object]) -> None:
    """One human line per run: status, counts and requests (never personal data)."""
    counts = result.get("counts") or {}
    requests = result.get("requests") or {}
    assert isinstance(counts, dict) and isinstance(requests, dict)
    parts = ", ".join(f"{k} {v}" for k, v in counts.items())
    calls = ", ".join(f"{k} {v}" for k, v in requests.items())
    click.echo(f"{result['branch']}: {result['job']} run {result['run_id']} {result['status']}")
    if parts:
        click.echo(f"  {parts}")
    if calls:
        click.echo(f"  API requests: {calls}")
    if result.get("held"):
        click.echo(f"  held for approval: {result['held']}")
        click.echo(f"  apply it with: bridge sync {result['job']} --approve {result['run_id']}")
    if result.get("error"):
        click.echo(f"  error: {result['error']}")


@click.command()
@click.argument("job", type=click.Choice(["reconcile", "calls", "doorknock", "all"]))
@config_option
@click.option("--branch", "branch_name", default=None, help="Only this branch (default: all).")
@click.option("--dry-run", is_flag=True, help="Plan only: show what would change, write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option(
    "--approve",
    "approve",
    type=int,
    default=None,
    metavar="RUN_ID",
    help="Apply the plan a held run made, if the sources have not changed since.",
)
def sync(
    job: str,
    config_path: str,
    branch_name: str | None,
    dry_run: bool,
    as_json: bool,
    approve: int | None,
) -> None:
    """Run one job (or all) once against the configured systems.

    Exit status: 0 when every run succeeded, 1 when one failed, 3 when one was held for
    approval (a mass change or an empty pull).
    """
    from config.loader import load_settings
    from jobs.context import build_context
    from jobs.reconcile import run_reconcile

    if job in {"calls", "doorknock"}:
        click.echo(f"The {job} job is not built yet (it comes in a later issue).", err=True)
        raise SystemExit(2)
    try:
        settings = load_settings(config_path)
        ctx = build_context(settings)
    except BridgeError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from None
    branches = [b for b in settings.branches if branch_name in (None, b.name)]
    if not branches:
        click.echo(f"No branch named {branch_name!r} in {config_path}.", err=True)
        raise SystemExit(1)
    if approve is not None and len(branches) != 1:
        click.echo("--approve needs --branch when the config has several branches.", err=True)
        raise SystemExit(1)
    results = [
        run_reconcile(ctx, b, dry_run=dry_run, approve=approve).to_dict()
        for b in branches
        if b.reconcile.enabled or branch_name
    ]
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False))
    else:
        for result in results:
            print_result(result)
    statuses = {str(r["status"]) for r in results}
    if "failed" in statuses:
        raise SystemExit(1)
    if "held" in statuses:
        raise SystemExit(HELD)


COMMANDS = [sync]
