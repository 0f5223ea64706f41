"""`bridge check`: validate the configuration (and, with the connectors, reach both systems)."""

from __future__ import annotations

import click

from bridge.errors import ConfigError
from cli.common import config_option
from config.loader import ENV_VARS, format_duration, load_settings
from config.settings import BranchSettings, JobSettings, Settings

__all__ = ["COMMANDS", "check", "check_systems", "summary_lines"]


def check_systems(settings: Settings) -> list[str]:
    """Reach Zetkin and Google Sheets and check each branch's headers; return the problems.

    Empty for now: reaching Zetkin and Sheets (org and token valid, spreadsheet readable,
    every configured tab and header present) is added by the connectors. Each problem is one
    line naming the branch, system and key at fault, with no secret in it.
    """
    return []


_SOURCE_TEXT = {
    "environment": "set",
    "not set": "not set",
    "file": "not set (the file's value is used)",
    "default": "not set (the default is used)",
}


def _job(name: str, job: JobSettings) -> str:
    return f"{name} every {format_duration(job.every)}" if job.enabled else f"{name} off"


def _branch_lines(index: int, branch: BranchSettings) -> list[str]:
    jobs = ", ".join(
        _job(name, job)
        for name, job in (
            ("reconcile", branch.reconcile),
            ("calls", branch.calls),
            ("doorknock", branch.doorknock),
        )
    )
    renamed = [tab.title for tab in branch.tabs.values()]
    return [
        f"  branch[{index}] {branch.name!r}: Zetkin org {branch.zetkin_org_id}, "
        f"spreadsheet {branch.spreadsheet_id}",
        f"    districts: {', '.join(branch.districts) or '(none)'}",
        f"    jobs: {jobs}",
        f"    tabs: {', '.join(renamed)}",
    ]


def summary_lines(settings: Settings) -> list[str]:
    """A short summary of a loaded configuration: never a secret value, only set/not set."""
    lines = [
        f"Configuration OK: {settings.source}",
        f"  data folder: {settings.data_dir}",
        f"  language: {settings.language}, log level: {settings.log_level}",
        f"  Zetkin: {settings.zetkin.base_url}",
        f"  Sheets: {settings.sheets.base_url or 'Google Sheets'}",
        f"  {len(settings.branches)} branch(es):",
    ]
    for index, branch in enumerate(settings.branches):
        lines += _branch_lines(index, branch)
    lines.append("  secrets from the environment:")
    for name in ENV_VARS:
        source = settings.sources.get(name, "not set")
        lines.append(f"    {name}: {_SOURCE_TEXT.get(source, source)}")
    return lines


@click.command()
@config_option
def check(config_path: str) -> None:
    """Validate the configuration file and say exactly which key is wrong.

    Exits 0 when the configuration is valid, 1 with every problem listed otherwise.
    """
    try:
        settings = load_settings(config_path)
    except ConfigError as exc:
        problems = getattr(exc, "problems", None) or (str(exc),)
        click.echo(f"The configuration has {len(problems)} problem(s):", err=True)
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        raise SystemExit(1) from None
    for line in summary_lines(settings):
        click.echo(line)
    problems = check_systems(settings)
    if problems:
        click.echo(f"Reaching the systems found {len(problems)} problem(s):", err=True)
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        raise SystemExit(1)


COMMANDS = [check]
