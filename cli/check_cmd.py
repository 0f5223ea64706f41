"""`bridge check`: validate the configuration (and, with the connectors, reach both systems)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

import click

from bridge.errors import BridgeError
from bridge.messages import t
from cli.common import (
    FAILED,
    config_option,
    data_dir_problem,
    load_or_exit,
    open_ledger_or_exit,
    say,
)
from config.doorknock_settings import DoorknockSettings
from config.loader import ENV_VARS, format_duration
from config.settings import BranchSettings, JobSettings, Settings

if TYPE_CHECKING:
    from ledger import Ledger

__all__ = ["COMMANDS", "check", "check_systems", "summary_lines"]


def check_systems(settings: Settings, ledger: Ledger | None = None) -> tuple[list[str], list[str]]:
    """Reach Zetkin and Google Sheets for each branch and check its headers.

    Returns (problems, notices). Each is one line naming the branch, the system and what is
    wrong, with no secret in it: the token's session level (2 is needed to write) and the
    user's role in the org (organizer or admin) in plain words from ``bridge/messages.py``;
    the org and the tag list; the spreadsheet with its tabs' header rows (missing, duplicated
    or merged headers are problems; the board's own columns are notices, since the bridge
    never writes them). A missing tab suggests ``bridge init-sheet``.
    """
    from connectors.sheets.factory import open_workbook
    from jobs.context import zetkin_client_for

    lang = settings.language
    problems: list[str] = []
    notices: list[str] = []
    for branch in settings.branches:
        try:
            client = zetkin_client_for(settings, ledger, branch)
            access, readable = client.account.access_problems(branch.zetkin_org_id, lang)
            problems += [f"{branch.name}: Zetkin: {p}" for p in access]
            if readable:  # a plain member cannot read the org: its answer says nothing new
                client.orgs.get()
                tags = client.tags.by_title()
                wanted = (branch.reconcile.member_tag,) if branch.reconcile.enabled else ()
                for title in wanted:
                    if title not in tags:
                        problems.append(
                            f"{branch.name}: Zetkin: " + t("check.tag_missing", lang, tag=title)
                        )
        except BridgeError as exc:
            problems.append(f"{branch.name}: Zetkin: {exc}")
        try:
            workbook = open_workbook(settings, branch)
            found = workbook.header_problems()
        except BridgeError as exc:
            problems.append(f"{branch.name}: Sheets: {exc}")
            continue
        problems += [f"{branch.name}: Sheets: {p.message}" for p in found if p.fatal]
        notices += [f"{branch.name}: Sheets: {p.message}" for p in found if not p.fatal]
        if any(p.kind == "missing_tab" for p in found):
            problems.append(
                f"{branch.name}: Sheets: "
                + t("check.missing_tab_hint", lang, config=settings.source)
            )
    return problems, notices


def _job(name: str, job: JobSettings | DoorknockSettings, lang: str) -> str:
    if job.enabled:
        return t("check.job_every", lang, job=name, every=format_duration(job.every))
    return t("check.job_off", lang, job=name)


def _branch_lines(index: int, branch: BranchSettings, lang: str) -> list[str]:
    jobs = ", ".join(
        _job(name, job, lang)
        for name, job in (
            ("reconcile", branch.reconcile),
            ("calls", branch.calls),
            ("doorknock", branch.doorknock),
        )
    )
    renamed = [tab.title for tab in branch.tabs.values()]
    return [
        t(
            "check.branch",
            lang,
            index=index,
            name=repr(branch.name),
            org=branch.zetkin_org_id,
            sheet=branch.spreadsheet_id,
        ),
        t("check.districts", lang, districts=", ".join(branch.districts) or t("check.none", lang)),
        t("check.jobs", lang, jobs=jobs),
        t("check.tabs", lang, tabs=", ".join(renamed)),
    ]


def summary_lines(settings: Settings) -> list[str]:
    """A short summary of a loaded configuration: never a secret value, only set/not set."""
    lang = settings.language
    lines = [
        t("check.ok_config", lang, source=settings.source),
        t("check.data_dir", lang, path=settings.data_dir),
        t("check.language", lang, language=lang, level=settings.log_level),
        f"  Zetkin: {settings.zetkin.base_url} (auth: {settings.zetkin.auth})",
        f"  Sheets: {settings.sheets.base_url or 'Google Sheets'}",
        t("check.branches", lang, count=len(settings.branches)),
    ]
    for index, branch in enumerate(settings.branches):
        lines += _branch_lines(index, branch, lang)
    lines.append(t("check.secrets", lang))
    for name in ENV_VARS:
        source = settings.sources.get(name, "not set")
        key = _SOURCE_KEYS.get(source)
        lines.append(f"    {name}: {t(key, lang) if key else source}")
    return lines


_SOURCE_KEYS = {
    "environment": "check.secret_set",
    "not set": "check.secret_not_set",
    "file": "check.secret_file",
    "default": "check.secret_default",
}


@click.command()
@config_option
@click.option("--offline", is_flag=True, help="Only validate the file; do not reach the systems.")
def check(config_path: str, offline: bool) -> None:
    """Validate the configuration, the data folder and the ledger, reach Zetkin and the
    spreadsheets, and check the headers.

    Exits 0 when everything is in order (the board's own columns are notices, not problems),
    1 with every problem listed otherwise. The Zetkin retry cap is short here, so an
    unreachable system is reported in seconds.
    """
    settings = load_or_exit(config_path)
    lang = settings.language
    for line in summary_lines(settings):
        click.echo(line)
    if offline:
        problem = data_dir_problem(settings)
        if problem:
            click.echo(problem, err=True)
            raise SystemExit(FAILED)
        say(lang, "check.offline_ok")
        return
    ledger = open_ledger_or_exit(settings)
    say(lang, "check.reaching")
    try:
        problems, notices = check_systems(_short_retries(settings), ledger)
    finally:
        ledger.close()
    if notices:
        say(lang, "check.notices")
        for notice in notices:
            click.echo(f"  {notice}")
    if problems:
        say(lang, "check.problems", err=True, count=len(problems))
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        raise SystemExit(FAILED)
    say(lang, "check.all_ok")


CHECK_RETRY_CAP = timedelta(seconds=5)


def _short_retries(settings: Settings) -> Settings:
    """The settings with a short retry cap and timeout for both systems: a check answers in
    seconds, also when a server accepts and never answers."""
    cap, wait = CHECK_RETRY_CAP, CHECK_RETRY_CAP.total_seconds()
    zetkin = replace(
        settings.zetkin,
        retry_cap=min(settings.zetkin.retry_cap, cap),
        timeout=min(settings.zetkin.timeout, wait),
    )
    sheets = replace(
        settings.sheets,
        retry_cap=min(settings.sheets.retry_cap, cap),
        timeout=min(settings.sheets.timeout, wait),
    )
    return replace(settings, zetkin=zetkin, sheets=sheets)


COMMANDS = [check]
