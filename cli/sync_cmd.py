"""`bridge sync`: run jobs once, in-process."""

from __future__ import annotations

import json
from datetime import datetime

import click

from bridge.errors import BridgeError
from cli.common import config_option

# Exit codes: 0 every run succeeded, 1 a run failed, 3 a run was held for approval,
# 4 a run was skipped because another run of the same branch held the lock.
HELD = 3
SKIPPED = 4


def print_result(result: dict[str, object]) -> None:
    """One human line per run: status, counts and requests (never personal data)."""
    counts = result.get("counts") or {}
    requests = result.get("requests") or {}
    assert isinstance(counts, dict) and isinstance(requests, dict)
    parts = ", ".join(f"{k} {v}" for k, v in counts.items())
    calls = ", ".join(f"{k} {v}" for k, v in requests.items())
    run = f" run {result['run_id']}" if result.get("run_id") is not None else ""
    click.echo(f"{result['branch']}: {result['job']}{run} {result['status']}")
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
@click.option(
    "--now",
    "now_text",
    default=None,
    metavar="TIME",
    help="Run as if at this local time, like 2026-12-14T10:00 (only where the config has "
    "allow_clock_override = true, as the sandbox's has).",
)
def sync(
    job: str,
    config_path: str,
    branch_name: str | None,
    dry_run: bool,
    as_json: bool,
    approve: int | None,
    now_text: str | None,
) -> None:
    """Run one job, or every enabled job (``all``), as one branch cycle.

    Every cycle runs under the branch lock, as the worker's do. Exit status: 0 when every
    cycle succeeded, 1 when one failed, 3 when one was held for approval (a mass change or an
    empty or partial pull), 4 when one was skipped because another run held the lock.
    """
    from bridge.messages import t
    from config.loader import load_settings
    from jobs.context import build_context
    from jobs.cycle import LOCAL_TZ, run_cycle
    from jobs.registry import NotBuilt, jobs_for

    try:
        settings = load_settings(config_path)
    except BridgeError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from None
    moment: datetime | None = None
    if now_text is not None:
        if not settings.allow_clock_override:
            click.echo(t("cli.now_refused", settings.language, file=config_path), err=True)
            raise SystemExit(1)
        try:
            moment = datetime.fromisoformat(now_text.strip())
        except ValueError:
            click.echo(t("cli.now_bad", settings.language, value=now_text), err=True)
            raise SystemExit(1) from None
        if moment.tzinfo is None:  # a wall-clock time of the branch
            moment = moment.replace(tzinfo=LOCAL_TZ)
    branches = [b for b in settings.branches if branch_name in (None, b.name)]
    if not branches:
        click.echo(f"No branch named {branch_name!r} in {config_path}.", err=True)
        raise SystemExit(1)
    if approve is not None and len(branches) != 1:
        click.echo("--approve needs --branch when the config has several branches.", err=True)
        raise SystemExit(1)
    try:
        cycles = [(b, jobs_for(b, job)) for b in branches]
    except NotBuilt:
        click.echo(f"The {job} job is not built yet (it comes in a later issue).", err=True)
        raise SystemExit(2) from None
    # A branch with the job switched off runs only when named with --branch.
    if job != "all" and branch_name is None:
        cycles = [(b, js) for b, js in cycles if all(j.enabled(b) for j in js)]
    cycles = [(b, js) for b, js in cycles if js]
    try:
        ctx = build_context(settings)
    except BridgeError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from None
    if moment is not None:
        fixed = moment
        ctx.clock = lambda: fixed
    results = [
        run_cycle(ctx, b, js, dry_run=dry_run, approve=approve).to_dict() for b, js in cycles
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
    if "skipped" in statuses:
        raise SystemExit(SKIPPED)


COMMANDS = [sync]
