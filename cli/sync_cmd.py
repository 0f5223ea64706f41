"""`bridge sync`: run jobs once, in-process."""

from __future__ import annotations

import json
from datetime import datetime

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
from jobs.registry import JOB_NAMES, is_built


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


# Only jobs that exist are offered; the others leave --help until built.
BUILT_JOBS = [name for name in JOB_NAMES if is_built(name)]


@click.command()
@click.argument("job", type=click.Choice([*BUILT_JOBS, "all"]))
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
    from jobs.cycle import LOCAL_TZ, run_cycle
    from jobs.registry import NotBuilt, jobs_for

    settings = load_or_exit(config_path)
    lang = settings.language
    moment: datetime | None = None
    if now_text is not None:
        if not settings.allow_clock_override:
            click.echo(t("cli.now_refused", lang, file=config_path), err=True)
            raise SystemExit(1)
        try:
            moment = datetime.fromisoformat(now_text.strip())
        except ValueError:
            click.echo(t("cli.now_bad", lang, value=now_text), err=True)
            raise SystemExit(1) from None
        if moment.tzinfo is None:  # a wall-clock time of the branch
            moment = moment.replace(tzinfo=LOCAL_TZ)
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
    if job != "all" and branch_name is None:
        cycles = [(b, js) for b, js in cycles if all(j.enabled(b) for j in js)]
    cycles = [(b, js) for b, js in cycles if js]
    ctx = context_or_exit(settings)
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
            print_result(result, lang)
    statuses = {str(r["status"]) for r in results}
    if "failed" in statuses:
        raise SystemExit(1)
    if "held" in statuses:
        raise SystemExit(HELD)
    if "skipped" in statuses:
        raise SystemExit(SKIPPED)


COMMANDS = [sync]
