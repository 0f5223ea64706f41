"""`bridge check`: validate the configuration (and, with the connectors, reach both systems)."""

from __future__ import annotations

import click

from bridge.errors import BridgeError, ConfigError
from cli.common import config_option
from config.loader import ENV_VARS, format_duration, load_settings
from config.settings import BranchSettings, JobSettings, Settings

__all__ = ["COMMANDS", "check", "check_systems", "summary_lines"]


def check_systems(settings: Settings) -> list[str]:
    """Reach Zetkin and Google Sheets for each branch and check its headers.

    Each problem is one line naming the branch, the system and what is wrong, with no secret
    in it: the token's session level (2 is needed to write) and the user's role in the org
    (organizer or admin) in plain words from ``bridge/messages.py``; the org and the tag list;
    the spreadsheet
    with its tabs' header rows (missing, duplicated, merged or unknown headers).
    """
    from connectors.sheets import check_headers
    from connectors.sheets.factory import open_workbook
    from jobs.context import zetkin_client_for
    from ledger import open_ledger

    problems: list[str] = []
    # The ledger holds the OAuth pair; open it only when that is where the token is.
    needs_ledger = settings.zetkin.auth == "oauth" and settings.ledger_key is not None
    ledger = open_ledger(settings.database_url.get()) if needs_ledger else None
    for branch in settings.branches:
        try:
            client = zetkin_client_for(settings, ledger, branch)
            access, readable = client.account.access_problems(
                branch.zetkin_org_id, settings.language
            )
            problems += [f"{branch.name}: Zetkin: {p}" for p in access]
            if readable:  # a plain member cannot read the org: its answer says nothing new
                client.orgs.get()
                tags = client.tags.by_title()
                wanted = (branch.reconcile.member_tag,) if branch.reconcile.enabled else ()
                for title in wanted:
                    if title not in tags:
                        problems.append(f"{branch.name}: Zetkin: the tag «{title}» does not exist")
        except BridgeError as exc:
            problems.append(f"{branch.name}: Zetkin: {exc}")
        try:
            workbook = open_workbook(settings, branch)
            problems += [f"{branch.name}: Sheets: {p}" for p in check_headers(workbook)]
        except BridgeError as exc:
            problems.append(f"{branch.name}: Sheets: {exc}")
    return problems


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
        f"  Zetkin: {settings.zetkin.base_url} (auth: {settings.zetkin.auth})",
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
@click.option("--offline", is_flag=True, help="Only validate the file; do not reach the systems.")
def check(config_path: str, offline: bool) -> None:
    """Validate the configuration, reach Zetkin and the spreadsheets, and check the headers.

    Exits 0 when everything is in order, 1 with every problem listed otherwise.
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
    if offline:
        return
    click.echo("Reaching Zetkin and Google Sheets ...")
    problems = check_systems(settings)
    if problems:
        click.echo(f"Reaching the systems found {len(problems)} problem(s):", err=True)
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        raise SystemExit(1)


COMMANDS = [check]
