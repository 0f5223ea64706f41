"""`bridge sync`: run jobs once, in-process."""

from __future__ import annotations

import json

import click

from bridge.messages import t
from cli.common import (
    DEFAULT_LANGUAGE,
    HELD,
    NOT_YET,
    SKIPPED,
    config_option,
    context_or_exit,
    fail,
    load_or_exit,
    status_word,
)


def count_label(key: str, lang: str) -> str:
    """A run count's name in ``lang`` (the key itself for a count the catalogue lacks)."""
    try:
        return t(f"cli.count.{key}", lang)
    except KeyError:
        return key


__all__ = ["HELD", "SKIPPED", "print_result", "sync"]


def print_result(result: dict[str, object], lang: str = DEFAULT_LANGUAGE) -> None:
    """One human line per run: status, counts and requests (never personal data)."""
    counts = result.get("counts") or {}
    requests = result.get("requests") or {}
    assert isinstance(counts, dict) and isinstance(requests, dict)
    parts = ", ".join(f"{count_label(str(k), lang)} {v}" for k, v in counts.items())
    calls = ", ".join(f"{k} {v}" for k, v in requests.items())
    run = f" run {result['run_id']}" if result.get("run_id") is not None else ""
    status = status_word(str(result["status"]), lang)
    click.echo(f"{result['branch']}: {result['job']}{run} {status}")
    if parts:
        click.echo(f"  {parts}")
    if calls:
        click.echo(t("cli.requests", lang, calls=calls))
    if result.get("held"):
        click.echo(t("cli.held", lang, reason=result["held"]))
        click.echo(t("cli.held_explained", lang))
        click.echo(f"    bridge sync {result['job']} --approve {result['run_id']}")
    if result.get("error"):
        click.echo(t("cli.error", lang, error=result["error"]))


@click.command()
@click.argument("job", type=click.Choice(["reconcile", "all"]))
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
    """Run one job, or every enabled job (``all``), as one branch cycle.

    Every cycle runs under the branch lock, as the worker's do. Exit status: 0 when every
    cycle succeeded, 1 when one failed, 3 when one was held for approval (a mass change or an
    empty or partial pull), 4 when one was skipped because another run held the lock.
    """
    from jobs.cycle import run_cycle
    from jobs.registry import NotBuilt, jobs_for

    settings = load_or_exit(config_path)
    lang = settings.language
    branches = [b for b in settings.branches if branch_name in (None, b.name)]
    if not branches:
        fail(lang, "cli.no_branch", branch=branch_name, config=config_path)
    if approve is not None and len(branches) != 1:
        fail(lang, "cli.approve_needs_branch")
    try:
        cycles = [(b, jobs_for(b, job)) for b in branches]
    except NotBuilt:
        click.echo(t("cli.job_not_built", lang, job=job), err=True)
        raise SystemExit(NOT_YET) from None
    # A branch with the job switched off runs only when named with --branch.
    if job == "reconcile" and branch_name is None:
        cycles = [(b, js) for b, js in cycles if b.reconcile.enabled]
    cycles = [(b, js) for b, js in cycles if js]
    ctx = context_or_exit(settings)
    results = [
        run_cycle(ctx, b, js, dry_run=dry_run, approve=approve).to_dict() for b, js in cycles
    ]
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False))
    else:
        for result in results:
            print_result(result, lang)
    statuses = {str(r["status"]) for r in results}
    if "failed" in statuses:
        raise SystemExit(1)
    if "held" in statuses:
        raise SystemExit(HELD)
    if "skipped" in statuses:
        raise SystemExit(SKIPPED)


COMMANDS = [sync]
