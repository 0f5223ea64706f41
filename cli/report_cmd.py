"""`bridge report innspill`: the programme committee's document, from the sheet."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from cli.common import config_option, context_or_exit, fail, load_or_exit

__all__ = ["COMMANDS", "report"]


@click.group()
def report() -> None:
    """Documents made from the branch's sheet."""


@report.command("innspill")
@config_option
@click.option("--branch", "branch_name", default=None, help="The branch (default: the first).")
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html", "docx"]), default="md", show_default=True
)
@click.option(
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output; innspill.docx for docx).",
)
def innspill(config_path: str, branch_name: str | None, fmt: str, output: Path | None) -> None:
    """What voters said at the door, grouped by theme and district, with the round dates."""
    from bridge.doorknock.report import render_docx, render_html, render_markdown
    from jobs.cycle import LOCAL_TZ
    from jobs.doorknock import innspill_digest

    settings = load_or_exit(config_path)
    lang = settings.language
    branches = [b for b in settings.branches if branch_name in (None, b.name)]
    if not branches:
        fail(lang, "cli.no_branch", branch=branch_name, config=config_path)
    branch = branches[0]
    ctx = context_or_exit(settings)
    digest = innspill_digest(ctx.workbook(branch), branch, datetime.now(LOCAL_TZ))
    if fmt == "docx":
        target = output or Path("innspill.docx")
        target.write_bytes(render_docx(digest, branch.name, lang))
        click.echo(str(target))
        return
    text = (render_markdown if fmt == "md" else render_html)(digest, branch.name, lang)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(str(output))


COMMANDS = [report]
